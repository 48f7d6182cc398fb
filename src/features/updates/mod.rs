//! Product updates for clinicians: a notice of new ones on the dashboard, dismissed once,
//! and `/updates`, the list of everything published.

mod api;
mod banner;
mod card;
mod page;
mod views;

pub use api::*;
pub use banner::NewUpdatesBanner;
pub use card::UpdateArticle;
pub use page::UpdatesPage;
pub use views::*;
