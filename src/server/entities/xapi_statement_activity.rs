//! An activity a statement is about.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "xapi_statement_activities")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub pk: i64,
    pub statement_pk: i64,
    pub activity_id: String,
    /// The statement's object; otherwise matched only with `related_activities`.
    pub direct: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
