//! Credit types and topics as numbers, assigned once when the catalog loads, so evaluations
//! compare integers instead of strings.

use std::{collections::HashMap, sync::Arc};

use super::Vocabulary;
use crate::domain::requirements::{fast_hash::FastBuild, ids::CreditType};

#[derive(Clone, Debug, Default)]
pub struct Names {
    /// Credit type name to its bit (its position in the vocabulary; 0 past the 64th).
    types: HashMap<String, u64, FastBuild>,
    /// Topic key to a dense number, in the order sets were added.
    topics: HashMap<String, u32, FastBuild>,
    /// The name of each type bit, by bit position: reports share it instead of copying it.
    type_names: Vec<Arc<str>>,
}

impl Names {
    pub fn new(vocabulary: &Vocabulary) -> Names {
        let types = vocabulary
            .credit_types
            .iter()
            .enumerate()
            .map(|(i, info)| (info.key.0.clone(), if i < 64 { 1 << i } else { 0 }))
            .rev() // a name listed twice keeps its first position, as a scan would find
            .collect();
        let type_names = vocabulary
            .credit_types
            .iter()
            .take(64)
            .map(|info| Arc::from(info.key.as_str()))
            .collect();
        Names {
            types,
            topics: HashMap::default(),
            type_names,
        }
    }

    pub fn add_topic(&mut self, key: &str) {
        let next = self.topics.len() as u32;
        self.topics.entry(key.to_owned()).or_insert(next);
    }

    /// The bit of a known credit type; `None` for a name the vocabulary lacks.
    pub fn type_bit(&self, name: &str) -> Option<u64> {
        self.types.get(name).copied()
    }

    /// The name of a type's bit (one bit set), as the vocabulary spells it.
    pub fn type_name(&self, bit: u64) -> Option<&Arc<str>> {
        self.type_names.get(bit.trailing_zeros() as usize)
    }

    /// The bits of all listed types (unknown names add none).
    pub fn type_mask(&self, types: &[CreditType]) -> u64 {
        types
            .iter()
            .fold(0, |mask, ty| mask | self.type_bit(ty.as_str()).unwrap_or(0))
    }

    /// How many topic numbers there are (each number is below this).
    pub fn topic_count(&self) -> usize {
        self.topics.len()
    }

    pub fn topic(&self, key: &str) -> Option<u32> {
        self.topics.get(key).copied()
    }
}
