//! Why a credit did not count toward a requirement, kept as data and written out as text only
//! when shown or serialised.
//!
//! A clinician's report lists about 600 rejected credits; formatting and sharing a text for
//! each requirement cost more than the rejections' other work (issue 4 benchmark).

use std::{fmt, sync::Arc};

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Clone, Debug, PartialEq)]
pub enum Reason {
    /// Completed after the evaluation's date.
    AfterToday,
    /// Completed before the requirement's window, which starts on this date.
    BeforeCycle(NaiveDate),
    /// Completed after the requirement's deadline, this date.
    AfterDeadline(NaiveDate),
    /// The credit's type (shared with the catalog) does not count toward the requirement.
    TypeNotAccepted(Arc<str>),
    /// A text written out once and shared: the reasons found while sharing hours between
    /// requirements, and any reason read back from JSON (which compares unequal to the
    /// structured variant it was written from).
    Text(Arc<str>),
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::AfterToday => f.write_str("completed after today"),
            Reason::BeforeCycle(start) => {
                write!(f, "completed before this cycle (starts {start})")
            }
            Reason::AfterDeadline(end) => write!(f, "completed after the deadline ({end})"),
            Reason::TypeNotAccepted(credit_type) => write!(f, "{credit_type} not accepted"),
            Reason::Text(text) => f.write_str(text),
        }
    }
}

/// A plain string in JSON, the same bytes as the text the report used to carry.
impl Serialize for Reason {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Reason {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(|text| Reason::Text(text.into()))
    }
}
