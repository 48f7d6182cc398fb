//! Server functions of the administrator console. Each checks the administrator itself;
//! to anyone else they answer "not found".

use leptos::prelude::*;

use super::views::AccountList;
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
    use crate::server::admin_console::accounts;
    // Optional, so a missing field is answered by the checks (and "not found" for anyone
    // but an administrator) rather than by the form decoder.
    crate::server::respond::finish(
        accounts::set_status(
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
    outcome: Option<String>,
    from: Option<String>,
    to: Option<String>,
    page: Option<String>,
) -> Result<super::views::AuditList, AppError> {
    use crate::{domain::admin::AuditQueryForm, server::admin_console::audit_log};
    let form = AuditQueryForm {
        actor: actor.unwrap_or_default(),
        action: action.unwrap_or_default(),
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
