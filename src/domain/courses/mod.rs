//! Courses in the catalog, from the clinician's side: which of them would close the gaps in
//! their requirements. Pure: the engine is asked, today is the case's date.

mod gaps;

pub use gaps::{CourseCredit, hours_covered, rank_by_gaps};
