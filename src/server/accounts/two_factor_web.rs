//! The server side of the two-factor server functions.

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait, IntoActiveModel};

use super::{throttle, web::database_error};
use crate::{
    error::AppError,
    features::accounts::TwoFactorSetup,
    server::{
        audit::{self, Action, Event, Outcome},
        auth::{self, Permission, cookie, sessions},
        entities::{session, user},
        passwords::Password,
        state::AppState,
        two_factor::{self, TwoFactorError},
    },
};

fn wrong_code() -> AppError {
    AppError::bad_request("That code is not right, or it was already used. Try the next one.")
}

fn map_error(err: TwoFactorError) -> AppError {
    match err {
        TwoFactorError::AlreadyEnabled => {
            AppError::bad_request("Two-factor sign-in is already on.")
        }
        TwoFactorError::NotStarted => AppError::bad_request("Start the set-up again."),
        TwoFactorError::WrongCode => wrong_code(),
        TwoFactorError::Crypto => {
            tracing::error!("two-factor secret could not be sealed or opened");
            AppError::internal()
        }
        TwoFactorError::Database(err) => database_error(err),
    }
}

fn audit_event(user_id: uuid::Uuid, action: Action, outcome: Outcome) -> Event {
    Event {
        actor: Some(user_id),
        action,
        target: None,
        client_addr: auth::client_addr(),
        outcome,
        reason: None,
    }
}

pub async fn status() -> Result<bool, AppError> {
    let state = AppState::from_context()?;
    let user = auth::require(&state, Permission::SecondFactorSetup).await?;
    two_factor::is_enabled(&state.db, user.user_id)
        .await
        .map_err(database_error)
}

pub async fn begin() -> Result<TwoFactorSetup, AppError> {
    let state = AppState::from_context()?;
    let current = auth::require(&state, Permission::SecondFactorSetup).await?;
    let account = user::Entity::find_by_id(current.user_id)
        .one(&state.db)
        .await
        .map_err(database_error)?
        .ok_or_else(AppError::not_found)?;
    let enrolment = two_factor::begin(&state.db, &state.master_key, &account, Utc::now())
        .await
        .map_err(map_error)?;
    Ok(TwoFactorSetup {
        secret: enrolment.secret_base32,
        qr_png_base64: enrolment.qr_png_base64,
    })
}

pub async fn confirm(code: String) -> Result<Vec<String>, AppError> {
    let state = AppState::from_context()?;
    let current = auth::require(&state, Permission::SecondFactorSetup).await?;
    let now = Utc::now();
    let codes = two_factor::confirm(&state.db, &state.master_key, current.user_id, &code, now)
        .await
        .map_err(map_error)?;
    // This session has just shown the second factor.
    if let Ok(Some(row)) = session::Entity::find_by_id(current.session_id)
        .one(&state.db)
        .await
    {
        let mut active = row.into_active_model();
        active.second_factor_done = Set(true);
        active.update(&state.db).await.map_err(database_error)?;
    }
    let event = audit_event(current.user_id, Action::TwoFactorEnabled, Outcome::Success);
    audit::record_or_log(&state.db, event, now).await;
    Ok(codes)
}

/// Turning it off needs a current code (or recovery code) or the password.
pub async fn disable(code_or_password: String) -> Result<(), AppError> {
    let state = AppState::from_context()?;
    let current = auth::require(&state, Permission::OwnAccount).await?;
    if current.role == user::role::ADMIN {
        return Err(AppError::bad_request(
            "Administrators must keep two-factor sign-in on.",
        ));
    }
    let now = Utc::now();
    let by_code = two_factor::verify(
        &state.db,
        &state.master_key,
        current.user_id,
        &code_or_password,
        now,
    )
    .await
    .map_err(map_error)?;
    let by_password = !by_code && {
        let account = user::Entity::find_by_id(current.user_id)
            .one(&state.db)
            .await
            .map_err(database_error)?;
        match account {
            Some(account) => {
                state
                    .passwords
                    .verify(&account.password_hash, Password::new(&code_or_password))
                    .await
            }
            None => false,
        }
    };
    if !(by_code || by_password) {
        let event = audit_event(current.user_id, Action::TwoFactorDisabled, Outcome::Failure);
        audit::record_or_log(&state.db, event, now).await;
        return Err(AppError::bad_request(
            "Enter a current code or your password.",
        ));
    }
    two_factor::disable(&state.db, current.user_id)
        .await
        .map_err(database_error)?;
    let event = audit_event(current.user_id, Action::TwoFactorDisabled, Outcome::Success);
    audit::record_or_log(&state.db, event, now).await;
    Ok(())
}

/// The second step of signing in. On success the half session is replaced by a new one
/// with a new token, so the token that only knew the password is worthless.
pub async fn complete_sign_in(code: String) -> Result<(), AppError> {
    let state = AppState::from_context()?;
    let current = auth::current_user(&state)
        .await?
        .ok_or_else(AppError::unauthenticated)?;
    if !current.awaiting_second_factor {
        leptos_axum::redirect(super::web::landing_for(&current.role));
        return Ok(());
    }
    let now = Utc::now();
    let key = format!("account:{}", current.user_id);
    if let Some(minutes) = throttle::locked_minutes(&state.db, &key, now)
        .await
        .map_err(database_error)?
    {
        return Err(throttle::locked_error("wrong codes", minutes));
    }
    let ok = two_factor::verify(&state.db, &state.master_key, current.user_id, &code, now)
        .await
        .map_err(map_error)?;
    if !ok {
        throttle::record_failure(&state.db, &key, now)
            .await
            .map_err(database_error)?;
        let event = audit_event(
            current.user_id,
            Action::SecondFactorFailed,
            Outcome::Failure,
        );
        audit::record_or_log(&state.db, event, now).await;
        return Err(wrong_code());
    }
    throttle::clear(&state.db, &key)
        .await
        .map_err(database_error)?;
    sessions::end(&state.db, current.user_id, current.session_id)
        .await
        .map_err(database_error)?;
    let device = super::web::user_agent();
    let (session, token) = sessions::start(
        &state.db,
        current.user_id,
        sessions::SecondFactor::Done,
        &device,
        &state.config.sessions,
        now,
    )
    .await
    .map_err(database_error)?;
    let mut event = audit_event(
        current.user_id,
        Action::SecondFactorPassed,
        Outcome::Success,
    );
    event.target = Some(format!("session:{}", session.id));
    audit::record_or_log(&state.db, event, now).await;
    if let Some(value) = cookie::set(&token, state.config.sessions.https) {
        super::web::set_cookie(Some(value));
    }
    leptos_axum::redirect(super::web::landing_for(&current.role));
    Ok(())
}
