//! SeaORM entities, one file per table.

pub mod activity;
pub mod announcement;
pub mod announcement_read;
pub mod au_progress;
pub mod audit_log;
pub mod clinician_fact;
pub mod course;
pub mod credential;
pub mod document;
pub mod document_version;
pub mod email_link;
pub mod launch_session;
pub mod provider;
pub mod recovery_code;
pub mod registration;
pub mod requirement_set;
pub mod session;
pub mod sign_in_throttle;
pub mod totp_factor;
pub mod user;
pub mod xapi_activity;
pub mod xapi_credential;
pub mod xapi_document;
pub mod xapi_statement;
pub mod xapi_statement_activity;
pub mod xapi_statement_agent;
