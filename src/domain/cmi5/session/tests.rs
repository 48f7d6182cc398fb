use super::{
    AuProgress, AuStatement, CMI5_CATEGORY, COMPLETED, FAILED, INITIALIZED, LAUNCHED,
    MOVEON_CATEGORY, PASSED, SessionState, TERMINATED, accept,
};
use crate::domain::cmi5::MoveOn;

fn sent(verb: &str) -> AuStatement<'_> {
    let categories = match verb {
        COMPLETED | PASSED | FAILED => vec![CMI5_CATEGORY, MOVEON_CATEGORY],
        INITIALIZED | TERMINATED => vec![CMI5_CATEGORY],
        _ => vec![],
    };
    AuStatement {
        verb,
        success: match verb {
            PASSED => Some(true),
            FAILED => Some(false),
            _ => None,
        },
        completion: (verb == COMPLETED).then_some(true),
        scaled: None,
        categories,
        same_session: true,
    }
}

fn scored(verb: &str, scaled: f64) -> AuStatement<'_> {
    AuStatement {
        scaled: Some(scaled),
        ..sent(verb)
    }
}

/// Runs statements through a fresh launch; the error of the first refused one, by index.
fn run(
    statements: &[AuStatement<'_>],
    mastery: Option<f64>,
) -> (AuProgress, Result<(), (usize, String)>) {
    let mut session = SessionState::Launched;
    let mut progress = AuProgress::default();
    for (i, statement) in statements.iter().enumerate() {
        if let Err(err) = accept(&mut session, &mut progress, statement, mastery) {
            return (progress, Err((i, err.0)));
        }
    }
    (progress, Ok(()))
}

#[test]
fn a_session_that_completes_and_passes_satisfies_every_criterion() {
    let (progress, outcome) = run(
        &[
            sent(INITIALIZED),
            sent("http://adlnet.gov/expapi/verbs/experienced"),
            sent(COMPLETED),
            scored(PASSED, 0.9),
            sent(TERMINATED),
        ],
        Some(0.8),
    );
    assert_eq!(outcome, Ok(()));
    for move_on in [
        MoveOn::Passed,
        MoveOn::Completed,
        MoveOn::CompletedAndPassed,
        MoveOn::CompletedOrPassed,
        MoveOn::NotApplicable,
    ] {
        assert!(progress.satisfies(move_on), "{move_on:?}");
    }
}

#[test]
fn completed_alone_satisfies_only_what_completion_meets() {
    let (progress, outcome) = run(
        &[sent(INITIALIZED), sent(COMPLETED), sent(TERMINATED)],
        None,
    );
    assert_eq!(outcome, Ok(()));
    assert!(progress.satisfies(MoveOn::Completed));
    assert!(progress.satisfies(MoveOn::CompletedOrPassed));
    assert!(!progress.satisfies(MoveOn::Passed));
    assert!(!progress.satisfies(MoveOn::CompletedAndPassed));
}

#[test]
fn statements_that_break_the_rules_are_refused_and_change_nothing() {
    let mut no_category = sent(COMPLETED);
    no_category.categories = vec![CMI5_CATEGORY];
    let mut with_success = sent(COMPLETED);
    with_success.success = Some(true);
    let mut other_session = sent(COMPLETED);
    other_session.same_session = false;
    let cases: Vec<(Vec<AuStatement<'_>>, Option<f64>, &str)> = vec![
        (
            vec![sent(COMPLETED)],
            None,
            "first statement of a session must be initialized",
        ),
        (
            vec![sent(INITIALIZED), sent(INITIALIZED)],
            None,
            "already initialized",
        ),
        (
            vec![sent(INITIALIZED), sent(LAUNCHED)],
            None,
            "only the LMS",
        ),
        (
            vec![sent(INITIALIZED), sent(COMPLETED), sent(COMPLETED)],
            None,
            "already completed",
        ),
        (
            vec![sent(INITIALIZED), no_category],
            None,
            "moveon category",
        ),
        (
            vec![sent(INITIALIZED), with_success],
            None,
            "no result.success",
        ),
        (vec![sent(INITIALIZED), other_session], None, "session id"),
        (
            vec![sent(INITIALIZED), scored(PASSED, 0.5)],
            Some(0.8),
            "below the mastery score",
        ),
        (
            vec![sent(INITIALIZED), sent(PASSED)],
            Some(0.8),
            "need result.score.scaled",
        ),
        (
            vec![sent(INITIALIZED), scored(FAILED, 0.9)],
            Some(0.8),
            "at or above the mastery score",
        ),
        (
            vec![sent(INITIALIZED), scored(PASSED, 0.9), scored(FAILED, 0.1)],
            Some(0.8),
            "already passed",
        ),
        (
            vec![
                sent(INITIALIZED),
                sent(TERMINATED),
                sent("http://adlnet.gov/expapi/verbs/experienced"),
            ],
            None,
            "session has ended",
        ),
    ];
    for (statements, mastery, expected) in cases {
        let last = statements.len() - 1;
        let (_, outcome) = run(&statements, mastery);
        match outcome {
            Err((at, message)) => {
                assert_eq!(at, last, "refused too early: {message}");
                assert!(
                    message.contains(expected),
                    "expected {expected:?}, got {message:?}"
                );
            }
            Ok(()) => unreachable!("accepted, expected a refusal containing {expected:?}"),
        }
    }
}

#[test]
fn a_refused_statement_leaves_session_and_progress_as_they_were() {
    let mut session = SessionState::Initialized;
    let mut progress = AuProgress::default();
    let refused = accept(&mut session, &mut progress, &scored(PASSED, 0.1), Some(0.8));
    assert!(refused.is_err());
    assert_eq!(
        (session, progress),
        (SessionState::Initialized, AuProgress::default())
    );
}

#[test]
fn passing_after_failing_is_allowed() {
    let (progress, outcome) = run(
        &[sent(INITIALIZED), scored(FAILED, 0.4), scored(PASSED, 0.85)],
        Some(0.8),
    );
    assert_eq!(outcome, Ok(()));
    assert!(progress.passed && progress.failed);
}
