//! Changing one's password and deleting one's account. Both ask for the current password,
//! so a borrowed unlocked browser cannot do either.

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait, IntoActiveModel};

use super::{
    register, throttle,
    web::{database_error, set_cookie, user_agent},
};
use crate::{
    error::AppError,
    server::{
        audit::{self, Action, Event, Outcome},
        auth::{self, CurrentUser, Permission, cookie, sessions},
        documents::library,
        entities::user,
        mail::messages,
        passwords::Password,
        state::AppState,
    },
};

/// The account, once the current password has been shown again. Wrong guesses count
/// against the same per-account budget as sign-in, so a borrowed session gives a thief no
/// extra guesses at the password.
pub(super) async fn account_with_password(
    state: &AppState,
    current: &CurrentUser,
    password: &str,
) -> Result<user::Model, AppError> {
    let now = Utc::now();
    let key = format!("account:{}", current.user_id);
    if let Some(minutes) = throttle::locked_minutes(&state.db, &key, now)
        .await
        .map_err(database_error)?
    {
        return Err(throttle::locked_error("wrong passwords", minutes));
    }
    let account = user::Entity::find_by_id(current.user_id)
        .one(&state.db)
        .await
        .map_err(database_error)?
        .ok_or_else(AppError::not_found)?;
    if !state
        .passwords
        .verify(&account.password_hash, Password::new(password))
        .await
    {
        throttle::record_failure(&state.db, &key, now)
            .await
            .map_err(database_error)?;
        return Err(AppError::bad_request("Your current password is not right."));
    }
    throttle::clear(&state.db, &key)
        .await
        .map_err(database_error)?;
    Ok(account)
}

fn event(current: &CurrentUser, action: Action) -> Event {
    Event {
        actor: Some(current.user_id),
        action,
        target: Some(format!("user:{}", current.user_id)),
        client_addr: auth::client_addr(),
        outcome: Outcome::Success,
        reason: None,
    }
}

/// Sets a new password, ends every session of the account (a thief's included), and signs
/// this browser in again with a new token.
pub async fn change_password(
    current_password: String,
    new_password: String,
) -> Result<(), AppError> {
    let state = AppState::from_context()?;
    let current = auth::require(&state, Permission::OwnAccount).await?;
    let account = account_with_password(&state, &current, &current_password).await?;

    let new_password = Password::new(&new_password);
    register::check_new_password(&account, new_password.expose())?;
    let hash = state
        .passwords
        .hash(new_password)
        .await
        .map_err(|_| AppError::internal())?;
    let now = Utc::now();
    let notice = messages::password_changed_notice(&account.email, &account.display_name);
    let mut active = account.into_active_model();
    active.password_hash = Set(hash);
    active.updated_at = Set(now);
    active.update(&state.db).await.map_err(database_error)?;

    sessions::end_all(&state.db, current.user_id, None)
        .await
        .map_err(database_error)?;
    let second_factor = if current.second_factor_done {
        sessions::SecondFactor::Done
    } else {
        sessions::SecondFactor::NotEnrolled
    };
    let (_, token) = sessions::start(
        &state.db,
        current.user_id,
        second_factor,
        &user_agent(),
        &state.config.sessions,
        now,
    )
    .await
    .map_err(database_error)?;
    set_cookie(cookie::set(&token, state.config.sessions.https));
    audit::record_or_log(&state.db, event(&current, Action::PasswordChanged), now).await;
    state.mailer.dispatch(notice);
    Ok(())
}

/// Deletes the account and everything that hangs off it (documents, sessions, two-factor
/// secrets); the audit log keeps its rows, which hold only the id. Documents go first,
/// every stored copy of each: if storage fails, the account stays as it was.
pub async fn delete_account(password: String) -> Result<(), AppError> {
    let state = AppState::from_context()?;
    let current = auth::require(&state, Permission::OwnAccount).await?;
    let account = account_with_password(&state, &current, &password).await?;
    library::remove_all(&state, account.id)
        .await
        .map_err(|err| {
            AppError::new(
                err.code,
                "Your documents could not all be removed from storage just now, so your account was not deleted. Try again in a few minutes.",
            )
        })?;
    sessions::end_all(&state.db, current.user_id, None)
        .await
        .map_err(database_error)?;
    user::Entity::delete_by_id(account.id)
        .exec(&state.db)
        .await
        .map_err(database_error)?;
    audit::record_or_log(
        &state.db,
        event(&current, Action::AccountDeleted),
        Utc::now(),
    )
    .await;
    set_cookie(Some(cookie::clear(state.config.sessions.https)));
    leptos_axum::redirect("/");
    Ok(())
}
