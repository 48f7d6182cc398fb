//! Documents: certificates and licence files a clinician keeps.

mod api;
mod document_row;
mod documents_page;
mod proposal;
mod uploader;
mod uploads;
mod views;

pub use api::*;
pub use documents_page::DocumentsPage;
pub use proposal::*;
pub use views::*;
