//! One cmi5 launch of an AU: its one-time fetch code, the token that code hands out, and
//! where the session stands.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "launch_sessions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub registration_id: Uuid,
    pub au_id: String,
    pub actor_key: String,
    pub actor: String,
    /// `launched`, `initialized` or `ended`.
    pub state: String,
    pub fetch_hash: String,
    pub fetched_at: Option<ChronoDateTimeUtc>,
    pub token_key: String,
    pub token_hash: String,
    pub created_at: ChronoDateTimeUtc,
    pub expires_at: ChronoDateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
