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
        requirements::{Catalog, catalog::SetKind},
        workspace::{CredentialForm, CredentialKind, Format, ValidCredential, jurisdictions},
    },
    error::AppError,
    features::workspace::{Choice, CredentialView, Options, SourceView},
    server::entities::credential,
};

fn choice(key: &str, label: &str) -> Choice {
    Choice {
        key: key.to_owned(),
        label: label.to_owned(),
    }
}

pub async fn options() -> Result<Options, AppError> {
    let (state, _) = clinician().await?;
    let catalog = &state.catalog;
    let mut topics: Vec<Choice> = Vec::new();
    for set in catalog.latest() {
        for topic in &set.topics {
            if !topics.iter().any(|known| known.key == topic.key.as_str()) {
                topics.push(choice(topic.key.as_str(), &topic.label));
            }
        }
    }
    topics.sort_by(|a, b| a.label.cmp(&b.label));
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
        credit_types: catalog
            .vocabulary
            .credit_types
            .iter()
            .map(|info| choice(info.key.as_str(), &info.meaning))
            .collect(),
        formats: Format::ALL
            .iter()
            .map(|format| choice(format.as_str(), format.label()))
            .collect(),
        topics,
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
        _ => row
            .rule_set
            .as_deref()
            .and_then(|id| catalog.latest_of(id))
            .map_or_else(|| "Credential".to_owned(), |set| set.board.clone()),
    }
}

pub fn view(row: &credential::Model, catalog: &Catalog) -> CredentialView {
    let set = row.rule_set.as_deref().and_then(|id| catalog.latest_of(id));
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
                    .map(|source| SourceView {
                        title: source.title.to_string(),
                        url: source.url.to_string(),
                    })
                    .collect()
            })
            .unwrap_or_default(),
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
    Ok(rows.iter().map(|row| view(row, &state.catalog)).collect())
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
    let catalog = &state.catalog;
    let is_certification = |id: &str| {
        catalog
            .latest_of(id)
            .is_some_and(|set| set.kind == SetKind::BoardCertification && set.id.as_str() == id)
    };
    let valid = form
        .validate(now.date_naive(), is_certification)
        .map_err(|problem| AppError::bad_request(problem.to_string()))?;
    let rule_set = rule_set_for(catalog, &valid);
    let is_new = id.trim().is_empty();
    let mut row = if is_new {
        credential::ActiveModel {
            id: Set(Uuid::now_v7()),
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
