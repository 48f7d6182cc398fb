//! The LRS credential a cmi5 launch hands to course content: valid once fetched, until the
//! session expires, for one learner in one registration of the course's provider.

use chrono::Utc;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;

use crate::server::{
    auth::token::Token,
    entities::{course, launch_session, provider, registration},
    state::AppState,
    xapi::{
        auth::{Client, LaunchScope, same_hash},
        error::XapiError,
    },
};

pub async fn client(state: &AppState, key: &str, secret: &Token) -> Result<Client, XapiError> {
    let session = launch_session::Entity::find()
        .filter(launch_session::Column::TokenKey.eq(key))
        .one(&state.db)
        .await?
        .ok_or_else(XapiError::unauthorized)?;
    let live = session.fetched_at.is_some() && session.expires_at > Utc::now();
    if !live || !same_hash(&session.token_hash, secret) {
        return Err(XapiError::unauthorized());
    }
    let registration = registration::Entity::find_by_id(session.registration_id)
        .one(&state.db)
        .await?
        .ok_or_else(XapiError::unauthorized)?;
    let course = course::Entity::find_by_id(registration.course_id)
        .one(&state.db)
        .await?
        .ok_or_else(XapiError::unauthorized)?;
    let provider = provider::Entity::find_by_id(course.provider_id)
        .one(&state.db)
        .await?
        .ok_or_else(XapiError::unauthorized)?;
    Ok(Client {
        provider_id: provider.id,
        authority: lms_authority(state, &provider.name),
        launch: Some(LaunchScope {
            session_id: session.id,
            registration_id: registration.id,
            au_id: session.au_id,
            actor_key: session.actor_key,
        }),
    })
}

/// The authority of statements Licensure records as the LMS, and of those content sends
/// under a launch token: Licensure vouches for them on the provider's behalf.
pub fn lms_authority(state: &AppState, provider: &str) -> serde_json::Value {
    json!({
        "objectType": "Agent",
        "name": format!("Licensure for {provider}"),
        "account": {
            "homePage": state.config.mail.public_url.trim_end_matches('/'),
            "name": "licensure-lms",
        },
    })
}
