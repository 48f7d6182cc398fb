//! The audit log: an append-only, hash-chained record of security events. Each row carries
//! the hash of the row before it, so changing or deleting any row breaks every link after
//! it, and `verify` names the first broken one. Rows hold ids and outcomes only: never
//! passwords, codes, tokens, names or email addresses.

mod chain;

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ConnectionTrait, DatabaseConnection, DbBackend, DbErr,
    EntityTrait, QueryOrder, TransactionTrait,
};
use uuid::Uuid;

pub use chain::{GENESIS, row_hash};

use super::entities::audit_log;

/// What happened; the spelling is stored, so it never changes once released.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    SignUp,
    SignIn,
    SignInFailed,
    SignInThrottled,
    SignOut,
    SessionRevoked,
    OtherSessionsRevoked,
    AdminCreated,
    CrossSiteRefused,
    SecondFactorPassed,
    SecondFactorFailed,
    TwoFactorEnabled,
    TwoFactorDisabled,
    PasswordChanged,
    AccountDeleted,
    VerificationSent,
    EmailVerified,
    EmailChangeRequested,
    EmailChanged,
    PasswordResetRequested,
    PasswordReset,
    RoleChanged,
    AccountSuspended,
    AccountReactivated,
    AccountTerminationPlanned,
    AccountTerminated,
    AccountRecordsViewed,
    AccessReviewed,
    AccessReviewExported,
    AuditExported,
    CatalogVersionAdded,
    AnnouncementSaved,
    AnnouncementPublished,
    AnnouncementUnpublished,
    DocumentUploaded,
    DocumentVersionAdded,
    DocumentDeleted,
    DocumentDestroyed,
    AccountDocumentViewed,
    CourseSaved,
    CourseRetired,
    CourseRestored,
    ProviderAdded,
    LrsCredentialCreated,
    LrsCredentialRetired,
}

impl Action {
    /// Every action, in the order the console's filter lists them.
    pub const ALL: [Action; 45] = [
        Self::SignUp,
        Self::SignIn,
        Self::SignInFailed,
        Self::SignInThrottled,
        Self::SignOut,
        Self::SessionRevoked,
        Self::OtherSessionsRevoked,
        Self::AdminCreated,
        Self::CrossSiteRefused,
        Self::SecondFactorPassed,
        Self::SecondFactorFailed,
        Self::TwoFactorEnabled,
        Self::TwoFactorDisabled,
        Self::PasswordChanged,
        Self::AccountDeleted,
        Self::VerificationSent,
        Self::EmailVerified,
        Self::EmailChangeRequested,
        Self::EmailChanged,
        Self::PasswordResetRequested,
        Self::PasswordReset,
        Self::RoleChanged,
        Self::AccountSuspended,
        Self::AccountReactivated,
        Self::AccountTerminationPlanned,
        Self::AccountTerminated,
        Self::AccountRecordsViewed,
        Self::AccessReviewed,
        Self::AccessReviewExported,
        Self::AuditExported,
        Self::CatalogVersionAdded,
        Self::AnnouncementSaved,
        Self::AnnouncementPublished,
        Self::AnnouncementUnpublished,
        Self::DocumentUploaded,
        Self::DocumentVersionAdded,
        Self::DocumentDeleted,
        Self::DocumentDestroyed,
        Self::AccountDocumentViewed,
        Self::CourseSaved,
        Self::CourseRetired,
        Self::CourseRestored,
        Self::ProviderAdded,
        Self::LrsCredentialCreated,
        Self::LrsCredentialRetired,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::SignUp => "sign_up",
            Self::SignIn => "sign_in",
            Self::SignInFailed => "sign_in_failed",
            Self::SignInThrottled => "sign_in_throttled",
            Self::SignOut => "sign_out",
            Self::SessionRevoked => "session_revoked",
            Self::OtherSessionsRevoked => "other_sessions_revoked",
            Self::AdminCreated => "admin_created",
            Self::CrossSiteRefused => "cross_site_refused",
            Self::SecondFactorPassed => "second_factor_passed",
            Self::SecondFactorFailed => "second_factor_failed",
            Self::TwoFactorEnabled => "two_factor_enabled",
            Self::TwoFactorDisabled => "two_factor_disabled",
            Self::PasswordChanged => "password_changed",
            Self::AccountDeleted => "account_deleted",
            Self::VerificationSent => "verification_sent",
            Self::EmailVerified => "email_verified",
            Self::EmailChangeRequested => "email_change_requested",
            Self::EmailChanged => "email_changed",
            Self::PasswordResetRequested => "password_reset_requested",
            Self::PasswordReset => "password_reset",
            Self::RoleChanged => "role_changed",
            Self::AccountSuspended => "account_suspended",
            Self::AccountReactivated => "account_reactivated",
            Self::AccountTerminationPlanned => "account_termination_planned",
            Self::AccountTerminated => "account_terminated",
            Self::AccountRecordsViewed => "account_records_viewed",
            Self::AccessReviewed => "access_reviewed",
            Self::AccessReviewExported => "access_review_exported",
            Self::AuditExported => "audit_exported",
            Self::CatalogVersionAdded => "catalog_version_added",
            Self::AnnouncementSaved => "announcement_saved",
            Self::AnnouncementPublished => "announcement_published",
            Self::AnnouncementUnpublished => "announcement_unpublished",
            Self::DocumentUploaded => "document_uploaded",
            Self::DocumentVersionAdded => "document_version_added",
            Self::DocumentDeleted => "document_deleted",
            Self::DocumentDestroyed => "document_destroyed_patient_information",
            Self::AccountDocumentViewed => "account_document_viewed",
            Self::CourseSaved => "course_saved",
            Self::CourseRetired => "course_retired",
            Self::CourseRestored => "course_restored",
            Self::ProviderAdded => "provider_added",
            Self::LrsCredentialCreated => "lrs_credential_created",
            Self::LrsCredentialRetired => "lrs_credential_retired",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Success,
    Failure,
}

impl Outcome {
    fn as_str(self) -> &'static str {
        match self {
            Self::Success => "success",
            Self::Failure => "failure",
        }
    }
}

/// One event to record. `target` is an id such as `session:<uuid>`, never personal data.
#[derive(Debug, Clone)]
pub struct Event {
    pub actor: Option<Uuid>,
    pub action: Action,
    pub target: Option<String>,
    pub client_addr: Option<String>,
    pub outcome: Outcome,
    /// Why an administrator acted, as they wrote it; `None` for everything else.
    pub reason: Option<String>,
}

/// Appends one row. The chain's tail is read and extended inside one transaction that holds
/// a lock, so concurrent writers (several app instances on Postgres) cannot fork the chain.
pub async fn record(
    db: &DatabaseConnection,
    event: Event,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let txn = db.begin_with_options(crate::server::db::WRITE).await?;
    if txn.get_database_backend() == DbBackend::Postgres {
        // Arbitrary constant naming "the audit chain"; released at commit.
        txn.execute_unprepared("SELECT pg_advisory_xact_lock(7311001)")
            .await?;
    }
    let prev = audit_log::Entity::find()
        .order_by_desc(audit_log::Column::Id)
        .one(&txn)
        .await?
        .map_or_else(|| GENESIS.to_owned(), |row| row.hash);
    let at = chain::truncate_to_micros(now);
    let mut row = audit_log::Model {
        id: 0,
        at,
        actor_id: event.actor,
        action: event.action.as_str().to_owned(),
        target: event.target,
        client_addr: event.client_addr,
        outcome: event.outcome.as_str().to_owned(),
        reason: event.reason,
        prev_hash: prev,
        hash: String::new(),
    };
    row.hash = row_hash(&row);
    audit_log::ActiveModel {
        at: Set(row.at),
        actor_id: Set(row.actor_id),
        action: Set(row.action),
        target: Set(row.target),
        client_addr: Set(row.client_addr),
        outcome: Set(row.outcome),
        reason: Set(row.reason),
        prev_hash: Set(row.prev_hash),
        hash: Set(row.hash),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    txn.commit().await
}

/// Records an event; a failure to write is logged, never shown to the user, and never
/// stops the request (the event itself is already in the security log stream).
pub async fn record_or_log(db: &DatabaseConnection, event: Event, now: DateTime<Utc>) {
    let action = event.action.as_str();
    tracing::info!(target: "security", action, outcome = event.outcome.as_str(), "audit event");
    if let Err(err) = record(db, event, now).await {
        tracing::error!(target: "security", action, error = %err, "audit row could not be written");
    }
}

/// The result of checking the whole chain.
#[derive(Debug, PartialEq, Eq)]
pub enum Verification {
    Intact { rows: u64 },
    BrokenAt { id: i64 },
}

/// Walks the chain from the first row; reports the first row whose links do not hold.
pub async fn verify(db: &DatabaseConnection) -> Result<Verification, DbErr> {
    let rows = audit_log::Entity::find()
        .order_by_asc(audit_log::Column::Id)
        .all(db)
        .await?;
    Ok(chain::verify_rows(&rows))
}
