//! The report's list of what is still to do, most urgent first, each with a one-line text.

use chrono::{Datelike, NaiveDate};

use super::{
    hours::Hours,
    report::{CredentialReport, NextStep},
};

/// Everything still to do, most urgent first (status, then due date, then most missing).
pub fn next_steps(reports: &[CredentialReport]) -> Vec<NextStep> {
    let mut steps: Vec<(u8, NextStep)> = Vec::new();
    for report in reports {
        for req in &report.requirements {
            let Some(urgency) = req.status.urgency() else {
                continue;
            };
            let text = step_text(
                report.id.as_str(),
                &req.label,
                req.missing,
                req.due,
                req.status.label(),
            );
            steps.push((
                urgency,
                NextStep {
                    credential: report.id.clone(),
                    key: req.key.clone(),
                    status: req.status,
                    due: req.due,
                    missing: req.missing,
                    text,
                },
            ));
        }
    }
    steps.sort_by(|(ua, a), (ub, b)| {
        (
            ua,
            a.due,
            std::cmp::Reverse(a.missing),
            &a.credential,
            &a.key,
        )
            .cmp(&(
                ub,
                b.due,
                std::cmp::Reverse(b.missing),
                &b.credential,
                &b.key,
            ))
    });
    steps.into_iter().map(|(_, step)| step).collect()
}

/// "fl: 12 h of Total hours by 2027-01-31 (on track)", or "complete …" when no hours are
/// counted. Written piece by piece: through `format!` these texts were 7 % of an evaluation
/// in the issue 4 benchmark.
fn step_text(
    credential: &str,
    label: &str,
    missing: Option<Hours>,
    due: Option<NaiveDate>,
    status: &str,
) -> String {
    let mut text = String::with_capacity(credential.len() + label.len() + status.len() + 32);
    text.push_str(credential);
    text.push_str(": ");
    match (missing, due) {
        (Some(missing), Some(_)) => {
            push_hours(&mut text, missing);
            text.push_str(" h of ");
        }
        _ => text.push_str("complete "),
    }
    text.push_str(label);
    if let Some(due) = due {
        text.push_str(" by ");
        push_date(&mut text, due);
    }
    text.push_str(" (");
    text.push_str(status);
    text.push(')');
    text
}

/// The same text as `Hours`' `Display`.
fn push_hours(text: &mut String, hours: Hours) {
    let hundredths = hours.as_hundredths();
    let Ok(magnitude) = u64::try_from(hundredths) else {
        text.push_str(&hours.to_string());
        return;
    };
    push_digits(text, magnitude / 100, 1);
    if magnitude % 100 != 0 {
        text.push('.');
        push_digits(text, magnitude % 100, 2);
    }
}

/// The same text as `NaiveDate`'s `Display` (ISO 8601, `2027-01-31`).
fn push_date(text: &mut String, date: NaiveDate) {
    match u64::try_from(date.year()) {
        Ok(year) if year <= 9999 => push_digits(text, year, 4),
        _ => {
            text.push_str(&date.to_string());
            return;
        }
    }
    text.push('-');
    push_digits(text, u64::from(date.month()), 2);
    text.push('-');
    push_digits(text, u64::from(date.day()), 2);
}

/// `value` in decimal, zero-padded to at least `width` digits.
fn push_digits(text: &mut String, value: u64, width: usize) {
    let mut digits = [b'0'; 20];
    let mut start = digits.len();
    let mut rest = value;
    loop {
        start -= 1;
        digits[start] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    start = start.min(digits.len().saturating_sub(width));
    for &digit in &digits[start..] {
        text.push(char::from(digit));
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::{Hours, step_text};

    /// The texts the report carried when they were written with `format!`.
    fn formatted(
        credential: &str,
        label: &str,
        missing: Option<Hours>,
        due: Option<NaiveDate>,
        status: &str,
    ) -> String {
        match (missing, due) {
            (Some(missing), Some(due)) => {
                format!("{credential}: {missing} h of {label} by {due} ({status})")
            }
            (_, Some(due)) => format!("{credential}: complete {label} by {due} ({status})"),
            _ => format!("{credential}: complete {label} ({status})"),
        }
    }

    #[test]
    fn texts_match_the_formatted_ones() {
        let dates = [
            NaiveDate::from_ymd_opt(2027, 1, 31),
            NaiveDate::from_ymd_opt(1999, 12, 1),
            NaiveDate::from_ymd_opt(205, 3, 9),
            NaiveDate::from_ymd_opt(-3, 3, 9),
            NaiveDate::from_ymd_opt(12_000, 3, 9),
        ];
        let hours = [0, 5, 50, 100, 150, 1_234, 100_000, 9_999_999, -150, -100];
        for due in dates.into_iter().chain([None]) {
            for missing in hours
                .map(|h| Some(Hours::hundredths(h)))
                .into_iter()
                .chain([None])
            {
                let expected = formatted("fl", "Total hours", missing, due, "on track");
                assert_eq!(
                    step_text("fl", "Total hours", missing, due, "on track"),
                    expected
                );
            }
        }
    }
}
