//! A completed CE activity.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "activities")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub user_id: Uuid,
    pub title: String,
    pub provider: String,
    pub accreditor: Option<String>,
    pub completed: Date,
    pub hours_hundredths: i32,
    pub credit_type: String,
    pub format: String,
    /// JSON array of topic keys.
    pub topics: String,
    pub created_at: ChronoDateTimeUtc,
    pub updated_at: ChronoDateTimeUtc,
    /// `self` when the clinician recorded it, `provider` when a course reported it.
    pub source: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
