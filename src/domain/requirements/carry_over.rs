//! Carry-over of extra hours from the previous cycle, where a board allows it.

use super::{
    case::Credit,
    catalog::RuleSet,
    cycle::{self, Cycle},
    hours::Hours,
    ids::{CreditId, CreditType},
};

/// Id of the synthetic credit that carries hours into the current cycle.
pub const CARRY_OVER_ID: &str = "carry_over";

/// A credit holding the hours carried from the previous cycle, if any.
///
/// TX (22 TAC 161.35): excess credits, at most 48, carry to the next period only; required
/// topic credits may not be carried. The previous cycle's excess is the hours it accepted
/// (after caps) beyond its total, counting only credits without one of the set's topics.
pub fn credit(set: &RuleSet, cycle: &Cycle, credits: &[&Credit]) -> Option<Credit> {
    let (Some(true), Some(max)) = (set.carry_over.allowed, set.carry_over.max_hours) else {
        return None;
    };
    let to = cycle::add_days(cycle.start, -1);
    let from = cycle::add_days(cycle.end_shifted(-2), 1);
    let accepted = |ty: &CreditType| {
        set.credit_types
            .accepted
            .as_ref()
            .is_none_or(|a| a.contains(ty))
    };
    let topical = |c: &Credit| {
        !set.carry_over.topic_hours_carried && set.topics.iter().any(|t| c.has_topic(&t.key))
    };
    let mut capped: Vec<Hours> = vec![Hours::ZERO; set.credit_types.buckets.len()];
    let mut sum = Hours::ZERO;
    for credit in credits
        .iter()
        .filter(|c| c.completed >= from && c.completed <= to)
    {
        if !accepted(&credit.credit_type) || topical(credit) {
            continue;
        }
        let mut hours = credit.hours;
        for (i, bucket) in set.credit_types.buckets.iter().enumerate() {
            if let Some(cap) = bucket.max_hours
                && bucket.types.contains(&credit.credit_type)
            {
                hours = hours.min(cap.saturating_sub(capped[i]));
                capped[i] += hours;
            }
        }
        sum += hours;
    }
    let excess = sum.saturating_sub(set.total.hours).min(max);
    (!excess.is_zero()).then(|| Credit {
        id: CreditId::new(CARRY_OVER_ID),
        title: format!("Carried over from the cycle ending {to}"),
        completed: cycle.start,
        hours: excess,
        credit_type: CreditType::new("CARRY_OVER"),
        format: None,
        topics: Vec::new(),
    })
}
