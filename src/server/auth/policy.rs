//! The one place that decides who may do what. Every server function and route asks here,
//! with the user taken from the session, never from its arguments.

use super::CurrentUser;
use crate::server::entities::user::role;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    /// See and change one's own account, sessions and records.
    OwnAccount,
    /// Use the administrator console.
    AdminConsole,
}

pub fn allows(user: &CurrentUser, permission: Permission) -> bool {
    // Half a sign-in grants nothing but the second-factor step itself.
    if user.awaiting_second_factor {
        return false;
    }
    match permission {
        Permission::OwnAccount => true,
        // Administrators reach the console only after their second factor in this session.
        Permission::AdminConsole => user.role == role::ADMIN && user.second_factor_done,
    }
}
