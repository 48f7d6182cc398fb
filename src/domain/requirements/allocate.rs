//! Decides which credit hours count toward which requirement of one credential.

use std::{ops::Range, sync::Arc};

use chrono::NaiveDate;

use super::{
    case::Credit,
    catalog::Names,
    cycle,
    demand::Demand,
    group::{self, Scratch},
    hours::Hours,
    report::{Reason, Rejection},
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

#[derive(Clone, Copy)]
enum Why {
    Future,
    Before,
    After,
    Type,
}

/// The reason for `why`, as data: texts are written only when the report is shown.
fn reason(why: Why, demand: &Demand, credit: &Credit, bit: u64, names: &Names) -> Reason {
    match why {
        Why::Future => Reason::AfterToday,
        Why::Before => Reason::BeforeCycle(demand.from),
        Why::After => Reason::AfterDeadline(demand.to),
        // Checked credits have the bit of their own type name, so the shared name is theirs.
        Why::Type => Reason::TypeNotAccepted(match names.type_name(bit) {
            Some(name) => name.clone(),
            None => Arc::from(credit.credit_type.as_str()),
        }),
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
/// requirement is quiet, `rejected` (credit, why).
fn screen(
    demand: &Demand,
    credits: &[&Credit],
    bits: &[u64],
    candidates: &[usize],
    today: NaiveDate,
    eligible: &mut Vec<(usize, Option<usize>)>,
    rejected: &mut Vec<(usize, Why)>,
) {
    let recent = cycle::add_days(demand.from, -366);
    for &c in candidates {
        let bit = bits.get(c).copied().unwrap_or(0);
        match fit(demand, credits[c], bit, today, recent) {
            Fit::Yes(cap) => eligible.push((c, cap)),
            Fit::No(Some(why)) if !demand.quiet => rejected.push((c, why)),
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

/// Buffers kept across a clinician's credentials, so each credential reuses the memory of the
/// one before instead of allocating its own (allocation was about a fifth of an evaluation in
/// the issue 4 benchmark).
#[derive(Default)]
pub struct Buffers {
    /// (group, demand) of every demand that needs hours, in demand order within a group.
    groups: Vec<(usize, usize)>,
    /// One list of (credit, cap) for all demands; `ranges[d]` is demand d's part.
    eligible: Vec<(usize, Option<usize>)>,
    ranges: Vec<Range<usize>>,
    /// Every credit index, in order: the candidates of a requirement open to any topic.
    all: Vec<usize>,
    candidates: Vec<usize>,
    rejected: Vec<(usize, Why)>,
    members: Vec<usize>,
    scratch: Scratch,
}

/// Allocates `credits` (canonical order, any carried hours last) to `demands`, group by group.
pub fn allocate(
    demands: &[Demand],
    credits: &[&Credit],
    bits: &[u64],
    index: &TopicIndex,
    today: NaiveDate,
    names: &Names,
    buffers: &mut Buffers,
) -> Vec<Allocation> {
    let mut out: Vec<Allocation> = demands.iter().map(|_| Allocation::default()).collect();
    let b = buffers;
    b.groups.clear();
    b.eligible.clear();
    b.ranges.clear();
    // Only the length can differ: the contents are always 0, 1, 2, ...
    if b.all.len() != credits.len() {
        b.all.clear();
        b.all.extend(0..credits.len());
    }
    for (d, demand) in demands.iter().enumerate() {
        let start = b.eligible.len();
        if demand.is_settled() {
            b.ranges.push(start..start);
            continue;
        }
        let list: &[usize] = match &demand.topics {
            None => &b.all,
            Some(topics) => {
                index.credits_with(topics, &mut b.candidates);
                &b.candidates
            }
        };
        let skip = silent_prefix(demand, credits, list, index.real, today);
        screen(
            demand,
            credits,
            bits,
            &list[skip..],
            today,
            &mut b.eligible,
            &mut b.rejected,
        );
        // Collected into a list of its own size: one allocation instead of repeated growth.
        out[d].rejected = b
            .rejected
            .drain(..)
            .map(|(c, why)| Rejection {
                id: credits[c].id.clone(),
                reason: reason(why, demand, credits[c], bits[c], names),
            })
            .collect();
        b.ranges.push(start..b.eligible.len());
        match demand.required {
            // A completion rule counts every fitting credit.
            None => {
                out[d].counted = b.eligible[start..]
                    .iter()
                    .map(|&(c, _)| (c, credits[c].hours))
                    .collect()
            }
            Some(_) => b.groups.push((demand.group, d)),
        }
    }
    b.groups.sort_unstable();
    for group in b.groups.chunk_by(|x, y| x.0 == y.0) {
        b.members.clear();
        b.members.extend(group.iter().map(|&(_, d)| d));
        let lists = group::Lists {
            eligible: &b.eligible,
            ranges: &b.ranges,
        };
        group::solve(
            demands,
            credits,
            bits,
            &b.members,
            &lists,
            &mut b.scratch,
            &mut out,
        );
    }
    out
}
