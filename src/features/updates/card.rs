//! One announcement as clinicians read it. The console's preview uses this same component,
//! so what the administrator checks is what clinicians get.

use leptos::prelude::*;

use super::views::UpdateView;
use crate::domain::announcement::paragraphs;

/// Title, date and paragraphs; `children` go at the foot (the banner's Dismiss form).
/// `level` is the heading level that fits the page around it (2 or 3).
#[component]
pub fn UpdateArticle(
    update: UpdateView,
    #[prop(default = 2)] level: u8,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let heading_id = format!("update-{}", update.id);
    let labelled_by = heading_id.clone();
    let title = update.title;
    // Text goes in as text nodes, which Leptos escapes; never as HTML.
    let heading = if level == 3 {
        view! { <h3 id=heading_id class="text-lg font-semibold">{title}</h3> }.into_any()
    } else {
        view! { <h2 id=heading_id class="text-lg font-semibold">{title}</h2> }.into_any()
    };
    view! {
        <article class="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby=labelled_by data-testid="update">
            {heading}
            <p class="text-sm text-slate-600">"Published " {update.published_on}</p>
            <div class="mt-2 space-y-3 text-slate-800">
                // pre-line keeps single line breaks inside a paragraph, as the author typed them.
                {paragraphs(&update.body).into_iter().map(|text| view! { <p class="whitespace-pre-line break-words">{text}</p> }).collect_view()}
            </div>
            {children.map(|children| view! { <div class="mt-3">{children()}</div> })}
        </article>
    }
}
