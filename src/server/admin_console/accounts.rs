//! Accounts in the console: search, and the facts each account row shows.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect,
    sea_query::{Expr, ExprTrait, Func, LikeExpr},
};
use uuid::Uuid;

use super::admin;
use crate::{
    domain::admin::{AccountQuery, AccountQueryForm, PAGE_SIZE},
    error::AppError,
    features::admin::{AccountList, AccountRow},
    server::{
        audit::Action,
        display,
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
    let accounts = rows(db, users, me.user_id).await?;
    Ok(AccountList {
        accounts,
        page: query.page,
        pages: Ord::max(total.div_ceil(PAGE_SIZE), 1),
        total,
    })
}

/// Console rows for `users`: their state plus second factor, live sessions, credentials
/// and last sign-in, each read for all of them in one query.
pub(super) async fn rows(
    db: &DatabaseConnection,
    users: Vec<user::Model>,
    me: Uuid,
) -> Result<Vec<AccountRow>, AppError> {
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
    let last_sign_in = last_sign_ins(db, ids).await?;

    Ok(users
        .into_iter()
        .map(|account| AccountRow {
            id: account.id.to_string(),
            two_factor: enrolled.contains(&account.id),
            last_sign_in: last_sign_in.get(&account.id).copied().map(display::minute),
            active_sessions: live_sessions.get(&account.id).copied().unwrap_or_default(),
            credentials: credentials.get(&account.id).copied().unwrap_or_default(),
            is_you: account.id == me,
            username: account.username,
            display_name: account.display_name,
            email: account.email,
            role: account.role,
            status: account.status,
        })
        .collect())
}

/// The time of each account's latest successful sign-in, from the audit log.
pub(super) async fn last_sign_ins(
    db: &DatabaseConnection,
    ids: Vec<Uuid>,
) -> Result<HashMap<Uuid, DateTime<Utc>>, AppError> {
    Ok(audit_log::Entity::find()
        .select_only()
        .column(audit_log::Column::ActorId)
        .column_as(audit_log::Column::At.max(), "last")
        .filter(audit_log::Column::Action.eq(Action::SignIn.as_str()))
        .filter(audit_log::Column::Outcome.eq("success"))
        .filter(audit_log::Column::ActorId.is_in(ids))
        .group_by(audit_log::Column::ActorId)
        .into_tuple::<(Option<Uuid>, Option<DateTime<Utc>>)>()
        .all(db)
        .await
        .map_err(database_error)?
        .into_iter()
        .filter_map(|(id, at)| Some((id?, at?)))
        .collect())
}
