//! Courses in the catalog: what an administrator may enter, and from the clinician's side
//! which courses would close the gaps in their requirements. Pure: the engine is asked,
//! today is the case's date.

pub mod course_form;
mod gaps;

pub use gaps::{CourseCredit, hours_covered, rank_by_gaps};
