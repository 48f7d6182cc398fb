//! The evaluation's output; its JSON shape is a stable contract (see issue 4).

use std::sync::Arc;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use super::reason::Reason;
use super::{
    hours::Hours,
    ids::{CredentialId, CreditId},
};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub today: NaiveDate,
    pub credentials: Vec<CredentialReport>,
    /// Most urgent first.
    pub next_steps: Vec<NextStep>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CredentialReport {
    pub id: CredentialId,
    pub rule_set: String,
    pub version: u32,
    pub board: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub renewal_number: Option<u32>,
    pub requirements: Vec<RequirementReport>,
    /// What the catalog could not verify for this set.
    pub unknowns: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RequirementReport {
    pub key: String,
    pub label: String,
    /// `null` when completing a course is enough.
    pub required: Option<Hours>,
    pub counted: Hours,
    pub missing: Option<Hours>,
    pub status: Status,
    pub due: Option<NaiveDate>,
    pub counted_credits: Vec<CountedCredit>,
    pub rejected: Vec<Rejection>,
    pub sources: Vec<SourceRef>,
    pub confidence: String,
    pub notes: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Met,
    OnTrack,
    AtRisk,
    /// Past the due date and past any grace period.
    Overdue,
    /// Past the due date but within the board's grace period.
    Late,
    NotYetDue,
    NotApplicable,
    Waived,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::Met => "met",
            Status::OnTrack => "on track",
            Status::AtRisk => "at risk",
            Status::Overdue => "overdue",
            Status::Late => "late (grace period)",
            Status::NotYetDue => "not yet due",
            Status::NotApplicable => "not applicable",
            Status::Waived => "waived",
        }
    }

    /// Lower is more urgent; `None` needs no action.
    pub fn urgency(self) -> Option<u8> {
        match self {
            Status::Overdue => Some(0),
            Status::Late => Some(1),
            Status::AtRisk => Some(2),
            Status::OnTrack => Some(3),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CountedCredit {
    pub id: CreditId,
    pub hours: Hours,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Rejection {
    pub id: CreditId,
    /// Data, written out as text when displayed or serialised.
    pub reason: Reason,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SourceRef {
    /// Shared with the catalog: each requirement's report copies a pointer, not the text (two
    /// allocations fewer per cited source, a hundred or so per clinician).
    pub title: Arc<str>,
    pub url: Arc<str>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NextStep {
    pub credential: CredentialId,
    pub key: String,
    pub status: Status,
    pub due: Option<NaiveDate>,
    pub missing: Option<Hours>,
    pub text: String,
}
