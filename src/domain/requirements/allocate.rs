//! Decides which credit hours count toward which requirement of one credential.

use std::{collections::BTreeMap, sync::Arc};

use chrono::NaiveDate;

use super::{
    case::Credit,
    cycle,
    demand::Demand,
    flow::{EdgeRef, INFINITE, Network},
    hours::Hours,
};

/// Per demand: (credit index, hours counted) and (credit index, reason not counted).
#[derive(Clone, Debug, Default)]
pub struct Allocation {
    pub counted: Vec<(usize, Hours)>,
    pub rejected: Vec<(usize, Arc<str>)>,
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

/// Credit indices by topic, built once per case so topic rules only look at their credits.
pub struct TopicIndex<'a> {
    by_topic: BTreeMap<&'a str, Vec<usize>>,
    /// How many real credits there are (in canonical order, so sorted by completion date).
    real: usize,
}

impl<'a> TopicIndex<'a> {
    pub fn new(credits: &[&'a Credit]) -> TopicIndex<'a> {
        let mut index: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (c, credit) in credits.iter().enumerate() {
            for topic in &credit.topics {
                index.entry(topic.as_str()).or_default().push(c);
            }
        }
        TopicIndex {
            by_topic: index,
            real: credits.len(),
        }
    }

    fn candidates(&self, demand: &Demand, all: usize) -> Vec<usize> {
        match &demand.topics {
            None => (0..all).collect(),
            Some(topics) => {
                let mut list: Vec<usize> = topics
                    .iter()
                    .filter_map(|t| self.by_topic.get(t.as_str()))
                    .flatten()
                    .copied()
                    .collect();
                list.sort_unstable();
                list.dedup();
                list
            }
        }
    }
}

/// Allocates `credits` (canonical order, any carried hours last) to `demands`, group by group.
pub fn allocate(
    demands: &[Demand],
    credits: &[&Credit],
    bits: &[u64],
    index: &TopicIndex<'_>,
    today: NaiveDate,
) -> Vec<Allocation> {
    let mut out = vec![Allocation::default(); demands.len()];
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    // eligible[d] = (credit, cap) pairs
    let mut eligible: Vec<Vec<(usize, Option<usize>)>> = vec![Vec::new(); demands.len()];
    for (d, demand) in demands.iter().enumerate() {
        if demand.is_settled() {
            continue;
        }
        let mut reasons = Reasons::new(demand);
        let recent = cycle::add_days(demand.from, -366);
        let candidates = index.candidates(demand, credits.len());
        // Real credits come in date order, so those from long before the window (and not in
        // the future, which would be listed) form a prefix that `fit` would pass over silently.
        let real = candidates.partition_point(|&c| c < index.real);
        let skip = candidates[..real].partition_point(|&c| {
            let completed = credits[c].completed;
            completed < recent && completed <= today
        });
        for &c in &candidates[skip..] {
            let bit = bits.get(c).copied().unwrap_or(0);
            match fit(demand, credits[c], bit, today, recent) {
                Fit::Yes(cap) => eligible[d].push((c, cap)),
                Fit::No(Some(why)) if !demand.quiet => out[d]
                    .rejected
                    .push((c, reasons.text(why, credits[c], bit))),
                Fit::No(_) => {}
            }
        }
        match demand.required {
            // A completion rule counts every fitting credit.
            None => {
                out[d].counted = eligible[d]
                    .iter()
                    .map(|&(c, _)| (c, credits[c].hours))
                    .collect()
            }
            Some(_) => groups.entry(demand.group).or_default().push(d),
        }
    }
    for members in groups.values() {
        solve_group(demands, credits, bits, members, &eligible, &mut out);
    }
    out
}

/// Builds the flow network of one group from merged credit signatures and reads back the
/// hours per credit in canonical order.
fn solve_group(
    demands: &[Demand],
    credits: &[&Credit],
    bits: &[u64],
    members: &[usize],
    eligible: &[Vec<(usize, Option<usize>)>],
    out: &mut [Allocation],
) {
    // Signature: which members a credit fits (bit mask) and the cap it falls under.
    let mut by_credit: Vec<Signature> = vec![(0, None); credits.len()];
    for (bit, &d) in members.iter().enumerate().take(64) {
        for &(c, cap) in &eligible[d] {
            by_credit[c].0 |= 1 << bit;
            by_credit[c].1 = by_credit[c].1.or(cap);
        }
    }
    let signatures = merge_signatures(&by_credit);
    let caps: Vec<usize> = {
        let mut caps: Vec<usize> = signatures.iter().filter_map(|((_, cap), _)| *cap).collect();
        caps.sort_unstable();
        caps.dedup();
        caps
    };
    let (source, sink) = (0, 1);
    let sig_node = |i: usize| 2 + i;
    let cap_node = |i: usize| 2 + signatures.len() + i;
    let demand_node = |i: usize| 2 + signatures.len() + caps.len() + i;
    let mut net = Network::with_nodes(2 + signatures.len() + caps.len() + members.len());
    for (i, &d) in members.iter().enumerate() {
        let required = demands[d].required.unwrap_or_default().as_hundredths();
        net.add_edge(demand_node(i), sink, required);
    }
    for (k, &cap) in caps.iter().enumerate() {
        // Caps only exist on the total, which is always the group's first member.
        let max = demands[members[0]]
            .caps
            .get(cap)
            .map_or(0, |c| c.max.as_hundredths());
        net.add_edge(cap_node(k), demand_node(0), max);
    }
    let mut edges: Vec<Vec<(usize, EdgeRef)>> = Vec::new();
    for (s, ((mask, cap), list)) in signatures.iter().enumerate() {
        let supply: i64 = list.iter().map(|&c| credits[c].hours.as_hundredths()).sum();
        net.add_edge(source, sig_node(s), supply);
        let mut mine = Vec::new();
        for i in (0..members.len()).filter(|i| mask & (1 << i) != 0) {
            let target = match cap {
                Some(cap) if i == 0 => cap_node(caps.iter().position(|x| x == cap).unwrap_or(0)),
                _ => demand_node(i),
            };
            mine.push((i, net.add_edge(sig_node(s), target, INFINITE)));
        }
        edges.push(mine);
    }
    net.max_flow(source, sink);
    // Per credit, the members it counted toward (bit i = member i), and per member the hours
    // counted so far: the explanations below read these instead of rescanning counted lists.
    let mut counted_in: Vec<u64> = vec![0; credits.len()];
    let mut got: Vec<i64> = vec![0; members.len()];
    let mut reasons = UnusedReasons::default();
    let mut left: Vec<i64> = Vec::new();
    for (s, (_, list)) in signatures.iter().enumerate() {
        left.clear();
        left.extend(list.iter().map(|&c| credits[c].hours.as_hundredths()));
        for &(i, edge) in &edges[s] {
            let mut flow = net.flow(edge);
            for (k, &c) in list.iter().enumerate() {
                if flow == 0 {
                    break;
                }
                let take = flow.min(left[k]);
                if take > 0 {
                    out[members[i]].counted.push((c, Hours::hundredths(take)));
                    counted_in[c] |= 1 << i;
                    got[i] += take;
                    left[k] -= take;
                    flow -= take;
                }
            }
        }
        let state = Readback {
            counted_in: &counted_in,
            got: &got,
            left: &left,
        };
        explain_unused(
            demands,
            bits,
            members,
            &edges[s],
            list,
            &state,
            &mut reasons,
            out,
        );
    }
    // Each credit appears at most once per member (one edge per signature and member).
    for &d in members {
        out[d].counted.sort_unstable_by_key(|&(c, _)| c);
    }
}

/// Which members of a group a credit fits (bit mask), and the cap it falls under.
type Signature = (u64, Option<usize>);

/// Credits grouped by signature, ordered by signature then credit (as a sorted map would give).
/// Only a handful of signatures exist, so a short list beats a tree.
fn merge_signatures(by_credit: &[Signature]) -> Vec<(Signature, Vec<usize>)> {
    let mut signatures: Vec<(Signature, Vec<usize>)> = Vec::new();
    let mut last = usize::MAX;
    for (c, &signature) in by_credit.iter().enumerate().filter(|(_, s)| s.0 != 0) {
        // Neighbouring credits usually share a signature: try the last one used first.
        let slot = match signatures.get(last) {
            Some((key, _)) if *key == signature => last,
            _ => match signatures.iter().position(|(key, _)| *key == signature) {
                Some(slot) => slot,
                None => {
                    signatures.push((signature, Vec::new()));
                    signatures.len() - 1
                }
            },
        };
        signatures[slot].1.push(c);
        last = slot;
    }
    signatures.sort_unstable_by_key(|(key, _)| *key);
    signatures
}

/// What the read-back of one group's flow has decided so far.
struct Readback<'a> {
    counted_in: &'a [u64],
    got: &'a [i64],
    /// Hours of each credit of the current signature not counted anywhere.
    left: &'a [i64],
}

/// Reasons an eligible credit went unused, formatted once per requirement and shared.
#[derive(Default)]
struct UnusedReasons {
    /// (demand, member counted instead or `None` for "another requirement", text)
    elsewhere: Vec<(usize, Option<usize>, Arc<str>)>,
    /// (demand, cap index, text)
    capped: Vec<(usize, usize, Arc<str>)>,
}

impl UnusedReasons {
    fn elsewhere(&mut self, demands: &[Demand], d: usize, other: Option<usize>) -> Arc<str> {
        if let Some((_, _, text)) = self.elsewhere.iter().find(|e| e.0 == d && e.1 == other) {
            return text.clone();
        }
        let key = other.map_or("another requirement", |o| demands[o].key.as_str());
        let text: Arc<str> = Arc::from(format!(
            "counted toward {key} instead; the two may not share hours"
        ));
        self.elsewhere.push((d, other, text.clone()));
        text
    }

    fn capped(&mut self, demands: &[Demand], d: usize, cap: usize) -> Arc<str> {
        if let Some((_, _, text)) = self.capped.iter().find(|e| e.0 == d && e.1 == cap) {
            return text.clone();
        }
        let cap_rule = &demands[d].caps[cap];
        let text: Arc<str> = Arc::from(format!(
            "{} cap of {} h reached",
            cap_rule.label, cap_rule.max
        ));
        self.capped.push((d, cap, text.clone()));
        text
    }
}

/// Says why an eligible credit did not count toward a requirement that still misses hours.
#[allow(clippy::too_many_arguments)]
fn explain_unused(
    demands: &[Demand],
    bits: &[u64],
    members: &[usize],
    edges: &[(usize, EdgeRef)],
    list: &[usize],
    state: &Readback<'_>,
    reasons: &mut UnusedReasons,
    out: &mut [Allocation],
) {
    for &(i, _) in edges {
        let d = members[i];
        if demands[d].quiet {
            continue;
        }
        if state.got[i] >= demands[d].required.unwrap_or_default().as_hundredths() {
            continue;
        }
        for (k, &c) in list.iter().enumerate() {
            if state.counted_in[c] & (1 << i) != 0 {
                continue;
            }
            let reason = if state.left[k] == 0 {
                // The first other member of this signature that took the credit, if any.
                let other = edges
                    .iter()
                    .find(|&&(j, _)| j != i && state.counted_in[c] & (1 << j) != 0)
                    .map(|&(j, _)| members[j]);
                reasons.elsewhere(demands, d, other)
            } else if let Some(cap) = demands[d].cap_for(bits.get(c).copied().unwrap_or(0)) {
                reasons.capped(demands, d, cap)
            } else {
                continue;
            };
            out[d].rejected.push((c, reason));
        }
    }
}
