//! Router-level tests: the real application on a fresh SQLite file and a fresh Postgres
//! database per test.

#![cfg(feature = "ssr")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

mod accounts;
mod admin_account_actions;
mod admin_cli;
mod admin_console;
mod admin_review_and_catalog;
mod admin_roles;
mod announcements;
mod audit;
mod catalog_load;
mod certificate_accuracy;
mod courses;
mod document_cleanup;
mod document_console;
mod document_links;
mod document_proposal;
mod document_storage;
mod document_versions;
mod documents;
mod email_verification;
mod health;
mod lrs;
mod mail_smtp;
mod migrations;
mod pages;
mod password_reset;
mod security;
mod status_api;
mod two_factor;
mod workspace;
mod workspace_profile;
