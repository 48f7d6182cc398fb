//! The cmi5 rules for what an assignable unit (AU) may report, session by session, and when
//! a registration has met the AU's move-on criterion.
//!
//! The LMS writes `launched` before the AU opens. The AU must then send `initialized` first,
//! `terminated` last, `completed` at most once per registration, `passed` only with success
//! and a score at or above the mastery score, `failed` with the opposite, and no `failed`
//! after `passed`. Statements that break a rule are refused and the record stays as it was.

use super::MoveOn;

pub const LAUNCHED: &str = "http://adlnet.gov/expapi/verbs/launched";
pub const INITIALIZED: &str = "http://adlnet.gov/expapi/verbs/initialized";
pub const COMPLETED: &str = "http://adlnet.gov/expapi/verbs/completed";
pub const PASSED: &str = "http://adlnet.gov/expapi/verbs/passed";
pub const FAILED: &str = "http://adlnet.gov/expapi/verbs/failed";
pub const TERMINATED: &str = "http://adlnet.gov/expapi/verbs/terminated";
pub const ABANDONED: &str = "https://w3id.org/xapi/adl/verbs/abandoned";
pub const WAIVED: &str = "https://w3id.org/xapi/adl/verbs/waived";
pub const SATISFIED: &str = "https://w3id.org/xapi/adl/verbs/satisfied";
/// The category every cmi5-defined statement carries.
pub const CMI5_CATEGORY: &str = "https://w3id.org/xapi/cmi5/context/categories/cmi5";
/// The category of statements that count toward moving on.
pub const MOVEON_CATEGORY: &str = "https://w3id.org/xapi/cmi5/context/categories/moveon";

/// Where one launch session stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SessionState {
    /// The LMS wrote `launched`; the AU has sent nothing yet.
    Launched,
    Initialized,
    /// Ended by the AU (`terminated`) or by the LMS (`abandoned`).
    Ended,
}

/// What a registration has achieved in one AU, over all its sessions.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AuProgress {
    pub completed: bool,
    pub passed: bool,
    pub failed: bool,
}

impl AuProgress {
    /// Whether the AU's move-on criterion is met.
    pub fn satisfies(self, move_on: MoveOn) -> bool {
        match move_on {
            MoveOn::Passed => self.passed,
            MoveOn::Completed => self.completed,
            MoveOn::CompletedAndPassed => self.completed && self.passed,
            MoveOn::CompletedOrPassed => self.completed || self.passed,
            MoveOn::NotApplicable => true,
        }
    }
}

/// The parts of a statement from an AU that the cmi5 rules look at.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AuStatement<'a> {
    pub verb: &'a str,
    pub success: Option<bool>,
    pub completion: Option<bool>,
    pub scaled: Option<f64>,
    /// The context's category activity ids.
    pub categories: Vec<&'a str>,
    /// Whether the context carries this session's id (`.../extensions/sessionid`).
    pub same_session: bool,
}

/// Why a statement from the AU was refused (answered 403 with this text).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Cmi5Violation(pub String);

fn refuse(text: &str) -> Cmi5Violation {
    Cmi5Violation(text.to_owned())
}

/// Checks `statement` against the session and the registration's progress and, when it is
/// allowed, applies it. Nothing changes when it is refused.
pub fn accept(
    session: &mut SessionState,
    progress: &mut AuProgress,
    statement: &AuStatement<'_>,
    mastery_score: Option<f64>,
) -> Result<(), Cmi5Violation> {
    if [LAUNCHED, ABANDONED, WAIVED, SATISFIED].contains(&statement.verb) {
        return Err(refuse(
            "only the LMS may send launched, abandoned, waived or satisfied",
        ));
    }
    if !statement.same_session {
        return Err(refuse(
            "the statement must carry the session id of this launch",
        ));
    }
    let cmi5_defined =
        [INITIALIZED, COMPLETED, PASSED, FAILED, TERMINATED].contains(&statement.verb);
    if cmi5_defined && !statement.categories.contains(&CMI5_CATEGORY) {
        return Err(refuse(
            "a cmi5-defined statement must carry the cmi5 category",
        ));
    }
    match (*session, statement.verb) {
        (SessionState::Ended, _) => {
            return Err(refuse(
                "the session has ended; nothing more may be sent in it",
            ));
        }
        (SessionState::Launched, INITIALIZED) => {
            *session = SessionState::Initialized;
            return Ok(());
        }
        (SessionState::Launched, _) => {
            return Err(refuse(
                "the first statement of a session must be initialized",
            ));
        }
        (SessionState::Initialized, INITIALIZED) => {
            return Err(refuse("the session is already initialized"));
        }
        _ => {}
    }
    let moves_on = statement.categories.contains(&MOVEON_CATEGORY);
    match statement.verb {
        COMPLETED => {
            if progress.completed {
                return Err(refuse("this registration has already completed the AU"));
            }
            if statement.completion != Some(true) || statement.success.is_some() {
                return Err(refuse(
                    "completed needs result.completion true and no result.success",
                ));
            }
            if !moves_on {
                return Err(refuse("completed must carry the moveon category"));
            }
            progress.completed = true;
        }
        PASSED | FAILED => {
            let passing = statement.verb == PASSED;
            if progress.passed {
                return Err(refuse("this registration has already passed the AU"));
            }
            if statement.success != Some(passing) {
                return Err(refuse(
                    "passed needs result.success true, failed result.success false",
                ));
            }
            if statement.completion.is_some() {
                return Err(refuse(
                    "passed and failed must not report result.completion",
                ));
            }
            if !moves_on {
                return Err(refuse("passed and failed must carry the moveon category"));
            }
            if let Some(mastery) = mastery_score {
                let Some(scaled) = statement.scaled else {
                    return Err(refuse(
                        "with a mastery score, passed and failed need result.score.scaled",
                    ));
                };
                if passing && scaled < mastery {
                    return Err(refuse("passed with a score below the mastery score"));
                }
                if !passing && scaled >= mastery {
                    return Err(refuse("failed with a score at or above the mastery score"));
                }
            }
            if passing {
                progress.passed = true;
            } else {
                progress.failed = true;
            }
        }
        TERMINATED => *session = SessionState::Ended,
        // cmi5 allowed: any other statement between initialized and terminated.
        _ => {}
    }
    Ok(())
}

#[cfg(test)]
mod tests;
