//! One folder per feature: its pages and the thin server functions behind them.

pub mod accounts;
pub mod admin;
pub mod courses;
pub mod documents;
pub mod landing;
pub mod status;
pub mod updates;
pub mod workspace;
