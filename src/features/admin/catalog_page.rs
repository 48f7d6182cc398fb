//! `/admin/catalog` and `/admin/catalog/:id`: the requirement sets with every version, its
//! sources and what research could not verify; and a form to add a set's next version as
//! JSON, which the engine checks before it is accepted.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::{
    api::{AddCatalogVersion, catalog_set, catalog_sets},
    catalog_views::{CatalogSetDetail, CatalogVersionView},
    parts::ConsoleNav,
};
use crate::ui::form::{ErrorBanner, PRIMARY_BUTTON, load_failed};

#[component]
pub fn AdminCatalogPage() -> impl IntoView {
    let sets = Resource::new(|| (), |_| catalog_sets());
    view! {
        <Title text="Catalog · Console" />
        <section class="mx-auto max-w-6xl px-4 py-8">
            <ConsoleNav />
            <h1 class="text-2xl font-semibold">"Requirement catalog"</h1>
            <Suspense fallback=|| view! { <p class="mt-4">"Loading…"</p> }>
                {move || sets.get().map(|result| match result {
                    Ok(sets) => view! {
                        <div class="mt-4 overflow-x-auto">
                            <table class="min-w-full border-collapse text-left text-sm" data-testid="catalog">
                                <thead>
                                    <tr class="border-b border-slate-300">
                                        <th scope="col" class="p-2">"Set"</th>
                                        <th scope="col" class="p-2">"Kind"</th>
                                        <th scope="col" class="p-2">"Where"</th>
                                        <th scope="col" class="p-2">"Newest version"</th>
                                        <th scope="col" class="p-2">"Confidence"</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {sets.into_iter().map(|set| view! {
                                        <tr class="border-b border-slate-200 align-top">
                                            <td class="p-2">
                                                <a href=format!("/admin/catalog/{}", set.id) class="font-medium text-teal-800 underline">{set.board}</a>
                                                <p class="text-slate-600">{set.id}</p>
                                            </td>
                                            <td class="p-2">{set.kind}</td>
                                            <td class="p-2">{set.jurisdiction} " · " {set.profession}</td>
                                            <td class="p-2">{set.latest_version} " (" {set.versions} " in all)"</td>
                                            <td class="p-2">{set.confidence}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }.into_any(),
                    Err(err) => load_failed(err),
                })}
            </Suspense>
        </section>
    }
}

#[component]
pub fn AdminCatalogSetPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let add = ServerAction::<AddCatalogVersion>::new();
    let set = Resource::new(
        move || (id(), add.version().get()),
        |(id, _)| catalog_set(Some(id)),
    );
    view! {
        <Title text="Requirement set · Console" />
        <section class="mx-auto max-w-4xl px-4 py-8">
            <ConsoleNav />
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {move || set.get().map(|result| match result {
                    Ok(detail) => view! { <SetDetail detail add /> }.into_any(),
                    Err(err) => load_failed(err),
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn SetDetail(detail: CatalogSetDetail, add: ServerAction<AddCatalogVersion>) -> impl IntoView {
    let added = move || add.value().get().and_then(Result::ok);
    view! {
        <h1 class="text-2xl font-semibold">{detail.board}</h1>
        <p class="text-slate-600">{detail.id.clone()}</p>
        {detail.versions.into_iter().map(|version| view! { <Version version /> }).collect_view()}
        <h2 class="mt-8 text-lg font-semibold">"Add a version"</h2>
        <p class="mt-1 text-sm text-slate-700">
            "Edit the newest version below: raise " <code>"version"</code> ", set "
            <code>"effective_from"</code> " to the first cycle end it judges, and cite a source for each changed rule. Earlier cycles keep the versions they had."
        </p>
        <ErrorBanner error=move || add.value().get().and_then(Result::err) />
        {move || added().map(|number| view! {
            <p role="status" class="mt-2 rounded-md border border-teal-300 bg-teal-50 p-3" data-testid="version-added">{format!("Version {number} was added and is in use now.")}</p>
        })}
        <ActionForm action=add attr:class="mt-2 flex flex-col gap-2">
            <input type="hidden" name="id" value=detail.id />
            <label for="set-json" class="font-medium">"Requirement set (JSON)"</label>
            <textarea id="set-json" name="body" rows="20" spellcheck="false" class="rounded-md border border-slate-300 p-2 font-mono text-xs">{detail.latest_json}</textarea>
            <button type="submit" class=format!("self-start {PRIMARY_BUTTON}")>"Check and add"</button>
        </ActionForm>
    }
}

#[component]
fn Version(version: CatalogVersionView) -> impl IntoView {
    view! {
        <article class="mt-6 rounded-lg border border-slate-200 bg-white p-4" data-testid="catalog-version">
            <h2 class="font-semibold">
                {format!("Version {} · in force for cycles ending from {}", version.version, version.effective_from)}
            </h2>
            <p class="text-sm text-slate-600">
                "Research: " {version.as_of} " · confidence " {version.confidence} " · " {version.origin}
            </p>
            <h3 class="mt-3 text-sm font-semibold">"Sources"</h3>
            <ul class="list-disc pl-5 text-sm">
                {version.sources.into_iter().map(|source| view! {
                    // Addresses come from the catalog; rel keeps the board's site from the opener.
                    <li><a href=source.url class="text-teal-800 underline" rel="noopener noreferrer" target="_blank">{source.title}</a></li>
                }).collect_view()}
            </ul>
            <h3 class="mt-3 text-sm font-semibold">"Not verified"</h3>
            {if version.unknowns.is_empty() {
                view! { <p class="text-sm text-slate-600">"Nothing open."</p> }.into_any()
            } else {
                view! {
                    <ul class="list-disc pl-5 text-sm">
                        {version.unknowns.into_iter().map(|unknown| view! { <li>{unknown}</li> }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </article>
    }
}
