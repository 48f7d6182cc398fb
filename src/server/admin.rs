//! Creating administrator accounts from the command line.

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, DatabaseConnection, EntityTrait,
    QueryFilter, SqlErr,
};
use uuid::Uuid;

use super::{
    entities::user,
    passwords::{Password, PasswordHasher},
};
use crate::domain::{
    account::{DisplayName, Email, FieldError, Username},
    password_policy,
};

/// What an operator typed to create an administrator.
#[derive(Debug)]
pub struct NewAdmin {
    pub email: String,
    pub username: String,
    pub display_name: String,
    pub password: Password,
}

#[derive(Debug, thiserror::Error)]
pub enum CreateAdminError {
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

/// Validates every field, then inserts one active, verified administrator. Nothing is
/// written unless every check passes.
pub async fn create_admin(
    db: &DatabaseConnection,
    hasher: &PasswordHasher,
    input: NewAdmin,
) -> Result<user::Model, CreateAdminError> {
    let email = Email::parse(&input.email)?;
    let username = Username::parse(&input.username)?;
    let display_name = DisplayName::parse(&input.display_name)?;
    let failed = password_policy::failed_rules(input.password.expose());
    if !failed.is_empty() {
        let rules: Vec<&str> = failed.iter().map(|rule| rule.message()).collect();
        return Err(CreateAdminError::Password(rules.join(" ")));
    }

    let existing = user::Entity::find()
        .filter(
            Condition::any()
                .add(user::Column::Email.eq(email.as_str()))
                .add(user::Column::UsernameKey.eq(username.key())),
        )
        .one(db)
        .await?;
    if existing.is_some() {
        return Err(CreateAdminError::Taken);
    }

    let password_hash = hasher
        .hash(input.password)
        .await
        .map_err(|_| CreateAdminError::Hash)?;
    let now = Utc::now();
    let row = user::ActiveModel {
        id: Set(Uuid::now_v7()),
        email: Set(email.as_str().to_owned()),
        username: Set(username.as_str().to_owned()),
        username_key: Set(username.key()),
        display_name: Set(display_name.as_str().to_owned()),
        password_hash: Set(password_hash),
        role: Set(user::role::ADMIN.to_owned()),
        status: Set(user::status::ACTIVE.to_owned()),
        // The operator creating the account vouches for the address.
        email_verified_at: Set(Some(now)),
        created_at: Set(now),
        updated_at: Set(now),
    };
    row.insert(db).await.map_err(|err| match err.sql_err() {
        // Another process created the same account between the check and the insert.
        Some(SqlErr::UniqueConstraintViolation(_)) => CreateAdminError::Taken,
        _ => CreateAdminError::Database(err),
    })
}
