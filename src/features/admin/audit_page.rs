//! `/admin/audit`: the audit log, filtered by a plain GET form and paged by links, with a
//! button that checks the hash chain. Works without WASM.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::{
    api::{audit_actions, search_audit, verify_audit_chain},
    parts::{ConsoleNav, Pager, percent_encode},
    views::AuditList,
};
use crate::ui::form::{INPUT, load_failed};

const FILTERS: [&str; 6] = ["actor", "action", "target", "outcome", "from", "to"];

#[component]
pub fn AdminAuditPage() -> impl IntoView {
    let query = use_query_map();
    let param = move |name: &str| query.with(|q| q.get(name).unwrap_or_default());
    let check = Resource::new(
        move || param("verify") == "1",
        |wanted| async move {
            if wanted {
                Some(verify_audit_chain().await)
            } else {
                None
            }
        },
    );
    let actions = Resource::new(|| (), |_| audit_actions());
    let list = Resource::new(
        move || (FILTERS.map(param), param("page")),
        |([actor, action, target, outcome, from, to], page)| {
            search_audit(
                Some(actor),
                Some(action),
                Some(target),
                Some(outcome),
                Some(from),
                Some(to),
                Some(page),
            )
        },
    );
    view! {
        <Title text="Audit log · Console" />
        <section class="mx-auto max-w-6xl px-4 py-8">
            <ConsoleNav />
            <h1 class="text-2xl font-semibold">"Audit log"</h1>
            // A GET form: it only reads, and its answer survives a page load without WASM.
            <form method="get" action="/admin/audit" class="mt-4 flex flex-wrap items-center gap-3">
                <input type="hidden" name="verify" value="1" />
                <button type="submit" class="rounded-md border border-slate-300 px-3 py-2">"Verify the chain"</button>
                <Suspense fallback=|| ()>
                    {move || check.get().flatten().map(|result| match result {
                        Ok(text) => view! { <p role="status" data-testid="chain">{text}</p> }.into_any(),
                        Err(err) => load_failed(err),
                    })}
                </Suspense>
            </form>
            <form method="get" action="/admin/audit" class="mt-4 flex flex-wrap items-end gap-3" role="search">
                <div class="flex flex-col gap-1">
                    <label for="actor" class="font-medium">"Actor (username)"</label>
                    <input id="actor" name="actor" value=param("actor") class=INPUT />
                </div>
                <div class="flex flex-col gap-1">
                    <label for="action" class="font-medium">"Action"</label>
                    <select id="action" name="action" class=INPUT>
                        <option value="">"Any"</option>
                        <Suspense fallback=|| ()>
                            {move || actions.get().and_then(Result::ok).map(|names| {
                                let current = param("action");
                                names.into_iter().map(|name| {
                                    let selected = name == current;
                                    view! { <option value=name.clone() selected=selected>{name.replace('_', " ")}</option> }
                                }).collect_view()
                            })}
                        </Suspense>
                    </select>
                </div>
                <div class="flex flex-col gap-1">
                    <label for="target" class="font-medium">"Target (username or user:id)"</label>
                    <input id="target" name="target" value=param("target") class=INPUT />
                </div>
                <div class="flex flex-col gap-1">
                    <label for="outcome" class="font-medium">"Result"</label>
                    <select id="outcome" name="outcome" class=INPUT>
                        <option value="" selected=param("outcome").is_empty()>"Any"</option>
                        <option value="success" selected=param("outcome") == "success">"Success"</option>
                        <option value="failure" selected=param("outcome") == "failure">"Failure"</option>
                    </select>
                </div>
                <div class="flex flex-col gap-1">
                    <label for="from" class="font-medium">"From (UTC)"</label>
                    <input id="from" name="from" type="date" value=param("from") class=INPUT />
                </div>
                <div class="flex flex-col gap-1">
                    <label for="to" class="font-medium">"To (UTC)"</label>
                    <input id="to" name="to" type="date" value=param("to") class=INPUT />
                </div>
                <button type="submit" class="rounded-md bg-teal-700 px-4 py-2 font-semibold text-white hover:bg-teal-800">"Filter"</button>
                // rel="external": a file to save, not a page for the client-side router.
                <a href=move || csv_link(&FILTERS.map(|name| (name, param(name)))) rel="external" download class="py-2 text-teal-800 underline">"Download as CSV"</a>
            </form>
            <Suspense fallback=|| view! { <p class="mt-4">"Loading…"</p> }>
                {move || list.get().map(|result| match result {
                    Ok(list) => view! { <AuditTable list filters=FILTERS.map(|name| (name, param(name))).to_vec() /> }.into_any(),
                    Err(err) => load_failed(err),
                })}
            </Suspense>
        </section>
    }
}

/// The CSV export with the filters on screen.
fn csv_link(filters: &[(&str, String)]) -> String {
    let query: Vec<String> = filters
        .iter()
        .filter(|(_, value)| !value.is_empty())
        .map(|(name, value)| format!("{name}={}", percent_encode(value)))
        .collect();
    format!("/admin/audit.csv?{}", query.join("&"))
}

#[component]
fn AuditTable(list: AuditList, filters: Vec<(&'static str, String)>) -> impl IntoView {
    let (page, pages) = (list.page, list.pages);
    view! {
        <p class="mt-6 text-sm text-slate-700" data-testid="audit-count">
            {if list.total == 1 { "1 event".to_owned() } else { format!("{} events", list.total) }}
            " · page " {page} " of " {pages}
        </p>
        <div class="mt-2 overflow-x-auto">
            <table class="min-w-full border-collapse text-left text-sm" data-testid="audit">
                <thead>
                    <tr class="border-b border-slate-300">
                        <th scope="col" class="p-2">"When"</th>
                        <th scope="col" class="p-2">"Actor"</th>
                        <th scope="col" class="p-2">"Action"</th>
                        <th scope="col" class="p-2">"Target"</th>
                        <th scope="col" class="p-2">"Result"</th>
                        <th scope="col" class="p-2">"Reason"</th>
                        <th scope="col" class="p-2">"Address"</th>
                    </tr>
                </thead>
                <tbody>
                    {list.rows.into_iter().map(|row| view! {
                        <tr class="border-b border-slate-200 align-top" data-testid="audit-row">
                            <td class="whitespace-nowrap p-2">{row.at}</td>
                            <td class="p-2">{row.actor}</td>
                            <td class="p-2">{row.action.replace('_', " ")}</td>
                            <td class="p-2 break-all">{row.target}</td>
                            <td class="p-2">{row.outcome}</td>
                            <td class="p-2">{row.reason}</td>
                            <td class="p-2">{row.client_addr}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <Pager path="/admin/audit" filters page pages />
    }
}
