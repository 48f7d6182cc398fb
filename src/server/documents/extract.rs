//! The text of an uploaded PDF, laid out line by line for the certificate reader.
//!
//! Why `pdf-extract`: a certificate's text is only useful with its layout (which label a
//! value sits beside, which column a statement is in), so the crate must report each
//! glyph with its position, and it must decode real-world fonts (standard encodings,
//! `Differences`, ToUnicode maps, embedded Type 1 and CFF) to get the right characters.
//! `pdf-extract` does both through its `OutputDev` hook, in pure Rust on top of `lopdf`
//! (the most used PDF object parser on crates.io), so nothing native is built or shipped.
//! `lopdf` alone has a text call but neither positions nor most font decoding; `pdf`
//! (pdf-rs) would leave the text decoding to us; `pdfium-render` and MuPDF bindings need a
//! native library on every machine. What `pdf-extract` lacks is robustness: it can panic
//! on malformed files, so every parse here runs on a blocking thread, behind a size cap,
//! a page and glyph budget, a time limit and `catch_unwind`.

mod lines;

use std::{
    panic::{AssertUnwindSafe, catch_unwind},
    time::Duration,
};

use pdf_extract::{Document, MediaBox, OutputDev, OutputError, Transform};
use tokio::sync::Semaphore;

use self::lines::{Glyph, lay_out};

/// Larger files are not parsed. Certificates are well under 2 MB; a 20 MB PDF is a scan or
/// a brochure, and parsing it would cost memory for nothing.
pub const MAX_BYTES: u64 = 20 * 1024 * 1024;
/// How long one parse may take before the proposal gives up on it.
pub const TIME_LIMIT: Duration = Duration::from_secs(10);
/// A certificate's fields are on its first pages.
const MAX_PAGES: u32 = 3;
/// Glyphs kept at most; a certificate has a few thousand.
const MAX_GLYPHS: usize = 100_000;

/// Parses running at once, so malformed or huge files cannot take every blocking thread.
/// A parse that outlives its time limit keeps its permit until it really ends.
static PARSERS: Semaphore = Semaphore::const_new(2);

/// What reading a PDF gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PdfText {
    /// The laid-out text (never empty).
    Text(String),
    /// A PDF without a text layer, such as a scan saved as PDF.
    NoText,
    /// Not a PDF this parser can read (damaged, cut off, or encrypted with a password).
    Unreadable,
    /// Over `MAX_BYTES`.
    TooLarge,
    /// Not read within `TIME_LIMIT`.
    TimedOut,
}

/// Collects every glyph drawn with its position, in points from the page's top left.
#[derive(Default)]
struct Collector {
    pages: Vec<Vec<Glyph>>,
    height: f64,
    glyphs: usize,
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        _page: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.height = media_box.ury;
        self.pages.push(Vec::new());
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        self.glyphs += 1;
        if self.glyphs > MAX_GLYPHS {
            // Ends the parse; what was collected so far is kept.
            return Err(OutputError::FormatError(std::fmt::Error));
        }
        // The text matrix scales, and may rotate, the font size.
        let size = font_size * (trm.m11 * trm.m22 - trm.m12 * trm.m21).abs().sqrt();
        if let Some(page) = self.pages.last_mut() {
            page.push(Glyph {
                x: trm.m31,
                y: self.height - trm.m32,
                end: trm.m31 + width * size,
                size,
                text: text.to_owned(),
            });
        }
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// Parses `bytes` on the current thread. Panics inside the parser are caught.
fn parse(bytes: &[u8]) -> PdfText {
    let parsed = catch_unwind(AssertUnwindSafe(|| {
        let mut doc = Document::load_mem(bytes).ok()?;
        // Certificates are sometimes "protected" with an empty password, which any reader
        // opens; one with a real password is not read.
        if doc.is_encrypted() && doc.decrypt("").is_err() {
            return None;
        }
        let mut collector = Collector::default();
        for number in doc.get_pages().into_keys().take(MAX_PAGES as usize) {
            // A page that fails (or the glyph budget running out) ends the reading; the
            // pages before it still count.
            if pdf_extract::output_doc_page(&doc, &mut collector, number).is_err() {
                break;
            }
        }
        Some(lay_out(collector.pages))
    }));
    match parsed {
        Ok(Some(text)) if !text.trim().is_empty() => PdfText::Text(text),
        Ok(Some(_)) => PdfText::NoText,
        Ok(None) | Err(_) => PdfText::Unreadable,
    }
}

/// Reads the text of a PDF off the async threads, within the size cap and time limit.
pub async fn read(bytes: Vec<u8>) -> PdfText {
    if bytes.len() as u64 > MAX_BYTES {
        return PdfText::TooLarge;
    }
    let work = async {
        let permit = PARSERS.acquire().await.ok()?;
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            parse(&bytes)
        })
        .await
        .ok()
    };
    match tokio::time::timeout(TIME_LIMIT, work).await {
        Ok(Some(text)) => text,
        Ok(None) => PdfText::Unreadable,
        Err(_) => PdfText::TimedOut,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn damaged_and_oversized_files_give_no_text_and_no_panic() {
        assert_eq!(
            read(b"%PDF-1.7\n1 0 obj\n<<".to_vec()).await,
            PdfText::Unreadable
        );
        assert_eq!(read(Vec::new()).await, PdfText::Unreadable);
        let huge = vec![b' '; usize::try_from(MAX_BYTES).unwrap_or(usize::MAX) + 1];
        assert_eq!(read(huge).await, PdfText::TooLarge);
    }
}
