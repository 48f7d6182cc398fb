//! Database connection and migrations, for SQLite (embedded default) and Postgres.

use std::{path::Path, time::Duration};

use migration::{Migrator, MigratorTrait};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbErr, SqliteTransactionMode,
    TransactionOptions,
};

/// How every writing transaction starts. On SQLite a transaction that reads before it
/// writes (`BEGIN DEFERRED`, the default) cannot take the write lock once another writer has
/// committed, and fails at once with "database is locked" instead of waiting; `IMMEDIATE`
/// takes the lock at `BEGIN`, so concurrent writers queue behind the busy timeout. Postgres
/// ignores the setting.
pub const WRITE: TransactionOptions = TransactionOptions {
    isolation_level: None,
    access_mode: None,
    sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
};

use super::config::{Backend, DatabaseConfig};

/// Opens a connection pool. For SQLite the file's folder is created first, so a fresh
/// checkout starts without any set-up.
pub async fn connect(config: &DatabaseConfig) -> Result<DatabaseConnection, DbErr> {
    if config.backend == Backend::Sqlite
        && let Some(folder) = sqlite_folder(&config.url)
    {
        std::fs::create_dir_all(folder)
            .map_err(|err| DbErr::Custom(format!("cannot create the database folder: {err}")))?;
    }
    let mut options = ConnectOptions::new(config.url.clone());
    options
        .max_connections(10)
        .connect_timeout(Duration::from_secs(5))
        .acquire_timeout(Duration::from_secs(5))
        // Statements stay out of the logs: they are noise and parameters can be personal.
        .sqlx_logging(false);
    let db = Database::connect(options).await?;
    if config.backend == Backend::Sqlite {
        // WAL lets readers proceed during a write; it is a property of the file, set once.
        db.execute_unprepared("PRAGMA journal_mode=WAL").await?;
    }
    Ok(db)
}

/// Applies every migration the database has not seen; a second run applies nothing.
pub async fn migrate(db: &DatabaseConnection) -> Result<usize, DbErr> {
    let pending = Migrator::get_pending_migrations(db).await?.len();
    Migrator::up(db, None).await?;
    Ok(pending)
}

/// The folder of an `sqlite:` URL's file, if it names one (not `:memory:`).
fn sqlite_folder(url: &str) -> Option<&Path> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or_default();
    if path.is_empty() || path.starts_with(":memory:") {
        return None;
    }
    Path::new(path)
        .parent()
        .filter(|parent| !parent.as_os_str().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_folder_is_found_in_relative_and_absolute_urls() {
        assert_eq!(
            sqlite_folder("sqlite://data/licensure.db?mode=rwc"),
            Some(Path::new("data"))
        );
        assert_eq!(
            sqlite_folder("sqlite:///var/lib/x/l.db"),
            Some(Path::new("/var/lib/x"))
        );
        assert_eq!(sqlite_folder("sqlite::memory:"), None);
        assert_eq!(sqlite_folder("sqlite://l.db"), None);
    }
}
