//! `POST /documents/upload` (new documents, several files at once) and
//! `POST /documents/{id}/versions` (one file replacing a document's current version), as
//! multipart form data. Each file streams through sealing into storage with a small, fixed
//! amount of memory and gets its own result.

use axum::{
    Json,
    body::Body,
    extract::{FromRequest, Multipart, Path, Request, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};

use super::{
    intake::{self, Destination},
    library::owned,
    paced::Paced,
};
use crate::{
    domain::documents::DocumentKind,
    error::AppError,
    features::documents::UploadResult,
    server::{
        auth::{self, Permission},
        request_context::in_request,
        respond::status_of,
        state::AppState,
    },
};

/// Files one request may carry; more are refused with a message.
pub const MAX_FILES: usize = 20;

const CUT_OFF: &str = "The upload could not be read to its end (cut off or malformed); files from here on were not kept.";

/// Every file in the form becomes a document of the kind given before it (`kind` field).
async fn upload_all(state: AppState, mut form: Multipart) -> Result<Vec<UploadResult>, AppError> {
    let user = auth::require(&state, Permission::OwnAccount).await?;
    let mut kind = DocumentKind::Other;
    let mut results = Vec::new();
    loop {
        let field = match form.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(_) => {
                results.push(UploadResult::refused("", CUT_OFF));
                break;
            }
        };
        if field.name() == Some("kind") {
            let text = field.text().await.unwrap_or_default();
            kind = DocumentKind::parse(&text).map_err(|p| AppError::bad_request(p.to_string()))?;
            continue;
        }
        // A file input left empty still sends a part, with an empty name and no bytes.
        if field.file_name().is_none_or(str::is_empty) {
            continue;
        }
        if results.len() == MAX_FILES {
            results.push(UploadResult::refused(
                field.file_name().unwrap_or_default(),
                &format!("At most {MAX_FILES} files go up at once; send the rest again."),
            ));
            break;
        }
        let shown = shown_name(field.file_name());
        let destination = Destination::NewDocument(kind);
        results.push(
            match intake::take(&state, &user, destination, field).await {
                Ok(taken) => UploadResult::stored(&taken.name, taken.document_id.to_string()),
                Err(message) => UploadResult::refused(&shown, &message),
            },
        );
    }
    Ok(results)
}

/// The first file in the form becomes the document's next version; the earlier ones stay.
async fn replace(
    state: AppState,
    id: String,
    mut form: Multipart,
) -> Result<UploadResult, AppError> {
    let user = auth::require(&state, Permission::OwnAccount).await?;
    let doc = owned(&state.db, user.user_id, &id).await?;
    loop {
        let field = match form.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(_) => return Ok(UploadResult::refused("", CUT_OFF)),
        };
        if field.file_name().is_none_or(str::is_empty) {
            continue;
        }
        let shown = shown_name(field.file_name());
        let destination = Destination::NextVersion(doc);
        return Ok(
            match intake::take(&state, &user, destination, field).await {
                Ok(taken) => UploadResult::stored(&taken.name, taken.document_id.to_string()),
                Err(message) => UploadResult::refused(&shown, &message),
            },
        );
    }
    Err(AppError::bad_request(
        "Choose the file that replaces this one.",
    ))
}

/// The name as the browser sent it, only for the message about a refused file.
fn shown_name(raw: Option<&str>) -> String {
    raw.unwrap_or_default()
        .chars()
        .filter(|c| !c.is_control())
        .take(120)
        .collect()
}

async fn multipart(request: Request) -> Result<(http::request::Parts, Multipart), Response> {
    let (parts, body) = request.into_parts();
    // The parser buffers whatever the body has ready; paced, it holds 64 KiB at a time.
    let body = Body::from_stream(Paced::new(body.into_data_stream()));
    Multipart::from_request(Request::from_parts(parts.clone(), body), &())
        .await
        .map(|form| (parts, form))
        .map_err(|_| {
            (
                StatusCode::BAD_REQUEST,
                "Send the files as a multipart form.",
            )
                .into_response()
        })
}

/// A form a browser without JavaScript submitted: it gets a page back, not JSON.
fn from_plain_form(parts: &http::request::Parts) -> bool {
    parts
        .headers
        .get(http::header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"))
}

pub async fn upload(State(state): State<AppState>, request: Request) -> Response {
    let (parts, form) = match multipart(request).await {
        Ok(found) => found,
        Err(refusal) => return refusal,
    };
    let plain = from_plain_form(&parts);
    match in_request(state.clone(), parts, upload_all(state, form)).await {
        // Counts only: a refused file's name stays out of the address bar and the logs.
        Ok(results) if plain => {
            let stored = results.iter().filter(|r| r.stored).count();
            let refused = results.len() - stored;
            Redirect::to(&format!("/documents?stored={stored}&refused={refused}")).into_response()
        }
        // A plain form with no file chosen lands above with 0 and 0, which the page explains.
        Ok(results) if results.is_empty() => {
            let err = AppError::bad_request("Choose at least one file to upload.");
            (status_of(&err), Json(err)).into_response()
        }
        Ok(results) => Json(results).into_response(),
        Err(err) => (status_of(&err), Json(err)).into_response(),
    }
}

pub async fn new_version(
    State(state): State<AppState>,
    Path(id): Path<String>,
    request: Request,
) -> Response {
    let (parts, form) = match multipart(request).await {
        Ok(found) => found,
        Err(refusal) => return refusal,
    };
    match in_request(state.clone(), parts, replace(state, id, form)).await {
        Ok(result) => Json(result).into_response(),
        Err(err) => (status_of(&err), Json(err)).into_response(),
    }
}
