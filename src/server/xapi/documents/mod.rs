//! The document resources: state, activity profile and agent profile. Each document is
//! bytes with their content type and an ETag; writes honour `If-Match` / `If-None-Match`, and
//! POST merges JSON objects into what is stored.

pub mod address;

use axum::{
    body::Bytes,
    extract::{Query, State},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect, Set, TransactionTrait,
};
use serde_json::Value;

use self::address::{Address, Kind};
use super::{
    auth::Client,
    error::{XapiError, XapiResult},
    statements::store::to_millis,
};
use crate::server::{crypto::hex, entities::xapi_document, state::AppState};

/// An HTTP date (RFC 9110's IMF-fixdate), as `Last-Modified` carries it.
pub fn http_date(at: chrono::DateTime<Utc>) -> String {
    at.format("%a, %d %b %Y %H:%M:%S GMT").to_string()
}

/// The state document cmi5 reserves for the LMS: content may read it, never write it.
pub const LAUNCH_DATA: &str = "LMS.LaunchData";

type Params = Query<Vec<(String, String)>>;

fn scoped(provider_id: uuid::Uuid, address: &Address) -> sea_orm::Select<xapi_document::Entity> {
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
) -> XapiResult<Option<xapi_document::Model>> {
    Ok(scoped(provider_id, address)
        .filter(xapi_document::Column::DocumentId.eq(id))
        .one(db)
        .await?)
}

fn required_id(address: &Address) -> XapiResult<&str> {
    address.document_id.as_deref().ok_or_else(|| {
        XapiError::bad_request(format!("{} is required.", address.kind.id_parameter()))
    })
}

/// The content's digest: equal bytes give equal tags, which is what clients compare.
fn etag_of(content: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    hex(&Sha256::digest(content))
}

/// The entity tags an `If-Match` / `If-None-Match` header lists (`*` as itself).
fn tags(headers: &HeaderMap, name: header::HeaderName) -> Option<Vec<String>> {
    let value = headers.get(name)?.to_str().ok()?;
    Some(
        value
            .split(',')
            .map(|t| {
                t.trim()
                    .trim_start_matches("W/")
                    .trim_matches('"')
                    .to_owned()
            })
            .filter(|t| !t.is_empty())
            .collect(),
    )
}

/// The concurrency rules: a failed precondition is 412; a profile overwritten without
/// either header is 409 (the client must show it knows what it replaces).
fn preconditions(
    headers: &HeaderMap,
    existing: Option<&xapi_document::Model>,
    kind: Kind,
    replacing: bool,
) -> XapiResult<()> {
    let if_match = tags(headers, header::IF_MATCH);
    let if_none_match = tags(headers, header::IF_NONE_MATCH);
    if let Some(wanted) = &if_match {
        let ok = existing.is_some_and(|doc| wanted.iter().any(|t| t == "*" || *t == doc.etag));
        if !ok {
            return Err(XapiError::precondition_failed(
                "If-Match does not match the stored document's ETag; read it again first.",
            ));
        }
    }
    if let Some(unwanted) = &if_none_match
        && let Some(doc) = existing
        && unwanted.iter().any(|t| t == "*" || *t == doc.etag)
    {
        return Err(XapiError::precondition_failed(
            "If-None-Match: the document already exists.",
        ));
    }
    if replacing
        && kind != Kind::State
        && existing.is_some()
        && if_match.is_none()
        && if_none_match.is_none()
    {
        return Err(XapiError::conflict(
            "This profile exists: send If-Match with its ETag (or If-None-Match: *) to write it.",
        ));
    }
    Ok(())
}

/// Content under a launch reaches only its own learner's state and profile.
fn within_launch(client: &Client, address: &Address) -> XapiResult<()> {
    match &client.launch {
        Some(scope)
            if address.kind != Kind::ActivityProfile && address.agent_key != scope.actor_key =>
        {
            Err(XapiError::forbidden(
                "A launch token reaches only the documents of the learner it was given for.",
            ))
        }
        _ => Ok(()),
    }
}

/// An activity profile is shared by every learner of the provider: content acting for one
/// learner may read it, never change it.
fn shared_write(client: &Client, address: &Address) -> XapiResult<()> {
    if client.launch.is_some() && address.kind == Kind::ActivityProfile {
        return Err(XapiError::forbidden(
            "A launch token may read activity profiles but not change them: they are shared by every learner.",
        ));
    }
    Ok(())
}

fn refuse_launch_data(address: &Address) -> XapiResult<()> {
    if address.kind == Kind::State && address.document_id.as_deref() == Some(LAUNCH_DATA) {
        return Err(XapiError::forbidden(
            "LMS.LaunchData is written by the LMS only (cmi5).",
        ));
    }
    Ok(())
}

fn content_type(headers: &HeaderMap) -> String {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .filter(|t| !t.is_empty() && t.len() <= 255)
        .unwrap_or("application/octet-stream")
        .to_owned()
}

fn is_json(content_type: &str) -> bool {
    content_type.starts_with("application/json")
}

pub async fn get(
    State(state): State<AppState>,
    client: Client,
    kind: Kind,
    Query(params): Params,
) -> XapiResult<Response> {
    let address = address::parse(kind, &params)?;
    within_launch(&client, &address)?;
    let Some(id) = &address.document_id else {
        return list(&state.db, &client, &address).await;
    };
    let doc = find(&state.db, client.provider_id, &address, id)
        .await?
        .ok_or_else(|| XapiError::not_found("No such document is stored."))?;
    let mut response = (
        [(header::CONTENT_TYPE, doc.content_type.clone())],
        doc.content,
    )
        .into_response();
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&format!("\"{}\"", doc.etag)) {
        headers.insert(header::ETAG, value);
    }
    if let Ok(value) = HeaderValue::from_str(&http_date(doc.updated_at)) {
        headers.insert(header::LAST_MODIFIED, value);
    }
    Ok(response)
}

async fn list(db: &DatabaseConnection, client: &Client, address: &Address) -> XapiResult<Response> {
    let mut select = scoped(client.provider_id, address);
    if let Some(since) = address.since {
        select = select.filter(xapi_document::Column::UpdatedAt.gt(since));
    }
    let ids: Vec<String> = select
        .order_by_asc(xapi_document::Column::DocumentId)
        .all(db)
        .await?
        .into_iter()
        .map(|doc| doc.document_id)
        .collect();
    Ok(axum::Json(ids).into_response())
}

/// What a write does to the document it found.
enum Change {
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
async fn write(
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
                save_with(
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

pub async fn put(
    State(state): State<AppState>,
    client: Client,
    kind: Kind,
    Query(params): Params,
    headers: HeaderMap,
    body: Bytes,
) -> XapiResult<StatusCode> {
    let address = address::parse(kind, &params)?;
    within_launch(&client, &address)?;
    shared_write(&client, &address)?;
    refuse_launch_data(&address)?;
    let id = required_id(&address)?;
    let kind_of = content_type(&headers);
    if is_json(&kind_of) && serde_json::from_slice::<Value>(&body).is_err() {
        return Err(XapiError::bad_request(
            "The document is sent as JSON but is not valid JSON.",
        ));
    }
    write(&state, &client, &address, id, |existing| {
        preconditions(&headers, existing, kind, true)?;
        Ok(Change::Save {
            content_type: kind_of.clone(),
            content: body.to_vec(),
        })
    })
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The document after a POST: the body when there is none yet, else both JSON objects merged
/// (the newer properties win).
fn merged(
    existing: Option<&xapi_document::Model>,
    kind_of: &str,
    body: &[u8],
) -> XapiResult<Change> {
    let Some(doc) = existing else {
        return Ok(Change::Save {
            content_type: kind_of.to_owned(),
            content: body.to_vec(),
        });
    };
    let newer = is_json(kind_of)
        .then(|| serde_json::from_slice::<Value>(body).ok())
        .flatten();
    let older = is_json(&doc.content_type)
        .then(|| serde_json::from_slice::<Value>(&doc.content).ok())
        .flatten();
    match (older, newer) {
        (Some(Value::Object(mut older)), Some(Value::Object(newer))) => {
            older.extend(newer);
            Ok(Change::Save {
                content_type: doc.content_type.clone(),
                content: Value::Object(older).to_string().into_bytes(),
            })
        }
        _ => Err(XapiError::bad_request(
            "POST merges JSON objects: both the stored document and this one must be \
             JSON objects sent as application/json. Use PUT to replace it.",
        )),
    }
}

pub async fn post(
    State(state): State<AppState>,
    client: Client,
    kind: Kind,
    Query(params): Params,
    headers: HeaderMap,
    body: Bytes,
) -> XapiResult<StatusCode> {
    let address = address::parse(kind, &params)?;
    within_launch(&client, &address)?;
    shared_write(&client, &address)?;
    refuse_launch_data(&address)?;
    let id = required_id(&address)?;
    let kind_of = content_type(&headers);
    write(&state, &client, &address, id, |existing| {
        preconditions(&headers, existing, kind, false)?;
        merged(existing, &kind_of, &body)
    })
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

pub async fn delete(
    State(state): State<AppState>,
    client: Client,
    kind: Kind,
    Query(params): Params,
    headers: HeaderMap,
) -> XapiResult<StatusCode> {
    let address = address::parse(kind, &params)?;
    within_launch(&client, &address)?;
    shared_write(&client, &address)?;
    refuse_launch_data(&address)?;
    match address.document_id.as_deref() {
        Some(id) => {
            write(&state, &client, &address, id, |existing| {
                preconditions(&headers, existing, kind, false)?;
                Ok(Change::Delete)
            })
            .await?;
        }
        // Only state documents may be deleted together; profiles one at a time.
        None if kind == Kind::State => {
            let pks: Vec<i64> = scoped(client.provider_id, &address)
                .filter(xapi_document::Column::DocumentId.ne(LAUNCH_DATA))
                .all(&state.db)
                .await?
                .into_iter()
                .map(|doc| doc.pk)
                .collect();
            xapi_document::Entity::delete_many()
                .filter(xapi_document::Column::Pk.is_in(pks))
                .exec(&state.db)
                .await?;
        }
        None => return Err(XapiError::bad_request("profileId is required.")),
    }
    Ok(StatusCode::NO_CONTENT)
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
) -> XapiResult<()> {
    Ok(save_with(
        db,
        provider_id,
        address,
        id,
        existing,
        content_type,
        content,
    )
    .await?)
}

async fn save_with(
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
