//! What the console's course pages show.

use serde::{Deserialize, Serialize};

use crate::features::workspace::Choice;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminCourseRow {
    pub id: String,
    pub title: String,
    pub provider_id: String,
    pub provider: String,
    pub description: String,
    pub hours: String,
    pub credit_type: String,
    pub topics: Vec<String>,
    pub accreditor: String,
    pub price: String,
    /// `cmi5` or `link`.
    pub launch: String,
    pub link_url: String,
    pub content_base: String,
    /// The cmi5 course id and the number of AUs, for cmi5 courses.
    pub structure: Option<String>,
    pub retired: bool,
    pub registrations: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CredentialRow {
    pub id: String,
    pub label: String,
    pub key: String,
    pub created: String,
    pub retired: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProviderRow {
    pub id: String,
    pub name: String,
    pub credentials: Vec<CredentialRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminCourses {
    pub courses: Vec<AdminCourseRow>,
    pub providers: Vec<ProviderRow>,
    pub credit_types: Vec<Choice>,
    pub topics: Vec<Choice>,
}

/// A credential just made: the secret is shown this once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewCredentialView {
    pub provider: String,
    pub endpoint: String,
    pub key: String,
    pub secret: String,
}
