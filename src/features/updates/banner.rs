//! The dashboard's notice of announcements this clinician has not dismissed yet. Each has
//! a Dismiss button, a plain POST form, after which it is never shown as new again.

use leptos::prelude::*;

use super::{
    api::{DismissUpdate, new_updates},
    card::UpdateArticle,
    views::UpdateView,
};
use crate::ui::form::ErrorBanner;

#[component]
pub fn NewUpdatesBanner() -> impl IntoView {
    let dismiss = ServerAction::<DismissUpdate>::new();
    let fresh = Resource::new(move || dismiss.version().get(), |_| new_updates());
    view! {
        <ErrorBanner error=move || dismiss.value().get().and_then(Result::err) />
        <Transition fallback=|| ()>
            {move || fresh.get().map(|result| match result {
                Ok(updates) if !updates.is_empty() => view! { <Notice updates dismiss /> }.into_any(),
                // Nothing new, or the load failed: the dashboard below reports its own
                // failures, and a missing notice costs nothing.
                _ => ().into_any(),
            })}
        </Transition>
    }
}

#[component]
fn Notice(updates: Vec<UpdateView>, dismiss: ServerAction<DismissUpdate>) -> impl IntoView {
    view! {
        <section
            class="mt-4 rounded-lg border border-teal-200 bg-teal-50 p-4"
            aria-labelledby="new-updates-heading"
            data-testid="new-updates"
        >
            <h2 id="new-updates-heading" class="text-lg font-semibold">"New in Licensure"</h2>
            <div class="mt-3 flex flex-col gap-3">
                {updates.into_iter().map(|update| {
                    let id = update.id.clone();
                    view! {
                        <UpdateArticle update level=3>
                            <ActionForm action=dismiss>
                                <input type="hidden" name="id" value=id.clone() />
                                <button type="submit" class="rounded-md border border-slate-300 px-3 py-1.5 text-sm">
                                    "Dismiss"
                                </button>
                            </ActionForm>
                        </UpdateArticle>
                    }
                }).collect_view()}
            </div>
            <a href="/updates" class="mt-3 inline-block text-sm text-teal-800 underline">"All product updates"</a>
        </section>
    }
}
