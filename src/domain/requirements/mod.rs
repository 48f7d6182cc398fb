//! The requirements engine: given a clinician's credentials and credits and today's date,
//! says what each board still requires, by when, and why each credit did or did not count.
//!
//! Pure and deterministic: no I/O, no clock. The catalog of rule sets lives in `catalog/` at
//! the repository root and is embedded at build time.

mod allocate;
mod carry_over;
pub mod case;
pub mod catalog;
pub mod custom;
pub mod cycle;
mod demand;
pub mod error;
mod evaluate;
pub mod facts;
mod fast_hash;
mod flow;
mod group;
pub mod hours;
pub mod ids;
mod next_steps;
mod plan;
pub mod reason;
pub mod report;
mod status;
mod timing;
mod topic_index;

pub use case::{Case, CredentialInput, Credit, Facts};
pub use catalog::Catalog;
pub use error::EngineError;
pub use evaluate::evaluate;
pub use hours::Hours;
pub use report::{Report, Status};

#[cfg(test)]
mod tests;
