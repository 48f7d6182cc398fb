//! An account's documents in the console. Listed with the account's records; a file opens
//! only for a reason the audit log keeps, and a document holding patient information is
//! destroyed at once (every version, every stored copy, its keys) with the reason audited.

use axum::{
    extract::{Path, Query, Request, State},
    response::Response,
};
use chrono::Utc;
use sea_orm::EntityTrait;
use serde::Deserialize;
use uuid::Uuid;

use super::admin;
use crate::{
    domain::admin as rules,
    error::AppError,
    server::{
        audit::{self, Action, Event, Outcome},
        auth,
        documents::{download, library},
        entities::document,
        request_context::in_request,
        respond::{database_error, plain_refusal, record_id},
        state::AppState,
    },
};

#[derive(Debug, Default, Deserialize)]
pub struct AdminFileQuery {
    #[serde(default)]
    pub reason: Option<String>,
    /// A version number; the newest when absent.
    #[serde(default)]
    pub version: Option<String>,
}

fn checked_reason(raw: Option<String>) -> Result<String, AppError> {
    rules::reason(&raw.unwrap_or_default()).map_err(|p| AppError::bad_request(p.to_string()))
}

/// Any account's document, for an administrator.
async fn find(state: &AppState, id: &str) -> Result<document::Model, AppError> {
    document::Entity::find_by_id(record_id(id)?)
        .one(&state.db)
        .await
        .map_err(database_error)?
        .ok_or_else(AppError::not_found)
}

fn event(me: Uuid, action: Action, doc: &document::Model, reason: String) -> Event {
    Event {
        actor: Some(me),
        action,
        target: Some(format!("document:{}", doc.id)),
        client_addr: auth::client_addr(),
        outcome: Outcome::Success,
        reason: Some(reason),
    }
}

async fn open(id: String, query: AdminFileQuery) -> Result<Response, AppError> {
    let (state, me) = admin().await?;
    let reason = checked_reason(query.reason)?;
    let doc = find(&state, &id).await?;
    let version = download::stored_version(&state.db, doc.id, query.version.as_deref()).await?;
    // No byte is served unless the look at it is on the record first.
    let event = event(me.user_id, Action::AccountDocumentViewed, &doc, reason);
    audit::record(&state.db, event, Utc::now())
        .await
        .map_err(database_error)?;
    // Always as an attachment: the console never renders a clinician's file itself.
    download::serve(&state, &version, false).await
}

/// `GET /admin/documents/{id}/file?reason=…&version=…`: a version of any account's
/// document, for an administrator who says why.
pub async fn file(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<AdminFileQuery>,
    request: Request,
) -> Response {
    let (parts, _) = request.into_parts();
    match in_request(state, parts, open(id, query)).await {
        Ok(response) => response,
        Err(err) => plain_refusal(err),
    }
}

/// "Destroy: contains patient information": every version's objects and the rows with
/// their wrapped keys go at once; the audit log keeps who, when and why, never the file's
/// name or anything read from it.
pub async fn destroy(id: String, reason: String) -> Result<(), AppError> {
    let (state, me) = admin().await?;
    let reason = checked_reason(Some(reason))?;
    let doc = find(&state, &id).await?;
    library::remove(&state, &doc).await?;
    let event = event(me.user_id, Action::DocumentDestroyed, &doc, reason);
    audit::record(&state.db, event, Utc::now())
        .await
        .map_err(database_error)
}
