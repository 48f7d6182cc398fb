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

/// The client's address: the connection's peer, or, when that peer is a configured trusted
/// proxy, the nearest address in `X-Forwarded-For` that is not one of those proxies. Any
/// client can write that header, so it is never read otherwise.
pub fn client_addr() -> Option<String> {
    let parts = use_context::<Parts>()?;
    let peer = parts.extensions.get::<ConnectInfo<SocketAddr>>()?.0.ip();
    let trusted = use_context::<AppState>()
        .map(|state| state.config.http.trusted_proxies.clone())
        .unwrap_or_default();
    Some(resolve_client(peer, &trusted, parts.headers.get("x-forwarded-for")).to_string())
}

fn resolve_client(
    peer: std::net::IpAddr,
    trusted: &[std::net::IpAddr],
    forwarded: Option<&axum::http::HeaderValue>,
) -> std::net::IpAddr {
    if !trusted.contains(&peer) {
        return peer;
    }
    let chain = forwarded.and_then(|v| v.to_str().ok()).unwrap_or_default();
    chain
        .rsplit(',')
        .filter_map(|hop| hop.trim().parse::<std::net::IpAddr>().ok())
        .find(|hop| !trusted.contains(hop))
        .unwrap_or(peer)
}

#[cfg(test)]
mod tests {
    use super::resolve_client;
    use axum::http::HeaderValue;
    use std::net::IpAddr;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap_or(IpAddr::from([0, 0, 0, 0]))
    }

    #[test]
    fn forwarded_for_is_believed_only_from_trusted_proxies() {
        let header = HeaderValue::from_static("6.6.6.6, 203.0.113.9, 10.0.0.5");
        let proxies = [ip("10.0.0.5")];
        // From the proxy: the nearest untrusted hop, not the client-written first entry.
        assert_eq!(
            resolve_client(ip("10.0.0.5"), &proxies, Some(&header)),
            ip("203.0.113.9")
        );
        // From anyone else the header is ignored.
        assert_eq!(
            resolve_client(ip("198.51.100.7"), &proxies, Some(&header)),
            ip("198.51.100.7")
        );
        assert_eq!(
            resolve_client(ip("10.0.0.5"), &[], Some(&header)),
            ip("10.0.0.5")
        );
    }
}
