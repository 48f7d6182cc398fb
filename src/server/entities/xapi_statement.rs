//! One stored xAPI statement: the JSON as stored plus the fields queries filter on.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "xapi_statements")]
pub struct Model {
    /// Storage order; `more` links page by it.
    #[sea_orm(primary_key)]
    pub pk: i64,
    pub id: String,
    pub provider_id: Uuid,
    pub statement: String,
    pub verb_id: String,
    pub actor_key: String,
    pub registration: Option<String>,
    pub target_id: Option<String>,
    pub voided: bool,
    pub voiding: bool,
    pub stored: ChronoDateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
