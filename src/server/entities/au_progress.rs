//! What a registration has achieved in one assignable unit.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "au_progress")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub pk: i64,
    pub registration_id: Uuid,
    pub au_id: String,
    pub completed: bool,
    pub passed: bool,
    pub failed: bool,
    pub satisfied: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
