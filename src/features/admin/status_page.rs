//! `/admin/status`: whether the database, file storage and mail answer, which version and
//! schema run, and how much the service holds. Reloading the page checks again.

use leptos::prelude::*;
use leptos_meta::Title;

use super::{api::load_console_status, parts::ConsoleNav};
use crate::ui::form::load_failed;

#[component]
pub fn AdminStatusPage() -> impl IntoView {
    let report = Resource::new(|| (), |_| load_console_status());
    view! {
        <Title text="Status · Console" />
        <section class="mx-auto max-w-3xl px-4 py-8">
            <ConsoleNav />
            <h1 class="text-2xl font-semibold">"Service status"</h1>
            <Suspense fallback=|| view! { <p class="mt-4">"Checking…"</p> }>
                {move || report.get().map(|result| match result {
                    Ok(status) => view! {
                        <ul class="mt-4 flex flex-col gap-2" data-testid="checks">
                            {status.checks.into_iter().map(|check| view! {
                                <li class=if check.ok { "rounded-md border border-teal-300 bg-teal-50 p-3" } else { "rounded-md border border-red-300 bg-red-50 p-3" }>
                                    <span class="font-semibold">{check.part} ": "</span>
                                    {if check.ok { "OK" } else { "PROBLEM" }} " — " {check.detail}
                                </li>
                            }).collect_view()}
                        </ul>
                        <dl class="mt-6 grid grid-cols-[auto_1fr] gap-x-6 gap-y-1 text-sm">
                            <dt class="font-medium">"Version"</dt><dd>{status.app_version}</dd>
                            <dt class="font-medium">"Schema"</dt><dd data-testid="schema">{status.schema_version}</dd>
                            <dt class="font-medium">"Pending migrations"</dt><dd>{status.pending_migrations}</dd>
                            <dt class="font-medium">"Accounts"</dt><dd data-testid="count-users">{status.users}</dd>
                            <dt class="font-medium">"Credentials"</dt><dd>{status.credentials}</dd>
                            <dt class="font-medium">"CE activities"</dt><dd>{status.activities}</dd>
                            <dt class="font-medium">"Documents"</dt><dd data-testid="count-documents">{status.documents}</dd>
                            <dt class="font-medium">"Checked at"</dt><dd>{status.checked_at}</dd>
                        </dl>
                    }.into_any(),
                    Err(err) => load_failed(err),
                })}
            </Suspense>
        </section>
    }
}
