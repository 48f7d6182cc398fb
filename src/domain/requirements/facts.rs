//! Facts about the clinician and a credential, checked against the catalog's vocabulary.

use chrono::NaiveDate;
use serde_json::Value;

use super::{
    case::Facts,
    catalog::{Condition, FactKind, Vocabulary},
    error::EngineError,
};

/// Checks that every fact is defined by the catalog and has the right kind of value.
pub fn validate(facts: &Facts, vocabulary: &Vocabulary) -> Result<(), EngineError> {
    for (name, value) in facts {
        let info = vocabulary
            .fact(name)
            .ok_or_else(|| EngineError::UnknownFact(name.clone()))?;
        let fits = match info.kind {
            FactKind::Bool => value.is_boolean(),
            FactKind::Number => value.is_number(),
            FactKind::Text => value.is_string(),
            FactKind::Date => value
                .as_str()
                .is_some_and(|text| text.parse::<NaiveDate>().is_ok()),
        };
        if !fits {
            return Err(EngineError::BadFact {
                fact: name.clone(),
                expected: match info.kind {
                    FactKind::Bool => "true or false",
                    FactKind::Number => "a number",
                    FactKind::Text => "a text",
                    FactKind::Date => "a date such as 1971-03-10",
                },
            });
        }
    }
    Ok(())
}

/// Credential facts layered over clinician facts.
pub struct FactView<'a> {
    pub credential: &'a Facts,
    pub clinician: &'a Facts,
}

/// Whether a rule's conditions hold: `Some(true/false)`, or `None` when a fact is missing.
pub enum Applies {
    Yes,
    No,
    Unknown(Vec<String>),
}

impl FactView<'_> {
    fn get(&self, name: &str) -> Option<&Value> {
        self.credential
            .get(name)
            .or_else(|| self.clinician.get(name))
    }

    pub fn date(&self, name: &str) -> Result<Option<NaiveDate>, EngineError> {
        match self.get(name) {
            None => Ok(None),
            Some(value) => value
                .as_str()
                .and_then(|text| text.parse().ok())
                .map(Some)
                .ok_or(EngineError::BadFact {
                    fact: name.to_owned(),
                    expected: "a date",
                }),
        }
    }

    pub fn number(&self, name: &str) -> Result<Option<f64>, EngineError> {
        match self.get(name) {
            None => Ok(None),
            Some(value) => value.as_f64().map(Some).ok_or(EngineError::BadFact {
                fact: name.to_owned(),
                expected: "a number",
            }),
        }
    }

    pub fn flag(&self, name: &str) -> Option<bool> {
        self.get(name).and_then(Value::as_bool)
    }

    /// Evaluates all conditions; a missing fact makes the answer unknown (the caller treats
    /// the rule as applying, so nothing required is hidden).
    pub fn applies(&self, conditions: &[Condition]) -> Applies {
        let mut missing = Vec::new();
        for condition in conditions {
            let name = condition.fact.as_str();
            let Some(value) = self.get(name) else {
                missing.push(name.to_owned());
                continue;
            };
            let holds = if let Some(expected) = condition.is {
                value.as_bool() == Some(expected)
            } else if let Some(threshold) = condition.gte {
                value.as_f64().is_some_and(|v| v >= threshold)
            } else if let Some(list) = &condition.one_of {
                value.as_str().is_some_and(|v| list.iter().any(|x| x == v))
            } else if let Some(list) = &condition.not_in {
                value.as_str().is_some_and(|v| !list.iter().any(|x| x == v))
            } else {
                true
            };
            if !holds {
                return Applies::No;
            }
        }
        if missing.is_empty() {
            Applies::Yes
        } else {
            Applies::Unknown(missing)
        }
    }
}
