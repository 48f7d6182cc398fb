//! `/courses`: the course catalog. Filters are a plain GET form and launching a course a
//! plain POST form, so the page works without WASM; a launch leaves Licensure for the
//! course and comes back to `?returned=<id>`.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::{
    api::{CompleteLinkCourse, list_courses},
    views::{CourseCard, CourseCatalog, Progress},
};
use crate::ui::form::{ErrorBanner, FIELD, PRIMARY_BUTTON, load_failed};

#[component]
pub fn CoursesPage() -> impl IntoView {
    let query = use_query_map();
    let param = move |name: &str| query.with(|q| q.get(name).unwrap_or_default());
    let complete = ServerAction::<CompleteLinkCourse>::new();
    let catalog = Resource::new(
        move || {
            (
                param("q"),
                param("topic"),
                param("credit_type"),
                param("max_hours"),
                param("gaps"),
                complete.version().get(),
            )
        },
        |(q, topic, credit_type, max_hours, gaps, _)| {
            list_courses(
                Some(q),
                Some(topic),
                Some(credit_type),
                Some(max_hours),
                Some(gaps),
            )
        },
    );
    let returned = move || !param("returned").is_empty();
    view! {
        <Title text="Courses" />
        <section class="mx-auto max-w-6xl px-4 py-8">
            <h1 class="text-2xl font-semibold">"Courses"</h1>
            <p class="mt-1 text-slate-700">
                "Courses from CE providers. Those launched here report your completion themselves: the credit is recorded for you, with a certificate in your documents."
            </p>
            <Show when=returned>
                <p role="status" class="mt-4 rounded-md border border-teal-300 bg-teal-50 p-3 text-teal-900" data-testid="returned">
                    "Welcome back. When a course reports that you met its requirements, it shows as completed below and its hours count on your dashboard."
                </p>
            </Show>
            <Transition fallback=|| view! { <p class="mt-4">"Loading…"</p> }>
                {move || catalog.get().map(|result| match result {
                    Ok(catalog) => view! { <Catalog catalog gaps=param("gaps") == "1" complete /> }.into_any(),
                    Err(err) => load_failed(err),
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Catalog(
    catalog: CourseCatalog,
    gaps: bool,
    complete: ServerAction<CompleteLinkCourse>,
) -> impl IntoView {
    let query = use_query_map();
    let value = move |name: &str| query.with(|q| q.get(name).unwrap_or_default());
    let selected = move |name: &str, key: &str| value(name) == key;
    let empty = catalog.courses.is_empty();
    view! {
        <form method="get" action="/courses" class="mt-6 grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-5" role="search">
            <label class="flex min-w-0 flex-col gap-1 text-sm lg:col-span-2">
                "Search"
                <input type="search" name="q" class=FIELD value=value("q") placeholder="Title, provider or subject" />
            </label>
            <label class="flex min-w-0 flex-col gap-1 text-sm">
                "Topic"
                <select name="topic" class=FIELD>
                    <option value="">"Any topic"</option>
                    {catalog.topics.iter().map(|t| {
                        let on = selected("topic", &t.key);
                        view! { <option value=t.key.clone() selected=on>{t.label.clone()}</option> }
                    }).collect_view()}
                </select>
            </label>
            <label class="flex min-w-0 flex-col gap-1 text-sm">
                "Credit type"
                <select name="credit_type" class=FIELD>
                    <option value="">"Any credit type"</option>
                    {catalog.credit_types.iter().map(|c| {
                        let on = selected("credit_type", &c.key);
                        view! { <option value=c.key.clone() selected=on>{c.label.clone()}</option> }
                    }).collect_view()}
                </select>
            </label>
            <label class="flex min-w-0 flex-col gap-1 text-sm">
                "At most (hours)"
                <input type="text" inputmode="decimal" name="max_hours" class=FIELD value=value("max_hours") placeholder="e.g. 2" />
            </label>
            <label class="flex items-center gap-2 text-sm sm:col-span-2 lg:col-span-3">
                <input type="checkbox" name="gaps" value="1" checked=gaps />
                "Fills my gaps: only courses that count toward hours I still need, most first"
            </label>
            <div class="flex gap-2 sm:col-span-2 lg:col-span-2 lg:justify-end">
                <button type="submit" class=PRIMARY_BUTTON>"Show courses"</button>
                <a href="/courses" class="rounded-md border border-slate-300 px-4 py-2">"Clear"</a>
            </div>
        </form>
        <div class="mt-4">
            <ErrorBanner error=move || complete.value().get().and_then(Result::err) />
        </div>
        {catalog.problem.clone().map(|problem| view! {
            <p role="alert" class="mt-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-950" data-testid="filter-problem">{problem}</p>
        })}
        {empty.then(|| view! {
            <p class="mt-6 text-slate-700" data-testid="no-courses">
                {if gaps {
                    "No course in the catalog would cover hours you are missing. Either your requirements are met, or add your credentials and activities so Licensure knows what is missing."
                } else {
                    "No course matches. Clear the filters to see the whole catalog."
                }}
            </p>
        })}
        <ul class="mt-6 grid gap-4 md:grid-cols-2" data-testid="courses">
            {catalog.courses.into_iter().map(|course| view! { <CourseItem course complete /> }).collect_view()}
        </ul>
    }
}

#[component]
fn CourseItem(course: CourseCard, complete: ServerAction<CompleteLinkCourse>) -> impl IntoView {
    let progress = match &course.progress {
        Progress::NotStarted => "Not started".to_owned(),
        Progress::InProgress { last_activity } => {
            format!("In progress · last activity {last_activity}")
        }
        Progress::Completed { on } => format!("Completed on {on} · credit recorded"),
    };
    let completed = matches!(course.progress, Progress::Completed { .. });
    let started = matches!(course.progress, Progress::InProgress { .. });
    let launch = format!("/courses/{}/launch", course.id);
    let id = course.id.clone();
    view! {
        <li class="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-4" data-testid="course">
            <h2 class="text-lg font-semibold">{course.title.clone()}</h2>
            <p class="text-sm text-slate-700">
                {course.provider.clone()} " · " {course.hours.clone()} " h " {course.credit_type.clone()} " · " {course.price.clone()}
            </p>
            {course.covers.clone().map(|hours| view! {
                <p class="text-sm font-medium text-teal-900" data-testid="covers">"Fills " {hours} " h of missing requirements (an hour can count toward several)"</p>
            })}
            {(!course.topics.is_empty()).then(|| view! {
                <p class="text-sm text-slate-700">"Topics: " {course.topics.join(", ")}</p>
            })}
            {course.accreditor.clone().map(|a| view! { <p class="text-sm text-slate-700">"Accredited by " {a}</p> })}
            <p class="text-sm">{course.description.clone()}</p>
            <p class="text-sm font-medium" data-testid="progress">{progress}</p>
            <div class="mt-auto flex flex-wrap gap-2 pt-2">
                {match (course.launch.as_str(), completed) {
                    (_, true) => view! {
                        <a href="/dashboard" class="rounded-md border border-slate-300 px-4 py-2">"See it on your dashboard"</a>
                    }.into_any(),
                    ("cmi5", false) => view! {
                        <form method="post" action=launch>
                            <button type="submit" class=PRIMARY_BUTTON>
                                {if started { "Continue course" } else { "Start course" }}
                            </button>
                        </form>
                    }.into_any(),
                    _ => view! {
                        {course.link_url.clone().map(|url| view! {
                            <a href=url target="_blank" rel="noopener noreferrer" class="rounded-md border border-slate-300 px-4 py-2">"Open the provider's site"</a>
                        })}
                        <ActionForm action=complete>
                            <input type="hidden" name="id" value=id />
                            <button type="submit" class=PRIMARY_BUTTON>"I completed this course"</button>
                        </ActionForm>
                    }.into_any(),
                }}
            </div>
        </li>
    }
}
