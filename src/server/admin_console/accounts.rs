//! Accounts in the console: search, and suspension with a reason that takes effect at once.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait,
    ActiveValue::Set,
    ColumnTrait, Condition, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, TransactionTrait,
    sea_query::{Expr, ExprTrait, Func, LikeExpr},
};
use uuid::Uuid;

use super::admin;
use crate::{
    domain::admin::{self as rules, AccountQuery, AccountQueryForm, PAGE_SIZE},
    error::AppError,
    features::admin::{AccountList, AccountRow},
    server::{
        audit::{self, Action, Event, Outcome},
        auth::{self, sessions},
        entities::{audit_log, credential, session, totp_factor, user},
        respond::database_error,
    },
};

/// `%` and `_` typed by the administrator are matched literally.
fn contains(words: &str) -> LikeExpr {
    let escaped = words
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    LikeExpr::new(format!("%{escaped}%")).escape('\\')
}

fn condition(query: &AccountQuery) -> Condition {
    let mut all = Condition::all();
    if let Some(words) = &query.words {
        let name = Expr::expr(Func::lower(Expr::col((
            user::Entity,
            user::Column::DisplayName,
        ))));
        all = all.add(
            Condition::any()
                .add(name.like(contains(words)))
                .add(Expr::col((user::Entity, user::Column::Email)).like(contains(words)))
                .add(Expr::col((user::Entity, user::Column::UsernameKey)).like(contains(words))),
        );
    }
    if let Some(status) = query.status {
        all = all.add(user::Column::Status.eq(status));
    }
    if let Some(role) = query.role {
        all = all.add(user::Column::Role.eq(role));
    }
    all
}

pub async fn search(form: AccountQueryForm) -> Result<AccountList, AppError> {
    let (state, me) = admin().await?;
    let query = form
        .validate()
        .map_err(|problem| AppError::bad_request(problem.to_string()))?;
    let db = &state.db;
    let pages = user::Entity::find()
        .filter(condition(&query))
        .order_by_asc(user::Column::UsernameKey)
        .paginate(db, PAGE_SIZE);
    let total = pages.num_items().await.map_err(database_error)?;
    let users = pages
        .fetch_page(query.page - 1)
        .await
        .map_err(database_error)?;
    let ids: Vec<Uuid> = users.iter().map(|u| u.id).collect();
    let now = Utc::now();

    let enrolled: Vec<Uuid> = totp_factor::Entity::find()
        .filter(totp_factor::Column::UserId.is_in(ids.clone()))
        .filter(totp_factor::Column::EnabledAt.is_not_null())
        .all(db)
        .await
        .map_err(database_error)?
        .into_iter()
        .map(|factor| factor.user_id)
        .collect();
    let mut live_sessions: HashMap<Uuid, u64> = HashMap::new();
    for row in session::Entity::find()
        .filter(session::Column::UserId.is_in(ids.clone()))
        .filter(session::Column::ExpiresAt.gt(now))
        .all(db)
        .await
        .map_err(database_error)?
    {
        *live_sessions.entry(row.user_id).or_default() += 1;
    }
    let mut credentials: HashMap<Uuid, u64> = HashMap::new();
    for row in credential::Entity::find()
        .select_only()
        .column(credential::Column::UserId)
        .filter(credential::Column::UserId.is_in(ids.clone()))
        .filter(credential::Column::ArchivedAt.is_null())
        .into_tuple::<Uuid>()
        .all(db)
        .await
        .map_err(database_error)?
    {
        *credentials.entry(row).or_default() += 1;
    }
    let last_sign_in: HashMap<Uuid, DateTime<Utc>> = audit_log::Entity::find()
        .select_only()
        .column(audit_log::Column::ActorId)
        .column_as(audit_log::Column::At.max(), "last")
        .filter(audit_log::Column::Action.eq(Action::SignIn.as_str()))
        .filter(audit_log::Column::Outcome.eq("success"))
        .filter(audit_log::Column::ActorId.is_in(ids.clone()))
        .group_by(audit_log::Column::ActorId)
        .into_tuple::<(Option<Uuid>, Option<DateTime<Utc>>)>()
        .all(db)
        .await
        .map_err(database_error)?
        .into_iter()
        .filter_map(|(id, at)| Some((id?, at?)))
        .collect();

    let accounts = users
        .into_iter()
        .map(|account| AccountRow {
            id: account.id.to_string(),
            two_factor: enrolled.contains(&account.id),
            last_sign_in: last_sign_in
                .get(&account.id)
                .map(|at| at.format("%Y-%m-%d %H:%M UTC").to_string()),
            active_sessions: live_sessions.get(&account.id).copied().unwrap_or_default(),
            credentials: credentials.get(&account.id).copied().unwrap_or_default(),
            is_you: account.id == me.user_id,
            username: account.username,
            display_name: account.display_name,
            email: account.email,
            role: account.role,
            status: account.status,
        })
        .collect();
    Ok(AccountList {
        accounts,
        page: query.page,
        pages: Ord::max(total.div_ceil(PAGE_SIZE), 1),
        total,
    })
}

/// Suspends (`suspend`) or reactivates (`reactivate`) an account. Suspension ends every
/// session of the account in the same transaction, so its very next request is refused.
pub async fn set_status(id: String, change: String, reason: String) -> Result<(), AppError> {
    let (state, me) = admin().await?;
    let target = Uuid::parse_str(id.trim()).map_err(|_| AppError::not_found())?;
    let (status, action) = match change.trim() {
        "suspend" => (user::status::SUSPENDED, Action::AccountSuspended),
        "reactivate" => (user::status::ACTIVE, Action::AccountReactivated),
        _ => return Err(AppError::bad_request("Choose suspend or reactivate.")),
    };
    let reason =
        rules::reason(&reason).map_err(|problem| AppError::bad_request(problem.to_string()))?;
    if target == me.user_id {
        return Err(AppError::bad_request(
            "You cannot suspend or reactivate your own account; ask another administrator.",
        ));
    }
    let now = Utc::now();
    let txn = state.db.begin().await.map_err(database_error)?;
    let account = user::Entity::find_by_id(target)
        .one(&txn)
        .await
        .map_err(database_error)?
        .ok_or_else(AppError::not_found)?;
    if account.status == status {
        return Err(AppError::bad_request(
            if status == user::status::SUSPENDED {
                "This account is already suspended."
            } else {
                "This account is already active."
            },
        ));
    }
    let mut active = account.into_active_model();
    active.status = Set(status.to_owned());
    active.updated_at = Set(now);
    active.update(&txn).await.map_err(database_error)?;
    if status == user::status::SUSPENDED {
        sessions::end_all(&txn, target, None)
            .await
            .map_err(database_error)?;
    }
    txn.commit().await.map_err(database_error)?;
    let event = Event {
        actor: Some(me.user_id),
        action,
        target: Some(format!("user:{target}")),
        client_addr: auth::client_addr(),
        outcome: Outcome::Success,
        reason: Some(reason),
    };
    // The change stands even if the audit write fails; that failure is logged loudly.
    audit::record_or_log(&state.db, event, now).await;
    Ok(())
}
