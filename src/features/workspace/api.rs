//! Server functions of the clinician's workspace. Each takes the user from the session,
//! never from its arguments; another clinician's record answers "not found".

// One argument per form field, so a plain HTML form posts straight to the function.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;

use super::views::{ActivityUsage, ActivityView, CredentialView, Dashboard, Options, ProfileView};
use crate::error::AppError;

#[server(endpoint = "workspace/options", prefix = "/api")]
pub async fn workspace_options() -> Result<Options, AppError> {
    use crate::server::workspace::credentials as service;
    crate::server::respond::finish(service::options().await)
}

#[server(endpoint = "workspace/credentials", prefix = "/api")]
pub async fn list_credentials() -> Result<Vec<CredentialView>, AppError> {
    use crate::server::workspace::credentials as service;
    crate::server::respond::finish(service::list().await)
}

/// Creates a credential when `id` is empty, otherwise changes that one.
#[server(endpoint = "workspace/credentials/save", prefix = "/api")]
pub async fn save_credential(
    id: String,
    kind: String,
    jurisdiction: Option<String>,
    profession: Option<String>,
    certification: Option<String>,
    name: Option<String>,
    number: Option<String>,
    initial_date: Option<String>,
    expires: String,
    specialty: Option<String>,
    own_months: Option<String>,
    own_hours: Option<String>,
    own_topic: Option<String>,
    own_topic_hours: Option<String>,
) -> Result<CredentialView, AppError> {
    use crate::{domain::workspace::CredentialForm, server::workspace::credentials as service};
    let form = CredentialForm {
        kind,
        jurisdiction: jurisdiction.unwrap_or_default(),
        profession: profession.unwrap_or_default(),
        certification: certification.unwrap_or_default(),
        name: name.unwrap_or_default(),
        number: number.unwrap_or_default(),
        initial_date: initial_date.unwrap_or_default(),
        expires,
        specialty: specialty.unwrap_or_default(),
        own_months: own_months.unwrap_or_default(),
        own_hours: own_hours.unwrap_or_default(),
        own_topic: own_topic.unwrap_or_default(),
        own_topic_hours: own_topic_hours.unwrap_or_default(),
    };
    crate::server::respond::finish(service::save(id, form).await)
}

#[server(endpoint = "workspace/credentials/archive", prefix = "/api")]
pub async fn archive_credential(id: String) -> Result<(), AppError> {
    use crate::server::workspace::credentials as service;
    crate::server::respond::finish(service::archive(id).await)
}

/// Activities, newest first, optionally narrowed by words in the title or provider and by
/// credit type.
#[server(endpoint = "workspace/activities", prefix = "/api")]
pub async fn list_activities(
    search: Option<String>,
    credit_type: Option<String>,
) -> Result<Vec<ActivityView>, AppError> {
    use crate::server::workspace::activities as service;
    crate::server::respond::finish(
        service::list(search.unwrap_or_default(), credit_type.unwrap_or_default()).await,
    )
}

/// Records an activity when `id` is empty, otherwise changes that one; `document` links the
/// certificate it was read from.
#[server(endpoint = "workspace/activities/save", prefix = "/api")]
pub async fn save_activity(
    id: String,
    title: String,
    provider: String,
    accreditor: Option<String>,
    completed: String,
    hours: String,
    credit_type: String,
    format: String,
    topics: Option<Vec<String>>,
    document: Option<String>,
) -> Result<ActivityView, AppError> {
    use crate::{domain::workspace::ActivityForm, server::workspace::activities as service};
    let form = ActivityForm {
        title,
        provider,
        accreditor: accreditor.unwrap_or_default(),
        completed,
        hours,
        credit_type,
        format,
        topics: topics.unwrap_or_default(),
    };
    crate::server::respond::finish(service::save(id, form, document).await)
}

#[server(endpoint = "workspace/activities/delete", prefix = "/api")]
pub async fn delete_activity(id: String) -> Result<(), AppError> {
    use crate::server::workspace::activities as service;
    crate::server::respond::finish(service::delete(id).await)
}

#[server(endpoint = "workspace/activities/usage", prefix = "/api")]
pub async fn where_activity_counted(id: String) -> Result<ActivityUsage, AppError> {
    use crate::server::workspace::dashboard as service;
    crate::server::respond::finish(service::usage(id).await)
}

#[server(endpoint = "workspace/dashboard", prefix = "/api")]
pub async fn load_dashboard() -> Result<Dashboard, AppError> {
    use crate::server::workspace::dashboard as service;
    crate::server::respond::finish(service::dashboard().await)
}

#[server(endpoint = "workspace/profile", prefix = "/api")]
pub async fn load_profile() -> Result<ProfileView, AppError> {
    use crate::server::workspace::profile as service;
    crate::server::respond::finish(service::load().await)
}

/// Replaces the date of birth and the answers on the form; blank answers are unknown.
#[server(endpoint = "workspace/profile/save", prefix = "/api")]
pub async fn save_profile(
    birth_date: Option<String>,
    answers: Option<std::collections::BTreeMap<String, String>>,
) -> Result<ProfileView, AppError> {
    use crate::{domain::workspace::profile::ProfileForm, server::workspace::profile as service};
    let form = ProfileForm {
        birth_date: birth_date.unwrap_or_default(),
        answers: answers.unwrap_or_default(),
    };
    crate::server::respond::finish(service::save(form).await)
}
