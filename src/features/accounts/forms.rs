//! The live password checklist shared by the forms that set a password.

use leptos::prelude::*;

use crate::domain::password_policy::{self, PasswordRule};

/// The rules always listed, in the order a person fixes them.
const LISTED: [PasswordRule; 5] = [
    PasswordRule::TooShort,
    PasswordRule::NoUpper,
    PasswordRule::NoLower,
    PasswordRule::NoDigit,
    PasswordRule::NoSpecial,
];

/// Lists each rule of the written policy with whether the typed password meets it yet. The
/// server checks again, and also refuses common and easily guessed passwords.
#[component]
pub fn PasswordChecklist(password: ReadSignal<String>) -> impl IntoView {
    let failed = Memo::new(move |_| {
        password_policy::failed_rules(&password_policy::normalise(&password.get()))
    });
    view! {
        <ul id="password-rules" class="space-y-1 text-sm" aria-live="polite">
            {LISTED
                .into_iter()
                .map(|rule| {
                    let met = move || !failed.get().contains(&rule);
                    view! {
                        <li class=move || if met() { "text-emerald-800" } else { "text-slate-600" }>
                            <span aria-hidden="true">{move || if met() { "✓ " } else { "○ " }}</span>
                            {rule.message()}
                            <span class="sr-only">{move || if met() { " (met)" } else { " (not yet)" }}</span>
                        </li>
                    }
                })
                .collect_view()}
            <Show when=move || failed.get().contains(&PasswordRule::TooLong)>
                <li class="text-red-800">{PasswordRule::TooLong.message()}</li>
            </Show>
        </ul>
    }
}

/// A new-password input with the live checklist under it.
#[component]
pub fn NewPasswordField(label: &'static str, name: &'static str) -> impl IntoView {
    let (password, set_password) = signal(String::new());
    view! {
        <div class="flex flex-col gap-1">
            <label for=name class="font-medium text-slate-800">{label}</label>
            <input
                id=name
                name=name
                type="password"
                autocomplete="new-password"
                required
                aria-describedby="password-rules"
                class="rounded-md border border-slate-300 px-3 py-2 focus:border-teal-700 focus:outline-none focus:ring-2 focus:ring-teal-600"
                on:input=move |ev| set_password.set(event_target_value(&ev))
            />
            <PasswordChecklist password />
        </div>
    }
}
