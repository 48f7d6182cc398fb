//! Pure domain code, compiled for the server and the browser: no I/O, no clock.

pub mod account;
pub mod admin;
pub mod announcement;
pub mod cmi5;
pub mod courses;
pub mod csv;
pub mod documents;
pub mod password_policy;
pub mod requirements;
pub mod throttle;
pub mod workspace;
pub mod xapi;
