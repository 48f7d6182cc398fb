//! One file taken in: its type decided from its content, counted against the quota, and
//! sealed into storage under a pending version row that turns `stored` only once the object
//! is whole. A refused file leaves nothing behind.

use axum::extract::multipart::Field;
use chrono::Utc;
use futures_util::TryStreamExt;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QuerySelect, TransactionTrait, sea_query::Expr,
};
use tokio::io::AsyncReadExt;
use uuid::Uuid;

use super::{
    cipher::DataKey,
    objects,
    storage::fill,
    thumbnail,
    vault::{self, VaultError},
};
use crate::{
    domain::documents::{
        DocumentKind,
        file_name::safe_name,
        file_type::{FileType, TypeProblem, sniff},
    },
    error::AppError,
    server::{
        audit::{self, Action, Event, Outcome},
        auth::{self, CurrentUser},
        entities::{document, document_version},
        respond::database_error,
        state::AppState,
    },
};

/// Where an incoming file goes.
pub enum Destination {
    /// A document of its own, of this kind.
    NewDocument(DocumentKind),
    /// The next version of a document the caller owns.
    NextVersion(document::Model),
}

/// A file kept: its sanitised name and the document it belongs to.
pub struct Taken {
    pub name: String,
    pub document_id: Uuid,
    pub file_type: FileType,
}

/// The longest one file may take to arrive. The orphan sweep takes a pending version older
/// than its grace period for abandoned, so an upload must give up well before that.
pub const TIME_LIMIT: std::time::Duration = std::time::Duration::from_secs(45 * 60);

fn megabytes(bytes: u64) -> String {
    format!("{} MB", bytes / (1024 * 1024))
}

/// Bytes the clinician's documents already hold (arriving uploads included).
pub async fn used(state: &AppState, user: Uuid) -> Result<u64, AppError> {
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

/// The pending rows: a new document with its first version, or the next version of one.
async fn insert_pending(
    db: &sea_orm::DatabaseConnection,
    destination: &Destination,
    user: Uuid,
    name: &str,
    file_type: FileType,
    wrapped_key: String,
) -> Result<(Uuid, Uuid, String), sea_orm::DbErr> {
    let now = Utc::now();
    let version_id = Uuid::now_v7();
    let txn = db.begin_with_options(crate::server::db::WRITE).await?;
    let (document_id, number) = match destination {
        Destination::NewDocument(kind) => {
            let id = Uuid::now_v7();
            let title: String = name
                .rsplit_once('.')
                .map_or(name, |(stem, _)| stem)
                .chars()
                .take(120)
                .collect();
            document::ActiveModel {
                id: Set(id),
                user_id: Set(user),
                title: Set(title),
                kind: Set(kind.as_str().to_owned()),
                activity_id: Set(None),
                credential_id: Set(None),
                created_at: Set(now),
                updated_at: Set(now),
            }
            .insert(&txn)
            .await?;
            (id, 1)
        }
        Destination::NextVersion(doc) => (doc.id, next_number(&txn, doc.id).await?),
    };
    let object_key = format!("documents/{document_id}/{version_id}");
    document_version::ActiveModel {
        id: Set(version_id),
        document_id: Set(document_id),
        user_id: Set(user),
        number: Set(number),
        state: Set(document_version::state::PENDING.to_owned()),
        object_key: Set(object_key.clone()),
        wrapped_key: Set(wrapped_key),
        file_name: Set(name.to_owned()),
        content_type: Set(file_type.mime().to_owned()),
        size: Set(0),
        sha256: Set(String::new()),
        created_at: Set(now),
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok((document_id, version_id, object_key))
}

/// One past the highest version number, pending ones included, so two replacements
/// arriving together cannot take the same number (the unique index refuses the second).
async fn next_number(db: &impl ConnectionTrait, document: Uuid) -> Result<i32, sea_orm::DbErr> {
    let highest: Option<Option<i32>> = document_version::Entity::find()
        .select_only()
        .column_as(document_version::Column::Number.max(), "highest")
        .filter(document_version::Column::DocumentId.eq(document))
        .into_tuple()
        .one(db)
        .await?;
    Ok(highest.flatten().unwrap_or(0) + 1)
}

/// Takes the rows of a refused file away again; a new document goes whole.
async fn forget(state: &AppState, destination: &Destination, document: Uuid, version: Uuid) {
    let result = match destination {
        Destination::NewDocument(_) => document::Entity::delete_by_id(document)
            .exec(&state.db)
            .await
            .map(drop),
        Destination::NextVersion(_) => document_version::Entity::delete_by_id(version)
            .exec(&state.db)
            .await
            .map(drop),
    };
    if result.is_err() {
        tracing::warn!("a refused upload's pending row could not be removed; the sweep will");
    }
}

/// Stores one uploaded file; the message says why not when it is refused.
pub async fn take(
    state: &AppState,
    user: &CurrentUser,
    destination: Destination,
    field: Field<'_>,
) -> Result<Taken, String> {
    let raw_name = field.file_name().unwrap_or_default().to_owned();
    let reader = tokio_util::io::StreamReader::new(
        field.map_err(|err| std::io::Error::new(std::io::ErrorKind::ConnectionAborted, err)),
    );
    take_from(state, user.user_id, destination, &raw_name, reader).await
}

/// Stores one file read from `reader` for `user_id`, under the same checks and quota as an
/// upload (the certificates Licensure writes itself come in this way).
pub async fn take_from(
    state: &AppState,
    user_id: Uuid,
    destination: Destination,
    raw_name: &str,
    mut reader: impl tokio::io::AsyncRead + Send + Unpin,
) -> Result<Taken, String> {
    let mut head = vec![0u8; 1024];
    let filled = fill(&mut reader, &mut head)
        .await
        .map_err(|_| "The upload was cut off; nothing was kept. Try again.".to_owned())?;
    head.truncate(filled);
    let file_type = sniff(&head).map_err(|problem| match problem {
        TypeProblem::Empty => "The file is empty; nothing was kept.".to_owned(),
        other => other.to_string(),
    })?;
    let name = safe_name(raw_name, file_type);
    let limits = &state.config.storage;
    let used = used(state, user_id).await.map_err(|err| err.message)?;
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
    let (document_id, version_id, object_key) =
        insert_pending(&state.db, &destination, user_id, &name, file_type, wrapped)
            .await
            .map_err(|err| database_error(err).message)?;

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
            forget(state, &destination, document_id, version_id).await;
            return Err(format!(
                "The upload took longer than {} minutes and was stopped; nothing was kept. Try again on a faster connection.",
                TIME_LIMIT.as_secs() / 60
            ));
        }
        Ok(Err(err)) => {
            forget(state, &destination, document_id, version_id).await;
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
    // A thumbnail is a convenience: without one the list shows the file's type instead.
    thumbnail::make(state, &object_key, &key, file_type, stored.size).await;
    let failure = match mark_stored(state, document_id, version_id, &stored).await {
        Ok(true) => None,
        // The row went while the bytes streamed: the account was deleted, or the sweep
        // took the upload for abandoned. The object must not outlive it.
        Ok(false) => Some("The upload could not be completed; nothing was kept. Try again.".into()),
        Err(err) => Some(database_error(err).message),
    };
    if let Some(message) = failure {
        if let Err(err) = objects::destroy(&state.storage, &object_key).await {
            tracing::warn!(error = %err, "an unfinished upload's objects could not be removed; the sweep will");
        }
        forget(state, &destination, document_id, version_id).await;
        return Err(message);
    }
    let action = match destination {
        Destination::NewDocument(_) => Action::DocumentUploaded,
        Destination::NextVersion(_) => Action::DocumentVersionAdded,
    };
    let event = Event {
        actor: Some(user_id),
        action,
        target: Some(format!("document:{document_id}")),
        client_addr: auth::client_addr(),
        outcome: Outcome::Success,
        reason: None,
    };
    audit::record_or_log(&state.db, event, Utc::now()).await;
    Ok(Taken {
        name,
        document_id,
        file_type,
    })
}

/// The version becomes visible, with its size and digest, and its document moves to the
/// top; `false` when its pending row is gone.
async fn mark_stored(
    state: &AppState,
    document_id: Uuid,
    version_id: Uuid,
    stored: &vault::Stored,
) -> Result<bool, sea_orm::DbErr> {
    let txn = state
        .db
        .begin_with_options(crate::server::db::WRITE)
        .await?;
    let marked = document_version::Entity::update_many()
        .col_expr(
            document_version::Column::State,
            Expr::value(document_version::state::STORED),
        )
        .col_expr(
            document_version::Column::Size,
            Expr::value(i64::try_from(stored.size).unwrap_or(i64::MAX)),
        )
        .col_expr(
            document_version::Column::Sha256,
            Expr::value(stored.sha256.clone()),
        )
        .filter(document_version::Column::Id.eq(version_id))
        .filter(document_version::Column::State.eq(document_version::state::PENDING))
        .exec(&txn)
        .await?;
    if marked.rows_affected != 1 {
        return Ok(false);
    }
    document::Entity::update_many()
        .col_expr(document::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(document::Column::Id.eq(document_id))
        .exec(&txn)
        .await?;
    txn.commit().await.map(|()| true)
}
