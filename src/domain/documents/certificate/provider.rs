//! The provider: the organisation that offered the activity under its accreditation.
//! Printed under a label ("Provider:", "Provided by:"), or named as the subject of the
//! accreditation statement every accredited certificate carries ("X is accredited by ...",
//! "X designates this live activity ..."), or after "provided by" in running text.

use super::{labels, layout::Layout};

const LABELS: [&str; 13] = [
    "provider",
    "accredited provider",
    "provider name",
    "provided by",
    "jointly provided by",
    "sponsored by",
    "offered by",
    "issued by",
    "ce provider",
    "cme provider",
    "approved provider",
    "organization",
    "organisation",
];

/// What follows the provider's name in an accreditation statement (lower case).
const STATEMENTS: [&str; 7] = [
    " is jointly accredited",
    " is accredited",
    " is an accredited provider",
    " is an approved provider",
    " is approved as a provider",
    " is approved by the american osteopathic",
    " designates this",
];

/// Words that end in a full stop without ending a sentence (lower case).
const ABBREVIATIONS: [&str; 11] = [
    "inc", "ltd", "co", "corp", "llc", "st", "dr", "jr", "sr", "dept", "univ",
];

/// Where the sentence holding byte `at` of `text` begins.
fn sentence_start(text: &str, at: usize) -> usize {
    let mut end = at;
    while let Some(stop) = text[..end].rfind(['.', ';', ':']) {
        let word = text[..stop]
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        let next_is_space = text[stop + 1..].starts_with([' ', '\n']);
        if next_is_space && !ABBREVIATIONS.contains(&word.as_str()) && word.len() != 1 {
            return stop + 1;
        }
        end = stop;
    }
    0
}

/// Small words a name may hold in lower case ("College of Pharmacy").
const JOINING: [&str; 9] = ["of", "for", "and", "the", "in", "at", "on", "de", "&"];

/// A name as proposed: no leading article or lead-in clause, no trailing punctuation, short
/// enough to be a name rather than a sentence, and written like one (each word capitalised
/// but the small joining words).
fn clean(name: &str) -> Option<String> {
    let mut name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    // "In support of improving patient care, X is jointly accredited ..."
    if name.to_ascii_lowercase().starts_with("in support of") {
        name = name
            .split_once(", ")
            .map_or("", |(_, rest)| rest)
            .to_owned();
    }
    let name = name
        .strip_prefix("The ")
        .unwrap_or(&name)
        .trim_matches(['"', '\u{201C}', '\u{201D}', ' '])
        .trim_end_matches([',', ';', ':', '.'])
        .trim();
    let words: Vec<&str> = name.split_whitespace().collect();
    let lower = name.to_ascii_lowercase();
    let name_like = words.iter().all(|word| {
        word.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()) || JOINING.contains(word)
    });
    let plausible = (1..=14).contains(&words.len())
        && name.starts_with(char::is_uppercase)
        && name_like
        && !["This ", "It ", "Our ", "We "]
            .iter()
            .any(|w| name.starts_with(w))
        && !lower.contains("certif");
    plausible.then(|| name.to_owned())
}

/// The subject of an accreditation statement in `paragraph` (lines apart by line breaks):
/// the sentence before the verb, or, when that does not read as a name, its last line
/// (the lines above being a heading or a label's value).
fn from_statement(paragraph: &str) -> Option<String> {
    let lower = paragraph.to_ascii_lowercase().replace('\n', " ");
    STATEMENTS.iter().find_map(|verb| {
        let at = lower.find(verb)?;
        let subject = &paragraph[sentence_start(paragraph, at)..at];
        clean(subject).or_else(|| clean(subject.rsplit('\n').next()?))
    })
}

/// The name after "provided by" or "presented by" in running text, up to the sentence's
/// next break.
fn from_by(paragraph: &str) -> Option<String> {
    let paragraph = paragraph.replace('\n', " ");
    let lower = paragraph.to_ascii_lowercase();
    [
        "jointly provided by ",
        "provided by ",
        "presented by ",
        "sponsored by ",
    ]
    .iter()
    .find_map(|phrase| {
        let from = lower.find(phrase)? + phrase.len();
        let rest = &paragraph[from..];
        let end = rest
            .find([',', ';', '(', '.'])
            .into_iter()
            .chain(rest.find(" and "))
            .chain(rest.find(" in "))
            .min()
            .unwrap_or(rest.len());
        clean(&rest[..end])
    })
}

/// The provider, when the certificate names one.
pub fn provider(layout: &Layout, paragraphs: &[String]) -> Option<String> {
    labels::first(layout, &LABELS)
        .and_then(|found| clean(&found.value))
        .or_else(|| paragraphs.iter().find_map(|p| from_statement(p)))
        .or_else(|| paragraphs.iter().find_map(|p| from_by(p)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Option<String> {
        let layout = Layout::parse(text);
        let paragraphs = super::super::paragraphs::paragraphs(&layout);
        provider(&layout, &paragraphs)
    }

    #[test]
    fn a_labelled_provider() {
        let text = "Provider:      Northgate University School of Medicine\n";
        assert_eq!(
            read(text).as_deref(),
            Some("Northgate University School of Medicine")
        );
    }

    #[test]
    fn the_subject_of_the_accreditation_statement() {
        let text = "Credits awarded. The Lakeshore Society of Hospital Medicine, Inc. is \
                    accredited by the ACCME to provide continuing medical education.";
        assert_eq!(
            read(text).as_deref(),
            Some("Lakeshore Society of Hospital Medicine, Inc")
        );
        let joint = "This activity was planned through the joint providership of Cascade Heart \
                     Foundation and Pinecrest Medical Center. Pinecrest Medical Center is \
                     accredited by the ACCME to provide CME for physicians.";
        assert_eq!(read(joint).as_deref(), Some("Pinecrest Medical Center"));
        let lead_in = "In support of improving patient care, Meridian Learning Group is jointly \
                       accredited by the ACCME, ACPE and ANCC.";
        assert_eq!(read(lead_in).as_deref(), Some("Meridian Learning Group"));
    }

    #[test]
    fn provided_by_in_running_text() {
        let text = "This webinar was provided by Eastvale Pharmacy Partners, Denver.";
        assert_eq!(read(text).as_deref(), Some("Eastvale Pharmacy Partners"));
    }

    #[test]
    fn no_provider_is_made_up() {
        assert_eq!(read("This activity is accredited by the ANCC."), None);
        assert_eq!(read("Certificate of Completion"), None);
    }
}
