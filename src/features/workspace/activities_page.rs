//! `/activities`: record CE activities, find them again, change or delete them, and see
//! where each one counted and why it did not elsewhere.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::{
    api::{
        DeleteActivity, SaveActivity, list_activities, where_activity_counted, workspace_options,
    },
    form_parts::{EditorFooter, TextInput},
    views::{ActivityView, Options},
};
use crate::{
    error::AppError,
    features::documents::{ActivityProposal, propose_activity},
    ui::choice::SelectField,
};

/// The proposal read from the certificate named by `?document=`, if any.
async fn proposal_for(document: Option<String>) -> Result<Option<ActivityProposal>, AppError> {
    match document {
        Some(id) => propose_activity(Some(id)).await.map(Some),
        None => Ok(None),
    }
}

/// The "record activity" form filled in from a proposal, linked to its certificate.
fn draft_of(proposal: ActivityProposal) -> ActivityView {
    ActivityView {
        id: String::new(),
        title: proposal.title,
        provider: proposal.provider,
        accreditor: Some(proposal.accreditor).filter(|a| !a.is_empty()),
        completed: proposal.completed,
        hours: proposal.hours,
        credit_type: proposal.credit_type,
        format: "live".to_owned(),
        topics: Vec::new(),
        certificate: Some(proposal.document_id),
        from_provider: false,
    }
}

#[component]
pub fn ActivitiesPage() -> impl IntoView {
    let options = Resource::new(|| (), |_| workspace_options());
    let save = ServerAction::<SaveActivity>::new();
    let delete = ServerAction::<DeleteActivity>::new();
    let search = RwSignal::new(String::new());
    let credit_type = RwSignal::new(String::new());
    let list = Resource::new(
        move || {
            (
                save.version().get(),
                delete.version().get(),
                search.get(),
                credit_type.get(),
            )
        },
        |(_, _, search, credit_type)| list_activities(Some(search), Some(credit_type)),
    );
    let editing = RwSignal::new(None::<ActivityView>);
    let query = use_query_map();
    let proposal = Resource::new(
        move || query.with(|q| q.get("document").filter(|id| !id.trim().is_empty())),
        proposal_for,
    );
    // Once recorded, the certificate's proposal is not offered again on this page.
    let draft_done = RwSignal::new(false);
    let draft = Signal::derive(move || {
        if draft_done.get() {
            return None;
        }
        proposal.get().and_then(Result::ok).flatten().map(draft_of)
    });
    Effect::new(move |_| {
        if matches!(save.value().get(), Some(Ok(_))) {
            editing.set(None);
            draft_done.set(true);
        }
    });
    view! {
        <Title text="CE activities" />
        <section class="mx-auto max-w-5xl px-4 py-8">
            <h1 class="text-2xl font-semibold">"CE activities"</h1>
            <Suspense fallback=|| ()>
                {move || options.get().map(|result| match result {
                    Ok(options) => view! {
                        <ProposalNotice proposal draft_done />
                        <ActivityEditor options=options.clone() save editing draft />
                        <Filters options search credit_type />
                    }.into_any(),
                    Err(err) => crate::ui::form::load_failed(err),
                })}
            </Suspense>
            <Transition fallback=|| view! { <p class="mt-4">"Loading…"</p> }>
                {move || list.get().map(|result| match result {
                    Ok(list) => view! { <ActivityList list editing delete /> }.into_any(),
                    Err(err) => crate::ui::form::load_failed(err),
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Filters(
    options: Options,
    search: RwSignal<String>,
    credit_type: RwSignal<String>,
) -> impl IntoView {
    view! {
        <h2 class="mt-10 text-xl font-semibold">"Your activities"</h2>
        <div class="mt-3 grid grid-cols-1 gap-3 sm:grid-cols-2" role="search">
            <div class="flex min-w-0 flex-col gap-1">
                <label for="search" class="font-medium text-slate-800">"Search titles and providers"</label>
                <input
                    id="search"
                    type="search"
                    class="rounded-md border border-slate-300 px-3 py-2"
                    on:input=move |ev| search.set(event_target_value(&ev))
                />
            </div>
            <SelectField
                label="Show credit type"
                name="filter_credit_type"
                choices=options.credit_types
                selected=Signal::derive(move || credit_type.get())
                placeholder="All credit types"
                on_pick=Callback::new(move |value: String| credit_type.set(value))
            />
        </div>
    }
}

#[component]
fn ActivityList(
    list: Vec<ActivityView>,
    editing: RwSignal<Option<ActivityView>>,
    delete: ServerAction<DeleteActivity>,
) -> impl IntoView {
    if list.is_empty() {
        return view! { <p class="mt-4 text-slate-700" data-testid="no-activities">"No activities match."</p> }.into_any();
    }
    view! {
        <ul class="mt-4 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" data-testid="activities">
            {list.into_iter().map(|activity| view! { <ActivityRow activity editing delete /> }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn ActivityRow(
    activity: ActivityView,
    editing: RwSignal<Option<ActivityView>>,
    delete: ServerAction<DeleteActivity>,
) -> impl IntoView {
    let for_edit = activity.clone();
    let id = activity.id.clone();
    let usage_id = activity.id.clone();
    let show_usage = RwSignal::new(false);
    let usage = Resource::new(
        move || show_usage.get().then(|| usage_id.clone()),
        |id| async move {
            match id {
                Some(id) => where_activity_counted(id).await.map(Some),
                None => Ok(None),
            }
        },
    );
    view! {
        <li class="p-4">
            <div class="flex flex-col gap-2 sm:flex-row sm:items-start sm:justify-between">
                <div>
                    <p class="font-medium">{activity.title.clone()}</p>
                    <p class="text-sm text-slate-700">
                        {activity.provider.clone()} " · " {activity.completed.clone()} " · "
                        {activity.hours.clone()} " h " {activity.credit_type.clone()}
                    </p>
                    {activity.from_provider.then(|| view! {
                        <p class="text-sm text-emerald-900">"Reported by the course provider"</p>
                    })}
                    {activity.certificate.clone().map(|id| view! {
                        <a href=format!("/documents/{id}/file?view=inline") target="_blank" rel="noopener" class="text-sm text-teal-800 underline">
                            "View certificate"
                        </a>
                    })}
                </div>
                <div class="flex flex-wrap gap-2">
                    <button type="button" class="rounded-md border border-slate-300 px-3 py-1.5"
                        aria-expanded=move || show_usage.get().to_string()
                        on:click=move |_| show_usage.update(|open| *open = !*open)>
                        "Where it counted"
                    </button>
                    {(!activity.from_provider).then(|| view! {
                        <button type="button" class="rounded-md border border-slate-300 px-3 py-1.5"
                            on:click=move |_| editing.set(Some(for_edit.clone()))>
                            "Edit"
                        </button>
                    })}
                    <ActionForm action=delete>
                        <input type="hidden" name="id" value=id />
                        <button type="submit" class="rounded-md border border-red-300 px-3 py-1.5 text-red-800">"Delete"</button>
                    </ActionForm>
                </div>
            </div>
            <Transition fallback=|| ()>
                {move || usage.get().map(|result| match result {
                    Ok(Some(usage)) => view! {
                        <div class="mt-3 text-sm" data-testid="usage">
                            {usage.counted.into_iter().map(|line| view! {
                                <p class="text-emerald-900">"Counted: " {line.credential} ", " {line.requirement} ": " {line.detail}</p>
                            }).collect_view()}
                            {usage.rejected.into_iter().map(|line| view! {
                                <p class="text-slate-700">"Not counted: " {line.credential} ", " {line.requirement} ": " {line.detail}</p>
                            }).collect_view()}
                        </div>
                    }.into_any(),
                    Ok(None) => ().into_any(),
                    Err(err) => view! { <p role="alert">{err.message}</p> }.into_any(),
                })}
            </Transition>
        </li>
    }
}

#[component]
fn ActivityEditor(
    options: Options,
    save: ServerAction<SaveActivity>,
    editing: RwSignal<Option<ActivityView>>,
    /// Values read from a certificate, shown while no activity is being changed.
    draft: Signal<Option<ActivityView>>,
) -> impl IntoView {
    // After a save the form starts empty again (the browser keeps typed values otherwise).
    let form = NodeRef::<leptos::html::Form>::new();
    Effect::new(move |_| {
        if matches!(save.value().get(), Some(Ok(_)))
            && let Some(form) = form.get()
        {
            form.reset();
        }
    });
    let shown = move || editing.get().or_else(|| draft.get());
    let field = move |pick: fn(&ActivityView) -> Option<String>| {
        Signal::derive(move || shown().as_ref().and_then(pick).unwrap_or_default())
    };
    let chosen_topics = move || shown().map(|a| a.topics).unwrap_or_default();
    view! {
        <h2 class="mt-6 text-xl font-semibold">
            {move || match (editing.get().is_some(), draft.get().is_some()) {
                (true, _) => "Change activity",
                (false, true) => "Record the activity from your certificate",
                _ => "Record an activity",
            }}
        </h2>
        <ActionForm action=save node_ref=form attr:class="mt-4 grid max-w-3xl grid-cols-1 gap-4 sm:grid-cols-2">
            <input type="hidden" name="id" prop:value=field(|a| Some(a.id.clone())) value=field(|a| Some(a.id.clone())) />
            <input type="hidden" name="document" prop:value=field(|a| a.certificate.clone()) value=field(|a| a.certificate.clone()) />
            <TextInput label="Title" name="title" value=field(|a| Some(a.title.clone())) required=true />
            <TextInput label="Provider" name="provider" value=field(|a| Some(a.provider.clone())) required=true />
            <TextInput label="Accreditor (optional)" name="accreditor" value=field(|a| a.accreditor.clone()) />
            <TextInput label="Completed on" name="completed" kind="date" value=field(|a| Some(a.completed.clone())) required=true />
            <TextInput label="Hours" name="hours" inputmode="decimal" value=field(|a| Some(a.hours.clone())) required=true />
            <SelectField label="Credit type" name="credit_type" choices=options.credit_types
                selected=field(|a| Some(a.credit_type.clone())) placeholder="Choose a credit type" />
            <SelectField label="Format" name="format" choices=options.formats
                selected=Signal::derive(move || shown().map_or_else(|| "live".to_owned(), |a| a.format))/>
            <fieldset class="sm:col-span-2">
                <legend class="font-medium text-slate-800">"Topics (choose all that apply)"</legend>
                <div class="mt-2 grid max-h-64 grid-cols-1 gap-1 overflow-y-auto rounded-md border border-slate-200 p-3 sm:grid-cols-2">
                    {options.topics.into_iter().enumerate().map(|(index, topic)| {
                        let key = topic.key.clone();
                        let id = format!("topic-{}", topic.key);
                        let label_for = id.clone();
                        view! {
                            <label for=label_for class="flex items-start gap-2 text-sm">
                                <input
                                    id=id
                                    type="checkbox"
                                    name=format!("topics[{index}]")
                                    value=topic.key
                                    prop:checked=move || chosen_topics().contains(&key)
                                />
                                {topic.label}
                            </label>
                        }
                    }).collect_view()}
                </div>
            </fieldset>
            <EditorFooter action=save editing create_label="Record activity" />
        </ActionForm>
    }
}

/// What was read from the certificate, or why nothing could be, above the form it fills.
#[component]
fn ProposalNotice(
    proposal: Resource<Result<Option<ActivityProposal>, AppError>>,
    draft_done: RwSignal<bool>,
) -> impl IntoView {
    move || {
        if draft_done.get() {
            return ().into_any();
        }
        match proposal.get() {
            Some(Ok(Some(proposal))) => view! {
                <p class="mt-4 max-w-3xl rounded-md border border-sky-200 bg-sky-50 p-3 text-sky-950" role="status" data-testid="proposal">
                    {proposal.message}
                </p>
            }
            .into_any(),
            Some(Err(err)) => view! {
                <p class="mt-4 rounded-md border border-red-200 bg-red-50 p-3 text-red-900" role="alert">{err.message}</p>
            }
            .into_any(),
            _ => ().into_any(),
        }
    }
}
