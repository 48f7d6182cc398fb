//! Values printed under a label: "Activity Title: Sepsis Care", a label and its value in
//! two cells of one line, or a table heading with the value under it.

use super::layout::{At, Layout};

/// A label found on the page and the value printed for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Labelled {
    /// The label in lower case, without its colon.
    pub label: String,
    pub value: String,
    /// Where the value was found.
    pub at: At,
}

/// The label a cell opens with (lower case) and what follows its colon, if the cell is
/// a label at all: a short phrase ending in a colon, or a short heading without digits.
fn split_label(text: &str) -> Option<(String, Option<&str>)> {
    let (head, rest) = match text.split_once(':') {
        Some((head, rest)) => (head, Some(rest.trim())),
        None if !text.chars().any(|c| c.is_ascii_digit()) => (text, None),
        None => return None,
    };
    let head = head.trim().trim_end_matches(['#', '*']).trim();
    let words = head.split_whitespace().count();
    (1..=6)
        .contains(&words)
        .then(|| (head.to_ascii_lowercase(), rest))
}

/// Every labelled value whose label `accept` takes, in reading order.
pub fn all(layout: &Layout, accept: impl Fn(&str) -> bool) -> Vec<Labelled> {
    let mut out = Vec::new();
    for (at, cell) in layout.all() {
        let Some((label, rest)) = split_label(&cell.text) else {
            continue;
        };
        if !accept(&label) {
            continue;
        }
        let near = match rest {
            Some(rest) if !rest.is_empty() => {
                out.push(Labelled {
                    label,
                    value: rest.to_owned(),
                    at,
                });
                continue;
            }
            // "Provider:" alone: the value is the next cell on the line, or under the label.
            Some(_) => layout.right_of(at).or_else(|| layout.below(at)),
            // A heading without a colon: the value is under it, as in a table.
            None => layout.below(at),
        };
        let value = near.and_then(|near| Some((near, layout.cell(near)?.text.clone())));
        if let Some((at, value)) = value.filter(|(_, v)| !v.trim().is_empty()) {
            out.push(Labelled { label, value, at });
        }
    }
    out
}

/// The first value printed under one of `labels` (lower case, compared whole).
pub fn first(layout: &Layout, labels: &[&str]) -> Option<Labelled> {
    all(layout, |label| labels.contains(&label))
        .into_iter()
        .next()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_after_a_colon_beside_or_under_their_label() {
        let text = "Activity Title: Sepsis Care\n\
                    Provider:          North Ridge Health\n\
                    Course             Hours\n\
                    Airway Skills      2.0";
        let layout = Layout::parse(text);
        let value = |labels: &[&str]| first(&layout, labels).map(|l| l.value);
        assert_eq!(value(&["activity title"]).as_deref(), Some("Sepsis Care"));
        assert_eq!(value(&["provider"]).as_deref(), Some("North Ridge Health"));
        assert_eq!(value(&["hours"]).as_deref(), Some("2.0"));
        assert_eq!(value(&["course"]).as_deref(), Some("Airway Skills"));
        assert_eq!(value(&["title"]), None);
    }

    #[test]
    fn sentences_are_not_labels() {
        let text = "The provider of this activity is accredited by the ANCC: see below";
        assert_eq!(first(&Layout::parse(text), &["provider"]), None);
        assert!(split_label("Credits 1.5").is_none());
    }
}
