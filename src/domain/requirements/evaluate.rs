//! Evaluates a case: every credential against its rule set, every credit counted wherever it fits.

use std::{
    borrow::Cow,
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
    plan::{self, Context},
    report::{CountedCredit, CredentialReport, NextStep, Report, RequirementReport},
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

/// The credits by completion date, then id. Sorting (day, position) keys, then only each
/// day's run by id, compares integers where comparing through the references cost a few
/// percent of an evaluation (issue 4 benchmark).
fn canonical_order(credits: &[Credit]) -> Vec<&Credit> {
    let Ok(count) = u32::try_from(credits.len()) else {
        let mut sorted: Vec<&Credit> = credits.iter().collect();
        sorted.sort_by(|a, b| (a.completed, &a.id).cmp(&(b.completed, &b.id)));
        return sorted;
    };
    // Day and position packed into one word (day above, shifted to be unsigned) sort in the
    // same order as the pair, but as single integers: the pairs' sort was about 5 % of an
    // evaluation in the batch benchmark.
    let mut keys: Vec<u64> = credits
        .iter()
        .zip(0..count)
        .map(|(credit, i)| {
            let day = credit.completed.num_days_from_ce().cast_unsigned() ^ (1 << 31);
            (u64::from(day) << 32) | u64::from(i)
        })
        .collect();
    // Unstable is enough: ids are unique in any case that gets past the checks in `evaluate`.
    keys.sort_unstable();
    let mut sorted: Vec<&Credit> = keys
        .iter()
        .map(|&key| &credits[(key & u64::from(u32::MAX)) as usize])
        .collect();
    for day in sorted.chunk_by_mut(|a, b| a.completed == b.completed) {
        if day.len() > 1 {
            day.sort_unstable_by(|a, b| a.id.cmp(&b.id));
        }
    }
    sorted
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
    let mut buffers = Buffers::default();
    let mut reports = Vec::with_capacity(case.credentials.len());
    for credential in &case.credentials {
        reports.push(evaluate_credential(
            case,
            catalog,
            credential,
            &credits,
            &index,
            &checked.bits,
            &mut buffers,
        )?);
    }
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

/// Everything still to do, most urgent first (status, then due date, then most missing).
fn next_steps(reports: &[CredentialReport]) -> Vec<NextStep> {
    let mut steps: Vec<(u8, NextStep)> = Vec::new();
    for report in reports {
        for req in &report.requirements {
            let Some(urgency) = req.status.urgency() else {
                continue;
            };
            let text = match (req.missing, req.due) {
                (Some(missing), Some(due)) => {
                    format!(
                        "{}: {missing} h of {} by {due} ({})",
                        report.id,
                        req.label,
                        req.status.label()
                    )
                }
                (_, Some(due)) => format!(
                    "{}: complete {} by {due} ({})",
                    report.id,
                    req.label,
                    req.status.label()
                ),
                _ => format!(
                    "{}: complete {} ({})",
                    report.id,
                    req.label,
                    req.status.label()
                ),
            };
            steps.push((
                urgency,
                NextStep {
                    credential: report.id.clone(),
                    key: req.key.clone(),
                    status: req.status,
                    due: req.due,
                    missing: req.missing,
                    text,
                },
            ));
        }
    }
    steps.sort_by(|(ua, a), (ub, b)| {
        (
            ua,
            a.due,
            std::cmp::Reverse(a.missing),
            &a.credential,
            &a.key,
        )
            .cmp(&(
                ub,
                b.due,
                std::cmp::Reverse(b.missing),
                &b.credential,
                &b.key,
            ))
    });
    steps.into_iter().map(|(_, step)| step).collect()
}
