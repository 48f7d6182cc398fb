//! What the "record an activity" form may hold.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::fields::{self, FieldProblem};

/// How the activity was delivered; some boards cap self-study.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    Live,
    Enduring,
    SelfStudy,
}

impl Format {
    pub const ALL: [Format; 3] = [Format::Live, Format::Enduring, Format::SelfStudy];

    pub fn parse(raw: &str) -> Result<Self, FieldProblem> {
        Self::ALL
            .into_iter()
            .find(|format| format.as_str() == raw.trim())
            .ok_or_else(|| FieldProblem::new("Format", "Choose live, enduring or self-study."))
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Live => "live",
            Self::Enduring => "enduring",
            Self::SelfStudy => "self_study",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Live => "Live",
            Self::Enduring => "Enduring (recorded or online)",
            Self::SelfStudy => "Self-study",
        }
    }
}

/// Most a single activity may claim. Accredited activities are certified in hours a day
/// at most; a whole fellowship year recorded at once stays well under this.
pub const MAX_HOURS_HUNDREDTHS: i64 = 200 * 100;

/// The form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityForm {
    pub title: String,
    pub provider: String,
    pub accreditor: String,
    pub completed: String,
    pub hours: String,
    pub credit_type: String,
    pub format: String,
    pub topics: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidActivity {
    pub title: String,
    pub provider: String,
    pub accreditor: Option<String>,
    pub completed: NaiveDate,
    pub hours_hundredths: i64,
    pub credit_type: String,
    pub format: Format,
    pub topics: Vec<String>,
}

impl ActivityForm {
    /// Checks every field against the catalog's credit types and topics.
    pub fn validate(
        &self,
        today: NaiveDate,
        is_credit_type: impl Fn(&str) -> bool,
        is_topic: impl Fn(&str) -> bool,
    ) -> Result<ValidActivity, FieldProblem> {
        let title = fields::text("Title", &self.title, 1, 300)?;
        let provider = fields::text("Provider", &self.provider, 1, 200)?;
        let accreditor = fields::optional_text("Accreditor", &self.accreditor, 200)?;
        let earliest = NaiveDate::from_ymd_opt(1950, 1, 1).unwrap_or(today);
        let completed = fields::date("Completed on", &self.completed, earliest, today)?;
        let hours_hundredths = hours(&self.hours)?;
        let credit_type = self.credit_type.trim().to_owned();
        if !is_credit_type(&credit_type) {
            return Err(FieldProblem::new(
                "Credit type",
                "Choose a credit type from the list.",
            ));
        }
        let format = Format::parse(&self.format)?;
        let topics = topics(&self.topics, is_topic)?;
        Ok(ValidActivity {
            title,
            provider,
            accreditor,
            completed,
            hours_hundredths,
            credit_type,
            format,
            topics,
        })
    }
}

/// Topic keys as chosen: blanks dropped, each once, every one known to the catalog.
pub fn topics(
    chosen: &[String],
    is_topic: impl Fn(&str) -> bool,
) -> Result<Vec<String>, FieldProblem> {
    let mut topics: Vec<String> = Vec::new();
    for topic in chosen.iter().map(|t| t.trim()).filter(|t| !t.is_empty()) {
        if !is_topic(topic) {
            return Err(FieldProblem::new("Topics", "Choose topics from the list."));
        }
        if !topics.iter().any(|known| known == topic) {
            topics.push(topic.to_owned());
        }
    }
    Ok(topics)
}

/// Hours as typed (`1`, `1.5`, `0.25`) into exact hundredths: more than 0, at most 200,
/// at most two decimals.
pub fn hours(raw: &str) -> Result<i64, FieldProblem> {
    fields::hours("Hours", raw, MAX_HOURS_HUNDREDTHS).map_err(|problem| match problem {
        fields::HoursProblem::TooMany => {
            FieldProblem::new("Hours", "One activity can claim at most 200 hours.")
        }
        fields::HoursProblem::Field(problem) => problem,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 4).unwrap_or_default()
    }

    fn form() -> ActivityForm {
        ActivityForm {
            title: "Cardiology update".into(),
            provider: "Heart Society".into(),
            accreditor: "ACCME".into(),
            completed: "2025-03-14".into(),
            hours: "1.5".into(),
            credit_type: "AMA_PRA_1".into(),
            format: "live".into(),
            topics: vec!["medical_errors".into(), "medical_errors".into()],
        }
    }

    fn check(form: &ActivityForm) -> Result<ValidActivity, FieldProblem> {
        form.validate(today(), |t| t == "AMA_PRA_1", |t| t == "medical_errors")
    }

    #[test]
    fn hours_are_exact_hundredths() {
        assert_eq!(hours("1.5"), Ok(150));
        assert_eq!(hours("0.25"), Ok(25));
        assert_eq!(hours(".5"), Ok(50));
        assert_eq!(hours("200"), Ok(20_000));
        for bad in [
            "", "-1", "0", "0.00", "1.234", "10000", "200.01", "1e3", "one", "1,5",
        ] {
            assert_eq!(hours(bad).err().map(|p| p.field), Some("Hours"), "{bad}");
        }
    }

    #[test]
    fn a_good_activity_passes_with_topics_deduplicated() {
        let valid = check(&form());
        assert_eq!(valid.as_ref().map(|v| v.topics.len()).ok(), Some(1));
        assert_eq!(valid.map(|v| v.hours_hundredths).ok(), Some(150));
    }

    #[test]
    fn each_bad_field_is_named() {
        let cases = [
            (
                ActivityForm {
                    title: "x".repeat(10_000),
                    ..form()
                },
                "Title",
            ),
            (
                ActivityForm {
                    provider: " ".into(),
                    ..form()
                },
                "Provider",
            ),
            (
                ActivityForm {
                    completed: "1900-01-01".into(),
                    ..form()
                },
                "Completed on",
            ),
            (
                ActivityForm {
                    completed: "2026-12-05".into(),
                    ..form()
                },
                "Completed on",
            ),
            (
                ActivityForm {
                    hours: "-2".into(),
                    ..form()
                },
                "Hours",
            ),
            (
                ActivityForm {
                    credit_type: "GOLD_STAR".into(),
                    ..form()
                },
                "Credit type",
            ),
            (
                ActivityForm {
                    format: "dream".into(),
                    ..form()
                },
                "Format",
            ),
            (
                ActivityForm {
                    topics: vec!["astrology".into()],
                    ..form()
                },
                "Topics",
            ),
        ];
        for (form, field) in cases {
            assert_eq!(check(&form).err().map(|p| p.field), Some(field), "{form:?}");
        }
    }
}
