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
