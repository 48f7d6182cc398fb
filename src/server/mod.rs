//! Server-only code: configuration, database, HTTP plumbing and services.

pub mod accounts;
pub mod admin;
pub mod admin_console;
pub mod announcements;
pub mod audit;
pub mod auth;
pub mod catalog_loader;
pub mod config;
pub mod crypto;
pub mod db;
pub mod engine_cli;
pub mod entities;
pub mod health;
pub mod mail;
pub mod passwords;
pub mod request_log;
pub mod respond;
pub mod router;
pub mod security;
pub mod site;
pub mod startup;
pub mod state;
pub mod status;
pub mod telemetry;
pub mod two_factor;
pub mod workspace;
