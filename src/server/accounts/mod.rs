//! Account services: registration (sign-up and create-admin) and sign-in.

pub mod manage;
pub mod register;
pub mod signin;
pub mod throttle;
pub mod two_factor_web;
pub mod web;
