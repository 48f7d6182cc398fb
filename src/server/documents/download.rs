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

use super::{
    cipher::DataKey,
    library::owned,
    storage::StorageError,
    thumbnail,
    vault::{self, VaultError},
};
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

/// The stored version asked for (the newest when no number is given) of a document.
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

/// The version's data key, unwrapped with the master key.
pub(super) fn data_key(
    state: &AppState,
    version: &document_version::Model,
) -> Result<DataKey, AppError> {
    state
        .master_key
        .open(&version.wrapped_key)
        .ok()
        .and_then(|bytes| DataKey::from_bytes(&bytes))
        .ok_or_else(|| {
            tracing::error!("a document's data key could not be unwrapped");
            AppError::internal()
        })
}

/// Headers every document response carries: its own type, no sniffing, no caching, and a
/// policy under which even a file a browser might treat as active content runs in an
/// empty, sandboxed origin.
fn sealed_headers(response: &mut Response, mime: &'static str) {
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
        ),
    );
}

/// A version's bytes, opened as they stream, as a download or (asked for) inline.
pub(crate) async fn serve(
    state: &AppState,
    version: &document_version::Model,
    inline: bool,
) -> Result<Response, AppError> {
    let key = data_key(state, version)?;
    let stream = vault::open(&state.storage, &version.object_key, &key)
        .await
        .map_err(|err| {
            tracing::error!(error = %err, "a stored document could not be opened");
            AppError::unavailable()
        })?;
    let mime = FileType::from_mime(&version.content_type)
        .map(FileType::mime)
        .unwrap_or("application/octet-stream");
    let mut response = Body::from_stream(stream).into_response();
    sealed_headers(&mut response, mime);
    let disposition = if inline { "inline" } else { "attachment" };
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&content_disposition(disposition, &version.file_name))
    {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    if let Ok(length) = HeaderValue::from_str(&version.size.to_string()) {
        headers.insert(header::CONTENT_LENGTH, length);
    }
    Ok(response)
}

async fn open(state: AppState, id: String, query: FileQuery) -> Result<Response, AppError> {
    let user = auth::require(&state, Permission::OwnAccount).await?;
    let doc = owned(&state.db, user.user_id, &id).await?;
    let version = stored_version(&state.db, doc.id, query.version.as_deref()).await?;
    serve(&state, &version, query.view.as_deref() == Some("inline")).await
}

/// A version's thumbnail; "not found" when it has none (PDFs, HEIC, a failed preview).
async fn preview(state: AppState, id: String, query: FileQuery) -> Result<Response, AppError> {
    let user = auth::require(&state, Permission::OwnAccount).await?;
    let doc = owned(&state.db, user.user_id, &id).await?;
    let version = stored_version(&state.db, doc.id, query.version.as_deref()).await?;
    let key = data_key(&state, &version)?;
    let object = thumbnail::key_of(&version.object_key);
    let whole = vault::read_whole(&state.storage, &object, &key, 1024 * 1024).await;
    let bytes = match whole {
        Ok(Some(bytes)) => bytes,
        Ok(None) | Err(VaultError::Storage(StorageError::NotFound)) => {
            return Err(AppError::not_found());
        }
        Err(err) => {
            tracing::error!(error = %err, "a thumbnail could not be opened");
            return Err(AppError::unavailable());
        }
    };
    let mut response = Body::from(bytes).into_response();
    sealed_headers(&mut response, "image/jpeg");
    Ok(response)
}

pub async fn thumbnail(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<FileQuery>,
    request: Request,
) -> Response {
    let (parts, _) = request.into_parts();
    match in_request(state.clone(), parts, preview(state, id, query)).await {
        Ok(response) => response,
        Err(err) => plain_refusal(err),
    }
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
