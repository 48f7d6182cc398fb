//! The page for an address that leads nowhere; answers with HTTP 404.

use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }

    view! {
        <Title text="Page not found" />
        <section class="mx-auto max-w-xl px-4 py-16 text-center">
            <h1 class="text-2xl font-semibold">"Page not found"</h1>
            <p class="mt-3 text-slate-600">
                "There is nothing at this address. It may have moved, or the link may be mistyped."
            </p>
            <a href="/" class="mt-6 inline-block text-teal-800 underline">
                "Back to the home page"
            </a>
        </section>
    }
}
