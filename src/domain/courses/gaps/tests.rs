use super::{CourseCredit, hours_covered, rank_by_gaps};
use crate::domain::requirements::{
    Case, Catalog, EngineError, Hours,
    ids::{CreditType, TopicKey},
};

/// The Florida MD of `examples/cases/fl-md.json`: 12 of 40 hours, medical errors done,
/// domestic violence and controlled-substance prescribing still open.
fn florida() -> Option<(Case, Catalog)> {
    let case = serde_json::from_str(include_str!("../../../../examples/cases/fl-md.json")).ok()?;
    Some((case, Catalog::embedded().ok()?))
}

fn course(hours: i64, credit_type: &str, topics: &[&str]) -> CourseCredit {
    CourseCredit {
        hours: Hours::whole(hours),
        credit_type: CreditType::new(credit_type),
        topics: topics.iter().map(|t| TopicKey::new(*t)).collect(),
    }
}

#[test]
fn a_course_covers_the_total_and_the_topic_it_teaches() {
    let Some((case, catalog)) = florida() else {
        unreachable!("the example case and the catalog load");
    };
    let covered = |c: &CourseCredit| hours_covered(&case, &catalog, c).ok();
    // Two general hours: two of the 28 missing from the total.
    assert_eq!(covered(&course(2, "AMA_PRA_1", &[])), Some(Hours::whole(2)));
    // Two hours on domestic violence also close that 2-hour requirement.
    assert_eq!(
        covered(&course(2, "AMA_PRA_1", &["domestic_violence"])),
        Some(Hours::whole(4))
    );
    // A topic already met adds nothing beyond the total.
    assert_eq!(
        covered(&course(2, "AMA_PRA_1", &["medical_errors"])),
        Some(Hours::whole(2))
    );
    assert_eq!(covered(&course(0, "AMA_PRA_1", &[])), Some(Hours::ZERO));
}

#[test]
fn courses_are_ranked_by_the_hours_they_cover_and_useless_ones_left_out() {
    let Some((case, catalog)) = florida() else {
        unreachable!("the example case and the catalog load");
    };
    let courses = [
        course(1, "AMA_PRA_1", &[]),
        course(0, "AMA_PRA_1", &[]),
        course(2, "AMA_PRA_1", &["domestic_violence"]),
        course(2, "AMA_PRA_1", &[]),
    ];
    let ranked = rank_by_gaps(&case, &catalog, &courses).ok();
    assert_eq!(
        ranked,
        Some(vec![
            (2, Hours::whole(4)),
            (3, Hours::whole(2)),
            (0, Hours::whole(1))
        ])
    );
}

#[test]
fn an_unknown_credit_type_is_an_error_not_a_zero() {
    let Some((case, catalog)) = florida() else {
        unreachable!("the example case and the catalog load");
    };
    let result = hours_covered(&case, &catalog, &course(2, "AMA_PRA_9", &[]));
    assert!(
        matches!(result, Err(EngineError::UnknownCreditType { .. })),
        "{result:?}"
    );
}
