//! The `format` of statements a GET returns: `exact` as stored, `ids` with agents, groups,
//! activities and verbs reduced to what identifies them, and `canonical` with each language
//! map reduced to the one language the reader prefers.

use serde_json::{Map, Value};

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Exact,
    Ids,
    Canonical,
}

impl Format {
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "exact" => Some(Self::Exact),
            "ids" => Some(Self::Ids),
            "canonical" => Some(Self::Canonical),
            _ => None,
        }
    }
}

/// `statement` in `format`; `languages` is the reader's Accept-Language, best first.
pub fn apply(statement: &Value, format: Format, languages: &[String]) -> Value {
    let mut out = statement.clone();
    match format {
        Format::Exact => {}
        Format::Ids => ids(&mut out),
        Format::Canonical => canonical(&mut out, languages),
    }
    out
}

const IDENTIFIERS: [&str; 4] = ["mbox", "mbox_sha1sum", "openid", "account"];

fn ids_actor(actor: &mut Value) {
    let Some(map) = actor.as_object_mut() else {
        return;
    };
    let identified = IDENTIFIERS.iter().any(|k| map.contains_key(*k));
    map.retain(|key, _| {
        key == "objectType"
            || IDENTIFIERS.contains(&key.as_str())
            || (!identified && key == "member")
    });
    if let Some(Value::Array(members)) = map.get_mut("member") {
        members.iter_mut().for_each(ids_actor);
    }
}

fn ids_activity(activity: &mut Value) {
    if let Some(map) = activity.as_object_mut() {
        map.retain(|key, _| key == "objectType" || key == "id");
    }
}

fn ids(statement: &mut Value) {
    let Some(map) = statement.as_object_mut() else {
        return;
    };
    for role in ["actor", "authority"] {
        if let Some(actor) = map.get_mut(role) {
            ids_actor(actor);
        }
    }
    if let Some(verb) = map.get_mut("verb").and_then(Value::as_object_mut) {
        verb.retain(|key, _| key == "id");
    }
    if let Some(object) = map.get_mut("object") {
        match object.get("objectType").and_then(Value::as_str) {
            None | Some("Activity") => ids_activity(object),
            Some("Agent" | "Group") => ids_actor(object),
            Some("SubStatement") => ids(object),
            _ => {}
        }
    }
    if let Some(context) = map.get_mut("context").and_then(Value::as_object_mut) {
        for role in ["instructor", "team"] {
            if let Some(actor) = context.get_mut(role) {
                ids_actor(actor);
            }
        }
        if let Some(groups) = context
            .get_mut("contextActivities")
            .and_then(Value::as_object_mut)
        {
            for value in groups.values_mut() {
                match value {
                    Value::Array(list) => list.iter_mut().for_each(ids_activity),
                    single => ids_activity(single),
                }
            }
        }
    }
}

/// Keys whose values are language maps, wherever they appear in a statement.
const LANGUAGE_MAPS: [&str; 3] = ["display", "name", "description"];

fn canonical(value: &mut Value, languages: &[String]) {
    match value {
        Value::Object(map) => {
            for (key, child) in map.iter_mut() {
                // Extensions hold the provider's own data: never rewritten.
                if key == "extensions" {
                    continue;
                }
                if LANGUAGE_MAPS.contains(&key.as_str())
                    && let Value::Object(languages_map) = child
                {
                    *child = Value::Object(pick(languages_map, languages));
                    continue;
                }
                canonical(child, languages);
            }
        }
        Value::Array(list) => list.iter_mut().for_each(|v| canonical(v, languages)),
        _ => {}
    }
}

/// The one entry the reader prefers: an exact tag, then the same primary language, then the
/// first entry. Agents' `name` is a string, not a map, and is left alone by the caller's match.
fn pick(map: &Map<String, Value>, languages: &[String]) -> Map<String, Value> {
    let primary = |tag: &str| tag.split('-').next().unwrap_or(tag).to_ascii_lowercase();
    // Language by language in the reader's order: its exact tag, else a tag of the same
    // primary language; the first entry when none of them is there.
    languages
        .iter()
        .find_map(|wanted| {
            map.iter()
                .find(|(tag, _)| tag.eq_ignore_ascii_case(wanted))
                .or_else(|| map.iter().find(|(tag, _)| primary(tag) == primary(wanted)))
        })
        .or_else(|| map.iter().next())
        .map(|(tag, text)| Map::from_iter([(tag.clone(), text.clone())]))
        .unwrap_or_default()
}

/// The languages of an Accept-Language header, best first (`*` and quality 0 dropped).
pub fn accept_language(header: &str) -> Vec<String> {
    let mut ranked: Vec<(f32, usize, String)> = header
        .split(',')
        .enumerate()
        .filter_map(|(i, part)| {
            let mut pieces = part.trim().split(';');
            let tag = pieces.next()?.trim();
            let quality = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.parse::<f32>().ok())
                .unwrap_or(1.0);
            (!tag.is_empty() && tag != "*" && quality > 0.0).then(|| (quality, i, tag.to_owned()))
        })
        .collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    ranked.into_iter().map(|(_, _, tag)| tag).collect()
}
