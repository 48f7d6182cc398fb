//! Account services: registration (sign-up and create-admin), sign-in, email links,
//! two-factor and self-service management.

pub mod email_links;
pub mod email_web;
pub mod manage;
pub mod register;
pub mod reset_web;
pub mod signin;
pub mod throttle;
pub mod two_factor_web;
pub mod web;
