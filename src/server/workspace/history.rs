//! Past cycles of a credential: the engine run again as of the end of each earlier cycle,
//! so the dashboard can say which renewals were complete and what was missing.

use chrono::{Days, NaiveDate};

use super::format_hours;
use crate::{
    domain::requirements::{Case, Catalog, Status, evaluate},
    features::workspace::PastCycle,
};

/// How many earlier cycles the dashboard lists per credential.
pub const CYCLES_SHOWN: usize = 2;

/// Up to `CYCLES_SHOWN` cycles of credential `id` before the one starting on
/// `current_start`, newest first. `case` is the clinician's current case; only that
/// credential is evaluated again, with the same credits and facts. A cycle the engine
/// cannot judge (e.g. before the first licence) ends the list.
pub fn past_cycles(
    catalog: &Catalog,
    case: &Case,
    id: &str,
    current_start: NaiveDate,
) -> Vec<PastCycle> {
    let Some(credential) = case.credentials.iter().find(|c| c.id.as_str() == id) else {
        return Vec::new();
    };
    let mut past = Case {
        today: case.today,
        facts: case.facts.clone(),
        credentials: vec![credential.clone()],
        credits: case.credits.clone(),
        custom_rule_sets: case.custom_rule_sets.clone(),
    };
    let mut cycles = Vec::new();
    let mut start = current_start;
    while cycles.len() < CYCLES_SHOWN {
        let Some(end) = start.checked_sub_days(Days::new(1)) else {
            break;
        };
        if credential
            .initial_licence
            .is_some_and(|initial| initial >= end)
        {
            break;
        }
        past.today = end;
        if let Some(only) = past.credentials.first_mut() {
            only.expires = Some(end);
        }
        let Some(report) = evaluate(&past, catalog)
            .ok()
            .and_then(|report| report.credentials.into_iter().next())
        else {
            break;
        };
        let missing: Vec<String> = report
            .requirements
            .iter()
            .filter(|req| {
                !matches!(
                    req.status,
                    Status::Met | Status::NotApplicable | Status::Waived
                )
            })
            .map(|req| match req.missing {
                Some(hours) if !hours.is_zero() => {
                    format!("{} h {}", format_hours(hours.as_hundredths()), req.label)
                }
                _ => req.label.clone(),
            })
            .collect();
        cycles.push(PastCycle {
            start: report.start.to_string(),
            end: report.end.to_string(),
            complete: missing.is_empty(),
            summary: if missing.is_empty() {
                "Every requirement was met.".to_owned()
            } else {
                format!("Missing at the deadline: {}.", missing.join("; "))
            },
        });
        start = report.start;
    }
    cycles
}
