//! Server functions for announcements in the console. Each checks the administrator
//! itself; to anyone else they answer "not found".

use leptos::prelude::*;

use super::announcement_views::{AnnouncementList, AnnouncementRow};
use crate::error::AppError;

/// Every announcement, drafts and published, newest first.
#[server(endpoint = "admin/announcements", prefix = "/api")]
pub async fn list_announcements() -> Result<AnnouncementList, AppError> {
    use crate::server::admin_console::announcements;
    crate::server::respond::finish(announcements::list().await)
}

/// One announcement, for the editor and the preview.
#[server(endpoint = "admin/announcements/one", prefix = "/api")]
pub async fn get_announcement(id: Option<String>) -> Result<AnnouncementRow, AppError> {
    use crate::server::admin_console::announcements;
    crate::server::respond::finish(announcements::one(id.unwrap_or_default()).await)
}

/// Writes a new draft when `id` is empty, otherwise changes that announcement (draft or
/// published). Answers with its id.
#[server(endpoint = "admin/announcements/save", prefix = "/api")]
pub async fn save_announcement(
    id: Option<String>,
    title: Option<String>,
    body: Option<String>,
) -> Result<String, AppError> {
    use crate::{domain::announcement::AnnouncementForm, server::admin_console::announcements};
    // Optional, so a missing field is answered by the checks (and "not found" for anyone
    // but an administrator) rather than by the form decoder.
    let form = AnnouncementForm {
        title: title.unwrap_or_default(),
        body: body.unwrap_or_default(),
    };
    crate::server::respond::finish(announcements::save(id.unwrap_or_default(), form).await)
}

/// Shows a draft to clinicians from now on.
#[server(endpoint = "admin/announcements/publish", prefix = "/api")]
pub async fn publish_announcement(id: Option<String>) -> Result<(), AppError> {
    use crate::server::admin_console::announcements;
    crate::server::respond::finish(announcements::publish(id.unwrap_or_default()).await)
}

/// Takes a published announcement away from clinicians; it becomes a draft again.
#[server(endpoint = "admin/announcements/unpublish", prefix = "/api")]
pub async fn unpublish_announcement(id: Option<String>) -> Result<(), AppError> {
    use crate::server::admin_console::announcements;
    crate::server::respond::finish(announcements::unpublish(id.unwrap_or_default()).await)
}
