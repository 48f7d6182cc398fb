//! Start-up: open the database, apply migrations, prepare storage, serve until told to stop.

use std::{fmt, sync::Arc};

use tokio::net::TcpListener;

use crate::domain::requirements::Catalog;

use super::{
    admin_console::lifecycle,
    catalog_loader,
    config::{self, Backend, Config},
    crypto::MasterKey,
    db,
    documents::{
        storage::{LocalStore, S3Store, Storage},
        sweep,
    },
    mail::Mailer,
    passwords::PasswordHasher,
    router, site,
    state::AppState,
};

/// Why the server could not start, with what to do next.
#[derive(Debug)]
pub struct StartError(String);

impl fmt::Display for StartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for StartError {}

/// Connects, migrates and prepares storage: everything but listening.
pub async fn prepare(config: Config) -> Result<AppState, StartError> {
    let backend = config.database.backend;
    let db = db::connect(&config.database).await.map_err(|err| {
        StartError(format!(
            "cannot open the {} database: {err}. Check {} and that the database server is running.",
            backend.label(),
            config::DATABASE_URL,
        ))
    })?;
    let applied = db::migrate(&db)
        .await
        .map_err(|err| StartError(format!("cannot apply database migrations: {err}")))?;
    tracing::info!(applied, "database schema is up to date");
    let mut catalog = Catalog::embedded().map_err(|err| {
        StartError(format!(
            "the built-in requirement catalog is invalid: {err}"
        ))
    })?;
    let added = catalog_loader::load(&db, &catalog)
        .await
        .map_err(|err| StartError(format!("cannot store the requirement catalog: {err}")))?;
    let from_console = catalog_loader::add_stored(&db, &mut catalog)
        .await
        .map_err(|err| StartError(format!("cannot read the requirement catalog: {err}")))?;
    tracing::info!(added, from_console, "requirement catalog loaded");
    super::courses::seed::demo(&db, chrono::Utc::now())
        .await
        .map_err(|err| StartError(format!("cannot add the demo course: {err}")))?;

    std::fs::create_dir_all(&config.storage.local_root).map_err(|err| {
        StartError(format!(
            "cannot create the file storage folder {}: {err}. Set {} to a writable folder.",
            config.storage.local_root.display(),
            config::DATA_DIR,
        ))
    })?;

    let storage = match &config.storage.s3 {
        None => Storage::Local(LocalStore::new(config.storage.local_root.clone())),
        Some(settings) => Storage::S3(S3Store::new(settings)),
    };
    // A bucket that cannot be reached or keeps no versions is a setup error to fix now,
    // not a surprise at the first upload.
    storage.check().await.map_err(|err| {
        StartError(format!(
            "document storage is not usable: {err}. Check the {} settings.",
            if config.storage.s3.is_some() {
                "LICENSURE_S3_*"
            } else {
                "LICENSURE_DATA_DIR"
            }
        ))
    })?;

    let master_key = match &config.storage.master_key {
        Some(key) => key.clone(),
        None => MasterKey::load_or_create(&config.storage.key_file).map_err(|err| {
            StartError(format!(
                "the master key file {} {err}. Set {} or make the data folder writable.",
                config.storage.key_file.display(),
                config::MASTER_KEY,
            ))
        })?,
    };

    let mailer = Mailer::from_config(&config.mail).map_err(|err| {
        StartError(format!(
            "mail cannot be sent: {err}. Set {} to a writable folder or {} to an SMTP server.",
            config::DATA_DIR,
            config::SMTP_URL,
        ))
    })?;

    Ok(AppState {
        catalog: catalog_loader::LiveCatalog::new(catalog),
        storage,
        mailer,
        master_key,
        leptos_options: site::leptos_options(&config),
        db,
        config: Arc::new(config),
        passwords: PasswordHasher::new(),
    })
}

/// Serves HTTP until SIGTERM or Ctrl-C, then lets requests in flight finish.
pub async fn serve(config: Config) -> Result<(), StartError> {
    let addr = config.http.addr;
    log_configuration(&config);
    let state = prepare(config).await?;
    tokio::spawn(end_due_accounts(state.db.clone()));
    tokio::spawn(sweep_documents(state.db.clone(), state.storage.clone()));
    let listener = TcpListener::bind(addr).await.map_err(|err| {
        StartError(format!(
            "cannot listen on {addr}: {err}. Set {} to a free address, e.g. 127.0.0.1:3100.",
            config::ADDR
        ))
    })?;
    tracing::info!("Licensure is serving http://{addr}");
    // Connection info gives the client address for throttling and the audit log.
    let app = router::build(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(|err| StartError(format!("the HTTP server stopped: {err}")))?;
    tracing::info!("shut down cleanly");
    Ok(())
}

/// Hourly, marks accounts whose planned end has come as terminated (sign-in and sessions
/// refuse them from that day already; this keeps their stored status true).
async fn end_due_accounts(db: sea_orm::DatabaseConnection) {
    let mut hourly = tokio::time::interval(std::time::Duration::from_secs(3600));
    loop {
        hourly.tick().await;
        match lifecycle::sweep(&db, chrono::Utc::now()).await {
            Ok(0) => {}
            Ok(ended) => tracing::info!(ended, "accounts past their end date were terminated"),
            Err(err) => {
                tracing::warn!(error = %err, "could not terminate accounts past their end date")
            }
        }
    }
}

/// At start-up and hourly, removes what failed uploads and outages left behind (see
/// `documents::sweep`).
async fn sweep_documents(db: sea_orm::DatabaseConnection, storage: Storage) {
    let mut hourly = tokio::time::interval(std::time::Duration::from_secs(3600));
    loop {
        hourly.tick().await;
        sweep::run(&db, &storage, chrono::Utc::now()).await;
    }
}

fn log_configuration(config: &Config) {
    match config.database.backend {
        Backend::Sqlite => {
            let file = config
                .database
                .url
                .trim_start_matches("sqlite://")
                .split('?')
                .next();
            tracing::info!("database: SQLite file {}", file.unwrap_or_default());
        }
        // The URL may carry credentials, so only the kind is logged.
        Backend::Postgres => tracing::info!("database: PostgreSQL (from DATABASE_URL)"),
    }
    tracing::info!(
        "storage: local folder {}",
        config.storage.local_root.display()
    );
    match &config.mail.transport {
        config::MailTransport::Folder(path) => {
            tracing::info!("mail: written as .eml files to {}", path.display());
        }
        // The URL may carry credentials, so only the kind is logged.
        config::MailTransport::Smtp(_) => tracing::info!("mail: SMTP (from LICENSURE_SMTP_URL)"),
    }
    tracing::info!("site files: {}", config.http.site_root.display());
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutdown signal received; finishing requests in flight");
}
