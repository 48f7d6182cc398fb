//! Documents: certificates and licence files a clinician keeps.

mod api;
mod proposal;
mod views;

pub use api::*;
pub use proposal::*;
pub use views::*;
