//! Shared interface components.

pub mod layout;
pub mod not_found;
