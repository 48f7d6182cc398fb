//! The input of an evaluation: today's date, the clinician's facts, credentials and credits.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{
    custom::CustomSet,
    hours::Hours,
    ids::{CredentialId, CreditId, CreditType, TopicKey},
};

/// Fact values by name (`true`, a number, a text or an ISO date as text).
pub type Facts = BTreeMap<String, serde_json::Value>;

/// Everything the engine needs for one clinician; the shape of `licensure evaluate`'s input.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    pub today: NaiveDate,
    #[serde(default)]
    pub facts: Facts,
    pub credentials: Vec<CredentialInput>,
    #[serde(default)]
    pub credits: Vec<Credit>,
    /// Requirement sets the clinician defined for credentials the catalog lacks.
    #[serde(default)]
    pub custom_rule_sets: Vec<CustomSet>,
}

/// A licence, certification or registration, matched to a rule set.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CredentialInput {
    pub id: CredentialId,
    pub rule_set: String,
    #[serde(default)]
    pub initial_licence: Option<NaiveDate>,
    /// End of the current cycle; computed from the deadline rule when absent.
    #[serde(default)]
    pub expires: Option<NaiveDate>,
    /// Facts about this credential; they override the clinician-wide facts.
    #[serde(default)]
    pub facts: Facts,
}

/// One completed CE activity.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Credit {
    pub id: CreditId,
    #[serde(default)]
    pub title: String,
    pub completed: NaiveDate,
    pub hours: Hours,
    pub credit_type: CreditType,
    #[serde(default)]
    pub format: Option<String>,
    #[serde(default)]
    pub topics: Vec<TopicKey>,
}

impl Credit {
    pub fn has_topic(&self, topic: &TopicKey) -> bool {
        self.topics.contains(topic)
    }
}
