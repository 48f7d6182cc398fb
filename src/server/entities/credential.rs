//! A clinician's licence, board certification, DEA registration or custom credential.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "credentials")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub user_id: Uuid,
    pub kind: String,
    pub rule_set: Option<String>,
    pub jurisdiction: Option<String>,
    pub profession: Option<String>,
    pub name: String,
    pub number: Option<String>,
    pub initial_date: Option<Date>,
    pub expires: Date,
    pub specialty: Option<String>,
    /// The clinician's own rule as JSON, when `rule_set` names it.
    pub own_rule: Option<String>,
    pub archived_at: Option<ChronoDateTimeUtc>,
    pub created_at: ChronoDateTimeUtc,
    pub updated_at: ChronoDateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
