//! The service status read behind the status page.

use chrono::{SecondsFormat, Utc};
use migration::{Migrator, MigratorTrait};
use sea_orm::{DatabaseConnection, DbBackend};

use crate::{error::AppError, features::status::StatusReport};

/// Asks the database which migrations it has applied; any failure reads as "unavailable".
pub async fn read(db: &DatabaseConnection) -> Result<StatusReport, AppError> {
    let unavailable = |err: sea_orm::DbErr| {
        tracing::warn!(error = %err, "status check could not reach the database");
        AppError::unavailable()
    };
    let applied = Migrator::get_applied_migrations(db)
        .await
        .map_err(unavailable)?;
    let pending = Migrator::get_pending_migrations(db)
        .await
        .map_err(unavailable)?;
    let database = match db.get_database_backend() {
        DbBackend::Postgres => "PostgreSQL",
        DbBackend::Sqlite => "SQLite",
        _ => "other",
    };
    Ok(StatusReport {
        database: database.to_owned(),
        schema_version: applied
            .last()
            .map(|m| m.name().to_owned())
            .unwrap_or_else(|| "empty".to_owned()),
        pending_migrations: pending.len(),
        checked_at: Utc::now().to_rfc3339_opts(SecondsFormat::Secs, true),
        app_version: env!("CARGO_PKG_VERSION").to_owned(),
    })
}
