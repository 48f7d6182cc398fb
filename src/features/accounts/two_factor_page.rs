//! The second step of signing in, and the account page's two-factor section.

use leptos::prelude::*;
use leptos_meta::Title;

use super::api::{
    BeginTwoFactor, CompleteSignIn, ConfirmTwoFactor, DisableTwoFactor, two_factor_status,
};
use crate::ui::form::{ErrorBanner, Field, PRIMARY_BUTTON};

#[component]
pub fn TwoFactorSignInPage() -> impl IntoView {
    let action = ServerAction::<CompleteSignIn>::new();
    view! {
        <Title text="Two-factor sign-in" />
        <section class="mx-auto max-w-md px-4 py-10">
            <h1 class="text-2xl font-semibold">"Enter your code"</h1>
            <p class="mt-2 text-slate-600">
                "Open your authenticator app and enter the 6-digit code for Licensure, or one of your recovery codes."
            </p>
            <ActionForm action=action attr:class="mt-6 flex flex-col gap-4">
                <Field label="Code" name="code" autocomplete="one-time-code" />
                <ErrorBanner error=move || action.value().get().and_then(Result::err) />
                <button type="submit" class=PRIMARY_BUTTON disabled=move || action.pending().get()>
                    "Continue"
                </button>
            </ActionForm>
        </section>
    }
}

#[component]
pub fn TwoFactorSection() -> impl IntoView {
    let begin = ServerAction::<BeginTwoFactor>::new();
    let confirm = ServerAction::<ConfirmTwoFactor>::new();
    let disable = ServerAction::<DisableTwoFactor>::new();
    let enabled = Resource::new(
        move || (confirm.version().get(), disable.version().get()),
        |_| two_factor_status(),
    );
    let recovery_codes = move || confirm.value().get().and_then(Result::ok);

    view! {
        <h2 class="mt-10 text-xl font-semibold">"Two-factor sign-in"</h2>
        <Transition fallback=|| ()>
            {move || {
                let codes = recovery_codes();
                match (enabled.get(), codes) {
                    (_, Some(codes)) => view! { <RecoveryCodes codes /> }.into_any(),
                    (Some(Ok(true)), None) => view! {
                        <p class="mt-2 text-emerald-800" data-testid="two-factor-on">
                            "On: signing in asks for a code from your authenticator app."
                        </p>
                        <ActionForm action=disable attr:class="mt-4 flex max-w-md flex-col gap-3">
                            <Field
                                label="Current code or password, to turn it off"
                                name="code_or_password"
                                kind="password"
                                autocomplete="current-password"
                            />
                            <ErrorBanner error=move || disable.value().get().and_then(Result::err) />
                            <button type="submit" class="rounded-md border border-red-300 px-4 py-2 text-red-800">
                                "Turn off two-factor sign-in"
                            </button>
                        </ActionForm>
                    }.into_any(),
                    _ => view! { <Enrol begin confirm /> }.into_any(),
                }
            }}
        </Transition>
    }
}

#[component]
fn Enrol(
    begin: ServerAction<BeginTwoFactor>,
    confirm: ServerAction<ConfirmTwoFactor>,
) -> impl IntoView {
    view! {
        <p class="mt-2 text-slate-700">
            "Off. Turn it on so a stolen password alone cannot open your records."
        </p>
        {move || match begin.value().get() {
            Some(Ok(setup)) => view! {
                <div class="mt-4 flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:flex-row">
                    <img
                        src=format!("data:image/png;base64,{}", setup.qr_png_base64)
                        alt="QR code to scan with your authenticator app"
                        width="200"
                        height="200"
                    />
                    <div class="flex flex-col gap-3">
                        <p>"Scan the code with your authenticator app, or type this key:"</p>
                        <code class="break-all rounded bg-slate-100 p-2" data-testid="totp-secret">
                            {setup.secret}
                        </code>
                        <ActionForm action=confirm attr:class="flex flex-col gap-3">
                            <Field label="The 6-digit code it shows" name="code" autocomplete="one-time-code" />
                            <ErrorBanner error=move || confirm.value().get().and_then(Result::err) />
                            <button type="submit" class=PRIMARY_BUTTON>"Turn on"</button>
                        </ActionForm>
                    </div>
                </div>
            }.into_any(),
            other => view! {
                {other.and_then(Result::err).map(|err| view! { <p role="alert">{err.message}</p> })}
                <ActionForm action=begin attr:class="mt-4">
                    <button type="submit" class=PRIMARY_BUTTON>"Set up two-factor sign-in"</button>
                </ActionForm>
            }.into_any(),
        }}
    }
}

#[component]
fn RecoveryCodes(codes: Vec<String>) -> impl IntoView {
    view! {
        <div class="mt-4 rounded-lg border border-amber-300 bg-amber-50 p-4" data-testid="recovery-codes">
            <p class="font-semibold">"Two-factor sign-in is on. Save these recovery codes now."</p>
            <p class="mt-1 text-sm">
                "Each works once if you lose your phone. They are shown only this time."
            </p>
            <ul class="mt-3 grid grid-cols-2 gap-2 font-mono">
                {codes.into_iter().map(|code| view! { <li>{code}</li> }).collect_view()}
            </ul>
            // A full load, so the page is drawn again for a session that now has its factor.
            <a href="/account" rel="external" class="mt-4 inline-block text-teal-800 underline">
                "I have saved them: continue"
            </a>
        </div>
    }
}
