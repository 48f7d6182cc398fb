//! Header with navigation (collapsing to a menu on phones) and footer.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::features::accounts::me;

const NAV: [(&str, &str); 2] = [("/", "Home"), ("/status", "Status")];
// "Updates" rather than "Product updates": one short word keeps the row on one line at
// tablet widths; phones get the collapsed menu.
const SIGNED_IN_NAV: [(&str, &str); 7] = [
    ("/dashboard", "Dashboard"),
    ("/credentials", "Credentials"),
    ("/activities", "Activities"),
    ("/documents", "Documents"),
    ("/courses", "Courses"),
    ("/profile", "About you"),
    ("/updates", "Updates"),
];

#[component]
pub fn SiteHeader() -> impl IntoView {
    let (menu_open, set_menu_open) = signal(false);
    // Close the phone menu whenever the route changes.
    let location = use_location();
    Effect::new(move |_| {
        location.pathname.track();
        set_menu_open.set(false);
    });
    // Asked again on every navigation, so signing in or out shows at once.
    let who = Resource::new(move || location.pathname.get(), |_| me());
    let signed_in =
        move || matches!(who.get(), Some(Ok(Some(viewer))) if !viewer.awaiting_second_factor);
    // The link only; the console itself checks the role and second factor on every request.
    let is_admin = move || matches!(who.get(), Some(Ok(Some(viewer))) if viewer.role == "admin" && !viewer.must_enrol_second_factor);

    view! {
        <header class="border-b border-slate-200 bg-white">
            <nav
                class="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-2 px-4 py-3"
                aria-label="Main"
            >
                <a href="/" class="flex items-center gap-2 text-lg font-semibold text-teal-800">
                    <img src="/favicon.svg" alt="" width="28" height="28" />
                    "Licensure"
                </a>
                <button
                    type="button"
                    class="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-700 xl:hidden"
                    aria-controls="main-menu"
                    aria-expanded=move || menu_open.get().to_string()
                    on:click=move |_| set_menu_open.update(|open| *open = !*open)
                >
                    {move || if menu_open.get() { "Close menu" } else { "Menu" }}
                </button>
                <div
                    id="main-menu"
                    class=move || {
                        let shown = if menu_open.get() { "flex" } else { "hidden" };
                        format!(
                            "{shown} w-full flex-col gap-1 pt-2 xl:flex xl:w-auto xl:flex-row xl:flex-wrap xl:items-center xl:gap-4 xl:pt-0",
                        )
                    }
                >
                    <NavLinks links=&NAV />
                    <Transition fallback=|| ()>
                        <Show
                            when=signed_in
                            fallback=|| {
                                view! {
                                    <a
                                        href="/signin"
                                        class="rounded px-2 py-1.5 text-slate-700 hover:bg-slate-100 hover:text-teal-800"
                                    >
                                        "Sign in"
                                    </a>
                                    <a
                                        href="/signup"
                                        class="rounded-md bg-teal-700 px-3 py-1.5 text-center font-medium text-white hover:bg-teal-800"
                                    >
                                        "Create account"
                                    </a>
                                }
                            }
                        >
                            <NavLinks links=&SIGNED_IN_NAV />
                            <Show when=is_admin>
                                <a href="/admin" class="rounded px-2 py-1.5 text-slate-700 hover:bg-slate-100 hover:text-teal-800">
                                    "Console"
                                </a>
                            </Show>
                            <a
                                href="/account"
                                class="rounded-md bg-teal-700 px-3 py-1.5 text-center font-medium text-white hover:bg-teal-800"
                            >
                                "Your account"
                            </a>
                        </Show>
                    </Transition>
                </div>
            </nav>
        </header>
    }
}

#[component]
fn NavLinks(links: &'static [(&'static str, &'static str)]) -> impl IntoView {
    links
        .iter()
        .map(|(href, label)| {
            view! {
                <a
                    href=*href
                    class="rounded px-2 py-1.5 text-slate-700 hover:bg-slate-100 hover:text-teal-800"
                >
                    {*label}
                </a>
            }
        })
        .collect_view()
}

#[component]
pub fn SiteFooter() -> impl IntoView {
    view! {
        <footer class="border-t border-slate-200 bg-white">
            <div class="mx-auto flex max-w-6xl flex-col gap-2 px-4 py-6 text-sm text-slate-600 sm:flex-row sm:justify-between">
                <p>"Licensure: open-source credential and CE tracking for clinicians."</p>
                <p class="flex gap-4">
                    <a href="/status" class="underline hover:text-teal-800">
                        "Service status"
                    </a>
                    <span>"Version " {env!("CARGO_PKG_VERSION")}</span>
                </p>
            </div>
        </footer>
    }
}
