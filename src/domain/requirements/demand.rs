//! A requirement made concrete for one credential's cycle: hours, window, due date, which
//! credits may count, and what it may not share hours with.

use chrono::NaiveDate;

use super::{
    hours::Hours,
    ids::{CreditType, TopicKey},
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
    /// Accepted credit types (`None`: any).
    pub types: Option<Vec<CreditType>>,
    /// Credits must carry one of these topics (`None`: any credit).
    pub topics: Option<Vec<TopicKey>>,
    /// Caps on some credit types (total only): (bucket label, types, maximum).
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
    pub label: String,
    pub types: Vec<CreditType>,
    pub max: Hours,
}

impl Demand {
    pub fn accepts_type(&self, ty: &CreditType) -> bool {
        self.types.as_ref().is_none_or(|types| types.contains(ty))
    }

    pub fn cap_for(&self, ty: &CreditType) -> Option<usize> {
        self.caps.iter().position(|cap| cap.types.contains(ty))
    }

    /// Whether the rule alone already settles the answer (nothing to count).
    pub fn is_settled(&self) -> bool {
        self.fixed.is_some()
    }
}
