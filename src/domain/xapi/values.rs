//! The value types statements are made of: IRIs, UUIDs, language maps, timestamps, durations.

use serde_json::{Map, Value};

use super::statement::{Path, StatementError};

pub type Object = Map<String, Value>;

/// The value as a JSON object, or an error naming where an object was expected.
pub fn object<'a>(value: &'a Value, path: &Path) -> Result<&'a Object, StatementError> {
    value
        .as_object()
        .ok_or_else(|| path.error("must be a JSON object"))
}

pub fn string<'a>(value: &'a Value, path: &Path) -> Result<&'a str, StatementError> {
    value.as_str().ok_or_else(|| path.error("must be a string"))
}

pub fn boolean(value: &Value, path: &Path) -> Result<bool, StatementError> {
    value
        .as_bool()
        .ok_or_else(|| path.error("must be true or false"))
}

pub fn number(value: &Value, path: &Path) -> Result<f64, StatementError> {
    value.as_f64().ok_or_else(|| path.error("must be a number"))
}

/// Refuses any property of `object` not in `allowed` (the spec defines every property; an
/// LRS must reject the rest, misspellings included, as keys are case-sensitive).
pub fn only(object: &Object, allowed: &[&str], path: &Path) -> Result<(), StatementError> {
    match object.keys().find(|key| !allowed.contains(&key.as_str())) {
        Some(key) => Err(path.child(key).error("is not a property allowed here")),
        None => Ok(()),
    }
}

/// An absolute IRI: a scheme (a letter, then letters, digits, `+`, `-` or `.`), a colon and
/// something after it, with no whitespace or characters IRIs exclude.
pub fn is_iri(text: &str) -> bool {
    let Some((scheme, rest)) = text.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    let scheme_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    scheme_ok
        && !rest.is_empty()
        && !text.chars().any(|c| {
            c.is_whitespace()
                || c.is_control()
                || matches!(c, '<' | '>' | '"' | '{' | '}' | '|' | '\\' | '^' | '`')
        })
}

pub fn iri(value: &Value, path: &Path) -> Result<(), StatementError> {
    if is_iri(string(value, path)?) {
        Ok(())
    } else {
        Err(path.error("must be an absolute IRI, such as http://example.com/verbs/completed"))
    }
}

/// An IRL: an IRI that can be dereferenced, which for our purposes means an http(s) address.
pub fn irl(value: &Value, path: &Path) -> Result<(), StatementError> {
    let text = string(value, path)?;
    let lower = text.to_ascii_lowercase();
    let host = lower
        .strip_prefix("http://")
        .or_else(|| lower.strip_prefix("https://"));
    let web = host.is_some_and(|rest| !rest.is_empty() && !rest.starts_with('/'));
    if is_iri(text) && web {
        Ok(())
    } else {
        Err(path.error("must be an absolute http or https address"))
    }
}

/// A UUID in its canonical text form, `8-4-4-4-12` hexadecimal digits.
pub fn is_uuid(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(group, len)| group.len() == len && group.bytes().all(|b| b.is_ascii_hexdigit()))
}

pub fn uuid(value: &Value, path: &Path) -> Result<(), StatementError> {
    if is_uuid(string(value, path)?) {
        Ok(())
    } else {
        Err(path.error("must be a UUID, such as 3f2b1c6e-9a1d-4c8e-b5a7-2d9e0f1a4b6c"))
    }
}

/// A language tag (RFC 5646), checked for its shape: subtags of 1 to 8 letters or digits,
/// the first of letters only.
pub fn is_language_tag(text: &str) -> bool {
    let mut subtags = text.split('-');
    let first_ok = subtags
        .next()
        .is_some_and(|s| (1..=8).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphabetic()));
    first_ok
        && subtags
            .all(|s| (1..=8).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// A language map: language tags to strings.
pub fn language_map(value: &Value, path: &Path) -> Result<(), StatementError> {
    for (tag, text) in object(value, path)? {
        let entry = path.child(tag);
        if !is_language_tag(tag) {
            return Err(entry.error("is not a language tag (RFC 5646), such as en-US"));
        }
        string(text, &entry)?;
    }
    Ok(())
}

/// Extensions: IRIs to any JSON value.
pub fn extensions(value: &Value, path: &Path) -> Result<(), StatementError> {
    for key in object(value, path)?.keys() {
        if !is_iri(key) {
            return Err(path.child(key).error("must be an absolute IRI"));
        }
    }
    Ok(())
}

/// A timestamp in ISO 8601 with its offset (the RFC 3339 profile).
pub fn timestamp(value: &Value, path: &Path) -> Result<(), StatementError> {
    let text = string(value, path)?;
    // RFC 3339 reads -00:00 as "offset unknown"; xAPI timestamps must know their offset.
    if text.ends_with("-00:00") {
        return Err(path
            .error("must not use the -00:00 offset (offset unknown); give the real offset or Z"));
    }
    chrono::DateTime::parse_from_rfc3339(text)
        .map(|_| ())
        .map_err(|_| {
            path.error(
                "must be an ISO 8601 timestamp with a time zone, such as 2026-12-05T09:30:00Z",
            )
        })
}

/// An ISO 8601 duration: `P`, then years, months, weeks and days, then `T` with hours,
/// minutes and seconds, each unit at most once and in that order; at least one part, `T` only
/// before a time part, and a decimal fraction only on the last part.
pub fn is_duration(text: &str) -> bool {
    let Some(rest) = text.strip_prefix('P') else {
        return false;
    };
    let (date, time) = match rest.split_once('T') {
        Some((date, time)) => (date, Some(time)),
        None => (rest, None),
    };
    let mut parts = Vec::new();
    let date_ok = split_parts(date, &['Y', 'M', 'W', 'D'], &mut parts);
    let time_ok = time.is_none_or(|time| {
        let before = parts.len();
        split_parts(time, &['H', 'M', 'S'], &mut parts) && parts.len() > before
    });
    let fraction_only_last = parts
        .iter()
        .rev()
        .skip(1)
        .all(|number: &&str| !number.contains('.'));
    date_ok && time_ok && !parts.is_empty() && fraction_only_last
}

/// Splits `text` into numbers each followed by one of `units` (in order, each once), pushing
/// the numbers; false when anything else is found.
fn split_parts<'a>(text: &'a str, units: &[char], parts: &mut Vec<&'a str>) -> bool {
    let mut next_unit = 0;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if c.is_ascii_digit() || c == '.' {
            continue;
        }
        let Some(found) = units[next_unit..].iter().position(|&u| u == c) else {
            return false;
        };
        let number = &text[start..i];
        let valid = !number.is_empty()
            && number.matches('.').count() <= 1
            && !number.starts_with('.')
            && !number.ends_with('.');
        if !valid {
            return false;
        }
        parts.push(number);
        next_unit += found + 1;
        start = i + c.len_utf8();
    }
    start == text.len()
}

pub fn duration(value: &Value, path: &Path) -> Result<(), StatementError> {
    if is_duration(string(value, path)?) {
        Ok(())
    } else {
        Err(path.error("must be an ISO 8601 duration, such as PT1H30M"))
    }
}
