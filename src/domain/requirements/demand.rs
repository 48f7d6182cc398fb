//! A requirement made concrete for one credential's cycle: hours, window, due date, which
//! credits may count, and what it may not share hours with.

use chrono::NaiveDate;

use super::{
    hours::Hours,
    report::{SourceRef, Status},
};

#[derive(Clone, Debug)]
pub struct Demand {
    /// `total`, a credit-type bucket key or a topic key.
    pub key: String,
    pub label: String,
    /// `None`: completing a course is enough.
    pub required: Option<Hours>,
    /// Credits must be completed within this window (inclusive).
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub due: Option<NaiveDate>,
    /// Start of the period used to judge pace.
    pub pace_from: NaiveDate,
    pub grace_days: u32,
    /// A status decided by the rules alone (waived, not applicable).
    pub fixed: Option<Status>,
    /// Accepted credit types as bits of the catalog's names (`None`: any).
    pub accepted_types: Option<u64>,
    /// Credits must carry one of these topics, as the catalog's topic numbers (`None`: any
    /// credit).
    pub topics: Option<Vec<u32>>,
    /// Caps on some credit types (total only).
    pub caps: Vec<Cap>,
    /// Demands sharing a group may not count the same hours twice.
    pub group: usize,
    /// Lists no rejected credits (a credit-type bucket: the total already explains them).
    pub quiet: bool,
    pub sources: Vec<SourceRef>,
    pub confidence: String,
    pub notes: Vec<String>,
}

#[derive(Clone, Debug)]
pub struct Cap {
    /// The bucket's label.
    pub label: String,
    /// The capped credit types as bits of the catalog's names.
    pub types: u64,
    pub max: Hours,
}

impl Demand {
    pub fn accepts_type(&self, bit: u64) -> bool {
        self.accepted_types.is_none_or(|mask| mask & bit != 0)
    }

    pub fn cap_for(&self, bit: u64) -> Option<usize> {
        self.caps.iter().position(|cap| cap.types & bit != 0)
    }

    /// Whether the rule alone already settles the answer (nothing to count).
    pub fn is_settled(&self) -> bool {
        self.fixed.is_some()
    }
}
