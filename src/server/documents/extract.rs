//! The text of an uploaded PDF, laid out line by line for the certificate reader.
//!
//! Why `pdf-extract`: a certificate's text is only useful with its layout (which label a
//! value sits beside, which column a statement is in), so the crate must report each
//! glyph with its position, and it must decode real-world fonts (standard encodings,
//! `Differences`, ToUnicode maps, embedded Type 1 and CFF) to get the right characters.
//! `pdf-extract` does both through its `OutputDev` hook, in pure Rust on top of the widely
//! used `lopdf` object parser, so nothing native is built or shipped. `lopdf`'s own
//! `extract_text` returns strings without positions; `pdfium-render` and MuPDF bindings
//! need a native library on every machine. What `pdf-extract` lacks is robustness: it can
//! panic on malformed files and reads streams whole, so every parse here runs on a
//! blocking thread, behind a size cap, an inflation cap, a page and glyph budget, a time
//! limit and `catch_unwind`.

mod inflation;
mod lines;

use std::{
    cell::Cell,
    panic::{AssertUnwindSafe, catch_unwind},
    sync::Once,
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
/// The most a file's compressed (non-image) streams may inflate to, in all. A certificate's
/// text and fonts inflate to a few megabytes.
pub const MAX_INFLATED: u64 = 64 * 1024 * 1024;
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
    /// Over `MAX_BYTES`, or its streams inflate past `MAX_INFLATED`.
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

thread_local! {
    /// Set while this thread parses a PDF.
    static PARSING: Cell<bool> = const { Cell::new(false) };
}

/// The parser's panic messages can quote objects from the file (a font's map, a stream),
/// which may hold a clinician's name, so they must not reach the log. The process's panic
/// hook is wrapped once: silent on a thread that is parsing, unchanged everywhere else.
fn silence_parser_panics() {
    static WRAPPED: Once = Once::new();
    WRAPPED.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !PARSING.with(Cell::get) {
                previous(info);
            }
        }));
    });
}

/// Parses `bytes` on the current thread. Panics inside the parser are caught.
fn parse(bytes: &[u8]) -> PdfText {
    if !inflation::within(bytes, MAX_INFLATED) {
        return PdfText::TooLarge;
    }
    silence_parser_panics();
    PARSING.with(|parsing| parsing.set(true));
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
    PARSING.with(|parsing| parsing.set(false));
    match parsed {
        Ok(Some(text)) if !text.trim().is_empty() => PdfText::Text(text),
        Ok(Some(_)) => PdfText::NoText,
        Ok(None) => PdfText::Unreadable,
        Err(_) => {
            tracing::warn!(
                "the PDF reader failed on an uploaded file; it was treated as unreadable"
            );
            PdfText::Unreadable
        }
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
    use lopdf::{Object, Stream, dictionary};

    use super::*;

    /// A one-page PDF whose page dictionary is `page` plus its parent and `content`.
    fn pdf(mut page: lopdf::Dictionary, content: &str) -> Vec<u8> {
        let mut doc = Document::with_version("1.7");
        let pages = doc.new_object_id();
        let content = doc.add_object(Stream::new(dictionary! {}, content.as_bytes().to_vec()));
        page.set("Type", "Page");
        page.set("Parent", pages);
        page.set("Contents", content);
        let page = doc.add_object(page);
        let kids = dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 };
        doc.objects.insert(pages, Object::Dictionary(kids));
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages });
        doc.trailer.set("Root", catalog);
        let mut bytes = Vec::new();
        doc.save_to(&mut bytes).unwrap_or_default();
        bytes
    }

    #[test]
    fn files_that_make_the_parser_panic_are_unreadable_not_fatal() {
        // No media box, and a font that is not defined: pdf-extract panics on both.
        let no_box = pdf(dictionary! {}, "BT /F1 12 Tf 72 700 Td (Hello) Tj ET");
        assert_eq!(parse(&no_box), PdfText::Unreadable);
        let box_only =
            dictionary! { "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()] };
        let no_font = pdf(box_only.clone(), "BT /F9 12 Tf 72 700 Td (Hello) Tj ET");
        assert_eq!(parse(&no_font), PdfText::Unreadable);
        assert_eq!(parse(&pdf(box_only, "0 0 m 10 10 l S")), PdfText::NoText);
    }

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
