//! Consistency checks run on every set before it enters the catalog.

use std::collections::BTreeSet;

use super::{FirstRenewalKind, RuleSet, Vocabulary};
use crate::domain::requirements::error::EngineError;

pub(super) fn invalid(id: &str, message: impl Into<String>) -> EngineError {
    EngineError::InvalidCatalog {
        file: format!("{id}.json"),
        message: message.into(),
    }
}

/// Checks one set: sources resolve, every rule claims a source (or says it is unsourced by
/// confidence "low"), names are known, and topic keys are unique.
pub(super) fn rule_set(set: &RuleSet, vocabulary: &Vocabulary) -> Result<(), EngineError> {
    let id = set.id.as_str();
    let fail = |message: String| Err(invalid(id, message));
    if id.is_empty() || set.cycle.months == 0 {
        return fail("a set needs an id and a cycle length".into());
    }
    let source_ids: BTreeSet<&str> = set.sources.iter().map(|s| s.id.as_str()).collect();
    if source_ids.len() != set.sources.len() {
        return fail("source ids are not unique".into());
    }
    for source in &set.sources {
        if source.title.trim().is_empty() || !source.url.starts_with("http") {
            return fail(format!(
                "source `{}` needs a title and an address",
                source.id
            ));
        }
    }
    let check = |what: &str, sources: &[String], confidence: &str| -> Result<(), EngineError> {
        if let Some(missing) = sources.iter().find(|s| !source_ids.contains(s.as_str())) {
            return Err(invalid(
                id,
                format!("{what} cites unknown source `{missing}`"),
            ));
        }
        if sources.is_empty() && confidence != "low" {
            return Err(invalid(
                id,
                format!("{what} has no source but claims {confidence} confidence"),
            ));
        }
        Ok(())
    };
    let deadline_known = set.cycle.deadline != super::Deadline::FromExpiry;
    if deadline_known {
        check(
            "the deadline rule",
            &set.cycle.sources,
            &set.cycle.confidence,
        )?;
    }
    if !set.total.hours.is_zero() {
        check("the total", &set.total.sources, &set.confidence)?;
    }
    for bucket in &set.credit_types.buckets {
        check(
            &format!("bucket `{}`", bucket.key),
            &bucket.sources,
            &bucket.confidence,
        )?;
        for ty in &bucket.types {
            if vocabulary.credit_type(ty.as_str()).is_none() {
                return fail(format!(
                    "bucket `{}` names unknown credit type `{ty}`",
                    bucket.key
                ));
            }
        }
    }
    for ty in set.credit_types.accepted.iter().flatten() {
        if vocabulary.credit_type(ty.as_str()).is_none() {
            return fail(format!("accepted list names unknown credit type `{ty}`"));
        }
    }
    let mut keys = BTreeSet::new();
    for topic in &set.topics {
        if !keys.insert(topic.key.as_str()) {
            return fail(format!("topic `{}` appears twice", topic.key));
        }
        check(
            &format!("topic `{}`", topic.key),
            &topic.sources,
            &topic.confidence,
        )?;
        for condition in &topic.applies_if {
            if vocabulary.fact(condition.fact.as_str()).is_none() {
                return fail(format!(
                    "topic `{}` uses unknown fact `{}`",
                    topic.key, condition.fact
                ));
            }
        }
        for ty in topic.credit_types.iter().flatten() {
            if vocabulary.credit_type(ty.as_str()).is_none() {
                return fail(format!(
                    "topic `{}` names unknown credit type `{ty}`",
                    topic.key
                ));
            }
        }
    }
    if let FirstRenewalKind::ExemptIfFact { fact, .. } = &set.first_renewal.kind
        && vocabulary.fact(fact.as_str()).is_none()
    {
        return fail(format!("first-renewal rule uses unknown fact `{fact}`"));
    }
    Ok(())
}
