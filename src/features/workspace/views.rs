//! What the workspace server functions return: plain data, already shaped for the pages.

use serde::{Deserialize, Serialize};

/// A key and how it is shown, for select lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub key: String,
    pub label: String,
}

/// Everything the forms offer, from the catalog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Options {
    pub jurisdictions: Vec<Choice>,
    pub professions: Vec<Choice>,
    pub certifications: Vec<Choice>,
    pub credit_types: Vec<Choice>,
    pub formats: Vec<Choice>,
    pub topics: Vec<Choice>,
    /// `STATE-PROFESSION` pairs the catalog has a licence set for; other licences may
    /// carry the clinician's own rule.
    pub covered: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceView {
    pub title: String,
    pub url: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CredentialView {
    pub id: String,
    pub kind: String,
    /// How the credential is shown, e.g. "Florida Physician (MD) licence".
    pub title: String,
    pub jurisdiction: Option<String>,
    pub profession: Option<String>,
    pub certification: Option<String>,
    pub name: String,
    pub number: Option<String>,
    pub initial_date: Option<String>,
    pub expires: String,
    pub specialty: Option<String>,
    /// The catalog set that applies, with its board and sources; `None` when the catalog
    /// has no set for it yet.
    pub rule_set: Option<String>,
    pub board: Option<String>,
    pub sources: Vec<SourceView>,
    /// The clinician's own rule, when the catalog has no set for this credential.
    pub own_rule: Option<OwnRuleView>,
}

/// An own rule as typed into the form, and in one sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnRuleView {
    pub months: String,
    pub hours: String,
    pub topic: String,
    pub topic_hours: String,
    /// e.g. "20 h every 24 months, 2 h of Medical errors".
    pub summary: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityView {
    pub id: String,
    pub title: String,
    pub provider: String,
    pub accreditor: Option<String>,
    pub completed: String,
    pub hours: String,
    pub credit_type: String,
    pub format: String,
    pub topics: Vec<String>,
    /// The document that proves it (a certificate), when one is linked.
    pub certificate: Option<String>,
    /// Reported by a course's provider: shown as such and not editable.
    pub from_provider: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dashboard {
    pub credentials: Vec<CredentialStatus>,
    /// Most urgent first, across all credentials.
    pub next_steps: Vec<StepView>,
    /// Credentials the catalog has no requirement set for.
    pub untracked: Vec<String>,
    /// Credentials whose deadline follows the clinician's birthday, held back until the
    /// date of birth is given.
    pub need_birth_date: Vec<String>,
    /// Questions about the clinician's practice that rules of their boards turn on and that
    /// are still unanswered.
    pub open_questions: usize,
    pub activity_count: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CredentialStatus {
    pub id: String,
    pub title: String,
    pub rule_set: String,
    pub board: String,
    pub cycle_start: String,
    pub cycle_end: String,
    /// Days until the cycle ends; negative once it has passed.
    pub days_left: i64,
    pub requirements: Vec<RequirementView>,
    pub unknowns: Vec<String>,
    /// Earlier cycles, newest first.
    pub history: Vec<PastCycle>,
}

/// One earlier cycle of a credential, judged as of its end.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PastCycle {
    pub start: String,
    pub end: String,
    pub complete: bool,
    pub summary: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequirementView {
    pub key: String,
    pub label: String,
    pub required: Option<String>,
    pub counted: String,
    pub missing: Option<String>,
    /// 0 to 100, for the progress bar.
    pub percent: u8,
    /// The engine's status name (`met`, `at_risk`, ...) and how it is shown.
    pub status: String,
    pub status_label: String,
    pub due: Option<String>,
    pub sources: Vec<SourceView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepView {
    pub credential: String,
    pub status: String,
    pub text: String,
}

/// Where one activity counted, and where it did not and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityUsage {
    pub counted: Vec<UsageLine>,
    pub rejected: Vec<UsageLine>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UsageLine {
    pub credential: String,
    pub requirement: String,
    /// Hours counted, or the reason it was not.
    pub detail: String,
}

/// "About you": the date of birth and the questions the clinician's boards ask.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileView {
    /// ISO date, empty when not given.
    pub birth_date: String,
    /// Credentials whose deadline follows the birthday.
    pub birthday_credentials: Vec<String>,
    pub questions: Vec<QuestionView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionView {
    pub key: String,
    pub text: String,
    pub kind: crate::domain::workspace::profile::AnswerKind,
    /// `yes`, `no`, a percentage, or empty when unanswered.
    pub answer: String,
    /// Titles of the credentials whose rules ask it.
    pub asked_by: String,
}
