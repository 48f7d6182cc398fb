//! A guard against "decompression bombs": a small PDF whose compressed streams inflate to
//! gigabytes would exhaust memory inside the parser, which reads each stream whole. Before
//! parsing, every deflated stream of the raw file is inflated into nothing, counting bytes,
//! and the file is refused once the count passes the cap. Images are skipped: the text
//! reader never decodes them, and a certificate's background picture may be large.

use std::io::Read;

use flate2::read::ZlibDecoder;

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Bytes `data` inflates to, counted up to `budget + 1`; corrupt data counts what came out.
fn inflated(data: &[u8], budget: u64) -> u64 {
    let mut decoder = ZlibDecoder::new(data);
    let mut buffer = [0u8; 64 * 1024];
    let mut total = 0u64;
    while total <= budget {
        match decoder.read(&mut buffer) {
            Ok(0) | Err(_) => break,
            Ok(n) => total += n as u64,
        }
    }
    total
}

/// Whether the non-image streams of `pdf` inflate to at most `cap` bytes in all. The scan
/// moves forward only (each stream's dictionary is looked for in the bytes since the last
/// stream, at most 512 of them), so a file of many tiny streams costs linear time.
pub fn within(pdf: &[u8], cap: u64) -> bool {
    let mut total = 0u64;
    let mut from = 0usize;
    while let Some(found) = find(&pdf[from..], b"stream") {
        let at = from + found;
        let dictionary = &pdf[from.max(at.saturating_sub(512))..at];
        let start = at + b"stream".len();
        let rest = &pdf[start..];
        let body = rest
            .strip_prefix(b"\r\n")
            .or_else(|| rest.strip_prefix(b"\n"))
            .unwrap_or(rest);
        let end = find(body, b"endstream").unwrap_or(body.len());
        from = (start + (rest.len() - body.len()) + end + b"endstream".len()).min(pdf.len());
        // A stray `endstream` starts nothing; images are never decoded by the text reader.
        if pdf[..at].ends_with(b"end") || find(dictionary, b"/Image").is_some() {
            continue;
        }
        total += inflated(&body[..end], cap - total);
        if total > cap {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use flate2::{Compression, write::ZlibEncoder};

    use super::*;

    fn deflated(len: usize) -> Vec<u8> {
        let mut encoder = ZlibEncoder::new(Vec::new(), Compression::best());
        encoder.write_all(&vec![0u8; len]).unwrap_or_default();
        encoder.finish().unwrap_or_default()
    }

    fn pdf(streams: &[(&str, Vec<u8>)]) -> Vec<u8> {
        let mut out = b"%PDF-1.7\n".to_vec();
        for (i, (dict, data)) in streams.iter().enumerate() {
            out.extend(
                format!(
                    "{} 0 obj\n<< {dict} /Filter /FlateDecode >>\nstream\n",
                    i + 1
                )
                .bytes(),
            );
            out.extend(data);
            out.extend(b"\nendstream\nendobj\n");
        }
        out
    }

    #[test]
    fn streams_that_inflate_past_the_cap_are_caught() {
        let small = pdf(&[
            ("/Length 9", deflated(10_000)),
            ("/Length 9", deflated(10_000)),
        ]);
        assert!(within(&small, 50_000));
        assert!(!within(&small, 15_000));
        let bomb = pdf(&[("/Length 9", deflated(4_000_000))]);
        assert!(bomb.len() < 10_000);
        assert!(!within(&bomb, 1_000_000));
    }

    #[test]
    fn images_and_undecodable_data_are_not_counted() {
        let image = pdf(&[("/Subtype /Image /Width 2000", deflated(4_000_000))]);
        assert!(within(&image, 1_000_000));
        let noise = pdf(&[("/Length 4", b"\x78\x9c\xff\xff".to_vec())]);
        assert!(within(&noise, 10));
        assert!(within(b"no streams here", 0));
    }
}
