//! `/profile` ("About you"): the date of birth some deadlines follow and the questions the
//! rules of the clinician's boards turn on. Unanswered questions leave a rule applying.

use leptos::prelude::*;
use leptos_meta::Title;

use super::{
    api::{SaveProfile, load_profile},
    views::{ProfileView, QuestionView},
};
use crate::{
    domain::workspace::profile::AnswerKind,
    ui::form::{ErrorBanner, INPUT, PRIMARY_BUTTON},
};

#[component]
pub fn ProfilePage() -> impl IntoView {
    let save = ServerAction::<SaveProfile>::new();
    let profile = Resource::new(move || save.version().get(), |_| load_profile());
    view! {
        <Title text="About you" />
        <section class="mx-auto max-w-3xl px-4 py-8">
            <h1 class="text-2xl font-semibold">"About you"</h1>
            <p class="mt-2 text-slate-700">
                "Some boards' rules depend on facts about you. Answer what you know; a question left unanswered keeps its rule on your dashboard, so nothing is waived by mistake."
            </p>
            <Transition fallback=|| view! { <p class="mt-4">"Loading…"</p> }>
                {move || profile.get().map(|result| match result {
                    Ok(profile) => view! { <ProfileForm profile save /> }.into_any(),
                    Err(err) => crate::ui::form::load_failed(err),
                })}
            </Transition>
        </section>
    }
}

#[component]
fn ProfileForm(profile: ProfileView, save: ServerAction<SaveProfile>) -> impl IntoView {
    let birthday_note = if profile.birthday_credentials.is_empty() {
        "Used for deadlines that follow a birthday (for example Arizona, Massachusetts and North Carolina).".to_owned()
    } else {
        format!(
            "The deadline of {} follows your birthday.",
            profile.birthday_credentials.join(", ")
        )
    };
    let saved = move || matches!(save.value().get(), Some(Ok(_)));
    view! {
        <ActionForm action=save attr:class="mt-6 flex flex-col gap-6">
            <div class="flex flex-col gap-1">
                <label for="birth_date" class="font-medium text-slate-800">"Date of birth"</label>
                <input id="birth_date" name="birth_date" type="date" value=profile.birth_date.clone()
                    aria-describedby="birth_date_note" class=INPUT />
                <p id="birth_date_note" class="text-sm text-slate-600">{birthday_note}</p>
            </div>
            {if profile.questions.is_empty() {
                view! {
                    <p class="text-slate-700" data-testid="no-questions">
                        "None of your credentials' rules depend on your practice. Questions appear here when you add a licence whose rules do."
                    </p>
                }.into_any()
            } else {
                view! {
                    <fieldset class="flex flex-col gap-4" data-testid="questions">
                        <legend class="text-lg font-semibold">"Your practice"</legend>
                        {profile.questions.into_iter().map(|question| view! { <QuestionField question /> }).collect_view()}
                    </fieldset>
                }.into_any()
            }}
            <ErrorBanner error=move || save.value().get().and_then(Result::err) />
            <div class="flex items-center gap-3">
                <button type="submit" class=PRIMARY_BUTTON disabled=move || save.pending().get()>"Save"</button>
                <Show when=saved>
                    <p role="status" class="text-emerald-900">"Saved. Your dashboard now uses these answers."</p>
                </Show>
            </div>
        </ActionForm>
    }
}

#[component]
fn QuestionField(question: QuestionView) -> impl IntoView {
    let id = format!("answer-{}", question.key);
    let note_id = format!("{id}-note");
    let name = format!("answers[{}]", question.key);
    let note = format!("Asked by {}", question.asked_by);
    let input = match question.kind {
        AnswerKind::YesNo => {
            let answer = question.answer.clone();
            let option = move |value: &'static str, text: &'static str| {
                view! { <option value=value selected=answer == value>{text}</option> }
            };
            view! {
                <select id=id.clone() name=name aria-describedby=note_id.clone() class=INPUT>
                    {option("", "Not answered")}
                    {option("yes", "Yes")}
                    {option("no", "No")}
                </select>
            }
            .into_any()
        }
        AnswerKind::Percent => view! {
            <div class="flex items-center gap-2">
                <input id=id.clone() name=name type="text" inputmode="decimal" value=question.answer
                    aria-describedby=note_id.clone() class=format!("w-28 {INPUT}") />
                <span aria-hidden="true">"%"</span>
            </div>
        }
        .into_any(),
    };
    let label = match question.kind {
        AnswerKind::YesNo => question.text,
        AnswerKind::Percent => format!("{} (percent)", question.text),
    };
    view! {
        <div class="flex flex-col gap-1" data-testid="question">
            <label for=id class="font-medium text-slate-800">{label}</label>
            {input}
            <p id=note_id class="text-sm text-slate-600">{note}</p>
        </div>
    }
}
