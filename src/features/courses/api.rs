//! Server functions of the course catalog; each checks the signed-in clinician itself.

use leptos::prelude::*;

use super::views::CourseCatalog;
use crate::error::AppError;

/// The catalog filtered by words, topic, credit type and most hours; `gaps` ranks the
/// courses by the missing hours they would cover and leaves out those that cover none.
#[server(endpoint = "courses", prefix = "/api")]
pub async fn list_courses(
    q: Option<String>,
    topic: Option<String>,
    credit_type: Option<String>,
    max_hours: Option<String>,
    gaps: Option<String>,
) -> Result<CourseCatalog, AppError> {
    use crate::server::courses::catalog::{self, Filter};
    let filter = Filter {
        words: q.unwrap_or_default(),
        topic: topic.unwrap_or_default(),
        credit_type: credit_type.unwrap_or_default(),
        max_hours: max_hours.unwrap_or_default(),
        gaps: gaps.as_deref() == Some("1"),
    };
    crate::server::respond::finish(catalog::list(filter).await)
}

/// Records a link course as completed by the clinician (self-reported), once.
#[server(endpoint = "courses/complete", prefix = "/api")]
pub async fn complete_link_course(id: Option<String>) -> Result<(), AppError> {
    use crate::server::courses::catalog;
    crate::server::respond::finish(catalog::complete_link(id.unwrap_or_default()).await)
}
