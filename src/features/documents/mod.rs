//! Documents: certificates and licence files a clinician keeps.

mod api;
mod views;

pub use api::*;
pub use views::*;
