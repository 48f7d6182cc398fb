//! Server functions for courses, providers and LRS credentials in the console. Each checks
//! the administrator itself; to anyone else they answer "not found". A course itself is
//! saved by a plain multipart POST (`/admin/courses/save`), as it may carry a package file.

use leptos::prelude::*;

use super::course_views::{AdminCourses, NewCredentialView};
use crate::error::AppError;

#[server(endpoint = "admin/courses", prefix = "/api")]
pub async fn list_admin_courses() -> Result<AdminCourses, AppError> {
    use crate::server::courses::admin;
    crate::server::respond::finish(admin::list().await)
}

/// Takes a course out of the catalog (`retire = "1"`) or puts it back. Registrations and
/// posted credit stay.
#[server(endpoint = "admin/courses/retire", prefix = "/api")]
pub async fn retire_course(id: Option<String>, retire: Option<String>) -> Result<(), AppError> {
    use crate::server::courses::admin;
    crate::server::respond::finish(
        admin::set_retired(id.unwrap_or_default(), retire.as_deref() == Some("1")).await,
    )
}

#[server(endpoint = "admin/providers/add", prefix = "/api")]
pub async fn add_provider(name: Option<String>) -> Result<(), AppError> {
    use crate::server::courses::admin;
    crate::server::respond::finish(admin::add_provider(name.unwrap_or_default()).await)
}

#[server(endpoint = "admin/providers/credential", prefix = "/api")]
pub async fn create_lrs_credential(
    provider: Option<String>,
    label: Option<String>,
) -> Result<NewCredentialView, AppError> {
    use crate::server::courses::admin;
    crate::server::respond::finish(
        admin::create_credential(provider.unwrap_or_default(), label.unwrap_or_default()).await,
    )
}

#[server(endpoint = "admin/providers/credential/retire", prefix = "/api")]
pub async fn retire_lrs_credential(id: Option<String>) -> Result<(), AppError> {
    use crate::server::courses::admin;
    crate::server::respond::finish(admin::retire_credential(id.unwrap_or_default()).await)
}
