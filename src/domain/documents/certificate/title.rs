//! The activity's title: printed under a label ("Activity Title:"), introduced by the
//! certificate's sentence ("has participated in the live activity titled", "successfully
//! completed"), or set apart in quotation marks. A title may wrap onto the next line; it
//! stops at a line that carries a date or an amount or reads like the sentence going on.

use super::{
    credits::amounts,
    dates, labels,
    layout::{At, Layout},
};

/// Labels that can only mean the activity's title (lower case, without the colon).
const LABELS: [&str; 10] = [
    "activity title",
    "course title",
    "program title",
    "programme title",
    "session title",
    "title of activity",
    "name of activity",
    "activity name",
    "course name",
    "educational activity",
];

/// Labels that usually do, but may also head a signature ("Title: Director of CME"); they
/// are read only when the certificate's sentence names no title.
const LOOSE_LABELS: [&str; 5] = ["title", "activity", "course", "program", "webinar"];

/// Words that introduce the title in the certificate's sentence (lower case).
const INTROS: [&str; 12] = [
    "entitled",
    "titled",
    "successful completion of",
    "successfully completed",
    "has completed",
    "for completing",
    "completed the",
    "participated in",
    "participating in",
    "participation in",
    "for attending",
    "attended",
];

/// Line openings that carry the sentence on after a title (lower case).
const GOING_ON: [&str; 16] = [
    "on ",
    "held",
    "presented",
    "provided",
    "sponsored",
    "offered",
    "and ",
    "awarded",
    "is awarded",
    "has been",
    "this ",
    "for a",
    "date",
    "completed",
    "at ",
    "issued",
];

/// Text sentences that mention participation without naming the activity.
const BOILERPLATE: [&str; 3] = ["commensurate", "should claim", "extent of"];

fn quoted(text: &str) -> bool {
    text.starts_with(['"', '\u{201C}'])
}

/// Words that end a title's line only as the lead-in to a date (lower case).
const TAILS: [&str; 13] = [
    " on",
    " held",
    " dated",
    ",",
    " -",
    " monday",
    " tuesday",
    " wednesday",
    " thursday",
    " friday",
    " saturday",
    " sunday",
    " from",
];

/// The title as proposed: quotes and trailing punctuation gone, and cut before a date or
/// an "and is awarded" that shares its line.
fn clean(text: &str) -> Option<String> {
    let mut text = text.to_owned();
    if let Some(found) = dates::find(&text).first() {
        text.truncate(found.start);
    }
    let lower = text.to_ascii_lowercase();
    for stop in [
        " and is awarded",
        " and was awarded",
        " and has been",
        " for a maximum",
    ] {
        if let Some(at) = lower.find(stop) {
            text.truncate(at);
        }
    }
    // What led up to the cut-off date: "..., held on Friday,".
    let mut text = text.trim().to_owned();
    while let Some(tail) = TAILS
        .iter()
        .find(|tail| text.to_ascii_lowercase().ends_with(*tail))
    {
        text.truncate(text.len() - tail.len());
        text = text.trim_end().to_owned();
    }
    let text = text
        .trim_matches(['"', '\u{201C}', '\u{201D}', ' '])
        .trim_end_matches(['.', ',', ';', ':'])
        .trim();
    let lower = text.to_ascii_lowercase();
    let plausible = (3..=200).contains(&text.chars().count())
        && !lower.contains("certif")
        && text.chars().any(char::is_alphabetic);
    plausible.then(|| text.to_owned())
}

/// How a wrapped title's last line may lead into its date in running text
/// ("Heart Failure Therapy, held on 9 February 2026").
const LEADS_TO_DATE: [&str; 5] = [",", " on", " held", " held on", " dated"];

/// Whether the line at `at` continues a title that so far reads `so_far`.
fn continues(layout: &Layout, at: At, so_far: &str) -> bool {
    let Some(cell) = layout.cell(at) else {
        return false;
    };
    let lower = cell.lower();
    let open_quote = quoted(so_far) && !so_far.ends_with(['"', '\u{201D}']);
    if open_quote {
        return true;
    }
    let joined = so_far.ends_with([':', '-', ',', '&'])
        || ["and", "of", "in", "for", "the", "to", "with", "on"]
            .iter()
            .any(|w| so_far.to_ascii_lowercase().ends_with(&format!(" {w}")));
    let capitalised = cell
        .text
        .starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit());
    // A line with a date goes on only as running text does: the title's end, then "held
    // on" and the date. A date under its own label ("Activity Date: ...") ends the title.
    let date_ok = match dates::find(&cell.text).first() {
        None => true,
        Some(found) => {
            let before = lower[..found.start].trim_end();
            !before.contains(':') && LEADS_TO_DATE.iter().any(|lead| before.ends_with(lead))
        }
    };
    // A value beside its own label ("UAN:  0812-...") belongs to that label, not the title.
    let labelled =
        at.1.checked_sub(1)
            .and_then(|left| layout.cell((at.0, left)))
            .is_some_and(|left| left.text.ends_with(':'));
    (joined || capitalised)
        && !labelled
        && date_ok
        && amounts(&cell.text, None).is_empty()
        && !GOING_ON.iter().any(|w| lower.starts_with(w))
        && !lower.contains("certif")
}

/// The title starting at `at` (from byte `from` of that cell), with its wrapped lines.
fn starting_at(layout: &Layout, at: At, from: usize) -> Option<String> {
    let mut title = layout.cell(at)?.text.get(from..)?.trim().to_owned();
    let mut here = at;
    for _ in 0..3 {
        match layout.below(here).filter(|next| next.0 == here.0 + 1) {
            Some(next) if continues(layout, next, &title) => {
                if !dates::find(&title).is_empty() {
                    break;
                }
                title.push(' ');
                title.push_str(&layout.cell(next)?.text);
                here = next;
            }
            _ => break,
        }
    }
    clean(&title)
}

/// Where the title starts after an intro found in the cell at `at`, if one is there.
fn after_intro(layout: &Layout, at: At, depth: u8) -> Option<String> {
    let cell = layout.cell(at)?;
    let lower = cell.lower();
    if lower.contains("certif") || BOILERPLATE.iter().any(|b| lower.contains(b)) {
        return None;
    }
    let end = INTROS
        .iter()
        .filter_map(|intro| lower.rfind(intro).map(|i| i + intro.len()))
        .max()?;
    // Skip the lower-case words describing the activity ("the home-study activity"): a
    // title starts with a capital, a digit or a quotation mark.
    let mut from = end;
    for word in cell.text[end..].split_inclusive(' ') {
        let bare = word.trim().trim_end_matches(':');
        if bare.is_empty() || bare.starts_with(char::is_lowercase) {
            from += word.len();
        } else {
            break;
        }
    }
    if cell.text[from..].trim().is_empty() {
        // The title is on the next line, or the intro goes on there ("titled").
        let next = layout.below(at)?;
        if depth == 0
            && let Some(title) = after_intro(layout, next, 1)
        {
            return Some(title);
        }
        return starting_at(layout, next, 0);
    }
    starting_at(layout, at, from)
}

/// The title printed under one of `labels`, with its wrapped lines.
fn labelled(layout: &Layout, labels: &[&str]) -> Option<String> {
    let found = labels::first(layout, labels)?;
    let cell = layout.cell(found.at)?;
    // The value may share the label's cell ("Title: ...") or have one of its own.
    let from = cell.text.rfind(&found.value).unwrap_or_default();
    starting_at(layout, found.at, from).or_else(|| clean(&found.value))
}

/// The activity's title, when the certificate shows which text it is.
pub fn title(layout: &Layout) -> Option<String> {
    labelled(layout, &LABELS)
        .or_else(|| layout.all().find_map(|(at, _)| after_intro(layout, at, 0)))
        .or_else(|| labelled(layout, &LOOSE_LABELS))
        .or_else(|| {
            layout
                .all()
                .find(|(_, cell)| quoted(&cell.text))
                .and_then(|(at, _)| starting_at(layout, at, 0))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Option<String> {
        title(&Layout::parse(text))
    }

    #[test]
    fn a_labelled_title_with_its_wrapped_line() {
        let text = "Activity Title:   Managing Atrial Fibrillation in\n\
                    \x20                 Older Adults\n\
                    Date:             03/14/2026";
        assert_eq!(
            read(text).as_deref(),
            Some("Managing Atrial Fibrillation in Older Adults")
        );
    }

    #[test]
    fn the_next_row_of_a_table_of_labels_is_not_part_of_the_title() {
        let text = "Program Title:    Anticoagulation Reversal\n\
                    UAN:              0812-0000-26-041-H01-P";
        assert_eq!(read(text).as_deref(), Some("Anticoagulation Reversal"));
    }

    #[test]
    fn a_title_after_the_sentence_that_introduces_it() {
        let text = "has participated in the enduring material titled\n\
                    Sepsis Recognition: The First Hour\n\
                    on March 14, 2026 and is awarded 1.5 AMA PRA Category 1 Credits.";
        assert_eq!(
            read(text).as_deref(),
            Some("Sepsis Recognition: The First Hour")
        );
        let same_line = "has successfully completed Pediatric Airway Basics on 04/02/2026";
        assert_eq!(read(same_line).as_deref(), Some("Pediatric Airway Basics"));
        let split = "for participating in the live activity\ntitled\n\"Wound Care Essentials\"";
        assert_eq!(read(split).as_deref(), Some("Wound Care Essentials"));
    }

    #[test]
    fn a_quoted_title_across_lines() {
        let text = "Certificate of Attendance\n\u{201C}Antimicrobial Stewardship in\n\
                    Long-Term Care\u{201D}\nMay 9, 2026";
        assert_eq!(
            read(text).as_deref(),
            Some("Antimicrobial Stewardship in Long-Term Care")
        );
    }

    #[test]
    fn no_title_is_made_up() {
        assert_eq!(read("Certificate of Completion\nJordan Rivera, MD"), None);
        assert_eq!(
            read(
                "Physicians should claim only the credit commensurate with the extent of \
                  their participation in the activity."
            ),
            None
        );
    }
}
