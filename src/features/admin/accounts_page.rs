//! `/admin`: find accounts, see their state, suspend or reactivate them with a reason. The
//! search is a plain GET form and every action a plain POST form, so it works without WASM.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::{
    api::{ChangeAccountStatus, search_accounts},
    views::{AccountList, AccountRow},
};
use crate::{error::ErrorCode, ui::form::ErrorBanner};

const FIELD: &str = "rounded-md border border-slate-300 bg-white px-3 py-2 focus:border-teal-700 focus:outline-none focus:ring-2 focus:ring-teal-600";

/// Links between the console's pages.
#[component]
pub(super) fn ConsoleNav() -> impl IntoView {
    view! {
        <nav class="mb-4 flex gap-4 text-sm" aria-label="Console">
            <a href="/admin" class="text-teal-800 underline">"Accounts"</a>
            <a href="/admin/audit" class="text-teal-800 underline">"Audit log"</a>
        </nav>
    }
}

#[component]
pub fn AdminAccountsPage() -> impl IntoView {
    let query = use_query_map();
    let change = ServerAction::<ChangeAccountStatus>::new();
    let param = move |name: &str| query.with(|q| q.get(name).unwrap_or_default());
    let list = Resource::new(
        move || {
            (
                param("q"),
                param("status"),
                param("role"),
                param("page"),
                change.version().get(),
            )
        },
        |(q, status, role, page, _)| search_accounts(Some(q), Some(status), Some(role), Some(page)),
    );
    view! {
        <Title text="Accounts · Console" />
        <section class="mx-auto max-w-6xl px-4 py-8">
            <ConsoleNav />
            <h1 class="text-2xl font-semibold">"Accounts"</h1>
            <form method="get" action="/admin" class="mt-4 flex flex-wrap items-end gap-3" role="search">
                <div class="flex flex-col gap-1">
                    <label for="q" class="font-medium">"Name, email or username"</label>
                    <input id="q" name="q" type="search" value=param("q") class=FIELD />
                </div>
                <div class="flex flex-col gap-1">
                    <label for="status" class="font-medium">"Status"</label>
                    <select id="status" name="status" class=FIELD>
                        {filter_options(&[("", "Any"), ("active", "Active"), ("suspended", "Suspended")], param("status"))}
                    </select>
                </div>
                <div class="flex flex-col gap-1">
                    <label for="role" class="font-medium">"Role"</label>
                    <select id="role" name="role" class=FIELD>
                        {filter_options(&[("", "Any"), ("clinician", "Clinician"), ("admin", "Administrator")], param("role"))}
                    </select>
                </div>
                <button type="submit" class="rounded-md bg-teal-700 px-4 py-2 font-semibold text-white hover:bg-teal-800">"Search"</button>
            </form>
            <ErrorBanner error=move || change.value().get().and_then(Result::err) />
            <Suspense fallback=|| view! { <p class="mt-4">"Loading…"</p> }>
                {move || list.get().map(|result| match result {
                    Ok(list) => view! { <AccountTable list change query=move || (param("q"), param("status"), param("role")) /> }.into_any(),
                    Err(err) if err.code == ErrorCode::Unauthenticated => {
                        view! { <leptos_router::components::Redirect path="/signin" /> }.into_any()
                    }
                    Err(err) => view! { <p role="alert" class="mt-4">{err.message}</p> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

fn filter_options(
    choices: &'static [(&'static str, &'static str)],
    current: String,
) -> impl IntoView {
    choices
        .iter()
        .map(|(value, label)| view! { <option value=*value selected=current == *value>{*label}</option> })
        .collect_view()
}

#[component]
fn AccountTable<Q>(
    list: AccountList,
    change: ServerAction<ChangeAccountStatus>,
    query: Q,
) -> impl IntoView
where
    Q: Fn() -> (String, String, String) + Send + Sync + 'static,
{
    let (q, status, role) = query();
    let page_link = move |page: u64| {
        let encode = |s: &str| urlencoding_lite(s);
        format!(
            "/admin?q={}&status={}&role={}&page={page}",
            encode(&q),
            encode(&status),
            encode(&role)
        )
    };
    let (page, pages) = (list.page, list.pages);
    view! {
        <p class="mt-6 text-sm text-slate-700" data-testid="account-count">
            {if list.total == 1 { "1 account".to_owned() } else { format!("{} accounts", list.total) }}
            " · page " {page} " of " {pages}
        </p>
        <div class="mt-2 overflow-x-auto">
            <table class="min-w-full border-collapse text-left text-sm" data-testid="accounts">
                <thead>
                    <tr class="border-b border-slate-300">
                        <th scope="col" class="p-2">"Account"</th>
                        <th scope="col" class="p-2">"Role"</th>
                        <th scope="col" class="p-2">"Status"</th>
                        <th scope="col" class="p-2">"Two-factor"</th>
                        <th scope="col" class="p-2">"Last sign-in"</th>
                        <th scope="col" class="p-2">"Sessions"</th>
                        <th scope="col" class="p-2">"Credentials"</th>
                        <th scope="col" class="p-2">"Action"</th>
                    </tr>
                </thead>
                <tbody>
                    {list.accounts.into_iter().map(|account| view! { <AccountLine account change /> }).collect_view()}
                </tbody>
            </table>
        </div>
        <nav class="mt-4 flex gap-4" aria-label="Pages">
            {(page > 1).then(|| view! { <a href=page_link(page - 1) class="text-teal-800 underline">"Previous page"</a> })}
            {(page < pages).then(|| view! { <a href=page_link(page + 1) class="text-teal-800 underline">"Next page"</a> })}
        </nav>
    }
}

/// Percent-encodes a query value (letters, digits and `-._~` stay as they are).
pub(super) fn urlencoding_lite(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[component]
fn AccountLine(account: AccountRow, change: ServerAction<ChangeAccountStatus>) -> impl IntoView {
    let suspended = account.status == "suspended";
    let reason_id = format!("reason-{}", account.id);
    let (verb, button) = if suspended {
        ("reactivate", "Reactivate")
    } else {
        ("suspend", "Suspend")
    };
    view! {
        <tr class="border-b border-slate-200 align-top" data-testid="account-row">
            <td class="p-2">
                <p class="font-medium">{account.display_name}</p>
                <p class="text-slate-600">{account.username} " · " {account.email}</p>
            </td>
            <td class="p-2">{account.role}</td>
            <td class="p-2">{account.status}</td>
            <td class="p-2">{if account.two_factor { "on" } else { "off" }}</td>
            <td class="p-2">{account.last_sign_in.unwrap_or_else(|| "never".to_owned())}</td>
            <td class="p-2">{account.active_sessions}</td>
            <td class="p-2">{account.credentials}</td>
            <td class="p-2">
                {if account.is_you {
                    view! { <span class="text-slate-600">"You"</span> }.into_any()
                } else {
                    view! {
                        <ActionForm action=change attr:class="flex flex-wrap items-end gap-2">
                            <input type="hidden" name="id" value=account.id.clone() />
                            <input type="hidden" name="change" value=verb />
                            <div class="flex flex-col gap-1">
                                <label for=reason_id.clone() class="text-xs font-medium">"Reason"</label>
                                <input id=reason_id name="reason" required minlength="5" maxlength="500" class=format!("w-48 {FIELD}") />
                            </div>
                            <button type="submit" class=if suspended { "rounded-md border border-slate-300 px-3 py-2" } else { "rounded-md border border-red-300 px-3 py-2 text-red-800" }>{button}</button>
                        </ActionForm>
                    }.into_any()
                }}
            </td>
        </tr>
    }
}
