//! The administrator console's services. Every one starts with `admin()`: the session must
//! belong to an administrator who showed the second factor in this session.

pub mod access_review;
pub mod account_detail;
pub mod accounts;
pub mod announcements;
pub mod audit_log;
pub mod catalog;
pub mod documents;
pub mod exports;
pub mod lifecycle;
pub mod roles;
pub mod status;

use crate::{
    error::{AppError, ErrorCode},
    server::{
        auth::{self, CurrentUser, Permission},
        entities::user::role,
        state::AppState,
    },
};

/// The signed-in administrator. Anyone else learns nothing: not even that the console
/// exists (not found), except an administrator who still owes the second factor, who is
/// told to give it.
pub(crate) async fn admin() -> Result<(AppState, CurrentUser), AppError> {
    let state = AppState::from_context()?;
    let user = auth::current_user(&state)
        .await?
        .ok_or_else(AppError::unauthenticated)?;
    if auth::policy::allows(&user, Permission::AdminConsole) {
        return Ok((state, user));
    }
    tracing::warn!(target: "security", event = "permission_denied", permission = "admin_console");
    if user.role == role::ADMIN && !user.awaiting_second_factor {
        return Err(AppError::new(
            ErrorCode::Forbidden,
            "Set up or give your two-factor code before using the console.",
        ));
    }
    Err(AppError::not_found())
}
