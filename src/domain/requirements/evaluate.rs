//! Evaluates a case: every credential against its rule set, every credit counted wherever it fits.

use std::{
    borrow::Cow,
    cell::RefCell,
    collections::{BTreeSet, HashSet},
    hash::BuildHasher,
};

use chrono::Datelike;

use super::{
    allocate::{Buffers, allocate},
    carry_over,
    case::{Case, Credit},
    catalog::Catalog,
    cycle,
    error::EngineError,
    facts::{self, FactView},
    fast_hash::{self, FastBuild},
    hours::Hours,
    next_steps::next_steps,
    plan::{self, Context},
    report::{CountedCredit, CredentialReport, Report, RequirementReport},
    status::status,
    topic_index::TopicIndex,
};

/// Checks names and ids in the case before anything is computed; the first problem in input
/// order is the error.
fn validate(case: &Case, catalog: &Catalog) -> Result<(), EngineError> {
    validate_credentials(case, catalog)?;
    let mut credit_ids: HashSet<&str> = HashSet::with_capacity(case.credits.len());
    for credit in &case.credits {
        if !credit_ids.insert(credit.id.as_str()) {
            return Err(EngineError::DuplicateId(credit.id.to_string()));
        }
        if catalog
            .names
            .type_bit(credit.credit_type.as_str())
            .is_none()
        {
            return Err(EngineError::UnknownCreditType {
                credit: credit.id.to_string(),
                credit_type: credit.credit_type.0.clone(),
            });
        }
        if let Some(topic) = credit
            .topics
            .iter()
            .find(|t| !catalog.knows_topic(t.as_str()))
        {
            return Err(EngineError::UnknownTopic {
                credit: credit.id.to_string(),
                topic: topic.0.clone(),
            });
        }
    }
    Ok(())
}

/// The clinician's facts and the credentials: ids, facts and rule sets.
fn validate_credentials(case: &Case, catalog: &Catalog) -> Result<(), EngineError> {
    facts::validate(&case.facts, &catalog.vocabulary)?;
    let mut ids = BTreeSet::new();
    for credential in &case.credentials {
        if !ids.insert(credential.id.as_str()) {
            return Err(EngineError::DuplicateId(credential.id.0.clone()));
        }
        facts::validate(&credential.facts, &catalog.vocabulary)?;
        catalog.resolve(&credential.rule_set)?;
    }
    Ok(())
}

/// Numbers for the names in the credits, each list in the order of `credits`.
struct Checked {
    /// The bit of each credit's type.
    bits: Vec<u64>,
    /// (topic number, credit index) for every topic of every credit.
    topics: Vec<(u32, usize)>,
}

/// The credits' names as numbers, or `None` when some credit is invalid (unknown type or
/// topic, or an id given twice); the caller then runs the full check for the message.
fn quick_check(credits: &[&Credit], catalog: &Catalog) -> Option<Checked> {
    let names = &catalog.names;
    let mut bits = Vec::with_capacity(credits.len());
    let mut topics = Vec::with_capacity(credits.len());
    let mut hashes = Vec::with_capacity(credits.len());
    for (c, credit) in credits.iter().enumerate() {
        bits.push(names.type_bit(credit.credit_type.as_str())?);
        for topic in &credit.topics {
            topics.push((names.topic(topic.as_str())?, c));
        }
        hashes.push(FastBuild::default().hash_one(credit.id.as_str()));
    }
    // Only equal hashes need the ids compared (measured: a hash set of 300 ids cost about 5%
    // of an evaluation, sorting the hashes about 3%).
    if !fast_hash::all_distinct(&hashes) && repeats_an_id(credits) {
        return None;
    }
    Some(Checked { bits, topics })
}

fn repeats_an_id(credits: &[&Credit]) -> bool {
    let mut ids: HashSet<&str, FastBuild> =
        HashSet::with_capacity_and_hasher(credits.len(), FastBuild::default());
    !credits.iter().all(|credit| ids.insert(credit.id.as_str()))
}

/// The credits by completion date, then id: positions by day (see `by_day`), then only each
/// day's run sorted by id.
fn canonical_order(credits: &[Credit]) -> Vec<&Credit> {
    let mut sorted: Vec<&Credit> = by_day(credits).into_iter().map(|i| &credits[i]).collect();
    for day in sorted.chunk_by_mut(|a, b| a.completed == b.completed) {
        if day.len() > 1 {
            // Unstable is enough: ids are unique in any case that gets past the checks.
            day.sort_unstable_by(|a, b| a.id.cmp(&b.id));
        }
    }
    sorted
}

/// Positions of `credits` by completion day, then position. A clinician's credits span a few
/// years, so a radix sort on each credit's day within that span (two passes of eight bits) is
/// linear; comparing sorts were 4 % of an evaluation in the issue 4 benchmark. A span over 179
/// years falls back to sorting (day, position).
fn by_day(credits: &[Credit]) -> Vec<usize> {
    let days: Vec<i32> = credits
        .iter()
        .map(|credit| credit.completed.num_days_from_ce())
        .collect();
    let (Some(&first), Some(&last)) = (days.iter().min(), days.iter().max()) else {
        return Vec::new();
    };
    let Ok(span) = u16::try_from(last - first) else {
        let mut keys: Vec<(i32, usize)> = days.into_iter().zip(0..).collect();
        keys.sort_unstable();
        return keys.into_iter().map(|(_, i)| i).collect();
    };
    let offsets: Vec<u16> = days
        .iter()
        .map(|&day| u16::try_from(day - first).unwrap_or(u16::MAX))
        .collect();
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    let mut next = vec![0usize; offsets.len()];
    // Least significant byte first; each pass is stable, so equal days keep their positions.
    for shift in [0u16, 8] {
        if shift > 0 && span >> shift == 0 {
            break;
        }
        let byte = |i: usize| usize::from((offsets[i] >> shift) & 0xff);
        let mut starts = [0usize; 257];
        for &i in &order {
            starts[byte(i) + 1] += 1;
        }
        for b in 1..starts.len() {
            starts[b] += starts[b - 1];
        }
        for &i in &order {
            let slot = &mut starts[byte(i)];
            next[*slot] = i;
            *slot += 1;
        }
        std::mem::swap(&mut order, &mut next);
    }
    order
}

thread_local! {
    /// Working lists kept by each thread between evaluations: growing them afresh for every
    /// clinician was about 3 % of an evaluation in the issue 4 benchmark. They hold indices
    /// and hours only, never a clinician's data, and are cleared before each use.
    static BUFFERS: RefCell<Buffers> = RefCell::new(Buffers::default());
}

/// Runs `work` with this thread's buffers (fresh ones if they are somehow in use already).
fn with_buffers<T>(work: impl FnOnce(&mut Buffers) -> T) -> T {
    BUFFERS.with(|cell| match cell.try_borrow_mut() {
        Ok(mut buffers) => work(&mut buffers),
        Err(_) => work(&mut Buffers::default()),
    })
}

/// The full report for one clinician. Pure: `case.today` is the only notion of time.
pub fn evaluate(case: &Case, catalog: &Catalog) -> Result<Report, EngineError> {
    let mut extended;
    let catalog = if case.custom_rule_sets.is_empty() {
        catalog
    } else {
        extended = catalog.clone();
        for custom in &case.custom_rule_sets {
            extended.add(custom.clone().into_rule_set())?;
        }
        &extended
    };
    // Canonical order makes the result independent of the order credits were given in.
    let credits = canonical_order(&case.credits);
    let checked = match quick_check(&credits, catalog) {
        Some(checked) => {
            validate_credentials(case, catalog)?;
            checked
        }
        None => {
            // Something is wrong: the full check names the first problem in input order.
            validate(case, catalog)?;
            return Err(EngineError::InvalidCase("credit check disagreed".into()));
        }
    };

    let index = TopicIndex::new(checked.topics, catalog.names.topic_count(), credits.len());
    let mut reports = Vec::with_capacity(case.credentials.len());
    with_buffers(|buffers| {
        for credential in &case.credentials {
            reports.push(evaluate_credential(
                case,
                catalog,
                credential,
                &credits,
                &index,
                &checked.bits,
                buffers,
            )?);
        }
        Ok::<_, EngineError>(())
    })?;
    let next_steps = next_steps(&reports);
    Ok(Report {
        today: case.today,
        credentials: reports,
        next_steps,
    })
}

fn evaluate_credential(
    case: &Case,
    catalog: &Catalog,
    credential: &super::case::CredentialInput,
    credits: &[&Credit],
    index: &TopicIndex,
    type_bits: &[u64],
    buffers: &mut Buffers,
) -> Result<CredentialReport, EngineError> {
    let facts = FactView {
        credential: &credential.facts,
        clinician: &case.facts,
    };
    let id = credential.id.as_str();
    // The newest version finds the cycle; the version in force at its end judges it.
    let newest = catalog.version_for(&credential.rule_set, chrono::NaiveDate::MAX)?;
    let probe = cycle::current(
        newest,
        id,
        credential.initial_licence,
        credential.expires,
        &facts,
        case.today,
    )?;
    let set = catalog.version_for(&credential.rule_set, probe.end)?;
    let cycle = cycle::current(
        set,
        id,
        credential.initial_licence,
        credential.expires,
        &facts,
        case.today,
    )?;
    let ctx = Context {
        set,
        cycle,
        initial: credential.initial_licence,
        facts,
        today: case.today,
        names: &catalog.names,
    };
    let demands = plan::demands(&ctx);

    let carried = carry_over::credit(set, &cycle, credits, type_bits, index, &catalog.names);
    // Carried hours come last, without a type bit; most credentials carry none.
    let (pool, bits): (Cow<[&Credit]>, Cow<[u64]>) = match &carried {
        None => (Cow::Borrowed(credits), Cow::Borrowed(type_bits)),
        Some(carried) => {
            let mut pool = credits.to_vec();
            pool.push(carried);
            let mut bits = type_bits.to_vec();
            bits.push(0);
            (Cow::Owned(pool), Cow::Owned(bits))
        }
    };
    let allocations = allocate(
        &demands,
        &pool,
        &bits,
        index,
        case.today,
        &catalog.names,
        buffers,
    );
    // The demands are not needed afterwards: their texts move into the report uncopied.
    let requirements = demands
        .into_iter()
        .zip(allocations)
        .map(|(demand, allocation)| {
            let counted = allocation.counted.iter().map(|(_, h)| *h).sum();
            RequirementReport {
                required: demand.required,
                counted,
                missing: demand.required.map(|r| {
                    if demand.is_settled() {
                        Hours::ZERO
                    } else {
                        r.saturating_sub(counted)
                    }
                }),
                status: status(&demand, counted, case.today, cycle.end),
                due: demand.due,
                counted_credits: allocation
                    .counted
                    .iter()
                    .map(|&(c, hours)| CountedCredit {
                        id: pool[c].id.clone(),
                        hours,
                    })
                    .collect(),
                rejected: allocation.rejected,
                key: demand.key,
                label: demand.label,
                sources: demand.sources,
                confidence: demand.confidence,
                notes: demand.notes,
            }
        })
        .collect();
    Ok(CredentialReport {
        id: credential.id.clone(),
        rule_set: set.id.0.clone(),
        version: set.version,
        board: set.board.clone(),
        start: cycle.start,
        end: cycle.end,
        renewal_number: cycle.renewal,
        requirements,
        unknowns: set.unknowns.clone(),
    })
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::{
        super::{case::Credit, hours::Hours, ids::CreditId},
        by_day,
    };
    use crate::domain::requirements::ids::CreditType;

    fn credit(i: usize, completed: NaiveDate) -> Credit {
        Credit {
            id: CreditId::new(format!("c{i}")),
            title: String::new(),
            completed,
            hours: Hours::whole(1),
            credit_type: CreditType::new("AMA_PRA_1"),
            format: None,
            topics: Vec::new(),
        }
    }

    /// What `by_day` must equal: a sort by (day, position).
    fn sorted(credits: &[Credit]) -> Vec<usize> {
        let mut keys: Vec<(NaiveDate, usize)> = credits
            .iter()
            .enumerate()
            .map(|(i, c)| (c.completed, i))
            .collect();
        keys.sort();
        keys.into_iter().map(|(_, i)| i).collect()
    }

    #[test]
    fn orders_by_day_then_position_over_short_and_long_spans() {
        let start = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap_or_default();
        // Days from a simple generator, with repeats; then the same with one credit far away,
        // which takes the sorting path.
        let mut credits: Vec<Credit> = (0..500)
            .map(|i| credit(i, start + chrono::Days::new((i as u64 * 7919) % 1500)))
            .collect();
        assert_eq!(by_day(&credits), sorted(&credits));
        let within_months: Vec<Credit> = (0..60)
            .map(|i| credit(i, start + chrono::Days::new((i as u64 * 37) % 200)))
            .collect();
        assert_eq!(by_day(&within_months), sorted(&within_months));
        credits.push(credit(
            500,
            NaiveDate::from_ymd_opt(1900, 6, 1).unwrap_or_default(),
        ));
        credits.push(credit(
            501,
            NaiveDate::from_ymd_opt(2400, 6, 1).unwrap_or_default(),
        ));
        assert_eq!(by_day(&credits), sorted(&credits));
        assert!(by_day(&[]).is_empty());
    }
}
