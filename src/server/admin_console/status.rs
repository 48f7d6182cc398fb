//! The console's status page: whether the database, the file storage and the mail server
//! answer now, which version and schema are running, and how much the service holds.

use chrono::{SecondsFormat, Utc};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use super::admin;
use crate::{
    error::AppError,
    features::admin::{ConsoleStatus, StatusCheck},
    server::{
        entities::{activity, credential, user},
        respond::database_error,
        state::AppState,
        status,
    },
};

fn check(part: &str, ok: bool, detail: impl Into<String>) -> StatusCheck {
    StatusCheck {
        part: part.to_owned(),
        ok,
        detail: detail.into(),
    }
}

/// Writes and removes a probe file in the storage folder: proof it is there and writable.
async fn storage(state: &AppState) -> StatusCheck {
    let probe = state
        .config
        .storage
        .local_root
        .join(format!(".status-probe-{}", uuid::Uuid::new_v4()));
    let written = tokio::fs::write(&probe, b"probe").await;
    let removed = tokio::fs::remove_file(&probe).await;
    match (written, removed) {
        (Ok(()), Ok(())) => check("File storage", true, "local folder, writable"),
        (Err(err), _) | (_, Err(err)) => {
            tracing::warn!(error = %err, "status check: the storage folder is not writable");
            check(
                "File storage",
                false,
                "the storage folder cannot be written",
            )
        }
    }
}

pub async fn read() -> Result<ConsoleStatus, AppError> {
    let (state, _) = admin().await?;
    let db = &state.db;
    let database = match db.ping().await {
        Ok(()) => check("Database", true, "answers"),
        Err(err) => {
            tracing::warn!(error = %err, "status check: the database does not answer");
            check("Database", false, "does not answer")
        }
    };
    let mail = if state.mailer.reachable().await {
        check("Mail", true, "the mail server accepts connections")
    } else {
        check("Mail", false, "the mail server cannot be reached")
    };
    let schema = status::read(db).await?;
    let users = user::Entity::find()
        .count(db)
        .await
        .map_err(database_error)?;
    let credentials = credential::Entity::find()
        .filter(credential::Column::ArchivedAt.is_null())
        .count(db)
        .await
        .map_err(database_error)?;
    let activities = activity::Entity::find()
        .count(db)
        .await
        .map_err(database_error)?;
    Ok(ConsoleStatus {
        checks: vec![database, storage(&state).await, mail],
        app_version: env!("CARGO_PKG_VERSION").to_owned(),
        schema_version: schema.schema_version,
        pending_migrations: schema.pending_migrations,
        users,
        credentials,
        activities,
        checked_at: Utc::now().to_rfc3339_opts(SecondsFormat::Secs, true),
    })
}
