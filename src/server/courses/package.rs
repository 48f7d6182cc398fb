//! A course package as an administrator imports it: `cmi5.xml` on its own, or a zip with
//! `cmi5.xml` at its root. Either way the structure is checked with the cmi5 rules before
//! anything is kept.

use std::io::{Cursor, Read};

use crate::domain::cmi5::{CourseStructure, PackageError, parse_course_structure};

/// The largest course structure read; real ones are a few kilobytes.
const MAX_STRUCTURE_BYTES: u64 = 1024 * 1024;

/// The structure's text and what it says.
pub fn read_package(bytes: &[u8]) -> Result<(String, CourseStructure), PackageError> {
    let text = if bytes.starts_with(b"PK\x03\x04") {
        from_zip(bytes)?
    } else {
        if bytes.len() as u64 > MAX_STRUCTURE_BYTES {
            return Err(PackageError(
                "cmi5.xml is larger than 1 MB; is it the right file?".into(),
            ));
        }
        String::from_utf8(bytes.to_vec()).map_err(|_| {
            PackageError("cmi5.xml must be UTF-8 text, or a .zip holding it.".into())
        })?
    };
    let text = text.trim_start_matches('\u{feff}').to_owned();
    let structure = parse_course_structure(&text)?;
    Ok((text, structure))
}

fn from_zip(bytes: &[u8]) -> Result<String, PackageError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|_| PackageError("The .zip file cannot be read.".into()))?;
    let mut entry = archive.by_name("cmi5.xml").map_err(|_| {
        PackageError("The .zip has no cmi5.xml at its root, as cmi5 packages must.".into())
    })?;
    if entry.size() > MAX_STRUCTURE_BYTES {
        return Err(PackageError(
            "cmi5.xml in the .zip is larger than 1 MB.".into(),
        ));
    }
    let mut text = String::new();
    // The size in the header is the packer's claim; the read is capped as well.
    (&mut entry)
        .take(MAX_STRUCTURE_BYTES + 1)
        .read_to_string(&mut text)
        .map_err(|_| PackageError("cmi5.xml in the .zip is not readable UTF-8 text.".into()))?;
    if text.len() as u64 > MAX_STRUCTURE_BYTES {
        return Err(PackageError(
            "cmi5.xml in the .zip is larger than 1 MB.".into(),
        ));
    }
    Ok(text)
}
