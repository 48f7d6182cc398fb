//! The requirement catalog in the console: every set and version with its sources and
//! unknowns, and new versions of a set, checked by the engine before they are accepted.
//! Old versions stay: cycles that ended before the new one takes effect keep their rules.

use std::collections::HashMap;

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, SqlErr};
use uuid::Uuid;

use super::admin;
use crate::{
    domain::requirements::{Catalog, catalog::RuleSet},
    error::AppError,
    features::admin::{CatalogSetDetail, CatalogSetRow, CatalogVersionView, SourceView},
    server::{
        audit::{self, Action, Event, Outcome},
        auth,
        catalog_loader::kind_name,
        entities::{requirement_set, user},
        respond::database_error,
    },
};

/// A requirement set's JSON is a few kilobytes; anything far larger is not one.
const MAX_BODY_BYTES: usize = 256 * 1024;

/// The newest version of the set named `id` (its canonical id, as the console links it).
fn newest<'a>(catalog: &'a Catalog, id: &str) -> Result<&'a RuleSet, AppError> {
    catalog
        .latest()
        .find(|set| set.id.as_str() == id.trim())
        .ok_or_else(AppError::not_found)
}

pub async fn sets() -> Result<Vec<CatalogSetRow>, AppError> {
    let (state, _) = admin().await?;
    let catalog = state.catalog.current();
    let mut versions: HashMap<&str, usize> = HashMap::new();
    for set in catalog.all_versions() {
        *versions.entry(set.id.as_str()).or_default() += 1;
    }
    Ok(catalog
        .latest()
        .map(|set| CatalogSetRow {
            id: set.id.as_str().to_owned(),
            board: set.board.clone(),
            kind: kind_name(set.kind).replace('_', " "),
            jurisdiction: set.jurisdiction.clone(),
            profession: set.profession.clone(),
            latest_version: set.version,
            versions: versions.get(set.id.as_str()).copied().unwrap_or(1),
            confidence: set.confidence.clone(),
        })
        .collect())
}

pub async fn detail(id: String) -> Result<CatalogSetDetail, AppError> {
    let (state, _) = admin().await?;
    let catalog = state.catalog.current();
    let latest = newest(&catalog, &id)?;
    // Who added each console version, by username.
    let added: Vec<requirement_set::Model> = requirement_set::Entity::find()
        .filter(requirement_set::Column::SetId.eq(latest.id.as_str()))
        .filter(requirement_set::Column::AddedBy.is_not_null())
        .all(&state.db)
        .await
        .map_err(database_error)?;
    let adders: HashMap<Uuid, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(added.iter().filter_map(|row| row.added_by)))
        .all(&state.db)
        .await
        .map_err(database_error)?
        .into_iter()
        .map(|u| (u.id, u.username))
        .collect();
    let origin = |version: u32| {
        added
            .iter()
            .find(|row| i64::from(row.version) == i64::from(version))
            .map(|row| {
                let by = row
                    .added_by
                    .and_then(|id| adders.get(&id).cloned())
                    .unwrap_or_else(|| "a removed account".to_owned());
                format!("added by {by} on {}", row.loaded_at.format("%Y-%m-%d"))
            })
            .unwrap_or_else(|| "shipped with Licensure".to_owned())
    };
    let mut versions: Vec<CatalogVersionView> = catalog
        .all_versions()
        .filter(|set| set.id == latest.id)
        .map(|set| CatalogVersionView {
            version: set.version,
            effective_from: set.effective_from.to_string(),
            as_of: set.as_of.clone(),
            confidence: set.confidence.clone(),
            origin: origin(set.version),
            sources: set
                .sources
                .iter()
                .map(|source| SourceView {
                    title: source.title.to_string(),
                    url: source.url.to_string(),
                })
                .collect(),
            unknowns: set.unknowns.clone(),
        })
        .collect();
    versions.reverse();
    Ok(CatalogSetDetail {
        id: latest.id.as_str().to_owned(),
        board: latest.board.clone(),
        latest_json: textarea_safe(&serde_json::to_string_pretty(latest).map_err(|err| {
            tracing::error!(error = %err, "a catalog set could not be written as JSON");
            AppError::internal()
        })?),
        versions,
    })
}

/// JSON that reads the same inside a `<textarea>`, whose text the page does not escape: `<`
/// and `&` occur only inside JSON strings, where `\u003c` and `\u0026` mean the same, so a
/// set holding `</textarea>` cannot end the element.
fn textarea_safe(json: &str) -> String {
    json.replace('<', "\\u003c").replace('&', "\\u0026")
}

/// Reads a set typed as JSON; a malformed one is refused naming the field at fault.
fn parse(body: &str) -> Result<RuleSet, AppError> {
    if body.trim().is_empty() {
        return Err(AppError::bad_request(
            "Paste the new version as JSON; the current version is shown to start from.",
        ));
    }
    if body.len() > MAX_BODY_BYTES {
        return Err(AppError::bad_request(format!(
            "A requirement set is at most {} KB of JSON.",
            MAX_BODY_BYTES / 1024
        )));
    }
    let mut reader = serde_json::Deserializer::from_str(body);
    serde_path_to_error::deserialize(&mut reader).map_err(|err| {
        let path = err.path().to_string();
        let inner = err.into_inner();
        let message = inner.to_string();
        // "." is the whole set; "?" is where the JSON broke before any field was known.
        if path == "." || path == "?" {
            AppError::bad_request(format!("The set is not valid: {message}."))
        } else {
            AppError::bad_request(format!("Field `{path}`: {message}."))
        }
    })
}

/// Checks a new version against the set it continues: same set, a higher version number,
/// in force from a later day, and the same kind, state and profession.
fn continues(new: &RuleSet, latest: &RuleSet) -> Result<(), AppError> {
    let field = |name: &str, message: String| {
        Err(AppError::bad_request(format!("Field `{name}`: {message}")))
    };
    if new.version <= latest.version {
        return field(
            "version",
            format!(
                "must be higher than the newest version, {}.",
                latest.version
            ),
        );
    }
    if new.effective_from <= latest.effective_from {
        return field(
            "effective_from",
            format!(
                "must come after {}, when version {} took effect; earlier cycles keep their rules.",
                latest.effective_from, latest.version
            ),
        );
    }
    if new.kind != latest.kind {
        return field(
            "kind",
            "must stay as it is; a different kind is a different set.".into(),
        );
    }
    if new.jurisdiction != latest.jurisdiction {
        return field(
            "jurisdiction",
            format!("must stay `{}`.", latest.jurisdiction),
        );
    }
    if new.profession != latest.profession {
        return field("profession", format!("must stay `{}`.", latest.profession));
    }
    Ok(())
}

/// Adds a new version of the set `id`, after the engine's own checks accept it.
pub async fn add_version(id: String, body: String) -> Result<u32, AppError> {
    let (state, me) = admin().await?;
    let catalog = state.catalog.current();
    let latest = newest(&catalog, &id)?;
    let set = parse(&body)?;
    if set.id != latest.id {
        return Err(AppError::bad_request(format!(
            "Field `id`: must be `{}`; a new version continues this set.",
            latest.id.as_str()
        )));
    }
    continues(&set, latest)?;
    let mut trial = Catalog::clone(&catalog);
    trial.add(set.clone()).map_err(|err| match err {
        crate::domain::requirements::EngineError::InvalidCatalog { message, .. } => {
            AppError::bad_request(format!("The engine refused the set: {message}."))
        }
        other => AppError::bad_request(format!("The engine refused the set: {other}.")),
    })?;
    let stored = serde_json::to_string(&set).map_err(|err| {
        tracing::error!(error = %err, "a checked catalog set could not be written as JSON");
        AppError::internal()
    })?;
    let version = i32::try_from(set.version)
        .map_err(|_| AppError::bad_request("Field `version`: the number is too large."))?;
    let now = Utc::now();
    requirement_set::ActiveModel {
        set_id: Set(set.id.as_str().to_owned()),
        version: Set(version),
        effective_from: Set(set.effective_from),
        kind: Set(kind_name(set.kind).to_owned()),
        board: Set(set.board.clone()),
        body: Set(stored),
        loaded_at: Set(now),
        added_by: Set(Some(me.user_id)),
        ..Default::default()
    }
    .insert(&state.db)
    .await
    .map_err(|err| match err.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => AppError::bad_request(
            "Field `version`: another administrator just added this version number.",
        ),
        _ => database_error(err),
    })?;
    let number = set.version;
    let target = format!("catalog:{}@{number}", set.id.as_str());
    if let Err(err) = state.catalog.add(set) {
        // Stored but not live: it loads at the next start. Say so rather than pretend.
        tracing::error!(error = %err, "a stored catalog version could not join the live catalog");
        return Err(AppError::internal());
    }
    let event = Event {
        actor: Some(me.user_id),
        action: Action::CatalogVersionAdded,
        target: Some(target),
        client_addr: auth::client_addr(),
        outcome: Outcome::Success,
        reason: None,
    };
    audit::record_or_log(&state.db, event, now).await;
    Ok(number)
}
