//! The public home page: what Licensure does and where to start.

mod page;

pub use page::LandingPage;
