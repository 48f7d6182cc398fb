//! SeaORM entities, one file per table.

pub mod requirement_set;
pub mod user;
