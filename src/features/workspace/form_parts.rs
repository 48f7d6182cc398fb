//! Pieces shared by the credential and activity editors.

use leptos::{prelude::*, server_fn::ServerFn};

use crate::{
    error::AppError,
    ui::form::{ErrorBanner, PRIMARY_BUTTON},
};

/// The error of the last save, the submit button ("Save changes" while editing a record)
/// and a Cancel button that ends editing.
#[component]
pub fn EditorFooter<S, T>(
    action: ServerAction<S>,
    editing: RwSignal<Option<T>>,
    create_label: &'static str,
) -> impl IntoView
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
    T: Clone + Send + Sync + 'static,
{
    view! {
        <div class="sm:col-span-2">
            <ErrorBanner error=move || action.value().get().and_then(Result::err) />
        </div>
        <div class="flex gap-3 sm:col-span-2">
            <button type="submit" class=PRIMARY_BUTTON disabled=move || action.pending().get()>
                {move || if editing.with(Option::is_some) { "Save changes" } else { create_label }}
            </button>
            <Show when=move || editing.with(Option::is_some)>
                <button type="button" class="rounded-md border border-slate-300 px-4 py-2" on:click=move |_| editing.set(None)>
                    "Cancel"
                </button>
            </Show>
        </div>
    }
}

/// A labelled input whose value follows a signal (for editing an existing record).
#[component]
pub fn TextInput(
    #[prop(into)] label: Signal<&'static str>,
    name: &'static str,
    #[prop(into)] value: Signal<String>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = false)] required: bool,
    #[prop(optional)] inputmode: Option<&'static str>,
) -> impl IntoView {
    view! {
        <div class="flex min-w-0 flex-col gap-1">
            <label for=name class="font-medium text-slate-800">{move || label.get()}</label>
            <input
                id=name
                name=name
                type=kind
                required=required
                inputmode=inputmode
                prop:value=move || value.get()
                value=move || value.get()
                class="rounded-md border border-slate-300 px-3 py-2 focus:border-teal-700 focus:outline-none focus:ring-2 focus:ring-teal-600"
            />
        </div>
    }
}
