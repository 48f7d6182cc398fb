//! Past cycles of a credential: the engine run again as of the end of each earlier cycle,
//! so the dashboard can say which renewals were complete and what was missing.

use chrono::{Days, NaiveDate};

use super::{case, format_hours};
use crate::{
    domain::requirements::{Catalog, Status, evaluate},
    features::workspace::PastCycle,
    server::entities::{activity, credential},
};

/// How many earlier cycles the dashboard lists per credential.
pub const CYCLES_SHOWN: usize = 2;

/// Up to `CYCLES_SHOWN` cycles before the one starting on `current_start`, newest first.
/// `others` are the clinician's other credentials (they decide facts such as holding a DEA
/// registration). A cycle the engine cannot judge (e.g. before the first licence) ends
/// the list.
pub fn past_cycles(
    catalog: &Catalog,
    row: &credential::Model,
    current_start: NaiveDate,
    others: &[credential::Model],
    activities: &[activity::Model],
) -> Vec<PastCycle> {
    let mut cycles = Vec::new();
    let mut start = current_start;
    while cycles.len() < CYCLES_SHOWN {
        let Some(end) = start.checked_sub_days(Days::new(1)) else {
            break;
        };
        if row.initial_date.is_some_and(|initial| initial >= end) {
            break;
        }
        let mut past = row.clone();
        past.expires = end;
        let mut credentials = vec![past];
        credentials.extend(others.iter().filter(|o| o.id != row.id).cloned());
        let report = case::build(end, &credentials, activities)
            .and_then(|case| evaluate(&case, catalog))
            .ok()
            .and_then(|report| {
                report
                    .credentials
                    .into_iter()
                    .find(|c| c.id.as_str() == row.id.to_string())
            });
        let Some(report) = report else { break };
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
