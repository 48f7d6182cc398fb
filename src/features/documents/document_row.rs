//! One document in the list: preview, title, kind, links, size and date, and what can be
//! done with it.

use leptos::prelude::*;

use super::{
    api::{DeleteDocument, RenameDocument, ReportPatientInformation},
    uploader::{ACCEPT, UploadList},
    uploads::{Target, Uploads, send_chosen},
    views::{DocumentView, VersionView},
};
use crate::{domain::documents::DocumentKind, features::workspace::Choice, ui::form::ErrorBanner};

const BUTTON: &str = "rounded-md border border-slate-300 px-3 py-1.5 text-sm";

/// The page's actions, shared by every row.
#[derive(Clone, Copy)]
pub struct DocumentActions {
    pub rename: ServerAction<RenameDocument>,
    pub delete: ServerAction<DeleteDocument>,
    pub report: ServerAction<ReportPatientInformation>,
    /// Moves when a file finishes on this page, so the list reloads with the new version.
    pub uploaded: RwSignal<usize>,
}

/// What a document can be linked to.
#[derive(Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct LinkChoices {
    pub credentials: Vec<Choice>,
    pub activities: Vec<Choice>,
}

fn file_url(id: &str, version: Option<i32>, inline: bool) -> String {
    let mut url = format!("/documents/{id}/file");
    let mut params = Vec::new();
    if let Some(number) = version {
        params.push(format!("version={number}"));
    }
    if inline {
        params.push("view=inline".to_owned());
    }
    if !params.is_empty() {
        url.push('?');
        url.push_str(&params.join("&"));
    }
    url
}

#[component]
pub fn DocumentRow(
    doc: DocumentView,
    links: LinkChoices,
    actions: DocumentActions,
) -> impl IntoView {
    let Some(newest) = doc.versions.first().cloned() else {
        return ().into_any();
    };
    let id = doc.id.clone();
    let editing = RwSignal::new(false);
    let uploads = Uploads::reporting_to(actions.uploaded);
    let needs_activity = doc.kind == DocumentKind::CeCertificate.as_str() && doc.activity.is_none();
    let for_edit = doc.clone();
    let versions = doc.versions.clone();
    view! {
        <li class="p-4" data-testid="document">
            <div class="flex gap-4">
                <Preview id=id.clone() version=newest.clone() />
                <div class="min-w-0 flex-1">
                    <a href=file_url(&id, None, true) target="_blank" rel="noopener" class="break-words font-medium text-teal-800 underline">
                        {doc.title.clone()}
                    </a>
                    <p class="text-sm text-slate-700">
                        {doc.kind_label.clone()} " · " {newest.size_label()} " · " {newest.uploaded.clone()}
                        {(doc.versions.len() > 1).then(|| format!(" · version {}", newest.number))}
                    </p>
                    {doc.activity.clone().map(|link| view! {
                        <p class="text-sm text-slate-700">"Proves: " <a href="/activities" class="underline">{link.title}</a></p>
                    })}
                    {doc.credential.clone().map(|link| view! {
                        <p class="text-sm text-slate-700">"For: " <a href="/credentials" class="underline">{link.title}</a></p>
                    })}
                    {needs_activity.then(|| view! {
                        <a href=format!("/activities?document={id}") class="text-sm font-medium text-teal-800 underline">
                            "Record the CE activity from this certificate"
                        </a>
                    })}
                </div>
            </div>
            <div class="mt-3 flex flex-wrap gap-2">
                <a href=file_url(&id, None, false) class=BUTTON download>"Download"</a>
                <button type="button" class=BUTTON aria-expanded=move || editing.get().to_string()
                    on:click=move |_| editing.update(|open| *open = !*open)>
                    "Rename or link"
                </button>
                <label class=format!("{BUTTON} cursor-pointer") for=format!("replace-{id}")>"Upload a new version"</label>
                <input id=format!("replace-{id}") type="file" accept=ACCEPT class="sr-only"
                    on:change={
                        let document = id.clone();
                        move |ev| send_chosen(&ev, uploads, Target::NextVersion { document: document.clone() })
                    } />
            </div>
            <UploadList uploads />
            <Show when=move || editing.get()>
                <EditForm doc=for_edit.clone() links=links.clone() rename=actions.rename />
            </Show>
            <Versions id=id.clone() versions=versions.clone() />
            <Removal id=id.clone() proves=doc.activity.clone().map(|link| link.title) actions />
        </li>
    }
    .into_any()
}

/// A thumbnail for photos; the file's type for PDFs and HEIC pictures.
#[component]
fn Preview(id: String, version: VersionView) -> impl IntoView {
    let failed = RwSignal::new(false);
    let badge = match version.content_type.as_str() {
        "application/pdf" => "PDF",
        "image/heic" | "image/heif" => "HEIC",
        _ => "IMG",
    };
    let box_class = "flex h-16 w-16 shrink-0 items-center justify-center overflow-hidden rounded border border-slate-200 bg-slate-100 text-xs font-semibold text-slate-700";
    if !version.has_preview() {
        return view! { <div class=box_class aria-hidden="true">{badge}</div> }.into_any();
    }
    let src = format!("/documents/{id}/thumbnail?version={}", version.number);
    view! {
        <div class=box_class>
            <Show when=move || !failed.get() fallback=move || badge>
                <img src=src.clone() alt="" width="64" height="64" loading="lazy"
                    class="h-16 w-16 object-cover" on:error=move |_| failed.set(true) />
            </Show>
        </div>
    }
    .into_any()
}

#[component]
fn Versions(id: String, versions: Vec<VersionView>) -> impl IntoView {
    let count = versions.len();
    view! {
        <details class="mt-3 text-sm">
            <summary class="cursor-pointer text-slate-800">{format!("All versions ({count})")}</summary>
            <ul class="mt-2 flex flex-col gap-1">
                {versions.into_iter().map(|v| view! {
                    <li class="flex flex-wrap gap-x-3">
                        <span>{format!("Version {}", v.number)}</span>
                        <span class="break-all">{v.file_name.clone()}</span>
                        <span>{v.size_label()}</span>
                        <span>{v.uploaded.clone()}</span>
                        <a href=file_url(&id, Some(v.number), false) class="text-teal-800 underline" download>"Download"</a>
                    </li>
                }).collect_view()}
            </ul>
        </details>
    }
}

#[component]
fn EditForm(
    doc: DocumentView,
    links: LinkChoices,
    rename: ServerAction<RenameDocument>,
) -> impl IntoView {
    let field = {
        let id = doc.id.clone();
        move |suffix: &str| format!("{suffix}-{id}")
    };
    let linked_activity = doc
        .activity
        .as_ref()
        .map(|l| l.id.clone())
        .unwrap_or_default();
    let linked_credential = doc
        .credential
        .as_ref()
        .map(|l| l.id.clone())
        .unwrap_or_default();
    let select = "rounded-md border border-slate-300 bg-white px-3 py-2";
    view! {
        <ActionForm action=rename attr:class="mt-3 grid grid-cols-1 gap-3 rounded-md bg-slate-50 p-3 sm:grid-cols-2">
            <input type="hidden" name="id" value=doc.id.clone() />
            <div class="flex min-w-0 flex-col gap-1">
                <label for=field("title") class="font-medium">"Title"</label>
                <input id=field("title") name="title" value=doc.title.clone() required maxlength="120" class=select />
            </div>
            <div class="flex min-w-0 flex-col gap-1">
                <label for=field("kind") class="font-medium">"Kind"</label>
                <select id=field("kind") name="kind" class=select>
                    {DocumentKind::ALL.into_iter().map(|k| view! {
                        <option value=k.as_str() selected=k.as_str() == doc.kind>{k.label()}</option>
                    }).collect_view()}
                </select>
            </div>
            <LinkSelect id=field("credential") name="credential" label="For credential" choices=links.credentials selected=linked_credential />
            <LinkSelect id=field("activity") name="activity" label="Proves activity" choices=links.activities selected=linked_activity />
            <div class="sm:col-span-2">
                <ErrorBanner error=move || rename.value().get().and_then(Result::err) />
                <button type="submit" class="rounded-md bg-teal-700 px-4 py-2 font-semibold text-white">"Save"</button>
            </div>
        </ActionForm>
    }
}

#[component]
fn LinkSelect(
    id: String,
    name: &'static str,
    label: &'static str,
    choices: Vec<Choice>,
    selected: String,
) -> impl IntoView {
    view! {
        <div class="flex min-w-0 flex-col gap-1">
            <label for=id.clone() class="font-medium">{label}</label>
            <select id=id name=name class="w-full min-w-0 rounded-md border border-slate-300 bg-white px-3 py-2">
                <option value="none">"None"</option>
                {choices.into_iter().map(|c| {
                    let chosen = c.key == selected;
                    view! { <option value=c.key selected=chosen>{c.label}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

/// Delete, and destroy for patient information; each asks once more before it acts.
#[component]
fn Removal(id: String, proves: Option<String>, actions: DocumentActions) -> impl IntoView {
    let delete_id = id.clone();
    // Deleting the proof of a recorded activity is allowed, but not without saying so.
    let consequence = match proves {
        Some(title) => format!(
            "The document and all its versions are deleted. The activity \u{201c}{title}\u{201d} stays recorded, without its certificate."
        ),
        None => "The document and all its versions are deleted.".to_owned(),
    };
    view! {
        <div class="mt-3 flex flex-col gap-2 text-sm sm:flex-row sm:gap-6">
            <details>
                <summary class="cursor-pointer text-red-800">"Delete…"</summary>
                <ActionForm action=actions.delete attr:class="mt-2 flex flex-col gap-2">
                    <input type="hidden" name="id" value=delete_id />
                    <p class="max-w-prose">{consequence}</p>
                    <button type="submit" class="self-start rounded-md border border-red-300 px-3 py-1.5 text-red-800">"Delete this document"</button>
                </ActionForm>
            </details>
            <details>
                <summary class="cursor-pointer text-red-800">"It contains patient information…"</summary>
                <ActionForm action=actions.report attr:class="mt-2 flex flex-col gap-2">
                    <input type="hidden" name="id" value=id />
                    <p class="max-w-prose">
                        "Patient information must not be kept here. The document is destroyed at once: every version, its preview and its encryption key, so no copy can be read again. The audit log records that it happened, not what it held."
                    </p>
                    <button type="submit" class="self-start rounded-md bg-red-800 px-3 py-1.5 font-semibold text-white">"Destroy it now"</button>
                </ActionForm>
            </details>
        </div>
    }
}
