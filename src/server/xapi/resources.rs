//! The read-only resources: `about`, `agents` (the Person an agent identifies) and
//! `activities` (the definition the LRS holds for an activity).

use axum::{
    Json,
    extract::{Query, State},
};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Map, Value, json};

use super::{
    auth::Client,
    error::{XapiError, XapiResult},
};
use crate::{
    domain::xapi::{actor_check, is_iri},
    server::{entities::xapi_activity, state::AppState},
};

type Params = Query<Vec<(String, String)>>;

/// Any other path under `/xapi/`: an LRS answer (JSON, with the version header), not a page.
pub async fn unknown() -> XapiError {
    XapiError::not_found("No such LRS resource.")
}

pub async fn about() -> Json<Value> {
    Json(json!({
        "version": ["1.0.0", "1.0.1", "1.0.2", "1.0.3"],
        "extensions": {},
    }))
}

fn only_parameter<'a>(params: &'a [(String, String)], name: &str) -> XapiResult<&'a str> {
    match params {
        [(key, value)] if key == name => Ok(value),
        _ => Err(XapiError::bad_request(format!(
            "This resource takes exactly one parameter, {name}."
        ))),
    }
}

/// The Person object for an agent: the identifiers and name this LRS knows it by, each as a
/// list (one agent here, as the LRS does not join agents across identifiers).
pub async fn agents(_client: Client, Query(params): Params) -> XapiResult<Json<Value>> {
    let text = only_parameter(&params, "agent")?;
    let agent: Value = serde_json::from_str(text)
        .map_err(|_| XapiError::bad_request("agent must be JSON of an Agent."))?;
    actor_check(&agent, "agent").map_err(|err| XapiError::bad_request(err.to_string()))?;
    if agent.get("objectType").and_then(Value::as_str) == Some("Group") {
        return Err(XapiError::bad_request(
            "agents describes an Agent, not a Group.",
        ));
    }
    let mut person = Map::new();
    person.insert("objectType".to_owned(), json!("Person"));
    for key in ["name", "mbox", "mbox_sha1sum", "openid", "account"] {
        if let Some(value) = agent.get(key) {
            person.insert(key.to_owned(), json!([value]));
        }
    }
    Ok(Json(Value::Object(person)))
}

pub async fn activities(
    State(state): State<AppState>,
    client: Client,
    Query(params): Params,
) -> XapiResult<Json<Value>> {
    let id = only_parameter(&params, "activityId")?;
    if !is_iri(id) {
        return Err(XapiError::bad_request("activityId must be an IRI."));
    }
    let row = xapi_activity::Entity::find()
        .filter(xapi_activity::Column::ProviderId.eq(client.provider_id))
        .filter(xapi_activity::Column::ActivityId.eq(id))
        .one(&state.db)
        .await?;
    let mut activity = json!({ "objectType": "Activity", "id": id });
    if let Some(definition) = row.and_then(|r| serde_json::from_str::<Value>(&r.definition).ok()) {
        activity["definition"] = definition;
    }
    Ok(Json(activity))
}
