//! "Fills my gaps": how many of a clinician's missing hours a course would cover, over every
//! credential at once, found by asking the engine with the course's credit added as if it
//! were completed today. Exact by construction: caps, accepted types, topics, overlaps and a
//! credit counting toward several boards all apply as they would to a real completion.

use crate::domain::requirements::{
    Case, Catalog, Credit, EngineError, Hours, Report, evaluate,
    ids::{CreditId, CreditType, TopicKey},
};

/// What completing a course would record.
#[derive(Clone, Debug, PartialEq)]
pub struct CourseCredit {
    pub hours: Hours,
    pub credit_type: CreditType,
    pub topics: Vec<TopicKey>,
}

/// Hours still missing across the report (requirements counted in hours only).
fn missing(report: &Report) -> Hours {
    report
        .credentials
        .iter()
        .flat_map(|credential| &credential.requirements)
        .filter_map(|requirement| requirement.missing)
        .sum()
}

/// The case with `course` added as a credit completed on the case's date. The id cannot
/// clash with a clinician's own: it is longer than any the app gives out and marked.
fn with_course(case: &Case, course: &CourseCredit) -> Case {
    let mut trial = case.clone();
    let mut id = String::from("~course-under-consideration");
    while trial.credits.iter().any(|credit| credit.id.as_str() == id) {
        id.push('~');
    }
    trial.credits.push(Credit {
        id: CreditId::new(id),
        title: String::new(),
        completed: case.today,
        hours: course.hours,
        credit_type: course.credit_type.clone(),
        format: None,
        topics: course.topics.clone(),
    });
    trial
}

/// How many missing hours completing `course` today would cover.
pub fn hours_covered(
    case: &Case,
    catalog: &Catalog,
    course: &CourseCredit,
) -> Result<Hours, EngineError> {
    covered(case, catalog, course, missing(&evaluate(case, catalog)?))
}

/// The hours of `missing_now` that completing `course` would cover.
fn covered(
    case: &Case,
    catalog: &Catalog,
    course: &CourseCredit,
    missing_now: Hours,
) -> Result<Hours, EngineError> {
    let after = missing(&evaluate(&with_course(case, course), catalog)?);
    Ok(missing_now.saturating_sub(after))
}

/// Indices of `courses` with the hours each would cover, most first; ties keep catalog order.
/// Courses that cover nothing are left out.
pub fn rank_by_gaps(
    case: &Case,
    catalog: &Catalog,
    courses: &[CourseCredit],
) -> Result<Vec<(usize, Hours)>, EngineError> {
    let missing_now = missing(&evaluate(case, catalog)?);
    let mut ranked = Vec::new();
    for (i, course) in courses.iter().enumerate() {
        let covered = covered(case, catalog, course, missing_now)?;
        if covered > Hours::ZERO {
            ranked.push((i, covered));
        }
    }
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    Ok(ranked)
}

#[cfg(test)]
mod tests;
