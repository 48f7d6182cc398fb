//! Reading and writing documents: one write at a time per document, decided from what is
//! stored when it is written.

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, QueryFilter,
    QuerySelect, Set, TransactionTrait,
};

use super::address::{Address, Kind};
use crate::server::{
    crypto::hex,
    entities::xapi_document,
    state::AppState,
    xapi::{
        auth::Client,
        error::{XapiError, XapiResult},
        statements::store::to_millis,
    },
};

pub fn scoped(
    provider_id: uuid::Uuid,
    address: &Address,
) -> sea_orm::Select<xapi_document::Entity> {
    let mut select = xapi_document::Entity::find()
        .filter(xapi_document::Column::ProviderId.eq(provider_id))
        .filter(xapi_document::Column::Kind.eq(address.kind.as_str()))
        .filter(xapi_document::Column::ActivityId.eq(address.activity_id.as_str()))
        .filter(xapi_document::Column::AgentKey.eq(address.agent_key.as_str()));
    // A state without registration is its own document, apart from every registration's.
    if address.kind == Kind::State {
        select =
            select.filter(xapi_document::Column::Registration.eq(address.registration.as_str()));
    }
    select
}

pub async fn find(
    db: &impl sea_orm::ConnectionTrait,
    provider_id: uuid::Uuid,
    address: &Address,
    id: &str,
) -> Result<Option<xapi_document::Model>, sea_orm::DbErr> {
    scoped(provider_id, address)
        .filter(xapi_document::Column::DocumentId.eq(id))
        .one(db)
        .await
}

/// The content's digest: equal bytes give equal tags, which is what clients compare.
fn etag_of(content: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    hex(&Sha256::digest(content))
}

/// What a write does to the document it found.
pub enum Change {
    Save {
        content_type: String,
        content: Vec<u8>,
    },
    Delete,
}

/// Runs one document write as a unit: the stored document is read (locked on Postgres; on
/// SQLite the transaction holds the write lock from its start), the change is decided from it
/// and written before any other write of the same document. Two first writes racing to
/// create it meet the unique index; the loser runs again and finds the winner's document.
pub async fn write(
    state: &AppState,
    client: &Client,
    address: &Address,
    id: &str,
    decide: impl Fn(Option<&xapi_document::Model>) -> XapiResult<Change>,
) -> XapiResult<()> {
    for attempt in 0..2 {
        let txn = state
            .db
            .begin_with_options(crate::server::db::WRITE)
            .await?;
        let mut select =
            scoped(client.provider_id, address).filter(xapi_document::Column::DocumentId.eq(id));
        if txn.get_database_backend() == DbBackend::Postgres {
            select = select.lock_exclusive();
        }
        let existing = select.one(&txn).await?;
        let outcome = match decide(existing.as_ref())? {
            Change::Delete => match existing {
                Some(doc) => xapi_document::Entity::delete_by_id(doc.pk)
                    .exec(&txn)
                    .await
                    .map(|_| ()),
                None => Ok(()),
            },
            Change::Save {
                content_type,
                content,
            } => {
                save(
                    &txn,
                    client.provider_id,
                    address,
                    id,
                    existing,
                    content_type,
                    content,
                )
                .await
            }
        };
        match outcome {
            Ok(()) => return Ok(txn.commit().await?),
            Err(err) if attempt == 0 && is_unique_violation(&err) => continue,
            Err(err) => return Err(err.into()),
        }
    }
    Err(XapiError::conflict(
        "The document changed while it was being written; send the request again.",
    ))
}

fn is_unique_violation(err: &sea_orm::DbErr) -> bool {
    matches!(
        err.sql_err(),
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
    )
}

/// Writes the document, replacing `existing` when there is one.
pub async fn save(
    db: &impl sea_orm::ConnectionTrait,
    provider_id: uuid::Uuid,
    address: &Address,
    id: &str,
    existing: Option<xapi_document::Model>,
    content_type: String,
    content: Vec<u8>,
) -> Result<(), sea_orm::DbErr> {
    let now = to_millis(Utc::now());
    let etag = etag_of(&content);
    match existing {
        Some(doc) => {
            let mut active: xapi_document::ActiveModel = doc.into();
            active.content_type = Set(content_type);
            active.content = Set(content);
            active.etag = Set(etag);
            active.updated_at = Set(now);
            active.update(db).await?;
        }
        None => {
            xapi_document::ActiveModel {
                provider_id: Set(provider_id),
                kind: Set(address.kind.as_str().to_owned()),
                activity_id: Set(address.activity_id.clone()),
                agent_key: Set(address.agent_key.clone()),
                registration: Set(address.registration.clone()),
                document_id: Set(id.to_owned()),
                content_type: Set(content_type),
                content: Set(content),
                etag: Set(etag),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(db)
            .await?;
        }
    }
    Ok(())
}
