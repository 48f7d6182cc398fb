//! Writes a `Certificate` as PDF objects: standard fonts in WinAnsi encoding, the composite
//! font with its ToUnicode map, one content stream drawn in the certificate's style.

use std::fmt::Write as _;

use lopdf::{Dictionary, Document, Object, Stream, dictionary};

use super::{Certificate, Font, Order, Run, Style};

/// WinAnsi bytes for `text`; characters outside it become `?`.
fn win_ansi(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            ' '..='~' => c as u8,
            '\u{2122}' => 0x99,
            '\u{2013}' => 0x96,
            '\u{2014}' => 0x97,
            '\u{2018}' => 0x91,
            '\u{2019}' => 0x92,
            '\u{201C}' => 0x93,
            '\u{201D}' => 0x94,
            '\u{2022}' => 0x95,
            '\u{00AE}' => 0xAE,
            '\u{00E9}' => 0xE9,
            _ => b'?',
        })
        .collect()
}

/// Glyph codes of the composite font: one per character, numbered as first used (as a
/// subsetting generator numbers them), starting at 3.
struct Codes(Vec<char>);

impl Codes {
    fn of(&self, c: char) -> u16 {
        self.0
            .iter()
            .position(|k| *k == c)
            .map_or(0, |i| i as u16 + 3)
    }
}

/// A PDF string holding `text` in `font`'s encoding.
fn string(font: Font, text: &str, codes: &Codes) -> String {
    if font == Font::Composite {
        let hex: String = text
            .chars()
            .map(|c| format!("{:04X}", codes.of(c)))
            .collect();
        return format!("<{hex}>");
    }
    let mut out = String::from("(");
    for byte in win_ansi(text) {
        match byte {
            b'(' | b')' | b'\\' => {
                out.push('\\');
                out.push(byte as char);
            }
            0x20..=0x7E => out.push(byte as char),
            _ => {
                let _ = write!(out, "\\{byte:03o}");
            }
        }
    }
    out.push(')');
    out
}

/// The operators drawing one run in `style`.
fn draw(run: &Run, y: f64, style: Style, codes: &Codes) -> String {
    let (f, size, x) = (run.font.resource(), run.size, run.x);
    let s = |text: &str| string(run.font, text, codes);
    let words: Vec<&str> = run.text.split(' ').collect();
    match style {
        Style::Lines => format!(
            "BT /{f} {size} Tf {x:.2} {y:.2} Td {} Tj ET\n",
            s(&run.text)
        ),
        Style::Scaled => format!(
            "BT /{f} 1 Tf {size} 0 0 {size} {x:.2} {y:.2} Tm {} Tj ET\n",
            s(&run.text)
        ),
        Style::Words => {
            let mut ops = format!("BT /{f} {size} Tf {x:.2} {y:.2} Td ");
            for (i, word) in words.iter().enumerate() {
                let word = if i + 1 < words.len() {
                    format!("{word} ")
                } else {
                    (*word).to_owned()
                };
                let _ = write!(ops, "{} Tj ", s(&word));
            }
            ops + "ET\n"
        }
        Style::Spaceless => {
            let mut ops = format!("BT /{f} {size} Tf {x:.2} {y:.2} Td ");
            for word in &words {
                let _ = write!(ops, "[{} -280] TJ ", s(word));
            }
            ops + "ET\n"
        }
        Style::Kerned => {
            let mut ops = format!("BT /{f} {size} Tf {x:.2} {y:.2} Td [");
            for (i, word) in words.iter().enumerate() {
                if i > 0 {
                    ops.push_str("-300 ");
                }
                let chars: Vec<char> = word.chars().collect();
                for (j, piece) in chars.chunks(3).enumerate() {
                    let piece: String = piece.iter().collect();
                    let kern = if j % 2 == 0 { 12 } else { -8 };
                    let _ = write!(ops, "{} {kern} ", s(&piece));
                }
            }
            ops + "] TJ ET\n"
        }
    }
}

/// The composite font: a CID font without an embedded program, widths by default, and a
/// ToUnicode map from its codes back to text.
fn composite(doc: &mut Document, codes: &Codes) -> Object {
    let mut cmap = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    for block in codes.0.chunks(100) {
        let _ = writeln!(cmap, "{} beginbfchar", block.len());
        for c in block {
            let _ = writeln!(cmap, "<{:04X}> <{:04X}>", codes.of(*c), *c as u32);
        }
        cmap.push_str("endbfchar\n");
    }
    cmap.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    let to_unicode = doc.add_object(Stream::new(dictionary! {}, cmap.into_bytes()));
    let descriptor = doc.add_object(dictionary! {
        "Type" => "FontDescriptor",
        "FontName" => "ArialMT",
        "Flags" => 32,
        "FontBBox" => vec![(-665).into(), (-325).into(), 2000.into(), 1040.into()],
        "ItalicAngle" => 0,
        "Ascent" => 905,
        "Descent" => -212,
        "CapHeight" => 716,
        "StemV" => 80,
    });
    let descendant = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "CIDFontType2",
        "BaseFont" => "ArialMT",
        "CIDSystemInfo" => dictionary! {
            "Registry" => Object::string_literal("Adobe"),
            "Ordering" => Object::string_literal("Identity"),
            "Supplement" => 0,
        },
        "FontDescriptor" => descriptor,
        "DW" => 520,
        "CIDToGIDMap" => "Identity",
    });
    Object::Dictionary(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type0",
        "BaseFont" => "ArialMT",
        "Encoding" => "Identity-H",
        "DescendantFonts" => vec![descendant.into()],
        "ToUnicode" => to_unicode,
    })
}

pub fn pdf(certificate: &Certificate) -> Vec<u8> {
    let mut runs: Vec<&Run> = certificate.runs.iter().collect();
    match certificate.order {
        Order::Reading => {}
        Order::Reversed => runs.reverse(),
        Order::Interleaved => {
            let (even, odd): (Vec<_>, Vec<_>) =
                runs.iter().enumerate().partition(|(i, _)| i % 2 == 0);
            runs = even.into_iter().chain(odd).map(|(_, r)| *r).collect();
        }
    }
    let mut used: Vec<char> = Vec::new();
    for run in runs.iter().filter(|r| r.font == Font::Composite) {
        for c in run.text.chars() {
            if !used.contains(&c) {
                used.push(c);
            }
        }
    }
    let codes = Codes(used);

    let mut content = String::from("0.2 0.2 0.4 RG 1.5 w\n");
    for (x, y, w, h) in &certificate.rules {
        if *h == 0.0 {
            let _ = writeln!(content, "{x} {y} m {} {y} l S", x + w);
        } else {
            let _ = writeln!(content, "{x} {y} {} {} re S", w - x, h - y);
        }
    }
    content.push_str("0 0 0 rg\n");
    for run in &runs {
        content.push_str(&draw(
            run,
            certificate.height - run.y,
            certificate.style,
            &codes,
        ));
    }

    let mut doc = Document::with_version("1.7");
    let mut fonts = Dictionary::new();
    for font in Font::ALL {
        let object = if font == Font::Composite {
            composite(&mut doc, &codes)
        } else {
            Object::Dictionary(dictionary! {
                "Type" => "Font",
                "Subtype" => "Type1",
                "BaseFont" => font.base_name(),
                "Encoding" => "WinAnsiEncoding",
            })
        };
        let id = doc.add_object(object);
        fonts.set(font.resource(), id);
    }
    let mut stream = Stream::new(dictionary! {}, content.into_bytes());
    if certificate.compress {
        stream.compress().unwrap();
    }
    let content_id = doc.add_object(stream);
    let pages_id = doc.new_object_id();
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page",
        "Parent" => pages_id,
        "MediaBox" => vec![0.into(), 0.into(), certificate.width.into(), certificate.height.into()],
        "Contents" => content_id,
        "Resources" => dictionary! { "Font" => fonts },
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => vec![page_id.into()],
            "Count" => 1,
        }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    bytes
}
