//! A statement as the LRS stores it, and whether a statement sent again with the same id is
//! the same statement.

use serde_json::Value;

/// The version the LRS records on statements that do not give one.
pub const DEFAULT_VERSION: &str = "1.0.0";

/// Fills what the LRS owns: `id` (the one given), `stored`, `authority` (always the
/// credential's, whatever was sent), `version` when missing and `timestamp` (= stored) when
/// missing. `stored` is an RFC 3339 text with milliseconds.
pub fn prepare(statement: &Value, id: &str, stored: &str, authority: &Value) -> Value {
    let mut out = statement.clone();
    if let Some(map) = out.as_object_mut() {
        map.insert("id".to_owned(), Value::String(id.to_owned()));
        map.insert("stored".to_owned(), Value::String(stored.to_owned()));
        map.insert("authority".to_owned(), authority.clone());
        map.entry("version")
            .or_insert_with(|| Value::String(DEFAULT_VERSION.to_owned()));
        map.entry("timestamp")
            .or_insert_with(|| Value::String(stored.to_owned()));
    }
    out
}

/// True when `sent` (as a client sent it) is the statement already stored as `stored`: what
/// the LRS filled in is not compared, nor the order of a group's members.
pub fn same_statement(sent: &Value, stored: &Value) -> bool {
    let mut a = comparable(sent, sent);
    let mut b = comparable(stored, sent);
    sort_members(&mut a);
    sort_members(&mut b);
    a == b
}

fn comparable(statement: &Value, sent: &Value) -> Value {
    let mut out = statement.clone();
    if let Some(map) = out.as_object_mut() {
        for key in ["id", "stored", "authority", "version"] {
            map.remove(key);
        }
        if sent.get("timestamp").is_none() {
            map.remove("timestamp");
        }
    }
    out
}

fn sort_members(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, child) in map.iter_mut() {
                if key == "member"
                    && let Value::Array(list) = child
                {
                    list.sort_by_key(|member| member.to_string());
                }
                sort_members(child);
            }
        }
        Value::Array(list) => list.iter_mut().for_each(sort_members),
        _ => {}
    }
}
