//! Server functions for product updates as clinicians see them. Each takes the user from
//! the session; an announcement that is not published answers "not found".

use leptos::prelude::*;

use super::views::UpdateView;
use crate::error::AppError;

/// Published announcements this user has not dismissed yet, newest first.
#[server(endpoint = "updates/new", prefix = "/api")]
pub async fn new_updates() -> Result<Vec<UpdateView>, AppError> {
    use crate::server::announcements;
    crate::server::respond::finish(announcements::unseen().await)
}

/// Marks one announcement as seen, so it is not shown as new again.
#[server(endpoint = "updates/dismiss", prefix = "/api")]
pub async fn dismiss_update(id: Option<String>) -> Result<(), AppError> {
    use crate::server::announcements;
    crate::server::respond::finish(announcements::dismiss(id.unwrap_or_default()).await)
}

/// Every published announcement, newest first.
#[server(endpoint = "updates", prefix = "/api")]
pub async fn list_updates() -> Result<Vec<UpdateView>, AppError> {
    use crate::server::announcements;
    crate::server::respond::finish(announcements::published().await)
}
