//! The console's status page: whether the database, the file storage and the mail server
//! answer now, which version and schema are running, and how much the service holds.

use chrono::{SecondsFormat, Utc};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use super::admin;
use crate::{
    error::AppError,
    features::admin::{ConsoleStatus, StatusCheck},
    server::{
        entities::{activity, credential, document, user},
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

/// Writes and removes a probe (local folder) or reads the bucket's versioning (S3).
async fn storage(state: &AppState) -> StatusCheck {
    match state.storage.check().await {
        Ok(detail) => check("File storage", true, detail),
        Err(err) => {
            tracing::warn!(error = %err, "status check: document storage is not usable");
            check("File storage", false, "cannot be written or read")
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
    let documents = document::Entity::find()
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
        documents,
        checked_at: Utc::now().to_rfc3339_opts(SecondsFormat::Secs, true),
    })
}
