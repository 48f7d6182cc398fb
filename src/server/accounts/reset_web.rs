//! Password reset by a link sent to the account's address: the server side of those server
//! functions. The request form answers the same whether or not an account exists.

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter,
    TransactionTrait,
};

use super::{
    email_links::{self, Purpose},
    register, throttle,
    web::database_error,
};
use crate::{
    domain::account::Email,
    error::AppError,
    server::{
        audit::{self, Action, Event, Outcome},
        auth::{self, sessions},
        entities::user,
        mail::messages,
        passwords::Password,
        state::AppState,
    },
};

/// What the request form always says, so it reveals nothing about who has an account.
pub const REQUESTED: &str = "If an account uses that address, we have sent it a link to choose a new password. The link expires in 60 minutes.";

pub async fn request(email: String) -> Result<String, AppError> {
    let state = AppState::from_context()?;
    let email = Email::parse(&email)
        .map_err(|_| AppError::bad_request("Enter the email address of your account."))?;
    let now = Utc::now();
    let client_addr = auth::client_addr();
    // Each request counts against the address like a failed sign-in, so one client cannot
    // mail every account in turn.
    if let Some(addr) = &client_addr {
        let key = format!("reset-address:{addr}");
        if let Some(minutes) = throttle::locked_minutes(&state.db, &key, now)
            .await
            .map_err(database_error)?
        {
            return Err(throttle::locked_error("reset requests", minutes));
        }
        throttle::record_failure(&state.db, &key, now)
            .await
            .map_err(database_error)?;
    }

    let account = user::Entity::find()
        .filter(user::Column::Email.eq(email.as_str()))
        .filter(user::Column::Status.eq(user::status::ACTIVE))
        .one(&state.db)
        .await
        .map_err(database_error)?;
    let mut event = Event {
        actor: None,
        action: Action::PasswordResetRequested,
        target: None,
        client_addr,
        outcome: Outcome::Failure,
        reason: None,
    };
    if let Some(account) = account
        && email_links::may_send(&state.db, account.id, Purpose::ResetPassword, now)
            .await
            .map_err(database_error)?
    {
        let token = email_links::issue(&state.db, account.id, Purpose::ResetPassword, None, now)
            .await
            .map_err(database_error)?;
        let link = state
            .mailer
            .link(&format!("/reset-password?token={}", token.expose()));
        state.mailer.dispatch(messages::password_reset(
            &account.email,
            &account.display_name,
            &link,
            Purpose::ResetPassword.lifetime().num_minutes(),
        ));
        event.actor = Some(account.id);
        event.target = Some(format!("user:{}", account.id));
        event.outcome = Outcome::Success;
    }
    audit::record_or_log(&state.db, event, now).await;
    Ok(REQUESTED.to_owned())
}

fn dead_link() -> AppError {
    AppError::bad_request(
        "This reset link does not work any more: it was used already or it expired. Ask for a new one.",
    )
}

/// Whether a reset link can still be used, so the page can say so before anything is typed.
pub async fn check(token: String) -> Result<bool, AppError> {
    let state = AppState::from_context()?;
    Ok(
        email_links::peek(&state.db, &token, Purpose::ResetPassword, Utc::now())
            .await
            .map_err(database_error)?
            .is_some(),
    )
}

/// Sets the new password, uses up the link, and signs the account out everywhere. The
/// second factor, if enrolled, is still asked at the next sign-in.
pub async fn reset(token: String, password: String) -> Result<(), AppError> {
    let state = AppState::from_context()?;
    let now = Utc::now();
    let link = email_links::peek(&state.db, &token, Purpose::ResetPassword, now)
        .await
        .map_err(database_error)?
        .ok_or_else(dead_link)?;
    let account = user::Entity::find_by_id(link.user_id)
        .one(&state.db)
        .await
        .map_err(database_error)?
        .ok_or_else(dead_link)?;
    let password = Password::new(&password);
    register::check_new_password(&account, password.expose())?;
    let hash = state
        .passwords
        .hash(password)
        .await
        .map_err(|_| AppError::internal())?;

    let txn = state
        .db
        .begin_with_options(crate::server::db::WRITE)
        .await
        .map_err(database_error)?;
    // Redeeming is the atomic step: of two requests racing with one link, one wins.
    email_links::redeem(&txn, &token, Purpose::ResetPassword, now)
        .await
        .map_err(database_error)?
        .ok_or_else(dead_link)?;
    email_links::retire_all(&txn, account.id, Purpose::ResetPassword, now)
        .await
        .map_err(database_error)?;
    let (address, name, user_id) = (
        account.email.clone(),
        account.display_name.clone(),
        account.id,
    );
    let mut active = account.into_active_model();
    active.password_hash = Set(hash);
    active.updated_at = Set(now);
    active.update(&txn).await.map_err(database_error)?;
    sessions::end_all(&txn, user_id, None)
        .await
        .map_err(database_error)?;
    txn.commit().await.map_err(database_error)?;

    // Whoever caused the lock-out, the owner has just proved control of the mailbox.
    throttle::clear(&state.db, &format!("account:{user_id}"))
        .await
        .map_err(database_error)?;
    state
        .mailer
        .dispatch(messages::password_changed_notice(&address, &name));
    let event = Event {
        actor: Some(user_id),
        action: Action::PasswordReset,
        target: Some(format!("user:{user_id}")),
        client_addr: auth::client_addr(),
        outcome: Outcome::Success,
        reason: None,
    };
    audit::record_or_log(&state.db, event, now).await;
    leptos_axum::redirect("/signin?reset=done");
    Ok(())
}
