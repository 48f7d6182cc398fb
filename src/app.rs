//! The document shell, the router and the site-wide layout.

use leptos::prelude::*;
use leptos_meta::{MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::{
    SsrMode,
    components::{Route, Router, Routes},
    path,
};

use crate::features::{accounts, admin, courses, documents, landing, status, updates, workspace};
use crate::ui::{layout::SiteFooter, layout::SiteHeader, not_found::NotFound};

/// The HTML document around the app; rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::server::security::send_content_security_policy();

    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="theme-color" content="#0f766e" />
                <meta
                    name="description"
                    content="Licensure keeps clinicians' licences, certifications, DEA registration and continuing education in order."
                />
                <link rel="manifest" href="/manifest.webmanifest" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <link rel="apple-touch-icon" href="/icons/icon-192.png" />
                <script src="/sw-register.js" defer></script>
                <AutoReload options=options.clone() />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body class="min-h-screen bg-slate-50 text-slate-900 antialiased">
                <App />
            </body>
        </html>
    }
}

/// The application: layout around the routed pages.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    // Effects run only in the browser, so this flips once the app has hydrated; tests and
    // styles can wait for `data-hydrated="true"`.
    let (hydrated, set_hydrated) = signal(false);
    Effect::new(move |_| set_hydrated.set(true));

    view! {
        <Stylesheet id="leptos" href="/pkg/licensure.css" />
        <Title formatter=|page: String| {
            if page.is_empty() { "Licensure".to_owned() } else { format!("{page} · Licensure") }
        } />
        <Router>
            <div
                class="flex min-h-screen flex-col"
                data-hydrated=move || hydrated.get().to_string()
            >
                <a
                    href="#main"
                    class="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:shadow"
                >
                    "Skip to content"
                </a>
                <SiteHeader />
                <main id="main" class="flex-1">
                    <Routes fallback=NotFound>
                        <Route path=path!("") view=landing::LandingPage />
                        <Route path=path!("status") view=status::StatusPage />
                        <Route path=path!("signin") view=accounts::SignInPage />
                        <Route path=path!("signin/two-factor") view=accounts::TwoFactorSignInPage />
                        <Route path=path!("signup") view=accounts::SignUpPage />
                        <Route path=path!("account") view=accounts::AccountPage />
                        <Route path=path!("dashboard") view=workspace::DashboardPage />
                        <Route path=path!("credentials") view=workspace::CredentialsPage />
                        <Route path=path!("activities") view=workspace::ActivitiesPage />
                        <Route path=path!("documents") view=documents::DocumentsPage ssr=SsrMode::Async />
                        <Route path=path!("profile") view=workspace::ProfilePage />
                        <Route path=path!("courses") view=courses::CoursesPage ssr=SsrMode::Async />
                        // Async, so the list is in the first response and reads without WASM.
                        <Route path=path!("updates") view=updates::UpdatesPage ssr=SsrMode::Async />
                        // Async: the page is sent whole, so its status (404 for anyone but an
                        // administrator) is known before the first byte.
                        <Route path=path!("admin") view=admin::AdminAccountsPage ssr=SsrMode::Async />
                        <Route path=path!("admin/audit") view=admin::AdminAuditPage ssr=SsrMode::Async />
                        <Route path=path!("admin/accounts/:id") view=admin::AdminAccountPage ssr=SsrMode::Async />
                        <Route path=path!("admin/accounts/:id/records") view=admin::AdminAccountRecordsPage ssr=SsrMode::Async />
                        <Route path=path!("admin/access") view=admin::AdminAccessPage ssr=SsrMode::Async />
                        <Route path=path!("admin/catalog") view=admin::AdminCatalogPage ssr=SsrMode::Async />
                        <Route path=path!("admin/catalog/:id") view=admin::AdminCatalogSetPage ssr=SsrMode::Async />
                        <Route path=path!("admin/status") view=admin::AdminStatusPage ssr=SsrMode::Async />
                        <Route path=path!("admin/announcements") view=admin::AdminAnnouncementsPage ssr=SsrMode::Async />
                        <Route path=path!("admin/courses") view=admin::AdminCoursesPage ssr=SsrMode::Async />
                        <Route path=path!("verify-email") view=accounts::VerifyEmailPage />
                        <Route path=path!("forgot-password") view=accounts::ForgotPasswordPage />
                        <Route path=path!("reset-password") view=accounts::ResetPasswordPage />
                    </Routes>
                </main>
                <SiteFooter />
            </div>
        </Router>
    }
}
