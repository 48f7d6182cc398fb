//! Which of a certificate's dates is the completion date. Each date is judged by the words
//! nearest before it, on its own line or in the label beside or above it: "completed",
//! "activity date" and the like speak for it; "released", "expires", "valid through",
//! "reviewed" and "printed" rule it out. With several unlabelled dates, none is proposed.

use chrono::NaiveDate;

use super::{dates, layout::Layout};

/// Words before a date and how much they say it is the completion date (0: it is not).
const CUES: [(&str, u8); 24] = [
    ("release", 0),
    ("expir", 0),
    ("valid", 0),
    ("review", 0),
    ("approv", 0),
    ("birth", 0),
    ("renew", 0),
    ("print", 0),
    ("generated", 0),
    ("updated", 0),
    ("complet", 3),
    ("attend", 3),
    ("participat", 3),
    ("activity date", 3),
    ("date of activity", 3),
    ("date of the activity", 3),
    ("held", 3),
    ("session", 3),
    ("event", 3),
    ("conference", 3),
    ("awarded", 3),
    ("earned", 3),
    ("issue", 2),
    ("date", 2),
];

/// How strongly `context` (the words before a date, lower case) marks it as completion.
fn score(context: &str) -> u8 {
    let nearest = CUES
        .iter()
        .filter_map(|(cue, score)| context.rfind(cue).map(|at| (at + cue.len(), *score)))
        .max_by_key(|(end, score)| (*end, *score));
    match nearest {
        Some((_, score)) => score,
        // "on March 14, 2026" in running text.
        None if context.trim_end().ends_with(" on") || context.trim() == "on" => 2,
        None => 1,
    }
}

/// The completion date, when the certificate says which date that is.
pub fn completed(layout: &Layout) -> Option<NaiveDate> {
    let mut judged: Vec<(u8, NaiveDate)> = Vec::new();
    for (at, cell) in layout.all() {
        for found in dates::find(&cell.text) {
            let before = &cell.text[..found.start];
            let mut context = before.to_ascii_lowercase();
            // A date near the start of its cell takes its meaning from the label beside it
            // and the text above it: a table's heading, or the line a sentence wrapped from
            // ("held on" / "Friday, 6 February 2026"). The nearest cue counts.
            if before.trim().len() < 24 {
                let left = at.1.checked_sub(1).map(|index| (at.0, index));
                for near in [left, layout.above(at)].into_iter().flatten() {
                    if let Some(label) = layout.cell(near) {
                        context = format!("{} {context}", label.lower());
                    }
                }
            }
            judged.push((score(&context), found.date));
        }
    }
    let best = judged
        .iter()
        .map(|(score, _)| *score)
        .max()
        .filter(|s| *s > 0)?;
    let mut top = judged.iter().filter(|(score, _)| *score == best);
    let (_, first) = top.next()?;
    let agree = top.all(|(_, date)| date == first);
    (agree || best >= 2).then_some(*first)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Option<String> {
        completed(&Layout::parse(text)).map(|d| d.to_string())
    }

    #[test]
    fn a_lone_date_is_the_completion_date() {
        assert_eq!(
            date("Sepsis update\nMarch 14, 2026").as_deref(),
            Some("2026-03-14")
        );
    }

    #[test]
    fn labelled_dates_win_over_others() {
        let text = "Release date: 01/05/2026\nDate of completion: 03/14/2026\n\
                    Expiration date: 01/05/2029";
        assert_eq!(date(text).as_deref(), Some("2026-03-14"));
        let text = "Issued 03/20/2026 for the activity completed on 03/14/2026";
        assert_eq!(date(text).as_deref(), Some("2026-03-14"));
    }

    #[test]
    fn a_label_beside_or_above_gives_the_meaning() {
        let beside = "Activity Date:      05/07/2026 - 05/09/2026\nPrinted:   06/01/2026";
        assert_eq!(date(beside).as_deref(), Some("2026-05-09"));
        let above = "Valid through        Completed\n12/31/2028           2026-02-11";
        assert_eq!(date(above).as_deref(), Some("2026-02-11"));
    }

    #[test]
    fn a_cue_on_the_line_a_sentence_wrapped_from_counts() {
        let text = "February 16, 2026\n\nThank you for attending Grand Rounds, held on\n\
                    Friday, 6 February 2026. Our records show";
        assert_eq!(date(text).as_deref(), Some("2026-02-06"));
    }

    #[test]
    fn dates_ruled_out_or_unexplained_give_nothing() {
        assert_eq!(date("Expires March 1, 2028"), None);
        assert_eq!(date("Original release: March 1, 2026"), None);
        assert_eq!(date("March 1, 2026\nApril 2, 2026"), None);
        assert_eq!(date("No dates here"), None);
    }
}
