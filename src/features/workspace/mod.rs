//! The clinician's workspace: credentials, CE activities and the compliance dashboard.

mod api;
mod views;

pub use api::*;
pub use views::*;
