//! Courses, providers and LRS credentials as administrators manage them in the console.
//! Every change is audited by id; names and secrets never go into the audit log.

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
};

use super::package::read_package;
use crate::{
    error::AppError,
    features::admin::{
        AdminCourseRow, AdminCourses, CredentialRow, NewCredentialView, ProviderRow,
    },
    server::{
        admin_console::admin,
        audit::{self, Action, Event, Outcome},
        auth::{self, CurrentUser},
        display,
        entities::{course, provider, registration, xapi_credential},
        respond::{database_error, record_id},
        state::AppState,
        workspace::{
            credentials::{credit_type_choices, topic_choices},
            format_hours,
        },
        xapi::providers::{self, ProviderError},
    },
};

pub(super) async fn audited(state: &AppState, me: &CurrentUser, action: Action, target: String) {
    let event = Event {
        actor: Some(me.user_id),
        action,
        target: Some(target),
        client_addr: auth::client_addr(),
        outcome: Outcome::Success,
        reason: None,
    };
    audit::record_or_log(&state.db, event, Utc::now()).await;
}

fn provider_error(err: ProviderError) -> AppError {
    match err {
        ProviderError::Database(err) => database_error(err),
        other => AppError::bad_request(other.to_string()),
    }
}

pub async fn list() -> Result<AdminCourses, AppError> {
    let (state, _) = admin().await?;
    let providers = providers::list_providers(&state.db)
        .await
        .map_err(database_error)?;
    let mut provider_rows = Vec::with_capacity(providers.len());
    for p in &providers {
        let credentials = providers::list_credentials(&state.db, p.id)
            .await
            .map_err(database_error)?
            .into_iter()
            .map(|c| CredentialRow {
                id: c.id.to_string(),
                label: c.label,
                key: c.key,
                created: display::minute(c.created_at),
                retired: c.retired_at.map(display::minute),
            })
            .collect();
        provider_rows.push(ProviderRow {
            id: p.id.to_string(),
            name: p.name.clone(),
            credentials,
        });
    }
    let rows = course::Entity::find()
        .order_by_asc(course::Column::Title)
        .all(&state.db)
        .await
        .map_err(database_error)?;
    let mut courses = Vec::with_capacity(rows.len());
    for row in rows {
        let registrations = registration::Entity::find()
            .filter(registration::Column::CourseId.eq(row.id))
            .count(&state.db)
            .await
            .map_err(database_error)?;
        let structure = row.structure_xml.as_deref().and_then(|xml| {
            let (_, parsed) = read_package(xml.as_bytes()).ok()?;
            Some(format!("{} · {} AU(s)", parsed.id, parsed.aus.len()))
        });
        courses.push(AdminCourseRow {
            id: row.id.to_string(),
            provider_id: row.provider_id.to_string(),
            provider: providers
                .iter()
                .find(|p| p.id == row.provider_id)
                .map(|p| p.name.clone())
                .unwrap_or_default(),
            description: row.description.clone(),
            hours: format_hours(i64::from(row.hours_hundredths)),
            credit_type: row.credit_type.clone(),
            topics: serde_json::from_str(&row.topics).unwrap_or_default(),
            accreditor: row.accreditor.clone().unwrap_or_default(),
            price: row
                .price_cents
                .map(|c| format!("{}.{:02}", c / 100, c % 100))
                .unwrap_or_default(),
            launch: row.launch_method.clone(),
            link_url: row.link_url.clone().unwrap_or_default(),
            content_base: row.content_base.clone().unwrap_or_default(),
            structure,
            retired: row.retired_at.is_some(),
            registrations,
            title: row.title,
        });
    }
    let catalog = state.catalog.current();
    Ok(AdminCourses {
        courses,
        providers: provider_rows,
        credit_types: credit_type_choices(&catalog),
        topics: topic_choices(&catalog),
    })
}

pub async fn set_retired(id: String, retire: bool) -> Result<(), AppError> {
    let (state, me) = admin().await?;
    let row = course::Entity::find_by_id(record_id(&id)?)
        .one(&state.db)
        .await
        .map_err(database_error)?
        .ok_or_else(AppError::not_found)?;
    let course_id = row.id;
    let mut active: course::ActiveModel = row.into();
    let now = Utc::now();
    active.retired_at = Set(retire.then_some(now));
    active.updated_at = Set(now);
    active.update(&state.db).await.map_err(database_error)?;
    let action = if retire {
        Action::CourseRetired
    } else {
        Action::CourseRestored
    };
    audited(&state, &me, action, format!("course:{course_id}")).await;
    Ok(())
}

pub async fn add_provider(name: String) -> Result<(), AppError> {
    let (state, me) = admin().await?;
    let created = providers::create_provider(&state.db, &name, Utc::now())
        .await
        .map_err(provider_error)?;
    audited(
        &state,
        &me,
        Action::ProviderAdded,
        format!("provider:{}", created.id),
    )
    .await;
    Ok(())
}

pub async fn create_credential(
    provider: String,
    label: String,
) -> Result<NewCredentialView, AppError> {
    let (state, me) = admin().await?;
    let found = provider::Entity::find_by_id(record_id(&provider)?)
        .one(&state.db)
        .await
        .map_err(database_error)?
        .ok_or_else(AppError::not_found)?;
    let made =
        providers::create_credential(&state.db, found.id, &label, Some(me.user_id), Utc::now())
            .await
            .map_err(|err| match err {
                ProviderError::BadName => {
                    AppError::bad_request("A credential's label needs 1 to 120 characters.")
                }
                other => provider_error(other),
            })?;
    audited(
        &state,
        &me,
        Action::LrsCredentialCreated,
        format!("lrs_credential:{}", made.id),
    )
    .await;
    Ok(NewCredentialView {
        provider: found.name,
        endpoint: format!(
            "{}/xapi/",
            state.config.mail.public_url.trim_end_matches('/')
        ),
        key: made.key,
        secret: made.secret.expose().to_owned(),
    })
}

pub async fn retire_credential(id: String) -> Result<(), AppError> {
    let (state, me) = admin().await?;
    let credential_id = record_id(&id)?;
    let exists = xapi_credential::Entity::find_by_id(credential_id)
        .one(&state.db)
        .await
        .map_err(database_error)?
        .is_some();
    if !exists {
        return Err(AppError::not_found());
    }
    if !providers::retire_credential(&state.db, credential_id, Utc::now())
        .await
        .map_err(database_error)?
    {
        return Err(AppError::bad_request("This credential is already retired."));
    }
    audited(
        &state,
        &me,
        Action::LrsCredentialRetired,
        format!("lrs_credential:{credential_id}"),
    )
    .await;
    Ok(())
}
