//! Newtype identifiers, so a credit id can never be passed where a rule-set id belongs.

use std::{fmt, sync::Arc};

use serde::{Deserialize, Serialize};

macro_rules! string_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            pub fn new(value: impl Into<String>) -> Self {
                Self(value.into())
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

string_id!(
    /// A requirement set's id, e.g. `FL-MD` (ids of the shared research data).
    RuleSetId
);
string_id!(
    /// A clinician's credential (licence, certification, registration) within one case.
    CredentialId
);
/// One CE credit (a completed activity) within one case.
///
/// Shared text rather than a `String`: a report repeats each credit's id in every counted and
/// rejected list, hundreds of times per clinician, and copying a pointer is much cheaper than
/// allocating a string each time. Serialises as a plain string, like the other ids.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CreditId(pub Arc<str>);

impl CreditId {
    pub fn new(value: impl Into<Arc<str>>) -> Self {
        Self(value.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for CreditId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
string_id!(
    /// A topic key such as `medical_errors`.
    TopicKey
);
string_id!(
    /// A credit type such as `AMA_PRA_1`.
    CreditType
);
string_id!(
    /// A fact name such as `dea_registered`.
    FactName
);
