//! Words, numbers and symbols of a line, with where each was printed. Letters and digits
//! are split apart ("14th" is 14 and "th"), which is what dates and credit amounts need.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Word,
    Number,
    Symbol,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub kind: Kind,
    pub text: String,
    /// Byte range in the text the token came from.
    pub start: usize,
    pub end: usize,
}

impl Token {
    pub fn is_symbol(&self, c: char) -> bool {
        self.kind == Kind::Symbol && self.text.starts_with(c)
    }

    pub fn number<T: std::str::FromStr>(&self) -> Option<T> {
        (self.kind == Kind::Number)
            .then(|| self.text.parse().ok())
            .flatten()
    }

    pub fn is_ordinal(&self) -> bool {
        self.kind == Kind::Word
            && matches!(
                self.text.to_ascii_lowercase().as_str(),
                "st" | "nd" | "rd" | "th"
            )
    }

    pub fn is_word(&self, word: &str) -> bool {
        self.kind == Kind::Word && self.text.eq_ignore_ascii_case(word)
    }
}

fn kind_of(c: char) -> Option<Kind> {
    if c.is_whitespace() {
        None
    } else if c.is_ascii_digit() {
        Some(Kind::Number)
    } else if c.is_alphabetic() {
        Some(Kind::Word)
    } else {
        Some(Kind::Symbol)
    }
}

/// The tokens of `text`; every symbol is a token of its own.
pub fn tokens(text: &str) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::new();
    for (start, c) in text.char_indices() {
        let Some(kind) = kind_of(c) else { continue };
        let end = start + c.len_utf8();
        match out.last_mut() {
            Some(last) if last.kind == kind && kind != Kind::Symbol && last.end == start => {
                last.text.push(c);
                last.end = end;
            }
            _ => out.push(Token {
                kind,
                text: c.to_string(),
                start,
                end,
            }),
        }
    }
    out
}

/// The decimal number at token `i` ("1", "1.5", "0.15") and the index just past it.
pub fn decimal_at(t: &[Token], i: usize) -> Option<(f64, usize)> {
    let whole = t.get(i).filter(|x| x.kind == Kind::Number)?;
    let touching = |a: &Token, b: &Token| a.end == b.start;
    match (t.get(i + 1), t.get(i + 2)) {
        (Some(dot), Some(fraction))
            if dot.is_symbol('.')
                && fraction.kind == Kind::Number
                && touching(whole, dot)
                && touching(dot, fraction) =>
        {
            let value = format!("{}.{}", whole.text, fraction.text).parse().ok()?;
            Some((value, i + 3))
        }
        _ => Some((whole.text.parse().ok()?, i + 1)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_digits_and_symbols_part() {
        let t = tokens("14th Mar. 2026, 1.5h");
        let texts: Vec<&str> = t.iter().map(|x| x.text.as_str()).collect();
        assert_eq!(
            texts,
            ["14", "th", "Mar", ".", "2026", ",", "1", ".", "5", "h"]
        );
        assert!(t[1].is_ordinal());
        assert_eq!(t[4].number::<i32>(), Some(2026));
        assert_eq!((t[2].start, t[2].end), (5, 8));
    }

    #[test]
    fn decimals_are_read_only_when_written_together() {
        let t = tokens("1.5 and 2. 5 and 0.15");
        assert_eq!(decimal_at(&t, 0), Some((1.5, 3)));
        assert_eq!(decimal_at(&t, 4), Some((2.0, 5)));
        assert_eq!(decimal_at(&t, 8), Some((0.15, 11)));
        assert_eq!(decimal_at(&t, 3), None);
    }
}
