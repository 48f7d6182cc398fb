//! An agent or identified group a statement is about, by its identifier key.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "xapi_statement_agents")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub pk: i64,
    pub statement_pk: i64,
    pub agent_key: String,
    /// The statement's actor or object; otherwise matched only with `related_agents`.
    pub direct: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
