//! Creating an account, for self-service sign-up and for `create-admin` alike: every field
//! validated, nothing written unless all checks pass.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, DatabaseConnection, EntityTrait,
    QueryFilter, SqlErr,
};
use uuid::Uuid;

use crate::{
    domain::{
        account::{DisplayName, Email, FieldError, Username},
        password_policy,
    },
    server::{
        entities::user,
        passwords::{Password, PasswordHasher},
    },
};

/// What a person typed to open an account.
#[derive(Debug)]
pub struct NewAccount {
    pub email: String,
    pub username: String,
    pub display_name: String,
    pub password: Password,
}

#[derive(Debug, thiserror::Error)]
pub enum RegisterError {
    #[error("{0}")]
    Field(#[from] FieldError),
    #[error("The password is not accepted: {0}")]
    Password(String),
    #[error("An account with that email or username already exists.")]
    Taken,
    #[error("The database could not be written: {0}")]
    Database(#[from] sea_orm::DbErr),
    #[error("The password could not be hashed.")]
    Hash,
}

/// Who the account is for and whether its address is already trusted.
pub struct Kind {
    pub role: &'static str,
    pub email_verified: bool,
}

pub async fn register(
    db: &DatabaseConnection,
    hasher: &PasswordHasher,
    input: NewAccount,
    kind: Kind,
    now: DateTime<Utc>,
) -> Result<user::Model, RegisterError> {
    let email = Email::parse(&input.email)?;
    let username = Username::parse(&input.username)?;
    let display_name = DisplayName::parse(&input.display_name)?;
    check_password(input.password.expose(), &email, &username, &display_name)?;

    let existing = user::Entity::find()
        .filter(
            Condition::any()
                .add(user::Column::Email.eq(email.as_str()))
                .add(user::Column::UsernameKey.eq(username.key())),
        )
        .one(db)
        .await?;
    if existing.is_some() {
        return Err(RegisterError::Taken);
    }

    let password_hash = hasher
        .hash(input.password)
        .await
        .map_err(|_| RegisterError::Hash)?;
    let row = user::ActiveModel {
        id: Set(Uuid::now_v7()),
        email: Set(email.as_str().to_owned()),
        username: Set(username.as_str().to_owned()),
        username_key: Set(username.key()),
        display_name: Set(display_name.as_str().to_owned()),
        password_hash: Set(password_hash),
        role: Set(kind.role.to_owned()),
        status: Set(user::status::ACTIVE.to_owned()),
        email_verified_at: Set(kind.email_verified.then_some(now)),
        created_at: Set(now),
        updated_at: Set(now),
        terminate_on: Set(None),
        // The operator vouches for an administrator made at the command line.
        role_granted_at: Set((kind.role == user::role::ADMIN).then_some(now)),
        role_granted_by: Set(None),
        access_reviewed_at: Set(None),
        access_reviewed_by: Set(None),
    };
    row.insert(db).await.map_err(|err| match err.sql_err() {
        // Another request created the same account between the check and the insert.
        Some(SqlErr::UniqueConstraintViolation(_)) => RegisterError::Taken,
        _ => RegisterError::Database(err),
    })
}

/// The written policy, then the checks that go beyond it: not the username, and not easy
/// to guess (zxcvbn score 3 of 4 or better, with the person's own details as context).
pub fn check_password(
    password: &str,
    email: &Email,
    username: &Username,
    display_name: &DisplayName,
) -> Result<(), RegisterError> {
    let failed = password_policy::failed_rules(password);
    if !failed.is_empty() {
        let rules: Vec<&str> = failed.iter().map(|rule| rule.message()).collect();
        return Err(RegisterError::Password(rules.join(" ")));
    }
    if password.to_lowercase() == username.key() {
        return Err(RegisterError::Password(
            "It must not be your username.".into(),
        ));
    }
    let context = [email.as_str(), username.as_str(), display_name.as_str()];
    if u8::from(zxcvbn::zxcvbn(password, &context).score()) < 3 {
        return Err(RegisterError::Password(
            "It is too easy to guess. Use a longer phrase of unrelated words.".into(),
        ));
    }
    Ok(())
}

/// `check_password` for a new password of an existing account, with the account's stored
/// details as context; the answer is an error safe to show.
pub fn check_new_password(
    account: &user::Model,
    password: &str,
) -> Result<(), crate::error::AppError> {
    use crate::error::AppError;
    let fields = (
        Email::parse(&account.email),
        Username::parse(&account.username),
        DisplayName::parse(&account.display_name),
    );
    // Stored details were valid when saved; one that no longer parses (a rule tightened
    // since) leaves nothing to compare against, and the check is skipped.
    let (Ok(email), Ok(username), Ok(name)) = fields else {
        return Ok(());
    };
    check_password(password, &email, &username, &name).map_err(|err| match err {
        RegisterError::Password(_) => AppError::bad_request(err.to_string()),
        _ => AppError::internal(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(password: &str) -> Result<(), RegisterError> {
        let email = Email::parse("ada@example.org").map_err(RegisterError::Field)?;
        let username = Username::parse("Ada_L1!").or_else(|_| Username::parse("ada_l"))?;
        let name = DisplayName::parse("Ada Lovelace")?;
        check_password(password, &email, &username, &name)
    }

    #[test]
    fn common_and_personal_passwords_are_refused() {
        for weak in ["Password1!", "Ada_L1!ada", "Qwerty123!"] {
            assert!(
                matches!(check(weak), Err(RegisterError::Password(_))),
                "{weak}"
            );
        }
    }

    #[test]
    fn a_strong_passphrase_passes() {
        assert!(check("Violet-Harbour-Lantern-42").is_ok());
    }
}
