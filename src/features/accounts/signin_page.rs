use leptos::prelude::*;
use leptos_meta::Title;

use super::api::SignIn;
use crate::ui::form::{ErrorBanner, Field, PRIMARY_BUTTON};

#[component]
pub fn SignInPage() -> impl IntoView {
    let action = ServerAction::<SignIn>::new();
    view! {
        <Title text="Sign in" />
        <section class="mx-auto max-w-md px-4 py-10">
            <h1 class="text-2xl font-semibold">"Sign in"</h1>
            <ActionForm action=action attr:class="mt-6 flex flex-col gap-4">
                <Field label="Email or username" name="login" autocomplete="username" />
                <Field label="Password" name="password" kind="password" autocomplete="current-password" />
                <ErrorBanner error=move || action.value().get().and_then(Result::err) />
                <button type="submit" class=PRIMARY_BUTTON disabled=move || action.pending().get()>
                    "Sign in"
                </button>
            </ActionForm>
            <p class="mt-6 text-slate-700">
                "New to Licensure? " <a href="/signup" class="text-teal-800 underline">"Create an account"</a>
            </p>
        </section>
    }
}
