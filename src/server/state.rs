//! State shared by every request: options, the database pool, configuration.

use std::sync::Arc;

use axum::extract::FromRef;
use leptos::prelude::*;
use sea_orm::DatabaseConnection;

use super::{config::Config, crypto::MasterKey, mail::Mailer, passwords::PasswordHasher};
use crate::error::AppError;

#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: DatabaseConnection,
    pub config: Arc<Config>,
    pub passwords: PasswordHasher,
    pub master_key: MasterKey,
    pub mailer: Mailer,
    /// Where sealed documents are kept.
    pub storage: super::documents::storage::Storage,
    /// The requirement catalog the engine evaluates against.
    pub catalog: super::catalog_loader::LiveCatalog,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

impl AppState {
    /// The state inside a server function, where leptos_axum provides it as context.
    pub fn from_context() -> Result<Self, AppError> {
        use_context::<Self>().ok_or_else(|| {
            tracing::error!("application state missing from the server function context");
            AppError::internal()
        })
    }
}
