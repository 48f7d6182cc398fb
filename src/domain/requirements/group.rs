//! Shares the hours of eligible credits among the requirements of one group (requirements
//! that may not count the same hours twice) as a maximum flow, and explains eligible credits
//! that went unused.

use std::{ops::Range, sync::Arc};

use super::{
    allocate::Allocation,
    case::Credit,
    demand::Demand,
    flow::{INFINITE, Network},
    hours::Hours,
    report::{Reason, Rejection},
};

/// Which members of a group a credit fits (bit mask), and the cap it falls under.
type Signature = (u64, Option<usize>);

/// Beyond this many distinct signatures in a group, positions are ordered by sorting.
const MANY_KINDS: usize = 32;

/// Buffers reused by every group of a clinician's credentials.
#[derive(Default)]
pub struct Scratch {
    /// (credit, signature) of every credit some member may count, in canonical order; a
    /// credit is then named by its position `p` here.
    merged: Vec<(usize, Signature)>,
    /// Per credit, the members it fits (no bit set: none) and its cap.
    by_credit: Vec<Signature>,
    /// Positions ordered by signature, then credit.
    order: Vec<usize>,
    /// The distinct signatures of `merged`, in order, and where each one's positions start.
    kinds: Vec<Signature>,
    starts: Vec<usize>,
    /// Per position, the members it counted toward (bit i = member i).
    counted_in: Vec<u64>,
    /// Hundredths each position gave each member (position × members + member).
    taken: Vec<i64>,
    /// Hundredths counted toward each member so far.
    got: Vec<i64>,
    /// Hours of each credit of the current signature not counted anywhere.
    left: Vec<i64>,
}

impl Scratch {
    /// Fills `order` with the positions of `merged` by signature, then position: the same
    /// order as a sort, but by bucket (a group has only a few distinct signatures), which is
    /// linear where sorting took several percent of an evaluation (issue 4 benchmark).
    fn order_by_signature(&mut self) {
        let merged = &self.merged;
        self.order.clear();
        self.kinds.clear();
        for &(_, signature) in merged {
            if self.kinds.last() != Some(&signature) && !self.kinds.contains(&signature) {
                self.kinds.push(signature);
            }
            if self.kinds.len() > MANY_KINDS {
                // Looking up so many would cost more than the sort it replaces.
                self.order.extend(0..merged.len());
                self.order.sort_unstable_by_key(|&p| (merged[p].1, p));
                return;
            }
        }
        if let [_] = self.kinds.as_slice() {
            self.order.extend(0..merged.len());
            return;
        }
        self.kinds.sort_unstable();
        let kind_of = |signature: &Signature| self.kinds.partition_point(|k| k < signature);
        self.starts.clear();
        self.starts.resize(self.kinds.len() + 1, 0);
        for (_, signature) in merged {
            self.starts[kind_of(signature) + 1] += 1;
        }
        for k in 1..self.starts.len() {
            self.starts[k] += self.starts[k - 1];
        }
        self.order.resize(merged.len(), 0);
        for (p, (_, signature)) in merged.iter().enumerate() {
            let slot = &mut self.starts[kind_of(signature)];
            self.order[*slot] = p;
            *slot += 1;
        }
    }
}

/// One signature's credits (a range of `Scratch::order`) and its (member, flow) edges.
struct Run {
    signature: Signature,
    credits: Range<usize>,
    flows: Range<usize>,
}

/// The (credit, cap) lists of all demands: demand d's is `eligible[ranges[d]]`.
pub struct Lists<'a> {
    pub eligible: &'a [(usize, Option<usize>)],
    pub ranges: &'a [Range<usize>],
}

impl Lists<'_> {
    fn of(&self, d: usize) -> &[(usize, Option<usize>)] {
        &self.eligible[self.ranges[d].clone()]
    }
}

/// Allocates the group `members` (demand indices, in order) from their eligible lists.
pub fn solve(
    demands: &[Demand],
    credits: &[&Credit],
    bits: &[u64],
    members: &[usize],
    eligible: &Lists<'_>,
    scratch: &mut Scratch,
    out: &mut [Allocation],
) {
    let s = scratch;
    s.merged.clear();
    if let [d] = members {
        // One member's list is in canonical order, each credit once.
        s.merged
            .extend(eligible.of(*d).iter().map(|&(c, cap)| (c, (1, cap))));
    } else {
        // Marking each credit's signature in a table by credit, members in order (so the
        // first member's cap wins), then reading it in credit order merges the lists in
        // linear time, where a stable sort of all entries took O(n log n).
        s.by_credit.clear();
        s.by_credit.resize(credits.len(), (0, None));
        for (bit, &d) in members.iter().enumerate().take(64) {
            for &(c, cap) in eligible.of(d) {
                let signature = &mut s.by_credit[c];
                signature.0 |= 1 << bit;
                signature.1 = signature.1.or(cap);
            }
        }
        let fitting = s.by_credit.iter().enumerate().filter(|(_, sig)| sig.0 != 0);
        s.merged
            .extend(fitting.map(|(c, &signature)| (c, signature)));
    }
    // No credit to share: nothing counts and nothing needs explaining.
    if s.merged.is_empty() {
        return;
    }
    s.order_by_signature();
    let merged = &s.merged;
    let (runs, flows) = share(demands, credits, members, merged, &s.order);

    let m = members.len();
    s.counted_in.clear();
    s.counted_in.resize(merged.len(), 0);
    s.taken.clear();
    s.taken.resize(merged.len() * m, 0);
    s.got.clear();
    s.got.resize(m, 0);
    let got = &mut s.got;
    let mut reasons = UnusedReasons::default();
    for run in &runs {
        let list = &s.order[run.credits.clone()];
        s.left.clear();
        s.left.extend(
            list.iter()
                .map(|&p| credits[merged[p].0].hours.as_hundredths()),
        );
        for &(i, flow) in &flows[run.flows.clone()] {
            let mut flow = flow;
            for (k, &p) in list.iter().enumerate() {
                if flow == 0 {
                    break;
                }
                let take = flow.min(s.left[k]);
                if take > 0 {
                    s.taken[p * m + i] = take;
                    s.counted_in[p] |= 1 << i;
                    got[i] += take;
                    s.left[k] -= take;
                    flow -= take;
                }
            }
        }
        let state = Readback {
            merged,
            list,
            flows: &flows[run.flows.clone()],
            counted_in: &s.counted_in,
            got: got.as_slice(),
            left: &s.left,
        };
        explain_unused(demands, credits, bits, members, &state, &mut reasons, out);
    }
    // Read back in position order, which is credit order, so no list needs sorting; each
    // credit counts at most once per member (one edge per signature and member).
    for (i, &d) in members.iter().enumerate() {
        let bit = 1u64 << i;
        let count = s.counted_in.iter().filter(|&&mask| mask & bit != 0).count();
        let counted = &mut out[d].counted;
        counted.reserve_exact(count);
        for (p, &mask) in s.counted_in.iter().enumerate() {
            if mask & bit != 0 {
                counted.push((merged[p].0, Hours::hundredths(s.taken[p * m + i])));
            }
        }
    }
}

/// The hours each signature gives each member it fits: (member, hours) per run.
fn share(
    demands: &[Demand],
    credits: &[&Credit],
    members: &[usize],
    merged: &[(usize, Signature)],
    order: &[usize],
) -> (Vec<Run>, Vec<(usize, i64)>) {
    let mut runs: Vec<Run> = Vec::new();
    let mut flows: Vec<(usize, i64)> = Vec::new();
    let mut start = 0;
    for chunk in order.chunk_by(|&a, &b| merged[a].1 == merged[b].1) {
        let signature = merged[chunk[0]].1;
        let first = flows.len();
        flows.extend(
            (0..members.len())
                .filter(|i| signature.0 & (1 << i) != 0)
                .map(|i| (i, 0)),
        );
        runs.push(Run {
            signature,
            credits: start..start + chunk.len(),
            flows: first..flows.len(),
        });
        start += chunk.len();
    }
    let supply = |run: &Run| -> i64 {
        order[run.credits.clone()]
            .iter()
            .map(|&p| credits[merged[p].0].hours.as_hundredths())
            .sum()
    };
    let required = |i: usize| {
        demands[members[i]]
            .required
            .unwrap_or_default()
            .as_hundredths()
    };
    let cap_max = |cap: usize| {
        // Caps only exist on the total, which is always the group's first member.
        demands[members[0]]
            .caps
            .get(cap)
            .map_or(0, |c| c.max.as_hundredths())
    };
    if let ([run], [_]) = (runs.as_slice(), members) {
        // One path from source to sink: its flow is its narrowest capacity.
        let mut flow = supply(run).min(required(0));
        if let Some(cap) = run.signature.1 {
            flow = flow.min(cap_max(cap));
        }
        flows[0].1 = flow;
        return (runs, flows);
    }
    let mut caps: Vec<usize> = runs.iter().filter_map(|run| run.signature.1).collect();
    caps.sort_unstable();
    caps.dedup();
    let (source, sink) = (0, 1);
    let sig_node = |i: usize| 2 + i;
    let cap_node = |i: usize| 2 + runs.len() + i;
    let demand_node = |i: usize| 2 + runs.len() + caps.len() + i;
    let mut net = Network::with_nodes(2 + runs.len() + caps.len() + members.len());
    for i in 0..members.len() {
        net.add_edge(demand_node(i), sink, required(i));
    }
    for (k, &cap) in caps.iter().enumerate() {
        net.add_edge(cap_node(k), demand_node(0), cap_max(cap));
    }
    let mut edges = Vec::with_capacity(flows.len());
    for (s, run) in runs.iter().enumerate() {
        net.add_edge(source, sig_node(s), supply(run));
        for &(i, _) in &flows[run.flows.clone()] {
            let target = match run.signature.1 {
                Some(cap) if i == 0 => cap_node(caps.iter().position(|&x| x == cap).unwrap_or(0)),
                _ => demand_node(i),
            };
            edges.push(net.add_edge(sig_node(s), target, INFINITE));
        }
    }
    net.max_flow(source, sink);
    for (flow, edge) in flows.iter_mut().zip(edges) {
        flow.1 = net.flow(edge);
    }
    (runs, flows)
}

/// What the read-back of one signature's flow has decided so far.
struct Readback<'a> {
    merged: &'a [(usize, Signature)],
    /// The signature's credits (positions in `merged`).
    list: &'a [usize],
    /// (member, hours) the signature gave.
    flows: &'a [(usize, i64)],
    counted_in: &'a [u64],
    got: &'a [i64],
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
fn explain_unused(
    demands: &[Demand],
    credits: &[&Credit],
    bits: &[u64],
    members: &[usize],
    state: &Readback<'_>,
    reasons: &mut UnusedReasons,
    out: &mut [Allocation],
) {
    for &(i, _) in state.flows {
        let d = members[i];
        if demands[d].quiet {
            continue;
        }
        if state.got[i] >= demands[d].required.unwrap_or_default().as_hundredths() {
            continue;
        }
        for (k, &p) in state.list.iter().enumerate() {
            if state.counted_in[p] & (1 << i) != 0 {
                continue;
            }
            let c = state.merged[p].0;
            let reason = if state.left[k] == 0 {
                // The first other member of this signature that took the credit, if any.
                let other = state
                    .flows
                    .iter()
                    .find(|&&(j, _)| j != i && state.counted_in[p] & (1 << j) != 0)
                    .map(|&(j, _)| members[j]);
                reasons.elsewhere(demands, d, other)
            } else if let Some(cap) = demands[d].cap_for(bits.get(c).copied().unwrap_or(0)) {
                reasons.capped(demands, d, cap)
            } else {
                continue;
            };
            out[d].rejected.push(Rejection {
                id: credits[c].id.clone(),
                reason: Reason::Text(reason),
            });
        }
    }
}
