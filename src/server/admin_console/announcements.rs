//! Announcements in the console: write and edit drafts, publish and unpublish. Every
//! change is audited by id only; the text itself never goes into the audit log.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait, IntoActiveModel};
use uuid::Uuid;

use super::admin;
use crate::{
    domain::announcement::AnnouncementForm,
    error::AppError,
    features::admin::{AnnouncementList, AnnouncementRow},
    server::{
        announcements::update_view,
        audit::{self, Action, Event, Outcome},
        auth::{self, CurrentUser},
        display,
        entities::announcement,
        respond::{database_error, record_id},
        state::AppState,
    },
};

fn row(model: announcement::Model, now: DateTime<Utc>) -> AnnouncementRow {
    AnnouncementRow {
        preview: update_view(&model, model.published_at.unwrap_or(now)),
        id: model.id.to_string(),
        state: if model.published_at.is_some() {
            "published"
        } else {
            "draft"
        }
        .to_owned(),
        created: display::minute(model.created_at),
        updated: display::minute(model.updated_at),
        published: model.published_at.map(display::minute),
        title: model.title,
        body: model.body,
    }
}

async fn find(state: &AppState, id: Uuid) -> Result<announcement::Model, AppError> {
    announcement::Entity::find_by_id(id)
        .one(&state.db)
        .await
        .map_err(database_error)?
        .ok_or_else(AppError::not_found)
}

/// Writes the audit row for a change that has been made; a failed write is logged loudly
/// but does not undo the change.
async fn audited(state: &AppState, me: &CurrentUser, action: Action, id: Uuid, now: DateTime<Utc>) {
    let event = Event {
        actor: Some(me.user_id),
        action,
        target: Some(format!("announcement:{id}")),
        client_addr: auth::client_addr(),
        outcome: Outcome::Success,
        reason: None,
    };
    audit::record_or_log(&state.db, event, now).await;
}

/// Every announcement, newest first (ids are UUIDv7, so they sort by creation).
pub async fn list() -> Result<AnnouncementList, AppError> {
    let (state, _) = admin().await?;
    let mut models = announcement::Entity::find()
        .all(&state.db)
        .await
        .map_err(database_error)?;
    models.sort_by_key(|model| std::cmp::Reverse(model.id));
    let now = Utc::now();
    Ok(AnnouncementList {
        rows: models.into_iter().map(|model| row(model, now)).collect(),
    })
}

pub async fn one(id: String) -> Result<AnnouncementRow, AppError> {
    let (state, _) = admin().await?;
    let model = find(&state, record_id(&id)?).await?;
    Ok(row(model, Utc::now()))
}

/// Creates a draft when `id` is empty, otherwise replaces the title and body of that
/// announcement, published or not. Clinicians who dismissed it are not shown it again.
pub async fn save(id: String, form: AnnouncementForm) -> Result<String, AppError> {
    let (state, me) = admin().await?;
    let existing = match id.trim() {
        "" => None,
        raw => Some(find(&state, record_id(raw)?).await?),
    };
    let valid = form
        .validate()
        .map_err(|problem| AppError::bad_request(problem.to_string()))?;
    let now = Utc::now();
    let saved_id = match existing {
        None => {
            let id = Uuid::now_v7();
            announcement::ActiveModel {
                id: Set(id),
                title: Set(valid.title),
                body: Set(valid.body),
                created_by: Set(me.user_id),
                created_at: Set(now),
                updated_at: Set(now),
                published_at: Set(None),
            }
            .insert(&state.db)
            .await
            .map_err(database_error)?;
            id
        }
        Some(model) => {
            let id = model.id;
            let mut active = model.into_active_model();
            active.title = Set(valid.title);
            active.body = Set(valid.body);
            active.updated_at = Set(now);
            active.update(&state.db).await.map_err(database_error)?;
            id
        }
    };
    audited(&state, &me, Action::AnnouncementSaved, saved_id, now).await;
    Ok(saved_id.to_string())
}

/// Publishes a draft: from now on clinicians who have not seen it get it as new.
pub async fn publish(id: String) -> Result<(), AppError> {
    set_published(id, true).await
}

/// Takes a published announcement away from clinicians at once; it is a draft again.
pub async fn unpublish(id: String) -> Result<(), AppError> {
    set_published(id, false).await
}

async fn set_published(id: String, publish: bool) -> Result<(), AppError> {
    let (state, me) = admin().await?;
    let model = find(&state, record_id(&id)?).await?;
    match (publish, model.published_at.is_some()) {
        (true, true) => {
            return Err(AppError::bad_request(
                "This announcement is already published.",
            ));
        }
        (false, false) => {
            return Err(AppError::bad_request("This announcement is not published."));
        }
        _ => {}
    }
    let now = Utc::now();
    let id = model.id;
    let mut active = model.into_active_model();
    active.published_at = Set(publish.then_some(now));
    active.updated_at = Set(now);
    active.update(&state.db).await.map_err(database_error)?;
    let action = if publish {
        Action::AnnouncementPublished
    } else {
        Action::AnnouncementUnpublished
    };
    audited(&state, &me, action, id, now).await;
    Ok(())
}
