//! Status of one requirement from what was counted, the due date and today.

use chrono::NaiveDate;

use super::{cycle, demand::Demand, hours::Hours, report::Status};

/// Days before the due date from which anything still missing is "at risk".
const AT_RISK_DAYS: i64 = 90;

pub fn status(demand: &Demand, counted: Hours, today: NaiveDate, cycle_end: NaiveDate) -> Status {
    if let Some(fixed) = demand.fixed {
        return fixed;
    }
    let met = match demand.required {
        Some(required) => counted >= required,
        None => !counted.is_zero(),
    };
    if met {
        return Status::Met;
    }
    let Some(due) = demand.due else {
        return Status::OnTrack;
    };
    if today > due {
        let grace_end = cycle::add_days(due, i64::from(demand.grace_days));
        return if today <= grace_end {
            Status::Late
        } else {
            Status::Overdue
        };
    }
    // Due at a later renewal than the one being judged.
    if due > cycle_end {
        return Status::NotYetDue;
    }
    let days_left = (due - today).num_days();
    if days_left <= AT_RISK_DAYS {
        return Status::AtRisk;
    }
    // Behind a straight-line pace once past the middle of the period.
    let span = (due - demand.pace_from).num_days().max(1);
    let elapsed = (today - demand.pace_from).num_days().clamp(0, span);
    let required = demand.required.unwrap_or_default().as_hundredths();
    let expected = required * elapsed / span;
    if elapsed * 2 >= span && counted.as_hundredths() < expected {
        Status::AtRisk
    } else {
        Status::OnTrack
    }
}
