//! Granting and removing the administrator role from the console, with a reason.

use chrono::Utc;
use sea_orm::EntityTrait;

use super::admin;
use crate::{
    domain::admin as rules,
    error::AppError,
    server::{
        admin::{RoleError, set_role},
        entities::user,
        respond::{database_error, record_id},
    },
};

/// Gives the account `role` (`admin` or `clinician`). Nobody removes their own
/// administrator role, and the last administrator keeps it.
pub async fn change_role(id: String, role: String, reason: String) -> Result<(), AppError> {
    let (state, me) = admin().await?;
    let role = rules::role(&role).map_err(|p| AppError::bad_request(p.to_string()))?;
    let reason = rules::reason(&reason).map_err(|p| AppError::bad_request(p.to_string()))?;
    let target = record_id(&id)?;
    if target == me.user_id {
        return Err(AppError::bad_request(
            "You cannot change your own role; ask another administrator.",
        ));
    }
    let account = user::Entity::find_by_id(target)
        .one(&state.db)
        .await
        .map_err(database_error)?
        .ok_or_else(AppError::not_found)?;
    set_role(
        &state.db,
        account,
        role,
        Some(me.user_id),
        Some(reason),
        Utc::now(),
    )
    .await
    .map(|_| ())
    .map_err(|err| match err {
        RoleError::Database(err) => database_error(err),
        other => AppError::bad_request(capitalized(&other.to_string())),
    })
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect::<String>() + ".")
        .unwrap_or_default()
}
