//! Administrator accounts from the command line: creating them, and granting or removing
//! the role.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait,
    DatabaseConnection, DbErr, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter,
    TransactionTrait,
};
use uuid::Uuid;

use super::{
    accounts::register::{self, Kind, NewAccount, RegisterError},
    audit::{self, Action, Event, Outcome},
    auth::{self, sessions},
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
        reason: None,
    };
    audit::record(db, event, now).await?;
    Ok(admin)
}

#[derive(Debug, thiserror::Error)]
pub enum RoleError {
    #[error("the role must be clinician or admin")]
    UnknownRole,
    #[error("no account has that email address or username")]
    NoSuchAccount,
    #[error("the account already has that role; nothing changed")]
    Unchanged,
    #[error("this is the last administrator; make another administrator first")]
    LastAdmin,
    #[error("the database could not be written: {0}")]
    Database(#[from] DbErr),
}

/// Gives `account` the role `role` and ends all its sessions, so the change holds from its
/// very next request. The last administrator cannot be demoted. `actor` is the administrator
/// who asked, or `None` for the operator at the command line; the console requires a reason.
pub async fn set_role(
    db: &DatabaseConnection,
    account: user::Model,
    role: &str,
    actor: Option<Uuid>,
    reason: Option<String>,
    now: DateTime<Utc>,
) -> Result<user::Model, RoleError> {
    if ![user::role::CLINICIAN, user::role::ADMIN].contains(&role) {
        return Err(RoleError::UnknownRole);
    }
    if account.role == role {
        return Err(RoleError::Unchanged);
    }
    let txn = db.begin_with_options(crate::server::db::WRITE).await?;
    if account.role == user::role::ADMIN && usable_admins(&txn, now).await? <= 1 {
        return Err(RoleError::LastAdmin);
    }
    let user_id = account.id;
    let mut active = account.into_active_model();
    active.role = Set(role.to_owned());
    active.updated_at = Set(now);
    let granted = role == user::role::ADMIN;
    active.role_granted_at = Set(granted.then_some(now));
    active.role_granted_by = Set(actor.filter(|_| granted));
    active.access_reviewed_at = Set(None);
    active.access_reviewed_by = Set(None);
    let updated = active.update(&txn).await?;
    sessions::end_all(&txn, user_id, None).await?;
    txn.commit().await?;
    let event = Event {
        actor,
        action: Action::RoleChanged,
        target: Some(format!("user:{user_id}")),
        client_addr: auth::client_addr(),
        outcome: Outcome::Success,
        reason,
    };
    audit::record(db, event, now).await?;
    Ok(updated)
}

/// Administrators who can still act today: active and not past a planned end.
pub async fn usable_admins(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<u64, DbErr> {
    user::Entity::find()
        .filter(user::Column::Role.eq(user::role::ADMIN))
        .filter(user::Column::Status.eq(user::status::ACTIVE))
        .filter(
            Condition::any()
                .add(user::Column::TerminateOn.is_null())
                .add(user::Column::TerminateOn.gt(now.date_naive())),
        )
        .count(db)
        .await
}
