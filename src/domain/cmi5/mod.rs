//! cmi5 course packages: the course structure (`cmi5.xml`) a provider ships, read and checked
//! against the cmi5 rules before a course is offered. Pure: no I/O.

mod course_structure;
pub mod session;

pub use course_structure::{
    Au, CourseStructure, LaunchMethod, MoveOn, PackageError, parse_course_structure,
};
