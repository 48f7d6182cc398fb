//! Turns a clinician's stored credentials and activities into the engine's input, in the
//! same JSON shape `licensure evaluate` reads, so both paths give the same answers.

use chrono::{Datelike, NaiveDate};
use serde_json::{Value, json};

use super::activities::topics_of;
use crate::{
    domain::requirements::{Case, EngineError},
    server::entities::{activity, credential},
};

pub fn build(
    today: NaiveDate,
    credentials: &[credential::Model],
    activities: &[activity::Model],
) -> Result<Case, EngineError> {
    let tracked: Vec<&credential::Model> = credentials
        .iter()
        .filter(|c| c.rule_set.is_some())
        .collect();
    let dea_registered = credentials
        .iter()
        .any(|c| c.kind == "dea" && c.expires >= today);
    let case = json!({
        "today": today.to_string(),
        "facts": { "dea_registered": dea_registered },
        "credentials": tracked.iter().map(|c| credential_input(c)).collect::<Vec<_>>(),
        "credits": activities.iter().map(credit).collect::<Vec<_>>(),
    });
    serde_json::from_value(case).map_err(|err| EngineError::InvalidCase(err.to_string()))
}

fn credential_input(row: &credential::Model) -> Value {
    let mut facts = serde_json::Map::new();
    if let Some(specialty) = &row.specialty {
        facts.insert("specialty".into(), json!(specialty));
    }
    // Florida: group 1 renews in even years, group 2 in odd years (the catalog's rule).
    if row.jurisdiction.as_deref() == Some("FL") {
        let group = if row.expires.year() % 2 == 0 { 1 } else { 2 };
        facts.insert("licence_group".into(), json!(group));
    }
    json!({
        "id": row.id.to_string(),
        "rule_set": row.rule_set,
        "initial_licence": row.initial_date.map(|d| d.to_string()),
        "expires": row.expires.to_string(),
        "facts": facts,
    })
}

fn credit(row: &activity::Model) -> Value {
    json!({
        "id": row.id.to_string(),
        "title": row.title,
        "completed": row.completed.to_string(),
        "hours": f64::from(row.hours_hundredths) / 100.0,
        "credit_type": row.credit_type,
        "format": row.format,
        "topics": topics_of(row),
    })
}
