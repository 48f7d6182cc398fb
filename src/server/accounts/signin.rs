//! Signing in with email or username and password, throttled per account and per address.

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter};

use super::throttle;
use crate::{
    domain::account::{Email, Username},
    server::{
        audit::{self, Action, Event, Outcome},
        auth::{
            sessions::{self, SecondFactor},
            token::Token,
        },
        config::SessionConfig,
        entities::{session, user},
        passwords::{Password, PasswordHasher},
        two_factor,
    },
};

pub struct Attempt {
    /// An email address or a username.
    pub login: String,
    pub password: Password,
    pub user_agent: String,
    pub client_addr: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum SignInError {
    /// Unknown account or wrong password: one error, so the two cannot be told apart.
    #[error("invalid credentials")]
    Invalid,
    #[error("throttled for {minutes} minutes")]
    Throttled { minutes: i64 },
    #[error("account not active")]
    Inactive,
    #[error(transparent)]
    Database(#[from] DbErr),
}

pub struct SignedIn {
    pub user: user::Model,
    pub session: session::Model,
    pub token: Token,
}

pub async fn sign_in(
    db: &DatabaseConnection,
    hasher: &PasswordHasher,
    sessions_config: &SessionConfig,
    attempt: Attempt,
    now: DateTime<Utc>,
) -> Result<SignedIn, SignInError> {
    let address_key = attempt
        .client_addr
        .as_ref()
        .map(|addr| format!("address:{addr}"));
    let event = |actor, action, outcome| Event {
        actor,
        action,
        target: None,
        client_addr: attempt.client_addr.clone(),
        outcome,
        reason: None,
    };

    if let Some(key) = &address_key
        && let Some(minutes) = throttle::locked_minutes(db, key, now).await?
    {
        audit::record_or_log(
            db,
            event(None, Action::SignInThrottled, Outcome::Failure),
            now,
        )
        .await;
        return Err(SignInError::Throttled { minutes });
    }

    let account = find_account(db, &attempt.login).await?;
    let account_key = account.as_ref().map(|user| format!("account:{}", user.id));
    if let Some(key) = &account_key
        && let Some(minutes) = throttle::locked_minutes(db, key, now).await?
    {
        let actor = account.as_ref().map(|user| user.id);
        audit::record_or_log(
            db,
            event(actor, Action::SignInThrottled, Outcome::Failure),
            now,
        )
        .await;
        return Err(SignInError::Throttled { minutes });
    }

    let verified = match &account {
        Some(user) => hasher.verify(&user.password_hash, attempt.password).await,
        None => hasher.verify_decoy(attempt.password).await,
    };
    let Some(user) = account.filter(|_| verified) else {
        for key in address_key.iter().chain(account_key.iter()) {
            throttle::record_failure(db, key, now).await?;
        }
        let mut failure = event(None, Action::SignInFailed, Outcome::Failure);
        failure.target = account_key.clone();
        audit::record_or_log(db, failure, now).await;
        return Err(SignInError::Invalid);
    };

    if !user.is_usable(now.date_naive()) {
        audit::record_or_log(
            db,
            event(Some(user.id), Action::SignIn, Outcome::Failure),
            now,
        )
        .await;
        return Err(SignInError::Inactive);
    }
    if let Some(key) = &account_key {
        throttle::clear(db, key).await?;
    }
    let second_factor = if two_factor::is_enabled(db, user.id).await? {
        SecondFactor::Awaiting
    } else {
        SecondFactor::NotEnrolled
    };
    let (session, token) = sessions::start(
        db,
        user.id,
        second_factor,
        &attempt.user_agent,
        sessions_config,
        now,
    )
    .await?;
    let mut success = event(Some(user.id), Action::SignIn, Outcome::Success);
    success.target = Some(format!("session:{}", session.id));
    audit::record_or_log(db, success, now).await;
    Ok(SignedIn {
        user,
        session,
        token,
    })
}

/// The account a login names: an email address when it has an `@`, else a username.
/// The account an email address or a username names, if any.
pub async fn find_account(
    db: &DatabaseConnection,
    login: &str,
) -> Result<Option<user::Model>, DbErr> {
    if login.contains('@') {
        let Ok(email) = Email::parse(login) else {
            return Ok(None);
        };
        user::Entity::find()
            .filter(user::Column::Email.eq(email.as_str()))
            .one(db)
            .await
    } else {
        let Ok(username) = Username::parse(login) else {
            return Ok(None);
        };
        user::Entity::find()
            .filter(user::Column::UsernameKey.eq(username.key()))
            .one(db)
            .await
    }
}
