//! Where a document lives: its kind and the parameters that name it, checked from the query.

use axum::{extract::FromRequestParts, http::request::Parts};

use crate::{
    domain::xapi::{is_iri, is_uuid, query::agent_parameter},
    server::xapi::error::{XapiError, XapiResult},
};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    State,
    ActivityProfile,
    AgentProfile,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::State => "state",
            Self::ActivityProfile => "activity_profile",
            Self::AgentProfile => "agent_profile",
        }
    }

    /// The parameter naming one document of this kind.
    pub fn id_parameter(self) -> &'static str {
        match self {
            Self::State => "stateId",
            Self::ActivityProfile | Self::AgentProfile => "profileId",
        }
    }

    fn allowed(self) -> &'static [&'static str] {
        match self {
            Self::State => &["activityId", "agent", "registration", "stateId", "since"],
            Self::ActivityProfile => &["activityId", "profileId", "since"],
            Self::AgentProfile => &["agent", "profileId", "since"],
        }
    }
}

/// The kind is the resource's path, so one handler serves all three.
impl<S: Send + Sync> FromRequestParts<S> for Kind {
    type Rejection = XapiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, XapiError> {
        match parts.uri.path().trim_end_matches('/') {
            "/xapi/activities/state" => Ok(Self::State),
            "/xapi/activities/profile" => Ok(Self::ActivityProfile),
            "/xapi/agents/profile" => Ok(Self::AgentProfile),
            _ => Err(XapiError::not_found("No such LRS resource.")),
        }
    }
}

/// The documents a request addresses: one when `document_id` is set, else all that match.
#[derive(Clone, Debug)]
pub struct Address {
    pub kind: Kind,
    /// Empty where the kind has none, as stored.
    pub activity_id: String,
    pub agent_key: String,
    pub registration: String,
    pub document_id: Option<String>,
    pub since: Option<chrono::DateTime<chrono::Utc>>,
}

pub fn parse(kind: Kind, params: &[(String, String)]) -> XapiResult<Address> {
    for (key, _) in params {
        if !kind.allowed().contains(&key.as_str()) {
            return Err(XapiError::bad_request(format!(
                "{key} is not a parameter of this resource."
            )));
        }
        if params.iter().filter(|(k, _)| k == key).count() > 1 {
            return Err(XapiError::bad_request(format!(
                "{key} is given more than once."
            )));
        }
    }
    let get = |name: &str| {
        params
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    };
    let needs_activity = kind != Kind::AgentProfile;
    let needs_agent = kind != Kind::ActivityProfile;
    let activity_id = match get("activityId") {
        Some(id) if is_iri(id) => id.to_owned(),
        Some(_) => return Err(XapiError::bad_request("activityId must be an IRI.")),
        None if needs_activity => return Err(XapiError::bad_request("activityId is required.")),
        None => String::new(),
    };
    let agent_key = match get("agent") {
        Some(text) => agent_parameter(text).map_err(|err| XapiError::bad_request(err.0))?,
        None if needs_agent => return Err(XapiError::bad_request("agent is required.")),
        None => String::new(),
    };
    let registration = match get("registration") {
        Some(id) if is_uuid(id) => id.to_ascii_lowercase(),
        Some(_) => return Err(XapiError::bad_request("registration must be a UUID.")),
        None => String::new(),
    };
    let since = get("since")
        .map(|text| {
            chrono::DateTime::parse_from_rfc3339(text)
                .map(|t| t.with_timezone(&chrono::Utc))
                .map_err(|_| {
                    XapiError::bad_request("since must be an ISO 8601 timestamp with a time zone.")
                })
        })
        .transpose()?;
    let document_id = get(kind.id_parameter()).map(str::to_owned);
    if document_id.is_some() && since.is_some() {
        return Err(XapiError::bad_request(format!(
            "since lists documents; it cannot be combined with {}.",
            kind.id_parameter()
        )));
    }
    Ok(Address {
        kind,
        activity_id,
        agent_key,
        registration,
        document_id,
        since,
    })
}
