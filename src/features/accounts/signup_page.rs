use leptos::prelude::*;
use leptos_meta::Title;

use super::{api::SignUp, forms::NewPasswordField};
use crate::ui::form::{ErrorBanner, Field, PRIMARY_BUTTON};

#[component]
pub fn SignUpPage() -> impl IntoView {
    let action = ServerAction::<SignUp>::new();

    view! {
        <Title text="Create account" />
        <section class="mx-auto max-w-md px-4 py-10">
            <h1 class="text-2xl font-semibold">"Create your account"</h1>
            <p class="mt-2 text-slate-600">
                "Free for clinicians. You can add two-factor sign-in right after."
            </p>
            <ActionForm action=action attr:class="mt-6 flex flex-col gap-4">
                <Field label="Email" name="email" kind="email" autocomplete="email" />
                <Field
                    label="Username"
                    name="username"
                    autocomplete="username"
                    hint="3 to 32 letters, digits, dots, dashes or underscores."
                />
                <Field label="Your name" name="display_name" autocomplete="name" />
                <NewPasswordField label="Password" name="password" />
                <ErrorBanner error=move || action.value().get().and_then(Result::err) />
                <button type="submit" class=PRIMARY_BUTTON disabled=move || action.pending().get()>
                    "Create account"
                </button>
            </ActionForm>
            <p class="mt-6 text-slate-700">
                "Already have an account? " <a href="/signin" class="text-teal-800 underline">"Sign in"</a>
            </p>
        </section>
    }
}
