//! A clinician's documents: listed, renamed, deleted, and destroyed at once when they hold
//! patient information. Another clinician's document id answers "not found", always.

use std::collections::HashMap;

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel,
    QueryFilter, QueryOrder, TransactionTrait,
};
use uuid::Uuid;

use super::{intake, links, objects};
use crate::{
    domain::documents::{self as rules, DocumentKind},
    error::AppError,
    features::documents::{Allowance, DocumentView, VersionView},
    server::{
        audit::{self, Action, Event, Outcome},
        auth, display,
        entities::{document, document_version},
        respond::database_error,
        state::AppState,
        workspace::{clinician, credentials, record_id},
    },
};

/// The caller's document with this id, or "not found" for anyone else's.
pub(crate) async fn owned(
    db: &impl ConnectionTrait,
    user: Uuid,
    id: &str,
) -> Result<document::Model, AppError> {
    document::Entity::find_by_id(record_id(id)?)
        .filter(document::Column::UserId.eq(user))
        .one(db)
        .await
        .map_err(database_error)?
        .ok_or_else(AppError::not_found)
}

/// The document as listed, with its stored versions (`versions` are this document's own)
/// and the titles of what it links to.
fn view(
    row: document::Model,
    versions: Vec<document_version::Model>,
    titles: &HashMap<Uuid, String>,
) -> DocumentView {
    let kind = DocumentKind::parse(&row.kind).unwrap_or(DocumentKind::Other);
    let mut versions: Vec<VersionView> = versions
        .into_iter()
        .filter(|v| v.state == document_version::state::STORED)
        .map(|v| VersionView {
            number: v.number,
            file_name: v.file_name,
            content_type: v.content_type,
            size: u64::try_from(v.size).unwrap_or_default(),
            uploaded: display::minute(v.created_at),
        })
        .collect();
    versions.sort_by_key(|v| std::cmp::Reverse(v.number));
    DocumentView {
        id: row.id.to_string(),
        title: row.title,
        kind: kind.as_str().to_owned(),
        kind_label: kind.label().to_owned(),
        activity: links::shown(row.activity_id, titles),
        credential: links::shown(row.credential_id, titles),
        versions,
    }
}

/// Titles of the caller's activities and credentials, for the links shown.
async fn link_titles(state: &AppState, user: Uuid) -> Result<HashMap<Uuid, String>, AppError> {
    let catalog = state.catalog.current();
    links::titles(&state.db, user, |row| credentials::title_of(row, &catalog)).await
}

/// The account's documents, newest first, with every stored version and the titles of
/// what they link to. A document whose only upload is still arriving is not listed yet.
pub(crate) async fn documents_of(
    db: &impl ConnectionTrait,
    user: Uuid,
    titles: &HashMap<Uuid, String>,
) -> Result<Vec<DocumentView>, AppError> {
    let rows = document::Entity::find()
        .filter(document::Column::UserId.eq(user))
        .order_by_desc(document::Column::UpdatedAt)
        .all(db)
        .await
        .map_err(database_error)?;
    // One query for all versions, handed out per document.
    let mut versions: HashMap<Uuid, Vec<document_version::Model>> = HashMap::new();
    for version in document_version::Entity::find()
        .filter(document_version::Column::UserId.eq(user))
        .all(db)
        .await
        .map_err(database_error)?
    {
        versions
            .entry(version.document_id)
            .or_default()
            .push(version);
    }
    Ok(rows
        .into_iter()
        .map(|row| {
            let own = versions.remove(&row.id).unwrap_or_default();
            view(row, own, titles)
        })
        .filter(|doc| !doc.versions.is_empty())
        .collect())
}

/// The caller's documents.
pub async fn list() -> Result<Vec<DocumentView>, AppError> {
    let (state, user) = clinician().await?;
    let titles = link_titles(&state, user.user_id).await?;
    documents_of(&state.db, user.user_id, &titles).await
}

/// What the clinician may change about a document: its title, kind and links. A link field
/// left out keeps the link; `none` removes it.
pub struct DocumentEdit {
    pub title: String,
    pub kind: String,
    pub activity: Option<String>,
    pub credential: Option<String>,
}

pub async fn edit(id: String, edit: DocumentEdit) -> Result<DocumentView, AppError> {
    let (state, user) = clinician().await?;
    let title = rules::title(&edit.title).map_err(|p| AppError::bad_request(p.to_string()))?;
    let kind = DocumentKind::parse(&edit.kind).map_err(|p| AppError::bad_request(p.to_string()))?;
    let row = owned(&state.db, user.user_id, &id).await?;
    let activity =
        links::activity_change(&state.db, user.user_id, edit.activity.as_deref()).await?;
    let credential =
        links::credential_change(&state.db, user.user_id, edit.credential.as_deref()).await?;
    let (activity_id, credential_id) = (row.activity_id, row.credential_id);
    let mut active = row.into_active_model();
    active.title = Set(title);
    active.kind = Set(kind.as_str().to_owned());
    active.activity_id = Set(activity.applied_to(activity_id));
    active.credential_id = Set(credential.applied_to(credential_id));
    active.updated_at = Set(Utc::now());
    let row = active.update(&state.db).await.map_err(database_error)?;
    let versions = document_version::Entity::find()
        .filter(document_version::Column::DocumentId.eq(row.id))
        .all(&state.db)
        .await
        .map_err(database_error)?;
    let titles = link_titles(&state, user.user_id).await?;
    Ok(view(row, versions, &titles))
}

/// Removes every version's objects (derived ones included) from storage, then the rows
/// (and with them the wrapped data keys). Objects go first: if storage fails, the document
/// stays listed and can be removed again, rather than rows vanishing over bytes still stored.
pub(crate) async fn remove(state: &AppState, doc: &document::Model) -> Result<(), AppError> {
    let versions = document_version::Entity::find()
        .filter(document_version::Column::DocumentId.eq(doc.id))
        .all(&state.db)
        .await
        .map_err(database_error)?;
    for version in &versions {
        objects::destroy(&state.storage, &version.object_key)
            .await
            .map_err(|err| {
                tracing::error!(error = %err, "a document's stored object could not be removed");
                AppError::unavailable()
            })?;
    }
    let txn = state
        .db
        .begin_with_options(crate::server::db::WRITE)
        .await
        .map_err(database_error)?;
    document_version::Entity::delete_many()
        .filter(document_version::Column::DocumentId.eq(doc.id))
        .exec(&txn)
        .await
        .map_err(database_error)?;
    document::Entity::delete_by_id(doc.id)
        .exec(&txn)
        .await
        .map_err(database_error)?;
    txn.commit().await.map_err(database_error)
}

/// Removes every document of an account, one whole document at a time, before the account
/// itself goes. On a failure the documents not yet reached stay complete and listed, and
/// the caller keeps the account.
pub(crate) async fn remove_all(state: &AppState, user: Uuid) -> Result<(), AppError> {
    let rows = document::Entity::find()
        .filter(document::Column::UserId.eq(user))
        .all(&state.db)
        .await
        .map_err(database_error)?;
    for doc in &rows {
        remove(state, doc).await?;
    }
    Ok(())
}

/// Removes the caller's document and records why: `DocumentDeleted` for a plain delete,
/// `DocumentDestroyed` for a patient-information report. Ids only reach the audit log,
/// never the file name or anything read from the file.
async fn remove_owned(id: String, action: Action) -> Result<(), AppError> {
    let (state, user) = clinician().await?;
    let doc = owned(&state.db, user.user_id, &id).await?;
    remove(&state, &doc).await?;
    let event = Event {
        actor: Some(user.user_id),
        action,
        target: Some(format!("document:{}", doc.id)),
        client_addr: auth::client_addr(),
        outcome: Outcome::Success,
        reason: None,
    };
    audit::record(&state.db, event, Utc::now())
        .await
        .map_err(database_error)
}

pub async fn delete(id: String) -> Result<(), AppError> {
    remove_owned(id, Action::DocumentDeleted).await
}

/// "This contains patient information": every version, its key and the rows go at once,
/// and the audit log says so.
pub async fn report_patient_information(id: String) -> Result<(), AppError> {
    remove_owned(id, Action::DocumentDestroyed).await
}

/// The caller's upload limit, quota and what their documents already hold.
pub async fn allowance() -> Result<Allowance, AppError> {
    let (state, user) = clinician().await?;
    let limits = &state.config.storage;
    const MB: u64 = 1024 * 1024;
    Ok(Allowance {
        file_limit_mb: limits.upload_limit / MB,
        quota_mb: limits.quota / MB,
        used_bytes: intake::used(&state, user.user_id).await?,
    })
}
