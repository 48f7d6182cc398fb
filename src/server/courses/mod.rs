//! Courses: the catalog, cmi5 launches and the credit a completed course posts.

pub mod admin;
pub mod catalog;
pub mod certificate_pdf;
pub mod course_save;
pub mod credit;
pub mod fetch;
pub mod gate;
pub mod launch;
pub mod launch_auth;
pub mod package;
pub mod seed;
