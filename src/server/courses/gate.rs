//! The cmi5 rules held against statements course content sends under a launch token, inside
//! the transaction that stores them: the learner's own statements in the launch's
//! registration and session, in the order cmi5 allows. Applying them moves the session and
//! the AU's progress on; when every AU of the course has met its move-on criterion, the
//! `satisfied` statement Licensure records for the course comes back to be stored.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, QueryFilter,
    QuerySelect, Set,
};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::{
    domain::{
        cmi5::{
            MoveOn, parse_course_structure,
            session::{
                AuProgress, AuStatement, CMI5_CATEGORY, COMPLETED, FAILED, INITIALIZED, PASSED,
                SATISFIED, SessionState, TERMINATED, accept,
            },
        },
        xapi::{VOIDED, index::agent_key},
    },
    server::{
        entities::{au_progress, course, launch_session, provider, registration},
        xapi::{
            auth::LaunchScope,
            error::{XapiError, XapiResult},
        },
    },
};

/// The context extension carrying the cmi5 session id.
pub const SESSION_EXTENSION: &str = "https://w3id.org/xapi/cmi5/context/extensions/sessionid";

/// A course whose criteria were met by the statements just applied.
pub struct Satisfied {
    pub registration_id: Uuid,
    pub provider_name: String,
    /// The `satisfied` statement to record for the course.
    pub statement: Value,
}

fn session_state(text: &str) -> SessionState {
    match text {
        "initialized" => SessionState::Initialized,
        "ended" => SessionState::Ended,
        _ => SessionState::Launched,
    }
}

pub fn state_text(state: SessionState) -> &'static str {
    match state {
        SessionState::Launched => "launched",
        SessionState::Initialized => "initialized",
        SessionState::Ended => "ended",
    }
}

fn refuse(reason: impl std::fmt::Display) -> XapiError {
    XapiError::forbidden(format!("cmi5: {reason}"))
}

fn categories(statement: &Value) -> Vec<&str> {
    match statement.pointer("/context/contextActivities/category") {
        Some(Value::Array(list)) => list
            .iter()
            .filter_map(|a| a.get("id").and_then(Value::as_str))
            .collect(),
        Some(single) => single
            .get("id")
            .and_then(Value::as_str)
            .into_iter()
            .collect(),
        None => Vec::new(),
    }
}

/// Checks that a statement belongs to this launch, then reads what cmi5 looks at.
fn read<'a>(statement: &'a Value, scope: &LaunchScope) -> XapiResult<AuStatement<'a>> {
    if statement.get("actor").and_then(agent_key).as_deref() != Some(scope.actor_key.as_str()) {
        return Err(refuse(
            "the actor must be the learner this launch was given for",
        ));
    }
    let registration = statement
        .pointer("/context/registration")
        .and_then(Value::as_str)
        .map(str::to_ascii_lowercase);
    if registration != Some(scope.registration_id.to_string()) {
        return Err(refuse("the context must carry this launch's registration"));
    }
    let verb = statement
        .pointer("/verb/id")
        .and_then(Value::as_str)
        .unwrap_or_default();
    if verb == VOIDED {
        return Err(refuse("content under a launch may not void statements"));
    }
    let defined = [INITIALIZED, COMPLETED, PASSED, FAILED, TERMINATED].contains(&verb);
    let object = statement.pointer("/object/id").and_then(Value::as_str);
    if defined && object != Some(scope.au_id.as_str()) {
        return Err(refuse(
            "a cmi5-defined statement's object must be the launched AU",
        ));
    }
    let session = statement
        .pointer("/context/extensions")
        .and_then(|e| e.get(SESSION_EXTENSION))
        .and_then(Value::as_str);
    Ok(AuStatement {
        verb,
        success: statement
            .pointer("/result/success")
            .and_then(Value::as_bool),
        completion: statement
            .pointer("/result/completion")
            .and_then(Value::as_bool),
        scaled: statement
            .pointer("/result/score/scaled")
            .and_then(Value::as_f64),
        categories: categories(statement),
        same_session: session == Some(scope.session_id.to_string().as_str()),
    })
}

/// Applies the statements in order; the first that breaks a rule refuses them all (403)
/// and nothing changes, as the caller's transaction is dropped.
pub async fn apply(
    txn: &impl ConnectionTrait,
    scope: &LaunchScope,
    statements: &[&Value],
    now: DateTime<Utc>,
) -> XapiResult<Option<Satisfied>> {
    let mut find = launch_session::Entity::find_by_id(scope.session_id);
    // Two requests of one session must not both start from the same state.
    if txn.get_database_backend() == DbBackend::Postgres {
        find = find.lock_exclusive();
    }
    let session = find.one(txn).await?.ok_or_else(XapiError::unauthorized)?;
    let registration = registration::Entity::find_by_id(scope.registration_id)
        .one(txn)
        .await?
        .ok_or_else(XapiError::unauthorized)?;
    let course = course::Entity::find_by_id(registration.course_id)
        .one(txn)
        .await?
        .ok_or_else(XapiError::unauthorized)?;
    let structure = course
        .structure_xml
        .as_deref()
        .map(parse_course_structure)
        .transpose()
        .map_err(|_| refuse("the course's structure can no longer be read"))?
        .ok_or_else(|| refuse("the course is not a cmi5 course"))?;
    let au = structure
        .aus
        .iter()
        .find(|au| au.id == scope.au_id)
        .ok_or_else(|| refuse("the launched AU is no longer part of the course"))?;
    let kept = au_progress::Entity::find()
        .filter(au_progress::Column::RegistrationId.eq(registration.id))
        .filter(au_progress::Column::AuId.eq(au.id.as_str()))
        .one(txn)
        .await?;
    let before = kept
        .as_ref()
        .map_or_else(AuProgress::default, |row| AuProgress {
            completed: row.completed,
            passed: row.passed,
            failed: row.failed,
        });
    let mut state = session_state(&session.state);
    let mut progress = before;
    for statement in statements {
        let read = read(statement, scope)?;
        accept(&mut state, &mut progress, &read, au.mastery_score).map_err(refuse)?;
    }
    let state_now = state_text(state);
    if state_now != session.state {
        let mut active: launch_session::ActiveModel = session.into();
        active.state = Set(state_now.to_owned());
        active.update(txn).await?;
    }
    let was_satisfied = kept.as_ref().is_some_and(|row| row.satisfied);
    let satisfied = was_satisfied || progress.satisfies(au.move_on);
    match kept {
        Some(row) => {
            let mut active: au_progress::ActiveModel = row.into();
            active.completed = Set(progress.completed);
            active.passed = Set(progress.passed);
            active.failed = Set(progress.failed);
            active.satisfied = Set(satisfied);
            active.update(txn).await?;
        }
        None => {
            au_progress::ActiveModel {
                registration_id: Set(registration.id),
                au_id: Set(au.id.clone()),
                completed: Set(progress.completed),
                passed: Set(progress.passed),
                failed: Set(progress.failed),
                satisfied: Set(satisfied),
                ..Default::default()
            }
            .insert(txn)
            .await?;
        }
    }
    let mut active: registration::ActiveModel = registration.clone().into();
    active.last_activity_at = Set(now);
    if registration.satisfied_at.is_some() || !satisfied || was_satisfied {
        active.update(txn).await?;
        return Ok(None);
    }
    // The course is met when every AU is: the others by their own progress rows.
    let done: Vec<String> = au_progress::Entity::find()
        .filter(au_progress::Column::RegistrationId.eq(registration.id))
        .filter(au_progress::Column::Satisfied.eq(true))
        .all(txn)
        .await?
        .into_iter()
        .map(|row| row.au_id)
        .collect();
    let all = structure.aus.iter().all(|other| {
        other.move_on == MoveOn::NotApplicable || other.id == au.id || done.contains(&other.id)
    });
    if !all {
        active.update(txn).await?;
        return Ok(None);
    }
    active.satisfied_at = Set(Some(now));
    active.update(txn).await?;
    let provider_name = provider::Entity::find_by_id(course.provider_id)
        .one(txn)
        .await?
        .map(|p| p.name)
        .unwrap_or_default();
    let actor: Value =
        serde_json::from_str(&session_actor(txn, scope.session_id).await?).unwrap_or(Value::Null);
    Ok(Some(Satisfied {
        registration_id: registration.id,
        provider_name,
        statement: json!({
            "actor": actor,
            "verb": {"id": SATISFIED, "display": {"en-US": "satisfied"}},
            "object": {
                "objectType": "Activity",
                "id": structure.id,
                "definition": {"type": "https://w3id.org/xapi/cmi5/activitytype/course"}
            },
            "context": {
                "registration": registration.id.to_string(),
                "contextActivities": {"category": [{"id": CMI5_CATEGORY}]},
                "extensions": {SESSION_EXTENSION: scope.session_id.to_string()}
            }
        }),
    }))
}

async fn session_actor(txn: &impl ConnectionTrait, session: Uuid) -> XapiResult<String> {
    Ok(launch_session::Entity::find_by_id(session)
        .select_only()
        .column(launch_session::Column::Actor)
        .into_tuple::<String>()
        .one(txn)
        .await?
        .unwrap_or_default())
}
