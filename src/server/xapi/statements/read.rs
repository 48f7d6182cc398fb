//! Reading statements: one by id, or a filtered page with a `more` link to the next.
//!
//! A statement that targets another (a StatementRef object, voiding included) meets the
//! agent, verb, activity and registration filters when its target does, so those filters
//! first find the matching statements and then follow references to them.

use std::collections::HashSet;

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    sea_query::Query,
};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::{
    domain::xapi::query::Filter,
    server::{
        entities::{xapi_statement, xapi_statement_activity, xapi_statement_agent},
        xapi::{
            auth::Client,
            error::{XapiError, XapiResult},
        },
    },
};

/// The most statements one page holds (also what `limit=0` means).
pub const PAGE_LIMIT: u64 = 100;

/// What a `more` link carries: the filter and where the last page stopped.
#[derive(Serialize, Deserialize)]
pub struct Continuation {
    pub filter: Filter,
    pub after: i64,
}

impl Continuation {
    pub fn encode(&self) -> String {
        URL_SAFE_NO_PAD.encode(serde_json::to_vec(self).unwrap_or_default())
    }

    pub fn decode(token: &str) -> XapiResult<Self> {
        URL_SAFE_NO_PAD
            .decode(token)
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .ok_or_else(|| XapiError::bad_request("The more link is not one this LRS gave out."))
    }
}

/// One statement of the provider's by id: voided statements only through
/// `voidedStatementId`, the others only through `statementId`.
pub async fn one(
    db: &DatabaseConnection,
    client: &Client,
    id: &str,
    voided: bool,
) -> XapiResult<xapi_statement::Model> {
    xapi_statement::Entity::find()
        .filter(xapi_statement::Column::ProviderId.eq(client.provider_id))
        .filter(xapi_statement::Column::Id.eq(id))
        .filter(xapi_statement::Column::Voided.eq(voided))
        .one(db)
        .await?
        .ok_or_else(|| XapiError::not_found(format!("No statement {id} is stored here.")))
}

/// One page of statements and the `more` continuation when there are further ones.
pub struct Page {
    pub statements: Vec<Value>,
    pub more: Option<Continuation>,
}

pub async fn page(
    db: &DatabaseConnection,
    client: &Client,
    filter: Filter,
    after: Option<i64>,
) -> XapiResult<Page> {
    let limit = match filter.limit {
        0 => PAGE_LIMIT,
        n => n.min(PAGE_LIMIT),
    };
    let mut select = xapi_statement::Entity::find()
        .filter(xapi_statement::Column::ProviderId.eq(client.provider_id))
        .filter(xapi_statement::Column::Voided.eq(false));
    if let Some(matching) = matching(db, client, &filter).await? {
        select = select.filter(xapi_statement::Column::Pk.is_in(matching));
    }
    if let Some(since) = filter.since {
        select = select.filter(xapi_statement::Column::Stored.gt(since));
    }
    if let Some(until) = filter.until {
        select = select.filter(xapi_statement::Column::Stored.lte(until));
    }
    select = match (after, filter.ascending) {
        (Some(after), true) => select.filter(xapi_statement::Column::Pk.gt(after)),
        (Some(after), false) => select.filter(xapi_statement::Column::Pk.lt(after)),
        (None, _) => select,
    };
    select = if filter.ascending {
        select.order_by_asc(xapi_statement::Column::Pk)
    } else {
        select.order_by_desc(xapi_statement::Column::Pk)
    };
    let mut rows = select.limit(limit + 1).all(db).await?;
    let further = rows.len() as u64 > limit;
    rows.truncate(limit as usize);
    let more = match (further, rows.last()) {
        (true, Some(last)) => Some(Continuation {
            filter,
            after: last.pk,
        }),
        _ => None,
    };
    let statements = rows
        .iter()
        .filter_map(|row| serde_json::from_str(&row.statement).ok())
        .collect();
    Ok(Page { statements, more })
}

/// The statements meeting the filter's agent, verb, activity and registration conditions,
/// with those that reference them; `None` when the filter sets none of them.
async fn matching(
    db: &DatabaseConnection,
    client: &Client,
    filter: &Filter,
) -> XapiResult<Option<Vec<i64>>> {
    let mut condition = Condition::all();
    let mut filtered = false;
    if let Some(key) = &filter.agent {
        let mut sub = Query::select();
        sub.column(xapi_statement_agent::Column::StatementPk)
            .from(xapi_statement_agent::Entity)
            .and_where(xapi_statement_agent::Column::AgentKey.eq(key.as_str()));
        if !filter.related_agents {
            sub.and_where(xapi_statement_agent::Column::Direct.eq(true));
        }
        condition = condition.add(xapi_statement::Column::Pk.in_subquery(sub.to_owned()));
        filtered = true;
    }
    if let Some(activity) = &filter.activity {
        let mut sub = Query::select();
        sub.column(xapi_statement_activity::Column::StatementPk)
            .from(xapi_statement_activity::Entity)
            .and_where(xapi_statement_activity::Column::ActivityId.eq(activity.as_str()));
        if !filter.related_activities {
            sub.and_where(xapi_statement_activity::Column::Direct.eq(true));
        }
        condition = condition.add(xapi_statement::Column::Pk.in_subquery(sub.to_owned()));
        filtered = true;
    }
    if let Some(verb) = &filter.verb {
        condition = condition.add(xapi_statement::Column::VerbId.eq(verb.as_str()));
        filtered = true;
    }
    if let Some(registration) = &filter.registration {
        condition = condition.add(xapi_statement::Column::Registration.eq(registration.as_str()));
        filtered = true;
    }
    if !filtered {
        return Ok(None);
    }
    let found: Vec<(i64, String)> = xapi_statement::Entity::find()
        .select_only()
        .column(xapi_statement::Column::Pk)
        .column(xapi_statement::Column::Id)
        .filter(xapi_statement::Column::ProviderId.eq(client.provider_id))
        .filter(condition)
        .into_tuple()
        .all(db)
        .await?;
    let mut pks: HashSet<i64> = found.iter().map(|(pk, _)| *pk).collect();
    let mut frontier: Vec<String> = found.into_iter().map(|(_, id)| id).collect();
    // Follow references outward until no new statement refers to the ones found.
    while !frontier.is_empty() {
        let referring: Vec<(i64, String)> = xapi_statement::Entity::find()
            .select_only()
            .column(xapi_statement::Column::Pk)
            .column(xapi_statement::Column::Id)
            .filter(xapi_statement::Column::ProviderId.eq(client.provider_id))
            .filter(xapi_statement::Column::TargetId.is_in(frontier))
            .into_tuple()
            .all(db)
            .await?;
        frontier = referring
            .into_iter()
            .filter(|(pk, _)| pks.insert(*pk))
            .map(|(_, id)| id)
            .collect();
    }
    Ok(Some(pks.into_iter().collect()))
}
