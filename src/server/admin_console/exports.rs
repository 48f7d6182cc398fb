//! CSV downloads of the audit log and the access review. Plain routes rather than server
//! functions, since a browser saves their answer as a file; each runs the same checks as
//! the console's server functions, with the request's session as their context.

use axum::{
    extract::{Query, Request, State},
    http::{HeaderValue, header},
    response::{IntoResponse, Response},
};

use super::{access_review, admin, audit_log};
use crate::{
    domain::admin::AuditQueryForm,
    error::AppError,
    server::{
        audit::{self, Action, Event, Outcome},
        auth,
        respond::plain_refusal,
        state::AppState,
    },
};

async fn in_request<T>(
    state: AppState,
    request: Request,
    work: impl Future<Output = Result<T, AppError>>,
) -> Result<T, AppError> {
    let (parts, _) = request.into_parts();
    crate::server::request_context::in_request(state, parts, work).await
}

fn csv_file(name: &str, body: String) -> Response {
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

/// `GET /admin/audit.csv` with the audit page's filters.
pub async fn audit_csv(
    State(state): State<AppState>,
    Query(form): Query<AuditQueryForm>,
    request: Request,
) -> Response {
    let day = chrono::Utc::now().format("%Y-%m-%d");
    match in_request(state, request, audit_log::export(form)).await {
        Ok(body) => csv_file(&format!("licensure-audit-{day}.csv"), body),
        Err(err) => plain_refusal(err),
    }
}

/// `GET /admin/access.csv`: the access review as it stands.
pub async fn access_csv(State(state): State<AppState>, request: Request) -> Response {
    let day = chrono::Utc::now().format("%Y-%m-%d");
    let work = async {
        let (state, me) = admin().await?;
        let rows = access_review::rows(&state, &me).await?;
        let event = Event {
            actor: Some(me.user_id),
            action: Action::AccessReviewExported,
            target: None,
            client_addr: auth::client_addr(),
            outcome: Outcome::Success,
            reason: None,
        };
        audit::record_or_log(&state.db, event, chrono::Utc::now()).await;
        Ok(access_review::to_csv(&rows))
    };
    match in_request(state, request, work).await {
        Ok(body) => csv_file(&format!("licensure-access-review-{day}.csv"), body),
        Err(err) => plain_refusal(err),
    }
}
