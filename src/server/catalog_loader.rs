//! Loads the embedded requirement catalog into the database at start-up: versions not yet
//! stored are added, stored ones are never changed or removed.

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, Set,
};

use super::entities::requirement_set::{ActiveModel, Column, Entity};
use crate::domain::requirements::{Catalog, catalog::SetKind};

fn kind_name(kind: SetKind) -> &'static str {
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
