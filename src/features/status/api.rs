use serde::{Deserialize, Serialize};

use crate::error::AppError;
use leptos::prelude::*;

/// What the status page shows; nothing in it identifies a user or a secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusReport {
    /// "SQLite" or "PostgreSQL".
    pub database: String,
    /// Name of the newest applied migration.
    pub schema_version: String,
    /// Migrations known to this build that the database has not applied.
    pub pending_migrations: usize,
    /// Server time of the check, RFC 3339, UTC.
    pub checked_at: String,
    pub app_version: String,
}

/// Reads the database's live state. Public on purpose: it reveals only the engine's kind and
/// the schema version, which a load balancer's health checks see anyway.
#[server(endpoint = "system_status", prefix = "/api")]
pub async fn system_status() -> Result<StatusReport, AppError> {
    let state = crate::server::state::AppState::from_context()?;
    crate::server::respond::finish(crate::server::status::read(&state.db).await)
}
