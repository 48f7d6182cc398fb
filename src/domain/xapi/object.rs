//! What a statement is about: an activity (with its definition), an agent or group, another
//! statement by reference, or a sub-statement.

use serde_json::Value;

use super::{
    actor,
    statement::{self, Path, StatementError},
    values::{self, Object},
};

/// The kinds of interaction an activity definition may describe.
const INTERACTIONS: [&str; 10] = [
    "true-false",
    "choice",
    "fill-in",
    "long-fill-in",
    "matching",
    "performance",
    "sequencing",
    "likert",
    "numeric",
    "other",
];

/// Which component lists each interaction type may carry.
fn components_for(interaction: &str) -> &'static [&'static str] {
    match interaction {
        "choice" | "sequencing" => &["choices"],
        "likert" => &["scale"],
        "matching" => &["source", "target"],
        "performance" => &["steps"],
        _ => &[],
    }
}

const COMPONENT_LISTS: [&str; 5] = ["choices", "scale", "source", "target", "steps"];

/// Where the object sits decides what it may be: a sub-statement only at the top.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Statement,
    SubStatement,
}

/// The statement's object; `objectType` is `Activity` when missing.
pub fn statement_object(value: &Value, path: &Path, level: Level) -> Result<Kind, StatementError> {
    let object = values::object(value, path)?;
    let kind_path = path.child("objectType");
    let kind = match object.get("objectType") {
        None => "Activity",
        Some(kind) => values::string(kind, &kind_path)?,
    };
    match kind {
        "Activity" => activity(object, path).map(|()| Kind::Activity),
        "Agent" => actor::agent(object, path).map(|()| Kind::Other),
        "Group" => actor::group(object, path).map(|()| Kind::Other),
        "StatementRef" => statement_ref(object, path).map(|()| Kind::StatementRef),
        "SubStatement" if level == Level::Statement => {
            statement::sub_statement(object, path).map(|()| Kind::Other)
        }
        "SubStatement" => Err(kind_path.error("a sub-statement cannot hold another sub-statement")),
        _ => Err(kind_path.error("must be Activity, Agent, Group, StatementRef or SubStatement")),
    }
}

/// What the object turned out to be, for the rules that depend on it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Activity,
    StatementRef,
    Other,
}

pub fn statement_ref(object: &Object, path: &Path) -> Result<(), StatementError> {
    values::only(object, &["objectType", "id"], path)?;
    if object.get("objectType").and_then(Value::as_str) != Some("StatementRef") {
        return Err(path.child("objectType").error("must be \"StatementRef\""));
    }
    let id = object
        .get("id")
        .ok_or_else(|| path.error("a statement reference needs the id of the statement"))?;
    values::uuid(id, &path.child("id"))
}

/// An activity: an IRI and, optionally, its definition.
pub fn activity(object: &Object, path: &Path) -> Result<(), StatementError> {
    values::only(object, &["objectType", "id", "definition"], path)?;
    let id = object
        .get("id")
        .ok_or_else(|| path.error("an activity needs an id"))?;
    values::iri(id, &path.child("id"))?;
    if let Some(definition) = object.get("definition") {
        activity_definition(definition, &path.child("definition"))?;
    }
    Ok(())
}

/// An activity given where the spec allows one object or an array (context activities).
pub fn activities(value: &Value, path: &Path) -> Result<(), StatementError> {
    let check = |item: &Value, here: &Path| -> Result<(), StatementError> {
        let object = values::object(item, here)?;
        if let Some(kind) = object.get("objectType")
            && values::string(kind, &here.child("objectType"))? != "Activity"
        {
            return Err(here.child("objectType").error("must be \"Activity\""));
        }
        activity(object, here)
    };
    match value {
        Value::Array(items) => items
            .iter()
            .enumerate()
            .try_for_each(|(i, item)| check(item, &path.index(i))),
        single => check(single, path),
    }
}

fn activity_definition(value: &Value, path: &Path) -> Result<(), StatementError> {
    let object = values::object(value, path)?;
    values::only(
        object,
        &[
            "name",
            "description",
            "type",
            "moreInfo",
            "extensions",
            "interactionType",
            "correctResponsesPattern",
            "choices",
            "scale",
            "source",
            "target",
            "steps",
        ],
        path,
    )?;
    for (key, value) in object {
        let here = path.child(key);
        match key.as_str() {
            "name" | "description" => values::language_map(value, &here)?,
            "type" => values::iri(value, &here)?,
            "moreInfo" => values::irl(value, &here)?,
            "extensions" => values::extensions(value, &here)?,
            _ => {}
        }
    }
    let interaction = match object.get("interactionType") {
        Some(kind) => {
            let here = path.child("interactionType");
            let kind = values::string(kind, &here)?;
            if !INTERACTIONS.contains(&kind) {
                return Err(
                    here.error("is not an interaction type of xAPI (choice, likert, numeric, ...)")
                );
            }
            Some(kind)
        }
        None => None,
    };
    if let Some(pattern) = object.get("correctResponsesPattern") {
        let here = path.child("correctResponsesPattern");
        if interaction.is_none() {
            return Err(here.error("needs an interactionType"));
        }
        let list = pattern
            .as_array()
            .ok_or_else(|| here.error("must be an array of strings"))?;
        for (i, item) in list.iter().enumerate() {
            values::string(item, &here.index(i))?;
        }
    }
    let allowed = interaction.map_or(&[][..], components_for);
    for list in COMPONENT_LISTS {
        let Some(components) = object.get(list) else {
            continue;
        };
        let here = path.child(list);
        if !allowed.contains(&list) {
            return Err(here.error("does not belong to this interactionType"));
        }
        interaction_components(components, &here)?;
    }
    Ok(())
}

fn interaction_components(value: &Value, path: &Path) -> Result<(), StatementError> {
    let list = value
        .as_array()
        .ok_or_else(|| path.error("must be an array of interaction components"))?;
    let mut ids: Vec<&str> = Vec::with_capacity(list.len());
    for (i, item) in list.iter().enumerate() {
        let here = path.index(i);
        let component = values::object(item, &here)?;
        values::only(component, &["id", "description"], &here)?;
        let id = component
            .get("id")
            .ok_or_else(|| here.error("an interaction component needs an id"))?;
        let id = values::string(id, &here.child("id"))?;
        if ids.contains(&id) {
            return Err(here.child("id").error("repeats an id earlier in the list"));
        }
        ids.push(id);
        if let Some(description) = component.get("description") {
            values::language_map(description, &here.child("description"))?;
        }
    }
    Ok(())
}
