//! The orphan sweep. An upload writes its `pending` row before its object and marks it
//! `stored` after, so a crash, a storage outage or a database failure in between leaves a
//! pending row, an object no row names, or an unfinished multipart upload. None of them is
//! ever shown; the sweep removes them once they are older than `GRACE`, so an upload still
//! arriving is left alone. It runs at start-up and hourly; `now` is a parameter so tests
//! can look an hour ahead.

use std::collections::HashSet;

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ColumnTrait, DatabaseConnection, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect,
};

use super::{
    objects,
    storage::{Listed, Storage},
};
use crate::server::entities::{document, document_version};

/// How old a leftover must be before it is taken for abandoned. Uploads give up well
/// before this (`intake::TIME_LIMIT`), so a pending row this old has no upload behind it.
pub const GRACE: Duration = Duration::hours(1);

/// Where document objects live in storage.
const PREFIX: &str = "documents/";

/// Rows looked up per query when checking listed objects against the versions.
const BATCH: usize = 500;

/// What one sweep removed, and how many steps failed (each is logged and retried next time).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Swept {
    pub pending_versions: u64,
    pub stray_objects: u64,
    pub abandoned_uploads: u64,
    pub failures: u64,
}

/// Sweeps once and logs one line of counts (never keys or names).
pub async fn run(db: &DatabaseConnection, storage: &Storage, now: DateTime<Utc>) -> Swept {
    let swept = sweep(db, storage, now).await;
    let Swept {
        pending_versions,
        stray_objects,
        abandoned_uploads,
        failures,
    } = swept;
    if failures > 0 {
        tracing::warn!(
            pending_versions,
            stray_objects,
            abandoned_uploads,
            failures,
            "document sweep finished with failures; the next sweep tries again"
        );
    } else {
        tracing::info!(
            pending_versions,
            stray_objects,
            abandoned_uploads,
            "document sweep"
        );
    }
    swept
}

/// Removes pending versions, stray objects and unfinished uploads older than `GRACE`.
pub async fn sweep(db: &DatabaseConnection, storage: &Storage, now: DateTime<Utc>) -> Swept {
    let before = now - GRACE;
    let mut swept = Swept::default();
    if let Err(err) = pending_versions(db, storage, before, &mut swept).await {
        tracing::warn!(error = %err, "document sweep could not read pending versions");
        swept.failures += 1;
    }
    if let Err(err) = stray_objects(db, storage, before, &mut swept).await {
        tracing::warn!(error = %err, "document sweep could not check stored objects");
        swept.failures += 1;
    }
    match storage.clear_abandoned(PREFIX, before).await {
        Ok(cleared) => swept.abandoned_uploads = cleared,
        Err(err) => {
            tracing::warn!(error = %err, "document sweep could not clear unfinished uploads");
            swept.failures += 1;
        }
    }
    swept
}

/// Versions still `pending` from before `before`: their objects first, then their rows, and
/// the document's row when no version is left. A storage failure leaves the rows for the
/// next sweep.
async fn pending_versions(
    db: &DatabaseConnection,
    storage: &Storage,
    before: DateTime<Utc>,
    swept: &mut Swept,
) -> Result<(), DbErr> {
    let stale = document_version::Entity::find()
        .filter(document_version::Column::State.eq(document_version::state::PENDING))
        .filter(document_version::Column::CreatedAt.lt(before))
        .all(db)
        .await?;
    for version in stale {
        if let Err(err) = objects::destroy(storage, &version.object_key).await {
            tracing::warn!(error = %err, "document sweep could not remove a pending version's object");
            swept.failures += 1;
            continue;
        }
        document_version::Entity::delete_many()
            .filter(document_version::Column::Id.eq(version.id))
            .filter(document_version::Column::State.eq(document_version::state::PENDING))
            .exec(db)
            .await?;
        let left = document_version::Entity::find()
            .filter(document_version::Column::DocumentId.eq(version.document_id))
            .count(db)
            .await?;
        if left == 0 {
            document::Entity::delete_by_id(version.document_id)
                .exec(db)
                .await?;
        }
        swept.pending_versions += 1;
    }
    Ok(())
}

/// Objects written before `before` that belong to no version. Rows are written before
/// their objects, so an object this old whose row is missing never had one or lost it.
async fn stray_objects(
    db: &DatabaseConnection,
    storage: &Storage,
    before: DateTime<Utc>,
    swept: &mut Swept,
) -> Result<(), DbErr> {
    let listed = match storage.list(PREFIX).await {
        Ok(listed) => listed,
        Err(err) => {
            tracing::warn!(error = %err, "document sweep could not list stored objects");
            swept.failures += 1;
            return Ok(());
        }
    };
    let old: Vec<Listed> = listed.into_iter().filter(|o| o.modified < before).collect();
    for batch in old.chunks(BATCH) {
        let candidates: Vec<String> = batch
            .iter()
            .flat_map(|object| objects::owners(&object.key).map(str::to_owned))
            .collect();
        let known: HashSet<String> = document_version::Entity::find()
            .select_only()
            .column(document_version::Column::ObjectKey)
            .filter(document_version::Column::ObjectKey.is_in(candidates))
            .into_tuple()
            .all(db)
            .await?
            .into_iter()
            .collect();
        for object in batch {
            if objects::owners(&object.key).any(|owner| known.contains(owner)) {
                continue;
            }
            match storage.destroy(&object.key).await {
                Ok(()) => swept.stray_objects += 1,
                Err(err) => {
                    tracing::warn!(error = %err, "document sweep could not remove a stray object");
                    swept.failures += 1;
                }
            }
        }
    }
    Ok(())
}
