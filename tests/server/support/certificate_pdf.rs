//! Certificate PDFs for tests, written the ways real generators write them: text placed at
//! positions in several fonts and sizes, drawn line by line, word by word, with kerning
//! arrays and no space glyphs, or through a scaled text matrix; in reading order or not;
//! with standard fonts or a composite font whose text is only readable through its
//! ToUnicode map, as Word and browsers produce.

mod write;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Font {
    Helvetica,
    HelveticaBold,
    Times,
    TimesBold,
    TimesItalic,
    Courier,
    /// A composite (Type 0) font, two bytes a glyph, text mapped back by ToUnicode.
    Composite,
}

impl Font {
    const ALL: [Font; 7] = [
        Font::Helvetica,
        Font::HelveticaBold,
        Font::Times,
        Font::TimesBold,
        Font::TimesItalic,
        Font::Courier,
        Font::Composite,
    ];

    fn resource(self) -> String {
        format!(
            "F{}",
            Self::ALL.iter().position(|f| *f == self).unwrap_or(0) + 1
        )
    }

    fn base_name(self) -> &'static str {
        match self {
            Font::Helvetica => "Helvetica",
            Font::HelveticaBold => "Helvetica-Bold",
            Font::Times => "Times-Roman",
            Font::TimesBold => "Times-Bold",
            Font::TimesItalic => "Times-Italic",
            Font::Courier => "Courier",
            Font::Composite => "ArialMT",
        }
    }

    /// An average glyph width in ems, to place centred and wrapped text.
    fn average(self) -> f64 {
        match self {
            Font::Helvetica | Font::Composite => 0.52,
            Font::HelveticaBold => 0.56,
            Font::Times | Font::TimesItalic => 0.46,
            Font::TimesBold => 0.5,
            Font::Courier => 0.6,
        }
    }
}

/// How the content stream draws a run of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// One `Tj` per line.
    Lines,
    /// One positioned `Tj` per word, each with its trailing space.
    Words,
    /// Words placed one by one with no space glyphs at all.
    Spaceless,
    /// `TJ` arrays: small kerns inside words, a wide kern instead of each space.
    Kerned,
    /// Font size 1, scaled up by the text matrix.
    Scaled,
}

/// The order runs are written in; the page looks the same either way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    Reading,
    Reversed,
    /// Every other run first, then the rest.
    Interleaved,
}

#[derive(Debug, Clone)]
struct Run {
    x: f64,
    /// From the top of the page.
    y: f64,
    font: Font,
    size: f64,
    text: String,
}

pub struct Certificate {
    width: f64,
    height: f64,
    style: Style,
    order: Order,
    compress: bool,
    runs: Vec<Run>,
    rules: Vec<(f64, f64, f64, f64)>,
}

/// The estimated width of `text` in points.
pub fn width(font: Font, size: f64, text: &str) -> f64 {
    text.chars().count() as f64 * font.average() * size
}

impl Certificate {
    pub fn landscape(style: Style) -> Self {
        Self::sized(792.0, 612.0, style)
    }

    pub fn portrait(style: Style) -> Self {
        Self::sized(612.0, 792.0, style)
    }

    fn sized(width: f64, height: f64, style: Style) -> Self {
        Self {
            width,
            height,
            style,
            order: Order::Reading,
            compress: false,
            runs: Vec::new(),
            rules: vec![(24.0, 24.0, width - 24.0, height - 24.0)],
        }
    }

    pub fn order(mut self, order: Order) -> Self {
        self.order = order;
        self
    }

    pub fn compressed(mut self) -> Self {
        self.compress = true;
        self
    }

    pub fn text(&mut self, x: f64, y: f64, font: Font, size: f64, text: &str) -> &mut Self {
        self.runs.push(Run {
            x,
            y,
            font,
            size,
            text: text.to_owned(),
        });
        self
    }

    pub fn centered(&mut self, y: f64, font: Font, size: f64, text: &str) -> &mut Self {
        let x = (self.width - width(font, size, text)) / 2.0;
        self.text(x, y, font, size, text)
    }

    /// A horizontal line, such as a signature line.
    pub fn rule(&mut self, x: f64, y: f64, length: f64) -> &mut Self {
        self.rules.push((x, self.height - y, length, 0.0));
        self
    }

    /// `text` wrapped into lines at most `measure` points wide; returns the next line's y.
    pub fn wrapped(
        &mut self,
        x: f64,
        y: f64,
        measure: f64,
        font: Font,
        size: f64,
        text: &str,
    ) -> f64 {
        let mut y = y;
        for line in wrap(font, size, measure, text) {
            self.text(x, y, font, size, &line);
            y += size * 1.25;
        }
        y
    }

    /// The certificate as a one-page PDF.
    pub fn pdf(&self) -> Vec<u8> {
        write::pdf(self)
    }
}

fn wrap(font: Font, size: f64, measure: f64, text: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_owned()
        } else {
            format!("{line} {word}")
        };
        if !line.is_empty() && width(font, size, &candidate) > measure {
            lines.push(std::mem::take(&mut line));
            line = word.to_owned();
        } else {
            line = candidate;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}
