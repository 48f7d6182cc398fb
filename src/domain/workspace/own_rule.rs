//! A clinician's own renewal rule, for a credential the catalog has no set for: a hospital's
//! requirement, BLS or ACLS renewal, or a state licence the catalog does not cover yet.

use serde::{Deserialize, Serialize};

use super::fields::{self, FieldProblem, HoursProblem};
use crate::domain::requirements::{
    Hours,
    custom::{CustomSet, CustomTopic},
    ids::TopicKey,
};

/// At most 1 000 hours per cycle: no real board asks for more.
const MAX_TOTAL_HUNDREDTHS: i64 = 100_000;
/// The longest cycle a rule may have: ten years.
const MAX_MONTHS: u32 = 120;

/// What the clinician typed for their own rule; every field may be empty.
#[derive(Debug, Clone, Copy)]
pub struct OwnRuleInput<'a> {
    pub months: &'a str,
    pub hours: &'a str,
    pub topic: &'a str,
    pub topic_hours: &'a str,
}

/// A checked rule, stored with the credential.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnRule {
    pub months: u32,
    /// Hours per cycle in hundredths; 0 when only a course on the topic is asked for.
    pub hours_hundredths: i64,
    /// A catalog topic the cycle must include.
    pub topic: Option<String>,
    /// Hours of that topic in hundredths; `None` when completing a course is enough.
    pub topic_hours_hundredths: Option<i64>,
}

impl OwnRuleInput<'_> {
    fn is_empty(&self) -> bool {
        [self.months, self.hours, self.topic, self.topic_hours]
            .iter()
            .all(|value| value.trim().is_empty())
    }

    /// `None` when every field is empty; `is_topic` says whether a key is a catalog topic.
    pub fn validate(
        &self,
        is_topic: impl Fn(&str) -> bool,
    ) -> Result<Option<OwnRule>, FieldProblem> {
        if self.is_empty() {
            return Ok(None);
        }
        let months = self
            .months
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|months| (1..=MAX_MONTHS).contains(months))
            .ok_or_else(|| {
                FieldProblem::new(
                    "Renews every (months)",
                    "Enter a whole number of months from 1 to 120, e.g. 24.",
                )
            })?;
        let hours_hundredths = if self.hours.trim().is_empty() {
            0
        } else {
            hours("Hours per cycle", self.hours, MAX_TOTAL_HUNDREDTHS)?
        };
        let topic = match self.topic.trim() {
            "" => None,
            key if is_topic(key) => Some(key.to_owned()),
            _ => {
                return Err(FieldProblem::new(
                    "Required topic",
                    "Choose a topic from the list.",
                ));
            }
        };
        let topic_hours_hundredths = match (&topic, self.topic_hours.trim()) {
            (_, "") => None,
            (None, _) => {
                return Err(FieldProblem::new(
                    "Hours of that topic",
                    "Choose the topic these hours are for.",
                ));
            }
            (Some(_), raw) => Some(hours("Hours of that topic", raw, MAX_TOTAL_HUNDREDTHS)?),
        };
        if hours_hundredths == 0 && topic.is_none() {
            return Err(FieldProblem::new(
                "Hours per cycle",
                "Enter the hours needed each cycle, a required topic, or both.",
            ));
        }
        if hours_hundredths > 0
            && topic_hours_hundredths.is_some_and(|topic_hours| topic_hours > hours_hundredths)
        {
            return Err(FieldProblem::new(
                "Hours of that topic",
                "Topic hours count toward the cycle's hours, so they cannot be more.",
            ));
        }
        Ok(Some(OwnRule {
            months,
            hours_hundredths,
            topic,
            topic_hours_hundredths,
        }))
    }
}

fn hours(field: &'static str, raw: &str, max: i64) -> Result<i64, FieldProblem> {
    fields::hours(field, raw, max).map_err(|problem| match problem {
        HoursProblem::TooMany => FieldProblem::new(field, "Enter at most 1000 hours."),
        HoursProblem::Field(problem) => problem,
    })
}

impl OwnRule {
    /// The rule as an engine set named `id`; `topic_label` is how the catalog names the topic.
    pub fn to_custom_set(&self, id: &str, label: &str, topic_label: &str) -> CustomSet {
        CustomSet {
            id: id.to_owned(),
            label: label.to_owned(),
            cycle_months: self.months,
            total_hours: Hours::hundredths(self.hours_hundredths),
            accepted_credit_types: None,
            topics: self
                .topic
                .iter()
                .map(|key| CustomTopic {
                    key: TopicKey(key.clone()),
                    label: topic_label.to_owned(),
                    hours: self.topic_hours_hundredths.map(Hours::hundredths),
                })
                .collect(),
            source_url: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input<'a>(
        months: &'a str,
        hours: &'a str,
        topic: &'a str,
        topic_hours: &'a str,
    ) -> OwnRuleInput<'a> {
        OwnRuleInput {
            months,
            hours,
            topic,
            topic_hours,
        }
    }

    fn check(input: OwnRuleInput<'_>) -> Result<Option<OwnRule>, FieldProblem> {
        input.validate(|key| key == "pain_management")
    }

    #[test]
    fn an_empty_rule_is_no_rule() {
        assert_eq!(check(input("", " ", "", "")), Ok(None));
    }

    #[test]
    fn a_hospital_rule_with_hours_and_a_topic() {
        let rule = check(input("24", "20", "pain_management", "2.5"));
        assert_eq!(
            rule,
            Ok(Some(OwnRule {
                months: 24,
                hours_hundredths: 2000,
                topic: Some("pain_management".into()),
                topic_hours_hundredths: Some(250),
            }))
        );
    }

    #[test]
    fn a_course_alone_is_enough_for_a_card_such_as_bls() {
        let rule = check(input("24", "", "pain_management", ""));
        assert_eq!(
            rule.ok()
                .flatten()
                .map(|r| (r.hours_hundredths, r.topic_hours_hundredths)),
            Some((0, None))
        );
    }

    #[test]
    fn each_bad_field_is_named() {
        let field = |i: OwnRuleInput<'_>| check(i).err().map(|p| p.field);
        assert_eq!(
            field(input("", "20", "", "")),
            Some("Renews every (months)")
        );
        assert_eq!(
            field(input("0", "20", "", "")),
            Some("Renews every (months)")
        );
        assert_eq!(
            field(input("121", "20", "", "")),
            Some("Renews every (months)")
        );
        assert_eq!(field(input("24", "-3", "", "")), Some("Hours per cycle"));
        assert_eq!(field(input("24", "10000", "", "")), Some("Hours per cycle"));
        assert_eq!(field(input("24", "", "", "")), Some("Hours per cycle"));
        assert_eq!(
            field(input("24", "20", "astrology", "")),
            Some("Required topic")
        );
        assert_eq!(
            field(input("24", "20", "", "2")),
            Some("Hours of that topic")
        );
        assert_eq!(
            field(input("24", "2", "pain_management", "3")),
            Some("Hours of that topic")
        );
    }

    #[test]
    fn the_engine_set_carries_the_rule() {
        let rule = OwnRule {
            months: 24,
            hours_hundredths: 2000,
            topic: Some("pain_management".into()),
            topic_hours_hundredths: None,
        };
        let set = rule.to_custom_set("OWN-1", "Hospital privileges", "Pain management");
        assert_eq!(set.cycle_months, 24);
        assert_eq!(set.total_hours, Hours::whole(20));
        assert_eq!(set.topics.len(), 1);
        assert_eq!(set.topics[0].hours, None);
    }
}
