//! `/admin/accounts/:id`: one account's state, and what an administrator can do to it:
//! suspend, reactivate, terminate on a date, grant or remove the administrator role. Its
//! records (documents included) open only on a GET form that takes a reason, which the
//! audit log keeps.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::{
    account_documents::AccountDocuments,
    api::{
        ChangeAccountRole, ChangeAccountStatus, TerminateAccount, load_account,
        open_account_records,
    },
    parts::ConsoleNav,
    views::{AccountDetail, AccountRecords, RecordLine},
};
use crate::ui::form::{ErrorBanner, INPUT, load_failed};

const BUTTON: &str = "rounded-md border border-slate-300 px-3 py-2";
const DANGER: &str = "rounded-md border border-red-300 px-3 py-2 text-red-800";

#[component]
pub fn AdminAccountPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let status = ServerAction::<ChangeAccountStatus>::new();
    let terminate = ServerAction::<TerminateAccount>::new();
    let role = ServerAction::<ChangeAccountRole>::new();
    let account = Resource::new(
        move || {
            (
                id(),
                status.version().get() + terminate.version().get() + role.version().get(),
            )
        },
        |(id, _)| load_account(Some(id)),
    );
    let error = move || {
        status
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| terminate.value().get().and_then(Result::err))
            .or_else(|| role.value().get().and_then(Result::err))
    };
    view! {
        <Title text="Account · Console" />
        <section class="mx-auto max-w-4xl px-4 py-8">
            <ConsoleNav />
            <ErrorBanner error />
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {move || account.get().map(|result| match result {
                    Ok(detail) => view! { <Overview detail status terminate role /> }.into_any(),
                    Err(err) => load_failed(err),
                })}
            </Suspense>
            <h2 class="mt-8 text-lg font-semibold">"Records"</h2>
            <p class="mt-1 text-sm text-slate-700">
                "Credentials and CE activities are the clinician's own. Say why you need them; the audit log keeps your reason."
            </p>
            // A page of its own, so actions taken here afterwards do not open the records again.
            <form method="get" action=move || format!("/admin/accounts/{}/records", id()) class="mt-2 flex flex-wrap items-end gap-2">
                <div class="flex flex-col gap-1">
                    <label for="records-reason" class="text-sm font-medium">"Reason"</label>
                    <input id="records-reason" name="reason" required minlength="5" maxlength="500" class=format!("w-72 {INPUT}") />
                </div>
                <button type="submit" class=BUTTON>"Open records"</button>
            </form>
        </section>
    }
}

/// `/admin/accounts/:id/records?reason=…`: the records, opened for the reason given.
#[component]
pub fn AdminAccountRecordsPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let reason = move || query.with(|q| q.get("reason").unwrap_or_default());
    let records = Resource::new(
        move || (id(), reason()),
        |(id, reason)| open_account_records(Some(id), Some(reason)),
    );
    view! {
        <Title text="Records · Console" />
        <section class="mx-auto max-w-4xl px-4 py-8">
            <ConsoleNav />
            <h1 class="text-2xl font-semibold">"Records"</h1>
            <p class="mt-1 text-sm text-slate-700">"Opened for: " {reason}</p>
            <a href=move || format!("/admin/accounts/{}", id()) class="text-teal-800 underline">"Back to the account"</a>
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {move || records.get().map(|result| match result {
                    Ok(records) => view! { <Records records reason=reason() /> }.into_any(),
                    Err(err) => view! { <ErrorBanner error=move || Some(err.clone()) /> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Overview(
    detail: AccountDetail,
    status: ServerAction<ChangeAccountStatus>,
    terminate: ServerAction<TerminateAccount>,
    role: ServerAction<ChangeAccountRole>,
) -> impl IntoView {
    let account = detail.account;
    let fact = |term: &'static str, value: String| {
        view! {
            <dt class="font-medium text-slate-700">{term}</dt>
            <dd class="mb-2" data-testid=format!("fact-{}", term.to_lowercase().replace(' ', "-"))>{value}</dd>
        }
    };
    let ends = detail.terminate_on.clone();
    let actions = (!account.is_you).then(|| {
        view! { <Actions id=account.id.clone() status_now=account.status.clone() role_now=account.role.clone() status terminate role /> }
    });
    view! {
        <h1 class="text-2xl font-semibold">{account.display_name.clone()}</h1>
        <p class="text-slate-600">{account.username.clone()} " · " {account.email.clone()}</p>
        <dl class="mt-4 grid grid-cols-[auto_1fr] gap-x-6 text-sm">
            {fact("Role", account.role.clone())}
            {fact("Administrator since", detail.admin_since.unwrap_or_else(|| "not an administrator".into()))}
            {fact("Status", account.status.clone())}
            {fact("Ends on", ends.unwrap_or_else(|| "no end planned".into()))}
            {fact("Two-factor", if account.two_factor { "on".into() } else { "off".into() })}
            {fact("Email confirmed", if detail.email_verified { "yes".into() } else { "no".into() })}
            {fact("Last sign-in", account.last_sign_in.clone().unwrap_or_else(|| "never".into()))}
            {fact("Active sessions", account.active_sessions.to_string())}
            {fact("Credentials", account.credentials.to_string())}
            {fact("Created", detail.created_at)}
        </dl>
        {if account.is_you {
            view! { <p class="mt-4 text-slate-700">"This is your own account: another administrator must change it."</p> }.into_any()
        } else {
            actions.into_any()
        }}
    }
}

#[component]
fn Actions(
    id: String,
    status_now: String,
    role_now: String,
    status: ServerAction<ChangeAccountStatus>,
    terminate: ServerAction<TerminateAccount>,
    role: ServerAction<ChangeAccountRole>,
) -> impl IntoView {
    let suspended = status_now == "suspended";
    let active = status_now == "active";
    let (verb, label) = if active {
        ("suspend", "Suspend")
    } else {
        ("reactivate", "Reactivate")
    };
    let (new_role, role_label) = if role_now == "admin" {
        ("clinician", "Remove administrator role")
    } else {
        ("admin", "Make administrator")
    };
    let reason = |input_id: &'static str| {
        view! {
            <div class="flex flex-col gap-1">
                <label for=input_id class="text-sm font-medium">"Reason"</label>
                <input id=input_id name="reason" required minlength="5" maxlength="500" class=format!("w-72 {INPUT}") />
            </div>
        }
    };
    let terminate_id = id.clone();
    let role_id = id.clone();
    view! {
        <h2 class="mt-8 text-lg font-semibold">"Actions"</h2>
        <p class="text-sm text-slate-700">"Each takes effect at once and ends the account's sessions."</p>
        <ActionForm action=status attr:class="mt-3 flex flex-wrap items-end gap-2" attr:data-testid="status-form">
            <input type="hidden" name="id" value=id />
            <input type="hidden" name="change" value=verb />
            {reason("status-reason")}
            <button type="submit" class=if suspended || !active { BUTTON } else { DANGER }>{label}</button>
        </ActionForm>
        {(status_now != "terminated").then(move || view! {
            <ActionForm action=terminate attr:class="mt-3 flex flex-wrap items-end gap-2" attr:data-testid="terminate-form">
                <input type="hidden" name="id" value=terminate_id />
                <div class="flex flex-col gap-1">
                    <label for="terminate-on" class="text-sm font-medium">"End date (today ends it now)"</label>
                    <input id="terminate-on" name="on" type="date" required class=INPUT />
                </div>
                {reason("terminate-reason")}
                <button type="submit" class=DANGER>"Terminate"</button>
            </ActionForm>
        })}
        <ActionForm action=role attr:class="mt-3 flex flex-wrap items-end gap-2" attr:data-testid="role-form">
            <input type="hidden" name="id" value=role_id />
            <input type="hidden" name="role" value=new_role />
            {reason("role-reason")}
            <button type="submit" class=BUTTON>{role_label}</button>
        </ActionForm>
    }
}

#[component]
fn Records(records: AccountRecords, reason: String) -> impl IntoView {
    let list = |title: &'static str, lines: Vec<RecordLine>| {
        view! {
            <h3 class="mt-4 font-semibold">{title}</h3>
            {if lines.is_empty() {
                view! { <p class="text-slate-600">"None."</p> }.into_any()
            } else {
                view! {
                    <ul class="mt-1 list-disc pl-5 text-sm">
                        {lines.into_iter().map(|line| view! {
                            <li>{line.title} " — " {line.detail} " (" {line.date} ")"</li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        }
    };
    view! {
        <div data-testid="records">
            {list("Credentials", records.credentials)}
            {list("CE activities", records.activities)}
            <AccountDocuments documents=records.documents reason />
        </div>
    }
}
