//! Sign-in and sign-up arrive with the accounts release; until then these pages say so
//! plainly instead of leading to a dead link.

use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn SignInPage() -> impl IntoView {
    view! {
        <Title text="Sign in" />
        <AccountsNotice heading="Sign in" />
    }
}

#[component]
pub fn SignUpPage() -> impl IntoView {
    view! {
        <Title text="Create account" />
        <AccountsNotice heading="Create your account" />
    }
}

#[component]
fn AccountsNotice(heading: &'static str) -> impl IntoView {
    view! {
        <section class="mx-auto max-w-xl px-4 py-12">
            <h1 class="text-2xl font-semibold">{heading}</h1>
            <div class="mt-4 rounded-lg border border-amber-300 bg-amber-50 p-5 text-amber-950">
                <p class="font-medium">"Accounts are not open on this server yet."</p>
                <p class="mt-2">
                    "Self-service sign-up and sign-in come with the next release. An operator can already create the first administrator account from the command line with "
                    <code class="rounded bg-white px-1">"licensure create-admin"</code> "."
                </p>
            </div>
            <a href="/" class="mt-6 inline-block text-teal-800 underline">
                "Back to the home page"
            </a>
        </section>
    }
}
