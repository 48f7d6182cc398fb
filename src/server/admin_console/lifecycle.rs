//! Suspension, reactivation and termination of accounts: each needs a reason, takes effect
//! at once (every session of the account ends in the same transaction) and is audited.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr,
    EntityTrait, IntoActiveModel, QueryFilter, TransactionTrait,
};
use uuid::Uuid;

use super::admin;
use crate::{
    domain::admin as rules,
    error::AppError,
    server::{
        admin::usable_admins,
        audit::{self, Action, Event, Outcome},
        auth::{self, sessions},
        entities::user,
        respond::{database_error, record_id},
    },
};

fn refused(problem: crate::domain::workspace::fields::FieldProblem) -> AppError {
    AppError::bad_request(problem.to_string())
}

/// The account another administrator acts on; never the caller's own.
fn target(id: &str, me: Uuid, verb: &str) -> Result<Uuid, AppError> {
    let target = record_id(id)?;
    if target == me {
        return Err(AppError::bad_request(format!(
            "You cannot {verb} your own account; ask another administrator."
        )));
    }
    Ok(target)
}

async fn account(db: &impl ConnectionTrait, id: Uuid) -> Result<user::Model, AppError> {
    user::Entity::find_by_id(id)
        .one(db)
        .await
        .map_err(database_error)?
        .ok_or_else(AppError::not_found)
}

/// Sets the account's status (and planned end) and, unless it stays usable, ends its
/// sessions, all in one transaction.
async fn change(
    db: &impl ConnectionTrait,
    account: user::Model,
    status: &str,
    terminate_on: Option<NaiveDate>,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let id = account.id;
    let mut active = account.into_active_model();
    active.status = Set(status.to_owned());
    active.terminate_on = Set(terminate_on);
    active.updated_at = Set(now);
    let updated = active.update(db).await?;
    if !updated.is_usable(now.date_naive()) {
        sessions::end_all(db, id, None).await?;
    }
    Ok(())
}

async fn audited(
    state_db: &DatabaseConnection,
    me: Uuid,
    action: Action,
    id: Uuid,
    reason: String,
) {
    let event = Event {
        actor: Some(me),
        action,
        target: Some(format!("user:{id}")),
        client_addr: auth::client_addr(),
        outcome: Outcome::Success,
        reason: Some(reason),
    };
    // The change stands even if the audit write fails; that failure is logged loudly.
    audit::record_or_log(state_db, event, Utc::now()).await;
}

/// Suspends (`suspend`) or reactivates (`reactivate`) an account. Reactivation also lifts
/// a termination, planned or done.
pub async fn set_status(id: String, change_to: String, reason: String) -> Result<(), AppError> {
    let (state, me) = admin().await?;
    let (status, action) = match change_to.trim() {
        "suspend" => (user::status::SUSPENDED, Action::AccountSuspended),
        "reactivate" => (user::status::ACTIVE, Action::AccountReactivated),
        _ => return Err(AppError::bad_request("Choose suspend or reactivate.")),
    };
    let reason = rules::reason(&reason).map_err(refused)?;
    let target = target(&id, me.user_id, change_to.trim())?;
    let now = Utc::now();
    let txn = state
        .db
        .begin_with_options(crate::server::db::WRITE)
        .await
        .map_err(database_error)?;
    let account = account(&txn, target).await?;
    let unchanged = account.status == status
        && (status == user::status::SUSPENDED || account.terminate_on.is_none());
    if unchanged {
        return Err(AppError::bad_request(
            if status == user::status::SUSPENDED {
                "This account is already suspended."
            } else {
                "This account is already active."
            },
        ));
    }
    if status == user::status::SUSPENDED && account.status == user::status::TERMINATED {
        return Err(AppError::bad_request(
            "This account is terminated; reactivate it first if it should be suspended instead.",
        ));
    }
    // Suspension keeps a planned end; reactivation lifts it.
    let end = account
        .terminate_on
        .filter(|_| status == user::status::SUSPENDED);
    change(&txn, account, status, end, now)
        .await
        .map_err(database_error)?;
    txn.commit().await.map_err(database_error)?;
    audited(&state.db, me.user_id, action, target, reason).await;
    Ok(())
}

/// Terminates an account on `on`: today ends it at once, a later day plans its end (the
/// account keeps working until that day begins, UTC).
pub async fn terminate(id: String, on: String, reason: String) -> Result<(), AppError> {
    let (state, me) = admin().await?;
    let now = Utc::now();
    let on = rules::end_date(&on, now.date_naive()).map_err(refused)?;
    let reason = rules::reason(&reason).map_err(refused)?;
    let target = target(&id, me.user_id, "terminate")?;
    let txn = state
        .db
        .begin_with_options(crate::server::db::WRITE)
        .await
        .map_err(database_error)?;
    let account = account(&txn, target).await?;
    if account.status == user::status::TERMINATED {
        return Err(AppError::bad_request("This account is already terminated."));
    }
    if account.role == user::role::ADMIN
        && account.is_usable(now.date_naive())
        && usable_admins(&txn, now).await.map_err(database_error)? <= 1
    {
        return Err(AppError::bad_request(
            "This is the last administrator; make another administrator first.",
        ));
    }
    let at_once = on <= now.date_naive();
    let status = if at_once {
        user::status::TERMINATED.to_owned()
    } else {
        account.status.clone()
    };
    change(&txn, account, &status, Some(on), now)
        .await
        .map_err(database_error)?;
    txn.commit().await.map_err(database_error)?;
    let action = if at_once {
        Action::AccountTerminated
    } else {
        Action::AccountTerminationPlanned
    };
    audited(
        &state.db,
        me.user_id,
        action,
        target,
        format!("{reason} (ends {on})"),
    )
    .await;
    Ok(())
}

/// Marks accounts whose planned end has come as terminated and ends their sessions. Until
/// this runs, sign-in and sessions already refuse them (see `user::Model::is_usable`); the
/// sweep makes the stored status say so too, for searches and the access review.
pub async fn sweep(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<usize, DbErr> {
    let due = user::Entity::find()
        .filter(user::Column::TerminateOn.lte(now.date_naive()))
        .filter(user::Column::Status.ne(user::status::TERMINATED))
        .all(db)
        .await?;
    let count = due.len();
    for account in due {
        let id = account.id;
        let end = account.terminate_on;
        let txn = db.begin_with_options(crate::server::db::WRITE).await?;
        change(&txn, account, user::status::TERMINATED, end, now).await?;
        txn.commit().await?;
        let event = Event {
            actor: None,
            action: Action::AccountTerminated,
            target: Some(format!("user:{id}")),
            client_addr: None,
            outcome: Outcome::Success,
            reason: Some("the planned end date was reached".to_owned()),
        };
        audit::record_or_log(db, event, now).await;
    }
    Ok(count)
}
