//! Files on their way up from the browser, each with its own progress and result. The
//! sending runs only in the browser (XMLHttpRequest, because `fetch` reports no upload
//! progress); on the server these handlers are never called.

use leptos::prelude::*;
use leptos::reactive::owner::WeakOwner;

use super::views::UploadResult;

/// One file being sent: its progress from 0 to 1 and, once answered, what became of it.
#[derive(Clone)]
pub struct UploadItem {
    pub key: usize,
    pub name: String,
    pub progress: RwSignal<f64>,
    pub result: RwSignal<Option<UploadResult>>,
    /// A new CE certificate: once stored, the page offers to record its activity.
    pub certificate: bool,
}

/// The files sent from this page, oldest first, and a count that moves when one finishes
/// (the list reloads on it).
#[derive(Clone, Copy)]
pub struct Uploads {
    pub items: RwSignal<Vec<UploadItem>>,
    pub finished: RwSignal<usize>,
    next_key: StoredValue<usize>,
    /// The page's owner: each file's signals belong to the page, not to whatever part of it
    /// was current when the file was chosen, so they live until the page is left.
    /// Weak, so the page's own storage does not keep the page alive.
    owner: StoredValue<Option<WeakOwner>>,
}

impl Uploads {
    pub fn new() -> Self {
        Self::reporting_to(RwSignal::new(0))
    }

    /// Files whose completion moves `finished`, a count shared with the rest of the page.
    pub fn reporting_to(finished: RwSignal<usize>) -> Self {
        Self {
            items: RwSignal::new(Vec::new()),
            finished,
            next_key: StoredValue::new(0),
            owner: StoredValue::new(Owner::current().map(|owner| owner.downgrade())),
        }
    }

    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    fn add(&self, name: String, certificate: bool) -> UploadItem {
        let key = self.next_key.get_value();
        self.next_key.set_value(key + 1);
        let signals = || (RwSignal::new(0.0), RwSignal::new(None));
        let owner = self.owner.get_value().and_then(|weak| weak.upgrade());
        let (progress, result) = match owner {
            Some(owner) => owner.with(signals),
            None => signals(),
        };
        let item = UploadItem {
            key,
            name,
            progress,
            result,
            certificate,
        };
        self.items.update(|items| items.push(item.clone()));
        item
    }
}

impl Default for Uploads {
    fn default() -> Self {
        Self::new()
    }
}

/// Where files go: new documents of a kind, or the next version of one document.
#[derive(Clone, PartialEq, Eq)]
pub enum Target {
    NewDocuments { kind: String },
    NextVersion { document: String },
}

impl Target {
    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    fn brings_certificates(&self) -> bool {
        matches!(self, Self::NewDocuments { kind } if kind == "ce_certificate")
    }
}

/// Sends the files chosen in a file input (then clears it, so the same file can be chosen
/// again).
pub fn send_chosen(ev: &leptos::ev::Event, uploads: Uploads, target: Target) {
    #[cfg(feature = "hydrate")]
    browser::send_chosen(ev, uploads, target);
    #[cfg(not(feature = "hydrate"))]
    let _ = (ev, uploads, target);
}

/// Sends the files dropped on the page.
pub fn send_dropped(ev: &leptos::ev::DragEvent, uploads: Uploads, target: Target) {
    ev.prevent_default();
    #[cfg(feature = "hydrate")]
    browser::send_dropped(ev, uploads, target);
    #[cfg(not(feature = "hydrate"))]
    let _ = (uploads, target);
}

#[cfg(feature = "hydrate")]
mod browser;
