//! One version of a requirement set from the catalog.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "requirement_sets")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub set_id: String,
    pub version: i32,
    pub effective_from: Date,
    pub kind: String,
    pub board: String,
    /// The set as catalog JSON.
    pub body: String,
    pub loaded_at: ChronoDateTimeUtc,
    /// The administrator who added this version in the console; `None` when it shipped
    /// with the application.
    pub added_by: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
