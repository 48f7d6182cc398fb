use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::api::SignIn;
use crate::ui::form::{ErrorBanner, Field, PRIMARY_BUTTON};

#[component]
pub fn SignInPage() -> impl IntoView {
    let action = ServerAction::<SignIn>::new();
    let query = use_query_map();
    let after_reset = move || query.read().get("reset").as_deref() == Some("done");
    view! {
        <Title text="Sign in" />
        <section class="mx-auto max-w-md px-4 py-10">
            <h1 class="text-2xl font-semibold">"Sign in"</h1>
            <Show when=after_reset>
                <p role="status" class="mt-4 rounded-md border border-emerald-300 bg-emerald-50 p-3 text-emerald-900">
                    "Your password is changed. Sign in with the new one."
                </p>
            </Show>
            <ActionForm action=action attr:class="mt-6 flex flex-col gap-4">
                <Field label="Email or username" name="login" autocomplete="username" />
                <Field label="Password" name="password" kind="password" autocomplete="current-password" />
                <ErrorBanner error=move || action.value().get().and_then(Result::err) />
                <button type="submit" class=PRIMARY_BUTTON disabled=move || action.pending().get()>
                    "Sign in"
                </button>
            </ActionForm>
            <p class="mt-4"><a href="/forgot-password" class="text-teal-800 underline">"Forgot your password?"</a></p>
            <p class="mt-2 text-slate-700">
                "New to Licensure? " <a href="/signup" class="text-teal-800 underline">"Create an account"</a>
            </p>
        </section>
    }
}
