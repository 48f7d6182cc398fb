//! Turns a clinician's stored credentials and activities into the engine's input, in the
//! same JSON shape `licensure evaluate` reads, so both paths give the same answers.

use chrono::{Datelike, NaiveDate};
use serde_json::{Value, json};

use super::{
    activities::topics_of,
    credentials::{own_rule_of, set_of, topic_label},
};
use crate::{
    domain::{
        requirements::{Case, Catalog, EngineError, catalog::Deadline},
        workspace::profile::ProfileFacts,
    },
    server::entities::{activity, credential},
};

/// The engine's input, and the credentials held out of it for want of a date of birth.
pub struct Built {
    pub case: Case,
    pub need_birth_date: Vec<uuid::Uuid>,
}

pub fn build(
    today: NaiveDate,
    catalog: &Catalog,
    credentials: &[credential::Model],
    activities: &[activity::Model],
    profile: &ProfileFacts,
) -> Result<Built, EngineError> {
    let has_birth_date = profile.contains_key("birth_date");
    let (tracked, need_birth_date): (Vec<&credential::Model>, Vec<&credential::Model>) =
        credentials
            .iter()
            .filter(|c| c.rule_set.is_some())
            .partition(|c| has_birth_date || !needs_birth_date(catalog, c));
    let dea_registered = credentials
        .iter()
        .any(|c| c.kind == "dea" && c.expires >= today);
    let mut facts: serde_json::Map<String, Value> = profile
        .iter()
        .map(|(key, value)| (key.clone(), value.clone()))
        .collect();
    facts.insert("dea_registered".into(), json!(dea_registered));
    let own_rules: Vec<Value> = tracked
        .iter()
        .filter_map(|row| {
            let rule = own_rule_of(row)?;
            let label = rule
                .topic
                .as_deref()
                .and_then(|key| topic_label(catalog, key))
                .unwrap_or_default();
            // The label is shown where a board's name would be; the card already has the title.
            let set = rule.to_custom_set(row.rule_set.as_deref()?, "Your own rule", &label);
            serde_json::to_value(set).ok()
        })
        .collect();
    let case = json!({
        "today": today.to_string(),
        "facts": facts,
        "credentials": tracked.iter().map(|c| credential_input(c)).collect::<Vec<_>>(),
        "credits": activities.iter().map(credit).collect::<Vec<_>>(),
        "custom_rule_sets": own_rules,
    });
    let case =
        serde_json::from_value(case).map_err(|err| EngineError::InvalidCase(err.to_string()))?;
    Ok(Built {
        case,
        need_birth_date: need_birth_date.iter().map(|row| row.id).collect(),
    })
}

/// Whether the credential's deadline can only be found from the clinician's birthday (North
/// Carolina: the first birthday after issue, whatever the expiry says).
fn needs_birth_date(catalog: &Catalog, row: &credential::Model) -> bool {
    set_of(catalog, row).is_some_and(|set| set.cycle.deadline == Deadline::BirthdayAfterIssue)
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
