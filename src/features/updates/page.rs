//! `/updates`: every published product update, newest first.

use leptos::prelude::*;
use leptos_meta::Title;

use super::{api::list_updates, card::UpdateArticle};
use crate::ui::form::load_failed;

#[component]
pub fn UpdatesPage() -> impl IntoView {
    let list = Resource::new(|| (), |_| list_updates());
    view! {
        <Title text="Product updates" />
        <section class="mx-auto max-w-3xl px-4 py-8">
            <h1 class="text-2xl font-semibold">"Product updates"</h1>
            <p class="mt-1 text-slate-700">"What has changed in Licensure, newest first."</p>
            <Suspense fallback=|| view! { <p class="mt-4">"Loading…"</p> }>
                {move || list.get().map(|result| match result {
                    Ok(updates) if updates.is_empty() => view! {
                        <p class="mt-6 text-slate-700" data-testid="no-updates">"No product updates yet."</p>
                    }.into_any(),
                    Ok(updates) => view! {
                        <ol class="mt-6 flex flex-col gap-4" data-testid="updates">
                            {updates.into_iter().map(|update| view! { <li><UpdateArticle update /></li> }).collect_view()}
                        </ol>
                    }.into_any(),
                    Err(err) => load_failed(err),
                })}
            </Suspense>
        </section>
    }
}
