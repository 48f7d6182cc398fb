//! Cycle and deadline maths: where a credential's current cycle starts and ends, and which
//! renewal it is.

use chrono::{Datelike, Days, Months, NaiveDate};

use super::{
    catalog::{Deadline, RuleSet, WindowKind, Years},
    error::EngineError,
    facts::FactView,
};

/// The cycle being judged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cycle {
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// 1 for the first renewal after initial licensure; `None` when the issue date is unknown.
    pub renewal: Option<u32>,
    pub months: u32,
    snap_to_month_end: bool,
}

/// The earliest date the engine considers ("any earlier date" for one-time rules).
pub fn beginning() -> NaiveDate {
    NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or_default()
}

pub fn add_months(date: NaiveDate, months: i64) -> NaiveDate {
    let shifted = if months >= 0 {
        date.checked_add_months(Months::new(months.unsigned_abs() as u32))
    } else {
        date.checked_sub_months(Months::new(months.unsigned_abs() as u32))
    };
    shifted.unwrap_or(date)
}

pub fn add_days(date: NaiveDate, days: i64) -> NaiveDate {
    let shifted = if days >= 0 {
        date.checked_add_days(Days::new(days.unsigned_abs()))
    } else {
        date.checked_sub_days(Days::new(days.unsigned_abs()))
    };
    shifted.unwrap_or(date)
}

fn month_end(date: NaiveDate) -> NaiveDate {
    let first_next = add_months(date.with_day(1).unwrap_or(date), 1);
    add_days(first_next, -1)
}

/// The anniversary of `date` in `year` (29 February falls back to the 28th).
fn in_year(date: NaiveDate, year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, date.month(), date.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, date.month(), 28))
        .unwrap_or(date)
}

impl Cycle {
    /// The cycle end `k` cycles after (or before, if negative) this one.
    pub fn end_shifted(&self, k: i64) -> NaiveDate {
        let date = add_months(self.end, k * i64::from(self.months));
        if self.snap_to_month_end {
            month_end(date)
        } else {
            date
        }
    }

    /// First day of the window covering the last `n` cycles.
    pub fn start_of_last(&self, n: u32) -> NaiveDate {
        add_days(self.end_shifted(-i64::from(n)), 1)
    }

    /// Where credits must fall to count toward the set's total.
    pub fn total_window(&self, kind: &WindowKind) -> (NaiveDate, NaiveDate) {
        match kind {
            WindowKind::Cycle => (self.start, self.end),
            WindowKind::CalendarYearsBeforeRenewalYear { years } => {
                let year = self.end.year();
                let from = NaiveDate::from_ymd_opt(year - years, 1, 1).unwrap_or(self.start);
                let to = NaiveDate::from_ymd_opt(year - 1, 12, 31).unwrap_or(self.end);
                (from, to)
            }
            WindowKind::AnyTime => (beginning(), self.end),
        }
    }
}

/// Finds the current cycle of a credential.
pub fn current(
    set: &RuleSet,
    credential: &str,
    initial: Option<NaiveDate>,
    expires: Option<NaiveDate>,
    facts: &FactView<'_>,
    today: NaiveDate,
) -> Result<Cycle, EngineError> {
    let deadline = &set.cycle.deadline;
    let mut cycle = Cycle {
        start: today,
        end: today,
        renewal: None,
        months: set.cycle.months,
        snap_to_month_end: *deadline == Deadline::EndOfBirthMonth,
    };
    cycle.end = match (expires, deadline) {
        (Some(expires), d) if *d != Deadline::BirthdayAfterIssue => expires,
        _ => computed_end(set, credential, initial, facts, today, &cycle)?,
    };
    let previous_end = cycle.end_shifted(-1);
    cycle.start = add_days(previous_end, 1);
    if let Some(initial) = initial {
        if initial > cycle.end {
            return Err(EngineError::credential(
                credential,
                "initial_licence is after the cycle end",
            ));
        }
        cycle.start = cycle.start.max(initial);
        let mut renewal: u32 = 0;
        let mut end = cycle.end;
        while end > initial && renewal < 1000 {
            renewal += 1;
            end = cycle.end_shifted(-i64::from(renewal));
        }
        // NC: time before the first birthday after issue belongs to no cycle, so that stub
        // is not a renewal (21 NCAC 32R .0101).
        if set.cycle.deadline == Deadline::BirthdayAfterIssue {
            renewal = renewal.saturating_sub(1).max(1);
        }
        cycle.renewal = Some(renewal);
    }
    Ok(cycle)
}

/// The first deadline on or after today, following the set's deadline rule.
fn computed_end(
    set: &RuleSet,
    credential: &str,
    initial: Option<NaiveDate>,
    facts: &FactView<'_>,
    today: NaiveDate,
    cycle: &Cycle,
) -> Result<NaiveDate, EngineError> {
    let need = |what: &str| {
        EngineError::credential(
            credential,
            format!("{} needs {what} to find the deadline", set.id),
        )
    };
    let birth = || -> Result<NaiveDate, EngineError> {
        facts
            .date("birth_date")?
            .ok_or_else(|| need("the fact birth_date"))
    };
    // Deadlines follow a chain from the first one after initial licensure; without an issue
    // date the next date matching the pattern is taken.
    let after = initial.unwrap_or(add_days(today, -1));
    let first = match &set.cycle.deadline {
        Deadline::FromExpiry => {
            return Err(need(
                "`expires` (the board's deadline rule is not modelled)",
            ));
        }
        Deadline::EndOfBirthMonth => {
            let birth = birth()?;
            let candidate = month_end(in_year(birth.with_day(1).unwrap_or(birth), after.year()));
            if candidate > after {
                candidate
            } else {
                month_end(add_months(candidate, 12))
            }
        }
        Deadline::Birthday => next_anniversary(birth()?, after),
        Deadline::IssueDateAnniversary => add_months(
            initial.ok_or_else(|| need("initial_licence"))?,
            i64::from(set.cycle.months),
        ),
        Deadline::BirthdayAfterIssue => {
            let initial = initial.ok_or_else(|| need("initial_licence"))?;
            add_months(
                next_anniversary(birth()?, initial),
                i64::from(set.cycle.months),
            )
        }
        Deadline::FixedDate { month, day, years } => {
            let group = match years {
                Years::ByLicenceGroup => Some(
                    facts
                        .number("licence_group")?
                        .ok_or_else(|| need("the fact licence_group"))?,
                ),
                _ => None,
            };
            let fits = |year: i32| match years {
                Years::Even => year % 2 == 0,
                Years::Odd => year % 2 != 0,
                Years::ByLicenceGroup => (year % 2 == 0) == (group == Some(1.0)),
                Years::EveryNFrom(anchor) => {
                    (year - anchor).rem_euclid((set.cycle.months / 12).max(1) as i32) == 0
                }
            };
            let mut year = after.year();
            loop {
                if let Some(date) = NaiveDate::from_ymd_opt(year, *month, *day)
                    && date > after
                    && fits(year)
                {
                    break date;
                }
                year += 1;
                if year > after.year() + 20 {
                    return Err(need("a valid fixed date"));
                }
            }
        }
    };
    let mut probe = Cycle {
        end: first,
        ..*cycle
    };
    let mut k = 0;
    while probe.end < today && k < 1000 {
        k += 1;
        probe.end = Cycle {
            end: first,
            ..*cycle
        }
        .end_shifted(k);
    }
    Ok(probe.end)
}

fn next_anniversary(date: NaiveDate, after: NaiveDate) -> NaiveDate {
    let this_year = in_year(date, after.year());
    if this_year > after {
        this_year
    } else {
        in_year(date, after.year() + 1)
    }
}

/// Whole calendar months from one date to another (used for proration and short first terms).
pub fn months_between(from: NaiveDate, to: NaiveDate) -> i64 {
    i64::from(to.year() - from.year()) * 12 + i64::from(to.month()) - i64::from(from.month())
}
