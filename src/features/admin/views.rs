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
