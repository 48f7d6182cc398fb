//! Account page sections: change password and delete account.

use leptos::prelude::*;

use super::{
    api::{ChangePassword, DeleteAccount},
    forms::NewPasswordField,
};
use crate::ui::form::{ErrorBanner, Field, PRIMARY_BUTTON};

#[component]
pub fn ChangePasswordSection() -> impl IntoView {
    let action = ServerAction::<ChangePassword>::new();
    let done = move || matches!(action.value().get(), Some(Ok(())));
    view! {
        <h2 class="mt-10 text-xl font-semibold">"Change password"</h2>
        <p class="mt-1 text-slate-600">"Changing it signs out every other device."</p>
        <ActionForm action=action attr:class="mt-4 flex max-w-md flex-col gap-3">
            <Field
                label="Current password"
                name="current_password"
                kind="password"
                autocomplete="current-password"
            />
                <NewPasswordField label="New password" name="new_password" />
            <ErrorBanner error=move || action.value().get().and_then(Result::err) />
            <Show when=done>
                <p role="status" class="text-emerald-800">"Password changed. Other devices are signed out."</p>
            </Show>
            <button type="submit" class=PRIMARY_BUTTON disabled=move || action.pending().get()>
                "Change password"
            </button>
        </ActionForm>
    }
}

#[component]
pub fn DeleteAccountSection() -> impl IntoView {
    let action = ServerAction::<DeleteAccount>::new();
    view! {
        <h2 class="mt-10 text-xl font-semibold text-red-900">"Delete account"</h2>
        <p class="mt-1 text-slate-600">
            "Deletes your account and signs you out everywhere. This cannot be undone."
        </p>
        <ActionForm action=action attr:class="mt-4 flex max-w-md flex-col gap-3">
            <Field label="Password, to confirm" name="password" kind="password" autocomplete="current-password" />
            <ErrorBanner error=move || action.value().get().and_then(Result::err) />
            <button type="submit" class="rounded-md bg-red-800 px-4 py-2 font-semibold text-white hover:bg-red-900">
                "Delete my account"
            </button>
        </ActionForm>
    }
}
