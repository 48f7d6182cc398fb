//! xAPI 1.0.3 statements, checked as a Learning Record Store must check them before it stores
//! anything: every property of the Data section's rules, the first violation named with its
//! place in the statement. Also what the LRS derives from stored statements: the agents and
//! activities they name, the formats a GET returns, and the parameters of a query.
//!
//! The check works on the JSON as sent, not on a typed model, because the rules are about the
//! JSON itself: unknown or misspelt properties, `null` where a value is required, an object
//! where an array belongs. Pure: no I/O, no clock.

mod actor;
pub mod format;
pub mod index;
mod object;
pub mod query;
mod statement;
pub mod stored;
mod values;

pub use statement::{StatementError, VOIDED, check_statement};
pub use values::{is_iri, is_uuid};

/// Checks an agent or group given on its own (a query parameter), named `name` in errors.
pub fn actor_check(value: &serde_json::Value, name: &str) -> Result<(), StatementError> {
    actor::agent_or_group(value, &statement::Path::named(name))
}

#[cfg(test)]
mod index_tests;
#[cfg(test)]
mod tests;
