//! `/documents`: upload certificates and licence copies, find them again, view, download,
//! rename, link, replace, delete, and destroy one that holds patient information.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::{
    api::{
        DeleteDocument, RenameDocument, ReportPatientInformation, document_allowance,
        list_documents,
    },
    document_row::{DocumentActions, DocumentRow, LinkChoices},
    uploader::Uploader,
    uploads::Uploads,
    views::DocumentView,
};
use crate::{
    features::workspace::{Choice, list_activities, list_credentials},
    ui::form::ErrorBanner,
};

#[component]
pub fn DocumentsPage() -> impl IntoView {
    let uploads = Uploads::new();
    let actions = DocumentActions {
        rename: ServerAction::<RenameDocument>::new(),
        delete: ServerAction::<DeleteDocument>::new(),
        report: ServerAction::<ReportPatientInformation>::new(),
        uploaded: uploads.finished,
    };
    // Anything that changed the list or the space used: only successes reload it, so a
    // refused rename keeps its form open with the reason (reloading re-creates the rows).
    let reload = RwSignal::new(0usize);
    reload_on_success(actions.rename.value(), reload);
    reload_on_success(actions.delete.value(), reload);
    reload_on_success(actions.report.value(), reload);
    let changed = move || (uploads.finished.get(), reload.get());
    let allowance = Resource::new(changed, |_| document_allowance());
    let list = Resource::new(changed, |_| list_documents());
    let choices = Resource::new(|| (), |_| link_choices());
    let search = RwSignal::new(String::new());
    view! {
        <Title text="Documents" />
        <section class="mx-auto max-w-5xl px-4 py-8">
            <h1 class="text-2xl font-semibold">"Documents"</h1>
            <p class="mt-1 max-w-3xl text-slate-700">
                "Certificates, licence copies and board letters, encrypted with a key of their own. A CE certificate you upload is read for you: its activity is proposed for you to check and record."
            </p>
            <PlainFormOutcome />
            // Rendered once: re-creating it on every finished upload would reset the chosen
            // kind and drop the rows of files still on their way.
            <Uploader allowance uploads />
            <h2 class="mt-10 text-xl font-semibold">"Your documents"</h2>
            <div class="mt-3 flex max-w-md flex-col gap-1" role="search">
                <label for="document-search" class="font-medium text-slate-800">"Search titles, file names and links"</label>
                <input
                    id="document-search"
                    type="search"
                    class="rounded-md border border-slate-300 px-3 py-2"
                    on:input=move |ev| search.set(event_target_value(&ev))
                />
            </div>
            // Shared by every row's delete and destroy forms, so shown once, above the list.
            <div class="mt-3">
                <ErrorBanner error=move || actions.delete.value().get().and_then(Result::err).or_else(|| actions.report.value().get().and_then(Result::err)) />
            </div>
            <Transition fallback=|| view! { <p class="mt-4">"Loading…"</p> }>
                {move || {
                    let links = choices.get().and_then(Result::ok).unwrap_or_default();
                    list.get().map(|result| match result {
                        Ok(list) => view! { <DocumentList list search links actions /> }.into_any(),
                        Err(err) => crate::ui::form::load_failed(err),
                    })
                }}
            </Transition>
        </section>
    }
}

/// Moves `reload` each time an action's latest result is a success. One effect per action:
/// a shared one would also run when another action fails and count the old success again.
fn reload_on_success<T: Send + Sync + 'static>(
    result: MappedSignal<Option<Result<T, crate::error::AppError>>>,
    reload: RwSignal<usize>,
) {
    Effect::new(move |_| {
        if result.with(|latest| matches!(latest, Some(Ok(_)))) {
            reload.update(|n| *n += 1);
        }
    });
}

/// The caller's credentials and activities, for linking a document to one of them.
async fn link_choices() -> Result<LinkChoices, crate::error::AppError> {
    let credentials = list_credentials().await?;
    let activities = list_activities(None, None).await?;
    Ok(LinkChoices {
        credentials: credentials
            .into_iter()
            .map(|c| Choice {
                key: c.id,
                label: c.title,
            })
            .collect(),
        activities: activities
            .into_iter()
            .map(|a| Choice {
                key: a.id,
                label: format!("{} ({})", a.title, a.completed),
            })
            .collect(),
    })
}

/// Whether every word of the search is in the document's title, file names, kind or links.
fn matches(doc: &DocumentView, words: &[String]) -> bool {
    let mut haystack = format!("{} {}", doc.title, doc.kind_label);
    for version in &doc.versions {
        haystack.push(' ');
        haystack.push_str(&version.file_name);
    }
    for link in [&doc.activity, &doc.credential].into_iter().flatten() {
        haystack.push(' ');
        haystack.push_str(&link.title);
    }
    let haystack = haystack.to_lowercase();
    words.iter().all(|word| haystack.contains(word.as_str()))
}

#[component]
fn DocumentList(
    list: Vec<DocumentView>,
    search: RwSignal<String>,
    links: LinkChoices,
    actions: DocumentActions,
) -> impl IntoView {
    if list.is_empty() {
        return view! {
            <p class="mt-4 text-slate-700" data-testid="no-documents">
                "No documents yet. Upload a certificate above; it stays encrypted and only you can open it."
            </p>
        }
        .into_any();
    }
    let shown = move || {
        let words: Vec<String> = search
            .get()
            .split_whitespace()
            .map(str::to_lowercase)
            .collect();
        list.iter()
            .filter(|doc| matches(doc, &words))
            .cloned()
            .collect::<Vec<_>>()
    };
    view! {
        <ul class="mt-4 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" data-testid="documents">
            <For each=shown key=|doc| (doc.id.clone(), doc.title.clone(), doc.versions.len(), doc.activity.clone(), doc.credential.clone(), doc.kind.clone()) let:doc>
                <DocumentRow doc links=links.clone() actions />
            </For>
        </ul>
        <Show when=move || search.with(|s| !s.trim().is_empty())>
            <p class="mt-2 text-sm text-slate-700">"Clear the search to see every document."</p>
        </Show>
    }
    .into_any()
}

/// After an upload sent without JavaScript: how many files were kept and refused.
#[component]
fn PlainFormOutcome() -> impl IntoView {
    let query = use_query_map();
    let count = move |name: &str| query.with(|q| q.get(name).and_then(|n| n.parse::<usize>().ok()));
    move || {
        let (stored, refused) = (count("stored")?, count("refused")?);
        let mut text = if stored + refused == 0 {
            "No file was chosen: choose one or more files, then Upload.".to_owned()
        } else {
            format!("{stored} file(s) uploaded.")
        };
        if refused > 0 {
            text.push_str(&format!(
                " {refused} file(s) refused: only PDF, PNG, JPEG and HEIC files within the limits below are kept. With JavaScript on, each file says why."
            ));
        }
        Some(view! {
            <p class="mt-4 rounded-md border border-slate-200 bg-white p-3" role="status">{text}</p>
        })
    }
}
