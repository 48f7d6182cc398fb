//! The server side of the account server functions: request details in, one service call,
//! safe errors out.

use axum::http::{HeaderValue, header, request::Parts};
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos_axum::ResponseOptions;
use uuid::Uuid;

use super::{
    register::{self, Kind, NewAccount, RegisterError},
    signin::{self, Attempt, SignInError},
};
use crate::{
    error::{AppError, ErrorCode},
    features::accounts::SessionView,
    server::{
        audit::{self, Action, Event, Outcome},
        auth::{self, Permission, cookie, sessions},
        display,
        entities::user,
        passwords::Password,
        state::AppState,
    },
};

/// Where a signed-in person starts: clinicians on their dashboard; administrators on the
/// account page, where an administrator without a second factor must enrol one.
pub(super) fn landing_for(role: &str) -> &'static str {
    if role == user::role::ADMIN {
        "/account"
    } else {
        "/dashboard"
    }
}

pub(super) use crate::server::respond::database_error;

pub(super) fn user_agent() -> String {
    use_context::<Parts>()
        .and_then(|parts| {
            parts
                .headers
                .get(header::USER_AGENT)?
                .to_str()
                .ok()
                .map(str::to_owned)
        })
        .unwrap_or_default()
}

pub(super) fn set_cookie(value: Option<HeaderValue>) {
    if let (Some(response), Some(value)) = (use_context::<ResponseOptions>(), value) {
        response.append_header(header::SET_COOKIE, value);
    }
}

fn event(actor: Uuid, action: Action, target: Option<String>) -> Event {
    Event {
        actor: Some(actor),
        action,
        target,
        client_addr: auth::client_addr(),
        outcome: Outcome::Success,
        reason: None,
    }
}

pub async fn sign_up(
    email: String,
    username: String,
    display_name: String,
    password: String,
) -> Result<(), AppError> {
    let state = AppState::from_context()?;
    let now = Utc::now();
    let input = NewAccount {
        email,
        username,
        display_name,
        password: Password::new(&password),
    };
    let kind = Kind {
        role: user::role::CLINICIAN,
        email_verified: false,
    };
    let user = register::register(&state.db, &state.passwords, input, kind, now)
        .await
        .map_err(|err| match err {
            RegisterError::Field(field) => AppError::bad_request(field.to_string()),
            RegisterError::Password(_) => AppError::bad_request(err.to_string()),
            RegisterError::Taken => AppError::new(ErrorCode::AccountExists, err.to_string()),
            RegisterError::Database(db) => database_error(db),
            RegisterError::Hash => AppError::internal(),
        })?;
    audit::record_or_log(&state.db, event(user.id, Action::SignUp, None), now).await;
    super::email_web::send_verification(&state, &user, now).await?;
    start_session(&state, user.id, now).await?;
    // The empty dashboard walks a newcomer to their first licence.
    leptos_axum::redirect(landing_for(&user.role));
    Ok(())
}

async fn start_session(
    state: &AppState,
    user_id: Uuid,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let (session, token) = sessions::start(
        &state.db,
        user_id,
        sessions::SecondFactor::NotEnrolled,
        &user_agent(),
        &state.config.sessions,
        now,
    )
    .await
    .map_err(database_error)?;
    let target = Some(format!("session:{}", session.id));
    audit::record_or_log(&state.db, event(user_id, Action::SignIn, target), now).await;
    set_cookie(cookie::set(&token, state.config.sessions.https));
    Ok(())
}

pub async fn sign_in(login: String, password: String) -> Result<(), AppError> {
    let state = AppState::from_context()?;
    let attempt = Attempt {
        login,
        password: Password::new(&password),
        user_agent: user_agent(),
        client_addr: auth::client_addr(),
    };
    let config = &state.config.sessions;
    match signin::sign_in(&state.db, &state.passwords, config, attempt, Utc::now()).await {
        Ok(signed_in) => {
            set_cookie(cookie::set(&signed_in.token, config.https));
            leptos_axum::redirect(if signed_in.session.awaiting_second_factor {
                "/signin/two-factor"
            } else {
                landing_for(&signed_in.user.role)
            });
            Ok(())
        }
        Err(SignInError::Invalid) => Err(AppError::new(
            ErrorCode::InvalidCredentials,
            "That email or username and password do not match an account.",
        )),
        Err(SignInError::Throttled { minutes }) => {
            Err(super::throttle::locked_error("failed sign-ins", minutes))
        }
        Err(SignInError::Inactive) => Err(AppError::new(
            ErrorCode::Forbidden,
            "This account is suspended. Contact your administrator.",
        )),
        Err(SignInError::Database(err)) => Err(database_error(err)),
    }
}

pub async fn sign_out() -> Result<(), AppError> {
    let state = AppState::from_context()?;
    if let Some(user) = auth::current_user(&state).await? {
        sessions::end(&state.db, user.user_id, user.session_id)
            .await
            .map_err(database_error)?;
        let target = Some(format!("session:{}", user.session_id));
        audit::record_or_log(
            &state.db,
            event(user.user_id, Action::SignOut, target),
            Utc::now(),
        )
        .await;
    }
    set_cookie(Some(cookie::clear(state.config.sessions.https)));
    leptos_axum::redirect("/");
    Ok(())
}

pub async fn my_sessions() -> Result<Vec<SessionView>, AppError> {
    let state = AppState::from_context()?;
    let user = auth::require(&state, Permission::OwnAccount).await?;
    let rows = sessions::list(&state.db, user.user_id)
        .await
        .map_err(database_error)?;
    Ok(rows
        .into_iter()
        .map(|row| SessionView {
            id: row.id.to_string(),
            device: row.device,
            signed_in: display::minute(row.created_at),
            last_seen: display::minute(row.last_seen_at),
            current: row.id == user.session_id,
        })
        .collect())
}

pub async fn revoke_session(id: String) -> Result<(), AppError> {
    let state = AppState::from_context()?;
    let user = auth::require(&state, Permission::OwnAccount).await?;
    // A malformed id and another user's session both answer "not found".
    let session_id = Uuid::parse_str(id.trim()).map_err(|_| AppError::not_found())?;
    if !sessions::end(&state.db, user.user_id, session_id)
        .await
        .map_err(database_error)?
    {
        return Err(AppError::not_found());
    }
    let target = Some(format!("session:{session_id}"));
    audit::record_or_log(
        &state.db,
        event(user.user_id, Action::SessionRevoked, target),
        Utc::now(),
    )
    .await;
    Ok(())
}

pub async fn revoke_other_sessions() -> Result<u64, AppError> {
    let state = AppState::from_context()?;
    let user = auth::require(&state, Permission::OwnAccount).await?;
    let ended = sessions::end_all(&state.db, user.user_id, Some(user.session_id))
        .await
        .map_err(database_error)?;
    audit::record_or_log(
        &state.db,
        event(user.user_id, Action::OtherSessionsRevoked, None),
        Utc::now(),
    )
    .await;
    Ok(ended)
}
