//! The upload panel: a kind, a drop zone that is also the file picker, a camera button for
//! phones, and a row per file with its progress and result.

use leptos::prelude::*;

use super::{
    uploads::{Target, UploadItem, Uploads, send_chosen, send_dropped},
    views::Allowance,
};
use crate::{domain::documents::DocumentKind, error::AppError};

/// What the picker offers; the server decides the real type from the content.
pub const ACCEPT: &str = "application/pdf,image/png,image/jpeg,image/heic,image/heif,.heic,.heif";

#[component]
pub fn Uploader(
    allowance: Resource<Result<Allowance, AppError>>,
    uploads: Uploads,
) -> impl IntoView {
    let kind = RwSignal::new(DocumentKind::CeCertificate.as_str().to_owned());
    let over = RwSignal::new(false);
    // Effects run only in the browser, so this turns true once the page is interactive.
    let scripted = RwSignal::new(false);
    Effect::new(move |_| scripted.set(true));
    let target = move || Target::NewDocuments {
        kind: kind.get_untracked(),
    };
    view! {
        <section aria-labelledby="upload-heading" class="mt-6 rounded-lg border border-slate-200 bg-white p-4">
            <h2 id="upload-heading" class="text-xl font-semibold">"Add documents"</h2>
            <Transition fallback=|| view! { <p class="mt-1 text-sm text-slate-700">"PDF, PNG, JPEG or HEIC."</p> }>
                {move || allowance.get().map(|result| match result {
                    Ok(allowance) => view! {
                        <p class="mt-1 text-sm text-slate-700" data-testid="allowance">
                            "PDF, PNG, JPEG or HEIC, up to " {allowance.file_limit_mb} " MB per file. "
                            {allowance.usage_label()} "."
                        </p>
                    }.into_any(),
                    Err(err) => crate::ui::form::load_failed(err),
                })}
            </Transition>
            // Without JavaScript the form posts as it is and the page reports counts; with it,
            // each file goes up on its own with a progress bar.
            <form method="post" action="/documents/upload" enctype="multipart/form-data">
            <div class="mt-3 flex max-w-sm flex-col gap-1">
                <label for="upload-kind" class="font-medium text-slate-800">"These files are"</label>
                <select
                    id="upload-kind"
                    name="kind"
                    class="rounded-md border border-slate-300 bg-white px-3 py-2"
                    on:change=move |ev| kind.set(event_target_value(&ev))
                >
                    {DocumentKind::ALL.into_iter().map(|k| view! {
                        <option value=k.as_str() selected=k == DocumentKind::CeCertificate>{k.label()}</option>
                    }).collect_view()}
                </select>
            </div>
            <label
                for="upload-files"
                class=move || format!(
                    "mt-3 flex cursor-pointer flex-col items-center justify-center gap-1 rounded-lg border-2 border-dashed px-4 py-8 text-center {}",
                    if over.get() { "border-teal-700 bg-teal-50" } else { "border-slate-300" },
                )
                on:dragover=move |ev| { ev.prevent_default(); over.set(true); }
                on:dragleave=move |_| over.set(false)
                on:drop=move |ev| { over.set(false); send_dropped(&ev, uploads, target()); }
                data-testid="drop-zone"
            >
                <span class="font-semibold text-teal-800">"Choose files"</span>
                <span class="text-sm text-slate-700">"or drop them here. Several at once is fine."</span>
            </label>
            <input
                id="upload-files"
                name="file"
                type="file"
                multiple
                accept=ACCEPT
                class="sr-only"
                on:change=move |ev| send_chosen(&ev, uploads, target())
            />
            // On phones this opens the camera straight away; elsewhere it is a file picker.
            <label for="upload-camera" class="mt-3 inline-block cursor-pointer rounded-md border border-slate-300 px-3 py-2 sm:hidden">
                "Take a photo of a certificate"
            </label>
            <input
                id="upload-camera"
                name="file"
                type="file"
                accept="image/*"
                capture="environment"
                class="sr-only"
                on:change=move |ev| send_chosen(&ev, uploads, target())
            />
            // Only needed without JavaScript: once the page runs, files go up as they are chosen.
            <button type="submit" class="mt-3 block rounded-md bg-teal-700 px-4 py-2 font-semibold text-white" class:hidden=move || scripted.get()>
                "Upload"
            </button>
            </form>
            <UploadList uploads />
        </section>
    }
}

/// One row per file sent from this page, newest last.
#[component]
pub fn UploadList(uploads: Uploads) -> impl IntoView {
    view! {
        <ul class="mt-3 flex flex-col gap-2" aria-live="polite" data-testid="upload-results">
            <For each=move || uploads.items.get() key=|item| item.key let:item>
                <UploadRow item />
            </For>
        </ul>
    }
}

#[component]
fn UploadRow(item: UploadItem) -> impl IntoView {
    let UploadItem {
        name,
        progress,
        result,
        certificate,
        ..
    } = item;
    let label = format!("Uploading {name}");
    view! {
        <li class="rounded-md border border-slate-200 p-3 text-sm">
            <p class="break-all font-medium">{name}</p>
            {move || match result.get() {
                None => view! {
                    <progress class="mt-2 h-2 w-full" max="1" value=move || progress.get() aria-label=label.clone() />
                }.into_any(),
                Some(done) if done.stored => {
                    let record = done
                        .document_id
                        .clone()
                        .filter(|_| certificate)
                        .map(|id| format!("/activities?document={id}"));
                    view! {
                        <p class="mt-1 text-emerald-900">{done.message.clone()}</p>
                        {record.map(|href| view! {
                            <a href=href class="mt-1 inline-block font-medium text-teal-800 underline">
                                "Record the CE activity from this certificate"
                            </a>
                        })}
                    }.into_any()
                }
                Some(done) => view! { <p class="mt-1 text-red-800" role="alert">{done.message}</p> }.into_any(),
            }}
        </li>
    }
}
