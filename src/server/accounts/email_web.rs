//! Email verification and change of address: the server side of those server functions.
//! A link proves the person can read mail at the address; only then is it trusted (or, for
//! a change, adopted).

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter,
    SqlErr, TransactionTrait,
};

use super::{
    email_links::{self, Purpose},
    manage::account_with_password,
    web::database_error,
};
use crate::{
    domain::account::Email,
    error::{AppError, ErrorCode},
    features::accounts::EmailStatus,
    server::{
        audit::{self, Action, Event, Outcome},
        auth::{self, Permission},
        entities::user,
        mail::messages,
        state::AppState,
    },
};

fn event(actor: uuid::Uuid, action: Action) -> Event {
    Event {
        actor: Some(actor),
        action,
        target: Some(format!("user:{actor}")),
        client_addr: auth::client_addr(),
        outcome: Outcome::Success,
        reason: None,
    }
}

fn too_many_links() -> AppError {
    AppError::new(
        ErrorCode::Throttled,
        "We have sent several links in the last hour. Check your inbox and spam folder, or try again in an hour.",
    )
}

fn hours(purpose: Purpose) -> i64 {
    purpose.lifetime().num_hours()
}

/// Sends a verification link for the account's own address. Used at sign-up and by
/// "send the link again"; the caller has checked the hourly limit where it matters.
pub async fn send_verification(
    state: &AppState,
    account: &user::Model,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let token = email_links::issue(&state.db, account.id, Purpose::VerifyEmail, None, now)
        .await
        .map_err(database_error)?;
    let link = state
        .mailer
        .link(&format!("/verify-email?token={}", token.expose()));
    state.mailer.dispatch(messages::verify_new_account(
        &account.email,
        &account.display_name,
        &link,
        hours(Purpose::VerifyEmail),
    ));
    audit::record_or_log(&state.db, event(account.id, Action::VerificationSent), now).await;
    Ok(())
}

async fn own_account(state: &AppState) -> Result<user::Model, AppError> {
    let current = auth::require(state, Permission::OwnAccount).await?;
    user::Entity::find_by_id(current.user_id)
        .one(&state.db)
        .await
        .map_err(database_error)?
        .ok_or_else(AppError::not_found)
}

pub async fn status() -> Result<EmailStatus, AppError> {
    let state = AppState::from_context()?;
    let account = own_account(&state).await?;
    let pending = email_links::pending_address(&state.db, account.id, Utc::now())
        .await
        .map_err(database_error)?;
    Ok(EmailStatus {
        address: account.email,
        verified: account.email_verified_at.is_some(),
        pending_address: pending,
    })
}

pub async fn resend() -> Result<(), AppError> {
    let state = AppState::from_context()?;
    let account = own_account(&state).await?;
    if account.email_verified_at.is_some() {
        return Err(AppError::bad_request(
            "Your email address is already confirmed.",
        ));
    }
    let now = Utc::now();
    if !email_links::may_send(&state.db, account.id, Purpose::VerifyEmail, now)
        .await
        .map_err(database_error)?
    {
        return Err(too_many_links());
    }
    send_verification(&state, &account, now).await
}

/// Starts a change of address: asks for the password, then mails a link to the new address.
/// The account keeps its old address until the link is opened.
pub async fn change(new_email: String, password: String) -> Result<String, AppError> {
    let state = AppState::from_context()?;
    let current = auth::require(&state, Permission::OwnAccount).await?;
    let new_email =
        Email::parse(&new_email).map_err(|err| AppError::bad_request(err.to_string()))?;
    let account = account_with_password(&state, &current, &password).await?;
    if account.email == new_email.as_str() {
        return Err(AppError::bad_request("That is already your address."));
    }
    ensure_free(&state, &new_email).await?;
    let now = Utc::now();
    if !email_links::may_send(&state.db, account.id, Purpose::VerifyEmail, now)
        .await
        .map_err(database_error)?
    {
        return Err(too_many_links());
    }
    let txn = state
        .db
        .begin_with_options(crate::server::db::WRITE)
        .await
        .map_err(database_error)?;
    // Only the newest requested address can be confirmed.
    email_links::retire_all(&txn, account.id, Purpose::VerifyEmail, now)
        .await
        .map_err(database_error)?;
    let token = email_links::issue(
        &txn,
        account.id,
        Purpose::VerifyEmail,
        Some(new_email.as_str().to_owned()),
        now,
    )
    .await
    .map_err(database_error)?;
    txn.commit().await.map_err(database_error)?;
    let link = state
        .mailer
        .link(&format!("/verify-email?token={}", token.expose()));
    state.mailer.dispatch(messages::verify_changed_address(
        new_email.as_str(),
        &account.display_name,
        &link,
        hours(Purpose::VerifyEmail),
    ));
    audit::record_or_log(
        &state.db,
        event(account.id, Action::EmailChangeRequested),
        now,
    )
    .await;
    Ok(format!(
        "We sent a link to {}. Your address changes when you open it.",
        new_email.as_str()
    ))
}

async fn ensure_free(state: &AppState, email: &Email) -> Result<(), AppError> {
    let taken = user::Entity::find()
        .filter(user::Column::Email.eq(email.as_str()))
        .one(&state.db)
        .await
        .map_err(database_error)?
        .is_some();
    if taken { Err(address_taken()) } else { Ok(()) }
}

fn address_taken() -> AppError {
    AppError::new(
        ErrorCode::AccountExists,
        "Another account already uses that email address.",
    )
}

fn dead_link() -> AppError {
    AppError::bad_request(
        "This link does not work any more: it was used already, it expired, or a newer one replaced it. Sign in and send a new one from your account page.",
    )
}

/// Opens a verification link. It needs no session: people often read mail on another
/// device. Returns the message to show.
pub async fn confirm(token: String) -> Result<String, AppError> {
    let state = AppState::from_context()?;
    let now = Utc::now();
    let txn = state
        .db
        .begin_with_options(crate::server::db::WRITE)
        .await
        .map_err(database_error)?;
    let link = email_links::redeem(&txn, &token, Purpose::VerifyEmail, now)
        .await
        .map_err(database_error)?
        .ok_or_else(dead_link)?;
    let account = user::Entity::find_by_id(link.user_id)
        .one(&txn)
        .await
        .map_err(database_error)?
        .ok_or_else(dead_link)?;
    let old_address = account.email.clone();
    let name = account.display_name.clone();
    let changed = link.new_email.clone();
    let mut active = account.into_active_model();
    active.email_verified_at = Set(Some(now));
    active.updated_at = Set(now);
    if let Some(address) = &changed {
        active.email = Set(address.clone());
    }
    active
        .update(&txn)
        .await
        .map_err(|err| match err.sql_err() {
            // Someone else took the address after the change was asked for.
            Some(SqlErr::UniqueConstraintViolation(_)) => address_taken(),
            _ => database_error(err),
        })?;
    txn.commit().await.map_err(database_error)?;

    let action = if changed.is_some() {
        state
            .mailer
            .dispatch(messages::address_changed_notice(&old_address, &name));
        Action::EmailChanged
    } else {
        Action::EmailVerified
    };
    audit::record_or_log(&state.db, event(link.user_id, action), now).await;
    Ok(match changed {
        Some(address) => format!("Your account now uses {address}."),
        None => "Thank you: your email address is confirmed.".to_owned(),
    })
}
