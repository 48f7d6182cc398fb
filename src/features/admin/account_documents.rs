//! The documents part of an account's records page: each document with its versions, a
//! download link per version (the records page's reason goes with it and is audited again
//! for the file), and "Destroy: contains patient information" with a reason of its own.

use leptos::prelude::*;

use super::{api::DestroyAccountDocument, parts::percent_encode};
use crate::{
    domain::documents::size,
    features::documents::DocumentView,
    ui::form::{ErrorBanner, INPUT},
};

const DANGER: &str = "rounded-md border border-red-300 px-3 py-2 text-red-800";

#[component]
pub fn AccountDocuments(documents: Vec<DocumentView>, reason: String) -> impl IntoView {
    view! {
        <h3 class="mt-4 font-semibold">"Documents"</h3>
        {if documents.is_empty() {
            view! { <p class="text-slate-600">"None."</p> }.into_any()
        } else {
            view! {
                <ul class="mt-1 flex flex-col gap-4 text-sm">
                    {documents.into_iter().map(|doc| view! { <DocumentEntry doc reason=reason.clone() /> }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}

#[component]
fn DocumentEntry(doc: DocumentView, reason: String) -> impl IntoView {
    let destroy = ServerAction::<DestroyAccountDocument>::new();
    let destroyed = move || matches!(destroy.value().get(), Some(Ok(())));
    let error = move || destroy.value().get().and_then(Result::err);
    let count = doc.versions.len();
    let versions = if count == 1 {
        "1 version".to_owned()
    } else {
        format!("{count} versions")
    };
    let reason_query = percent_encode(&reason);
    let input_id = format!("destroy-reason-{}", doc.id);
    let links = doc
        .versions
        .iter()
        .map(|version| {
            let href = format!(
                "/admin/documents/{}/file?version={}&reason={reason_query}",
                doc.id, version.number
            );
            view! {
                <li>
                    "Version " {version.number} " · " {size::readable(version.size)} " · uploaded " {version.uploaded.clone()} " · "
                    <a href=href rel="nofollow" class="text-teal-800 underline">"Download"</a>
                </li>
            }
        })
        .collect_view();
    view! {
        <li data-testid="document">
            <p hidden=destroyed class="font-medium">
                {doc.title.clone()} <span class="font-normal text-slate-600">" · " {doc.kind_label.clone()} " · " {versions}</span>
            </p>
            <ul hidden=destroyed class="list-disc pl-5">{links}</ul>
            <ActionForm action=destroy attr:class="mt-2 flex flex-wrap items-end gap-2" attr:hidden=destroyed>
                <input type="hidden" name="id" value=doc.id.clone() />
                <div class="flex flex-col gap-1">
                    <label for=input_id.clone() class="text-sm font-medium">"Reason"</label>
                    <input id=input_id name="reason" required minlength="5" maxlength="500" class=format!("w-72 {INPUT}") />
                </div>
                <button type="submit" class=DANGER>"Destroy: contains patient information"</button>
            </ActionForm>
            <p hidden=move || !destroyed() role="status">
                "Destroyed: every version, its stored copies and its key are gone; the audit log keeps your reason."
            </p>
            <ErrorBanner error />
        </li>
    }
}
