//! The statements resource: PUT one with its id, POST one or many, GET one or a filtered page.

pub mod read;
pub mod store;

use axum::{
    Json,
    body::Bytes,
    extract::{Query, State},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use serde_json::{Value, json};

use super::{
    auth::Client,
    error::{XapiError, XapiResult},
    headers::CONSISTENT_THROUGH,
};
use crate::{
    domain::xapi::{
        format::{Format, accept_language, apply},
        query::{self, StatementQuery},
    },
    server::state::AppState,
};

type Params = Query<Vec<(String, String)>>;

/// The JSON body of a statements write; attachments' raw data (multipart) is not taken yet.
fn json_body(headers: &HeaderMap, body: &Bytes) -> XapiResult<Value> {
    let kind = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    if kind.starts_with("multipart/") {
        return Err(XapiError::bad_request(
            "Statements with attachment data (multipart/mixed) are not accepted by this LRS yet; \
             send attachments by fileUrl instead.",
        ));
    }
    if !kind.starts_with("application/json") {
        return Err(XapiError::bad_request(
            "Send statements as application/json.",
        ));
    }
    let value: Value = serde_json::from_slice(body)
        .map_err(|_| XapiError::bad_request("The body is not valid JSON."))?;
    Ok(value)
}

pub async fn put(
    State(state): State<AppState>,
    client: Client,
    Query(params): Params,
    headers: HeaderMap,
    body: Bytes,
) -> XapiResult<StatusCode> {
    let id = match params.as_slice() {
        [(name, id)] if name == "statementId" => id.to_ascii_lowercase(),
        _ => {
            return Err(XapiError::bad_request(
                "PUT statements takes exactly one parameter, statementId.",
            ));
        }
    };
    if !crate::domain::xapi::is_uuid(&id) {
        return Err(XapiError::bad_request("statementId must be a UUID."));
    }
    let mut statement = json_body(&headers, &body)?;
    match statement.get("id").and_then(Value::as_str) {
        Some(given) if !given.eq_ignore_ascii_case(&id) => {
            return Err(XapiError::bad_request(
                "The statement's id differs from the statementId parameter.",
            ));
        }
        _ => {}
    }
    if let Some(map) = statement.as_object_mut() {
        map.insert("id".to_owned(), Value::String(id));
    }
    store::store(&state, &client, &[statement], chrono::Utc::now()).await?;
    Ok(StatusCode::NO_CONTENT)
}

pub async fn post(
    State(state): State<AppState>,
    client: Client,
    Query(params): Params,
    headers: HeaderMap,
    body: Bytes,
) -> XapiResult<Json<Vec<String>>> {
    if let Some((name, _)) = params.first() {
        return Err(XapiError::bad_request(format!(
            "POST statements takes no parameters ({name} was given)."
        )));
    }
    let statements = match json_body(&headers, &body)? {
        Value::Array(list) if list.is_empty() => {
            return Err(XapiError::bad_request("The list of statements is empty."));
        }
        Value::Array(list) => list,
        single => vec![single],
    };
    let ids = store::store(&state, &client, &statements, chrono::Utc::now()).await?;
    Ok(Json(ids))
}

pub async fn get(
    State(state): State<AppState>,
    client: Client,
    Query(params): Params,
    headers: HeaderMap,
) -> XapiResult<Response> {
    let languages = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map(accept_language)
        .unwrap_or_default();
    let now = store::stored_text(chrono::Utc::now());
    // A `more` link stands alone: it carries the filter it continues.
    let (filter, after) = match params.as_slice() {
        [(name, token)] if name == "more" => {
            let continuation = read::Continuation::decode(token)?;
            (continuation.filter, Some(continuation.after))
        }
        _ => match query::parse(&params).map_err(|err| XapiError::bad_request(err.0))? {
            StatementQuery::Single {
                id,
                voided,
                format,
                attachments,
            } => {
                let row = read::one(&state.db, &client, &id, voided).await?;
                if client
                    .launch
                    .as_ref()
                    .is_some_and(|scope| scope.actor_key != row.actor_key)
                {
                    return Err(XapiError::not_found(format!(
                        "No statement {id} is stored here."
                    )));
                }
                let statement: Value = serde_json::from_str(&row.statement)
                    .map_err(|_| XapiError::not_found("The statement could not be read."))?;
                let body = apply(&statement, format, &languages);
                let mut response = respond(body, attachments);
                if let Ok(value) = HeaderValue::from_str(&super::documents::http_date(row.stored)) {
                    response.headers_mut().insert(header::LAST_MODIFIED, value);
                }
                consistent(&mut response, &now);
                return Ok(response);
            }
            StatementQuery::Filter(filter) => (filter, None),
        },
    };
    let mut filter = filter;
    // Content under a launch reads only its own learner's statements.
    if let Some(scope) = &client.launch {
        match &filter.agent {
            Some(agent) if *agent != scope.actor_key => {
                return Err(XapiError::forbidden(
                    "A launch token reads only the statements of the learner it was given for.",
                ));
            }
            _ => filter.agent = Some(scope.actor_key.clone()),
        }
    }
    let format: Format = filter.format;
    let attachments = filter.attachments;
    let page = read::page(&state.db, &client, filter, after).await?;
    let statements: Vec<Value> = page
        .statements
        .iter()
        .map(|s| apply(s, format, &languages))
        .collect();
    let more = page
        .more
        .map(|c| format!("/xapi/statements?more={}", c.encode()))
        .unwrap_or_default();
    let mut response = respond(
        json!({ "statements": statements, "more": more }),
        attachments,
    );
    consistent(&mut response, &now);
    Ok(response)
}

fn consistent(response: &mut Response, now: &str) {
    if let Ok(value) = HeaderValue::from_str(now) {
        response.headers_mut().insert(CONSISTENT_THROUGH, value);
    }
}

/// The answer as JSON, or with `attachments=true` as multipart/mixed: the statements part
/// first, then one part per attachment (none here, as attachment data is not kept yet).
fn respond(body: Value, attachments: bool) -> Response {
    if !attachments {
        return Json(body).into_response();
    }
    let boundary = format!("xapi-{}", uuid::Uuid::new_v4().simple());
    let text = format!(
        "--{boundary}\r\nContent-Type: application/json\r\n\r\n{body}\r\n--{boundary}--\r\n"
    );
    (
        [(
            header::CONTENT_TYPE,
            format!("multipart/mixed; boundary={boundary}"),
        )],
        text,
    )
        .into_response()
}
