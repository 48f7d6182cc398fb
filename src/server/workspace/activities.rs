//! CE activities: list (search, filter, newest first), record, change, delete.

use std::collections::HashMap;

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel,
    QueryFilter, QueryOrder, TransactionTrait, sea_query::Expr,
};
use uuid::Uuid;

use super::{clinician, database_error, format_hours, record_id};

/// An activity the clinician recorded.
pub const SOURCE_SELF: &str = "self";
/// An activity a course's provider reported when the clinician met the course's criteria.
pub const SOURCE_PROVIDER: &str = "provider";
use crate::{
    domain::workspace::ActivityForm,
    error::AppError,
    features::workspace::ActivityView,
    server::{
        documents::{library::owned as owned_document, links},
        entities::{activity, document},
    },
};

pub fn topics_of(row: &activity::Model) -> Vec<String> {
    serde_json::from_str(&row.topics).unwrap_or_default()
}

pub fn view(row: &activity::Model) -> ActivityView {
    ActivityView {
        id: row.id.to_string(),
        title: row.title.clone(),
        provider: row.provider.clone(),
        accreditor: row.accreditor.clone(),
        completed: row.completed.to_string(),
        hours: format_hours(i64::from(row.hours_hundredths)),
        credit_type: row.credit_type.clone(),
        format: row.format.clone(),
        topics: topics_of(row),
        certificate: None,
        from_provider: row.source == SOURCE_PROVIDER,
    }
}

/// The document linked to each of the clinician's activities (the newest, when several are).
async fn certificates(
    db: &impl ConnectionTrait,
    user: Uuid,
) -> Result<HashMap<Uuid, String>, AppError> {
    Ok(document::Entity::find()
        .filter(document::Column::UserId.eq(user))
        .filter(document::Column::ActivityId.is_not_null())
        .order_by_asc(document::Column::UpdatedAt)
        .all(db)
        .await
        .map_err(database_error)?
        .into_iter()
        .filter_map(|doc| Some((doc.activity_id?, doc.id.to_string())))
        .collect())
}

/// Every activity of the clinician, newest first.
pub async fn all_rows(
    db: &sea_orm::DatabaseConnection,
    user_id: Uuid,
) -> Result<Vec<activity::Model>, AppError> {
    activity::Entity::find()
        .filter(activity::Column::UserId.eq(user_id))
        .order_by_desc(activity::Column::Completed)
        .order_by_desc(activity::Column::CreatedAt)
        .all(db)
        .await
        .map_err(database_error)
}

pub async fn list(search: String, credit_type: String) -> Result<Vec<ActivityView>, AppError> {
    let (state, user) = clinician().await?;
    let words: Vec<String> = search
        .split_whitespace()
        .take(10)
        .map(str::to_lowercase)
        .collect();
    let credit_type = credit_type.trim();
    let certificates = certificates(&state.db, user.user_id).await?;
    // Filtering in memory keeps search case-insensitive on both databases; a clinician has
    // hundreds of activities, not millions.
    Ok(all_rows(&state.db, user.user_id)
        .await?
        .iter()
        .filter(|row| credit_type.is_empty() || row.credit_type == credit_type)
        .filter(|row| {
            let haystack = format!("{} {}", row.title, row.provider).to_lowercase();
            words.iter().all(|word| haystack.contains(word.as_str()))
        })
        .map(|row| ActivityView {
            certificate: certificates.get(&row.id).cloned(),
            ..view(row)
        })
        .collect())
}

async fn own_row(
    db: &sea_orm::DatabaseConnection,
    user_id: Uuid,
    id: &str,
) -> Result<activity::Model, AppError> {
    activity::Entity::find_by_id(record_id(id)?)
        .filter(activity::Column::UserId.eq(user_id))
        .one(db)
        .await
        .map_err(database_error)?
        .ok_or_else(AppError::not_found)
}

/// Records or changes an activity; `document` (one of the caller's documents) becomes the
/// certificate that proves it, in the same transaction.
pub async fn save(
    id: String,
    form: ActivityForm,
    document: Option<String>,
) -> Result<ActivityView, AppError> {
    let (state, user) = clinician().await?;
    let now = Utc::now();
    let catalog = &*state.catalog.current();
    let valid = form
        .validate(
            now.date_naive(),
            |key| catalog.vocabulary.credit_type(key).is_some(),
            |key| catalog.knows_topic(key),
        )
        .map_err(|problem| AppError::bad_request(problem.to_string()))?;
    let certificate = match document.as_deref().map(str::trim) {
        Some(raw) if !raw.is_empty() => Some(owned_document(&state.db, user.user_id, raw).await?),
        _ => None,
    };
    let is_new = id.trim().is_empty();
    // A certificate proves one activity: linking it to a second would count its hours twice.
    let editing = Uuid::parse_str(id.trim()).ok();
    if let Some(doc) = &certificate
        && doc
            .activity_id
            .is_some_and(|linked| is_new || Some(linked) != editing)
    {
        return Err(AppError::bad_request(
            "This certificate already proves another activity you recorded; edit that activity \
             instead of recording it again.",
        ));
    }
    let mut row = if is_new {
        activity::ActiveModel {
            id: Set(Uuid::now_v7()),
            user_id: Set(user.user_id),
            created_at: Set(now),
            source: Set(SOURCE_SELF.to_owned()),
            ..Default::default()
        }
    } else {
        let row = own_row(&state.db, user.user_id, &id).await?;
        // What the provider reported stays as reported; a wrong record is deleted, not edited.
        if row.source == SOURCE_PROVIDER {
            return Err(AppError::bad_request(
                "This activity was reported by the course provider and cannot be edited. \
                 Delete it if it is wrong.",
            ));
        }
        row.into_active_model()
    };
    row.title = Set(valid.title);
    row.provider = Set(valid.provider);
    row.accreditor = Set(valid.accreditor);
    row.completed = Set(valid.completed);
    // At most 20 000 hundredths, checked by the form.
    row.hours_hundredths = Set(i32::try_from(valid.hours_hundredths).unwrap_or(i32::MAX));
    row.credit_type = Set(valid.credit_type);
    row.format = Set(valid.format.as_str().to_owned());
    row.topics = Set(serde_json::to_string(&valid.topics).unwrap_or_else(|_| "[]".into()));
    row.updated_at = Set(now);
    let txn = state
        .db
        .begin_with_options(crate::server::db::WRITE)
        .await
        .map_err(database_error)?;
    // `save` would update a row whose new id is already set, so new rows are inserted.
    let saved = if is_new {
        row.insert(&txn).await
    } else {
        row.update(&txn).await
    }
    .map_err(database_error)?;
    if let Some(doc) = &certificate {
        document::Entity::update_many()
            .col_expr(document::Column::ActivityId, Expr::value(saved.id))
            .filter(document::Column::Id.eq(doc.id))
            .exec(&txn)
            .await
            .map_err(database_error)?;
    }
    txn.commit().await.map_err(database_error)?;
    Ok(ActivityView {
        certificate: certificate.map(|doc| doc.id.to_string()),
        ..view(&saved)
    })
}

pub async fn delete(id: String) -> Result<(), AppError> {
    let (state, user) = clinician().await?;
    let row = own_row(&state.db, user.user_id, &id).await?;
    let txn = state
        .db
        .begin_with_options(crate::server::db::WRITE)
        .await
        .map_err(database_error)?;
    links::forget_activity(&txn, row.id).await?;
    activity::Entity::delete_by_id(row.id)
        .exec(&txn)
        .await
        .map_err(database_error)?;
    txn.commit().await.map_err(database_error)
}
