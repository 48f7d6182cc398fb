//! `/credentials`: add, change and archive licences, certifications and DEA registrations;
//! each shows the requirement set that applies and its sources.

use leptos::prelude::*;
use leptos_meta::Title;

use super::{
    api::{ArchiveCredential, SaveCredential, list_credentials, workspace_options},
    form_parts::{EditorFooter, TextInput},
    views::{CredentialView, Options},
};
use crate::ui::choice::SelectField;

const KINDS: [(&str, &str); 4] = [
    ("licence", "State licence"),
    ("certification", "Board certification"),
    ("dea", "DEA registration"),
    ("custom", "Other credential"),
];

#[component]
pub fn CredentialsPage() -> impl IntoView {
    let options = Resource::new(|| (), |_| workspace_options());
    let save = ServerAction::<SaveCredential>::new();
    let archive = ServerAction::<ArchiveCredential>::new();
    let list = Resource::new(
        move || (save.version().get(), archive.version().get()),
        |_| list_credentials(),
    );
    let editing = RwSignal::new(None::<CredentialView>);
    // A successful save ends editing.
    Effect::new(move |_| {
        if matches!(save.value().get(), Some(Ok(_))) {
            editing.set(None);
        }
    });
    view! {
        <Title text="Credentials" />
        <section class="mx-auto max-w-5xl px-4 py-8">
            <h1 class="text-2xl font-semibold">"Your credentials"</h1>
            <Transition fallback=|| view! { <p class="mt-4">"Loading…"</p> }>
                {move || list.get().map(|result| match result {
                    Ok(list) => view! { <CredentialList list editing archive /> }.into_any(),
                    Err(err) => crate::ui::form::load_failed(err),
                })}
            </Transition>
            <Suspense fallback=|| ()>
                {move || options.get().map(|result| match result {
                    Ok(options) => view! { <CredentialEditor options save editing /> }.into_any(),
                    Err(err) => crate::ui::form::load_failed(err),
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn CredentialList(
    list: Vec<CredentialView>,
    editing: RwSignal<Option<CredentialView>>,
    archive: ServerAction<ArchiveCredential>,
) -> impl IntoView {
    if list.is_empty() {
        return view! {
            <p class="mt-4 text-slate-700" data-testid="no-credentials">
                "No credentials yet. Add your first licence below: Licensure then knows which board's rules apply."
            </p>
        }
        .into_any();
    }
    view! {
        <ul class="mt-4 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" data-testid="credentials">
            {list.into_iter().map(|credential| {
                let for_edit = credential.clone();
                let id = credential.id.clone();
                view! {
                    <li class="flex flex-col gap-2 p-4 sm:flex-row sm:items-start sm:justify-between">
                        <div>
                            <p class="font-medium">{credential.title.clone()}</p>
                            <p class="text-sm text-slate-700">
                                {credential.number.clone().map(|n| format!("No. {n} · "))}
                                "Expires " {credential.expires.clone()}
                            </p>
                            {match (credential.rule_set.clone(), credential.board.clone(), credential.own_rule.clone()) {
                                (_, _, Some(rule)) => view! {
                                    <p class="text-sm text-slate-700" data-testid="own-rule">"Your own rule: " {rule.summary}</p>
                                }.into_any(),
                                (Some(set), Some(board), None) => view! {
                                    <details class="text-sm">
                                        <summary class="cursor-pointer text-slate-600">
                                            "Rules: " {board} " (" {set} ")"
                                        </summary>
                                        <ul class="mt-1 list-disc pl-5">
                                            {credential.sources.into_iter().map(|source| view! {
                                                <li><a href=source.url class="text-teal-800 underline" rel="noopener noreferrer" target="_blank">{source.title}</a></li>
                                            }).collect_view()}
                                        </ul>
                                    </details>
                                }.into_any(),
                                _ => view! {
                                    <p class="text-sm text-amber-900">"The catalog has no requirement set for this credential yet."</p>
                                }.into_any(),
                            }}
                        </div>
                        <div class="flex gap-2">
                            <button
                                type="button"
                                class="rounded-md border border-slate-300 px-3 py-1.5"
                                on:click=move |_| editing.set(Some(for_edit.clone()))
                            >
                                "Edit"
                            </button>
                            <ActionForm action=archive>
                                <input type="hidden" name="id" value=id />
                                <button type="submit" class="rounded-md border border-red-300 px-3 py-1.5 text-red-800">
                                    "Archive"
                                </button>
                            </ActionForm>
                        </div>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn CredentialEditor(
    options: Options,
    save: ServerAction<SaveCredential>,
    editing: RwSignal<Option<CredentialView>>,
) -> impl IntoView {
    let kind = RwSignal::new("licence".to_owned());
    Effect::new(move |_| {
        if let Some(current) = editing.get() {
            kind.set(current.kind);
        }
    });
    // After a save the form starts empty again, on its first kind.
    let form = NodeRef::<leptos::html::Form>::new();
    Effect::new(move |_| {
        if matches!(save.value().get(), Some(Ok(_)))
            && let Some(form) = form.get()
        {
            form.reset();
            kind.set("licence".to_owned());
        }
    });
    let field = move |pick: fn(&CredentialView) -> Option<String>| {
        Signal::derive(move || editing.get().as_ref().and_then(pick).unwrap_or_default())
    };
    let kind_choices = KINDS
        .iter()
        .map(|(key, label)| super::views::Choice {
            key: (*key).to_owned(),
            label: (*label).to_owned(),
        })
        .collect::<Vec<_>>();
    let is = move |wanted: &'static str| move || kind.get() == wanted;
    // The state and profession picked, to tell whether the catalog covers the licence.
    let state_pick = RwSignal::new(String::new());
    let profession_pick = RwSignal::new(String::new());
    Effect::new(move |_| {
        let current = editing.get();
        state_pick.set(
            current
                .as_ref()
                .and_then(|c| c.jurisdiction.clone())
                .unwrap_or_default(),
        );
        profession_pick.set(
            current
                .as_ref()
                .and_then(|c| c.profession.clone())
                .unwrap_or_default(),
        );
    });
    let covered = options.covered.clone();
    let needs_own_rule = move || match kind.get().as_str() {
        "custom" => true,
        "licence" => {
            let (state, profession) = (state_pick.get(), profession_pick.get());
            !state.is_empty()
                && !profession.is_empty()
                && !covered.contains(&format!("{state}-{profession}"))
        }
        _ => false,
    };
    let rule_field = move |pick: fn(&super::views::OwnRuleView) -> String| {
        Signal::derive(move || {
            editing
                .get()
                .and_then(|c| c.own_rule)
                .as_ref()
                .map(pick)
                .unwrap_or_default()
        })
    };
    let topics = options.topics.clone();
    view! {
        <h2 class="mt-10 text-xl font-semibold">
            {move || if editing.get().is_some() { "Change credential" } else { "Add a credential" }}
        </h2>
        <ActionForm action=save node_ref=form attr:class="mt-4 grid max-w-2xl grid-cols-1 gap-4 sm:grid-cols-2">
            <input type="hidden" name="id" prop:value=field(|c| Some(c.id.clone())) value=field(|c| Some(c.id.clone())) />
            <SelectField
                label="Kind"
                name="kind"
                choices=kind_choices
                selected=Signal::derive(move || kind.get())
                on_pick=Callback::new(move |value: String| kind.set(value))
            />
            <Show when=is("licence")>
                <SelectField label="State" name="jurisdiction" choices=options.jurisdictions.clone()
                    selected=field(|c| c.jurisdiction.clone()) placeholder="Choose a state"
                    on_pick=Callback::new(move |value: String| state_pick.set(value)) />
                <SelectField label="Profession" name="profession" choices=options.professions.clone()
                    selected=field(|c| c.profession.clone()) placeholder="Choose a profession"
                    on_pick=Callback::new(move |value: String| profession_pick.set(value)) />
            </Show>
            <Show when=is("certification")>
                <SelectField label="Certifying board" name="certification" choices=options.certifications.clone()
                    selected=field(|c| c.certification.clone()) placeholder="Choose a certification" />
            </Show>
            <TextInput label="Name (optional for licences)" name="name" value=field(|c| Some(c.name.clone())) />
            <TextInput
                label=Signal::derive(move || if kind.get() == "dea" { "DEA number" } else { "Licence or certificate number" })
                name="number"
                value=field(|c| c.number.clone())
            />
            <TextInput label="First issued" name="initial_date" kind="date" value=field(|c| c.initial_date.clone()) />
            <TextInput label="Expires" name="expires" kind="date" value=field(|c| Some(c.expires.clone())) required=true />
            <TextInput label="Specialty (if the rules depend on it)" name="specialty" value=field(|c| c.specialty.clone()) />
            <Show when=needs_own_rule>
                <fieldset class="grid grid-cols-1 gap-4 rounded-md border border-slate-200 p-4 sm:col-span-2 sm:grid-cols-2" data-testid="own-rule-fields">
                    <legend class="px-1 font-semibold">"Your own rule (optional)"</legend>
                    <p class="text-sm text-slate-700 sm:col-span-2">
                        {move || if kind.get() == "custom" {
                            "Say what renewing this credential takes, and the dashboard tracks it like a board's rule."
                        } else {
                            "The catalog has no rules for this state and profession yet. Enter them from your board, and the dashboard tracks them until the catalog does."
                        }}
                    </p>
                    <TextInput label="Renews every (months)" name="own_months" inputmode="numeric" value=rule_field(|r| r.months.clone()) />
                    <TextInput label="Hours per cycle" name="own_hours" inputmode="decimal" value=rule_field(|r| r.hours.clone()) />
                    <SelectField label="Required topic" name="own_topic" choices=topics.clone()
                        selected=rule_field(|r| r.topic.clone()) placeholder="No particular topic" />
                    <TextInput label="Hours of that topic (blank: one course)" name="own_topic_hours" inputmode="decimal" value=rule_field(|r| r.topic_hours.clone()) />
                </fieldset>
            </Show>
            <EditorFooter action=save editing create_label="Add credential" />
        </ActionForm>
    }
}
