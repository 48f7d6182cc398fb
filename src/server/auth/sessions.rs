//! Sessions in the database, so every app instance behind a load balancer sees the same ones.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, DbErr, EntityTrait,
    IntoActiveModel, QueryFilter, QueryOrder,
};
use uuid::Uuid;

use super::token::Token;
use crate::server::{
    config::SessionConfig,
    entities::{session, user},
};

/// Where a new session stands with the second factor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecondFactor {
    /// The account has none.
    NotEnrolled,
    /// Password accepted; the code is still owed, and nothing else is allowed until then.
    Awaiting,
    /// Both factors were presented.
    Done,
}

/// Starts a session and returns the token for the cookie. Always a new token: a value the
/// browser presented before signing in is never adopted.
pub async fn start(
    db: &DatabaseConnection,
    user_id: Uuid,
    second_factor: SecondFactor,
    device: &str,
    config: &SessionConfig,
    now: DateTime<Utc>,
) -> Result<(session::Model, Token), DbErr> {
    let token = Token::generate();
    let row = session::ActiveModel {
        id: Set(Uuid::new_v4()),
        user_id: Set(user_id),
        token_hash: Set(token.hash()),
        second_factor_done: Set(second_factor == SecondFactor::Done),
        awaiting_second_factor: Set(second_factor == SecondFactor::Awaiting),
        device: Set(device_label(device)),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(now + Duration::hours(config.absolute_hours)),
    }
    .insert(db)
    .await?;
    Ok((row, token))
}

/// The longest an administrator's session may sit unused, whatever the configuration says.
pub const ADMIN_IDLE_MINUTES: i64 = 15;

/// The live session and its user for a presented token. Expired sessions (idle or absolute)
/// and sessions of accounts that are no longer active are deleted and answer `None`.
/// Administrators' sessions idle out after at most `ADMIN_IDLE_MINUTES`.
pub async fn resume(
    db: &DatabaseConnection,
    token: &Token,
    config: &SessionConfig,
    now: DateTime<Utc>,
) -> Result<Option<(session::Model, user::Model)>, DbErr> {
    let Some(found) = session::Entity::find()
        .filter(session::Column::TokenHash.eq(token.hash()))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let owner = user::Entity::find_by_id(found.user_id).one(db).await?;
    let owner = owner.filter(|u| u.is_usable(now.date_naive()));
    // An administrator's unattended browser is worth more to an attacker: it idles out
    // sooner, whatever the configured limit for everyone.
    let idle_minutes = match &owner {
        Some(u) if u.role == user::role::ADMIN => config.idle_minutes.min(ADMIN_IDLE_MINUTES),
        _ => config.idle_minutes,
    };
    let idle_limit = found.last_seen_at + Duration::minutes(idle_minutes);
    let (Some(owner), true) = (owner, now < idle_limit && now < found.expires_at) else {
        session::Entity::delete_by_id(found.id).exec(db).await?;
        return Ok(None);
    };
    // Writing on every request would cost a write per page; a minute's precision is plenty
    // for a 30-minute idle timeout.
    if now - found.last_seen_at > Duration::minutes(1) {
        let mut active = found.clone().into_active_model();
        active.last_seen_at = Set(now);
        active.update(db).await?;
    }
    Ok(Some((found, owner)))
}

/// A user's live sessions, newest first.
pub async fn list(db: &DatabaseConnection, user_id: Uuid) -> Result<Vec<session::Model>, DbErr> {
    session::Entity::find()
        .filter(session::Column::UserId.eq(user_id))
        .order_by_desc(session::Column::LastSeenAt)
        .all(db)
        .await
}

/// Ends one of the user's sessions. Returns false when there is no such session *for this
/// user*, so another user's session id looks exactly like a missing one.
pub async fn end(db: &DatabaseConnection, user_id: Uuid, session_id: Uuid) -> Result<bool, DbErr> {
    let result = session::Entity::delete_many()
        .filter(session::Column::Id.eq(session_id))
        .filter(session::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Ends every session of the user except `keep` (all of them when `keep` is `None`).
pub async fn end_all(
    db: &impl sea_orm::ConnectionTrait,
    user_id: Uuid,
    keep: Option<Uuid>,
) -> Result<u64, DbErr> {
    let mut query = session::Entity::delete_many().filter(session::Column::UserId.eq(user_id));
    if let Some(keep) = keep {
        query = query.filter(session::Column::Id.ne(keep));
    }
    Ok(query.exec(db).await?.rows_affected)
}

/// A short, non-identifying description of the browser from its User-Agent.
fn device_label(user_agent: &str) -> String {
    let browser = ["Edg/", "Firefox/", "Chrome/", "Safari/"]
        .iter()
        .find(|marker| user_agent.contains(*marker))
        .map_or("Browser", |marker| match *marker {
            "Edg/" => "Edge",
            "Firefox/" => "Firefox",
            "Chrome/" => "Chrome",
            _ => "Safari",
        });
    let system = [
        ("Android", "Android"),
        ("iPhone", "iPhone"),
        ("iPad", "iPad"),
        ("Windows", "Windows"),
        ("Mac OS X", "macOS"),
        ("Linux", "Linux"),
    ]
    .iter()
    .find(|(marker, _)| user_agent.contains(marker))
    .map_or("unknown system", |(_, name)| name);
    format!("{browser} on {system}")
}

#[cfg(test)]
mod tests {
    use super::device_label;

    #[test]
    fn devices_are_described_without_the_full_user_agent() {
        let phone =
            "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/120 Mobile Safari/537.36";
        assert_eq!(device_label(phone), "Chrome on Android");
        assert_eq!(device_label(""), "Browser on unknown system");
    }
}
