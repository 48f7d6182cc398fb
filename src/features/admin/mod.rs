//! The administrator console at `/admin`: server-rendered, usable without WASM (plain
//! forms and links), reachable only by administrators with their second factor.

mod accounts_page;
mod api;
mod audit_page;
mod parts;
mod views;

pub use accounts_page::AdminAccountsPage;
pub use api::*;
pub use audit_page::AdminAuditPage;
pub use views::*;
