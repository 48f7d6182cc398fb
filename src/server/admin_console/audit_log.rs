//! The audit log in the console: filtered, paged, newest first, and a check of the chain.

use std::collections::HashMap;

use chrono::{Days, NaiveTime, Utc};
use sea_orm::{ColumnTrait, Condition, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use super::admin;
use crate::{
    domain::admin::{AUDIT_PAGE_SIZE, AuditQuery, AuditQueryForm},
    error::AppError,
    features::admin::{AuditList, AuditRowView},
    server::{
        audit::{self, Action, Verification},
        entities::{audit_log, user},
        respond::database_error,
    },
};

fn condition(query: &AuditQuery, actor: Option<Uuid>) -> Condition {
    let mut all = Condition::all();
    if let Some(actor) = actor {
        all = all.add(audit_log::Column::ActorId.eq(actor));
    }
    if let Some(action) = &query.action {
        all = all.add(audit_log::Column::Action.eq(action.as_str()));
    }
    if let Some(outcome) = query.outcome {
        all = all.add(audit_log::Column::Outcome.eq(outcome));
    }
    if let Some(from) = query.from {
        all = all.add(audit_log::Column::At.gte(from.and_time(NaiveTime::MIN).and_utc()));
    }
    if let Some(to) = query.to.and_then(|to| to.checked_add_days(Days::new(1))) {
        all = all.add(audit_log::Column::At.lt(to.and_time(NaiveTime::MIN).and_utc()));
    }
    all
}

pub async fn list(form: AuditQueryForm) -> Result<AuditList, AppError> {
    let (state, _) = admin().await?;
    let query = form
        .validate(Utc::now().date_naive(), |name| {
            Action::ALL.iter().any(|action| action.as_str() == name)
        })
        .map_err(|problem| AppError::bad_request(problem.to_string()))?;
    let db = &state.db;
    // An actor is named by username; one that does not exist has done nothing.
    let actor = match &query.actor {
        None => None,
        Some(name) => match user::Entity::find()
            .filter(user::Column::UsernameKey.eq(name.as_str()))
            .one(db)
            .await
            .map_err(database_error)?
        {
            Some(found) => Some(found.id),
            None => {
                return Ok(AuditList {
                    rows: Vec::new(),
                    page: 1,
                    pages: 1,
                    total: 0,
                });
            }
        },
    };
    let pages = audit_log::Entity::find()
        .filter(condition(&query, actor))
        .order_by_desc(audit_log::Column::Id)
        .paginate(db, AUDIT_PAGE_SIZE);
    let total = pages.num_items().await.map_err(database_error)?;
    let rows = pages
        .fetch_page(query.page - 1)
        .await
        .map_err(database_error)?;
    let actor_ids: Vec<Uuid> = rows.iter().filter_map(|row| row.actor_id).collect();
    let names: HashMap<Uuid, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(actor_ids))
        .all(db)
        .await
        .map_err(database_error)?
        .into_iter()
        .map(|account| (account.id, account.username))
        .collect();
    Ok(AuditList {
        rows: rows
            .into_iter()
            .map(|row| AuditRowView {
                id: row.id,
                at: row.at.format("%Y-%m-%d %H:%M:%S UTC").to_string(),
                // Deleted accounts keep their rows; the id is all that is left of them.
                actor: match row.actor_id {
                    None => "operator".to_owned(),
                    Some(id) => names.get(&id).cloned().unwrap_or_else(|| id.to_string()),
                },
                action: row.action,
                target: row.target.unwrap_or_default(),
                outcome: row.outcome,
                reason: row.reason.unwrap_or_default(),
                client_addr: row.client_addr.unwrap_or_default(),
            })
            .collect(),
        page: query.page,
        pages: Ord::max(total.div_ceil(AUDIT_PAGE_SIZE), 1),
        total,
    })
}

/// Walks the whole chain and says whether it holds, or where it first breaks.
pub async fn verify() -> Result<String, AppError> {
    let (state, _) = admin().await?;
    Ok(
        match audit::verify(&state.db).await.map_err(database_error)? {
            Verification::Intact { rows } => {
                format!("The chain is intact: all {rows} rows verify.")
            }
            Verification::BrokenAt { id } => format!(
                "The chain is broken at row {id}: that row or one before it was changed or removed."
            ),
        },
    )
}

/// The actions the filter offers.
pub fn actions() -> Vec<String> {
    Action::ALL.iter().map(|a| a.as_str().to_owned()).collect()
}
