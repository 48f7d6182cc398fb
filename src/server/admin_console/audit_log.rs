//! The audit log in the console: filtered, paged, newest first, exported as CSV, and a
//! check of the chain.

use std::collections::HashMap;

use chrono::{Days, NaiveTime, Utc};
use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use uuid::Uuid;

use super::admin;
use crate::{
    domain::{
        admin::{AUDIT_PAGE_SIZE, AuditQuery, AuditQueryForm},
        csv,
    },
    error::AppError,
    features::admin::{AuditList, AuditRowView},
    server::{
        audit::{self, Action, Event, Outcome, Verification},
        auth,
        entities::{audit_log, user},
        respond::database_error,
    },
};

fn condition(query: &AuditQuery, actor: Option<Uuid>, target: Option<String>) -> Condition {
    let mut all = Condition::all();
    if let Some(target) = target {
        all = all.add(audit_log::Column::Target.eq(target));
    }
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

/// A checked search as a condition on audit rows; `None` when it names an actor or target
/// account that does not exist, which has done nothing and had nothing done to it.
async fn search(
    db: &DatabaseConnection,
    form: AuditQueryForm,
) -> Result<Option<Condition>, AppError> {
    let query = form
        .validate(Utc::now().date_naive(), |name| {
            Action::ALL.iter().any(|action| action.as_str() == name)
        })
        .map_err(|problem| AppError::bad_request(problem.to_string()))?;
    let user_id = |name: String| async move {
        user::Entity::find()
            .filter(user::Column::UsernameKey.eq(name.to_lowercase()))
            .one(db)
            .await
            .map(|found| found.map(|account| account.id))
            .map_err(database_error)
    };
    // An actor is named by username.
    let actor = match query.actor.clone() {
        None => None,
        Some(name) => match user_id(name).await? {
            Some(id) => Some(id),
            None => return Ok(None),
        },
    };
    // A target is a username, or a target as the log writes it (`user:<id>`).
    let target = match query.target.clone() {
        None => None,
        Some(text) => Some(match user_id(text.clone()).await? {
            Some(id) => format!("user:{id}"),
            None => text,
        }),
    };
    Ok(Some(condition(&query, actor, target)))
}

/// Audit rows as the console shows them, with actors named by username.
async fn views(
    db: &DatabaseConnection,
    rows: Vec<audit_log::Model>,
) -> Result<Vec<AuditRowView>, AppError> {
    let actor_ids: Vec<Uuid> = rows.iter().filter_map(|row| row.actor_id).collect();
    let names: HashMap<Uuid, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(actor_ids))
        .all(db)
        .await
        .map_err(database_error)?
        .into_iter()
        .map(|account| (account.id, account.username))
        .collect();
    Ok(rows
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
        .collect())
}

pub async fn list(form: AuditQueryForm) -> Result<AuditList, AppError> {
    let (state, _) = admin().await?;
    let db = &state.db;
    let page = form.page_number();
    let Some(condition) = search(db, form).await? else {
        return Ok(AuditList {
            rows: Vec::new(),
            page: 1,
            pages: 1,
            total: 0,
        });
    };
    let pages = audit_log::Entity::find()
        .filter(condition)
        .order_by_desc(audit_log::Column::Id)
        .paginate(db, AUDIT_PAGE_SIZE);
    let total = pages.num_items().await.map_err(database_error)?;
    let rows = pages.fetch_page(page - 1).await.map_err(database_error)?;
    Ok(AuditList {
        rows: views(db, rows).await?,
        page,
        pages: Ord::max(total.div_ceil(AUDIT_PAGE_SIZE), 1),
        total,
    })
}

/// Rows in one export at most; narrower filters give the rest.
pub const EXPORT_LIMIT: u64 = 100_000;

/// Every row the filters match (newest first, up to `EXPORT_LIMIT`) as CSV. The export is
/// itself audited: the log leaving the building is an event worth knowing about.
pub async fn export(form: AuditQueryForm) -> Result<String, AppError> {
    let (state, me) = admin().await?;
    let db = &state.db;
    let mut out = csv::line(&[
        "id", "at", "actor", "action", "target", "result", "reason", "address",
    ]);
    if let Some(condition) = search(db, form).await? {
        // Keyset paging: rows written while the export runs do not shift the pages.
        let mut before = i64::MAX;
        let mut written = 0;
        while written < EXPORT_LIMIT {
            let rows = audit_log::Entity::find()
                .filter(condition.clone())
                .filter(audit_log::Column::Id.lt(before))
                .order_by_desc(audit_log::Column::Id)
                .limit(1000)
                .all(db)
                .await
                .map_err(database_error)?;
            let Some(last) = rows.last() else { break };
            before = last.id;
            written += rows.len() as u64;
            for row in views(db, rows).await? {
                out.push_str(&csv::line(&[
                    row.id.to_string(),
                    row.at,
                    row.actor,
                    row.action,
                    row.target,
                    row.outcome,
                    row.reason,
                    row.client_addr,
                ]));
            }
        }
    }
    let event = Event {
        actor: Some(me.user_id),
        action: Action::AuditExported,
        target: None,
        client_addr: auth::client_addr(),
        outcome: Outcome::Success,
        reason: None,
    };
    audit::record_or_log(db, event, Utc::now()).await;
    Ok(out)
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
