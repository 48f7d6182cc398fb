use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;

use super::api::{RevokeOtherSessions, RevokeSession, SessionView, SignOut, me, my_sessions};
use super::email_section::EmailSection;
use super::settings_section::{ChangePasswordSection, DeleteAccountSection};
use super::two_factor_page::TwoFactorSection;
use crate::ui::form::{ErrorBanner, PRIMARY_BUTTON};

#[component]
pub fn AccountPage() -> impl IntoView {
    let who = Resource::new(|| (), |_| me());
    view! {
        <Title text="Your account" />
        <section class="mx-auto max-w-3xl px-4 py-10">
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {move || who.get().map(|result| match result {
                    Ok(Some(viewer)) if viewer.awaiting_second_factor => {
                        view! { <Redirect path="/signin/two-factor" /> }.into_any()
                    }
                    Ok(Some(viewer)) if viewer.must_enrol_second_factor => {
                        view! { <AdminEnrolment name=viewer.display_name /> }.into_any()
                    }
                    Ok(Some(viewer)) => view! { <AccountDetails name=viewer.display_name idle_minutes=viewer.idle_minutes /> }.into_any(),
                    Ok(None) => view! { <Redirect path="/signin" /> }.into_any(),
                    Err(err) => view! { <p role="alert">{err.message}</p> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn AccountDetails(name: String, idle_minutes: i64) -> impl IntoView {
    let sign_out = ServerAction::<SignOut>::new();
    let revoke = ServerAction::<RevokeSession>::new();
    let revoke_others = ServerAction::<RevokeOtherSessions>::new();
    let sessions = Resource::new(
        move || (revoke.version().get(), revoke_others.version().get()),
        |_| my_sessions(),
    );

    view! {
        <div class="flex flex-wrap items-center justify-between gap-4">
            <h1 class="text-2xl font-semibold">"Hello, " {name}</h1>
            <ActionForm action=sign_out>
                <button type="submit" class="rounded-md border border-slate-300 px-4 py-2">
                    "Sign out"
                </button>
            </ActionForm>
        </div>
        <h2 class="mt-8 text-xl font-semibold">"Where you are signed in"</h2>
        <p class="mt-1 text-slate-600">
            "End any session you do not recognise. Sessions end by themselves after "
            {idle_minutes}
            " minutes without use."
        </p>
        <ErrorBanner error=move || revoke.value().get().and_then(Result::err) />
        <Transition fallback=|| view! { <p>"Loading sessions…"</p> }>
            {move || sessions.get().map(|result| match result {
                Ok(list) => view! { <SessionList list revoke /> }.into_any(),
                Err(err) => view! { <p role="alert">{err.message}</p> }.into_any(),
            })}
        </Transition>
        <ActionForm action=revoke_others attr:class="mt-4">
            <button type="submit" class=PRIMARY_BUTTON>"Sign out everywhere else"</button>
        </ActionForm>
        <EmailSection />
        <TwoFactorSection />
        <ChangePasswordSection />
        <DeleteAccountSection />
    }
}

/// All an administrator sees until two-factor sign-in is set up: the policy refuses
/// everything else on the server, and this page says why.
#[component]
fn AdminEnrolment(name: String) -> impl IntoView {
    let sign_out = ServerAction::<SignOut>::new();
    view! {
        <h1 class="text-2xl font-semibold">"Hello, " {name}</h1>
        <p role="status" class="mt-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-900">
            "Administrators must set up two-factor sign-in before anything else. Scan the code below with an authenticator app."
        </p>
        <TwoFactorSection />
        <ActionForm action=sign_out attr:class="mt-8">
            <button type="submit" class="rounded-md border border-slate-300 px-4 py-2">"Sign out"</button>
        </ActionForm>
    }
}

#[component]
fn SessionList(list: Vec<SessionView>, revoke: ServerAction<RevokeSession>) -> impl IntoView {
    view! {
        <ul class="mt-4 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" data-testid="sessions">
            {list
                .into_iter()
                .map(|session| {
                    view! {
                        <li class="flex flex-wrap items-center justify-between gap-2 p-4">
                            <div>
                                <p class="font-medium">
                                    {session.device}
                                    {session.current.then(|| view! {
                                        <span class="ml-2 rounded bg-teal-100 px-2 py-0.5 text-xs text-teal-900">"This device"</span>
                                    })}
                                </p>
                                <p class="text-sm text-slate-600">
                                    "Signed in " {session.signed_in} " · last active " {session.last_seen}
                                </p>
                            </div>
                            {(!session.current).then(|| view! {
                                <ActionForm action=revoke>
                                    <input type="hidden" name="id" value=session.id.clone() />
                                    <button type="submit" class="rounded-md border border-red-300 px-3 py-1.5 text-red-800">
                                        "End session"
                                    </button>
                                </ActionForm>
                            })}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}
