//! Evaluates a case: every credential against its rule set, every credit counted wherever it fits.

use std::{
    collections::{BTreeSet, HashSet},
    hash::{BuildHasherDefault, Hasher},
};

use super::{
    allocate::{TopicIndex, allocate},
    carry_over,
    case::{Case, Credit},
    catalog::Catalog,
    cycle,
    demand::type_bit,
    error::EngineError,
    facts::{self, FactView},
    hours::Hours,
    plan::{self, Context},
    report::{CountedCredit, CredentialReport, NextStep, Rejection, Report, RequirementReport},
    status::status,
};

/// Bit of a credit type by name: a short scan of the vocabulary (about ten types), cheaper than
/// building a hash map for every evaluation. `None` for a type the catalog does not know.
fn type_bit_of(catalog: &Catalog, name: &str) -> Option<u64> {
    let vocabulary = &catalog.vocabulary;
    vocabulary
        .credit_types
        .iter()
        .find(|info| info.key.as_str() == name)
        .map(|info| type_bit(vocabulary, &info.key))
}

/// Checks names and ids in the case before anything is computed; the first problem in input
/// order is the error.
fn validate(case: &Case, catalog: &Catalog) -> Result<(), EngineError> {
    validate_credentials(case, catalog)?;
    let mut credit_ids: HashSet<&str> = HashSet::with_capacity(case.credits.len());
    for credit in &case.credits {
        if !credit_ids.insert(credit.id.as_str()) {
            return Err(EngineError::DuplicateId(credit.id.to_string()));
        }
        if type_bit_of(catalog, credit.credit_type.as_str()).is_none() {
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

/// Credit type bits in the order of `credits`, or `None` when some credit is invalid (unknown
/// type or topic, or an id given twice); the caller then runs the full check for the message.
fn quick_check(credits: &[&Credit], catalog: &Catalog) -> Option<Vec<u64>> {
    let mut bits = Vec::with_capacity(credits.len());
    let mut ids: HashSet<&str, BuildHasherDefault<IdHasher>> =
        HashSet::with_capacity_and_hasher(credits.len(), Default::default());
    for credit in credits {
        bits.push(type_bit_of(catalog, credit.credit_type.as_str())?);
        if !credit
            .topics
            .iter()
            .all(|t| catalog.knows_topic(t.as_str()))
        {
            return None;
        }
        if !ids.insert(credit.id.as_str()) {
            return None;
        }
    }
    Some(bits)
}

/// A cheap multiplicative hash for credit ids: they come from the clinician's own case, and a
/// collision only costs a comparison, so the DoS-resistant default hasher is not needed here.
#[derive(Default)]
struct IdHasher(u64);

impl Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word))
                .wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
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
    let mut credits: Vec<&Credit> = case.credits.iter().collect();
    credits.sort_by(|a, b| (a.completed, &a.id).cmp(&(b.completed, &b.id)));
    let type_bits = match quick_check(&credits, catalog) {
        Some(bits) => {
            validate_credentials(case, catalog)?;
            bits
        }
        None => {
            // Something is wrong: the full check names the first problem in input order.
            validate(case, catalog)?;
            return Err(EngineError::InvalidCase("credit check disagreed".into()));
        }
    };

    let index = TopicIndex::new(&credits);
    let mut reports = Vec::with_capacity(case.credentials.len());
    for credential in &case.credentials {
        reports.push(evaluate_credential(
            case, catalog, credential, &credits, &index, &type_bits,
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
    index: &TopicIndex<'_>,
    type_bits: &[u64],
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
    };
    let mut demands = plan::demands(&ctx);
    for demand in &mut demands {
        demand.index_types(&catalog.vocabulary);
    }

    let carried = carry_over::credit(set, &cycle, credits);
    let mut pool: Vec<&Credit> = credits.to_vec();
    if let Some(carried) = &carried {
        pool.push(carried);
    }
    let mut bits = type_bits.to_vec();
    if carried.is_some() {
        bits.push(0);
    }
    let allocations = allocate(&demands, &pool, &bits, index, case.today);
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
                rejected: allocation
                    .rejected
                    .into_iter()
                    .map(|(c, reason)| Rejection {
                        id: pool[c].id.clone(),
                        reason,
                    })
                    .collect(),
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
