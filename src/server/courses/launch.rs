//! `POST /courses/{id}/launch`: a clinician opens a cmi5 course. Licensure registers them
//! (once per course), opens a session, writes `LMS.LaunchData` and the `launched`
//! statement, then sends the browser to the AU with the cmi5 launch parameters: the LRS
//! endpoint, a one-time fetch URL for the session's token, the actor, the registration and
//! the AU's activity id.

use axum::{
    extract::{Path, Request, State},
    response::{IntoResponse, Redirect, Response},
};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, TransactionTrait,
};
use serde_json::{Value, json};
use uuid::Uuid;

use super::{gate::SESSION_EXTENSION, launch_auth::lms_authority};
use crate::{
    domain::{
        cmi5::{
            Au, CourseStructure, LaunchMethod, MoveOn, parse_course_structure,
            session::{ABANDONED, CMI5_CATEGORY, LAUNCHED},
        },
        xapi::index::agent_key,
    },
    error::AppError,
    server::{
        auth::{self, Permission, token::Token},
        crypto::sha256_hex,
        entities::{au_progress, course, launch_session, provider, registration},
        request_context::in_request,
        respond::{database_error, plain_refusal, record_id},
        state::AppState,
        xapi::{
            auth::{Client, LAUNCH_KEY_PREFIX},
            documents::{
                self, LAUNCH_DATA,
                address::{Address, Kind},
            },
            statements::store,
        },
    },
    ui::links::percent_encode,
};

/// How long content may keep reporting after it was launched.
const SESSION_HOURS: i64 = 12;

/// The actor a clinician is known by to course content: an account on this Licensure, by
/// id, so no name or address goes to the provider.
pub fn actor_of(state: &AppState, user: Uuid) -> Value {
    json!({
        "objectType": "Agent",
        "account": {
            "homePage": state.config.mail.public_url.trim_end_matches('/'),
            "name": user.to_string(),
        },
    })
}

/// The AU's address: absolute as given, or relative to where the package is served.
fn au_address(state: &AppState, course: &course::Model, au: &Au) -> Result<String, AppError> {
    let public = state.config.mail.public_url.trim_end_matches('/');
    let url = &au.url;
    if url.starts_with("https://") || url.starts_with("http://") {
        return Ok(url.clone());
    }
    let base = course.content_base.as_deref().ok_or_else(|| {
        tracing::warn!(course = %course.id, "a cmi5 course with relative AU urls has no content address");
        AppError::bad_request("This course's content has no address yet; ask your administrator.")
    })?;
    let joined = format!("{base}{}", url.trim_start_matches("./"));
    Ok(if joined.starts_with('/') {
        format!("{public}{joined}")
    } else {
        joined
    })
}

/// The AU to open: the first whose move-on criterion is not met yet, else the first.
async fn next_au<'a>(
    db: &impl ConnectionTrait,
    structure: &'a CourseStructure,
    registration: Uuid,
) -> Result<&'a Au, AppError> {
    let done: Vec<String> = au_progress::Entity::find()
        .filter(au_progress::Column::RegistrationId.eq(registration))
        .filter(au_progress::Column::Satisfied.eq(true))
        .all(db)
        .await
        .map_err(database_error)?
        .into_iter()
        .map(|row| row.au_id)
        .collect();
    structure
        .aus
        .iter()
        .find(|au| au.move_on != MoveOn::NotApplicable && !done.contains(&au.id))
        .or_else(|| structure.aus.first())
        .ok_or_else(AppError::not_found)
}

async fn registration_for(
    db: &impl ConnectionTrait,
    user: Uuid,
    course: Uuid,
    now: DateTime<Utc>,
) -> Result<registration::Model, AppError> {
    let found = registration::Entity::find()
        .filter(registration::Column::UserId.eq(user))
        .filter(registration::Column::CourseId.eq(course))
        .one(db)
        .await
        .map_err(database_error)?;
    match found {
        Some(row) => Ok(row),
        None => registration::ActiveModel {
            id: Set(Uuid::new_v4()),
            user_id: Set(user),
            course_id: Set(course),
            created_at: Set(now),
            last_activity_at: Set(now),
            satisfied_at: Set(None),
            activity_id: Set(None),
        }
        .insert(db)
        .await
        .map_err(database_error),
    }
}

/// Sessions of the registration the content never terminated: a new launch ends them, and
/// Licensure records `abandoned` for each, as cmi5 asks of the LMS.
async fn abandon_open_sessions(
    db: &impl ConnectionTrait,
    registration: Uuid,
) -> Result<Vec<launch_session::Model>, AppError> {
    let open = launch_session::Entity::find()
        .filter(launch_session::Column::RegistrationId.eq(registration))
        .filter(launch_session::Column::State.ne("ended"))
        .all(db)
        .await
        .map_err(database_error)?;
    if !open.is_empty() {
        launch_session::Entity::update_many()
            .col_expr(
                launch_session::Column::State,
                sea_orm::sea_query::Expr::value("ended"),
            )
            .filter(launch_session::Column::RegistrationId.eq(registration))
            .filter(launch_session::Column::State.ne("ended"))
            .exec(db)
            .await
            .map_err(database_error)?;
    }
    Ok(open)
}

fn move_on_text(move_on: MoveOn) -> &'static str {
    match move_on {
        MoveOn::Passed => "Passed",
        MoveOn::Completed => "Completed",
        MoveOn::CompletedAndPassed => "CompletedAndPassed",
        MoveOn::CompletedOrPassed => "CompletedOrPassed",
        MoveOn::NotApplicable => "NotApplicable",
    }
}

/// Opens a session and answers the address to send the browser to.
async fn start(state: AppState, id: String) -> Result<String, AppError> {
    let user = auth::require(&state, Permission::OwnAccount).await?;
    let course_id = record_id(&id)?;
    let now = Utc::now();
    let course = course::Entity::find_by_id(course_id)
        .one(&state.db)
        .await
        .map_err(database_error)?
        .filter(|c| c.retired_at.is_none() && c.launch_method == "cmi5")
        .ok_or_else(AppError::not_found)?;
    let structure = course
        .structure_xml
        .as_deref()
        .and_then(|xml| parse_course_structure(xml).ok())
        .ok_or_else(|| {
            tracing::error!(course = %course.id, "a stored course structure could not be read");
            AppError::internal()
        })?;
    let provider = provider::Entity::find_by_id(course.provider_id)
        .one(&state.db)
        .await
        .map_err(database_error)?
        .ok_or_else(AppError::not_found)?;
    let txn = state
        .db
        .begin_with_options(crate::server::db::WRITE)
        .await
        .map_err(database_error)?;
    let registration = registration_for(&txn, user.user_id, course.id, now).await?;
    let abandoned = abandon_open_sessions(&txn, registration.id).await?;
    let au = next_au(&txn, &structure, registration.id).await?;
    let address = au_address(&state, &course, au)?;
    let actor = actor_of(&state, user.user_id);
    let actor_key = agent_key(&actor).unwrap_or_default();
    let session_id = Uuid::new_v4();
    let fetch_code = Token::generate();
    launch_session::ActiveModel {
        id: Set(session_id),
        registration_id: Set(registration.id),
        au_id: Set(au.id.clone()),
        actor_key: Set(actor_key.clone()),
        actor: Set(actor.to_string()),
        state: Set("launched".to_owned()),
        fetch_hash: Set(fetch_code.hash()),
        fetched_at: Set(None),
        token_key: Set(format!("{LAUNCH_KEY_PREFIX}{}", session_id.simple())),
        // The token itself is made when the content fetches it, so it is never stored.
        token_hash: Set(sha256_hex("")),
        created_at: Set(now),
        expires_at: Set(now + Duration::hours(SESSION_HOURS)),
    }
    .insert(&txn)
    .await
    .map_err(database_error)?;
    let public = state
        .config
        .mail
        .public_url
        .trim_end_matches('/')
        .to_owned();
    let launch_data = json!({
        "contextTemplate": {
            "contextActivities": {"grouping": [{"objectType": "Activity", "id": au.id}]},
            "extensions": {SESSION_EXTENSION: session_id.to_string()}
        },
        "launchMode": "Normal",
        "launchMethod": match au.launch_method {
            LaunchMethod::AnyWindow => "AnyWindow",
            LaunchMethod::OwnWindow => "OwnWindow",
        },
        "moveOn": move_on_text(au.move_on),
        "returnURL": format!("{public}/courses?returned={}", course.id),
    });
    let mut launch_data = launch_data;
    if let Some(score) = au.mastery_score {
        launch_data["masteryScore"] = json!(score);
    }
    if let Some(parameters) = &au.launch_parameters {
        launch_data["launchParameters"] = json!(parameters);
    }
    let data_address = Address {
        kind: Kind::State,
        activity_id: au.id.clone(),
        agent_key: actor_key,
        registration: registration.id.to_string(),
        document_id: Some(LAUNCH_DATA.to_owned()),
        since: None,
    };
    let existing = documents::find(&txn, provider.id, &data_address, LAUNCH_DATA)
        .await
        .map_err(database_error)?;
    documents::save(
        &txn,
        provider.id,
        &data_address,
        LAUNCH_DATA,
        existing,
        "application/json".to_owned(),
        launch_data.to_string().into_bytes(),
    )
    .await
    .map_err(database_error)?;
    txn.commit().await.map_err(database_error)?;

    let launched = json!({
        "actor": actor,
        "verb": {"id": LAUNCHED, "display": {"en-US": "launched"}},
        "object": {"objectType": "Activity", "id": au.id},
        "context": {
            "registration": registration.id.to_string(),
            "contextActivities": {"category": [{"id": CMI5_CATEGORY}]},
            "extensions": {
                SESSION_EXTENSION: session_id.to_string(),
                "https://w3id.org/xapi/cmi5/context/extensions/launchmode": "Normal",
                "https://w3id.org/xapi/cmi5/context/extensions/launchurl": address,
                "https://w3id.org/xapi/cmi5/context/extensions/moveon": move_on_text(au.move_on),
            }
        }
    });
    let lms = Client {
        provider_id: provider.id,
        authority: lms_authority(&state, &provider.name),
        launch: None,
    };
    let mut statements: Vec<Value> = abandoned
        .iter()
        .map(|old| {
            json!({
                "actor": actor,
                "verb": {"id": ABANDONED, "display": {"en-US": "abandoned"}},
                "object": {"objectType": "Activity", "id": old.au_id},
                "context": {
                    "registration": registration.id.to_string(),
                    "contextActivities": {"category": [{"id": CMI5_CATEGORY}]},
                    "extensions": {SESSION_EXTENSION: old.id.to_string()}
                }
            })
        })
        .collect();
    statements.push(launched);
    store::store(&state, &lms, &statements, now)
        .await
        .map_err(|err| {
            tracing::error!(status = %err.status, "the launched statement could not be stored");
            AppError::unavailable()
        })?;
    let separator = if address.contains('?') { '&' } else { '?' };
    Ok(format!(
        "{address}{separator}endpoint={}&fetch={}&actor={}&registration={}&activityId={}",
        percent_encode(&format!("{public}/xapi/")),
        percent_encode(&format!("{public}/cmi5/fetch/{}", fetch_code.expose())),
        percent_encode(&actor.to_string()),
        registration.id,
        percent_encode(&au.id),
    ))
}

pub async fn launch(
    State(state): State<AppState>,
    Path(id): Path<String>,
    request: Request,
) -> Response {
    let (parts, _) = request.into_parts();
    match in_request(state.clone(), parts, start(state, id)).await {
        Ok(address) => Redirect::to(&address).into_response(),
        Err(err) => plain_refusal(err),
    }
}
