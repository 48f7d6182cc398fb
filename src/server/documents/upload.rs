//! `POST /documents/upload`: one or more files as multipart form data, each streamed through
//! sealing into storage with a small, fixed amount of memory. Each file gets its own result;
//! a refused file leaves nothing behind.

use axum::{
    Json,
    body::Body,
    extract::{FromRequest, Multipart, Request, State, multipart::Field},
    http::StatusCode,
    response::{IntoResponse, Response},
};
use chrono::Utc;
use futures_util::TryStreamExt;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QuerySelect,
    TransactionTrait,
};
use tokio::io::AsyncReadExt;
use uuid::Uuid;

use super::{
    cipher::DataKey,
    paced::Paced,
    storage::fill,
    vault::{self, VaultError},
};
use crate::{
    domain::documents::{
        DocumentKind,
        file_name::safe_name,
        file_type::{TypeProblem, sniff},
    },
    error::AppError,
    features::documents::UploadResult,
    server::{
        audit::{self, Action, Event, Outcome},
        auth::{self, CurrentUser, Permission},
        entities::{document, document_version},
        request_context::in_request,
        respond::{database_error, status_of},
        state::AppState,
    },
};

/// Files one request may carry; more are refused with a message.
pub const MAX_FILES: usize = 20;

/// The longest one file may take to arrive. The orphan sweep takes a pending version older
/// than its grace period for abandoned, so an upload must give up well before that.
pub const TIME_LIMIT: std::time::Duration = std::time::Duration::from_secs(45 * 60);

fn megabytes(bytes: u64) -> String {
    format!("{} MB", bytes / (1024 * 1024))
}

/// Bytes the clinician's documents already hold (arriving uploads included).
async fn used(state: &AppState, user: Uuid) -> Result<u64, AppError> {
    let sizes: Vec<i64> = document_version::Entity::find()
        .select_only()
        .column(document_version::Column::Size)
        .filter(document_version::Column::UserId.eq(user))
        .into_tuple()
        .all(&state.db)
        .await
        .map_err(database_error)?;
    Ok(sizes
        .into_iter()
        .map(|s| u64::try_from(s).unwrap_or_default())
        .sum())
}

/// Stores one file as a new document; the message says why not when it is refused.
async fn store_file(
    state: &AppState,
    user: &CurrentUser,
    kind: DocumentKind,
    field: Field<'_>,
) -> Result<(String, Uuid), String> {
    let raw_name = field.file_name().unwrap_or_default().to_owned();
    let mut reader = tokio_util::io::StreamReader::new(
        field.map_err(|err| std::io::Error::new(std::io::ErrorKind::ConnectionAborted, err)),
    );
    let mut head = vec![0u8; 1024];
    let filled = fill(&mut reader, &mut head)
        .await
        .map_err(|_| "The upload was cut off; nothing was kept. Try again.".to_owned())?;
    head.truncate(filled);
    let file_type = sniff(&head).map_err(|problem| match problem {
        TypeProblem::Empty => "The file is empty; nothing was kept.".to_owned(),
        other => other.to_string(),
    })?;
    let name = safe_name(&raw_name, file_type);
    let limits = &state.config.storage;
    let used = used(state, user.user_id).await.map_err(|err| err.message)?;
    let left = limits.quota.saturating_sub(used);
    if left == 0 {
        return Err(format!(
            "Your documents already use your whole quota of {}; delete some to make room.",
            megabytes(limits.quota)
        ));
    }
    let limit = limits.upload_limit.min(left);

    let key = DataKey::generate();
    let wrapped = state.master_key.seal(key.as_bytes()).map_err(|_| {
        tracing::error!("a document key could not be sealed");
        "The file could not be stored; try again later.".to_owned()
    })?;
    let now = Utc::now();
    let (document_id, version_id) = (Uuid::now_v7(), Uuid::now_v7());
    let object_key = format!("documents/{document_id}/{version_id}");
    let title: String = name
        .rsplit_once('.')
        .map_or(name.as_str(), |(stem, _)| stem)
        .chars()
        .take(120)
        .collect();
    let insert = async {
        let txn = state.db.begin().await?;
        document::ActiveModel {
            id: Set(document_id),
            user_id: Set(user.user_id),
            title: Set(title),
            kind: Set(kind.as_str().to_owned()),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(&txn)
        .await?;
        document_version::ActiveModel {
            id: Set(version_id),
            document_id: Set(document_id),
            user_id: Set(user.user_id),
            number: Set(1),
            state: Set(document_version::state::PENDING.to_owned()),
            object_key: Set(object_key.clone()),
            wrapped_key: Set(wrapped),
            file_name: Set(name.clone()),
            content_type: Set(file_type.mime().to_owned()),
            size: Set(0),
            sha256: Set(String::new()),
            created_at: Set(now),
        }
        .insert(&txn)
        .await?;
        txn.commit().await
    };
    insert.await.map_err(|err| database_error(err).message)?;

    let mut body = head.as_slice().chain(reader);
    let stored = tokio::time::timeout(
        TIME_LIMIT,
        vault::store(&state.storage, &object_key, &key, &mut body, limit),
    )
    .await;
    let stored = match stored {
        Ok(Ok(stored)) => stored,
        Err(_) => {
            // Stopped mid-write: storage may hold a whole object already; an unfinished
            // multipart upload is left to the sweep.
            let _ = state.storage.destroy(&object_key).await;
            let _ = document::Entity::delete_by_id(document_id)
                .exec(&state.db)
                .await;
            return Err(format!(
                "The upload took longer than {} minutes and was stopped; nothing was kept. Try again on a faster connection.",
                TIME_LIMIT.as_secs() / 60
            ));
        }
        Ok(Err(err)) => {
            // Nothing half-visible: the pending rows go with the object.
            let _ = document::Entity::delete_by_id(document_id)
                .exec(&state.db)
                .await;
            return Err(match err {
                VaultError::TooLarge { .. } if limit < limits.upload_limit => format!(
                    "This file would take you over your quota of {} ({} left); nothing was kept.",
                    megabytes(limits.quota),
                    megabytes(left)
                ),
                VaultError::TooLarge { .. } => format!(
                    "The file is larger than the {} limit; nothing was kept.",
                    megabytes(limits.upload_limit)
                ),
                VaultError::Interrupted => {
                    "The upload was cut off; nothing was kept. Try again.".into()
                }
                other => {
                    tracing::error!(error = %other, "a document could not be stored");
                    "Document storage is not reachable right now; nothing was kept. Try again later.".into()
                }
            });
        }
    };
    let update = document_version::Entity::update_many()
        .col_expr(
            document_version::Column::State,
            sea_orm::sea_query::Expr::value(document_version::state::STORED),
        )
        .col_expr(
            document_version::Column::Size,
            sea_orm::sea_query::Expr::value(i64::try_from(stored.size).unwrap_or(i64::MAX)),
        )
        .col_expr(
            document_version::Column::Sha256,
            sea_orm::sea_query::Expr::value(stored.sha256),
        )
        .filter(document_version::Column::Id.eq(version_id))
        .filter(document_version::Column::State.eq(document_version::state::PENDING))
        .exec(&state.db)
        .await;
    let failure = match update {
        Ok(done) if done.rows_affected == 1 => None,
        // The row went while the bytes streamed: the account was deleted, or the sweep
        // took the upload for abandoned. The object must not outlive it.
        Ok(_) => Some("The upload could not be completed; nothing was kept. Try again.".into()),
        Err(err) => Some(database_error(err).message),
    };
    if let Some(message) = failure {
        if let Err(err) = state.storage.destroy(&object_key).await {
            tracing::warn!(error = %err, "an unfinished upload's object could not be removed; the sweep will");
        }
        let _ = document::Entity::delete_by_id(document_id)
            .exec(&state.db)
            .await;
        return Err(message);
    }
    let event = Event {
        actor: Some(user.user_id),
        action: Action::DocumentUploaded,
        target: Some(format!("document:{document_id}")),
        client_addr: auth::client_addr(),
        outcome: Outcome::Success,
        reason: None,
    };
    audit::record_or_log(&state.db, event, Utc::now()).await;
    Ok((name, document_id))
}

async fn upload_all(state: AppState, mut form: Multipart) -> Result<Vec<UploadResult>, AppError> {
    let user = auth::require(&state, Permission::OwnAccount).await?;
    let mut kind = DocumentKind::Other;
    let mut results = Vec::new();
    loop {
        let field = match form.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(_) => {
                results.push(UploadResult::refused(
                    "",
                    "The upload could not be read to its end (cut off or malformed); files from here on were not kept.",
                ));
                break;
            }
        };
        if field.name() == Some("kind") {
            let text = field.text().await.unwrap_or_default();
            kind = DocumentKind::parse(&text).map_err(|p| AppError::bad_request(p.to_string()))?;
            continue;
        }
        if field.file_name().is_none() {
            continue;
        }
        if results.len() == MAX_FILES {
            results.push(UploadResult::refused(
                field.file_name().unwrap_or_default(),
                &format!("At most {MAX_FILES} files go up at once; send the rest again."),
            ));
            break;
        }
        let shown = field
            .file_name()
            .unwrap_or_default()
            .chars()
            .take(120)
            .collect::<String>();
        results.push(match store_file(&state, &user, kind, field).await {
            Ok((name, id)) => UploadResult::stored(&name, id.to_string()),
            Err(message) => UploadResult::refused(&shown, &message),
        });
    }
    if results.is_empty() {
        return Err(AppError::bad_request("Choose at least one file to upload."));
    }
    Ok(results)
}

pub async fn upload(State(state): State<AppState>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let body = Body::from_stream(Paced::new(body.into_data_stream()));
    let form = match Multipart::from_request(Request::from_parts(parts.clone(), body), &()).await {
        Ok(form) => form,
        Err(_) => {
            return (
                StatusCode::BAD_REQUEST,
                "Send the files as a multipart form.",
            )
                .into_response();
        }
    };
    match in_request(state.clone(), parts, upload_all(state, form)).await {
        Ok(results) => Json(results).into_response(),
        Err(err) => (status_of(&err), Json(err)).into_response(),
    }
}
