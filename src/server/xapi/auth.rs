//! Who is calling the LRS: a provider by its Basic credential. Every read and write is kept
//! inside that provider's records, so one provider never sees another's learners.

use axum::{extract::FromRequestParts, http::request::Parts};
use base64::{Engine, engine::general_purpose::STANDARD};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};
use subtle::ConstantTimeEq;
use uuid::Uuid;

use super::error::XapiError;
use crate::server::{
    auth::token::Token,
    entities::{provider, xapi_credential},
    state::AppState,
};

/// An authenticated LRS client.
#[derive(Clone, Debug)]
pub struct Client {
    pub provider_id: Uuid,
    /// The agent recorded as every stored statement's `authority`.
    pub authority: Value,
    /// Set for course content holding a cmi5 launch token: it acts for one learner in one
    /// session, under the cmi5 rules.
    pub launch: Option<LaunchScope>,
}

/// What a launch token allows: one learner's records in one registration.
#[derive(Clone, Debug)]
pub struct LaunchScope {
    pub session_id: Uuid,
    pub registration_id: Uuid,
    pub au_id: String,
    pub actor_key: String,
}

/// Launch tokens' Basic user names start with this; providers' keys with `lrs-`.
pub const LAUNCH_KEY_PREFIX: &str = "launch-";

/// The `key:secret` pair of a Basic Authorization header.
fn basic(parts: &Parts) -> Option<(String, String)> {
    let value = parts
        .headers
        .get(axum::http::header::AUTHORIZATION)?
        .to_str()
        .ok()?;
    let (scheme, encoded) = value.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = String::from_utf8(STANDARD.decode(encoded.trim()).ok()?).ok()?;
    let (key, secret) = decoded.split_once(':')?;
    Some((key.to_owned(), secret.to_owned()))
}

/// Whether `secret` hashes to `stored`, compared in constant time.
pub fn same_hash(stored: &str, secret: &Token) -> bool {
    stored.as_bytes().ct_eq(secret.hash().as_bytes()).into()
}

impl FromRequestParts<AppState> for Client {
    type Rejection = XapiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, XapiError> {
        let (key, secret) = basic(parts).ok_or_else(XapiError::unauthorized)?;
        let secret = Token::from_presented(&secret).ok_or_else(XapiError::unauthorized)?;
        if key.starts_with(LAUNCH_KEY_PREFIX) {
            return crate::server::courses::launch_auth::client(state, &key, &secret).await;
        }
        let credential = xapi_credential::Entity::find()
            .filter(xapi_credential::Column::Key.eq(key.as_str()))
            .filter(xapi_credential::Column::RetiredAt.is_null())
            .one(&state.db)
            .await?
            .ok_or_else(XapiError::unauthorized)?;
        if !same_hash(&credential.secret_sha256, &secret) {
            return Err(XapiError::unauthorized());
        }
        let provider = provider::Entity::find_by_id(credential.provider_id)
            .one(&state.db)
            .await?
            .ok_or_else(XapiError::unauthorized)?;
        Ok(Self {
            provider_id: provider.id,
            authority: json!({
                "objectType": "Agent",
                "name": provider.name,
                "account": {
                    "homePage": state.config.mail.public_url.trim_end_matches('/'),
                    "name": credential.key,
                },
            }),
            launch: None,
        })
    }
}
