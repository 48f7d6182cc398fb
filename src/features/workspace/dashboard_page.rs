//! `/dashboard`: for each credential, the deadline and every requirement's progress, and
//! the next steps across all of them, most urgent first. Every number is the engine's.

use leptos::prelude::*;
use leptos_meta::Title;

use super::{
    api::load_dashboard,
    views::{CredentialStatus, Dashboard, RequirementView},
};
use crate::{
    features::updates::NewUpdatesBanner,
    ui::choice::{ProgressBar, StatusBadge},
};

#[component]
pub fn DashboardPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| load_dashboard());
    view! {
        <Title text="Dashboard" />
        <section class="mx-auto max-w-5xl px-4 py-8">
            <h1 class="text-2xl font-semibold">"Your compliance"</h1>
            <NewUpdatesBanner />
            <Suspense fallback=|| view! { <p class="mt-4">"Working out what each board needs…"</p> }>
                {move || data.get().map(|result| match result {
                    Ok(dashboard) => view! { <DashboardBody dashboard /> }.into_any(),
                    Err(err) => crate::ui::form::load_failed(err),
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn DashboardBody(dashboard: Dashboard) -> impl IntoView {
    if dashboard.credentials.is_empty()
        && dashboard.untracked.is_empty()
        && dashboard.need_birth_date.is_empty()
    {
        return view! {
            <div class="mt-6 rounded-lg border border-teal-200 bg-teal-50 p-6" data-testid="empty-dashboard">
                <h2 class="text-xl font-semibold">"Start with your first licence"</h2>
                <p class="mt-2 text-slate-700">
                    "Add a state licence, board certification or DEA registration. Licensure finds the board's rules and shows what you still need and by when."
                </p>
                <a href="/credentials" class="mt-4 inline-block rounded-md bg-teal-700 px-4 py-2 font-semibold text-white hover:bg-teal-800">
                    "Add your first licence"
                </a>
            </div>
        }
        .into_any();
    }
    let steps = dashboard.next_steps.clone();
    let steps_empty = steps.is_empty();
    view! {
        <div class="mt-6 grid gap-6 lg:grid-cols-3">
            <div class="lg:col-span-1">
                <h2 class="text-lg font-semibold">"Next steps"</h2>
                {if steps.is_empty() {
                    view! { <p class="mt-2 text-slate-700">"Nothing to do right now."</p> }.into_any()
                } else {
                    view! {
                        <ol class="mt-2 space-y-2" data-testid="next-steps">
                            {steps.into_iter().map(|step| view! {
                                <li class="rounded-md border border-slate-200 bg-white p-3">
                                    <p class="font-medium">{step.text}</p>
                                    <p class="text-sm text-slate-600">{step.credential} " · " {step.status}</p>
                                </li>
                            }).collect_view()}
                        </ol>
                    }.into_any()
                }}
                <ProfilePrompts need_birth_date=dashboard.need_birth_date open_questions=dashboard.open_questions />
                <p class="mt-4 text-sm text-slate-600">
                    {dashboard.activity_count} " activities recorded. "
                    <a href="/activities" class="text-teal-800 underline">"Record an activity"</a>
                </p>
                {(!steps_empty).then(|| view! {
                    <p class="mt-2 text-sm text-slate-600">
                        <a href="/courses?gaps=1" class="text-teal-800 underline" data-testid="fill-gaps">"Find courses that fill these gaps"</a>
                    </p>
                })}
            </div>
            <div class="flex flex-col gap-6 lg:col-span-2">
                {dashboard.credentials.into_iter().map(|credential| view! { <CredentialCard credential /> }).collect_view()}
                {(!dashboard.untracked.is_empty()).then(|| view! {
                    <div class="rounded-lg border border-slate-200 bg-white p-4">
                        <h2 class="font-semibold">"Not tracked yet"</h2>
                        <p class="text-sm text-slate-700">
                            "The catalog has no requirement set for these credentials yet: "
                            {dashboard.untracked.join(", ")}
                        </p>
                    </div>
                })}
            </div>
        </div>
    }
    .into_any()
}

/// What "About you" still needs: a date of birth some deadlines follow, and questions whose
/// answers decide whether a rule applies (unanswered, the rule is assumed to apply).
#[component]
fn ProfilePrompts(need_birth_date: Vec<String>, open_questions: usize) -> impl IntoView {
    view! {
        {(!need_birth_date.is_empty()).then(|| view! {
            <div class="mt-4 rounded-md border border-amber-300 bg-amber-50 p-3" data-testid="needs-birth-date">
                <p class="font-medium">"Add your date of birth"</p>
                <p class="text-sm text-slate-700">
                    "The deadline of " {need_birth_date.join(", ")}
                    " follows your birthday, so it is not shown until you give it. "
                    <a href="/profile" class="text-teal-800 underline">"About you"</a>
                </p>
            </div>
        })}
        {(open_questions > 0).then(|| view! {
            <p class="mt-4 text-sm text-slate-700" data-testid="open-questions">
                {if open_questions == 1 { "1 question about your practice is".to_owned() } else { format!("{open_questions} questions about your practice are") }}
                " unanswered; until then, the rules they decide are counted as applying to you. "
                <a href="/profile" class="text-teal-800 underline">"Answer them"</a>
            </p>
        })}
    }
}

fn days_text(days: i64) -> String {
    match days {
        d if d < 0 => format!("ended {} days ago", -d),
        0 => "ends today".to_owned(),
        1 => "1 day left".to_owned(),
        d => format!("{d} days left"),
    }
}

#[component]
fn CredentialCard(credential: CredentialStatus) -> impl IntoView {
    let heading_id = format!("credential-{}", credential.id);
    let labelled_by = heading_id.clone();
    view! {
        <article class="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby=labelled_by data-testid="credential-card">
            <div class="flex flex-wrap items-baseline justify-between gap-2">
                <h2 id=heading_id class="text-lg font-semibold">{credential.title}</h2>
                <p class="text-sm text-slate-700">
                    "Cycle " {credential.cycle_start} " to " <strong>{credential.cycle_end.clone()}</strong>
                    " · " {days_text(credential.days_left)}
                </p>
            </div>
            <p class="text-sm text-slate-600">{credential.board}</p>
            <ul class="mt-4 space-y-4">
                {credential.requirements.into_iter().map(|requirement| view! { <RequirementRow requirement /> }).collect_view()}
            </ul>
            {(!credential.history.is_empty()).then(|| view! {
                <details class="mt-4 text-sm" data-testid="history">
                    <summary class="cursor-pointer text-slate-700">"Earlier cycles"</summary>
                    <ul class="mt-2 space-y-1">
                        {credential.history.into_iter().map(|cycle| view! {
                            <li>
                                <span class="font-medium">{cycle.start} " to " {cycle.end} ": "</span>
                                <span class=if cycle.complete { "text-emerald-900" } else { "text-red-900" }>{cycle.summary}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                </details>
            })}
            {(!credential.unknowns.is_empty()).then(|| view! {
                <details class="mt-4 text-sm">
                    <summary class="cursor-pointer text-slate-700">"What the catalog could not verify"</summary>
                    <ul class="mt-2 list-disc pl-5 text-slate-600">
                        {credential.unknowns.into_iter().map(|text| view! { <li>{text}</li> }).collect_view()}
                    </ul>
                </details>
            })}
        </article>
    }
}

#[component]
fn RequirementRow(requirement: RequirementView) -> impl IntoView {
    let numbers = match (&requirement.required, &requirement.missing) {
        (Some(required), Some(missing)) if missing != "0" => {
            format!(
                "{} of {required} h · {missing} h missing",
                requirement.counted
            )
        }
        (Some(required), _) => format!("{} of {required} h", requirement.counted),
        (None, _) => "a completed course".to_owned(),
    };
    let bar_label = format!("{}: {numbers}", requirement.label);
    view! {
        <li data-testid="requirement" data-key=requirement.key.clone()>
            <div class="flex flex-wrap items-center justify-between gap-2">
                <span class="font-medium">{requirement.label}</span>
                <StatusBadge status=requirement.status label=requirement.status_label />
            </div>
            <div class="mt-1"><ProgressBar percent=requirement.percent label=bar_label /></div>
            <p class="mt-1 text-sm text-slate-700" data-testid="requirement-numbers">
                {numbers}
                {requirement.due.map(|due| view! { " · due " {due} })}
            </p>
            {(!requirement.sources.is_empty()).then(|| view! {
                <details class="text-sm">
                    <summary class="cursor-pointer text-slate-600">"Source"</summary>
                    <ul class="mt-1 list-disc pl-5">
                        {requirement.sources.into_iter().map(|source| view! {
                            <li><a href=source.url class="text-teal-800 underline" rel="noopener noreferrer" target="_blank">{source.title}</a></li>
                        }).collect_view()}
                    </ul>
                </details>
            })}
        </li>
    }
}
