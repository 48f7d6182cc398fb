//! The access review: every administrator account, who gave it the role and when, its last
//! sign-in and last review, with dormant accounts flagged; marked reviewed one by one, and
//! exported as CSV for the auditor's file.

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder,
};
use uuid::Uuid;

use super::{accounts, admin};
use crate::{
    domain::{admin as rules, csv},
    error::AppError,
    features::admin::AccessRow,
    server::{
        audit::{self, Action, Event, Outcome},
        auth::{self, CurrentUser},
        display,
        entities::user,
        respond::{database_error, record_id},
        state::AppState,
    },
};

/// Every account holding the administrator role, whatever its status.
pub(super) async fn rows(state: &AppState, me: &CurrentUser) -> Result<Vec<AccessRow>, AppError> {
    let db = &state.db;
    let admins = user::Entity::find()
        .filter(user::Column::Role.eq(user::role::ADMIN))
        .order_by_asc(user::Column::UsernameKey)
        .all(db)
        .await
        .map_err(database_error)?;
    let ids: Vec<Uuid> = admins.iter().map(|a| a.id).collect();
    let last = accounts::last_sign_ins(db, ids).await?;
    let people: Vec<Uuid> = admins
        .iter()
        .flat_map(|a| [a.role_granted_by, a.access_reviewed_by])
        .flatten()
        .collect();
    let names: std::collections::HashMap<Uuid, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(people))
        .all(db)
        .await
        .map_err(database_error)?
        .into_iter()
        .map(|u| (u.id, u.username))
        .collect();
    let name = |id: Uuid| names.get(&id).cloned().unwrap_or_else(|| id.to_string());
    let now = Utc::now();
    Ok(admins
        .into_iter()
        .map(|account| {
            let since = account.role_granted_at.unwrap_or(account.created_at);
            let last_sign_in = last.get(&account.id).copied();
            AccessRow {
                id: account.id.to_string(),
                granted_at: display::minute(since),
                granted_by: account
                    .role_granted_by
                    .map(name)
                    .unwrap_or_else(|| "operator".to_owned()),
                last_sign_in: last_sign_in.map(display::minute),
                last_review: account.access_reviewed_at.map(|at| {
                    let by = account.access_reviewed_by.map(name).unwrap_or_default();
                    format!("{} by {by}", display::minute(at))
                }),
                dormant: rules::dormant(last_sign_in, since, now),
                is_you: account.id == me.user_id,
                username: account.username,
                display_name: account.display_name,
                role: account.role,
                status: account.status,
            }
        })
        .collect())
}

pub async fn report() -> Result<Vec<AccessRow>, AppError> {
    let (state, me) = admin().await?;
    rows(&state, &me).await
}

/// Records that the caller reviewed this administrator's access today.
pub async fn mark_reviewed(id: String) -> Result<(), AppError> {
    let (state, me) = admin().await?;
    let target = record_id(&id)?;
    let account = user::Entity::find_by_id(target)
        .one(&state.db)
        .await
        .map_err(database_error)?
        .filter(|account| account.role == user::role::ADMIN)
        .ok_or_else(AppError::not_found)?;
    let now = Utc::now();
    let mut active = account.into_active_model();
    active.access_reviewed_at = Set(Some(now));
    active.access_reviewed_by = Set(Some(me.user_id));
    active.update(&state.db).await.map_err(database_error)?;
    let event = Event {
        actor: Some(me.user_id),
        action: Action::AccessReviewed,
        target: Some(format!("user:{target}")),
        client_addr: auth::client_addr(),
        outcome: Outcome::Success,
        reason: None,
    };
    audit::record_or_log(&state.db, event, now).await;
    Ok(())
}

/// The review as CSV, one line per administrator, with a header line.
pub fn to_csv(rows: &[AccessRow]) -> String {
    let mut out = csv::line(&[
        "username",
        "display name",
        "role",
        "status",
        "granted at",
        "granted by",
        "last sign-in",
        "last review",
        "dormant 90 days",
    ]);
    for row in rows {
        out.push_str(&csv::line(&[
            row.username.as_str(),
            &row.display_name,
            &row.role,
            &row.status,
            &row.granted_at,
            &row.granted_by,
            row.last_sign_in.as_deref().unwrap_or("never"),
            row.last_review.as_deref().unwrap_or("never"),
            if row.dormant { "yes" } else { "no" },
        ]));
    }
    out
}
