//! Server functions of the administrator console. Each checks the administrator itself;
//! to anyone else they answer "not found".

use leptos::prelude::*;

use super::{
    catalog_views::{CatalogSetDetail, CatalogSetRow, ConsoleStatus},
    views::{AccessRow, AccountDetail, AccountList, AccountRecords},
};
use crate::error::AppError;

/// Accounts matching words in name, email or username, narrowed by status and role.
#[server(endpoint = "admin/accounts", prefix = "/api")]
pub async fn search_accounts(
    q: Option<String>,
    status: Option<String>,
    role: Option<String>,
    page: Option<String>,
) -> Result<AccountList, AppError> {
    use crate::{domain::admin::AccountQueryForm, server::admin_console::accounts};
    let form = AccountQueryForm {
        q: q.unwrap_or_default(),
        status: status.unwrap_or_default(),
        role: role.unwrap_or_default(),
        page: page.unwrap_or_default(),
    };
    crate::server::respond::finish(accounts::search(form).await)
}

/// `change` is `suspend` or `reactivate`; the reason is required and kept in the audit log.
#[server(endpoint = "admin/accounts/status", prefix = "/api")]
pub async fn change_account_status(
    id: Option<String>,
    change: Option<String>,
    reason: Option<String>,
) -> Result<(), AppError> {
    use crate::server::admin_console::lifecycle;
    // Optional, so a missing field is answered by the checks (and "not found" for anyone
    // but an administrator) rather than by the form decoder.
    crate::server::respond::finish(
        lifecycle::set_status(
            id.unwrap_or_default(),
            change.unwrap_or_default(),
            reason.unwrap_or_default(),
        )
        .await,
    )
}

/// Audit rows, newest first, narrowed by actor (username), action, result and days.
#[server(endpoint = "admin/audit", prefix = "/api")]
pub async fn search_audit(
    actor: Option<String>,
    action: Option<String>,
    target: Option<String>,
    outcome: Option<String>,
    from: Option<String>,
    to: Option<String>,
    page: Option<String>,
) -> Result<super::views::AuditList, AppError> {
    use crate::{domain::admin::AuditQueryForm, server::admin_console::audit_log};
    let form = AuditQueryForm {
        actor: actor.unwrap_or_default(),
        action: action.unwrap_or_default(),
        target: target.unwrap_or_default(),
        outcome: outcome.unwrap_or_default(),
        from: from.unwrap_or_default(),
        to: to.unwrap_or_default(),
        page: page.unwrap_or_default(),
    };
    crate::server::respond::finish(audit_log::list(form).await)
}

/// Checks the whole hash chain and says whether it holds.
#[server(endpoint = "admin/audit/verify", prefix = "/api")]
pub async fn verify_audit_chain() -> Result<String, AppError> {
    use crate::server::admin_console::audit_log;
    crate::server::respond::finish(audit_log::verify().await)
}

/// The actions the audit filter offers.
#[server(endpoint = "admin/audit/actions", prefix = "/api")]
pub async fn audit_actions() -> Result<Vec<String>, AppError> {
    use crate::server::admin_console::{admin, audit_log};
    crate::server::respond::finish(admin().await.map(|_| audit_log::actions()))
}

/// One account's state: role, status, second factor, sessions, sign-ins, credential count.
#[server(endpoint = "admin/account", prefix = "/api")]
pub async fn load_account(id: Option<String>) -> Result<AccountDetail, AppError> {
    use crate::server::admin_console::account_detail;
    crate::server::respond::finish(account_detail::detail(id.unwrap_or_default()).await)
}

/// The account's credentials and activities; the reason is kept in the audit log.
#[server(endpoint = "admin/account/records", prefix = "/api")]
pub async fn open_account_records(
    id: Option<String>,
    reason: Option<String>,
) -> Result<AccountRecords, AppError> {
    use crate::server::admin_console::account_detail;
    crate::server::respond::finish(
        account_detail::records(id.unwrap_or_default(), reason.unwrap_or_default()).await,
    )
}

/// Destroys a document holding patient information (every version and key), with a reason.
#[server(endpoint = "admin/documents/destroy", prefix = "/api")]
pub async fn destroy_account_document(
    id: Option<String>,
    reason: Option<String>,
) -> Result<(), AppError> {
    use crate::server::admin_console::documents;
    crate::server::respond::finish(
        documents::destroy(id.unwrap_or_default(), reason.unwrap_or_default()).await,
    )
}

/// Ends an account on `on` (today: at once), with a reason.
#[server(endpoint = "admin/accounts/terminate", prefix = "/api")]
pub async fn terminate_account(
    id: Option<String>,
    on: Option<String>,
    reason: Option<String>,
) -> Result<(), AppError> {
    use crate::server::admin_console::lifecycle;
    crate::server::respond::finish(
        lifecycle::terminate(
            id.unwrap_or_default(),
            on.unwrap_or_default(),
            reason.unwrap_or_default(),
        )
        .await,
    )
}

/// Grants (`admin`) or removes (`clinician`) the administrator role, with a reason.
#[server(endpoint = "admin/accounts/role", prefix = "/api")]
pub async fn change_account_role(
    id: Option<String>,
    role: Option<String>,
    reason: Option<String>,
) -> Result<(), AppError> {
    use crate::server::admin_console::roles;
    crate::server::respond::finish(
        roles::change_role(
            id.unwrap_or_default(),
            role.unwrap_or_default(),
            reason.unwrap_or_default(),
        )
        .await,
    )
}

/// Every administrator account with its grant, last sign-in and last review.
#[server(endpoint = "admin/access", prefix = "/api")]
pub async fn access_review() -> Result<Vec<AccessRow>, AppError> {
    use crate::server::admin_console::access_review;
    crate::server::respond::finish(access_review::report().await)
}

/// Records that the caller reviewed this administrator's access now.
#[server(endpoint = "admin/access/reviewed", prefix = "/api")]
pub async fn mark_access_reviewed(id: Option<String>) -> Result<(), AppError> {
    use crate::server::admin_console::access_review;
    crate::server::respond::finish(access_review::mark_reviewed(id.unwrap_or_default()).await)
}

/// Every requirement set, newest version of each.
#[server(endpoint = "admin/catalog", prefix = "/api")]
pub async fn catalog_sets() -> Result<Vec<CatalogSetRow>, AppError> {
    use crate::server::admin_console::catalog;
    crate::server::respond::finish(catalog::sets().await)
}

/// One set with all its versions, sources and unknowns.
#[server(endpoint = "admin/catalog/set", prefix = "/api")]
pub async fn catalog_set(id: Option<String>) -> Result<CatalogSetDetail, AppError> {
    use crate::server::admin_console::catalog;
    crate::server::respond::finish(catalog::detail(id.unwrap_or_default()).await)
}

/// Adds a new version of set `id` from its JSON; answers the version number.
#[server(endpoint = "admin/catalog/version", prefix = "/api")]
pub async fn add_catalog_version(
    id: Option<String>,
    body: Option<String>,
) -> Result<u32, AppError> {
    use crate::server::admin_console::catalog;
    crate::server::respond::finish(
        catalog::add_version(id.unwrap_or_default(), body.unwrap_or_default()).await,
    )
}

/// Database, storage and mail reachability, version, schema and counts.
#[server(endpoint = "admin/status", prefix = "/api")]
pub async fn load_console_status() -> Result<ConsoleStatus, AppError> {
    use crate::server::admin_console::status;
    crate::server::respond::finish(status::read().await)
}
