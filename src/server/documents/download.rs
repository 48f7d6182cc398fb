//! `GET /documents/{id}/file`: a version of the caller's document, opened as it streams.
//! Served as a file, never as a page: its own type, `nosniff`, a sandboxing policy, and
//! `attachment` unless the clinician asked to view it in the browser.

use axum::{
    body::Body,
    extract::{Path, Query, Request, State},
    http::{HeaderValue, header},
    response::{IntoResponse, Response},
};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Deserialize;
use uuid::Uuid;

use super::{cipher::DataKey, library::owned, vault};
use crate::{
    domain::documents::{file_name::content_disposition, file_type::FileType},
    error::AppError,
    server::{
        auth::{self, Permission},
        entities::document_version,
        request_context::in_request,
        respond::{database_error, plain_refusal},
        state::AppState,
    },
};

#[derive(Debug, Default, Deserialize)]
pub struct FileQuery {
    /// A version number; the newest when absent.
    #[serde(default)]
    pub version: Option<String>,
    /// `inline` to view in the browser; anything else downloads.
    #[serde(default)]
    pub view: Option<String>,
}

/// The document's stored version `number` (the newest when absent); "not found" otherwise.
pub(crate) async fn stored_version(
    db: &impl ConnectionTrait,
    document: Uuid,
    number: Option<&str>,
) -> Result<document_version::Model, AppError> {
    let mut versions = document_version::Entity::find()
        .filter(document_version::Column::DocumentId.eq(document))
        .filter(document_version::Column::State.eq(document_version::state::STORED))
        .order_by_desc(document_version::Column::Number);
    if let Some(number) = number.filter(|v| !v.is_empty()) {
        let number: i32 = number.parse().map_err(|_| AppError::not_found())?;
        versions = versions.filter(document_version::Column::Number.eq(number));
    }
    versions
        .one(db)
        .await
        .map_err(database_error)?
        .ok_or_else(AppError::not_found)
}

async fn open(state: AppState, id: String, query: FileQuery) -> Result<Response, AppError> {
    let user = auth::require(&state, Permission::OwnAccount).await?;
    let doc = owned(&state.db, user.user_id, &id).await?;
    let version = stored_version(&state.db, doc.id, query.version.as_deref()).await?;
    let inline = query.view.as_deref() == Some("inline");
    serve(&state, &version, inline).await
}

/// The version's bytes as they open, with the headers that keep a browser from treating
/// them as a page; `attachment` unless `inline`.
pub(crate) async fn serve(
    state: &AppState,
    version: &document_version::Model,
    inline: bool,
) -> Result<Response, AppError> {
    let key = state
        .master_key
        .open(&version.wrapped_key)
        .ok()
        .and_then(|bytes| DataKey::from_bytes(&bytes))
        .ok_or_else(|| {
            tracing::error!("a document's data key could not be unwrapped");
            AppError::internal()
        })?;
    let stream = vault::open(&state.storage, &version.object_key, &key)
        .await
        .map_err(|err| {
            tracing::error!(error = %err, "a stored document could not be opened");
            AppError::unavailable()
        })?;
    let mime = FileType::from_mime(&version.content_type)
        .map(FileType::mime)
        .unwrap_or("application/octet-stream");
    let disposition = if inline { "inline" } else { "attachment" };
    let mut response = Body::from_stream(stream).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
    if let Ok(value) = HeaderValue::from_str(&content_disposition(disposition, &version.file_name))
    {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    if let Ok(length) = HeaderValue::from_str(&version.size.to_string()) {
        headers.insert(header::CONTENT_LENGTH, length);
    }
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    // Even a file a browser might treat as active content runs in an empty, sandboxed origin.
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
        ),
    );
    Ok(response)
}

pub async fn file(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<FileQuery>,
    request: Request,
) -> Response {
    let (parts, _) = request.into_parts();
    match in_request(state.clone(), parts, open(state, id, query)).await {
        Ok(response) => response,
        Err(err) => plain_refusal(err),
    }
}
