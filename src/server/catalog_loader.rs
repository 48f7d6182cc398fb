//! Loads the embedded requirement catalog into the database at start-up: versions not yet
//! stored are added, stored ones are never changed or removed. Versions administrators
//! added in the console live only in the database and join the catalog from there.

use std::sync::{Arc, RwLock};

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, Set,
};

use super::entities::requirement_set::{ActiveModel, Column, Entity};
use crate::domain::requirements::{
    Catalog, EngineError,
    catalog::{RuleSet, SetKind},
};

/// The catalog the engine uses right now. A version added in the console replaces it
/// whole, so a request sees either the old catalog or the new one, never half of each.
#[derive(Clone)]
pub struct LiveCatalog(Arc<RwLock<Arc<Catalog>>>);

impl LiveCatalog {
    pub fn new(catalog: Catalog) -> Self {
        Self(Arc::new(RwLock::new(Arc::new(catalog))))
    }

    pub fn current(&self) -> Arc<Catalog> {
        // A writer that panicked left a whole catalog behind (it only swaps an Arc).
        self.0
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    /// Adds one validated version. The write lock is held across copy, add and swap, so two
    /// administrators adding at once both end up in the catalog.
    pub fn add(&self, set: RuleSet) -> Result<(), EngineError> {
        let mut live = self
            .0
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let mut next = Catalog::clone(&live);
        next.add(set)?;
        *live = Arc::new(next);
        Ok(())
    }
}

/// Adds the versions administrators stored through the console to `catalog`. One that no
/// longer passes the engine's checks (after a vocabulary change) is skipped with a warning
/// rather than keeping the service down.
pub async fn add_stored(db: &DatabaseConnection, catalog: &mut Catalog) -> Result<usize, DbErr> {
    let rows = Entity::find()
        .filter(Column::AddedBy.is_not_null())
        .all(db)
        .await?;
    let mut added = 0;
    for row in rows {
        let parsed = serde_json::from_str(&row.body)
            .map_err(|err| err.to_string())
            .and_then(|set| catalog.add(set).map_err(|err| err.to_string()));
        match parsed {
            Ok(()) => added += 1,
            Err(problem) => tracing::warn!(
                set = row.set_id.as_str(),
                version = row.version,
                problem,
                "a requirement set version added in the console was not loaded"
            ),
        }
    }
    Ok(added)
}

pub(crate) fn kind_name(kind: SetKind) -> &'static str {
    match kind {
        SetKind::StateLicence => "state_licence",
        SetKind::FederalRegistration => "federal_registration",
        SetKind::BoardCertification => "board_certification",
        SetKind::Custom => "custom",
    }
}

/// Stores every catalog version the database lacks; returns how many were added.
pub async fn load(db: &DatabaseConnection, catalog: &Catalog) -> Result<usize, DbErr> {
    let mut added = 0;
    for set in catalog.all_versions() {
        let body = serde_json::to_string(set).map_err(|err| DbErr::Custom(err.to_string()))?;
        let version = i32::try_from(set.version).map_err(|err| DbErr::Custom(err.to_string()))?;
        let stored = Entity::find()
            .filter(Column::SetId.eq(set.id.as_str()))
            .filter(Column::Version.eq(version))
            .one(db)
            .await?;
        match stored {
            Some(row) if row.body != body => {
                // Old versions are kept as they were: a changed rule needs a new version.
                tracing::warn!(
                    set = set.id.as_str(),
                    version,
                    "catalog file differs from the stored version; give the change a new version number"
                );
            }
            Some(_) => {}
            None => {
                ActiveModel {
                    set_id: Set(set.id.0.clone()),
                    version: Set(version),
                    effective_from: Set(set.effective_from),
                    kind: Set(kind_name(set.kind).to_owned()),
                    board: Set(set.board.clone()),
                    body: Set(body),
                    loaded_at: Set(Utc::now()),
                    added_by: Set(None),
                    ..Default::default()
                }
                .insert(db)
                .await?;
                added += 1;
            }
        }
    }
    Ok(added)
}
