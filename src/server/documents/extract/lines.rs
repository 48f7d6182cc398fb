//! Glyphs with positions turned into the laid-out text the certificate reader expects: one
//! line per printed line, top to bottom, whatever order the PDF drew them in; runs set
//! apart by a wide gap become cells at least two spaces apart, each near its column on the
//! page; a wide vertical gap leaves an empty line.

/// One glyph as drawn: its origin, where it ends, and its size, in points from the page's
/// top left corner.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    pub x: f64,
    pub y: f64,
    pub end: f64,
    pub size: f64,
    pub text: String,
}

/// Points per character column: about one character of 10-point text.
const COLUMN: f64 = 5.0;
/// A horizontal gap wider than this many font sizes separates cells.
const WIDE_GAP: f64 = 1.2;
/// A gap wider than this many font sizes separates words.
const WORD_GAP: f64 = 0.15;
/// Glyphs whose baselines differ by less than this many font sizes share a line.
const SAME_LINE: f64 = 0.3;
/// Baselines further apart than this many font sizes leave an empty line between.
const PARAGRAPH_GAP: f64 = 1.8;

struct Line {
    y: f64,
    size: f64,
    glyphs: Vec<Glyph>,
}

/// Groups glyphs into lines by their baselines, top to bottom.
fn lines(mut glyphs: Vec<Glyph>) -> Vec<Line> {
    glyphs.retain(|g| g.x.is_finite() && g.y.is_finite() && g.end.is_finite() && g.size > 0.5);
    glyphs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    let mut out: Vec<Line> = Vec::new();
    for glyph in glyphs {
        match out.last_mut() {
            Some(line) if (glyph.y - line.y).abs() <= SAME_LINE * line.size.max(glyph.size) => {
                line.size = line.size.max(glyph.size);
                line.glyphs.push(glyph);
            }
            _ => out.push(Line {
                y: glyph.y,
                size: glyph.size,
                glyphs: vec![glyph],
            }),
        }
    }
    out
}

/// The cells of one line: where each starts and its text.
fn cells(mut glyphs: Vec<Glyph>) -> Vec<(f64, String)> {
    glyphs.sort_by(|a, b| a.x.total_cmp(&b.x));
    let mut cells: Vec<(f64, String)> = Vec::new();
    let mut last: Option<Glyph> = None;
    let mut space = false;
    for glyph in glyphs {
        if glyph.text.trim().is_empty() {
            space = true;
            continue;
        }
        let Some(prev) = &last else {
            cells.push((glyph.x, glyph.text.clone()));
            last = Some(glyph);
            continue;
        };
        // Some PDFs draw text twice, a hair apart, to fake bold: the copy is skipped.
        if prev.text == glyph.text && (glyph.x - prev.x).abs() < 0.2 * glyph.size {
            continue;
        }
        let gap = glyph.x - prev.end;
        match cells.last_mut() {
            Some(cell) if gap <= WIDE_GAP * glyph.size.max(prev.size) => {
                if space || gap > WORD_GAP * glyph.size {
                    cell.1.push(' ');
                }
                cell.1.push_str(&glyph.text);
            }
            _ => cells.push((glyph.x, glyph.text.clone())),
        }
        space = false;
        last = Some(glyph);
    }
    cells
}

/// One page's glyphs as laid-out lines.
fn page(glyphs: Vec<Glyph>) -> Vec<String> {
    let mut out = Vec::new();
    let mut previous: Option<(f64, f64)> = None;
    for line in lines(glyphs) {
        let (y, size) = (line.y, line.size);
        let mut text = String::new();
        for (x, cell) in cells(line.glyphs) {
            let column = (x.max(0.0) / COLUMN).round() as usize;
            let at = if text.is_empty() {
                column
            } else {
                column.max(text.chars().count() + 2)
            };
            let pad = at.saturating_sub(text.chars().count());
            text.extend(std::iter::repeat_n(' ', pad));
            text.push_str(&cell);
        }
        if text.trim().is_empty() {
            continue;
        }
        if let Some((above, above_size)) = previous
            && y - above > PARAGRAPH_GAP * size.max(above_size)
        {
            out.push(String::new());
        }
        previous = Some((y, size));
        out.push(text.trim_end().to_owned());
    }
    out
}

/// All pages' text, laid out; pages apart by an empty line.
pub fn lay_out(pages: Vec<Vec<Glyph>>) -> String {
    pages
        .into_iter()
        .map(|glyphs| page(glyphs).join("\n"))
        .filter(|text| !text.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A word of 10-point glyphs, each 5 points wide, starting at `x` on baseline `y`.
    fn word(text: &str, x: f64, y: f64) -> Vec<Glyph> {
        text.chars()
            .enumerate()
            .map(|(i, c)| Glyph {
                x: x + 5.0 * i as f64,
                y,
                end: x + 5.0 * (i + 1) as f64,
                size: 10.0,
                text: c.to_string(),
            })
            .collect()
    }

    #[test]
    fn lines_come_out_top_to_bottom_with_cells_in_their_columns() {
        // Drawn bottom line first, and the value before its label.
        let mut glyphs = word("Second", 50.0, 200.0);
        glyphs.extend(word("Value", 250.0, 100.0));
        glyphs.extend(word("Label:", 50.0, 100.5));
        assert_eq!(
            lay_out(vec![glyphs]),
            format!(
                "{}Label:{}Value\n\n{}Second",
                " ".repeat(10),
                " ".repeat(34),
                " ".repeat(10)
            )
        );
    }

    #[test]
    fn words_are_spaced_by_their_gaps_and_fake_bold_is_read_once() {
        let mut glyphs = word("two", 0.0, 50.0);
        glyphs.extend(word("words", 17.0, 50.0));
        glyphs.extend(word("words", 17.3, 50.0));
        assert_eq!(lay_out(vec![glyphs]), "two words");
        assert_eq!(lay_out(vec![Vec::new(), word("x", f64::NAN, 1.0)]), "");
    }
}
