//! Creating administrator accounts from the command line.

use chrono::Utc;
use sea_orm::DatabaseConnection;

use super::{
    accounts::register::{self, Kind, NewAccount, RegisterError},
    audit::{self, Action, Event, Outcome},
    entities::user,
    passwords::PasswordHasher,
};

/// Inserts one active administrator whose address the operator vouches for, and audits it.
pub async fn create_admin(
    db: &DatabaseConnection,
    hasher: &PasswordHasher,
    input: NewAccount,
) -> Result<user::Model, RegisterError> {
    let now = Utc::now();
    let kind = Kind {
        role: user::role::ADMIN,
        email_verified: true,
    };
    let admin = register::register(db, hasher, input, kind, now).await?;
    let event = Event {
        actor: None,
        action: Action::AdminCreated,
        target: Some(format!("user:{}", admin.id)),
        client_addr: None,
        outcome: Outcome::Success,
    };
    audit::record(db, event, now).await?;
    Ok(admin)
}
