//! An account: clinician or administrator.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub email: String,
    pub username: String,
    pub username_key: String,
    pub display_name: String,
    pub password_hash: String,
    pub role: String,
    pub status: String,
    pub email_verified_at: Option<ChronoDateTimeUtc>,
    pub created_at: ChronoDateTimeUtc,
    pub updated_at: ChronoDateTimeUtc,
    /// The day the account stops working, when an administrator planned its end.
    pub terminate_on: Option<Date>,
    /// When the current administrator role was granted; `None` for clinicians.
    pub role_granted_at: Option<ChronoDateTimeUtc>,
    /// Who granted it; `None` with a grant time means the operator at the command line.
    pub role_granted_by: Option<Uuid>,
    pub access_reviewed_at: Option<ChronoDateTimeUtc>,
    pub access_reviewed_by: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

/// Values of the `role` column.
pub mod role {
    pub const CLINICIAN: &str = "clinician";
    pub const ADMIN: &str = "admin";
}

/// Values of the `status` column.
pub mod status {
    pub const ACTIVE: &str = "active";
    pub const SUSPENDED: &str = "suspended";
    pub const TERMINATED: &str = "terminated";
}

impl Model {
    /// Whether the account may be used on `today`: active, and not past a planned end.
    pub fn is_usable(&self, today: Date) -> bool {
        self.status == status::ACTIVE && self.terminate_on.is_none_or(|end| today < end)
    }
}
