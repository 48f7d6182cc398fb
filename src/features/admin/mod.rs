//! The administrator console at `/admin`: server-rendered, usable without WASM (plain
//! forms and links), reachable only by administrators with their second factor.

mod access_page;
mod account_documents;
mod account_page;
mod accounts_page;
mod announcement_views;
mod announcements_api;
mod announcements_page;
mod api;
mod audit_page;
mod catalog_page;
mod catalog_views;
mod course_views;
mod courses_api;
mod courses_page;
mod parts;
mod status_page;
mod views;

pub use access_page::AdminAccessPage;
pub use account_page::{AdminAccountPage, AdminAccountRecordsPage};
pub use accounts_page::AdminAccountsPage;
pub use announcement_views::*;
pub use announcements_api::*;
pub use announcements_page::AdminAnnouncementsPage;
pub use api::*;
pub use audit_page::AdminAuditPage;
pub use catalog_page::{AdminCatalogPage, AdminCatalogSetPage};
pub use catalog_views::*;
pub use course_views::*;
pub use courses_api::*;
pub use courses_page::AdminCoursesPage;
pub use status_page::AdminStatusPage;
pub use views::*;
