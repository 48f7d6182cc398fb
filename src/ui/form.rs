//! Form building blocks: labelled fields and the error banner for a server answer.

use leptos::prelude::*;

use crate::error::AppError;

/// A labelled input; `hint` is linked with `aria-describedby` so screen readers read it.
#[component]
pub fn Field(
    label: &'static str,
    name: &'static str,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
) -> impl IntoView {
    let hint_id = format!("{name}-hint");
    view! {
        <div class="flex flex-col gap-1">
            <label for=name class="font-medium text-slate-800">{label}</label>
            <input
                id=name
                name=name
                type=kind
                autocomplete=autocomplete
                required
                aria-describedby=hint.map(|_| hint_id.clone())
                class="rounded-md border border-slate-300 px-3 py-2 focus:border-teal-700 focus:outline-none focus:ring-2 focus:ring-teal-600"
            />
            {hint.map(|text| view! { <p id=hint_id.clone() class="text-sm text-slate-600">{text}</p> })}
        </div>
    }
}

/// Shows the error of the latest submission, if it failed. Pass
/// `move || action.value().get().and_then(Result::err)`.
#[component]
pub fn ErrorBanner<F>(error: F) -> impl IntoView
where
    F: Fn() -> Option<AppError> + Send + Sync + 'static,
{
    move || {
        error().map(|err| {
            view! {
                <div
                    role="alert"
                    class="rounded-md border border-red-300 bg-red-50 p-3 text-red-900"
                    data-testid="form-error"
                >
                    {err.message}
                    <span class="sr-only">" (code " {err.code.as_str()} ")"</span>
                </div>
            }
        })
    }
}

/// How text inputs and select lists look across the app.
pub const INPUT: &str = "rounded-md border border-slate-300 bg-white px-3 py-2 focus:border-teal-700 focus:outline-none focus:ring-2 focus:ring-teal-600";

/// An input or select that fills its column and may shrink below its longest option, so
/// long option texts never push a phone's page sideways.
pub const FIELD: &str = "w-full min-w-0 rounded-md border border-slate-300 bg-white px-3 py-2 focus:border-teal-700 focus:outline-none focus:ring-2 focus:ring-teal-600";

/// Classes for a form's main button.
pub const PRIMARY_BUTTON: &str = "rounded-md bg-teal-700 px-4 py-2 font-semibold text-white hover:bg-teal-800 disabled:opacity-60";

/// A page's failed load: a visitor whose session has ended (signed out elsewhere, idled
/// out, suspended) goes to sign in; anything else is shown as the message it is.
pub fn load_failed(err: AppError) -> AnyView {
    if err.code == crate::error::ErrorCode::Unauthenticated {
        view! { <leptos_router::components::Redirect path="/signin" /> }.into_any()
    } else {
        view! { <p role="alert" class="mt-4">{err.message}</p> }.into_any()
    }
}

/// A `<textarea>` named and identified `name`, holding `text`. Leptos writes
/// a textarea's children into the page unescaped (it treats the element like `<script>`), so
/// text holding `</textarea>` could end the element and inject markup. On the server the
/// text is therefore escaped here; the browser decodes it back into the field's default
/// value. In the browser the element has no children and gets its text as the live value.
pub fn text_area(
    name: &'static str,
    rows: u32,
    maxlength: usize,
    required: bool,
    described_by: Option<&'static str>,
    text: String,
) -> AnyView {
    #[cfg(feature = "ssr")]
    let field = {
        let text = text
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        view! {
            <textarea id=name name=name required=required rows=rows.to_string() maxlength=maxlength.to_string() aria-describedby=described_by class=INPUT>
                {text}
            </textarea>
        }
    };
    #[cfg(not(feature = "ssr"))]
    let field = view! {
        <textarea id=name name=name required=required rows=rows.to_string() maxlength=maxlength.to_string() aria-describedby=described_by class=INPUT prop:value=text></textarea>
    };
    field.into_any()
}
