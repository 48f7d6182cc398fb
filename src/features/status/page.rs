use leptos::prelude::*;
use leptos_meta::Title;

use super::api::{StatusReport, system_status};

#[component]
pub fn StatusPage() -> impl IntoView {
    let check = Action::new(|_: &()| system_status());
    let initial = Resource::new(|| (), |_| system_status());
    // The latest answer wins: the one from the button once pressed, else the first load.
    let latest = move || check.value().get().or_else(|| initial.get());

    view! {
        <Title text="Service status" />
        <section class="mx-auto max-w-2xl px-4 py-10">
            <h1 class="text-2xl font-semibold">"Service status"</h1>
            <p class="mt-2 text-slate-600">
                "Whether Licensure can reach its database right now."
            </p>
            <div class="mt-6 rounded-lg border border-slate-200 bg-white p-5" aria-live="polite">
                <Suspense fallback=|| view! { <p>"Checking…"</p> }>
                    {move || latest().map(|result| match result {
                        Ok(status) => view! { <StatusTable status /> }.into_any(),
                        Err(err) => view! {
                            <p class="font-medium text-red-800" data-testid="status-error">
                                "Problem: " {err.message} " (code " {err.code.as_str()} ")"
                            </p>
                        }.into_any(),
                    })}
                </Suspense>
            </div>
            <button
                type="button"
                class="mt-4 rounded-md bg-teal-700 px-4 py-2 font-medium text-white hover:bg-teal-800 disabled:opacity-60"
                disabled=move || check.pending().get()
                on:click=move |_| {
                    check.dispatch(());
                }
            >
                {move || if check.pending().get() { "Checking…" } else { "Check again" }}
            </button>
        </section>
    }
}

#[component]
fn StatusTable(status: StatusReport) -> impl IntoView {
    let schema_ok = status.pending_migrations == 0;
    view! {
        <p class="flex items-center gap-2 font-semibold text-emerald-800" data-testid="status-ok">
            <span aria-hidden="true" class="inline-block h-3 w-3 rounded-full bg-emerald-600"></span>
            "Operational: the database answered."
        </p>
        <dl class="mt-4 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-2 text-sm">
            <dt class="text-slate-600">"Database"</dt>
            <dd data-testid="status-database">{status.database}</dd>
            <dt class="text-slate-600">"Schema"</dt>
            <dd class="break-all">
                {status.schema_version}
                {(!schema_ok)
                    .then(|| format!(" ({} migrations pending)", status.pending_migrations))}
            </dd>
            <dt class="text-slate-600">"Checked at"</dt>
            <dd data-testid="status-checked-at">{status.checked_at}</dd>
            <dt class="text-slate-600">"Version"</dt>
            <dd>{status.app_version}</dd>
        </dl>
    }
}
