//! Carry-over of extra hours from the previous cycle, where a board allows it.

use super::{
    case::Credit,
    catalog::{Names, RuleSet},
    cycle::{self, Cycle},
    hours::Hours,
    ids::{CreditId, CreditType},
    topic_index::TopicIndex,
};

/// Id of the synthetic credit that carries hours into the current cycle.
pub const CARRY_OVER_ID: &str = "carry_over";

/// A credit holding the hours carried from the previous cycle, if any.
///
/// TX (22 TAC 161.35): excess credits, at most 48, carry to the next period only; required
/// topic credits may not be carried. The previous cycle's excess is the hours it accepted
/// (after caps) beyond its total, counting only credits without one of the set's topics.
pub fn credit(
    set: &RuleSet,
    cycle: &Cycle,
    credits: &[&Credit],
    bits: &[u64],
    index: &TopicIndex,
    names: &Names,
) -> Option<Credit> {
    let (Some(true), Some(max)) = (set.carry_over.allowed, set.carry_over.max_hours) else {
        return None;
    };
    let to = cycle::add_days(cycle.start, -1);
    let from = cycle::add_days(cycle.end_shifted(-2), 1);
    let accepted = set
        .credit_types
        .accepted
        .as_deref()
        .map(|types| names.type_mask(types));
    // Credits carrying one of the set's topics, when their hours may not be carried.
    let mut topical = Vec::new();
    if !set.carry_over.topic_hours_carried {
        let keys: Vec<u32> = set
            .topics
            .iter()
            .filter_map(|t| names.topic(t.key.as_str()))
            .collect();
        index.credits_with(&keys, &mut topical);
    }
    // (bucket, its types, its cap) of every capped bucket, in bucket order.
    let caps: Vec<(usize, u64, Hours)> = set
        .credit_types
        .buckets
        .iter()
        .enumerate()
        .filter_map(|(i, b)| b.max_hours.map(|max| (i, names.type_mask(&b.types), max)))
        .collect();
    let mut capped: Vec<Hours> = vec![Hours::ZERO; set.credit_types.buckets.len()];
    let mut sum = Hours::ZERO;
    // Credits come in date order, so the previous cycle's are one run.
    let first = credits.partition_point(|c| c.completed < from);
    let last = credits.partition_point(|c| c.completed <= to).max(first);
    for (c, credit) in credits.iter().enumerate().take(last).skip(first) {
        let bit = bits.get(c).copied().unwrap_or(0);
        if accepted.is_some_and(|mask| mask & bit == 0) || topical.binary_search(&c).is_ok() {
            continue;
        }
        let mut hours = credit.hours;
        for &(i, types, cap) in &caps {
            if types & bit != 0 {
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
