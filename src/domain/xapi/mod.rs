//! xAPI 1.0.3 statements, checked as a Learning Record Store must check them before it stores
//! anything: every property of the Data section's rules, the first violation named with its
//! place in the statement.
//!
//! The check works on the JSON as sent, not on a typed model, because the rules are about the
//! JSON itself: unknown or misspelt properties, `null` where a value is required, an object
//! where an array belongs. Pure: no I/O, no clock.

mod actor;
mod object;
mod statement;
mod values;

pub use statement::{StatementError, check_statement};
pub use values::is_iri;

#[cfg(test)]
mod tests;
