//! Parsers shared by the workspace forms. Each failure names the field, so the message
//! shown says exactly what to fix.

use std::fmt;

use chrono::{Datelike, NaiveDate};

/// One field that is not acceptable, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    pub field: &'static str,
    pub message: String,
}

impl FieldProblem {
    pub fn new(field: &'static str, message: impl Into<String>) -> Self {
        Self {
            field,
            message: message.into(),
        }
    }
}

impl fmt::Display for FieldProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

/// Trimmed text of `min..=max` characters with no control characters.
pub fn text(
    field: &'static str,
    raw: &str,
    min: usize,
    max: usize,
) -> Result<String, FieldProblem> {
    let value = raw.trim();
    let len = value.chars().count();
    if len < min {
        return Err(FieldProblem::new(field, "This is required."));
    }
    if len > max {
        return Err(FieldProblem::new(
            field,
            format!("Use at most {max} characters (this has {len})."),
        ));
    }
    if value.chars().any(char::is_control) {
        return Err(FieldProblem::new(field, "Remove line breaks and tabs."));
    }
    Ok(value.to_owned())
}

/// Optional text: empty means `None`.
pub fn optional_text(
    field: &'static str,
    raw: &str,
    max: usize,
) -> Result<Option<String>, FieldProblem> {
    if raw.trim().is_empty() {
        return Ok(None);
    }
    text(field, raw, 1, max).map(Some)
}

/// An ISO date (`2026-03-14`) between `earliest` and `latest`, both inclusive.
pub fn date(
    field: &'static str,
    raw: &str,
    earliest: NaiveDate,
    latest: NaiveDate,
) -> Result<NaiveDate, FieldProblem> {
    let value = raw.trim();
    if value.is_empty() {
        return Err(FieldProblem::new(field, "Enter a date."));
    }
    let parsed = NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .map_err(|_| FieldProblem::new(field, "Enter a date as YYYY-MM-DD, e.g. 2026-03-14."))?;
    if parsed < earliest {
        return Err(FieldProblem::new(
            field,
            format!("Enter a date on or after {earliest}."),
        ));
    }
    if parsed > latest {
        return Err(FieldProblem::new(
            field,
            format!("Enter a date on or before {latest}."),
        ));
    }
    Ok(parsed)
}

/// Why typed hours were refused: a problem to show as is, or a value over the caller's
/// limit, which each caller words for its own field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HoursProblem {
    Field(FieldProblem),
    TooMany,
}

/// Hours as typed (`1`, `1.5`, `0.25`) into exact hundredths: more than 0, at most
/// `max_hundredths`, at most two decimals.
pub fn hours(field: &'static str, raw: &str, max_hundredths: i64) -> Result<i64, HoursProblem> {
    let value = raw.trim();
    let problem = |message: &str| HoursProblem::Field(FieldProblem::new(field, message));
    let not_a_number = || problem("Enter hours as a number such as 1, 1.5 or 0.25.");
    let (whole, fraction) = value.split_once('.').unwrap_or((value, ""));
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if whole.is_empty() && fraction.is_empty() || !digits(whole) || !digits(fraction) {
        return Err(not_a_number());
    }
    if fraction.len() > 2 {
        return Err(problem("Use at most two decimals, e.g. 0.25."));
    }
    if whole.len() > 6 {
        return Err(HoursProblem::TooMany);
    }
    let whole: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| not_a_number())?
    };
    let fraction: i64 = format!("{fraction:0<2}")
        .parse()
        .map_err(|_| not_a_number())?;
    let hundredths = whole * 100 + fraction;
    if hundredths == 0 {
        return Err(problem("Enter more than 0 hours."));
    }
    if hundredths > max_hundredths {
        return Err(HoursProblem::TooMany);
    }
    Ok(hundredths)
}

/// `today` moved by whole years, clamped to a real day (29 February becomes 28).
pub fn years_from(today: NaiveDate, years: i32) -> NaiveDate {
    let year = today.year() + years;
    NaiveDate::from_ymd_opt(year, today.month(), today.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, today.month(), 28))
        .unwrap_or(today)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_default()
    }

    #[test]
    fn text_limits_name_the_field() {
        assert_eq!(
            text("Title", "  Cardiology  ", 1, 10),
            Ok("Cardiology".into())
        );
        let long = "x".repeat(10_000);
        let problem = text("Title", &long, 1, 300).err();
        assert_eq!(problem.as_ref().map(|p| p.field), Some("Title"));
        assert!(
            problem
                .map(|p| p.message)
                .unwrap_or_default()
                .contains("at most 300")
        );
        assert!(text("Title", "   ", 1, 10).is_err());
        assert!(text("Title", "a\nb", 1, 10).is_err());
    }

    #[test]
    fn dates_must_be_iso_and_in_range() {
        let (from, to) = (day("1950-01-01"), day("2026-12-04"));
        assert_eq!(
            date("Completed", "2025-03-14", from, to),
            Ok(day("2025-03-14"))
        );
        assert!(date("Completed", "1900-01-01", from, to).is_err());
        assert!(date("Completed", "2999-01-01", from, to).is_err());
        assert!(date("Completed", "14/03/2025", from, to).is_err());
        assert!(date("Completed", "2025-02-30", from, to).is_err());
    }

    #[test]
    fn leap_days_move_to_the_28th() {
        assert_eq!(years_from(day("2024-02-29"), 1), day("2025-02-28"));
        assert_eq!(years_from(day("2026-12-04"), -10), day("2016-12-04"));
    }
}
