//! A state, activity-profile or agent-profile document.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "xapi_documents")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub pk: i64,
    pub provider_id: Uuid,
    pub kind: String,
    pub activity_id: String,
    pub agent_key: String,
    pub registration: String,
    pub document_id: String,
    pub content_type: String,
    pub content: Vec<u8>,
    pub etag: String,
    pub updated_at: ChronoDateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
