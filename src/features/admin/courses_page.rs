//! `/admin/courses`: the course catalog, course providers and their LRS credentials. A
//! course is added or changed with a plain multipart form (it may carry a package); the
//! outcome comes back in the address (`?saved=` or `?error=`), so the page works without
//! WASM.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::{
    course_views::{AdminCourseRow, AdminCourses, NewCredentialView, ProviderRow},
    courses_api::{
        AddProvider, CreateLrsCredential, RetireCourse, RetireLrsCredential, list_admin_courses,
    },
    parts::ConsoleNav,
};
use crate::ui::form::{ErrorBanner, FIELD, PRIMARY_BUTTON, load_failed, text_area};

const BUTTON: &str = "rounded-md border border-slate-300 px-3 py-1.5";

#[component]
pub fn AdminCoursesPage() -> impl IntoView {
    let query = use_query_map();
    let param = move |name: &str| query.with(|q| q.get(name).unwrap_or_default());
    let retire = ServerAction::<RetireCourse>::new();
    let add_provider = ServerAction::<AddProvider>::new();
    let credential = ServerAction::<CreateLrsCredential>::new();
    let retire_credential = ServerAction::<RetireLrsCredential>::new();
    let list = Resource::new(
        move || {
            (
                retire.version().get(),
                add_provider.version().get(),
                credential.version().get(),
                retire_credential.version().get(),
                param("saved"),
            )
        },
        |_| list_admin_courses(),
    );
    view! {
        <Title text="Courses · Console" />
        <section class="mx-auto max-w-6xl px-4 py-8">
            <ConsoleNav />
            <h1 class="text-2xl font-semibold">"Courses"</h1>
            <p class="mt-1 text-slate-700">
                "Courses clinicians find under Courses. cmi5 courses report completion to the LRS at /xapi/ and post credit themselves; link courses are completed by the clinician."
            </p>
            {move || (!param("saved").is_empty()).then(|| view! {
                <p role="status" class="mt-4 rounded-md border border-teal-300 bg-teal-50 p-3 text-teal-900" data-testid="saved">"The course was saved."</p>
            })}
            {move || (!param("error").is_empty()).then(|| view! {
                <p role="alert" class="mt-4 rounded-md border border-red-300 bg-red-50 p-3 text-red-900" data-testid="form-error">{param("error")}</p>
            })}
            <div class="mt-4">
                <ErrorBanner error=move || {
                    retire.value().get().and_then(Result::err)
                        .or_else(|| add_provider.value().get().and_then(Result::err))
                        .or_else(|| credential.value().get().and_then(Result::err))
                        .or_else(|| retire_credential.value().get().and_then(Result::err))
                } />
            </div>
            <Transition fallback=|| view! { <p class="mt-4">"Loading…"</p> }>
                {move || list.get().map(|result| match result {
                    Ok(all) => view! {
                        <CourseTable courses=all.courses.clone() retire />
                        <CourseEditor all=all.clone() editing=param("edit") />
                        <Providers providers=all.providers add_provider credential retire_credential />
                    }.into_any(),
                    Err(err) => load_failed(err),
                })}
            </Transition>
        </section>
    }
}

#[component]
fn NewSecret(made: NewCredentialView) -> impl IntoView {
    view! {
        <div role="status" class="mt-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-950" data-testid="new-credential">
            <p class="font-semibold">"New LRS credential for " {made.provider}</p>
            <p class="mt-1 text-sm">"Copy the secret now: only its hash is kept, so it cannot be shown again."</p>
            <dl class="mt-2 grid gap-1 text-sm sm:grid-cols-[8rem_1fr]">
                <dt>"Endpoint"</dt><dd class="break-all font-mono">{made.endpoint}</dd>
                <dt>"Key"</dt><dd class="break-all font-mono" data-testid="credential-key">{made.key}</dd>
                <dt>"Secret"</dt><dd class="break-all font-mono" data-testid="credential-secret">{made.secret}</dd>
            </dl>
        </div>
    }
}

#[component]
fn CourseTable(courses: Vec<AdminCourseRow>, retire: ServerAction<RetireCourse>) -> impl IntoView {
    if courses.is_empty() {
        return view! { <p class="mt-6 text-slate-700">"No courses yet. Add the first one below."</p> }.into_any();
    }
    view! {
        <div class="mt-6 overflow-x-auto">
            <table class="min-w-full text-left text-sm" data-testid="course-table">
                <thead><tr class="border-b border-slate-300">
                    <th class="p-2">"Course"</th><th class="p-2">"Provider"</th><th class="p-2">"Launch"</th>
                    <th class="p-2">"Hours"</th><th class="p-2">"Registrations"</th><th class="p-2">"State"</th><th class="p-2"></th>
                </tr></thead>
                <tbody>
                    {courses.into_iter().map(|c| {
                        let id = c.id.clone();
                        view! {
                            <tr class="border-b border-slate-200 align-top">
                                <td class="p-2">{c.title.clone()}{c.structure.clone().map(|s| view! { <span class="block text-xs text-slate-600 break-all">{s}</span> })}</td>
                                <td class="p-2">{c.provider.clone()}</td>
                                <td class="p-2">{c.launch.clone()}</td>
                                <td class="p-2">{c.hours.clone()}</td>
                                <td class="p-2">{c.registrations}</td>
                                <td class="p-2">{if c.retired { "Retired" } else { "Offered" }}</td>
                                <td class="p-2">
                                    <div class="flex flex-wrap gap-2">
                                        <a href=format!("/admin/courses?edit={}#course-form", c.id) class=BUTTON>"Edit"</a>
                                        <ActionForm action=retire>
                                            <input type="hidden" name="id" value=id />
                                            <input type="hidden" name="retire" value=if c.retired { "0" } else { "1" } />
                                            <button type="submit" class=BUTTON>{if c.retired { "Offer again" } else { "Retire" }}</button>
                                        </ActionForm>
                                    </div>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }.into_any()
}

#[component]
fn CourseEditor(all: AdminCourses, editing: String) -> impl IntoView {
    let current = all.courses.iter().find(|c| c.id == editing).cloned();
    let field = |get: fn(&AdminCourseRow) -> String| current.as_ref().map(get).unwrap_or_default();
    let launch = current
        .as_ref()
        .map_or_else(|| "cmi5".to_owned(), |c| c.launch.clone());
    let provider = field(|c| c.provider_id.clone());
    let credit = field(|c| c.credit_type.clone());
    let topics = current
        .as_ref()
        .map(|c| c.topics.clone())
        .unwrap_or_default();
    let heading = if current.is_some() {
        "Change the course"
    } else {
        "Add a course"
    };
    view! {
        <section id="course-form" class="mt-8 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="course-form-heading">
            <h2 id="course-form-heading" class="text-lg font-semibold">{heading}</h2>
            {all.providers.is_empty().then(|| view! {
                <p class="mt-2 text-sm">"Add a provider below first."</p>
            })}
            <form method="post" action="/admin/courses/save" enctype="multipart/form-data" class="mt-4 grid gap-3 sm:grid-cols-2">
                <input type="hidden" name="id" value=editing.clone() />
                <label class="flex min-w-0 flex-col gap-1 text-sm">"Provider"
                    <select name="provider" class=FIELD required>
                        {all.providers.iter().map(|p| view! {
                            <option value=p.id.clone() selected=p.id == provider>{p.name.clone()}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label class="flex min-w-0 flex-col gap-1 text-sm">"Title"
                    <input name="title" class=FIELD value=field(|c| c.title.clone()) required maxlength="200" />
                </label>
                <label class="flex min-w-0 flex-col gap-1 text-sm sm:col-span-2">"Description"
                    {text_area("description", 3, 4000, false, None, field(|c| c.description.clone()))}
                </label>
                <label class="flex min-w-0 flex-col gap-1 text-sm">"Credit hours"
                    <input name="hours" inputmode="decimal" class=FIELD value=field(|c| c.hours.clone()) required />
                </label>
                <label class="flex min-w-0 flex-col gap-1 text-sm">"Credit type"
                    <select name="credit_type" class=FIELD>
                        {all.credit_types.iter().map(|t| view! {
                            <option value=t.key.clone() selected=t.key == credit>{t.label.clone()}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label class="flex min-w-0 flex-col gap-1 text-sm">"Topics (hold Ctrl or ⌘ to choose several)"
                    <select name="topics" class=FIELD multiple size="5">
                        {all.topics.iter().map(|t| view! {
                            <option value=t.key.clone() selected=topics.contains(&t.key)>{t.label.clone()}</option>
                        }).collect_view()}
                    </select>
                </label>
                <div class="flex flex-col gap-3">
                    <label class="flex min-w-0 flex-col gap-1 text-sm">"Accreditor (optional)"
                        <input name="accreditor" class=FIELD value=field(|c| c.accreditor.clone()) maxlength="120" />
                    </label>
                    <label class="flex min-w-0 flex-col gap-1 text-sm">"Price in dollars (shown only; empty for free)"
                        <input name="price" inputmode="decimal" class=FIELD value=field(|c| c.price.clone()) />
                    </label>
                </div>
                <fieldset class="flex flex-col gap-1 text-sm sm:col-span-2">
                    <legend>"Launch"</legend>
                    <label class="flex items-center gap-2"><input type="radio" name="launch" value="cmi5" checked=launch == "cmi5" />"cmi5: launched here, completion reported by the course"</label>
                    <label class="flex items-center gap-2"><input type="radio" name="launch" value="link" checked=launch == "link" />"A link to the provider's site; the clinician records completion"</label>
                </fieldset>
                <label class="flex min-w-0 flex-col gap-1 text-sm">"cmi5 package: cmi5.xml or a .zip with cmi5.xml at its root"
                    <input type="file" name="package" accept=".xml,.zip,application/xml,text/xml,application/zip" class="text-sm" />
                    {current.as_ref().and_then(|c| c.structure.clone()).map(|s| view! { <span class="text-xs text-slate-600">"Now: " {s} ". Choose a file only to replace it."</span> })}
                </label>
                <label class="flex min-w-0 flex-col gap-1 text-sm">"Content address (for relative AU urls), e.g. /course-content/demo/"
                    <input name="content_base" class=FIELD value=field(|c| c.content_base.clone()) />
                </label>
                <label class="flex min-w-0 flex-col gap-1 text-sm sm:col-span-2">"Course link (for link courses)"
                    <input name="link_url" type="url" class=FIELD value=field(|c| c.link_url.clone()) placeholder="https://" />
                </label>
                <div class="flex gap-2 sm:col-span-2">
                    <button type="submit" class=PRIMARY_BUTTON>"Save course"</button>
                    {current.is_some().then(|| view! { <a href="/admin/courses" class=BUTTON>"Cancel"</a> })}
                </div>
            </form>
        </section>
    }
}

#[component]
fn Providers(
    providers: Vec<ProviderRow>,
    add_provider: ServerAction<AddProvider>,
    credential: ServerAction<CreateLrsCredential>,
    retire_credential: ServerAction<RetireLrsCredential>,
) -> impl IntoView {
    view! {
        <section class="mt-8" aria-labelledby="providers-heading">
            <h2 id="providers-heading" class="text-lg font-semibold">"Providers and LRS credentials"</h2>
            <p class="mt-1 text-sm text-slate-700">"A provider's systems send xAPI statements to /xapi/ with HTTP Basic: the key as user name, the secret as password. They see only their own records."</p>
            <ul class="mt-4 flex flex-col gap-4" data-testid="providers">
                {providers.into_iter().map(|p| {
                    let provider_id = p.id.clone();
                    let name = p.name.clone();
                    view! {
                        <li class="rounded-lg border border-slate-200 bg-white p-4">
                            <h3 class="font-semibold">{p.name.clone()}</h3>
                            <ul class="mt-2 flex flex-col gap-2 text-sm">
                                {p.credentials.into_iter().map(|c| {
                                    let id = c.id.clone();
                                    let retired = c.retired.clone();
                                    view! {
                                        <li class="flex flex-wrap items-center gap-2">
                                            <span class="font-mono break-all">{c.key.clone()}</span>
                                            <span>"· " {c.label.clone()} " · made " {c.created.clone()}</span>
                                            {match retired {
                                                Some(at) => view! { <span>"· retired " {at}</span> }.into_any(),
                                                None => view! {
                                                    <ActionForm action=retire_credential>
                                                        <input type="hidden" name="id" value=id />
                                                        <button type="submit" class=BUTTON>"Retire"</button>
                                                    </ActionForm>
                                                }.into_any(),
                                            }}
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                            {move || credential.value().get().and_then(Result::ok).filter(|made| made.provider == name).map(|made| view! { <NewSecret made /> })}
                            <ActionForm action=credential attr:class="mt-3 flex flex-wrap items-end gap-2">
                                <input type="hidden" name="provider" value=provider_id />
                                <label class="flex min-w-0 flex-col gap-1 text-sm">"New credential, for"
                                    <input name="label" class=FIELD placeholder="e.g. production content" maxlength="120" required />
                                </label>
                                <button type="submit" class=BUTTON>"Make credential"</button>
                            </ActionForm>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <ActionForm action=add_provider attr:class="mt-4 flex flex-wrap items-end gap-2">
                <label class="flex min-w-0 flex-col gap-1 text-sm">"New provider"
                    <input name="name" class=FIELD maxlength="120" required />
                </label>
                <button type="submit" class=PRIMARY_BUTTON>"Add provider"</button>
            </ActionForm>
        </section>
    }
}
