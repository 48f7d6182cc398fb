//! Credit types and topics as numbers, assigned once when the catalog loads, so evaluations
//! compare integers instead of strings.

use std::sync::Arc;

use super::{Vocabulary, name_table::NameTable};
use crate::domain::requirements::ids::CreditType;

#[derive(Clone, Debug, Default)]
pub struct Names {
    /// Credit type name to its bit (its position in the vocabulary; 0 past the 64th).
    types: NameTable,
    /// Topic key to a dense number, in the order sets were added.
    topics: NameTable,
    /// The name of each type bit, by bit position: reports share it instead of copying it.
    type_names: Vec<Arc<str>>,
}

impl Names {
    pub fn new(vocabulary: &Vocabulary) -> Names {
        let mut types = NameTable::default();
        // A name listed twice keeps its first position, as a scan would find.
        for (i, info) in vocabulary.credit_types.iter().enumerate() {
            types.insert_new(info.key.as_str(), if i < 64 { 1 << i } else { 0 });
        }
        let type_names = vocabulary
            .credit_types
            .iter()
            .take(64)
            .map(|info| Arc::from(info.key.as_str()))
            .collect();
        Names {
            types,
            topics: NameTable::default(),
            type_names,
        }
    }

    pub fn add_topic(&mut self, key: &str) {
        let next = self.topics.count() as u64;
        self.topics.insert_new(key, next);
    }

    /// The bit of a known credit type; `None` for a name the vocabulary lacks.
    pub fn type_bit(&self, name: &str) -> Option<u64> {
        self.types.get(name)
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
        self.topics.count()
    }

    pub fn topic(&self, key: &str) -> Option<u32> {
        self.topics.get(key).map(|n| n as u32)
    }
}
