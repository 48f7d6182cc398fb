//! Shared interface components.

pub mod choice;
pub mod form;
pub mod layout;
pub mod links;
pub mod not_found;
