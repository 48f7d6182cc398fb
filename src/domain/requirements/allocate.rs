//! Decides which credit hours count toward which requirement of one credential.

use std::{ops::Range, sync::Arc};

use chrono::NaiveDate;

use super::{
    case::Credit,
    cycle,
    demand::Demand,
    group::{self, Scratch},
    hours::Hours,
    report::Rejection,
    topic_index::TopicIndex,
};

/// Per demand: (credit index, hours counted) and the credits not counted, with the reason.
#[derive(Clone, Debug, Default)]
pub struct Allocation {
    pub counted: Vec<(usize, Hours)>,
    pub rejected: Vec<Rejection>,
}

enum Fit {
    Yes(Option<usize>),
    No(Option<Why>),
}

enum Why {
    Future,
    Before,
    After,
    Type,
}

/// Reasons shared by many credits, formatted on first use per requirement and shared.
struct Reasons<'d> {
    demand: &'d Demand,
    future: Option<Arc<str>>,
    before: Option<Arc<str>>,
    after: Option<Arc<str>>,
    types: Vec<(u64, Arc<str>)>,
}

/// The shared text in `slot`, formatted by `make` the first time.
fn shared(slot: &mut Option<Arc<str>>, make: impl FnOnce() -> String) -> Arc<str> {
    slot.get_or_insert_with(|| Arc::from(make())).clone()
}

impl<'d> Reasons<'d> {
    fn new(demand: &'d Demand) -> Reasons<'d> {
        Reasons {
            demand,
            future: None,
            before: None,
            after: None,
            types: Vec::new(),
        }
    }

    fn text(&mut self, why: Why, credit: &Credit, bit: u64) -> Arc<str> {
        let demand = self.demand;
        match why {
            Why::Future => shared(&mut self.future, || "completed after today".to_owned()),
            Why::Before => shared(&mut self.before, || {
                format!("completed before this cycle (starts {})", demand.from)
            }),
            Why::After => shared(&mut self.after, || {
                format!("completed after the deadline ({})", demand.to)
            }),
            Why::Type => {
                if let Some((_, text)) = self.types.iter().find(|(b, _)| *b == bit && bit != 0) {
                    return text.clone();
                }
                let text: Arc<str> = Arc::from(format!("{} not accepted", credit.credit_type));
                self.types.push((bit, text.clone()));
                text
            }
        }
    }
}

fn fit(demand: &Demand, credit: &Credit, bit: u64, today: NaiveDate, recent: NaiveDate) -> Fit {
    // Only the synthetic carry-over credit has no vocabulary bit (credit types are checked
    // before evaluation); carried hours count toward the total only (TX 22 TAC 161.35).
    if bit == 0 {
        let carried = credit.id.as_str() == super::carry_over::CARRY_OVER_ID;
        return if carried && demand.key == "total" {
            Fit::Yes(None)
        } else {
            Fit::No(None)
        };
    }
    if credit.completed > today {
        return Fit::No(Some(Why::Future));
    }
    if credit.completed < demand.from {
        // Only misses within a year before the window are worth listing; older credits
        // belong to earlier cycles and would drown the report.
        return Fit::No((credit.completed >= recent).then_some(Why::Before));
    }
    if credit.completed > demand.to {
        return Fit::No(Some(Why::After));
    }
    if !demand.accepts_type(bit) {
        return Fit::No(Some(Why::Type));
    }
    Fit::Yes(demand.cap_for(bit))
}

/// Sorts `candidates` (canonical order) into `eligible` (credit, cap) and, unless the
/// requirement is quiet, `rejected` with a reason.
fn screen(
    demand: &Demand,
    credits: &[&Credit],
    bits: &[u64],
    candidates: &[usize],
    today: NaiveDate,
    eligible: &mut Vec<(usize, Option<usize>)>,
    rejected: &mut Vec<Rejection>,
) {
    let mut reasons = Reasons::new(demand);
    let recent = cycle::add_days(demand.from, -366);
    for &c in candidates {
        let bit = bits.get(c).copied().unwrap_or(0);
        match fit(demand, credits[c], bit, today, recent) {
            Fit::Yes(cap) => eligible.push((c, cap)),
            Fit::No(Some(why)) if !demand.quiet => rejected.push(Rejection {
                id: credits[c].id.clone(),
                reason: reasons.text(why, credits[c], bit),
            }),
            Fit::No(_) => {}
        }
    }
}

/// How many leading credits of `candidates` were completed long before the window (and not
/// in the future, which would be listed): `fit` would pass over them silently.
fn silent_prefix(
    demand: &Demand,
    credits: &[&Credit],
    candidates: &[usize],
    real: usize,
    today: NaiveDate,
) -> usize {
    let recent = cycle::add_days(demand.from, -366);
    // Real credits come in date order, so such credits form a prefix of them.
    let real = candidates.partition_point(|&c| c < real);
    candidates[..real].partition_point(|&c| {
        let completed = credits[c].completed;
        completed < recent && completed <= today
    })
}

/// Allocates `credits` (canonical order, any carried hours last) to `demands`, group by group.
pub fn allocate(
    demands: &[Demand],
    credits: &[&Credit],
    bits: &[u64],
    index: &TopicIndex,
    today: NaiveDate,
) -> Vec<Allocation> {
    let mut out: Vec<Allocation> = demands.iter().map(|_| Allocation::default()).collect();
    // (group, demand) of every demand that needs hours, in demand order within a group.
    let mut groups: Vec<(usize, usize)> = Vec::new();
    // One list of (credit, cap) for all demands; `ranges[d]` is demand d's part.
    let mut eligible: Vec<(usize, Option<usize>)> = Vec::new();
    let mut ranges: Vec<Range<usize>> = Vec::with_capacity(demands.len());
    let all: Vec<usize> = (0..credits.len()).collect();
    let mut candidates: Vec<usize> = Vec::new();
    let mut rejected: Vec<Rejection> = Vec::new();
    for (d, demand) in demands.iter().enumerate() {
        let start = eligible.len();
        if demand.is_settled() {
            ranges.push(start..start);
            continue;
        }
        let list: &[usize] = match &demand.topics {
            None => &all,
            Some(topics) => {
                index.credits_with(topics, &mut candidates);
                &candidates
            }
        };
        let skip = silent_prefix(demand, credits, list, index.real, today);
        screen(
            demand,
            credits,
            bits,
            &list[skip..],
            today,
            &mut eligible,
            &mut rejected,
        );
        // Moved into a list of its own size: one allocation instead of repeated growth.
        out[d].rejected = Vec::with_capacity(rejected.len());
        out[d].rejected.append(&mut rejected);
        ranges.push(start..eligible.len());
        match demand.required {
            // A completion rule counts every fitting credit.
            None => {
                out[d].counted = eligible[start..]
                    .iter()
                    .map(|&(c, _)| (c, credits[c].hours))
                    .collect()
            }
            Some(_) => groups.push((demand.group, d)),
        }
    }
    let eligible: Vec<&[(usize, Option<usize>)]> =
        ranges.into_iter().map(|range| &eligible[range]).collect();
    groups.sort_unstable();
    let mut scratch = Scratch::default();
    let mut members: Vec<usize> = Vec::new();
    for group in groups.chunk_by(|a, b| a.0 == b.0) {
        members.clear();
        members.extend(group.iter().map(|&(_, d)| d));
        group::solve(
            demands,
            credits,
            bits,
            &members,
            &eligible,
            &mut scratch,
            &mut out,
        );
    }
    out
}
