//! One-time links sent by email: issued with a fresh random token (only its hash is kept),
//! used at most once, and dead after their expiry.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DbErr,
    EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, sea_query::Expr,
};
use uuid::Uuid;

use crate::server::{auth::token::Token, entities::email_link};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    VerifyEmail,
    ResetPassword,
}

impl Purpose {
    fn as_str(self) -> &'static str {
        match self {
            Self::VerifyEmail => "verify_email",
            Self::ResetPassword => "reset_password",
        }
    }

    /// A reset link grants the account, so it lives briefly; a verification link only
    /// proves an address and may wait a day in an inbox.
    pub fn lifetime(self) -> Duration {
        match self {
            Self::VerifyEmail => Duration::hours(24),
            Self::ResetPassword => Duration::minutes(60),
        }
    }
}

/// At most this many links of one purpose per account per hour, so nobody can flood an
/// inbox through the "send again" and "forgot password" forms.
pub const MAX_PER_HOUR: u64 = 3;

/// Whether another link of `purpose` may be sent to `user_id` now.
pub async fn may_send(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    purpose: Purpose,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let recent = email_link::Entity::find()
        .filter(email_link::Column::UserId.eq(user_id))
        .filter(email_link::Column::Purpose.eq(purpose.as_str()))
        .filter(email_link::Column::CreatedAt.gt(now - Duration::hours(1)))
        .count(db)
        .await?;
    Ok(recent < MAX_PER_HOUR)
}

/// Records a new link and returns its token, the only copy there will be.
pub async fn issue(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    purpose: Purpose,
    new_email: Option<String>,
    now: DateTime<Utc>,
) -> Result<Token, DbErr> {
    let token = Token::generate();
    email_link::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(user_id),
        purpose: Set(purpose.as_str().to_owned()),
        token_hash: Set(token.hash()),
        new_email: Set(new_email),
        expires_at: Set(now + purpose.lifetime()),
        used_at: Set(None),
        created_at: Set(now),
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// The link with this token hash, if it has this purpose and is unused and unexpired.
fn usable(hash: &str, purpose: Purpose, now: DateTime<Utc>) -> Condition {
    Condition::all()
        .add(email_link::Column::TokenHash.eq(hash))
        .add(email_link::Column::Purpose.eq(purpose.as_str()))
        .add(email_link::Column::UsedAt.is_null())
        .add(email_link::Column::ExpiresAt.gt(now))
}

/// Marks the link behind `presented` used and returns it, if it exists, has this purpose,
/// is unused and unexpired. One conditional UPDATE decides, so two requests racing with the
/// same link cannot both succeed.
pub async fn redeem(
    db: &impl ConnectionTrait,
    presented: &str,
    purpose: Purpose,
    now: DateTime<Utc>,
) -> Result<Option<email_link::Model>, DbErr> {
    let Some(token) = Token::from_presented(presented.trim()) else {
        return Ok(None);
    };
    let hash = token.hash();
    let claimed = email_link::Entity::update_many()
        .col_expr(email_link::Column::UsedAt, Expr::value(now))
        .filter(usable(&hash, purpose, now))
        .exec(db)
        .await?;
    if claimed.rows_affected != 1 {
        return Ok(None);
    }
    email_link::Entity::find()
        .filter(email_link::Column::TokenHash.eq(hash))
        .one(db)
        .await
}

/// The link behind `presented` if it could still be redeemed, without using it: lets a page
/// say "this link has expired" before the person types a new password.
pub async fn peek(
    db: &impl ConnectionTrait,
    presented: &str,
    purpose: Purpose,
    now: DateTime<Utc>,
) -> Result<Option<email_link::Model>, DbErr> {
    let Some(token) = Token::from_presented(presented.trim()) else {
        return Ok(None);
    };
    email_link::Entity::find()
        .filter(usable(&token.hash(), purpose, now))
        .one(db)
        .await
}

/// Retires every unused link of `purpose` for the account (after a reset succeeds, or when
/// a newer address change replaces an older one).
pub async fn retire_all(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    purpose: Purpose,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    email_link::Entity::update_many()
        .col_expr(email_link::Column::UsedAt, Expr::value(now))
        .filter(email_link::Column::UserId.eq(user_id))
        .filter(email_link::Column::Purpose.eq(purpose.as_str()))
        .filter(email_link::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// The newest address waiting for its verification link to be opened, if any.
pub async fn pending_address(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    now: DateTime<Utc>,
) -> Result<Option<String>, DbErr> {
    Ok(email_link::Entity::find()
        .filter(email_link::Column::UserId.eq(user_id))
        .filter(email_link::Column::Purpose.eq(Purpose::VerifyEmail.as_str()))
        .filter(email_link::Column::NewEmail.is_not_null())
        .filter(email_link::Column::UsedAt.is_null())
        .filter(email_link::Column::ExpiresAt.gt(now))
        .order_by_desc(email_link::Column::CreatedAt)
        .one(db)
        .await?
        .and_then(|link| link.new_email))
}
