//! The signed-in user of the request being served, read from its session cookie.

use std::net::SocketAddr;

use axum::{extract::ConnectInfo, http::request::Parts};
use chrono::Utc;
use leptos::prelude::*;
use uuid::Uuid;

use super::{cookie, policy, sessions};
use crate::{error::AppError, server::state::AppState};

/// The user behind a request, as far as authorization needs to know.
#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub user_id: Uuid,
    pub session_id: Uuid,
    pub role: String,
    pub display_name: String,
    pub second_factor_done: bool,
    /// Signed in with the password only; the second factor is still owed.
    pub awaiting_second_factor: bool,
}

/// The signed-in user of the current server-function or page request, if any.
pub async fn current_user(state: &AppState) -> Result<Option<CurrentUser>, AppError> {
    let Some(parts) = use_context::<Parts>() else {
        return Ok(None);
    };
    let Some(token) = cookie::read(&parts.headers, state.config.sessions.https) else {
        return Ok(None);
    };
    let found = sessions::resume(&state.db, &token, &state.config.sessions, Utc::now())
        .await
        .map_err(|err| {
            tracing::error!(error = %err, "session lookup failed");
            AppError::unavailable()
        })?;
    Ok(found.map(|(session, user)| CurrentUser {
        user_id: user.id,
        session_id: session.id,
        role: user.role,
        display_name: user.display_name,
        second_factor_done: session.second_factor_done,
        awaiting_second_factor: session.awaiting_second_factor,
    }))
}

/// The signed-in user if they hold `permission`; otherwise the error to return.
pub async fn require(
    state: &AppState,
    permission: policy::Permission,
) -> Result<CurrentUser, AppError> {
    let user = current_user(state)
        .await?
        .ok_or_else(AppError::unauthenticated)?;
    if policy::allows(&user, permission) {
        Ok(user)
    } else {
        tracing::warn!(target: "security", event = "permission_denied", ?permission);
        Err(AppError::forbidden())
    }
}

/// The client's address from the connection. `X-Forwarded-For` is not trusted: any client
/// can write it.
pub fn client_addr() -> Option<String> {
    let parts = use_context::<Parts>()?;
    parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|info| info.0.ip().to_string())
}
