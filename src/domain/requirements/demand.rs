//! A requirement made concrete for one credential's cycle: hours, window, due date, which
//! credits may count, and what it may not share hours with.

use chrono::NaiveDate;

use super::{
    catalog::Vocabulary,
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
    /// `types` and `caps` as bit masks; filled by `index_types`.
    pub masks: TypeMasks,
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

/// Credit types as bits (their position in the vocabulary), so checks cost no string compares.
#[derive(Clone, Debug, Default)]
pub struct TypeMasks {
    pub accepted: Option<u64>,
    pub caps: Vec<u64>,
}

/// Bit of a credit type; unknown names (the synthetic carry-over) get no bit.
pub fn type_bit(vocabulary: &Vocabulary, ty: &CreditType) -> u64 {
    vocabulary
        .credit_types
        .iter()
        .position(|info| info.key == *ty)
        .filter(|&i| i < 64)
        .map_or(0, |i| 1 << i)
}

impl Demand {
    pub fn index_types(&mut self, vocabulary: &Vocabulary) {
        let mask = |types: &[CreditType]| types.iter().fold(0, |m, t| m | type_bit(vocabulary, t));
        self.masks = TypeMasks {
            accepted: self.types.as_deref().map(mask),
            caps: self.caps.iter().map(|cap| mask(&cap.types)).collect(),
        };
    }

    pub fn accepts_type(&self, bit: u64) -> bool {
        self.masks.accepted.is_none_or(|mask| mask & bit != 0)
    }

    pub fn cap_for(&self, bit: u64) -> Option<usize> {
        self.masks.caps.iter().position(|mask| mask & bit != 0)
    }

    /// Whether the rule alone already settles the answer (nothing to count).
    pub fn is_settled(&self) -> bool {
        self.fixed.is_some()
    }
}
