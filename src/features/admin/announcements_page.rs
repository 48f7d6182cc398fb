//! `/admin/announcements`: write, edit, preview, publish and unpublish product updates.
//! Editing (`?edit=<id>`) and previewing (`?preview=<id>`) are plain links and every
//! change a plain POST form, so the page works without WASM.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::{
    announcement_views::{AnnouncementList, AnnouncementRow},
    announcements_api::{
        PublishAnnouncement, SaveAnnouncement, UnpublishAnnouncement, get_announcement,
        list_announcements,
    },
    parts::ConsoleNav,
};
use crate::{
    domain::announcement::{BODY_MAX, TITLE_MAX},
    error::AppError,
    features::updates::UpdateArticle,
    ui::form::{ErrorBanner, INPUT, PRIMARY_BUTTON, load_failed, text_area},
};

const PATH: &str = "/admin/announcements";

/// One announcement named by a query parameter, or `None` when the parameter is empty.
async fn named(id: String) -> Option<Result<AnnouncementRow, AppError>> {
    if id.is_empty() {
        None
    } else {
        Some(get_announcement(Some(id)).await)
    }
}

#[component]
pub fn AdminAnnouncementsPage() -> impl IntoView {
    let query = use_query_map();
    let param = move |name: &str| query.with(|q| q.get(name).unwrap_or_default());
    let save = ServerAction::<SaveAnnouncement>::new();
    let publish = ServerAction::<PublishAnnouncement>::new();
    let unpublish = ServerAction::<UnpublishAnnouncement>::new();
    let list = Resource::new(
        move || {
            (
                save.version().get(),
                publish.version().get(),
                unpublish.version().get(),
            )
        },
        |_| list_announcements(),
    );
    let preview = Resource::new(
        move || (param("preview"), save.version().get()),
        |(id, _)| named(id),
    );
    // Keyed on the link only: a failed save must not reload the form and lose the text.
    let editing = Resource::new(move || param("edit"), named);
    view! {
        <Title text="Announcements · Console" />
        <section class="mx-auto max-w-6xl px-4 py-8">
            <ConsoleNav />
            <h1 class="text-2xl font-semibold">"Announcements"</h1>
            <p class="mt-1 text-slate-700">
                "Product updates: clinicians see a published one once on their dashboard, and all of them under Product updates."
            </p>
            <Suspense fallback=|| ()>
                {move || preview.get().flatten().map(|result| match result {
                    Ok(row) => view! { <Preview row /> }.into_any(),
                    Err(err) => load_failed(err),
                })}
            </Suspense>
            <div class="mt-4">
                <ErrorBanner error=move || {
                    publish.value().get().and_then(Result::err)
                        .or_else(|| unpublish.value().get().and_then(Result::err))
                } />
            </div>
            <Transition fallback=|| view! { <p class="mt-4">"Loading…"</p> }>
                {move || list.get().map(|result| match result {
                    Ok(list) => view! { <AnnouncementTable list publish unpublish /> }.into_any(),
                    Err(err) => load_failed(err),
                })}
            </Transition>
            <Suspense fallback=|| ()>
                {move || editing.get().map(|found| match found {
                    None => view! { <Editor row=None save /> }.into_any(),
                    Some(Ok(row)) => view! { <Editor row=Some(row) save /> }.into_any(),
                    Some(Err(err)) => load_failed(err),
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Preview(row: AnnouncementRow) -> impl IntoView {
    view! {
        <section class="mt-6 rounded-lg border border-dashed border-slate-400 p-4" aria-labelledby="preview-heading" data-testid="preview">
            <div class="flex flex-wrap items-baseline justify-between gap-2">
                <h2 id="preview-heading" class="text-lg font-semibold">"Preview: as clinicians will see it"</h2>
                <a href=PATH class="text-sm text-teal-800 underline">"Close preview"</a>
            </div>
            <div class="mt-3 max-w-3xl">
                <UpdateArticle update=row.preview level=3 />
            </div>
        </section>
    }
}

#[component]
fn AnnouncementTable(
    list: AnnouncementList,
    publish: ServerAction<PublishAnnouncement>,
    unpublish: ServerAction<UnpublishAnnouncement>,
) -> impl IntoView {
    if list.rows.is_empty() {
        return view! {
            <p class="mt-6 text-slate-700" data-testid="no-announcements">"No announcements yet. Write the first one below."</p>
        }
        .into_any();
    }
    view! {
        <div class="mt-6 overflow-x-auto">
            <table class="min-w-full border-collapse text-left text-sm" data-testid="announcements">
                <thead>
                    <tr class="border-b border-slate-300">
                        <th scope="col" class="p-2">"Title"</th>
                        <th scope="col" class="p-2">"State"</th>
                        <th scope="col" class="p-2">"Created"</th>
                        <th scope="col" class="p-2">"Updated"</th>
                        <th scope="col" class="p-2">"Published"</th>
                        <th scope="col" class="p-2">"Actions"</th>
                    </tr>
                </thead>
                <tbody>
                    {list.rows.into_iter().map(|row| view! { <AnnouncementLine row publish unpublish /> }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn AnnouncementLine(
    row: AnnouncementRow,
    publish: ServerAction<PublishAnnouncement>,
    unpublish: ServerAction<UnpublishAnnouncement>,
) -> impl IntoView {
    let published = row.state == "published";
    let id = row.id.clone();
    let change = if published {
        view! {
            <ActionForm action=unpublish>
                <input type="hidden" name="id" value=id />
                <button type="submit" class="rounded-md border border-red-300 px-3 py-1.5 text-red-800">"Unpublish"</button>
            </ActionForm>
        }
        .into_any()
    } else {
        view! {
            <ActionForm action=publish>
                <input type="hidden" name="id" value=id />
                <button type="submit" class="rounded-md bg-teal-700 px-3 py-1.5 font-semibold text-white hover:bg-teal-800">"Publish"</button>
            </ActionForm>
        }
        .into_any()
    };
    view! {
        <tr class="border-b border-slate-200 align-top" data-testid="announcement-row">
            <td class="p-2 font-medium break-words">{row.title}</td>
            <td class="p-2" data-testid="state">{row.state}</td>
            <td class="whitespace-nowrap p-2">{row.created}</td>
            <td class="whitespace-nowrap p-2">{row.updated}</td>
            <td class="whitespace-nowrap p-2">{row.published.unwrap_or_else(|| "not published".to_owned())}</td>
            <td class="p-2">
                <div class="flex flex-wrap items-center gap-2">
                    <a href=format!("{PATH}?edit={}", row.id) class="text-teal-800 underline">"Edit"</a>
                    <a href=format!("{PATH}?preview={}", row.id) class="text-teal-800 underline">"Preview"</a>
                    {change}
                </div>
            </td>
        </tr>
    }
}

/// The form for a new announcement, or for `row` when editing one.
#[component]
fn Editor(row: Option<AnnouncementRow>, save: ServerAction<SaveAnnouncement>) -> impl IntoView {
    let editing = row.is_some();
    let (id, title, body) = row
        .map(|row| (row.id, row.title, row.body))
        .unwrap_or_default();
    let form = NodeRef::<leptos::html::Form>::new();
    // With WASM the page stays put after a save; empty the form once a new one is saved.
    // (Without WASM the browser loads the page afresh anyway.)
    Effect::new(move |_| {
        if !editing
            && matches!(save.value().get(), Some(Ok(_)))
            && let Some(form) = form.get()
        {
            form.reset();
        }
    });
    view! {
        <section class="mt-8 max-w-3xl" aria-labelledby="editor-heading">
            <h2 id="editor-heading" class="text-lg font-semibold">
                {if editing { "Edit announcement" } else { "Write an announcement" }}
            </h2>
            <ActionForm action=save node_ref=form attr:class="mt-3 flex flex-col gap-4" attr:data-testid="announcement-form">
                <input type="hidden" name="id" value=id />
                <div class="flex flex-col gap-1">
                    <label for="title" class="font-medium">"Title"</label>
                    <input id="title" name="title" required maxlength=TITLE_MAX.to_string() value=title class=INPUT />
                </div>
                <div class="flex flex-col gap-1">
                    <label for="body" class="font-medium">"Body"</label>
                    {body_field(body)}
                    <p id="body-hint" class="text-sm text-slate-600">
                        {format!("Plain text, at most {BODY_MAX} characters. Leave a blank line between paragraphs.")}
                    </p>
                </div>
                <ErrorBanner error=move || save.value().get().and_then(Result::err) />
                {move || matches!(save.value().get(), Some(Ok(_))).then(|| view! {
                    <p role="status" class="text-teal-900">"Saved. Preview it from the list, then publish when ready."</p>
                })}
                <div class="flex flex-wrap items-center gap-3">
                    <button type="submit" class=PRIMARY_BUTTON disabled=move || save.pending().get()>
                        {if editing { "Save changes" } else { "Save draft" }}
                    </button>
                    {editing.then(|| view! { <a href=PATH class="text-teal-800 underline">"Cancel"</a> })}
                </div>
            </ActionForm>
        </section>
    }
}

/// The body's `<textarea>`, escaped on the server (see `ui::form::text_area`).
fn body_field(body: String) -> AnyView {
    text_area("body", 10, BODY_MAX, true, Some("body-hint"), body)
}
