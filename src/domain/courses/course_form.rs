//! A course as an administrator types it into the console, checked into what the catalog
//! stores. The cmi5 course structure is checked apart (`cmi5::parse_course_structure`).

use serde::{Deserialize, Serialize};

use crate::domain::workspace::{
    activity_form,
    fields::{self, FieldProblem},
};

/// How a clinician takes the course.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Launch {
    /// Launched inside Licensure; completion is reported by the content (cmi5 and xAPI).
    Cmi5,
    /// A link to the provider's site; the clinician records completion.
    Link,
}

impl Launch {
    pub fn parse(raw: &str) -> Result<Self, FieldProblem> {
        match raw.trim() {
            "cmi5" => Ok(Self::Cmi5),
            "link" => Ok(Self::Link),
            _ => Err(FieldProblem::new(
                "Launch",
                "Choose cmi5 or an external link.",
            )),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Cmi5 => "cmi5",
            Self::Link => "link",
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CourseForm {
    pub title: String,
    pub description: String,
    pub hours: String,
    pub credit_type: String,
    pub topics: Vec<String>,
    pub accreditor: String,
    /// In dollars, e.g. `49` or `49.99`; empty for free.
    pub price: String,
    pub launch: String,
    pub link_url: String,
    /// Where the package's relative AU urls are served from, e.g. `/course-content/demo/`.
    pub content_base: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidCourse {
    pub title: String,
    pub description: String,
    pub hours_hundredths: i64,
    pub credit_type: String,
    pub topics: Vec<String>,
    pub accreditor: Option<String>,
    pub price_cents: Option<i64>,
    pub launch: Launch,
    pub link_url: Option<String>,
    pub content_base: Option<String>,
}

/// The most a course's price may be (display only; Licensure takes no payments).
const MAX_PRICE_CENTS: i64 = 100_000 * 100;

fn web_address(field: &'static str, raw: &str) -> Result<String, FieldProblem> {
    let value = fields::text(field, raw, 1, 2000)?;
    let ok = (value.starts_with("https://") || value.starts_with("http://"))
        && value.len() > "https://".len()
        && !value.contains(char::is_whitespace);
    if ok {
        Ok(value)
    } else {
        Err(FieldProblem::new(
            field,
            "Give a full web address starting with https://.",
        ))
    }
}

fn content_base(raw: &str) -> Result<Option<String>, FieldProblem> {
    let value = raw.trim();
    if value.is_empty() {
        return Ok(None);
    }
    let local = value.starts_with('/') && !value.starts_with("//") && !value.contains("..");
    let value = if local {
        value.to_owned()
    } else {
        web_address("Content address", value)?
    };
    Ok(Some(if value.ends_with('/') {
        value
    } else {
        format!("{value}/")
    }))
}

fn price(raw: &str) -> Result<Option<i64>, FieldProblem> {
    let value = raw.trim().trim_start_matches('$');
    if value.is_empty() {
        return Ok(None);
    }
    let problem = || {
        FieldProblem::new(
            "Price",
            "Give the price in dollars, such as 49 or 49.99, or leave it empty for free.",
        )
    };
    let (whole, cents) = value.split_once('.').unwrap_or((value, ""));
    if whole.is_empty()
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || cents.len() > 2
        || !cents.bytes().all(|b| b.is_ascii_digit())
        || whole.len() > 9
    {
        return Err(problem());
    }
    let whole: i64 = whole.parse().map_err(|_| problem())?;
    let cents: i64 = format!("{cents:0<2}").parse().map_err(|_| problem())?;
    let total = whole * 100 + cents;
    if total > MAX_PRICE_CENTS {
        return Err(FieldProblem::new(
            "Price",
            "A price above $100,000 is surely a typing error.",
        ));
    }
    Ok(Some(total))
}

impl CourseForm {
    pub fn validate(
        &self,
        is_credit_type: impl Fn(&str) -> bool,
        is_topic: impl Fn(&str) -> bool,
    ) -> Result<ValidCourse, FieldProblem> {
        let title = fields::text("Title", &self.title, 1, 200)?;
        let description = self.description.trim().to_owned();
        if description.chars().count() > 4000 {
            return Err(FieldProblem::new(
                "Description",
                "Use at most 4000 characters.",
            ));
        }
        let hours_hundredths = activity_form::hours(&self.hours)?;
        let credit_type = self.credit_type.trim().to_owned();
        if !is_credit_type(&credit_type) {
            return Err(FieldProblem::new(
                "Credit type",
                "Choose a credit type from the list.",
            ));
        }
        let topics = activity_form::topics(&self.topics, is_topic)?;
        let accreditor = fields::optional_text("Accreditor", &self.accreditor, 120)?;
        let price_cents = price(&self.price)?;
        let launch = Launch::parse(&self.launch)?;
        let link_url = match launch {
            Launch::Link => Some(web_address("Course link", &self.link_url)?),
            Launch::Cmi5 => None,
        };
        let content_base = match launch {
            Launch::Cmi5 => content_base(&self.content_base)?,
            Launch::Link => None,
        };
        Ok(ValidCourse {
            title,
            description,
            hours_hundredths,
            credit_type,
            topics,
            accreditor,
            price_cents,
            launch,
            link_url,
            content_base,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> CourseForm {
        CourseForm {
            title: "Sepsis update".into(),
            description: "What changed in 2026.".into(),
            hours: "1.5".into(),
            credit_type: "ama_pra_category_1".into(),
            topics: vec!["pain_management".into(), "pain_management".into()],
            accreditor: "ACCME".into(),
            price: "$49.5".into(),
            launch: "cmi5".into(),
            link_url: String::new(),
            content_base: "/course-content/sepsis".into(),
        }
    }

    fn check(form: &CourseForm) -> Result<ValidCourse, FieldProblem> {
        form.validate(|t| t == "ama_pra_category_1", |t| t == "pain_management")
    }

    #[test]
    fn a_good_course_is_read_exactly() {
        let valid = check(&form());
        let Ok(valid) = valid else {
            unreachable!("refused: {valid:?}");
        };
        assert_eq!(valid.hours_hundredths, 150);
        assert_eq!(valid.price_cents, Some(4950));
        assert_eq!(valid.topics, vec!["pain_management"]);
        assert_eq!(
            valid.content_base.as_deref(),
            Some("/course-content/sepsis/")
        );
        assert_eq!(valid.link_url, None);
    }

    #[test]
    fn each_bad_field_is_named() {
        type Change = fn(&mut CourseForm);
        let cases: Vec<(Change, &str)> = vec![
            (|f| f.title = " ".into(), "Title"),
            (|f| f.description = "x".repeat(4001), "Description"),
            (|f| f.hours = "0".into(), "Hours"),
            (|f| f.hours = "201".into(), "Hours"),
            (|f| f.credit_type = "gold_stars".into(), "Credit type"),
            (|f| f.topics = vec!["astrology".into()], "Topics"),
            (|f| f.price = "12.345".into(), "Price"),
            (|f| f.price = "-3".into(), "Price"),
            (|f| f.price = "200000".into(), "Price"),
            (|f| f.launch = "scorm".into(), "Launch"),
            (
                |f| {
                    f.launch = "link".into();
                    f.link_url = "javascript:alert(1)".into();
                },
                "Course link",
            ),
            (
                |f| f.content_base = "//evil.example/".into(),
                "Content address",
            ),
            (
                |f| f.content_base = "/course-content/../admin".into(),
                "Content address",
            ),
        ];
        for (change, field) in cases {
            let mut bad = form();
            change(&mut bad);
            match check(&bad) {
                Err(problem) => assert_eq!(problem.field, field, "{bad:?}"),
                Ok(valid) => unreachable!("accepted {valid:?}"),
            }
        }
    }

    #[test]
    fn free_courses_and_links() {
        let mut link = form();
        link.launch = "link".into();
        link.link_url = "https://provider.example/course/12".into();
        link.price = String::new();
        let valid = check(&link);
        assert!(
            matches!(
                valid,
                Ok(ValidCourse {
                    price_cents: None,
                    content_base: None,
                    link_url: Some(_),
                    ..
                })
            ),
            "{valid:?}"
        );
    }
}
