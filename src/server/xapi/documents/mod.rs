//! The document resources: state, activity profile and agent profile. Each document is
//! bytes with their content type and an ETag; writes honour `If-Match` / `If-None-Match`, and
//! POST merges JSON objects into what is stored.

pub mod address;
mod preconditions;
mod storage;

use axum::{
    body::Bytes,
    extract::{Query, State},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use chrono::Utc;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use serde_json::Value;

use self::{
    address::{Address, Kind},
    preconditions::preconditions,
    storage::{Change, scoped, write},
};
use super::{
    auth::Client,
    error::{XapiError, XapiResult},
};
use crate::server::{entities::xapi_document, state::AppState};
pub use storage::{find, save};

/// An HTTP date (RFC 9110's IMF-fixdate), as `Last-Modified` carries it.
pub fn http_date(at: chrono::DateTime<Utc>) -> String {
    at.format("%a, %d %b %Y %H:%M:%S GMT").to_string()
}

/// The state document cmi5 reserves for the LMS: content may read it, never write it.
pub const LAUNCH_DATA: &str = "LMS.LaunchData";

type Params = Query<Vec<(String, String)>>;

fn required_id(address: &Address) -> XapiResult<&str> {
    address.document_id.as_deref().ok_or_else(|| {
        XapiError::bad_request(format!("{} is required.", address.kind.id_parameter()))
    })
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

/// The documents a write addresses, once the caller may change them.
fn writable(client: &Client, kind: Kind, params: &[(String, String)]) -> XapiResult<Address> {
    let address = address::parse(kind, params)?;
    within_launch(client, &address)?;
    shared_write(client, &address)?;
    refuse_launch_data(&address)?;
    Ok(address)
}

pub async fn put(
    State(state): State<AppState>,
    client: Client,
    kind: Kind,
    Query(params): Params,
    headers: HeaderMap,
    body: Bytes,
) -> XapiResult<StatusCode> {
    let address = writable(&client, kind, &params)?;
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
    let address = writable(&client, kind, &params)?;
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
    let address = writable(&client, kind, &params)?;
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
