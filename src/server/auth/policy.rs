//! The one place that decides who may do what. Every server function and route asks here,
//! with the user taken from the session, never from its arguments.

use super::CurrentUser;
use crate::server::entities::user::role;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    /// See and change one's own account, sessions and records.
    OwnAccount,
    /// Enrol the second factor: all an administrator without one may do.
    SecondFactorSetup,
    /// Use the administrator console.
    AdminConsole,
}

pub fn allows(user: &CurrentUser, permission: Permission) -> bool {
    // Half a sign-in grants nothing but the second-factor step itself.
    if user.awaiting_second_factor {
        return false;
    }
    match permission {
        // An administrator's account is worth more to an attacker: nothing until the second
        // factor is enrolled and shown in this session.
        Permission::OwnAccount => user.role != role::ADMIN || user.second_factor_done,
        Permission::SecondFactorSetup => true,
        // Administrators reach the console only after their second factor in this session.
        Permission::AdminConsole => user.role == role::ADMIN && user.second_factor_done,
    }
}

/// An administrator who must enrol (or show) the second factor before anything else.
pub fn second_factor_owed(user: &CurrentUser) -> bool {
    user.role == role::ADMIN && !user.second_factor_done
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(role: &str, second_factor_done: bool, awaiting: bool) -> CurrentUser {
        CurrentUser {
            user_id: uuid::Uuid::nil(),
            session_id: uuid::Uuid::nil(),
            role: role.to_owned(),
            display_name: String::new(),
            second_factor_done,
            awaiting_second_factor: awaiting,
        }
    }

    #[test]
    fn an_admin_without_a_second_factor_may_only_enrol() {
        let admin = user(role::ADMIN, false, false);
        assert!(allows(&admin, Permission::SecondFactorSetup));
        assert!(!allows(&admin, Permission::OwnAccount));
        assert!(!allows(&admin, Permission::AdminConsole));
        assert!(second_factor_owed(&admin));
        let enrolled = user(role::ADMIN, true, false);
        assert!(allows(&enrolled, Permission::OwnAccount));
        assert!(allows(&enrolled, Permission::AdminConsole));
    }

    #[test]
    fn a_clinician_never_reaches_the_console() {
        let clinician = user(role::CLINICIAN, true, false);
        assert!(allows(&clinician, Permission::OwnAccount));
        assert!(!allows(&clinician, Permission::AdminConsole));
        assert!(!second_factor_owed(&user(role::CLINICIAN, false, false)));
    }

    #[test]
    fn half_a_sign_in_grants_nothing() {
        for permission in [
            Permission::OwnAccount,
            Permission::SecondFactorSetup,
            Permission::AdminConsole,
        ] {
            assert!(!allows(&user(role::CLINICIAN, false, true), permission));
        }
    }
}
