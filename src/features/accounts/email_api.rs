//! Server functions for email verification, change of address and password reset.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// The account's address as the account page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmailStatus {
    pub address: String,
    pub verified: bool,
    /// A new address waiting for its link to be opened.
    pub pending_address: Option<String>,
}

#[server(endpoint = "accounts/email/status", prefix = "/api")]
pub async fn my_email() -> Result<EmailStatus, AppError> {
    use crate::server::accounts::email_web as web;
    crate::server::respond::finish(web::status().await)
}

#[server(endpoint = "accounts/email/resend", prefix = "/api")]
pub async fn resend_verification() -> Result<(), AppError> {
    use crate::server::accounts::email_web as web;
    crate::server::respond::finish(web::resend().await)
}

#[server(endpoint = "accounts/email/change", prefix = "/api")]
pub async fn change_email(new_email: String, password: String) -> Result<String, AppError> {
    use crate::server::accounts::email_web as web;
    crate::server::respond::finish(web::change(new_email, password).await)
}

#[server(endpoint = "accounts/email/confirm", prefix = "/api")]
pub async fn confirm_email(token: String) -> Result<String, AppError> {
    use crate::server::accounts::email_web as web;
    crate::server::respond::finish(web::confirm(token).await)
}

#[server(endpoint = "accounts/password_reset/request", prefix = "/api")]
pub async fn request_password_reset(email: String) -> Result<String, AppError> {
    use crate::server::accounts::reset_web as web;
    crate::server::respond::finish(web::request(email).await)
}

#[server(endpoint = "accounts/password_reset/check", prefix = "/api")]
pub async fn check_reset_link(token: String) -> Result<bool, AppError> {
    use crate::server::accounts::reset_web as web;
    crate::server::respond::finish(web::check(token).await)
}

#[server(endpoint = "accounts/password_reset/complete", prefix = "/api")]
pub async fn reset_password(token: String, new_password: String) -> Result<(), AppError> {
    use crate::server::accounts::reset_web as web;
    crate::server::respond::finish(web::reset(token, new_password).await)
}
