//! The browser side of uploading: one XMLHttpRequest per file, one file at a time, each
//! reporting its progress into its own signal.

use leptos::{prelude::*, task::spawn_local};
use wasm_bindgen::{JsCast, closure::Closure};
use web_sys::{File, FormData, HtmlInputElement, ProgressEvent, XmlHttpRequest};

use super::{Target, UploadItem, Uploads};
use crate::{error::AppError, features::documents::UploadResult};

pub fn send_chosen(ev: &leptos::ev::Event, uploads: Uploads, target: Target) {
    let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
    else {
        return;
    };
    let files = input.files().map(list).unwrap_or_default();
    input.set_value("");
    send_all(files, uploads, target);
}

pub fn send_dropped(ev: &leptos::ev::DragEvent, uploads: Uploads, target: Target) {
    let files = ev
        .data_transfer()
        .and_then(|transfer| transfer.files())
        .map(list)
        .unwrap_or_default();
    send_all(files, uploads, target);
}

fn list(files: web_sys::FileList) -> Vec<File> {
    (0..files.length()).filter_map(|i| files.get(i)).collect()
}

fn send_all(files: Vec<File>, uploads: Uploads, target: Target) {
    if files.is_empty() {
        return;
    }
    let certificate = target.brings_certificates();
    let queued: Vec<(File, UploadItem)> = files
        .into_iter()
        .map(|file| {
            let item = uploads.add(file.name(), certificate);
            (file, item)
        })
        .collect();
    spawn_local(async move {
        for (file, item) in queued {
            let result = send(&file, &item, &target).await;
            // The page may have been left while the file was on its way: its signals are
            // gone then, and the remaining files are not sent.
            item.progress.try_set(1.0);
            // Only a stored file changes the list; reloading it for a refused one would
            // re-create the rows and with them the message saying why.
            let stored = result.stored;
            let shown = item.result.try_set(Some(result)).is_none();
            if !shown || (stored && uploads.finished.try_update(|n| *n += 1).is_none()) {
                return;
            }
        }
    });
}

/// Sends one file and reads the server's answer into a result for that file.
async fn send(file: &File, item: &UploadItem, target: &Target) -> UploadResult {
    let name = file.name();
    match exchange(file, item, target).await {
        Ok((status, body)) => read_answer(&name, status, &body, target),
        Err(()) => UploadResult::refused(
            &name,
            "The connection was lost before the file arrived; nothing was kept. Try again.",
        ),
    }
}

fn read_answer(name: &str, status: u16, body: &str, target: &Target) -> UploadResult {
    if (200..300).contains(&status) {
        let parsed = match target {
            Target::NewDocuments { .. } => serde_json::from_str::<Vec<UploadResult>>(body)
                .ok()
                .and_then(|mut results| (!results.is_empty()).then(|| results.remove(0))),
            Target::NextVersion { .. } => serde_json::from_str::<UploadResult>(body).ok(),
        };
        if let Some(result) = parsed {
            return result;
        }
    }
    let message = serde_json::from_str::<AppError>(body)
        .map(|err| err.message)
        .unwrap_or_else(|_| match status {
            401 => "You are signed out; sign in again and resend the file.".to_owned(),
            413 => "The file is too large.".to_owned(),
            _ => "The server could not take the file; nothing was kept. Try again.".to_owned(),
        });
    UploadResult::refused(name, &message)
}

/// Posts the file as a multipart form and waits for the whole answer.
async fn exchange(file: &File, item: &UploadItem, target: &Target) -> Result<(u16, String), ()> {
    let request = XmlHttpRequest::new().map_err(drop)?;
    let (url, kind) = match target {
        Target::NewDocuments { kind } => ("/documents/upload".to_owned(), Some(kind.as_str())),
        Target::NextVersion { document } => (format!("/documents/{document}/versions"), None),
    };
    request.open("POST", &url).map_err(drop)?;
    let form = FormData::new().map_err(drop)?;
    if let Some(kind) = kind {
        form.append_with_str("kind", kind).map_err(drop)?;
    }
    form.append_with_blob_and_filename("file", file, &file.name())
        .map_err(drop)?;

    let progress = item.progress;
    let on_progress = Closure::<dyn FnMut(ProgressEvent)>::new(move |ev: ProgressEvent| {
        if ev.length_computable() && ev.total() > 0.0 {
            // The last few percent wait for the server's answer.
            progress.try_set((ev.loaded() / ev.total()).min(0.99));
        }
    });
    if let Ok(upload) = request.upload() {
        upload.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
    }
    let done = js_sys::Promise::new(&mut |resolve, _reject| {
        // Freed by JavaScript once called; `loadend` fires exactly once, after success,
        // failure or abort alike.
        let settle = Closure::once_into_js(move || {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        });
        request.set_onloadend(Some(settle.unchecked_ref()));
    });
    request.send_with_opt_form_data(Some(&form)).map_err(drop)?;
    wasm_bindgen_futures::JsFuture::from(done)
        .await
        .map_err(drop)?;
    drop(on_progress);
    let status = request.status().map_err(drop)?;
    if status == 0 {
        return Err(());
    }
    let body = request.response_text().ok().flatten().unwrap_or_default();
    Ok((status, body))
}
