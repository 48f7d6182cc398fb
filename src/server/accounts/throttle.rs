//! Failed sign-ins counted per account and per client address, in the database so every
//! app instance shares the count.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, DatabaseConnection, DbErr, EntityTrait};

use crate::{domain::throttle, server::entities::sign_in_throttle};

/// The answer to a locked-out attempt: what happened and when to try again.
pub fn locked_error(what: &str, minutes: i64) -> crate::error::AppError {
    let plural = if minutes == 1 { "" } else { "s" };
    crate::error::AppError::new(
        crate::error::ErrorCode::Throttled,
        format!("Too many {what}. Try again in {minutes} minute{plural}."),
    )
}

/// Minutes left before `key` may try again, if it is locked now.
pub async fn locked_minutes(
    db: &DatabaseConnection,
    key: &str,
    now: DateTime<Utc>,
) -> Result<Option<i64>, DbErr> {
    let row = sign_in_throttle::Entity::find_by_id(key.to_owned())
        .one(db)
        .await?;
    Ok(row
        .and_then(|row| row.locked_until)
        .filter(|until| *until > now)
        .map(|until| {
            // Round up, so "1 minute" is never shown while 59 seconds remain after it.
            let seconds = (until - now).num_seconds();
            (seconds + 59) / 60
        }))
}

/// Counts one more failure for `key` and locks it if the policy says so.
pub async fn record_failure(
    db: &DatabaseConnection,
    key: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let existing = sign_in_throttle::Entity::find_by_id(key.to_owned())
        .one(db)
        .await?;
    let failures = existing
        .as_ref()
        .map_or(0, |row| row.failures)
        .saturating_add(1);
    let locked_until = throttle::delay_minutes(u32::try_from(failures).unwrap_or(u32::MAX))
        .map(|minutes| now + Duration::minutes(i64::from(minutes)));
    let row = sign_in_throttle::ActiveModel {
        key: Set(key.to_owned()),
        failures: Set(failures),
        locked_until: Set(locked_until),
        updated_at: Set(now),
    };
    if existing.is_some() {
        row.update(db).await?;
    } else {
        row.insert(db).await?;
    }
    Ok(())
}

/// Forgets the failures of `key` after a successful sign-in.
pub async fn clear(db: &DatabaseConnection, key: &str) -> Result<(), DbErr> {
    sign_in_throttle::Entity::delete_by_id(key.to_owned())
        .exec(db)
        .await?;
    Ok(())
}
