//! `/admin`: find accounts, see their state, suspend or reactivate them with a reason. The
//! search is a plain GET form and every action a plain POST form, so it works without WASM.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::{
    api::{ChangeAccountStatus, search_accounts},
    parts::{ConsoleNav, Pager},
    views::{AccountList, AccountRow},
};
use crate::ui::form::{ErrorBanner, INPUT, load_failed};

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
                    <input id="q" name="q" type="search" value=param("q") class=INPUT />
                </div>
                <div class="flex flex-col gap-1">
                    <label for="status" class="font-medium">"Status"</label>
                    <select id="status" name="status" class=INPUT>
                        {filter_options(&[("", "Any"), ("active", "Active"), ("suspended", "Suspended"), ("terminated", "Terminated")], param("status"))}
                    </select>
                </div>
                <div class="flex flex-col gap-1">
                    <label for="role" class="font-medium">"Role"</label>
                    <select id="role" name="role" class=INPUT>
                        {filter_options(&[("", "Any"), ("clinician", "Clinician"), ("admin", "Administrator")], param("role"))}
                    </select>
                </div>
                <button type="submit" class="rounded-md bg-teal-700 px-4 py-2 font-semibold text-white hover:bg-teal-800">"Search"</button>
            </form>
            <ErrorBanner error=move || change.value().get().and_then(Result::err) />
            <Suspense fallback=|| view! { <p class="mt-4">"Loading…"</p> }>
                {move || list.get().map(|result| match result {
                    Ok(list) => view! { <AccountTable list change filters=["q", "status", "role"].map(|name| (name, param(name))).to_vec() /> }.into_any(),
                    Err(err) => load_failed(err),
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
fn AccountTable(
    list: AccountList,
    change: ServerAction<ChangeAccountStatus>,
    filters: Vec<(&'static str, String)>,
) -> impl IntoView {
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
        <Pager path="/admin" filters page pages />
    }
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
                <a href=format!("/admin/accounts/{}", account.id) class="font-medium text-teal-800 underline">{account.display_name}</a>
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
                                <input id=reason_id name="reason" required minlength="5" maxlength="500" class=format!("w-48 {INPUT}") />
                            </div>
                            <button type="submit" class=if suspended { "rounded-md border border-slate-300 px-3 py-2" } else { "rounded-md border border-red-300 px-3 py-2 text-red-800" }>{button}</button>
                        </ActionForm>
                    }.into_any()
                }}
            </td>
        </tr>
    }
}
