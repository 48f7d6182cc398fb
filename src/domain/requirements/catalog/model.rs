//! The shape of one requirement set as stored in `catalog/sets/*.json`.
//!
//! Every rule keeps the researched prose (text, notes) and its source ids next to the machine
//! fields the engine reads, so anything shown to a user can show where it came from.

use std::sync::Arc;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::rules::{FirstRenewal, Proration, TopicRule};
use crate::domain::requirements::{
    hours::Hours,
    ids::{CreditType, RuleSetId},
};

/// One versioned requirement set (a board's rules for one profession, or a certifying body's).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSet {
    pub id: RuleSetId,
    /// Other ids that resolve to this set (e.g. an id used before a rename).
    pub aliases: Vec<String>,
    pub version: u32,
    /// Cycles ending on or after this date are judged by this version.
    pub effective_from: NaiveDate,
    pub kind: SetKind,
    pub jurisdiction: String,
    pub profession: String,
    pub applies_to: Vec<String>,
    pub board: String,
    pub confidence: String,
    pub confidence_notes: String,
    pub as_of: String,
    pub cycle: CycleRule,
    pub window: WindowRule,
    pub total: TotalRule,
    pub credit_types: CreditTypeRules,
    pub topics: Vec<TopicRule>,
    pub first_renewal: FirstRenewal,
    pub proration: Option<Proration>,
    pub carry_over: CarryOver,
    pub exemptions: Vec<String>,
    /// What the research could not verify; shown to users, never filled in by guesses.
    pub unknowns: Vec<String>,
    pub record_retention_years: Option<u32>,
    pub sources: Vec<Source>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SetKind {
    StateLicence,
    FederalRegistration,
    BoardCertification,
    Custom,
}

/// Where a rule comes from: shown next to every requirement.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: String,
    /// Shared text: every report of a requirement citing the source repeats it.
    pub title: Arc<str>,
    pub url: Arc<str>,
    pub source_type: String,
    pub supports: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CycleRule {
    /// Length of the CE cycle in months (for NC and WA this differs from the registration term).
    pub months: u32,
    pub deadline: Deadline,
    /// Days after the deadline during which the board still accepts a late renewal.
    pub grace_days: u32,
    pub text: String,
    pub confidence: String,
    pub sources: Vec<String>,
}

/// How the end of a cycle is found.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Deadline {
    /// The credential's stated expiry is the cycle end (rule not researched, or set per person).
    FromExpiry,
    EndOfBirthMonth,
    Birthday,
    IssueDateAnniversary,
    /// A fixed month and day in the years given.
    FixedDate {
        month: u32,
        day: u32,
        years: Years,
    },
    /// Cycles start on the first birthday after the licence was issued (NC 21 NCAC 32R .0101).
    BirthdayAfterIssue,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Years {
    Even,
    Odd,
    /// Florida: licence group 1 in even years, group 2 in odd years.
    ByLicenceGroup,
    /// Every cycle length from an anchor year (e.g. Illinois: July 31 2026, then every 3 years).
    EveryNFrom(i32),
}

/// Where credits must fall to count toward the total.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct WindowRule {
    #[serde(flatten)]
    pub kind: WindowKind,
    pub text: String,
    pub sources: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum WindowKind {
    /// The cycle itself (the months preceding the deadline).
    Cycle,
    /// Whole calendar years before the renewal year (CA osteopathic board).
    CalendarYearsBeforeRenewalYear { years: i32 },
    /// Any time before the deadline (DEA MATE training).
    AnyTime,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TotalRule {
    /// Zero means no general hour requirement (e.g. New York).
    pub hours: Hours,
    pub sources: Vec<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreditTypeRules {
    /// `None`: every recorded type counts (board approval of a provider is not checked).
    pub accepted: Option<Vec<CreditType>>,
    pub buckets: Vec<TypeBucket>,
    pub mapping_note: String,
    /// The board's own category names from the research, for display.
    pub researched: Vec<String>,
}

/// A minimum and/or cap on hours of some credit types within the total.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TypeBucket {
    pub key: String,
    pub label: String,
    pub types: Vec<CreditType>,
    pub min_hours: Option<Hours>,
    pub max_hours: Option<Hours>,
    pub notes: String,
    pub confidence: String,
    pub sources: Vec<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CarryOver {
    pub allowed: Option<bool>,
    pub max_hours: Option<Hours>,
    /// Whether hours of credits tagged with one of the set's topics may be carried.
    pub topic_hours_carried: bool,
    pub notes: String,
    pub sources: Vec<String>,
}
