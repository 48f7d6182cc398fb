//! What the console's catalog and status pages are given.

use serde::{Deserialize, Serialize};

/// A requirement set in the catalog list: its newest version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogSetRow {
    pub id: String,
    pub board: String,
    pub kind: String,
    pub jurisdiction: String,
    pub profession: String,
    pub latest_version: u32,
    pub versions: usize,
    pub confidence: String,
}

/// Every version of one set, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogSetDetail {
    pub id: String,
    pub board: String,
    pub versions: Vec<CatalogVersionView>,
    /// The newest version as JSON, the starting point for the next one.
    pub latest_json: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogVersionView {
    pub version: u32,
    pub effective_from: String,
    pub as_of: String,
    pub confidence: String,
    /// "shipped with Licensure" or "added by <username> on <date>".
    pub origin: String,
    pub sources: Vec<SourceView>,
    pub unknowns: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceView {
    pub title: String,
    pub url: String,
}

/// The console's status page: whether each part the service depends on answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsoleStatus {
    pub checks: Vec<StatusCheck>,
    pub app_version: String,
    pub schema_version: String,
    pub pending_migrations: usize,
    pub users: u64,
    pub credentials: u64,
    pub activities: u64,
    pub documents: u64,
    pub checked_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusCheck {
    pub part: String,
    pub ok: bool,
    pub detail: String,
}
