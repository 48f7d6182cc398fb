//! What the console's server functions return, shaped for its pages.

use serde::{Deserialize, Serialize};

/// One page of an account search.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountList {
    pub accounts: Vec<AccountRow>,
    pub page: u64,
    pub pages: u64,
    pub total: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountRow {
    pub id: String,
    pub username: String,
    pub display_name: String,
    pub email: String,
    pub role: String,
    pub status: String,
    pub two_factor: bool,
    /// ISO date and time in UTC, or `None` when the account never signed in.
    pub last_sign_in: Option<String>,
    pub active_sessions: u64,
    pub credentials: u64,
    /// The row is the administrator looking at it, who cannot suspend themselves.
    pub is_you: bool,
}

/// One page of the audit log, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditList {
    pub rows: Vec<AuditRowView>,
    pub page: u64,
    pub pages: u64,
    pub total: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditRowView {
    pub id: i64,
    pub at: String,
    /// Username of the actor, `operator` for the command line, or the id of a deleted account.
    pub actor: String,
    pub action: String,
    pub target: String,
    pub outcome: String,
    pub reason: String,
    pub client_addr: String,
}

/// One account as the console's account page shows it: its state, never its records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountDetail {
    pub account: AccountRow,
    /// ISO date the account stops working, when an end is planned.
    pub terminate_on: Option<String>,
    pub created_at: String,
    pub email_verified: bool,
    /// "2026-11-02 09:14 UTC by ops_lead" or "by the operator", for administrators.
    pub admin_since: Option<String>,
}

/// What an administrator sees after opening an account's records (an audited step).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountRecords {
    pub credentials: Vec<RecordLine>,
    pub activities: Vec<RecordLine>,
    /// The account's documents; their bytes open only through an audited download.
    pub documents: Vec<crate::features::documents::DocumentView>,
}

/// One credential or activity: what it is and its key date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordLine {
    pub title: String,
    pub detail: String,
    pub date: String,
}

/// One privileged account in the access review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessRow {
    pub id: String,
    pub username: String,
    pub display_name: String,
    pub role: String,
    pub status: String,
    pub granted_at: String,
    /// Username of the granting administrator, or "operator" for the command line.
    pub granted_by: String,
    pub last_sign_in: Option<String>,
    pub last_review: Option<String>,
    /// No sign-in for 90 days (or never, for an account granted over 90 days ago).
    pub dormant: bool,
    pub is_you: bool,
}
