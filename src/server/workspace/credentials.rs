//! Credentials: list, add, change, archive; each matched to its catalog requirement set.

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder,
};
use uuid::Uuid;

use super::{clinician, database_error, record_id};
use crate::{
    domain::{
        requirements::{
            Catalog,
            catalog::{RuleSet, SetKind},
        },
        workspace::{
            CatalogLookup, CredentialForm, CredentialKind, Format, OwnRule, ValidCredential,
            jurisdictions,
        },
    },
    error::AppError,
    features::workspace::{Choice, CredentialView, Options, OwnRuleView},
    server::entities::credential,
};

/// Rule-set ids of clinicians' own rules start with this, then the credential's id.
pub const OWN_RULE_PREFIX: &str = "OWN-";

/// The form's checks, answered from the catalog.
struct Lookup<'a>(&'a Catalog);

impl CatalogLookup for Lookup<'_> {
    fn is_certification(&self, id: &str) -> bool {
        self.0
            .latest_of(id)
            .is_some_and(|set| set.kind == SetKind::BoardCertification && set.id.as_str() == id)
    }

    fn is_topic(&self, key: &str) -> bool {
        topic_label(self.0, key).is_some()
    }
}

/// How the catalog names a topic. Sets word a topic in their own terms ("... (interactive
/// format)"); the shortest wording is the most general one.
pub fn topic_label(catalog: &Catalog, key: &str) -> Option<String> {
    let label = catalog
        .latest()
        .flat_map(|set| &set.topics)
        .filter(|topic| topic.key.as_str() == key)
        .map(|topic| topic.label.as_str())
        .min_by_key(|label| (label.len(), *label))?;
    let mut chars = label.chars();
    let first = chars.next()?;
    Some(first.to_uppercase().chain(chars).collect())
}

fn choice(key: &str, label: &str) -> Choice {
    Choice {
        key: key.to_owned(),
        label: label.to_owned(),
    }
}

/// How the catalog names a credit type; the key itself when it has no such type.
pub fn credit_type_label(catalog: &Catalog, key: &str) -> String {
    catalog
        .vocabulary
        .credit_type(key)
        .map_or_else(|| key.to_owned(), |info| info.meaning.clone())
}

/// Every topic of the catalog's current sets, once each, by label.
pub fn topic_choices(catalog: &Catalog) -> Vec<Choice> {
    let mut topics: Vec<Choice> = Vec::new();
    for set in catalog.latest() {
        for topic in &set.topics {
            if !topics.iter().any(|known| known.key == topic.key.as_str()) {
                let label =
                    topic_label(catalog, topic.key.as_str()).unwrap_or_else(|| topic.label.clone());
                topics.push(choice(topic.key.as_str(), &label));
            }
        }
    }
    topics.sort_by(|a, b| a.label.cmp(&b.label));
    topics
}

/// Every credit type of the vocabulary, in its order.
pub fn credit_type_choices(catalog: &Catalog) -> Vec<Choice> {
    catalog
        .vocabulary
        .credit_types
        .iter()
        .map(|info| choice(info.key.as_str(), &info.meaning))
        .collect()
}

pub async fn options() -> Result<Options, AppError> {
    let (state, _) = clinician().await?;
    let catalog = &*state.catalog.current();
    let topics = topic_choices(catalog);
    Ok(Options {
        jurisdictions: jurisdictions::JURISDICTIONS
            .iter()
            .map(|(code, name)| choice(code, name))
            .collect(),
        professions: jurisdictions::PROFESSIONS
            .iter()
            .map(|(code, name)| choice(code, name))
            .collect(),
        certifications: catalog
            .latest()
            .filter(|set| set.kind == SetKind::BoardCertification)
            .map(|set| choice(set.id.as_str(), &set.board))
            .collect(),
        credit_types: credit_type_choices(catalog),
        formats: Format::ALL
            .iter()
            .map(|format| choice(format.as_str(), format.label()))
            .collect(),
        topics,
        covered: catalog
            .latest()
            .filter(|set| set.kind == SetKind::StateLicence)
            .flat_map(|set| {
                std::iter::once(&set.profession)
                    .chain(&set.applies_to)
                    .map(|profession| format!("{}-{profession}", set.jurisdiction))
            })
            .collect(),
    })
}

/// The catalog set for a credential: by state and profession for licences, the chosen
/// board's set for certifications, the federal training for DEA registrations.
pub fn rule_set_for(catalog: &Catalog, valid: &ValidCredential) -> Option<String> {
    match valid.kind {
        CredentialKind::Licence => {
            let (state, profession) =
                (valid.jurisdiction.as_deref()?, valid.profession.as_deref()?);
            catalog
                .latest()
                .find(|set| {
                    set.kind == SetKind::StateLicence
                        && set.jurisdiction == state
                        && (set.profession == profession
                            || set.applies_to.iter().any(|p| p == profession))
                })
                .map(|set| set.id.as_str().to_owned())
        }
        CredentialKind::Certification => valid.certification.clone(),
        CredentialKind::Dea => catalog
            .latest()
            .find(|set| set.kind == SetKind::FederalRegistration)
            .map(|set| set.id.as_str().to_owned()),
        CredentialKind::Custom => None,
    }
}

/// The catalog set a credential follows; `None` for untracked credentials and for the
/// clinician's own rules, which the shared catalog does not hold.
pub fn set_of<'a>(catalog: &'a Catalog, row: &credential::Model) -> Option<&'a RuleSet> {
    catalog.latest_of(row.rule_set.as_deref()?)
}

/// How a credential is shown: its own name if it has one, else what it is.
pub fn title_of(row: &credential::Model, catalog: &Catalog) -> String {
    if !row.name.is_empty() {
        return row.name.clone();
    }
    match row.kind.as_str() {
        "licence" => {
            let state = row
                .jurisdiction
                .as_deref()
                .and_then(jurisdictions::jurisdiction_name)
                .unwrap_or("State");
            format!(
                "{state} {} licence",
                row.profession.as_deref().unwrap_or("")
            )
        }
        "dea" => "DEA registration".to_owned(),
        _ => set_of(catalog, row).map_or_else(|| "Credential".to_owned(), |set| set.board.clone()),
    }
}

/// The own rule stored with a credential, if it has one.
pub fn own_rule_of(row: &credential::Model) -> Option<OwnRule> {
    serde_json::from_str(row.own_rule.as_deref()?).ok()
}

fn own_rule_view(rule: &OwnRule, catalog: &Catalog) -> OwnRuleView {
    let topic_name = rule
        .topic
        .as_deref()
        .map(|key| topic_label(catalog, key).unwrap_or_else(|| key.to_owned()));
    let mut summary = if rule.hours_hundredths > 0 {
        format!(
            "{} h every {} months",
            super::format_hours(rule.hours_hundredths),
            rule.months
        )
    } else {
        format!("Renews every {} months", rule.months)
    };
    if let Some(label) = &topic_name {
        match rule.topic_hours_hundredths {
            Some(hours) => {
                summary.push_str(&format!(", {} h of {label}", super::format_hours(hours)));
            }
            None => summary.push_str(&format!(", with a course on {label}")),
        }
    }
    OwnRuleView {
        months: rule.months.to_string(),
        hours: if rule.hours_hundredths > 0 {
            super::format_hours(rule.hours_hundredths)
        } else {
            String::new()
        },
        topic: rule.topic.clone().unwrap_or_default(),
        topic_hours: rule
            .topic_hours_hundredths
            .map(super::format_hours)
            .unwrap_or_default(),
        summary,
    }
}

pub fn view(row: &credential::Model, catalog: &Catalog) -> CredentialView {
    let own_rule = own_rule_of(row);
    let set = set_of(catalog, row);
    CredentialView {
        id: row.id.to_string(),
        kind: row.kind.clone(),
        title: title_of(row, catalog),
        jurisdiction: row.jurisdiction.clone(),
        profession: row.profession.clone(),
        certification: (row.kind == "certification")
            .then(|| row.rule_set.clone())
            .flatten(),
        name: row.name.clone(),
        number: row.number.clone(),
        initial_date: row.initial_date.map(|d| d.to_string()),
        expires: row.expires.to_string(),
        specialty: row.specialty.clone(),
        rule_set: row.rule_set.clone(),
        board: set.map(|set| set.board.clone()),
        sources: set
            .map(|set| {
                set.sources
                    .iter()
                    .map(|s| super::source_view(&s.title, &s.url))
                    .collect()
            })
            .unwrap_or_default(),
        own_rule: own_rule.map(|rule| own_rule_view(&rule, catalog)),
    }
}

/// The clinician's credentials that are not archived, soonest expiry first.
pub async fn active_rows(
    db: &sea_orm::DatabaseConnection,
    user_id: Uuid,
) -> Result<Vec<credential::Model>, AppError> {
    credential::Entity::find()
        .filter(credential::Column::UserId.eq(user_id))
        .filter(credential::Column::ArchivedAt.is_null())
        .order_by_asc(credential::Column::Expires)
        .all(db)
        .await
        .map_err(database_error)
}

pub async fn list() -> Result<Vec<CredentialView>, AppError> {
    let (state, user) = clinician().await?;
    let rows = active_rows(&state.db, user.user_id).await?;
    Ok(rows
        .iter()
        .map(|row| view(row, &state.catalog.current()))
        .collect())
}

async fn own_row(
    db: &sea_orm::DatabaseConnection,
    user_id: Uuid,
    id: &str,
) -> Result<credential::Model, AppError> {
    credential::Entity::find_by_id(record_id(id)?)
        .filter(credential::Column::UserId.eq(user_id))
        .filter(credential::Column::ArchivedAt.is_null())
        .one(db)
        .await
        .map_err(database_error)?
        .ok_or_else(AppError::not_found)
}

pub async fn save(id: String, form: CredentialForm) -> Result<CredentialView, AppError> {
    let (state, user) = clinician().await?;
    let now = Utc::now();
    let catalog = &*state.catalog.current();
    let valid = form
        .validate(now.date_naive(), &Lookup(catalog))
        .map_err(|problem| AppError::bad_request(problem.to_string()))?;
    let is_new = id.trim().is_empty();
    let record = if is_new {
        Uuid::now_v7()
    } else {
        record_id(&id)?
    };
    // The catalog's set wins; the clinician's own rule fills in only where it has none.
    let (rule_set, own_rule) = match (rule_set_for(catalog, &valid), &valid.own_rule) {
        (Some(set), _) => (Some(set), None),
        (None, Some(rule)) => (
            Some(format!("{OWN_RULE_PREFIX}{}", record.simple())),
            serde_json::to_string(rule).ok(),
        ),
        (None, None) => (None, None),
    };
    let mut row = if is_new {
        credential::ActiveModel {
            id: Set(record),
            user_id: Set(user.user_id),
            archived_at: Set(None),
            created_at: Set(now),
            ..Default::default()
        }
    } else {
        own_row(&state.db, user.user_id, &id)
            .await?
            .into_active_model()
    };
    row.kind = Set(valid.kind.as_str().to_owned());
    row.rule_set = Set(rule_set);
    row.own_rule = Set(own_rule);
    row.jurisdiction = Set(valid.jurisdiction);
    row.profession = Set(valid.profession);
    row.name = Set(valid.name);
    row.number = Set(valid.number);
    row.initial_date = Set(valid.initial_date);
    row.expires = Set(valid.expires);
    row.specialty = Set(valid.specialty);
    row.updated_at = Set(now);
    // `save` would update a row whose new id is already set, so new rows are inserted.
    let saved = if is_new {
        row.insert(&state.db).await
    } else {
        row.update(&state.db).await
    }
    .map_err(database_error)?;
    Ok(view(&saved, catalog))
}

/// Archived credentials leave the dashboard but keep their history.
pub async fn archive(id: String) -> Result<(), AppError> {
    let (state, user) = clinician().await?;
    let mut row = own_row(&state.db, user.user_id, &id)
        .await?
        .into_active_model();
    let now = Utc::now();
    row.archived_at = Set(Some(now));
    row.updated_at = Set(now);
    row.update(&state.db).await.map_err(database_error)?;
    Ok(())
}
