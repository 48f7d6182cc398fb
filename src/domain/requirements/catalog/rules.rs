//! Topic rules, frequencies, conditions, first-renewal and proration rules of a requirement set.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::requirements::{
    hours::Hours,
    ids::{CreditType, FactName, TopicKey},
};

/// Hours (or a completion) required on one topic.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TopicRule {
    pub key: TopicKey,
    pub label: String,
    /// `None`: the rule asks for a completed course, not a number of hours.
    pub hours: Option<Hours>,
    pub frequency: Frequency,
    pub due_text: Option<String>,
    /// False: the hours come on top of the total (they may not count toward it).
    pub counts_toward_total: bool,
    /// True: any accepted credit counts, whatever its topics (ABIM's "some activity").
    #[serde(default)]
    pub any_topic: bool,
    pub credit_types: Option<Vec<CreditType>>,
    pub applies_if: Vec<Condition>,
    pub first_renewal: FirstRenewalTreatment,
    /// Topics the same credit hours may not also count toward (PA: child abuse vs patient safety).
    pub exclusive_with: Vec<TopicKey>,
    /// Topics the board says may double count (informational: double counting is the default).
    pub also_counts_toward: Vec<TopicKey>,
    /// Other topics whose credits satisfy this one (NC: the federal MATE training).
    pub also_satisfied_by_topics: Vec<TopicKey>,
    pub notes: String,
    pub confidence: String,
    pub sources: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FirstRenewalTreatment {
    Required,
    Exempt,
    /// Sources do not say; treated as required so nothing is missed.
    Unclear,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Frequency {
    EveryCycle,
    /// Met by a credit from any earlier date.
    OneTime {
        due: OneTimeDue,
    },
    /// Met by a credit within the last `n` cycles.
    EveryNCycles {
        n: u32,
    },
    /// A clock independent of the renewal cycle; `anchor` is `initial_licence`, a date, or none.
    EveryNYears {
        years: u32,
        anchor: Option<String>,
    },
    Schedule {
        steps: Vec<ScheduleStep>,
    },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum OneTimeDue {
    /// By the end of the current cycle.
    CurrentCycle,
    /// By the n-th renewal after initial licensure.
    Renewal {
        n: u32,
    },
    /// Existing licensees by the date; later licensees by their first renewal.
    DateOrFirstRenewal {
        date: NaiveDate,
    },
    BeforeInitialLicence,
    /// The earlier of the given renewal and a number of months after initial licensure.
    EarliestOfRenewalOrMonths {
        renewal: u32,
        months_after_initial: u32,
    },
    /// By the end of the first full cycle after licensure.
    FirstFullCycle,
}

/// One step of a multi-step schedule (TX opioid: by the first anniversary, each of the first
/// two renewals, then every eight years; 22 TAC 161.35 / TOC 156.055).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum ScheduleStep {
    Renewal {
        n: u32,
        hours: Hours,
        due_months_after_initial: Option<u32>,
    },
    EveryNCyclesAfter {
        after: u32,
        n: u32,
        hours: Hours,
    },
    EveryNYearsAfter {
        after: u32,
        years: u32,
        hours: Hours,
    },
}

/// A condition on a fact; a rule applies only when all its conditions hold.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    pub fact: FactName,
    #[serde(default)]
    pub is: Option<bool>,
    #[serde(default)]
    pub gte: Option<f64>,
    #[serde(default, rename = "in")]
    pub one_of: Option<Vec<String>>,
    #[serde(default)]
    pub not_in: Option<Vec<String>>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct FirstRenewal {
    #[serde(flatten)]
    pub kind: FirstRenewalKind,
    pub text: String,
    pub confidence: String,
    pub sources: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FirstRenewalKind {
    /// General hours waived at the first renewal; listed topics (or, if `None`, each topic's own
    /// `first_renewal` field) still apply.
    ExemptGeneralHours {
        still_required: Option<Vec<TopicKey>>,
        #[serde(default)]
        within_months_of_initial: Option<u32>,
    },
    /// Same, but only when a fact holds (e.g. NJ: GME completed within 12 months before licensure).
    ExemptIfFact {
        fact: FactName,
        still_required: Option<Vec<TopicKey>>,
    },
    /// A shorter first term needs fewer hours (CA 16 CCR 1336: under 13 months, 25 h).
    ReducedTotal {
        first_term_months_under: u32,
        hours: Hours,
    },
    NotModelled,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Proration {
    #[serde(flatten)]
    pub kind: ProrationKind,
    pub text: String,
    pub sources: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ProrationKind {
    /// A partial first cycle needs this many hours per calendar month licensed (FL RN).
    HoursPerMonth {
        hours: Hours,
    },
    NotModelled,
}
