//! Two-factor sign-in with TOTP (RFC 6238): 6 digits, 30-second steps, SHA-1 as every
//! authenticator app expects. A code is accepted for the current and the previous step only,
//! and never twice: the newest accepted step is stored and raised by one conditional UPDATE,
//! so two simultaneous requests with the same code cannot both pass.

mod codes;
mod recovery;

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait,
    DatabaseConnection, DbErr, EntityTrait, IntoActiveModel, QueryFilter, sea_query::Expr,
};
use uuid::Uuid;

pub use recovery::use_recovery_code;

use super::{
    crypto::MasterKey,
    entities::{totp_factor, user},
};

/// What the enrolment page shows once: the QR code and the secret for manual entry.
#[derive(Debug, Clone)]
pub struct Enrolment {
    pub secret_base32: String,
    pub qr_png_base64: String,
}

#[derive(Debug, thiserror::Error)]
pub enum TwoFactorError {
    #[error("two-factor sign-in is already on")]
    AlreadyEnabled,
    #[error("no enrolment was started")]
    NotStarted,
    #[error("the code is not right")]
    WrongCode,
    #[error("the secret could not be sealed or opened")]
    Crypto,
    #[error(transparent)]
    Database(#[from] DbErr),
}

/// Whether the user has confirmed a TOTP factor.
pub async fn is_enabled(db: &impl ConnectionTrait, user_id: Uuid) -> Result<bool, DbErr> {
    let factor = totp_factor::Entity::find_by_id(user_id).one(db).await?;
    Ok(factor.is_some_and(|f| f.enabled_at.is_some()))
}

/// Starts (or restarts) enrolment with a fresh secret; nothing is enforced until confirmed.
pub async fn begin(
    db: &DatabaseConnection,
    key: &MasterKey,
    account: &user::Model,
    now: DateTime<Utc>,
) -> Result<Enrolment, TwoFactorError> {
    let existing = totp_factor::Entity::find_by_id(account.id).one(db).await?;
    if existing.as_ref().is_some_and(|f| f.enabled_at.is_some()) {
        return Err(TwoFactorError::AlreadyEnabled);
    }
    let secret = codes::new_secret();
    let sealed = key.seal(&secret).map_err(|_| TwoFactorError::Crypto)?;
    let totp = codes::totp(secret, &account.username).map_err(|_| TwoFactorError::Crypto)?;
    let enrolment = Enrolment {
        secret_base32: codes::base32(&totp),
        qr_png_base64: totp.to_qr_base64().map_err(|_| TwoFactorError::Crypto)?,
    };
    let row = totp_factor::ActiveModel {
        user_id: Set(account.id),
        secret_sealed: Set(sealed),
        enabled_at: Set(None),
        last_used_step: Set(None),
        created_at: Set(now),
    };
    if existing.is_some() {
        row.update(db).await?;
    } else {
        row.insert(db).await?;
    }
    Ok(enrolment)
}

/// Confirms enrolment with a first code and returns the ten recovery codes, shown once.
pub async fn confirm(
    db: &DatabaseConnection,
    key: &MasterKey,
    user_id: Uuid,
    code: &str,
    now: DateTime<Utc>,
) -> Result<Vec<String>, TwoFactorError> {
    let factor = totp_factor::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .filter(|f| f.enabled_at.is_none())
        .ok_or(TwoFactorError::NotStarted)?;
    if !accept_code(db, key, &factor, code, now).await? {
        return Err(TwoFactorError::WrongCode);
    }
    let mut active = factor.into_active_model();
    active.enabled_at = Set(Some(now));
    active.update(db).await?;
    Ok(recovery::replace_codes(db, user_id).await?)
}

/// Checks a sign-in's second factor: a TOTP code or, failing that, a recovery code.
pub async fn verify(
    db: &DatabaseConnection,
    key: &MasterKey,
    user_id: Uuid,
    code: &str,
    now: DateTime<Utc>,
) -> Result<bool, TwoFactorError> {
    let factor = totp_factor::Entity::find_by_id(user_id).one(db).await?;
    let Some(factor) = factor.filter(|f| f.enabled_at.is_some()) else {
        return Ok(false);
    };
    if codes::looks_like_totp(code) {
        accept_code(db, key, &factor, code, now).await
    } else {
        Ok(use_recovery_code(db, user_id, code, now).await?)
    }
}

/// Turns two-factor sign-in off; the caller has checked a code or the password.
pub async fn disable(db: &DatabaseConnection, user_id: Uuid) -> Result<(), DbErr> {
    totp_factor::Entity::delete_by_id(user_id).exec(db).await?;
    recovery::delete_codes(db, user_id).await
}

/// True when `code` matches the current or previous step and that step is newer than any
/// accepted before; the step is then recorded in the same statement that checks it.
async fn accept_code(
    db: &DatabaseConnection,
    key: &MasterKey,
    factor: &totp_factor::Model,
    code: &str,
    now: DateTime<Utc>,
) -> Result<bool, TwoFactorError> {
    let secret = key
        .open(&factor.secret_sealed)
        .map_err(|_| TwoFactorError::Crypto)?;
    let totp = codes::totp(secret, "").map_err(|_| TwoFactorError::Crypto)?;
    let Some(step) = codes::matching_step(&totp, code, now.timestamp()) else {
        return Ok(false);
    };
    let updated = totp_factor::Entity::update_many()
        .col_expr(totp_factor::Column::LastUsedStep, Expr::value(step))
        .filter(totp_factor::Column::UserId.eq(factor.user_id))
        .filter(
            Condition::any()
                .add(totp_factor::Column::LastUsedStep.is_null())
                .add(totp_factor::Column::LastUsedStep.lt(step)),
        )
        .exec(db)
        .await?;
    Ok(updated.rows_affected == 1)
}
