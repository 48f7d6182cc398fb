//! The definition the LRS holds for an activity, merged from the statements that use it.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "xapi_activities")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub pk: i64,
    pub provider_id: Uuid,
    pub activity_id: String,
    pub definition: String,
    pub updated_at: ChronoDateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
