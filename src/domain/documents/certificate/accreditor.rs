//! Who accredited the provider, and the credit type that follows from what the certificate
//! names: its credit phrase first ("AMA PRA Category 1 Credit"), else the accreditor of
//! plain contact hours (ANCC for nursing, ACPE for pharmacy, whose activity numbers, UANs,
//! give ACPE away even when the name is absent).

use super::credits::{UNITS, Unit};

/// An accreditor as the activity form records it, and how certificates name it.
const ACCREDITORS: [(&str, &[&str]); 6] = [
    (
        "ACCME",
        &[
            "accreditation council for continuing medical education",
            "accme",
        ],
    ),
    ("ANCC", &["american nurses credentialing center", "ancc"]),
    (
        "ACPE",
        &["accreditation council for pharmacy education", "acpe"],
    ),
    ("AOA", &["american osteopathic association", "aoa"]),
    ("AAFP", &["american academy of family physicians", "aafp"]),
    ("Joint Accreditation", &["joint accreditation"]),
];

/// Whether `phrase` occurs in `text` (both lower case) as whole words.
fn has_words(text: &str, phrase: &str) -> bool {
    text.match_indices(phrase).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + phrase.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// An ACPE Universal Activity Number: `0000-0000-26-001-H01-P` (provider, year, activity,
/// topic with its delivery letter, and P or T for pharmacist or technician).
pub fn is_uan(word: &str) -> bool {
    let word = word.trim_matches(|c: char| !c.is_ascii_alphanumeric());
    let parts: Vec<&str> = word.split('-').collect();
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    match parts.as_slice() {
        [provider, joint, year, number, topic, audience] => {
            digits(provider, 4)
                && digits(joint, 4)
                && digits(year, 2)
                && digits(number, 3)
                && topic.len() == 3
                && topic.starts_with(['L', 'H', 'X', 'B', 'l', 'h', 'x', 'b'])
                && digits(&topic[1..], 2)
                && matches!(*audience, "P" | "T" | "p" | "t")
        }
        _ => false,
    }
}

/// The accreditors a certificate names (lower-case `text`), in the order of the table.
pub fn named(text: &str) -> Vec<&'static str> {
    let uan = text.split_whitespace().any(is_uan);
    ACCREDITORS
        .iter()
        .filter(|(name, ways)| {
            ways.iter().any(|way| has_words(text, way)) || (*name == "ACPE" && uan)
        })
        .map(|(name, _)| *name)
        .collect()
}

/// Credit types the certificate names anywhere, amount or not.
pub fn typed_phrases(text: &str) -> Vec<&'static str> {
    let mut found: Vec<&'static str> = Vec::new();
    for (words, unit) in UNITS {
        if let Unit::Typed(key) = unit
            && has_words(text, words)
            && !found.contains(&key)
        {
            found.push(key);
        }
    }
    found
}

/// The catalog credit type for an amount counted in `unit`, given what else the certificate
/// names; nothing when the certificate leaves it open.
pub fn credit_type(
    unit: Unit,
    phrases: &[&'static str],
    accreditors: &[&str],
) -> Option<&'static str> {
    let only = |keys: &[&'static str]| match keys {
        [one] => Some(*one),
        _ => None,
    };
    let by_accreditor = || match (accreditors.contains(&"ANCC"), accreditors.contains(&"ACPE")) {
        (true, false) => Some("ANCC"),
        (false, true) => Some("ACPE"),
        _ => None,
    };
    match unit {
        Unit::Typed(key) => Some(key),
        Unit::Contact => by_accreditor().or_else(|| only(phrases)),
        Unit::Ceu => accreditors.contains(&"ACPE").then_some("ACPE"),
        Unit::Plain => only(phrases).or_else(by_accreditor),
    }
}

/// The accreditor to record: the one behind the credit type when the certificate names it,
/// else Joint Accreditation when named, else the only one named.
pub fn accreditor(credit_type: Option<&str>, named: &[&'static str]) -> Option<&'static str> {
    let natural = credit_type.map(|key| match key {
        "AMA_PRA_1" | "AMA_PRA_2" => "ACCME",
        "AAFP_PRESCRIBED" => "AAFP",
        key if key.starts_with("AOA") => "AOA",
        key => key,
    });
    if let Some(found) = natural.and_then(|n| named.iter().find(|name| **name == n)) {
        return Some(found);
    }
    if named.contains(&"Joint Accreditation") {
        return Some("Joint Accreditation");
    }
    match named {
        [one] => Some(one),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accreditors_are_found_by_name_acronym_or_activity_number() {
        assert_eq!(
            named("accredited by the accreditation council for continuing medical education"),
            ["ACCME"]
        );
        assert_eq!(named("uan: 0000-0000-26-001-h01-p."), ["ACPE"]);
        assert!(named("the saoan clinic").is_empty());
        assert!(is_uan("0812-0000-26-114-L04-T"));
        assert!(!is_uan("0812-0000-26-114-Q04-P"));
        assert!(!is_uan("2026-03-14"));
    }

    #[test]
    fn credit_types_follow_the_phrase_then_the_accreditor() {
        assert_eq!(credit_type(Unit::Contact, &[], &["ANCC"]), Some("ANCC"));
        assert_eq!(credit_type(Unit::Contact, &[], &["ANCC", "ACPE"]), None);
        assert_eq!(credit_type(Unit::Ceu, &[], &["ACPE"]), Some("ACPE"));
        assert_eq!(credit_type(Unit::Ceu, &[], &[]), None);
        assert_eq!(
            credit_type(Unit::Plain, &["AMA_PRA_1"], &["ACCME"]),
            Some("AMA_PRA_1")
        );
        assert_eq!(credit_type(Unit::Plain, &["AMA_PRA_1", "ANCC"], &[]), None);
        assert_eq!(
            credit_type(Unit::Typed("AOA_1A"), &["AMA_PRA_1"], &[]),
            Some("AOA_1A")
        );
    }

    #[test]
    fn the_accreditor_recorded_matches_the_credit() {
        assert_eq!(
            accreditor(Some("AMA_PRA_1"), &["ACCME", "ANCC"]),
            Some("ACCME")
        );
        assert_eq!(
            accreditor(Some("ANCC"), &["ANCC", "Joint Accreditation"]),
            Some("ANCC")
        );
        assert_eq!(
            accreditor(Some("ACPE"), &["ACCME", "Joint Accreditation"]),
            Some("Joint Accreditation")
        );
        assert_eq!(accreditor(None, &["AOA"]), Some("AOA"));
        assert_eq!(accreditor(None, &["AOA", "ACCME"]), None);
    }
}
