//! Labelled select lists and the status badge and progress bar the dashboard uses.

use leptos::prelude::*;

use crate::{features::workspace::Choice, ui::form::INPUT};

/// A labelled `<select>`; `selected` picks the option shown first (also when rendered on
/// the server, before hydration).
#[component]
pub fn SelectField(
    label: &'static str,
    name: &'static str,
    choices: Vec<Choice>,
    #[prop(into)] selected: Signal<String>,
    #[prop(optional)] placeholder: Option<&'static str>,
    #[prop(optional)] on_pick: Option<Callback<String>>,
) -> impl IntoView {
    view! {
        <div class="flex min-w-0 flex-col gap-1">
            <label for=name class="font-medium text-slate-800">{label}</label>
            <select
                id=name
                name=name
                class=format!("w-full min-w-0 {INPUT}")
                prop:value=move || selected.get()
                on:change=move |ev| {
                    if let Some(pick) = on_pick {
                        pick.run(event_target_value(&ev));
                    }
                }
            >
                {placeholder.map(|text| view! { <option value="">{text}</option> })}
                {choices
                    .into_iter()
                    .map(|choice| {
                        let key = choice.key.clone();
                        view! {
                            <option value=choice.key selected=move || selected.get() == key>
                                {choice.label}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

/// A requirement's status as words with a colour, never colour alone.
#[component]
pub fn StatusBadge(status: String, label: String) -> impl IntoView {
    let colours = match status.as_str() {
        "met" | "waived" | "not_applicable" => "bg-emerald-100 text-emerald-900",
        "on_track" | "not_yet_due" => "bg-sky-100 text-sky-900",
        "at_risk" | "late" => "bg-amber-100 text-amber-900",
        _ => "bg-red-100 text-red-900",
    };
    view! {
        <span class=format!("rounded px-2 py-0.5 text-sm font-medium {colours}")>{label}</span>
    }
}

/// Hours counted of hours required, as a native progress bar (no inline style, which the
/// CSP forbids) with its numbers spoken.
#[component]
pub fn ProgressBar(percent: u8, label: String) -> impl IntoView {
    view! {
        <progress
            class="h-2 w-full accent-teal-600"
            max="100"
            value=percent.to_string()
            aria-label=label
        >
            {format!("{percent}%")}
        </progress>
    }
}
