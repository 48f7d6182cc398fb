//! Product updates as clinicians see them: the published announcements they have not
//! dismissed yet, dismissing one, and the list of all published ones. Drafts and
//! unpublished announcements do not exist here.

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect};
use uuid::Uuid;

use crate::{
    error::AppError,
    features::updates::UpdateView,
    server::{
        auth::{self, CurrentUser, Permission},
        entities::{announcement, announcement_read},
        respond::{database_error, record_id},
        state::AppState,
    },
};

/// The signed-in user and the app state; anyone with their own account may read updates.
async fn reader() -> Result<(AppState, CurrentUser), AppError> {
    let state = AppState::from_context()?;
    let user = auth::require(&state, Permission::OwnAccount).await?;
    Ok((state, user))
}

/// How an announcement reads to clinicians, dated `published_at` (UTC).
pub(crate) fn update_view(model: &announcement::Model, published_at: DateTime<Utc>) -> UpdateView {
    UpdateView {
        id: model.id.to_string(),
        title: model.title.clone(),
        body: model.body.clone(),
        published_on: published_at.format("%-d %B %Y").to_string(),
    }
}

/// Published announcements, newest first. Sorted here rather than in SQL: SQLite keeps
/// timestamps as text, and the list is short (a few a month).
async fn all_published(db: &DatabaseConnection) -> Result<Vec<UpdateView>, AppError> {
    let mut rows: Vec<(DateTime<Utc>, announcement::Model)> = announcement::Entity::find()
        .filter(announcement::Column::PublishedAt.is_not_null())
        .all(db)
        .await
        .map_err(database_error)?
        .into_iter()
        .filter_map(|model| Some((model.published_at?, model)))
        .collect();
    rows.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| b.1.id.cmp(&a.1.id)));
    Ok(rows
        .iter()
        .map(|(at, model)| update_view(model, *at))
        .collect())
}

/// Published announcements the user has not dismissed, newest first.
pub async fn unseen() -> Result<Vec<UpdateView>, AppError> {
    let (state, user) = reader().await?;
    let seen: Vec<Uuid> = announcement_read::Entity::find()
        .select_only()
        .column(announcement_read::Column::AnnouncementId)
        .filter(announcement_read::Column::UserId.eq(user.user_id))
        .into_tuple()
        .all(&state.db)
        .await
        .map_err(database_error)?;
    let mut all = all_published(&state.db).await?;
    all.retain(|update| !seen.iter().any(|id| id.to_string() == update.id));
    Ok(all)
}

/// Every published announcement, newest first.
pub async fn published() -> Result<Vec<UpdateView>, AppError> {
    let (state, _) = reader().await?;
    all_published(&state.db).await
}

/// Marks a published announcement as seen by the user. Dismissing twice is harmless; an
/// unknown, malformed or unpublished id is not found.
pub async fn dismiss(id: String) -> Result<(), AppError> {
    let (state, user) = reader().await?;
    let id = record_id(&id)?;
    announcement::Entity::find_by_id(id)
        .filter(announcement::Column::PublishedAt.is_not_null())
        .one(&state.db)
        .await
        .map_err(database_error)?
        .ok_or_else(AppError::not_found)?;
    // The row outlives unpublishing, so republishing does not show it to this user again.
    announcement_read::Entity::insert(announcement_read::ActiveModel {
        user_id: sea_orm::ActiveValue::Set(user.user_id),
        announcement_id: sea_orm::ActiveValue::Set(id),
        seen_at: sea_orm::ActiveValue::Set(Utc::now()),
    })
    .on_conflict_do_nothing_on([
        announcement_read::Column::UserId,
        announcement_read::Column::AnnouncementId,
    ])
    .exec_without_returning(&state.db)
    .await
    .map_err(database_error)?;
    Ok(())
}
