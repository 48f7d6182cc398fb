//! Server functions for accounts. Each reads the session itself, asks the policy, calls one
//! service and maps its errors to messages that are safe to show.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// The signed-in person, as the header and account page show them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Viewer {
    pub display_name: String,
    pub role: String,
    /// Password accepted, second factor still owed.
    pub awaiting_second_factor: bool,
    /// Minutes without use after which a session ends (server configuration).
    pub idle_minutes: i64,
    /// An administrator who must enrol two-factor sign-in before anything else.
    pub must_enrol_second_factor: bool,
}

/// What enrolment shows once: the QR code (PNG, base64) and the secret for typing in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TwoFactorSetup {
    pub secret: String,
    pub qr_png_base64: String,
}

/// One active session in the account page's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionView {
    pub id: String,
    pub device: String,
    pub signed_in: String,
    pub last_seen: String,
    pub current: bool,
}

#[server(endpoint = "accounts/me", prefix = "/api")]
pub async fn me() -> Result<Option<Viewer>, AppError> {
    use crate::server::{auth, state::AppState};
    let state = AppState::from_context()?;
    let user = crate::server::respond::finish(auth::current_user(&state).await)?;
    Ok(user.map(|u| Viewer {
        must_enrol_second_factor: auth::policy::second_factor_owed(&u),
        display_name: u.display_name,
        role: u.role,
        awaiting_second_factor: u.awaiting_second_factor,
        idle_minutes: state.config.sessions.idle_minutes,
    }))
}

#[server(endpoint = "accounts/sign_up", prefix = "/api")]
pub async fn sign_up(
    email: String,
    username: String,
    display_name: String,
    password: String,
) -> Result<(), AppError> {
    use crate::server::accounts::web;
    crate::server::respond::finish(web::sign_up(email, username, display_name, password).await)
}

#[server(endpoint = "accounts/sign_in", prefix = "/api")]
pub async fn sign_in(login: String, password: String) -> Result<(), AppError> {
    use crate::server::accounts::web;
    crate::server::respond::finish(web::sign_in(login, password).await)
}

#[server(endpoint = "accounts/sign_out", prefix = "/api")]
pub async fn sign_out() -> Result<(), AppError> {
    use crate::server::accounts::web;
    crate::server::respond::finish(web::sign_out().await)
}

#[server(endpoint = "accounts/sessions", prefix = "/api")]
pub async fn my_sessions() -> Result<Vec<SessionView>, AppError> {
    use crate::server::accounts::web;
    crate::server::respond::finish(web::my_sessions().await)
}

#[server(endpoint = "accounts/revoke_session", prefix = "/api")]
pub async fn revoke_session(id: String) -> Result<(), AppError> {
    use crate::server::accounts::web;
    crate::server::respond::finish(web::revoke_session(id).await)
}

#[server(endpoint = "accounts/revoke_other_sessions", prefix = "/api")]
pub async fn revoke_other_sessions() -> Result<u64, AppError> {
    use crate::server::accounts::web;
    crate::server::respond::finish(web::revoke_other_sessions().await)
}

#[server(endpoint = "accounts/two_factor/status", prefix = "/api")]
pub async fn two_factor_status() -> Result<bool, AppError> {
    use crate::server::accounts::two_factor_web as web;
    crate::server::respond::finish(web::status().await)
}

#[server(endpoint = "accounts/two_factor/begin", prefix = "/api")]
pub async fn begin_two_factor() -> Result<TwoFactorSetup, AppError> {
    use crate::server::accounts::two_factor_web as web;
    crate::server::respond::finish(web::begin().await)
}

#[server(endpoint = "accounts/two_factor/confirm", prefix = "/api")]
pub async fn confirm_two_factor(code: String) -> Result<Vec<String>, AppError> {
    use crate::server::accounts::two_factor_web as web;
    crate::server::respond::finish(web::confirm(code).await)
}

#[server(endpoint = "accounts/two_factor/disable", prefix = "/api")]
pub async fn disable_two_factor(code_or_password: String) -> Result<(), AppError> {
    use crate::server::accounts::two_factor_web as web;
    crate::server::respond::finish(web::disable(code_or_password).await)
}

#[server(endpoint = "accounts/two_factor/complete", prefix = "/api")]
pub async fn complete_sign_in(code: String) -> Result<(), AppError> {
    use crate::server::accounts::two_factor_web as web;
    crate::server::respond::finish(web::complete_sign_in(code).await)
}

#[server(endpoint = "accounts/change_password", prefix = "/api")]
pub async fn change_password(
    current_password: String,
    new_password: String,
) -> Result<(), AppError> {
    use crate::server::accounts::manage;
    crate::server::respond::finish(manage::change_password(current_password, new_password).await)
}

#[server(endpoint = "accounts/delete", prefix = "/api")]
pub async fn delete_account(password: String) -> Result<(), AppError> {
    use crate::server::accounts::manage;
    crate::server::respond::finish(manage::delete_account(password).await)
}
