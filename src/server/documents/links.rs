//! Links from a document to the CE activity it proves or the credential it belongs to.
//! Both ends belong to the same clinician; a link to someone else's record is "not found".

use std::collections::HashMap;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, sea_query::Expr};
use uuid::Uuid;

use crate::{
    error::AppError,
    features::documents::LinkView,
    server::{
        entities::{activity, credential, document},
        respond::database_error,
        workspace::record_id,
    },
};

/// A link as a form sends it: left out keeps the current one, `none` (or an empty value)
/// removes it, an id sets it.
pub enum Change {
    Keep,
    Clear,
    To(Uuid),
}

/// Reads a form's link field for one of the caller's activities.
pub async fn activity_change(
    db: &impl ConnectionTrait,
    user: Uuid,
    raw: Option<&str>,
) -> Result<Change, AppError> {
    let Some(raw) = raw else {
        return Ok(Change::Keep);
    };
    if is_none(raw) {
        return Ok(Change::Clear);
    }
    activity::Entity::find_by_id(record_id(raw)?)
        .filter(activity::Column::UserId.eq(user))
        .one(db)
        .await
        .map_err(database_error)?
        .map(|row| Change::To(row.id))
        .ok_or_else(AppError::not_found)
}

/// Reads a form's link field for one of the caller's credentials.
pub async fn credential_change(
    db: &impl ConnectionTrait,
    user: Uuid,
    raw: Option<&str>,
) -> Result<Change, AppError> {
    let Some(raw) = raw else {
        return Ok(Change::Keep);
    };
    if is_none(raw) {
        return Ok(Change::Clear);
    }
    credential::Entity::find_by_id(record_id(raw)?)
        .filter(credential::Column::UserId.eq(user))
        .one(db)
        .await
        .map_err(database_error)?
        .map(|row| Change::To(row.id))
        .ok_or_else(AppError::not_found)
}

/// The form's "None" choice. Form decoding turns an empty field into "left out", so the
/// choice needs a value of its own.
pub const NONE: &str = "none";

fn is_none(raw: &str) -> bool {
    let raw = raw.trim();
    raw.is_empty() || raw == NONE
}

impl Change {
    /// The value to store, given the one stored now.
    pub fn applied_to(self, current: Option<Uuid>) -> Option<Uuid> {
        match self {
            Self::Keep => current,
            Self::Clear => None,
            Self::To(id) => Some(id),
        }
    }
}

/// The activity is gone: documents that proved it stay, unlinked.
pub async fn forget_activity(db: &impl ConnectionTrait, activity: Uuid) -> Result<(), AppError> {
    document::Entity::update_many()
        .col_expr(document::Column::ActivityId, Expr::value(None::<Uuid>))
        .filter(document::Column::ActivityId.eq(activity))
        .exec(db)
        .await
        .map_err(database_error)?;
    Ok(())
}

/// The caller's activity and credential titles by id, for showing links.
pub async fn titles(
    db: &impl ConnectionTrait,
    user: Uuid,
    credential_title: impl Fn(&credential::Model) -> String,
) -> Result<HashMap<Uuid, String>, AppError> {
    let mut titles: HashMap<Uuid, String> = activity::Entity::find()
        .filter(activity::Column::UserId.eq(user))
        .all(db)
        .await
        .map_err(database_error)?
        .into_iter()
        .map(|row| (row.id, row.title))
        .collect();
    for row in credential::Entity::find()
        .filter(credential::Column::UserId.eq(user))
        .all(db)
        .await
        .map_err(database_error)?
    {
        titles.insert(row.id, credential_title(&row));
    }
    Ok(titles)
}

/// A link as shown, when its record still exists.
pub fn shown(id: Option<Uuid>, titles: &HashMap<Uuid, String>) -> Option<LinkView> {
    let id = id?;
    titles.get(&id).map(|title| LinkView {
        id: id.to_string(),
        title: title.clone(),
    })
}
