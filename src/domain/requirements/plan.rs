//! Turns a requirement set into the demands of one credential's current cycle.

use chrono::NaiveDate;

use super::{
    catalog::{FirstRenewalKind, FirstRenewalTreatment, Names, ProrationKind, RuleSet, TopicRule},
    cycle::{self, Cycle},
    demand::{Cap, Demand},
    facts::{Applies, FactView},
    hours::Hours,
    report::{SourceRef, Status},
    timing,
};

/// Everything the planner needs about the credential.
pub struct Context<'a> {
    pub set: &'a RuleSet,
    pub cycle: Cycle,
    pub initial: Option<NaiveDate>,
    pub facts: FactView<'a>,
    pub today: NaiveDate,
    pub names: &'a Names,
}

pub(crate) fn sources(set: &RuleSet, ids: &[String]) -> Vec<SourceRef> {
    set.sources
        .iter()
        .filter(|source| ids.contains(&source.id))
        .map(|source| SourceRef {
            title: source.title.clone(),
            url: source.url.clone(),
        })
        .collect()
}

/// Whether general hours are waived this cycle, and which topics stay required if so.
fn first_renewal_exemption(ctx: &Context<'_>) -> Option<Option<Vec<String>>> {
    let first = ctx.cycle.renewal == Some(1);
    match &ctx.set.first_renewal.kind {
        FirstRenewalKind::ExemptGeneralHours {
            still_required,
            within_months_of_initial,
        } => {
            let within = match (within_months_of_initial, ctx.initial) {
                (Some(months), Some(initial)) => {
                    ctx.cycle.start < cycle::add_months(initial, i64::from(*months))
                }
                _ => first,
            };
            within.then(|| {
                still_required
                    .as_ref()
                    .map(|t| t.iter().map(|k| k.0.clone()).collect())
            })
        }
        FirstRenewalKind::ExemptIfFact {
            fact,
            still_required,
        } => (first && ctx.facts.flag(fact.as_str()) == Some(true)).then(|| {
            still_required
                .as_ref()
                .map(|t| t.iter().map(|k| k.0.clone()).collect())
        }),
        _ => None,
    }
}

/// The hours of the total after first-term reductions and proration.
fn total_hours(ctx: &Context<'_>, notes: &mut Vec<String>) -> Hours {
    let set = ctx.set;
    let mut hours = set.total.hours;
    let (Some(initial), Some(1)) = (ctx.initial, ctx.cycle.renewal) else {
        return hours;
    };
    let months = cycle::months_between(initial, ctx.cycle.end).max(0);
    if let FirstRenewalKind::ReducedTotal {
        first_term_months_under,
        hours: reduced,
    } = &set.first_renewal.kind
        && months < i64::from(*first_term_months_under)
    {
        hours = hours.min(*reduced);
        notes.push(format!(
            "first term under {first_term_months_under} months: {reduced} h"
        ));
    }
    if let Some(proration) = &set.proration
        && let ProrationKind::HoursPerMonth { hours: per_month } = &proration.kind
    {
        let prorated = Hours::hundredths(per_month.as_hundredths() * months);
        if prorated < hours {
            notes.push(format!(
                "prorated: {per_month} h for each of {months} months licensed"
            ));
            hours = prorated;
        }
    }
    hours
}

/// Builds the demands; group 0 is the total and the topics whose hours come on top of it.
pub fn demands(ctx: &Context<'_>) -> Vec<Demand> {
    let set = ctx.set;
    let cycle = &ctx.cycle;
    let exemption = first_renewal_exemption(ctx);
    let (from, to) = cycle.total_window(&set.window.kind);
    let waived = exemption.is_some().then_some(Status::Waived);
    let caps: Vec<Cap> = set
        .credit_types
        .buckets
        .iter()
        .filter_map(|b| {
            b.max_hours.map(|max| Cap {
                label: b.label.clone(),
                types: ctx.names.type_mask(&b.types),
                max,
            })
        })
        .collect();
    let base = |key: &str, label: String, required: Hours, types: Option<u64>| Demand {
        key: key.to_owned(),
        label,
        required: Some(required),
        from,
        to,
        due: Some(cycle.end),
        pace_from: cycle.start,
        grace_days: set.cycle.grace_days,
        fixed: waived,
        accepted_types: types,
        topics: None,
        caps: Vec::new(),
        group: 0,
        quiet: false,
        sources: Vec::new(),
        confidence: set.confidence.clone(),
        notes: Vec::new(),
    };
    let mut out = Vec::new();
    if !set.total.hours.is_zero() {
        let mut notes = Vec::new();
        let hours = total_hours(ctx, &mut notes);
        let mut total = base(
            "total",
            "Total hours".into(),
            hours,
            set.credit_types
                .accepted
                .as_deref()
                .map(|types| ctx.names.type_mask(types)),
        );
        total.caps = caps;
        total.sources = sources(set, &set.total.sources);
        total.notes = notes;
        out.push(total);
    }
    for bucket in &set.credit_types.buckets {
        let Some(min) = bucket.min_hours else {
            continue;
        };
        let mut demand = base(
            &bucket.key,
            bucket.label.clone(),
            min,
            Some(ctx.names.type_mask(&bucket.types)),
        );
        demand.group = out.len() + 1;
        demand.quiet = true;
        demand.sources = sources(set, &bucket.sources);
        demand.confidence = bucket.confidence.clone();
        out.push(demand);
    }
    for topic in &set.topics {
        out.push(topic_demand(ctx, topic, exemption.as_ref(), out.len() + 1));
    }
    join_exclusive(set, &mut out);
    out
}

fn topic_demand(
    ctx: &Context<'_>,
    topic: &TopicRule,
    exemption: Option<&Option<Vec<String>>>,
    group: usize,
) -> Demand {
    let set = ctx.set;
    let timing = timing::for_topic(ctx, topic);
    // A key no credit can carry has no number; it would find no credits anyway.
    let topics: Vec<u32> = std::iter::once(&topic.key)
        .chain(&topic.also_satisfied_by_topics)
        .filter_map(|key| ctx.names.topic(key.as_str()))
        .collect();
    // A topic's own types narrow the set's; either alone applies as is.
    let mask = |types: &[_]| ctx.names.type_mask(types);
    let types = match (&set.credit_types.accepted, &topic.credit_types) {
        (Some(set_types), Some(own)) => Some(mask(own) & mask(set_types)),
        (accepted, own) => own.as_deref().or(accepted.as_deref()).map(mask),
    };
    let mut notes = timing.notes;
    let mut fixed = timing.fixed;
    match ctx.facts.applies(&topic.applies_if) {
        Applies::No => fixed = Some(Status::NotApplicable),
        Applies::Unknown(missing) => notes.push(format!(
            "assumed to apply: fact {} not given",
            missing.join(", ")
        )),
        Applies::Yes => {}
    }
    if let Some(still_required) = exemption {
        let keeps = match still_required {
            Some(list) => list.iter().any(|k| k == topic.key.as_str()),
            None => topic.first_renewal != FirstRenewalTreatment::Exempt,
        };
        if !keeps {
            fixed = fixed.or(Some(Status::Waived));
        } else if still_required.is_none() && topic.first_renewal == FirstRenewalTreatment::Unclear
        {
            notes.push("first-renewal treatment unclear in sources; shown as required".into());
        }
    }
    Demand {
        key: topic.key.0.clone(),
        label: topic.label.clone(),
        required: timing.hours,
        from: timing.from,
        to: timing.to,
        due: timing.due,
        pace_from: timing.from.max(ctx.cycle.start),
        grace_days: set.cycle.grace_days,
        fixed,
        accepted_types: types,
        topics: (!topic.any_topic).then_some(topics),
        caps: Vec::new(),
        quiet: false,
        group: if topic.counts_toward_total || set.total.hours.is_zero() {
            group
        } else {
            0
        },
        sources: sources(set, &topic.sources),
        confidence: topic.confidence.clone(),
        notes,
    }
}

/// Puts topics that may not share hours into one group (PA 49 Pa. Code 16.19 via UPMC: child
/// abuse and opioid hours may not count toward the 12 patient-safety hours).
fn join_exclusive(set: &RuleSet, demands: &mut [Demand]) {
    for topic in &set.topics {
        for other in &topic.exclusive_with {
            let find = |key: &str| demands.iter().find(|d| d.key == key).map(|d| d.group);
            let (Some(a), Some(b)) = (find(topic.key.as_str()), find(other.as_str())) else {
                continue;
            };
            let (keep, drop) = (a.min(b), a.max(b));
            for demand in demands.iter_mut().filter(|d| d.group == drop) {
                demand.group = keep;
            }
        }
    }
}
