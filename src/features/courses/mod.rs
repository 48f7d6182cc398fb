//! The course catalog: browse, filter, "fills my gaps", launch and progress.

mod api;
mod page;
mod views;

pub use api::*;
pub use page::CoursesPage;
pub use views::*;
