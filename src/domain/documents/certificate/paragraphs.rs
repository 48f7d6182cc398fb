//! Lines read together as paragraphs, so a sentence that wraps (an accreditation statement,
//! "is awarded 1.5 ... Credits") reads whole. Lines stay apart by a line break, which
//! readers that want running text turn into a space. A cell continues the paragraph of the cell
//! above it when they share columns and nothing else on that line does; a wide vertical gap
//! ends every paragraph. Two columns side by side therefore stay two paragraphs.

use super::layout::{Cell, Layout};

struct Open {
    start: (usize, usize),
    text: String,
    last: Cell,
    extended: bool,
}

/// Appends a wrapped line, joining a word hyphenated across the break.
fn join(text: &mut String, next: &str) {
    let hyphenated = text.ends_with('-')
        && text[..text.len() - 1]
            .chars()
            .next_back()
            .is_some_and(char::is_alphabetic)
        && next.chars().next().is_some_and(char::is_lowercase);
    if hyphenated {
        text.pop();
    } else if !text.is_empty() {
        text.push('\n');
    }
    text.push_str(next);
}

/// The paragraphs of `layout`, in the order they start on the page.
pub fn paragraphs(layout: &Layout) -> Vec<String> {
    let mut open: Vec<Open> = Vec::new();
    let mut done: Vec<Open> = Vec::new();
    for (line, cells) in layout.lines.iter().enumerate() {
        for paragraph in &mut open {
            paragraph.extended = false;
        }
        let mut fresh = Vec::new();
        for cell in cells {
            let mut above = open
                .iter()
                .enumerate()
                .filter(|(_, p)| p.last.overlaps(cell))
                .map(|(i, _)| i);
            // A paragraph continues only into the one cell under it: when the line splits
            // into columns under it, which column carries it on is not known.
            let only = |index: usize| {
                !open[index].extended
                    && cells
                        .iter()
                        .filter(|c| open[index].last.overlaps(c))
                        .count()
                        == 1
            };
            match (above.next(), above.next()) {
                (Some(index), None) if only(index) => {
                    let paragraph = &mut open[index];
                    join(&mut paragraph.text, &cell.text);
                    paragraph.last = cell.clone();
                    paragraph.extended = true;
                }
                _ => fresh.push(Open {
                    start: (line, cell.col),
                    text: cell.text.clone(),
                    last: cell.clone(),
                    extended: true,
                }),
            }
        }
        let (kept, finished): (Vec<Open>, Vec<Open>) = open.into_iter().partition(|p| p.extended);
        done.extend(finished);
        open = kept;
        open.extend(fresh);
    }
    done.extend(open);
    done.sort_by_key(|p| p.start);
    done.into_iter().map(|p| p.text).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_lines_read_as_one_sentence() {
        let text = "   Lakeshore Clinical Institute is accredited by the\n\
                    Accreditation Council for Continuing Medi-\n   cal Education to provide CME.";
        let layout = Layout::parse(text);
        assert_eq!(
            paragraphs(&layout),
            vec![
                "Lakeshore Clinical Institute is accredited by the\nAccreditation Council for \
                 Continuing Medical Education to provide CME."
            ]
        );
    }

    #[test]
    fn side_by_side_columns_stay_apart_and_gaps_end_paragraphs() {
        let text = "Signed by            North Ridge Health is\n\
                    Dana Cole, MD        accredited by the ANCC.\n\
                    \n\
                    Completed March 2, 2026";
        let found = paragraphs(&Layout::parse(text));
        assert_eq!(
            found,
            vec![
                "Signed by\nDana Cole, MD",
                "North Ridge Health is\naccredited by the ANCC.",
                "Completed March 2, 2026"
            ]
        );
    }
}
