//! What an uploaded file is, decided from its first bytes: never from its name or from what
//! the browser claims. Only PDF, PNG, JPEG and HEIC/HEIF are kept; anything a browser could
//! run as a page (HTML, SVG, a PDF that is also HTML) is refused.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FileType {
    Pdf,
    Png,
    Jpeg,
    Heic,
}

impl FileType {
    pub fn mime(self) -> &'static str {
        match self {
            Self::Pdf => "application/pdf",
            Self::Png => "image/png",
            Self::Jpeg => "image/jpeg",
            Self::Heic => "image/heic",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Self::Pdf => "pdf",
            Self::Png => "png",
            Self::Jpeg => "jpg",
            Self::Heic => "heic",
        }
    }

    pub fn from_mime(mime: &str) -> Option<Self> {
        [Self::Pdf, Self::Png, Self::Jpeg, Self::Heic]
            .into_iter()
            .find(|kind| kind.mime() == mime)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TypeProblem {
    #[error("The file is empty.")]
    Empty,
    #[error("This file holds web-page markup, not a document; it was not kept.")]
    Markup,
    #[error("Only PDF, PNG, JPEG and HEIC files are accepted.")]
    Unsupported,
}

/// Markup a browser would act on, looked for in the opening bytes of any file.
const MARKUP: [&[u8]; 6] = [
    b"<html",
    b"<script",
    b"<!doctype",
    b"<svg",
    b"<body",
    b"<iframe",
];

fn holds_markup(head: &[u8]) -> bool {
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    MARKUP
        .iter()
        .any(|tag| lower.windows(tag.len()).any(|window| window == *tag))
}

/// Classifies a file from its first bytes (at least the first kilobyte when the file has one).
pub fn sniff(head: &[u8]) -> Result<FileType, TypeProblem> {
    if head.is_empty() {
        return Err(TypeProblem::Empty);
    }
    // A PDF/HTML polyglot opens as a PDF here and as a page in a browser that sniffs:
    // markup near the start is refused whatever the signature says.
    if holds_markup(&head[..head.len().min(1024)]) {
        return Err(TypeProblem::Markup);
    }
    if head.starts_with(b"%PDF-") {
        return Ok(FileType::Pdf);
    }
    if head.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Ok(FileType::Png);
    }
    if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Ok(FileType::Jpeg);
    }
    // ISO base media: a box size, then `ftyp` and the major brand.
    if head.len() >= 12 && &head[4..8] == b"ftyp" {
        let brand = &head[8..12];
        let heif = [
            b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1",
        ];
        if heif.iter().any(|known| brand == *known) {
            return Ok(FileType::Heic);
        }
    }
    Err(TypeProblem::Unsupported)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_signatures_are_recognised() {
        assert_eq!(
            sniff(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"),
            Ok(FileType::Pdf)
        );
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), Ok(FileType::Png));
        assert_eq!(
            sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, b'J', b'F']),
            Ok(FileType::Jpeg)
        );
        assert_eq!(
            sniff(b"\0\0\0\x18ftypheic\0\0\0\0mif1heic"),
            Ok(FileType::Heic)
        );
    }

    #[test]
    fn pages_scripts_and_strangers_are_refused() {
        assert_eq!(sniff(b""), Err(TypeProblem::Empty));
        assert_eq!(
            sniff(b"<!DOCTYPE html><html><body>hi"),
            Err(TypeProblem::Markup)
        );
        assert_eq!(
            sniff(b"<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"),
            Err(TypeProblem::Markup)
        );
        assert_eq!(
            sniff(b"%PDF-1.4\n<html><script>alert(document.cookie)</script>"),
            Err(TypeProblem::Markup)
        );
        assert_eq!(sniff(b"GIF89a\x01\0\x01\0"), Err(TypeProblem::Unsupported));
        assert_eq!(sniff(b"PK\x03\x04 a zip"), Err(TypeProblem::Unsupported));
        assert_eq!(sniff(b"\0\0\0\x18ftypmp42"), Err(TypeProblem::Unsupported));
    }
}
