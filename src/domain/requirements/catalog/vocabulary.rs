//! Names the catalog defines: credit types and facts, each with a one-line meaning.

use serde::{Deserialize, Serialize};

use crate::domain::requirements::ids::{CreditType, FactName};

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vocabulary {
    pub credit_types: Vec<CreditTypeInfo>,
    pub facts: Vec<FactInfo>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreditTypeInfo {
    pub key: CreditType,
    pub meaning: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactInfo {
    pub key: FactName,
    pub kind: FactKind,
    pub meaning: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FactKind {
    Bool,
    Number,
    Text,
    Date,
}

impl Vocabulary {
    pub fn credit_type(&self, key: &str) -> Option<&CreditTypeInfo> {
        self.credit_types
            .iter()
            .find(|info| info.key.as_str() == key)
    }

    pub fn fact(&self, key: &str) -> Option<&FactInfo> {
        self.facts.iter().find(|info| info.key.as_str() == key)
    }
}
