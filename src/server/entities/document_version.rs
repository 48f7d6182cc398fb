//! One uploaded file of a document, sealed in storage under `object_key`.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "document_versions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub document_id: Uuid,
    pub user_id: Uuid,
    pub number: i32,
    pub state: String,
    pub object_key: String,
    /// The version's data key, sealed with the master key.
    pub wrapped_key: String,
    pub file_name: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
    pub created_at: ChronoDateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

/// Values of the `state` column.
pub mod state {
    pub const PENDING: &str = "pending";
    pub const STORED: &str = "stored";
}
