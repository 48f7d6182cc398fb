//! Failed sign-ins counted per account and per client address, in the database so every
//! app instance shares the count.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, IdenStatic, QueryFilter,
    sea_query::{Expr, ExprTrait, OnConflict, Query},
};

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

/// Counts one more failure for `key` and locks it if the policy says so. The count is one
/// atomic upsert that returns the new value, so simultaneous failures are all counted.
pub async fn record_failure(
    db: &DatabaseConnection,
    key: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    use sign_in_throttle::Column;
    let upsert = Query::insert()
        .into_table(sign_in_throttle::Entity)
        .columns([Column::Key, Column::Failures, Column::UpdatedAt])
        .values([key.into(), 1i32.into(), now.into()])
        .map_err(|err| DbErr::Custom(err.to_string()))?
        .on_conflict(
            OnConflict::column(Column::Key)
                .value(
                    Column::Failures,
                    Expr::col((sign_in_throttle::Entity, Column::Failures)).add(1),
                )
                .value(Column::UpdatedAt, now)
                .to_owned(),
        )
        .returning_col(Column::Failures)
        .to_owned();
    let failures: i32 = db
        .query_one(&upsert)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("the throttle row just written".into()))?
        .try_get("", Column::Failures.as_str())?;
    let Some(minutes) = throttle::delay_minutes(u32::try_from(failures).unwrap_or(u32::MAX)) else {
        return Ok(());
    };
    // Only the writer whose count is still current sets the lock, so a slower request with
    // a smaller count cannot shorten the delay a faster one set.
    sign_in_throttle::Entity::update_many()
        .col_expr(
            Column::LockedUntil,
            Expr::value(now + Duration::minutes(i64::from(minutes))),
        )
        .filter(Column::Key.eq(key))
        .filter(Column::Failures.eq(failures))
        .exec(db)
        .await?;
    Ok(())
}

/// Forgets the failures of `key` after a successful sign-in.
pub async fn clear(db: &DatabaseConnection, key: &str) -> Result<(), DbErr> {
    sign_in_throttle::Entity::delete_by_id(key.to_owned())
        .exec(db)
        .await?;
    Ok(())
}
