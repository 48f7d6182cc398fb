//! `/forgot-password` asks for the address; `/reset-password?token=…` is where the link in
//! the reset mail lands and a new password is chosen.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::{
    email_api::{RequestPasswordReset, ResetPassword, check_reset_link},
    forms::NewPasswordField,
};
use crate::ui::form::{ErrorBanner, Field, PRIMARY_BUTTON};

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let action = ServerAction::<RequestPasswordReset>::new();
    view! {
        <Title text="Forgot your password?" />
        <section class="mx-auto max-w-md px-4 py-10">
            <h1 class="text-2xl font-semibold">"Forgot your password?"</h1>
            <p class="mt-2 text-slate-700">
                "Enter the email address of your account and we will send you a link to choose a new password."
            </p>
            <ActionForm action=action attr:class="mt-6 flex flex-col gap-4">
                <Field label="Email address" name="email" kind="email" autocomplete="email" />
                <ErrorBanner error=move || action.value().get().and_then(Result::err) />
                {move || action.value().get().and_then(Result::ok).map(|message| view! {
                    <p role="status" class="text-emerald-800">{message}</p>
                })}
                <button type="submit" class=PRIMARY_BUTTON disabled=move || action.pending().get()>
                    "Send reset link"
                </button>
            </ActionForm>
            <p class="mt-6"><a href="/signin" class="text-teal-800 underline">"Back to sign in"</a></p>
        </section>
    }
}

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    let usable = Resource::new(token, check_reset_link);
    view! {
        <Title text="Choose a new password" />
        <section class="mx-auto max-w-md px-4 py-10">
            <h1 class="text-2xl font-semibold">"Choose a new password"</h1>
            <Suspense fallback=|| view! { <p>"Checking the link…"</p> }>
                {move || usable.get().map(|result| match result {
                    Ok(true) => view! { <ResetForm token=token() /> }.into_any(),
                    Ok(false) => view! {
                        <p role="alert" class="mt-6 rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-900">
                            "This reset link does not work any more: it was used already or it expired."
                        </p>
                        <p class="mt-4"><a href="/forgot-password" class="text-teal-800 underline">"Ask for a new link"</a></p>
                    }.into_any(),
                    Err(err) => view! { <p role="alert">{err.message}</p> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn ResetForm(token: String) -> impl IntoView {
    let action = ServerAction::<ResetPassword>::new();
    view! {
        <ActionForm action=action attr:class="mt-6 flex flex-col gap-4">
            <input type="hidden" name="token" value=token />
            <NewPasswordField label="New password" name="new_password" />
            <ErrorBanner error=move || action.value().get().and_then(Result::err) />
            <button type="submit" class=PRIMARY_BUTTON disabled=move || action.pending().get()>
                "Set new password"
            </button>
        </ActionForm>
        <p class="mt-4 text-sm text-slate-600">
            "Setting it signs your account out everywhere. If you use two-factor sign-in, you will still need a code."
        </p>
    }
}
