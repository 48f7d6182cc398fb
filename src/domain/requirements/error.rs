//! The one error type of the catalog and engine; every message names what was wrong.

/// Why a catalog could not be loaded or a case could not be evaluated.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EngineError {
    #[error("unknown rule set `{0}` (see `licensure catalog sets`)")]
    UnknownRuleSet(String),
    #[error("credit `{credit}` names unknown topic `{topic}`")]
    UnknownTopic { credit: String, topic: String },
    #[error(
        "credit `{credit}` names unknown credit type `{credit_type}` (see `licensure catalog credit-types`)"
    )]
    UnknownCreditType { credit: String, credit_type: String },
    #[error("unknown fact `{0}` (see `licensure catalog facts`)")]
    UnknownFact(String),
    #[error("fact `{fact}` has the wrong kind of value: expected {expected}")]
    BadFact {
        fact: String,
        expected: &'static str,
    },
    #[error("credential `{credential}`: {message}")]
    Credential { credential: String, message: String },
    #[error("duplicate id `{0}` in the case")]
    DuplicateId(String),
    #[error("the case is not valid: {0}")]
    InvalidCase(String),
    #[error("catalog file {file}: {message}")]
    InvalidCatalog { file: String, message: String },
}

impl EngineError {
    pub(crate) fn credential(credential: &str, message: impl Into<String>) -> Self {
        EngineError::Credential {
            credential: credential.to_owned(),
            message: message.into(),
        }
    }
}
