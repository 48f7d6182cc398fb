//! The name a document is downloaded under: the uploader's name, made safe. Folders, control
//! characters and quotes are dropped, the length is bounded, and the extension matches what
//! the file really is.

use super::file_type::FileType;

/// The most characters a stored file name keeps.
pub const MAX_NAME: usize = 120;

/// A safe file name for `raw` (as the browser sent it) holding a file of type `kind`.
pub fn safe_name(raw: &str, kind: FileType) -> String {
    // Only the last path part: `../../etc/passwd` and `C:\x\y.pdf` lose their folders.
    let base = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = base
        .chars()
        .filter(|c| {
            !c.is_control() && !matches!(c, '"' | '\'' | ';' | '<' | '>' | '*' | '?' | ':' | '|')
        })
        .collect();
    let cleaned = cleaned.trim().trim_matches('.').trim();
    let stem = match cleaned.rsplit_once('.') {
        Some((stem, _)) if !stem.trim().is_empty() => stem.trim(),
        _ => cleaned,
    };
    let stem = if stem.is_empty() { "document" } else { stem };
    let room = MAX_NAME - kind.extension().len() - 1;
    let stem: String = stem.chars().take(room).collect();
    format!("{}.{}", stem.trim_end(), kind.extension())
}

/// `filename*` for a Content-Disposition header (RFC 6266/5987), with an ASCII fallback.
pub fn content_disposition(disposition: &str, name: &str) -> String {
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded: String = name
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect();
    format!("{disposition}; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_controls_and_lies_are_removed() {
        assert_eq!(safe_name("../../etc/passwd", FileType::Pdf), "passwd.pdf");
        assert_eq!(
            safe_name("C:\\Users\\me\\BLS card.PDF", FileType::Pdf),
            "BLS card.pdf"
        );
        assert_eq!(
            safe_name("cert\0ificate\r\n.pdf", FileType::Pdf),
            "certificate.pdf"
        );
        assert_eq!(safe_name("photo.pdf", FileType::Jpeg), "photo.jpg");
        assert_eq!(
            safe_name("\"quoted\";name.png", FileType::Png),
            "quotedname.png"
        );
        assert_eq!(safe_name("", FileType::Pdf), "document.pdf");
        assert_eq!(safe_name("...", FileType::Pdf), "document.pdf");
        let long = format!("{}.pdf", "a".repeat(300));
        let safe = safe_name(&long, FileType::Pdf);
        assert_eq!(safe.chars().count(), MAX_NAME);
        assert!(safe.ends_with(".pdf"));
        assert_eq!(
            safe_name("Zertifikat Fortbildung über Ethik.pdf", FileType::Pdf),
            "Zertifikat Fortbildung über Ethik.pdf"
        );
    }

    #[test]
    fn headers_carry_an_ascii_fallback_and_the_exact_name() {
        assert_eq!(
            content_disposition("attachment", "über.pdf"),
            "attachment; filename=\"_ber.pdf\"; filename*=UTF-8''%C3%BCber.pdf"
        );
    }
}
