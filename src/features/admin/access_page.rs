//! `/admin/access`: the access review. Every administrator account with who granted the
//! role and when, its last sign-in and last review; dormant ones are flagged. Each row is
//! marked reviewed with a plain POST form; the whole review downloads as CSV.

use leptos::prelude::*;
use leptos_meta::Title;

use super::{
    api::{MarkAccessReviewed, access_review},
    parts::ConsoleNav,
    views::AccessRow,
};
use crate::{
    domain::admin::DORMANT_DAYS,
    ui::form::{ErrorBanner, load_failed},
};

#[component]
pub fn AdminAccessPage() -> impl IntoView {
    let mark = ServerAction::<MarkAccessReviewed>::new();
    let rows = Resource::new(move || mark.version().get(), |_| access_review());
    view! {
        <Title text="Access review · Console" />
        <section class="mx-auto max-w-6xl px-4 py-8">
            <ConsoleNav />
            <h1 class="text-2xl font-semibold">"Access review"</h1>
            <p class="mt-1 text-slate-700">
                "Every account with the administrator role. Accounts with no sign-in for "
                {DORMANT_DAYS} " days are flagged: remove the role if it is no longer needed."
            </p>
            <a href="/admin/access.csv" rel="external" download class="mt-2 inline-block text-teal-800 underline">"Download as CSV"</a>
            <ErrorBanner error=move || mark.value().get().and_then(Result::err) />
            <Suspense fallback=|| view! { <p class="mt-4">"Loading…"</p> }>
                {move || rows.get().map(|result| match result {
                    Ok(rows) => view! { <AccessTable rows mark /> }.into_any(),
                    Err(err) => load_failed(err),
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn AccessTable(rows: Vec<AccessRow>, mark: ServerAction<MarkAccessReviewed>) -> impl IntoView {
    view! {
        <div class="mt-4 overflow-x-auto">
            <table class="min-w-full border-collapse text-left text-sm" data-testid="access">
                <thead>
                    <tr class="border-b border-slate-300">
                        <th scope="col" class="p-2">"Account"</th>
                        <th scope="col" class="p-2">"Status"</th>
                        <th scope="col" class="p-2">"Granted"</th>
                        <th scope="col" class="p-2">"Last sign-in"</th>
                        <th scope="col" class="p-2">"Last review"</th>
                        <th scope="col" class="p-2">"Review"</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|row| view! {
                        <tr class="border-b border-slate-200 align-top" data-testid="access-row">
                            <td class="p-2">
                                <a href=format!("/admin/accounts/{}", row.id) class="font-medium text-teal-800 underline">{row.display_name}</a>
                                <p class="text-slate-600">{row.username}</p>
                                {row.dormant.then(|| view! {
                                    <p class="mt-1 inline-block rounded bg-amber-100 px-2 text-amber-900" data-testid="dormant">{format!("No sign-in for {DORMANT_DAYS} days")}</p>
                                })}
                            </td>
                            <td class="p-2">{row.status}</td>
                            <td class="p-2">{row.granted_at} <br /> "by " {row.granted_by}</td>
                            <td class="p-2">{row.last_sign_in.unwrap_or_else(|| "never".into())}</td>
                            <td class="p-2">{row.last_review.unwrap_or_else(|| "never".into())}</td>
                            <td class="p-2">
                                <ActionForm action=mark>
                                    <input type="hidden" name="id" value=row.id />
                                    <button type="submit" class="rounded-md border border-slate-300 px-3 py-2">"Mark reviewed"</button>
                                </ActionForm>
                            </td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
