//! Courses, providers and LRS credentials as administrators manage them in the console.
//! Every change is audited by id; names and secrets never go into the audit log.

use axum::{
    extract::{FromRequest, Multipart, Request, State},
    response::{IntoResponse, Redirect, Response},
};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use uuid::Uuid;

use super::package::read_package;
use crate::{
    domain::courses::course_form::{CourseForm, Launch},
    error::AppError,
    features::{
        admin::{AdminCourseRow, AdminCourses, CredentialRow, NewCredentialView, ProviderRow},
        workspace::Choice,
    },
    server::{
        admin_console::admin,
        audit::{self, Action, Event, Outcome},
        auth::{self, CurrentUser},
        display,
        entities::{course, provider, registration, xapi_credential},
        request_context::in_request,
        respond::{database_error, record_id},
        state::AppState,
        workspace::{credentials::topic_label, format_hours},
        xapi::providers::{self, ProviderError},
    },
};

async fn audited(state: &AppState, me: &CurrentUser, action: Action, target: String) {
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

fn choices(state: &AppState) -> (Vec<Choice>, Vec<Choice>) {
    let catalog = state.catalog.current();
    let credit_types = catalog
        .vocabulary
        .credit_types
        .iter()
        .map(|info| Choice {
            key: info.key.as_str().to_owned(),
            label: info.meaning.clone(),
        })
        .collect();
    let mut topics: Vec<Choice> = Vec::new();
    for set in catalog.latest() {
        for topic in &set.topics {
            if !topics.iter().any(|t| t.key == topic.key.as_str()) {
                topics.push(Choice {
                    key: topic.key.as_str().to_owned(),
                    label: topic_label(&catalog, topic.key.as_str())
                        .unwrap_or_else(|| topic.label.clone()),
                });
            }
        }
    }
    topics.sort_by(|a, b| a.label.cmp(&b.label));
    (credit_types, topics)
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
    let (credit_types, topics) = choices(&state);
    Ok(AdminCourses {
        courses,
        providers: provider_rows,
        credit_types,
        topics,
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

/// The fields of the course form, and the package file if one was chosen.
struct Submitted {
    id: String,
    provider: String,
    form: CourseForm,
    package: Option<Vec<u8>>,
}

/// The largest package accepted: cmi5.xml alone or a zip holding it with the content.
const MAX_PACKAGE_BYTES: usize = 50 * 1024 * 1024;

async fn read_form(mut multipart: Multipart) -> Result<Submitted, AppError> {
    let bad = || AppError::bad_request("The form could not be read; try again.");
    let mut submitted = Submitted {
        id: String::new(),
        provider: String::new(),
        form: CourseForm::default(),
        package: None,
    };
    while let Some(field) = multipart.next_field().await.map_err(|_| bad())? {
        let name = field.name().unwrap_or_default().to_owned();
        if name == "package" {
            let bytes = field.bytes().await.map_err(|_| {
                AppError::bad_request("The package could not be read; it may be larger than 50 MB.")
            })?;
            if bytes.len() > MAX_PACKAGE_BYTES {
                return Err(AppError::bad_request("The package is larger than 50 MB."));
            }
            if !bytes.is_empty() {
                submitted.package = Some(bytes.to_vec());
            }
            continue;
        }
        let text = field.text().await.map_err(|_| bad())?;
        let form = &mut submitted.form;
        match name.as_str() {
            "id" => submitted.id = text,
            "provider" => submitted.provider = text,
            "title" => form.title = text,
            "description" => form.description = text,
            "hours" => form.hours = text,
            "credit_type" => form.credit_type = text,
            "topics" => form.topics.push(text),
            "accreditor" => form.accreditor = text,
            "price" => form.price = text,
            "launch" => form.launch = text,
            "link_url" => form.link_url = text,
            "content_base" => form.content_base = text,
            _ => {}
        }
    }
    Ok(submitted)
}

/// Checks and stores a new or changed course; answers its id.
async fn save(state: AppState, multipart: Multipart) -> Result<Uuid, AppError> {
    let (_, me) = admin().await?;
    let submitted = read_form(multipart).await?;
    let catalog = state.catalog.current();
    let is_credit_type = |key: &str| {
        catalog
            .vocabulary
            .credit_types
            .iter()
            .any(|i| i.key.as_str() == key)
    };
    let is_topic = |key: &str| topic_label(&catalog, key).is_some();
    let valid = submitted
        .form
        .validate(is_credit_type, is_topic)
        .map_err(|problem| AppError::bad_request(problem.to_string()))?;
    let provider = provider::Entity::find_by_id(
        record_id(&submitted.provider)
            .map_err(|_| AppError::bad_request("Provider: choose the provider."))?,
    )
    .one(&state.db)
    .await
    .map_err(database_error)?
    .ok_or_else(|| AppError::bad_request("Provider: choose the provider."))?;
    let existing = if submitted.id.trim().is_empty() {
        None
    } else {
        Some(
            course::Entity::find_by_id(record_id(&submitted.id)?)
                .one(&state.db)
                .await
                .map_err(database_error)?
                .ok_or_else(AppError::not_found)?,
        )
    };
    let package = submitted
        .package
        .as_deref()
        .map(read_package)
        .transpose()
        .map_err(|err| AppError::bad_request(format!("Package refused: {err}")))?;
    let (structure_xml, course_iri) = match (valid.launch, package, &existing) {
        (Launch::Link, _, _) => (None, None),
        (Launch::Cmi5, Some((xml, structure)), _) => {
            let relative = structure
                .aus
                .iter()
                .any(|au| !au.url.starts_with("https://") && !au.url.starts_with("http://"));
            if relative && valid.content_base.is_none() {
                return Err(AppError::bad_request(
                    "Content address: this package's AUs have relative urls; give the address its content is served from.",
                ));
            }
            (Some(xml), Some(structure.id))
        }
        (Launch::Cmi5, None, Some(kept)) if kept.structure_xml.is_some() => {
            (kept.structure_xml.clone(), kept.course_iri.clone())
        }
        (Launch::Cmi5, None, _) => {
            return Err(AppError::bad_request(
                "Package: a cmi5 course needs its cmi5.xml, or a .zip with cmi5.xml at its root.",
            ));
        }
    };
    let now: DateTime<Utc> = Utc::now();
    let is_new = existing.is_none();
    let mut active = match existing {
        Some(row) => row.into(),
        None => course::ActiveModel {
            id: Set(Uuid::now_v7()),
            created_at: Set(now),
            retired_at: Set(None),
            ..Default::default()
        },
    };
    active.provider_id = Set(provider.id);
    active.title = Set(valid.title);
    active.description = Set(valid.description);
    active.hours_hundredths = Set(i32::try_from(valid.hours_hundredths).unwrap_or(i32::MAX));
    active.credit_type = Set(valid.credit_type);
    active.topics = Set(serde_json::to_string(&valid.topics).unwrap_or_else(|_| "[]".into()));
    active.accreditor = Set(valid.accreditor);
    active.price_cents = Set(valid.price_cents.and_then(|c| i32::try_from(c).ok()));
    active.launch_method = Set(valid.launch.as_str().to_owned());
    active.link_url = Set(valid.link_url);
    active.structure_xml = Set(structure_xml);
    active.course_iri = Set(course_iri);
    active.content_base = Set(valid.content_base);
    active.updated_at = Set(now);
    // `save` would update a row whose new id is already set, so new rows are inserted.
    let saved = if is_new {
        active.insert(&state.db).await
    } else {
        active.update(&state.db).await
    };
    let id = saved.map_err(database_error)?.id;
    audited(&state, &me, Action::CourseSaved, format!("course:{id}")).await;
    Ok(id)
}

/// Percent-encodes a message for the query string of the page it is shown on.
fn query_value(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// `POST /admin/courses/save`: back to the console with the outcome in the address, so
/// the page shows it with or without WASM.
pub async fn save_route(State(state): State<AppState>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let rebuilt = Request::from_parts(parts.clone(), body);
    let multipart = match Multipart::from_request(rebuilt, &state).await {
        Ok(multipart) => multipart,
        Err(_) => {
            return Redirect::to("/admin/courses?error=The%20form%20could%20not%20be%20read.")
                .into_response();
        }
    };
    match in_request(state.clone(), parts, save(state, multipart)).await {
        Ok(id) => Redirect::to(&format!("/admin/courses?saved={id}")).into_response(),
        Err(err)
            if err.code == crate::error::ErrorCode::NotFound
                || err.code == crate::error::ErrorCode::Unauthenticated =>
        {
            crate::server::respond::plain_refusal(err)
        }
        Err(err) => Redirect::to(&format!(
            "/admin/courses?error={}",
            query_value(&err.message)
        ))
        .into_response(),
    }
}
