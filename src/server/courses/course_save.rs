//! `POST /admin/courses/save`: a course added or changed in the console, with its package
//! when one is chosen. A plain multipart form, so it works without WASM; the outcome comes
//! back in the console's address.

use axum::{
    extract::{FromRequest, Multipart, Request, State},
    response::{IntoResponse, Redirect, Response},
};
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, EntityTrait, Set};
use uuid::Uuid;

use super::{admin::audited, package::read_package};
use crate::{
    domain::courses::course_form::{CourseForm, Launch},
    error::AppError,
    server::{
        admin_console::admin,
        audit::Action,
        entities::{course, provider},
        request_context::in_request,
        respond::{database_error, record_id},
        state::AppState,
    },
    ui::links::percent_encode,
};

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
    // The same checks as a clinician's own activity: the course's credit becomes one.
    let valid = submitted
        .form
        .validate(
            |key| catalog.vocabulary.credit_type(key).is_some(),
            |key| catalog.knows_topic(key),
        )
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
            percent_encode(&err.message)
        ))
        .into_response(),
    }
}
