//! Facts about the clinician that some boards' rules turn on: the date of birth (birthday
//! deadlines) and yes/no or share-of-patients questions such as "prescribes controlled
//! substances". Unanswered questions stay unknown, and the engine then assumes the rule
//! applies, so nothing is silently waived.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::fields::{self, FieldProblem};

/// Facts the app works out itself, so they are never asked: DEA registration from the
/// credentials, the Florida licence group from the expiry, the specialty per credential.
pub const DERIVED: [&str; 3] = ["dea_registered", "licence_group", "specialty"];

/// How a question is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnswerKind {
    YesNo,
    /// A share of patients, typed as a percentage and stored as 0 to 1.
    Percent,
}

/// The form as typed: the date of birth and one answer per question key.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileForm {
    #[serde(default)]
    pub birth_date: String,
    #[serde(default)]
    pub answers: BTreeMap<String, String>,
}

/// Checked facts, keyed by vocabulary name, ready for the engine.
pub type ProfileFacts = BTreeMap<String, Value>;

impl ProfileForm {
    /// `kind_of` says how a question is answered, or `None` for a key that is not asked.
    pub fn validate(
        &self,
        today: NaiveDate,
        kind_of: impl Fn(&str) -> Option<AnswerKind>,
    ) -> Result<ProfileFacts, FieldProblem> {
        let mut facts = ProfileFacts::new();
        if !self.birth_date.trim().is_empty() {
            let earliest = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or(today);
            let born = fields::date(
                "Date of birth",
                &self.birth_date,
                earliest,
                fields::years_from(today, -16),
            )?;
            facts.insert("birth_date".into(), Value::String(born.to_string()));
        }
        for (key, raw) in &self.answers {
            let kind = kind_of(key).ok_or_else(|| {
                FieldProblem::new(
                    "Answers",
                    "One of the questions is no longer asked; reload the page and answer again.",
                )
            })?;
            if let Some(value) = answer(kind, raw)? {
                facts.insert(key.clone(), value);
            }
        }
        Ok(facts)
    }
}

fn answer(kind: AnswerKind, raw: &str) -> Result<Option<Value>, FieldProblem> {
    let value = raw.trim();
    if value.is_empty() {
        return Ok(None);
    }
    match kind {
        AnswerKind::YesNo => match value {
            "yes" => Ok(Some(Value::Bool(true))),
            "no" => Ok(Some(Value::Bool(false))),
            _ => Err(FieldProblem::new(
                "Answers",
                "Answer yes, no or leave the question unanswered.",
            )),
        },
        AnswerKind::Percent => {
            let percent = value
                .trim_end_matches('%')
                .trim()
                .parse::<f64>()
                .ok()
                .filter(|p| p.is_finite() && (0.0..=100.0).contains(p))
                .ok_or_else(|| {
                    FieldProblem::new("Answers", "Enter a percentage from 0 to 100, e.g. 30.")
                })?;
            // Two decimals of a percent is more than any board's threshold needs.
            let share = (percent * 100.0).round() / 10_000.0;
            Ok(serde_json::Number::from_f64(share).map(Value::Number))
        }
    }
}

/// How a stored fact is shown back in the form.
pub fn shown(kind: AnswerKind, value: &Value) -> String {
    match (kind, value) {
        (AnswerKind::YesNo, Value::Bool(true)) => "yes".into(),
        (AnswerKind::YesNo, Value::Bool(false)) => "no".into(),
        (AnswerKind::Percent, Value::Number(n)) => {
            let percent = n.as_f64().unwrap_or_default() * 100.0;
            let text = format!("{percent:.2}");
            text.trim_end_matches('0').trim_end_matches('.').to_owned()
        }
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 4).unwrap_or_default()
    }

    fn kind_of(key: &str) -> Option<AnswerKind> {
        match key {
            "prescribes_controlled_substances" => Some(AnswerKind::YesNo),
            "patient_share_over_65" => Some(AnswerKind::Percent),
            _ => None,
        }
    }

    fn form(birth: &str, answers: &[(&str, &str)]) -> ProfileForm {
        ProfileForm {
            birth_date: birth.into(),
            answers: answers
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
        }
    }

    #[test]
    fn answers_become_engine_facts_and_blanks_stay_unknown() {
        let facts = form(
            "1971-03-10",
            &[
                ("prescribes_controlled_substances", "yes"),
                ("patient_share_over_65", "35.5"),
            ],
        )
        .validate(today(), kind_of);
        let facts = facts.unwrap_or_default();
        assert_eq!(facts.get("birth_date"), Some(&Value::from("1971-03-10")));
        assert_eq!(
            facts.get("prescribes_controlled_substances"),
            Some(&Value::Bool(true))
        );
        assert_eq!(
            facts.get("patient_share_over_65"),
            Some(&Value::from(0.355))
        );
        let blank =
            form("", &[("prescribes_controlled_substances", "")]).validate(today(), kind_of);
        assert_eq!(blank, Ok(ProfileFacts::new()));
    }

    #[test]
    fn bad_answers_are_refused_with_the_field_named() {
        let field = |f: ProfileForm| f.validate(today(), kind_of).err().map(|p| p.field);
        assert_eq!(field(form("1800-01-01", &[])), Some("Date of birth"));
        assert_eq!(field(form("2020-01-01", &[])), Some("Date of birth"));
        assert_eq!(field(form("10/03/1971", &[])), Some("Date of birth"));
        assert_eq!(field(form("", &[("astrology", "yes")])), Some("Answers"));
        assert_eq!(
            field(form("", &[("prescribes_controlled_substances", "maybe")])),
            Some("Answers")
        );
        assert_eq!(
            field(form("", &[("patient_share_over_65", "140")])),
            Some("Answers")
        );
        assert_eq!(
            field(form("", &[("patient_share_over_65", "NaN")])),
            Some("Answers")
        );
    }

    #[test]
    fn stored_facts_are_shown_as_typed() {
        assert_eq!(shown(AnswerKind::YesNo, &Value::Bool(false)), "no");
        assert_eq!(shown(AnswerKind::Percent, &Value::from(0.355)), "35.5");
        assert_eq!(shown(AnswerKind::Percent, &Value::from(0.3)), "30");
    }
}
