//! When a topic is due and which credits fall in its window, for each kind of frequency.

use chrono::{Months, NaiveDate};

use super::{
    catalog::{Frequency, OneTimeDue, ScheduleStep, TopicRule},
    cycle::{self, Cycle},
    hours::Hours,
    plan::Context,
    report::Status,
};

pub struct Timing {
    pub hours: Option<Hours>,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub due: Option<NaiveDate>,
    pub fixed: Option<Status>,
    pub notes: Vec<String>,
}

fn years_later(date: NaiveDate, years: i64) -> NaiveDate {
    cycle::add_months(date, years * 12)
}

/// The cycle end of renewal `n` (1 = first renewal), given the current cycle's number.
fn renewal_end(cycle: &Cycle, n: u32) -> Option<NaiveDate> {
    cycle
        .renewal
        .map(|current| cycle.end_shifted(i64::from(n) - i64::from(current)))
}

pub fn for_topic(ctx: &Context<'_>, topic: &TopicRule) -> Timing {
    let cycle = &ctx.cycle;
    let mut timing = Timing {
        hours: topic.hours,
        from: cycle.start,
        to: cycle.end,
        due: Some(cycle.end),
        fixed: None,
        notes: Vec::new(),
    };
    match &topic.frequency {
        Frequency::EveryCycle => {}
        Frequency::EveryNCycles { n } => timing.from = cycle.start_of_last(*n),
        Frequency::OneTime { due } => {
            let due = one_time_due(ctx, due, &mut timing.notes);
            // A one-time rule is met by a credit from any earlier date; a late completion
            // still completes it.
            timing.from = cycle::beginning();
            timing.to = due.max(cycle.end);
            timing.due = Some(due);
        }
        Frequency::EveryNYears { years, anchor } => {
            let anchor = match anchor.as_deref() {
                Some("initial_licence") => ctx.initial,
                Some(date) => date.parse().ok(),
                None => None,
            };
            let years = i64::from(*years);
            match anchor {
                // A clock of its own (NY PHL 239: at licensure and every four years after).
                Some(anchor) if ctx.today >= anchor => {
                    let mut start = anchor;
                    while years_later(start, years) <= ctx.today {
                        start = years_later(start, years);
                    }
                    timing.from = start;
                    timing.due = Some(years_later(start, years));
                    timing.to = years_later(start, years);
                }
                Some(anchor) => {
                    timing.from = cycle::beginning();
                    timing.due = Some(anchor);
                    timing.to = anchor;
                }
                None => timing.from = cycle::add_days(years_later(cycle.end, -years), 1),
            }
        }
        Frequency::Schedule { steps } => schedule(ctx, steps, &mut timing),
    }
    timing
}

fn one_time_due(ctx: &Context<'_>, due: &OneTimeDue, notes: &mut Vec<String>) -> NaiveDate {
    let cycle = &ctx.cycle;
    let fallback = |notes: &mut Vec<String>| {
        notes.push("issue date unknown: due date taken as this cycle's end".into());
        cycle.end
    };
    match due {
        OneTimeDue::CurrentCycle => cycle.end,
        OneTimeDue::Renewal { n } => renewal_end(cycle, *n).unwrap_or_else(|| fallback(notes)),
        OneTimeDue::DateOrFirstRenewal { date } => match ctx.initial {
            Some(initial) if initial >= *date => renewal_end(cycle, 1).unwrap_or(cycle.end),
            Some(_) => *date,
            None => fallback(notes),
        },
        OneTimeDue::BeforeInitialLicence => ctx.initial.unwrap_or_else(|| fallback(notes)),
        OneTimeDue::EarliestOfRenewalOrMonths {
            renewal,
            months_after_initial,
        } => match (renewal_end(cycle, *renewal), ctx.initial) {
            (Some(end), Some(initial)) => end.min(
                initial
                    .checked_add_months(Months::new(*months_after_initial))
                    .unwrap_or(end),
            ),
            _ => fallback(notes),
        },
        OneTimeDue::FirstFullCycle => match (renewal_end(cycle, 1), ctx.initial) {
            (Some(first_end), Some(initial)) => {
                let full_start =
                    cycle::add_days(cycle::add_months(first_end, -i64::from(cycle.months)), 1);
                let n = if initial > full_start { 2 } else { 1 };
                renewal_end(cycle, n).unwrap_or(first_end)
            }
            _ => fallback(notes),
        },
    }
}

/// Multi-step schedules: the step matching this renewal sets the hours and window.
fn schedule(ctx: &Context<'_>, steps: &[ScheduleStep], timing: &mut Timing) {
    let cycle = &ctx.cycle;
    let Some(renewal) = cycle.renewal else {
        timing
            .notes
            .push("issue date unknown: the schedule's later step is assumed".into());
        return;
    };
    for step in steps {
        match step {
            ScheduleStep::Renewal {
                n,
                hours,
                due_months_after_initial,
            } if *n == renewal => {
                timing.hours = Some(*hours);
                if let (Some(months), Some(initial)) = (due_months_after_initial, ctx.initial) {
                    let early = cycle::add_months(initial, i64::from(*months));
                    timing.due = Some(early.min(cycle.end));
                    timing.notes.push(format!(
                        "due by {early}, {months} months after the issue date"
                    ));
                }
                return;
            }
            ScheduleStep::EveryNCyclesAfter { after, n, hours } if renewal > *after => {
                timing.hours = Some(*hours);
                timing.from = cycle.start_of_last(*n);
                return;
            }
            ScheduleStep::EveryNYearsAfter {
                after,
                years,
                hours,
            } if renewal > *after => {
                timing.hours = Some(*hours);
                timing.from = cycle::add_days(years_later(cycle.end, -i64::from(*years)), 1);
                return;
            }
            _ => {}
        }
    }
    timing.fixed = Some(Status::NotApplicable);
    timing
        .notes
        .push("no step of the schedule falls in this cycle".into());
}
