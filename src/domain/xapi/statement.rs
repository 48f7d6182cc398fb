//! A whole statement and the parts only statements have: result, context, attachments, and
//! the rules that tie them together (voiding, sub-statements, context of activities only).

use std::fmt;

use serde_json::Value;

use super::{
    actor,
    object::{self, Kind, Level},
    values::{self, Object},
};

/// The verb that voids an earlier statement; its object must be a statement reference.
pub const VOIDED: &str = "http://adlnet.gov/expapi/verbs/voided";

/// The first rule a statement breaks: where (`statement.actor.mbox`) and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatementError {
    pub path: String,
    pub message: String,
}

impl fmt::Display for StatementError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

impl std::error::Error for StatementError {}

/// A place in the statement, for messages.
#[derive(Clone, Debug)]
pub struct Path(String);

impl Path {
    pub fn root() -> Self {
        Self("statement".to_owned())
    }

    pub fn named(name: &str) -> Self {
        Self(name.to_owned())
    }

    pub fn child(&self, key: &str) -> Self {
        Self(format!("{}.{key}", self.0))
    }

    pub fn index(&self, i: usize) -> Self {
        Self(format!("{}[{i}]", self.0))
    }

    pub fn error(&self, message: &str) -> StatementError {
        StatementError {
            path: self.0.clone(),
            message: message.to_owned(),
        }
    }
}

const STATEMENT_PROPERTIES: [&str; 11] = [
    "id",
    "actor",
    "verb",
    "object",
    "result",
    "context",
    "timestamp",
    "stored",
    "authority",
    "version",
    "attachments",
];

/// Checks one statement as sent to the LRS; the first violation is the error.
pub fn check_statement(value: &Value) -> Result<(), StatementError> {
    let path = Path::root();
    let statement = values::object(value, &path)?;
    values::only(statement, &STATEMENT_PROPERTIES, &path)?;
    if let Some(id) = statement.get("id") {
        values::uuid(id, &path.child("id"))?;
    }
    let kind = core(statement, &path, Level::Statement)?;
    if let Some(stored) = statement.get("stored") {
        values::timestamp(stored, &path.child("stored"))?;
    }
    if let Some(authority) = statement.get("authority") {
        actor::authority(authority, &path.child("authority"))?;
    }
    if let Some(version) = statement.get("version") {
        let here = path.child("version");
        if !is_version_1_0(values::string(version, &here)?) {
            return Err(here.error("must be an xAPI 1.0.x version, such as 1.0.3"));
        }
    }
    if let Some(attachments) = statement.get("attachments") {
        attachment_list(attachments, &path.child("attachments"))?;
    }
    let verb = statement
        .get("verb")
        .and_then(|verb| verb.get("id"))
        .and_then(Value::as_str);
    if verb == Some(VOIDED) && kind != Kind::StatementRef {
        return Err(path.child("object").error(
            "a voiding statement's object must be a StatementRef to the statement it voids",
        ));
    }
    Ok(())
}

/// A sub-statement: a statement's core without id, stored, version or authority.
pub fn sub_statement(object: &Object, path: &Path) -> Result<(), StatementError> {
    values::only(
        object,
        &[
            "objectType",
            "actor",
            "verb",
            "object",
            "result",
            "context",
            "timestamp",
            "attachments",
        ],
        path,
    )?;
    core(object, path, Level::SubStatement)?;
    if let Some(attachments) = object.get("attachments") {
        attachment_list(attachments, &path.child("attachments"))?;
    }
    Ok(())
}

/// Actor, verb, object, result, context and timestamp: shared by statements and
/// sub-statements. Returns what the object is.
fn core(statement: &Object, path: &Path, level: Level) -> Result<Kind, StatementError> {
    let actor = statement
        .get("actor")
        .ok_or_else(|| path.error("a statement needs an actor"))?;
    actor::agent_or_group(actor, &path.child("actor"))?;
    let verb = statement
        .get("verb")
        .ok_or_else(|| path.error("a statement needs a verb"))?;
    check_verb(verb, &path.child("verb"))?;
    let object = statement
        .get("object")
        .ok_or_else(|| path.error("a statement needs an object"))?;
    let kind = object::statement_object(object, &path.child("object"), level)?;
    if let Some(result) = statement.get("result") {
        check_result(result, &path.child("result"))?;
    }
    if let Some(context) = statement.get("context") {
        check_context(context, &path.child("context"), kind)?;
    }
    if let Some(timestamp) = statement.get("timestamp") {
        values::timestamp(timestamp, &path.child("timestamp"))?;
    }
    Ok(kind)
}

fn is_version_1_0(text: &str) -> bool {
    text.strip_prefix("1.0").is_some_and(|rest| {
        rest.is_empty()
            || rest
                .strip_prefix('.')
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    })
}

fn check_verb(value: &Value, path: &Path) -> Result<(), StatementError> {
    let verb = values::object(value, path)?;
    values::only(verb, &["id", "display"], path)?;
    let id = verb
        .get("id")
        .ok_or_else(|| path.error("a verb needs an id"))?;
    values::iri(id, &path.child("id"))?;
    if let Some(display) = verb.get("display") {
        values::language_map(display, &path.child("display"))?;
    }
    Ok(())
}

fn check_result(value: &Value, path: &Path) -> Result<(), StatementError> {
    let result = values::object(value, path)?;
    values::only(
        result,
        &[
            "score",
            "success",
            "completion",
            "response",
            "duration",
            "extensions",
        ],
        path,
    )?;
    for (key, value) in result {
        let here = path.child(key);
        match key.as_str() {
            "score" => check_score(value, &here)?,
            "success" | "completion" => {
                values::boolean(value, &here)?;
            }
            "response" => {
                values::string(value, &here)?;
            }
            "duration" => values::duration(value, &here)?,
            _ => values::extensions(value, &here)?,
        }
    }
    Ok(())
}

fn check_score(value: &Value, path: &Path) -> Result<(), StatementError> {
    let score = values::object(value, path)?;
    values::only(score, &["scaled", "raw", "min", "max"], path)?;
    let read = |key: &str| -> Result<Option<f64>, StatementError> {
        score
            .get(key)
            .map(|v| values::number(v, &path.child(key)))
            .transpose()
    };
    let (scaled, raw, min, max) = (read("scaled")?, read("raw")?, read("min")?, read("max")?);
    if scaled.is_some_and(|s| !(-1.0..=1.0).contains(&s)) {
        return Err(path.child("scaled").error("must be between -1 and 1"));
    }
    if let (Some(min), Some(max)) = (min, max)
        && min >= max
    {
        return Err(path.child("min").error("must be less than max"));
    }
    if let Some(raw) = raw {
        if min.is_some_and(|min| raw < min) {
            return Err(path.child("raw").error("must not be below min"));
        }
        if max.is_some_and(|max| raw > max) {
            return Err(path.child("raw").error("must not be above max"));
        }
    }
    Ok(())
}

fn check_context(value: &Value, path: &Path, object: Kind) -> Result<(), StatementError> {
    let context = values::object(value, path)?;
    values::only(
        context,
        &[
            "registration",
            "instructor",
            "team",
            "contextActivities",
            "revision",
            "platform",
            "language",
            "statement",
            "extensions",
        ],
        path,
    )?;
    for (key, value) in context {
        let here = path.child(key);
        match key.as_str() {
            "registration" => values::uuid(value, &here)?,
            "instructor" => actor::agent_or_group(value, &here)?,
            "team" => {
                let team = values::object(value, &here)?;
                if team.get("objectType").and_then(Value::as_str) != Some("Group") {
                    return Err(here.error("must be a group (objectType \"Group\")"));
                }
                actor::group(team, &here)?;
            }
            "contextActivities" => context_activities(value, &here)?,
            "revision" | "platform" => {
                values::string(value, &here)?;
                if object != Kind::Activity {
                    return Err(
                        here.error("is allowed only when the statement's object is an activity")
                    );
                }
            }
            "language" => {
                if !values::is_language_tag(values::string(value, &here)?) {
                    return Err(here.error("is not a language tag (RFC 5646), such as en-US"));
                }
            }
            "statement" => object::statement_ref(values::object(value, &here)?, &here)?,
            _ => values::extensions(value, &here)?,
        }
    }
    Ok(())
}

fn context_activities(value: &Value, path: &Path) -> Result<(), StatementError> {
    let lists = values::object(value, path)?;
    values::only(lists, &["parent", "grouping", "category", "other"], path)?;
    for (key, value) in lists {
        object::activities(value, &path.child(key))?;
    }
    Ok(())
}

fn attachment_list(value: &Value, path: &Path) -> Result<(), StatementError> {
    let list = value
        .as_array()
        .ok_or_else(|| path.error("must be an array of attachments"))?;
    for (i, item) in list.iter().enumerate() {
        let here = path.index(i);
        let attachment = values::object(item, &here)?;
        values::only(
            attachment,
            &[
                "usageType",
                "display",
                "description",
                "contentType",
                "length",
                "sha2",
                "fileUrl",
            ],
            &here,
        )?;
        for required in ["usageType", "display", "contentType", "length", "sha2"] {
            if !attachment.contains_key(required) {
                return Err(here.error(&format!("an attachment needs {required}")));
            }
        }
        for (key, value) in attachment {
            let field = here.child(key);
            match key.as_str() {
                "usageType" => values::iri(value, &field)?,
                "display" | "description" => values::language_map(value, &field)?,
                "contentType" => {
                    values::string(value, &field)?;
                }
                "length" => {
                    if value.as_u64().is_none() {
                        return Err(field.error("must be a whole number of bytes"));
                    }
                }
                "sha2" => {
                    let text = values::string(value, &field)?;
                    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_hexdigit()) {
                        return Err(field.error("must be a SHA-2 hash in hexadecimal"));
                    }
                }
                _ => values::irl(value, &field)?,
            }
        }
    }
    Ok(())
}
