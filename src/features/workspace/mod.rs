//! The clinician's workspace: credentials, CE activities and the compliance dashboard.

mod activities_page;
mod api;
mod credentials_page;
mod dashboard_page;
mod form_parts;
mod profile_page;
mod views;

pub use activities_page::ActivitiesPage;
pub use credentials_page::CredentialsPage;
pub use dashboard_page::DashboardPage;
pub use profile_page::ProfilePage;

pub use api::*;
pub use views::*;
