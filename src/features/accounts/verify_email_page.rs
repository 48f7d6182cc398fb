//! `/verify-email?token=…`: where the link in a confirmation mail lands. The link is only
//! used when the person presses the button, so a mail scanner that follows links cannot
//! spend it.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::email_api::ConfirmEmail;
use crate::ui::form::{ErrorBanner, PRIMARY_BUTTON};

#[component]
pub fn VerifyEmailPage() -> impl IntoView {
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    let action = ServerAction::<ConfirmEmail>::new();
    view! {
        <Title text="Confirm your email address" />
        <section class="mx-auto max-w-md px-4 py-10">
            <h1 class="text-2xl font-semibold">"Confirm your email address"</h1>
            {move || match action.value().get() {
                Some(Ok(message)) => view! {
                    <p role="status" class="mt-6 text-emerald-800">{message}</p>
                    <p class="mt-4"><a href="/account" class="text-teal-800 underline">"Go to your account"</a></p>
                }.into_any(),
                _ => view! {
                    <p class="mt-2 text-slate-700">"Press the button to confirm the address this link was sent to."</p>
                    <ActionForm action=action attr:class="mt-6 flex flex-col gap-4">
                        <input type="hidden" name="token" value=token />
                        <ErrorBanner error=move || action.value().get().and_then(Result::err) />
                        <button type="submit" class=PRIMARY_BUTTON disabled=move || action.pending().get()>
                            "Confirm my email address"
                        </button>
                    </ActionForm>
                }.into_any(),
            }}
        </section>
    }
}
