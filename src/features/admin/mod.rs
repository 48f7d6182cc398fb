//! The administrator console at `/admin`: server-rendered, usable without WASM (plain
//! forms and links), reachable only by administrators with their second factor.

mod accounts_page;
mod announcement_views;
mod announcements_api;
mod announcements_page;
mod api;
mod audit_page;
mod parts;
mod views;

pub use accounts_page::AdminAccountsPage;
pub use announcement_views::*;
pub use announcements_api::*;
pub use announcements_page::AdminAnnouncementsPage;
pub use api::*;
pub use audit_page::AdminAuditPage;
pub use views::*;
