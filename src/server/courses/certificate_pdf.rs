//! The certificate of completion Licensure writes when a course's provider reports it
//! complete: a one-page PDF of plain text, written directly (the format is simple enough for
//! a page of text, and no PDF-writing crate is needed on the server).

/// What the certificate states.
pub struct Certificate<'a> {
    pub clinician: &'a str,
    pub course: &'a str,
    pub provider: &'a str,
    pub accreditor: Option<&'a str>,
    pub completed: &'a str,
    pub hours: &'a str,
    pub credit_type: &'a str,
    pub registration: &'a str,
}

/// Text as the PDF's standard font (WinAnsi) can show it: Latin-1 kept, anything else
/// replaced, and the string delimiters escaped.
fn pdf_text(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '(' | ')' | '\\' => {
                out.push(b'\\');
                out.push(c as u8);
            }
            '\u{2013}' | '\u{2014}' => out.push(b'-'),
            '\u{2018}' | '\u{2019}' => out.push(b'\''),
            c if (c as u32) >= 0x20 && (c as u32) < 0x7f => out.push(c as u8),
            c if (c as u32) >= 0xa0 && (c as u32) <= 0xff => out.push(c as u32 as u8),
            _ => out.push(b'?'),
        }
    }
    out
}

/// Long text broken into lines of at most `width` characters, at spaces where possible.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// The page's drawing: (font size, text) lines from the top.
fn content(certificate: &Certificate<'_>) -> Vec<u8> {
    let mut lines: Vec<(u32, String)> = vec![
        (24, "Certificate of Completion".to_owned()),
        (12, String::new()),
        (12, "This certifies that".to_owned()),
        (18, certificate.clinician.to_owned()),
        (12, "completed the course".to_owned()),
    ];
    lines.extend(wrap(certificate.course, 48).into_iter().map(|l| (16, l)));
    lines.push((12, String::new()));
    lines.push((12, format!("Provider: {}", certificate.provider)));
    if let Some(accreditor) = certificate.accreditor {
        lines.push((12, format!("Accredited by: {accreditor}")));
    }
    lines.push((12, format!("Completed on: {}", certificate.completed)));
    lines.push((
        12,
        format!(
            "Credit: {} hours, {}",
            certificate.hours, certificate.credit_type
        ),
    ));
    lines.push((12, String::new()));
    lines.push((
        9,
        "Completion reported by the provider's course (cmi5) and recorded by Licensure.".to_owned(),
    ));
    lines.push((9, format!("Registration {}", certificate.registration)));
    let mut stream = b"BT\n".to_vec();
    let mut y = 720u32;
    for (size, text) in lines {
        y = y.saturating_sub(size + size / 2 + 4);
        stream.extend_from_slice(format!("/F1 {size} Tf\n1 0 0 1 72 {y} Tm\n(").as_bytes());
        stream.extend_from_slice(&pdf_text(&text));
        stream.extend_from_slice(b") Tj\n");
    }
    stream.extend_from_slice(b"ET\n");
    stream
}

/// The certificate as PDF bytes.
pub fn render(certificate: &Certificate<'_>) -> Vec<u8> {
    let stream = content(certificate);
    let mut objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>".to_vec(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_vec(),
    ];
    let mut body = format!("<< /Length {} >>\nstream\n", stream.len()).into_bytes();
    body.extend_from_slice(&stream);
    body.extend_from_slice(b"endstream");
    objects.push(body);
    let mut pdf = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::with_capacity(objects.len());
    for (i, object) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        pdf.extend_from_slice(object);
        pdf.extend_from_slice(b"\nendobj\n");
    }
    let xref = pdf.len();
    pdf.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        pdf.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    pdf
}

#[cfg(test)]
mod tests {
    use super::*;

    fn certificate() -> Certificate<'static> {
        Certificate {
            clinician: "Dr Ada (Lovelace)",
            course: "Safe opioid prescribing: a demo course — with a title long enough to wrap onto a second line",
            provider: "Licensure Demo",
            accreditor: Some("ACCME"),
            completed: "2026-12-05",
            hours: "1",
            credit_type: "AMA PRA Category 1",
            registration: "0a3f9d0e-8b1c-4c2e-9f44-5d6e7f809a1b",
        }
    }

    fn position(haystack: &[u8], needle: &[u8]) -> Option<usize> {
        haystack.windows(needle.len()).rposition(|w| w == needle)
    }

    #[test]
    fn the_cross_reference_points_at_each_object() {
        let pdf = render(&certificate());
        assert!(pdf.starts_with(b"%PDF-1.4"));
        let after = position(&pdf, b"startxref\n")
            .map(|at| at + 10)
            .unwrap_or_default();
        let start: usize = String::from_utf8_lossy(&pdf[after..])
            .lines()
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or_default();
        assert!(pdf[start..].starts_with(b"xref\n0 6\n"));
        let table = String::from_utf8_lossy(&pdf[start..]).into_owned();
        let entries: Vec<usize> = table
            .lines()
            .skip(3)
            .take(5)
            .filter_map(|line| line.split(' ').next()?.parse().ok())
            .collect();
        assert_eq!(entries.len(), 5);
        for (i, offset) in entries.into_iter().enumerate() {
            let expected = format!("{} 0 obj", i + 1);
            assert!(
                pdf[offset..].starts_with(expected.as_bytes()),
                "object {}",
                i + 1
            );
        }
    }

    #[test]
    fn text_is_escaped_and_kept_to_the_font() {
        assert_eq!(pdf_text("a (b) \\ c"), b"a \\(b\\) \\\\ c".to_vec());
        assert_eq!(pdf_text("Café — 日本"), b"Caf\xe9 - ??".to_vec());
        let stream = String::from_utf8_lossy(&content(&certificate())).into_owned();
        assert!(stream.contains("(Dr Ada \\(Lovelace\\)) Tj"));
        assert!(stream.contains("(Credit: 1 hours, AMA PRA Category 1) Tj"));
    }
}
