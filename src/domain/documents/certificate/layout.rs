//! A certificate's text as it was laid out on the page: lines top to bottom, each split into
//! cells where the printed line has a wide gap (a column, or a value set apart from its
//! label). A cell keeps its starting column, so cells can be matched to the cells above and
//! below them, and lines that belong together can be read as one paragraph.

/// One run of text on a line, with the character column it starts at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub col: usize,
    pub text: String,
}

impl Cell {
    fn end(&self) -> usize {
        self.col + self.text.chars().count()
    }

    /// Whether two cells share some columns (one column of slack either side).
    pub fn overlaps(&self, other: &Cell) -> bool {
        self.col <= other.end() + 1 && other.col <= self.end() + 1
    }

    pub fn lower(&self) -> String {
        self.text.to_ascii_lowercase()
    }
}

/// Where a cell is: its line and its index on that line.
pub type At = (usize, usize);

#[derive(Debug, Clone, Default)]
pub struct Layout {
    /// Lines in order; an empty line stands for a wide vertical gap.
    pub lines: Vec<Vec<Cell>>,
}

/// Marks that carry no meaning for the fields and only get in the way of matching.
fn clean_char(c: char) -> Option<char> {
    match c {
        '\u{2122}' | '\u{00AE}' | '\u{2120}' | '\u{00A9}' => None,
        '\u{00A0}' | '\u{2007}' | '\u{202F}' => Some(' '),
        '\u{2010}'..='\u{2015}' | '\u{2212}' => Some('-'),
        '\u{2018}' | '\u{2019}' => Some('\''),
        c => Some(c),
    }
}

/// Splits a line into cells at tabs and at runs of two or more spaces.
fn cells(line: &str) -> Vec<Cell> {
    let mut out = Vec::new();
    let mut current = String::new();
    let (mut start, mut spaces) = (0usize, 0usize);
    let mut col = 0usize;
    let flush = |current: &mut String, start: usize, out: &mut Vec<Cell>| {
        let text = current.split_whitespace().collect::<Vec<_>>().join(" ");
        if !text.is_empty() {
            out.push(Cell { col: start, text });
        }
        current.clear();
    };
    for c in line.chars().filter_map(clean_char) {
        match c {
            '\t' => {
                flush(&mut current, start, &mut out);
                spaces = 0;
                // A tab ends a cell wherever it is; the next cell starts a little further on.
                col += 2;
            }
            c if c.is_whitespace() => {
                spaces += 1;
                if spaces == 2 {
                    flush(&mut current, start, &mut out);
                }
                current.push(' ');
                col += 1;
            }
            c => {
                if current.trim().is_empty() {
                    current.clear();
                    start = col;
                }
                spaces = 0;
                current.push(c);
                col += 1;
            }
        }
    }
    flush(&mut current, start, &mut out);
    out
}

impl Layout {
    pub fn parse(text: &str) -> Self {
        let mut lines: Vec<Vec<Cell>> = text.lines().map(cells).collect();
        // Runs of empty lines say no more than one does.
        lines.dedup_by(|a, b| a.is_empty() && b.is_empty());
        Self { lines }
    }

    pub fn cell(&self, (line, index): At) -> Option<&Cell> {
        self.lines.get(line)?.get(index)
    }

    /// Every cell in reading order, with where it is.
    pub fn all(&self) -> impl Iterator<Item = (At, &Cell)> {
        self.lines.iter().enumerate().flat_map(|(line, cells)| {
            cells
                .iter()
                .enumerate()
                .map(move |(index, cell)| ((line, index), cell))
        })
    }

    /// The cell under `at` on the next printed line (across at most one gap), sharing
    /// columns with it: the value under a table heading, or a wrapped line's continuation.
    pub fn below(&self, at: At) -> Option<At> {
        let cell = self.cell(at)?;
        let mut line = at.0 + 1;
        if self.lines.get(line).is_some_and(Vec::is_empty) {
            line += 1;
        }
        let cells = self.lines.get(line)?;
        let mut sharing = cells.iter().enumerate().filter(|(_, c)| c.overlaps(cell));
        match (sharing.next(), sharing.next()) {
            (Some((index, _)), None) => Some((line, index)),
            _ => None,
        }
    }

    /// The cell just above `at`, the same way `below` finds the one under it.
    pub fn above(&self, at: At) -> Option<At> {
        let cell = self.cell(at)?;
        let mut line = at.0.checked_sub(1)?;
        if self.lines.get(line).is_some_and(Vec::is_empty) {
            line = line.checked_sub(1)?;
        }
        let cells = self.lines.get(line)?;
        let mut sharing = cells.iter().enumerate().filter(|(_, c)| c.overlaps(cell));
        match (sharing.next(), sharing.next()) {
            (Some((index, _)), None) => Some((line, index)),
            _ => None,
        }
    }

    /// The next cell on the same line.
    pub fn right_of(&self, (line, index): At) -> Option<At> {
        self.cell((line, index + 1)).map(|_| (line, index + 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_split_into_cells_at_wide_gaps_and_tabs() {
        let layout = Layout::parse("Activity Title:     Sepsis Care\nDate:\t03/14/2026\n");
        assert_eq!(layout.lines[0].len(), 2);
        assert_eq!(layout.lines[0][1].text, "Sepsis Care");
        assert_eq!(layout.lines[0][1].col, 20);
        assert_eq!(layout.lines[1][1].text, "03/14/2026");
    }

    #[test]
    fn marks_are_dropped_and_dashes_made_plain() {
        let layout = Layout::parse("1.5 AMA PRA Category 1 Credits\u{2122} \u{2013} live");
        assert_eq!(
            layout.lines[0][0].text,
            "1.5 AMA PRA Category 1 Credits - live"
        );
    }

    #[test]
    fn cells_are_found_above_and_below_by_their_columns() {
        let text = "Activity Title        Credits\n\nFirst Steps           2.0\n";
        let layout = Layout::parse(text);
        assert_eq!(layout.lines.len(), 3);
        assert_eq!(layout.below((0, 1)), Some((2, 1)));
        assert_eq!(layout.below((0, 0)), Some((2, 0)));
        assert_eq!(layout.above((2, 1)), Some((0, 1)));
        assert_eq!(layout.right_of((0, 0)), Some((0, 1)));
        assert_eq!(layout.right_of((0, 1)), None);
    }
}
