//! The parameters of `GET statements`, checked into a query before anything is read.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{actor_check, format::Format, index::agent_key, values::is_iri, values::is_uuid};

/// A statements query. `Single` fetches one statement by id; `Filter` everything else.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum StatementQuery {
    Single {
        id: String,
        voided: bool,
        format: Format,
        attachments: bool,
    },
    Filter(Filter),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Filter {
    pub agent: Option<String>,
    pub verb: Option<String>,
    pub activity: Option<String>,
    pub registration: Option<String>,
    pub related_activities: bool,
    pub related_agents: bool,
    /// RFC 3339 bounds on `stored`: since is exclusive, until inclusive.
    pub since: Option<chrono::DateTime<chrono::Utc>>,
    pub until: Option<chrono::DateTime<chrono::Utc>>,
    /// 0 means as many as the server allows.
    pub limit: u64,
    pub format: Format,
    pub attachments: bool,
    pub ascending: bool,
}

/// Why a query was refused; the text goes back to the client as is.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct QueryError(pub String);

const FILTERS: [&str; 12] = [
    "agent",
    "verb",
    "activity",
    "registration",
    "related_activities",
    "related_agents",
    "since",
    "until",
    "limit",
    "format",
    "attachments",
    "ascending",
];

fn boolean(name: &str, value: &str) -> Result<bool, QueryError> {
    match value {
        "true" => Ok(true),
        "false" => Ok(false),
        _ => Err(QueryError(format!("{name} must be true or false"))),
    }
}

fn time(name: &str, value: &str) -> Result<chrono::DateTime<chrono::Utc>, QueryError> {
    chrono::DateTime::parse_from_rfc3339(value)
        .map(|t| t.with_timezone(&chrono::Utc))
        .map_err(|_| {
            QueryError(format!(
                "{name} must be an ISO 8601 timestamp with a time zone"
            ))
        })
}

/// The key of the `agent` parameter: JSON of an agent or identified group.
pub fn agent_parameter(text: &str) -> Result<String, QueryError> {
    let value: Value = serde_json::from_str(text)
        .map_err(|_| QueryError("agent must be JSON of an Agent or Group".to_owned()))?;
    actor_check(&value, "agent").map_err(|err| QueryError(err.to_string()))?;
    agent_key(&value).ok_or_else(|| {
        QueryError("agent must be an Agent or an identified Group (with mbox, mbox_sha1sum, openid or account)".to_owned())
    })
}

/// Checks the parameters (already URL-decoded, each name once) into a query.
pub fn parse(params: &[(String, String)]) -> Result<StatementQuery, QueryError> {
    let get = |name: &str| {
        params
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    };
    for (key, _) in params {
        if key != "statementId" && key != "voidedStatementId" && !FILTERS.contains(&key.as_str()) {
            return Err(QueryError(format!("{key} is not a statements parameter")));
        }
        if params.iter().filter(|(k, _)| k == key).count() > 1 {
            return Err(QueryError(format!("{key} is given more than once")));
        }
    }
    let format = match get("format") {
        None => Format::Exact,
        Some(text) => Format::parse(text)
            .ok_or_else(|| QueryError("format must be ids, exact or canonical".to_owned()))?,
    };
    let attachments = get("attachments")
        .map(|v| boolean("attachments", v))
        .transpose()?
        .unwrap_or(false);
    let single = match (get("statementId"), get("voidedStatementId")) {
        (Some(_), Some(_)) => {
            return Err(QueryError(
                "give statementId or voidedStatementId, not both".to_owned(),
            ));
        }
        (Some(id), None) => Some((id, false)),
        (None, Some(id)) => Some((id, true)),
        (None, None) => None,
    };
    if let Some((id, voided)) = single {
        if let Some((key, _)) = params.iter().find(|(key, _)| {
            !matches!(
                key.as_str(),
                "statementId" | "voidedStatementId" | "format" | "attachments"
            )
        }) {
            return Err(QueryError(format!(
                "{key} cannot be combined with statementId or voidedStatementId"
            )));
        }
        if !is_uuid(id) {
            return Err(QueryError("the statement id must be a UUID".to_owned()));
        }
        return Ok(StatementQuery::Single {
            id: id.to_ascii_lowercase(),
            voided,
            format,
            attachments,
        });
    }
    let iri = |name: &str| -> Result<Option<String>, QueryError> {
        match get(name) {
            Some(value) if !is_iri(value) => Err(QueryError(format!("{name} must be an IRI"))),
            other => Ok(other.map(str::to_owned)),
        }
    };
    let registration = match get("registration") {
        Some(value) if !is_uuid(value) => {
            return Err(QueryError("registration must be a UUID".to_owned()));
        }
        other => other.map(str::to_ascii_lowercase),
    };
    let limit = match get("limit") {
        None => 0,
        Some(text) => text
            .parse::<u64>()
            .map_err(|_| QueryError("limit must be a whole number, 0 or more".to_owned()))?,
    };
    let flag = |name: &str| -> Result<bool, QueryError> {
        get(name)
            .map(|v| boolean(name, v))
            .transpose()
            .map(Option::unwrap_or_default)
    };
    Ok(StatementQuery::Filter(Filter {
        agent: get("agent").map(agent_parameter).transpose()?,
        verb: iri("verb")?,
        activity: iri("activity")?,
        registration,
        related_activities: flag("related_activities")?,
        related_agents: flag("related_agents")?,
        since: get("since").map(|v| time("since", v)).transpose()?,
        until: get("until").map(|v| time("until", v)).transpose()?,
        limit,
        format,
        attachments,
        ascending: flag("ascending")?,
    }))
}
