//! SeaORM entities, one file per table.

pub mod activity;
pub mod announcement;
pub mod announcement_read;
pub mod audit_log;
pub mod clinician_fact;
pub mod credential;
pub mod document;
pub mod document_version;
pub mod email_link;
pub mod recovery_code;
pub mod requirement_set;
pub mod session;
pub mod sign_in_throttle;
pub mod totp_factor;
pub mod user;
