//! The requirement catalog: versioned requirement sets with their sources, plus the names
//! (credit types, facts, topics) a case may use.

mod embedded;
pub mod model;
mod name_table;
pub mod names;
pub mod rules;
mod validate;
pub mod vocabulary;

use std::collections::BTreeMap;

use chrono::NaiveDate;

pub use model::*;
pub use names::Names;
pub use rules::*;
pub use vocabulary::{FactKind, Vocabulary};

use super::error::EngineError;

/// All requirement sets (every version) and the vocabulary they use.
#[derive(Clone, Debug)]
pub struct Catalog {
    /// Versions of each set, oldest first, keyed by canonical id.
    sets: BTreeMap<String, Vec<RuleSet>>,
    aliases: BTreeMap<String, String>,
    /// Credit types and topics as numbers for the engine's inner loops.
    pub names: Names,
    pub vocabulary: Vocabulary,
}

impl Catalog {
    /// The catalog compiled into the binary, checked for consistency.
    pub fn embedded() -> Result<Catalog, EngineError> {
        let vocabulary: Vocabulary = serde_json::from_str(embedded::VOCABULARY).map_err(|err| {
            EngineError::InvalidCatalog {
                file: "vocabulary.json".into(),
                message: err.to_string(),
            }
        })?;
        let mut sets = Vec::new();
        for (file, text) in embedded::SETS {
            let set: RuleSet =
                serde_json::from_str(text).map_err(|err| EngineError::InvalidCatalog {
                    file: (*file).to_owned(),
                    message: err.to_string(),
                })?;
            sets.push(set);
        }
        Catalog::from_sets(sets, vocabulary)
    }

    /// Builds a catalog from parsed sets, validating ids, sources and names.
    pub fn from_sets(sets: Vec<RuleSet>, vocabulary: Vocabulary) -> Result<Catalog, EngineError> {
        let mut catalog = Catalog {
            sets: BTreeMap::new(),
            aliases: BTreeMap::new(),
            names: Names::new(&vocabulary),
            vocabulary,
        };
        for set in sets {
            catalog.add(set)?;
        }
        Ok(catalog)
    }

    /// Adds one set (e.g. a clinician's custom set) after validating it.
    pub fn add(&mut self, set: RuleSet) -> Result<(), EngineError> {
        validate::rule_set(&set, &self.vocabulary)?;
        let id = set.id.as_str().to_owned();
        for alias in &set.aliases {
            if self.sets.contains_key(alias) || self.aliases.get(alias).is_some_and(|to| *to != id)
            {
                return Err(validate::invalid(
                    &id,
                    format!("alias `{alias}` is already taken"),
                ));
            }
            self.aliases.insert(alias.clone(), id.clone());
        }
        if self.aliases.contains_key(&id) {
            return Err(validate::invalid(
                &id,
                "id is already an alias of another set",
            ));
        }
        for topic in &set.topics {
            self.names.add_topic(topic.key.as_str());
        }
        let versions = self.sets.entry(id.clone()).or_default();
        if versions.iter().any(|known| known.version == set.version) {
            return Err(validate::invalid(
                &id,
                format!("version {} appears twice", set.version),
            ));
        }
        versions.push(set);
        versions.sort_by_key(|known| (known.effective_from, known.version));
        Ok(())
    }

    /// The canonical id for an id or alias.
    pub fn resolve(&self, id: &str) -> Result<&str, EngineError> {
        if let Some((key, _)) = self.sets.get_key_value(id) {
            return Ok(key);
        }
        self.aliases
            .get(id)
            .map(String::as_str)
            .ok_or_else(|| EngineError::UnknownRuleSet(id.to_owned()))
    }

    /// The newest version of the set with this id or alias.
    pub fn latest_of(&self, id: &str) -> Option<&RuleSet> {
        let canonical = self.resolve(id).ok()?;
        self.sets.get(canonical)?.last()
    }

    /// The version in force for a cycle ending on `cycle_end`: the latest effective by then, or
    /// the earliest version when the cycle predates them all (the researched baseline).
    pub fn version_for(&self, id: &str, cycle_end: NaiveDate) -> Result<&RuleSet, EngineError> {
        let canonical = self.resolve(id)?;
        let versions = self
            .sets
            .get(canonical)
            .ok_or_else(|| EngineError::UnknownRuleSet(id.to_owned()))?;
        versions
            .iter()
            .rev()
            .find(|set| set.effective_from <= cycle_end)
            .or_else(|| versions.first())
            .ok_or_else(|| EngineError::UnknownRuleSet(id.to_owned()))
    }

    /// Every version of every set, ordered by id then effective date.
    pub fn all_versions(&self) -> impl Iterator<Item = &RuleSet> {
        self.sets.values().flatten()
    }

    /// The newest version of each set.
    pub fn latest(&self) -> impl Iterator<Item = &RuleSet> {
        self.sets.values().filter_map(|versions| versions.last())
    }

    pub fn knows_topic(&self, topic: &str) -> bool {
        self.names.topic(topic).is_some()
    }
}
