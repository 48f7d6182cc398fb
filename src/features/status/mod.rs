//! Service status: a public page an operator or user can check, backed by a live database
//! round trip.

mod api;
mod page;

pub use api::{StatusReport, system_status};
pub use page::StatusPage;
