//! Account page section: the address, whether it is confirmed, and changing it.

use leptos::prelude::*;

use super::email_api::{ChangeEmail, EmailStatus, ResendVerification, my_email};
use crate::ui::form::{ErrorBanner, Field, PRIMARY_BUTTON};

#[component]
pub fn EmailSection() -> impl IntoView {
    let resend = ServerAction::<ResendVerification>::new();
    let change = ServerAction::<ChangeEmail>::new();
    let status = Resource::new(move || change.version().get(), |_| my_email());
    view! {
        <h2 class="mt-10 text-xl font-semibold">"Email address"</h2>
        <Transition fallback=|| view! { <p>"Loading…"</p> }>
            {move || status.get().map(|result| match result {
                Ok(status) => view! { <EmailState status resend /> }.into_any(),
                Err(err) => view! { <p role="alert">{err.message}</p> }.into_any(),
            })}
        </Transition>
        <h3 class="mt-6 font-semibold">"Use another address"</h3>
        <p class="mt-1 text-slate-600">
            "We send a link to the new address; your account switches to it when you open the link."
        </p>
        <ActionForm action=change attr:class="mt-3 flex max-w-md flex-col gap-3">
            <Field label="New email address" name="new_email" kind="email" autocomplete="email" />
            <Field label="Password, to confirm" name="password" kind="password" autocomplete="current-password" />
            <ErrorBanner error=move || change.value().get().and_then(Result::err) />
            {move || change.value().get().and_then(Result::ok).map(|message| view! {
                <p role="status" class="text-emerald-800">{message}</p>
            })}
            <button type="submit" class=PRIMARY_BUTTON disabled=move || change.pending().get()>
                "Send confirmation link"
            </button>
        </ActionForm>
    }
}

#[component]
fn EmailState(status: EmailStatus, resend: ServerAction<ResendVerification>) -> impl IntoView {
    let sent = move || matches!(resend.value().get(), Some(Ok(())));
    view! {
        <p class="mt-2" data-testid="email-address">
            <span class="font-medium">{status.address}</span>
            {if status.verified {
                view! { <span class="ml-2 rounded bg-emerald-100 px-2 py-0.5 text-sm text-emerald-900">"Confirmed"</span> }.into_any()
            } else {
                view! { <span class="ml-2 rounded bg-amber-100 px-2 py-0.5 text-sm text-amber-900">"Not confirmed yet"</span> }.into_any()
            }}
        </p>
        {status.pending_address.map(|address| view! {
            <p class="mt-1 text-slate-600">"Waiting for you to open the link sent to " {address} "."</p>
        })}
        {(!status.verified).then(|| view! {
            <p class="mt-1 text-slate-600">"Open the link we emailed you to confirm this address."</p>
            <ActionForm action=resend attr:class="mt-2">
                <button type="submit" class="rounded-md border border-slate-300 px-3 py-1.5" disabled=move || resend.pending().get()>
                    "Send the link again"
                </button>
            </ActionForm>
            <ErrorBanner error=move || resend.value().get().and_then(Result::err) />
            <Show when=sent>
                <p role="status" class="mt-2 text-emerald-800">"A new link is on its way."</p>
            </Show>
        })}
    }
}
