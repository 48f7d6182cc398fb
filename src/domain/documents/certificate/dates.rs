//! Dates as certificates print them: "March 14, 2026", "14 March 2026", "Mar. 14th, 2026",
//! "03/14/2026", "3/14/26", "2026-03-14", "14-Mar-2026", and ranges such as "May 7-9, 2026"
//! or "05/07/2026 - 05/09/2026", which end on their last day. Numeric dates are read the
//! American way (month first) unless the first number cannot be a month.

use chrono::NaiveDate;

use super::tokens::{Kind, Token, tokens};

/// A date found in a text, with the byte range it was printed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub date: NaiveDate,
    pub start: usize,
    pub end: usize,
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn month(word: &str) -> Option<u32> {
    let word = word.to_ascii_lowercase();
    if word.len() < 3 {
        return None;
    }
    let found = MONTHS
        .iter()
        .position(|name| *name == word || (word.len() == 3 && name.starts_with(&word)))
        .or_else(|| (word == "sept").then_some(8))?;
    u32::try_from(found + 1).ok()
}

fn year(token: &Token) -> Option<i32> {
    let value: i32 = token.number()?;
    match token.text.len() {
        4 if (1990..=2100).contains(&value) => Some(value),
        2 => Some(2000 + value),
        _ => None,
    }
}

fn day(token: &Token) -> Option<u32> {
    token
        .number()
        .filter(|d| (1..=31).contains(d) && token.text.len() <= 2)
}

fn make(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day)
}

/// Reads a date starting at token `i`: the date and the index just past it.
fn date_at(t: &[Token], i: usize) -> Option<(NaiveDate, usize)> {
    let get = |k: usize| t.get(k);
    let is = |k: usize, c: char| get(k).is_some_and(|tok| tok.is_symbol(c));
    // A month name, an optional full stop, a day (or a range of days), an optional ordinal
    // suffix and comma, then the year.
    if let Some(m) = get(i)
        .filter(|x| x.kind == Kind::Word)
        .and_then(|x| month(&x.text))
    {
        let mut k = i + 1 + usize::from(is(i + 1, '.'));
        let mut d = day(get(k)?)?;
        k += 1;
        let mut m_end = m;
        if is(k, '-') {
            if let Some(second) = get(k + 1).and_then(|x| month(&x.text)) {
                m_end = second;
                k += 1;
            }
            d = day(get(k + 1)?)?;
            k += 2;
        }
        k += usize::from(get(k).is_some_and(Token::is_ordinal));
        k += usize::from(is(k, ','));
        let y = year(get(k).filter(|x| x.text.len() == 4)?)?;
        return Some((make(y, m_end, d)?, k + 1));
    }
    let first = get(i).filter(|x| x.kind == Kind::Number)?;
    // A day (or a range of days), then a month name, then the year.
    if let Some(d) = day(first) {
        let mut k = i + 1;
        let mut d = d;
        if is(k, '-') && get(k + 1).is_some_and(|x| x.kind == Kind::Number) {
            d = day(get(k + 1)?)?;
            k += 2;
        }
        k += usize::from(get(k).is_some_and(Token::is_ordinal));
        let dashed = is(k, '-');
        k += usize::from(dashed);
        if let Some(m) = get(k)
            .filter(|x| x.kind == Kind::Word)
            .and_then(|x| month(&x.text))
        {
            k += 1 + usize::from(is(k + 1, '.'));
            k += usize::from(is(k, ',') || (dashed && is(k, '-')));
            let y = year(get(k).filter(|x| x.text.len() == 4)?)?;
            return Some((make(y, m, d)?, k + 1));
        }
    }
    // Numbers joined by one separator, `/` or `-`, used twice.
    let sep = get(i + 1).filter(|x| x.is_symbol('/') || x.is_symbol('-'))?;
    let sep = sep.text.chars().next()?;
    if !(is(i + 3, sep) && i + 4 < t.len()) {
        return None;
    }
    let (a, b, c) = (first, &t[i + 2], &t[i + 4]);
    if [b, c].iter().any(|x| x.kind != Kind::Number) {
        return None;
    }
    if a.text.len() == 4 {
        let y = year(a)?;
        return Some((make(y, b.number()?, day(c)?)?, i + 5));
    }
    let y = year(c)?;
    let (p, q): (u32, u32) = (a.number()?, b.number()?);
    let date = if p > 12 {
        make(y, q, p)?
    } else {
        make(y, p, q)?
    };
    Some((date, i + 5))
}

/// Every date in `text`, in order. Where two dates make a range ("05/07/2026 - 05/09/2026",
/// "May 7 through May 9, 2026"), only the range's end is kept, spanning the whole range.
pub fn find(text: &str) -> Vec<Found> {
    let t = tokens(text);
    let mut found: Vec<Found> = Vec::new();
    let mut i = 0;
    while i < t.len() {
        match date_at(&t, i) {
            Some((date, next)) => {
                let (start, end) = (t[i].start, t[next - 1].end);
                let joined = found.last().is_some_and(|last| {
                    let between = text[last.end..start].trim().to_ascii_lowercase();
                    matches!(between.as_str(), "-" | "to" | "through" | "until")
                });
                let start = match found.pop_if(|_| joined) {
                    Some(first) => first.start,
                    None => start,
                };
                found.push(Found { date, start, end });
                i = next;
            }
            None => i += 1,
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Option<String> {
        match find(text).as_slice() {
            [only] => Some(only.date.to_string()),
            _ => None,
        }
    }

    #[test]
    fn written_out_dates() {
        for text in [
            "March 14, 2026",
            "on Saturday, March 14, 2026 and",
            "Mar. 14, 2026",
            "MARCH 14 2026",
            "March 14th, 2026",
            "14 March 2026",
            "14th Mar 2026",
            "14-Mar-2026",
        ] {
            assert_eq!(one(text).as_deref(), Some("2026-03-14"), "{text}");
        }
    }

    #[test]
    fn numeric_dates_are_month_first_unless_they_cannot_be() {
        assert_eq!(one("03/14/2026").as_deref(), Some("2026-03-14"));
        assert_eq!(one("3/4/2026").as_deref(), Some("2026-03-04"));
        assert_eq!(one("14/03/2026").as_deref(), Some("2026-03-14"));
        assert_eq!(one("03-14-26").as_deref(), Some("2026-03-14"));
        assert_eq!(one("2026-03-14").as_deref(), Some("2026-03-14"));
        assert_eq!(one("2026/3/14").as_deref(), Some("2026-03-14"));
    }

    #[test]
    fn ranges_end_on_their_last_day() {
        assert_eq!(one("May 7-9, 2026").as_deref(), Some("2026-05-09"));
        assert_eq!(one("April 30 - May 2, 2026").as_deref(), Some("2026-05-02"));
        assert_eq!(one("7-9 May 2026").as_deref(), Some("2026-05-09"));
        assert_eq!(
            one("05/07/2026 - 05/09/2026").as_deref(),
            Some("2026-05-09")
        );
        assert_eq!(
            one("May 7, 2026 through May 9, 2026").as_deref(),
            Some("2026-05-09")
        );
    }

    #[test]
    fn things_that_are_not_dates() {
        for text in [
            "1.5 AMA PRA Category 1 Credits",
            "0000-0000-26-001-H01-P",
            "February 30, 2026",
            "13/13/2026",
            "May the fourth",
            "Suite 12/14",
            "may 2026",
        ] {
            assert!(find(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn every_date_is_found_with_where_it_was() {
        let text = "Released 01/05/2026; completed on March 14, 2026.";
        let found = find(text);
        assert_eq!(found.len(), 2);
        assert_eq!(&text[found[1].start..found[1].end], "March 14, 2026");
    }
}
