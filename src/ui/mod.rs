//! Shared interface components.

pub mod choice;
pub mod form;
pub mod layout;
pub mod not_found;
