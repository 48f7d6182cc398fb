//! Pieces the console pages share: the links between them and the page links under a list.

use leptos::prelude::*;

/// Links between the console's pages.
#[component]
pub fn ConsoleNav() -> impl IntoView {
    view! {
        <nav class="mb-4 flex flex-wrap gap-x-4 gap-y-2 text-sm" aria-label="Console">
            <a href="/admin" class="text-teal-800 underline">"Accounts"</a>
            <a href="/admin/access" class="text-teal-800 underline">"Access review"</a>
            <a href="/admin/audit" class="text-teal-800 underline">"Audit log"</a>
            <a href="/admin/catalog" class="text-teal-800 underline">"Catalog"</a>
            <a href="/admin/status" class="text-teal-800 underline">"Status"</a>
            <a href="/admin/announcements" class="text-teal-800 underline">"Announcements"</a>
            <a href="/admin/courses" class="text-teal-800 underline">"Courses"</a>
        </nav>
    }
}

/// "Previous page" and "Next page" links to `path` with the list's filters kept, so paging
/// works as plain links without WASM.
#[component]
pub fn Pager(
    path: &'static str,
    filters: Vec<(&'static str, String)>,
    page: u64,
    pages: u64,
) -> impl IntoView {
    let link = move |page: u64| {
        let mut url = format!("{path}?");
        for (name, value) in &filters {
            url.push_str(&format!("{name}={}&", percent_encode(value)));
        }
        format!("{url}page={page}")
    };
    view! {
        <nav class="mt-4 flex gap-4" aria-label="Pages">
            {(page > 1).then(|| view! { <a href=link(page - 1) class="text-teal-800 underline">"Previous page"</a> })}
            {(page < pages).then(|| view! { <a href=link(page + 1) class="text-teal-800 underline">"Next page"</a> })}
        </nav>
    }
}

pub use crate::ui::links::percent_encode;
