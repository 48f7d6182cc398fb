//! A course in the catalog: what it is worth and how it is launched.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "courses")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub provider_id: Uuid,
    pub title: String,
    pub description: String,
    pub hours_hundredths: i32,
    pub credit_type: String,
    /// JSON array of topic keys.
    pub topics: String,
    pub accreditor: Option<String>,
    pub price_cents: Option<i32>,
    /// `cmi5` or `link`.
    pub launch_method: String,
    pub link_url: Option<String>,
    pub structure_xml: Option<String>,
    pub course_iri: Option<String>,
    pub content_base: Option<String>,
    pub created_at: ChronoDateTimeUtc,
    pub updated_at: ChronoDateTimeUtc,
    pub retired_at: Option<ChronoDateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
