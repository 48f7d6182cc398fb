//! Database migrations for Licensure: one set that serves SQLite and Postgres.

pub use sea_orm_migration::prelude::*;

mod m20261204_000001_create_users;
mod m20261204_000002_create_requirement_sets;
mod m20261204_000003_accounts_security;
mod m20261204_000004_two_factor;
mod m20261204_000005_email_links;
mod m20261204_000006_workspace;
mod m20261204_000007_profile;
mod m20261204_000008_admin_console;
mod m20261205_000009_console_accounts;
mod m20261205_000010_announcements;
mod m20261205_000011_documents;
mod m20261205_000012_document_links;
mod m20261205_000013_xapi;
mod m20261205_000014_courses;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261204_000001_create_users::Migration),
            Box::new(m20261204_000002_create_requirement_sets::Migration),
            Box::new(m20261204_000003_accounts_security::Migration),
            Box::new(m20261204_000004_two_factor::Migration),
            Box::new(m20261204_000005_email_links::Migration),
            Box::new(m20261204_000006_workspace::Migration),
            Box::new(m20261204_000007_profile::Migration),
            Box::new(m20261204_000008_admin_console::Migration),
            Box::new(m20261205_000009_console_accounts::Migration),
            Box::new(m20261205_000010_announcements::Migration),
            Box::new(m20261205_000011_documents::Migration),
            Box::new(m20261205_000012_document_links::Migration),
            Box::new(m20261205_000013_xapi::Migration),
            Box::new(m20261205_000014_courses::Migration),
        ]
    }
}
