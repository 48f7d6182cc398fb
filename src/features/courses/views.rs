//! What the course catalog pages show, as the server sends it.

use serde::{Deserialize, Serialize};

use crate::features::workspace::Choice;

/// Where the clinician stands in a course.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Progress {
    NotStarted,
    /// Launched at least once; the last statement or launch at this time (UTC, minutes).
    InProgress {
        last_activity: String,
    },
    /// Met the course's criteria; the credit is recorded.
    Completed {
        on: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CourseCard {
    pub id: String,
    pub title: String,
    pub description: String,
    pub provider: String,
    pub hours: String,
    pub credit_type: String,
    pub topics: Vec<String>,
    pub accreditor: Option<String>,
    /// "Free" or "$49.00"; Licensure takes no payments.
    pub price: String,
    /// `cmi5` (launched here) or `link` (the provider's site).
    pub launch: String,
    pub link_url: Option<String>,
    pub progress: Progress,
    /// With "fills my gaps": the missing hours it would cover across all credentials.
    pub covers: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CourseCatalog {
    /// Why a filter was left out (a "most hours" that is not a number), shown above the list.
    pub problem: Option<String>,
    pub courses: Vec<CourseCard>,
    pub topics: Vec<Choice>,
    pub credit_types: Vec<Choice>,
}
