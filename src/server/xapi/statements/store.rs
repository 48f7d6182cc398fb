//! Storing statements: all of a request's statements are checked first, then written in one
//! transaction, so a batch is stored whole or not at all.

use chrono::{DateTime, SecondsFormat, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set,
    TransactionTrait, sea_query::Expr,
};
use serde_json::Value;

use crate::{
    domain::xapi::{
        VOIDED, check_statement,
        index::{agent_key, mentions, target_id},
        stored::{prepare, same_statement},
    },
    server::{
        courses::{credit, gate, launch_auth::lms_authority},
        entities::{xapi_activity, xapi_statement, xapi_statement_activity, xapi_statement_agent},
        state::AppState,
        xapi::{
            auth::Client,
            error::{XapiError, XapiResult},
        },
    },
};

/// The instant as statements carry it: RFC 3339 in UTC with milliseconds.
pub fn stored_text(now: DateTime<Utc>) -> String {
    now.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// `now` cut to what `stored_text` shows, so stored rows compare like their JSON.
pub fn to_millis(now: DateTime<Utc>) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(now.timestamp_millis()).unwrap_or(now)
}

struct Checked {
    id: String,
    sent: Value,
}

fn is_voiding(statement: &Value) -> bool {
    statement.pointer("/verb/id").and_then(Value::as_str) == Some(VOIDED)
}

/// Checks every statement of a request; the first violation refuses the whole request.
fn check_all(statements: &[Value]) -> XapiResult<Vec<Checked>> {
    let mut checked: Vec<Checked> = Vec::with_capacity(statements.len());
    for (i, statement) in statements.iter().enumerate() {
        check_statement(statement).map_err(|err| {
            let place = if statements.len() > 1 {
                format!(
                    "statements[{i}]{}",
                    err.path.trim_start_matches("statement")
                )
            } else {
                err.path.clone()
            };
            XapiError::bad_request(format!("{place}: {}", err.message))
        })?;
        // Without multipart, an attachment's data can only be found by its fileUrl.
        let without_data = statement
            .get("attachments")
            .and_then(Value::as_array)
            .is_some_and(|list| list.iter().any(|a| a.get("fileUrl").is_none()));
        if without_data {
            return Err(XapiError::bad_request(
                "An attachment without fileUrl needs its data sent as multipart/mixed, which \
                 this LRS does not accept yet; give each attachment a fileUrl.",
            ));
        }
        let id = statement
            .get("id")
            .and_then(Value::as_str)
            .map_or_else(|| uuid::Uuid::new_v4().to_string(), str::to_ascii_lowercase);
        if checked.iter().any(|c| c.id == id) {
            return Err(XapiError::bad_request(format!(
                "The request holds two statements with the id {id}."
            )));
        }
        checked.push(Checked {
            id,
            sent: statement.clone(),
        });
    }
    // A voiding statement cannot void another voiding statement, sent earlier or alongside.
    for statement in checked.iter().filter(|c| is_voiding(&c.sent)) {
        let target = target_id(&statement.sent).map(str::to_ascii_lowercase);
        if checked
            .iter()
            .any(|c| Some(&c.id) == target.as_ref() && is_voiding(&c.sent))
        {
            return Err(XapiError::bad_request(
                "A voiding statement cannot void another voiding statement.",
            ));
        }
    }
    Ok(checked)
}

/// Stores `statements` for `client`; answers the ids in order. A statement whose id is
/// already stored is skipped when it is the same statement and refused (409) when not.
/// Content under a cmi5 launch is held to the cmi5 rules first; when its statements meet the
/// course's move-on criteria, Licensure records `satisfied` and posts the credit.
pub async fn store(
    state: &AppState,
    client: &Client,
    statements: &[Value],
    now: DateTime<Utc>,
) -> XapiResult<Vec<String>> {
    let checked = check_all(statements)?;
    let now = to_millis(now);
    let stored = stored_text(now);
    let txn = state
        .db
        .begin_with_options(crate::server::db::WRITE)
        .await?;
    let mut fresh = Vec::with_capacity(checked.len());
    for statement in &checked {
        if let Some(existing) = xapi_statement::Entity::find()
            .filter(xapi_statement::Column::ProviderId.eq(client.provider_id))
            .filter(xapi_statement::Column::Id.eq(statement.id.as_str()))
            .one(&txn)
            .await?
        {
            let same = serde_json::from_str::<Value>(&existing.statement)
                .is_ok_and(|kept| same_statement(&statement.sent, &kept));
            if same {
                continue;
            }
            return Err(XapiError::conflict(format!(
                "A different statement with the id {} is already stored; statements cannot be changed.",
                statement.id
            )));
        }
        fresh.push(statement);
    }
    let satisfied = match &client.launch {
        Some(scope) => {
            let sent: Vec<&Value> = fresh.iter().map(|c| &c.sent).collect();
            gate::apply(&txn, scope, &sent, now).await?
        }
        None => None,
    };
    for statement in &fresh {
        insert(&txn, client, statement, &stored, now).await?;
    }
    if let Some(course) = &satisfied {
        let lms = Client {
            provider_id: client.provider_id,
            authority: lms_authority(state, &course.provider_name),
            launch: None,
        };
        let statement = Checked {
            id: uuid::Uuid::new_v4().to_string(),
            sent: course.statement.clone(),
        };
        insert(&txn, &lms, &statement, &stored, now).await?;
    }
    txn.commit().await?;
    if let Some(course) = satisfied {
        credit::post(state, course.registration_id, now).await;
    }
    Ok(checked.into_iter().map(|c| c.id).collect())
}

async fn insert(
    txn: &impl ConnectionTrait,
    client: &Client,
    statement: &Checked,
    stored: &str,
    now: DateTime<Utc>,
) -> XapiResult<()> {
    let voiding = is_voiding(&statement.sent);
    let target = target_id(&statement.sent).map(str::to_ascii_lowercase);
    if voiding && let Some(target) = &target {
        let aimed = xapi_statement::Entity::find()
            .filter(xapi_statement::Column::ProviderId.eq(client.provider_id))
            .filter(xapi_statement::Column::Id.eq(target.as_str()))
            .one(txn)
            .await?;
        if aimed.as_ref().is_some_and(|row| row.voiding) {
            return Err(XapiError::bad_request(
                "A voiding statement cannot void another voiding statement.",
            ));
        }
    }
    // Voided already when a voiding statement for this id arrived first.
    let voided = !voiding
        && xapi_statement::Entity::find()
            .filter(xapi_statement::Column::ProviderId.eq(client.provider_id))
            .filter(xapi_statement::Column::Voiding.eq(true))
            .filter(xapi_statement::Column::TargetId.eq(statement.id.as_str()))
            .one(txn)
            .await?
            .is_some();
    let full = prepare(&statement.sent, &statement.id, stored, &client.authority);
    let row = xapi_statement::ActiveModel {
        id: Set(statement.id.clone()),
        provider_id: Set(client.provider_id),
        statement: Set(full.to_string()),
        verb_id: Set(full
            .pointer("/verb/id")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()),
        actor_key: Set(full.get("actor").and_then(agent_key).unwrap_or_default()),
        registration: Set(full
            .pointer("/context/registration")
            .and_then(Value::as_str)
            .map(str::to_ascii_lowercase)),
        target_id: Set(target.clone()),
        voided: Set(voided),
        voiding: Set(voiding),
        stored: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    let found = mentions(&full);
    for agent in found.agents {
        xapi_statement_agent::ActiveModel {
            statement_pk: Set(row.pk),
            agent_key: Set(agent.key),
            direct: Set(agent.direct),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }
    for activity in found.activities {
        xapi_statement_activity::ActiveModel {
            statement_pk: Set(row.pk),
            activity_id: Set(activity.key),
            direct: Set(activity.direct),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }
    if voiding && let Some(target) = target {
        xapi_statement::Entity::update_many()
            .col_expr(xapi_statement::Column::Voided, Expr::value(true))
            .filter(xapi_statement::Column::ProviderId.eq(client.provider_id))
            .filter(xapi_statement::Column::Id.eq(target))
            .filter(xapi_statement::Column::Voiding.eq(false))
            .exec(txn)
            .await?;
    }
    remember_definition(txn, client, &full, now).await
}

/// Keeps the newest definition the provider gave for the statement's activity object: the
/// `activities` resource answers with it.
async fn remember_definition(
    txn: &impl ConnectionTrait,
    client: &Client,
    statement: &Value,
    now: DateTime<Utc>,
) -> XapiResult<()> {
    let Some(object) = statement.get("object") else {
        return Ok(());
    };
    let is_activity = matches!(
        object.get("objectType").and_then(Value::as_str),
        None | Some("Activity")
    );
    let (Some(id), Some(definition)) = (
        object.get("id").and_then(Value::as_str),
        object.get("definition"),
    ) else {
        return Ok(());
    };
    if !is_activity {
        return Ok(());
    }
    let existing = xapi_activity::Entity::find()
        .filter(xapi_activity::Column::ProviderId.eq(client.provider_id))
        .filter(xapi_activity::Column::ActivityId.eq(id))
        .one(txn)
        .await?;
    match existing {
        Some(row) => {
            let mut merged: Value =
                serde_json::from_str(&row.definition).unwrap_or(Value::Object(Default::default()));
            merge_definition(&mut merged, definition);
            let mut active: xapi_activity::ActiveModel = row.into();
            active.definition = Set(merged.to_string());
            active.updated_at = Set(now);
            active.update(txn).await?;
        }
        None => {
            xapi_activity::ActiveModel {
                provider_id: Set(client.provider_id),
                activity_id: Set(id.to_owned()),
                definition: Set(definition.to_string()),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(txn)
            .await?;
        }
    }
    Ok(())
}

/// Newer properties replace older ones; language maps gain the newer languages.
fn merge_definition(kept: &mut Value, newer: &Value) {
    let (Some(kept), Some(newer)) = (kept.as_object_mut(), newer.as_object()) else {
        return;
    };
    for (key, value) in newer {
        match (kept.get_mut(key), value) {
            (Some(Value::Object(old)), Value::Object(new))
                if key == "name" || key == "description" =>
            {
                for (language, text) in new {
                    old.insert(language.clone(), text.clone());
                }
            }
            _ => {
                kept.insert(key.clone(), value.clone());
            }
        }
    }
}
