//! CSV for the console's exports (RFC 4180), safe to open in a spreadsheet: a cell that a
//! spreadsheet would run as a formula is written as text.

/// One CSV line (ending in CRLF) from its cells.
pub fn line<S: AsRef<str>>(cells: &[S]) -> String {
    let mut out = cells
        .iter()
        .map(|cell| cell_text(cell.as_ref()))
        .collect::<Vec<_>>()
        .join(",");
    out.push_str("\r\n");
    out
}

fn cell_text(raw: &str) -> String {
    // Names and reasons are typed by users; "=HYPERLINK(...)" must stay words, so cells
    // starting like a formula get a leading apostrophe (OWASP's advice for CSV injection).
    let neutral = if raw.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{raw}")
    } else {
        raw.to_owned()
    };
    if neutral.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", neutral.replace('"', "\"\""))
    } else {
        neutral
    }
}

#[cfg(test)]
mod tests {
    use super::line;

    #[test]
    fn plain_cells_are_joined_and_the_line_ends_in_crlf() {
        assert_eq!(line(&["a", "b c", ""]), "a,b c,\r\n");
    }

    #[test]
    fn commas_quotes_and_line_breaks_are_quoted() {
        assert_eq!(
            line(&["x,y", "say \"hi\"", "two\nlines"]),
            "\"x,y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n"
        );
    }

    #[test]
    fn formulas_become_text() {
        assert_eq!(
            line(&["=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)", "ok"]),
            "\"'=HYPERLINK(\"\"http://x\"\")\",'+1,'-2,'@SUM(A1),ok\r\n"
        );
    }
}
