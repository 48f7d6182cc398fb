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
