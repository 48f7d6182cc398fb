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
