//! Running service code from a plain axum handler with the same context server functions
//! get (the request's parts and the state), so every check reads the session the same way.

use leptos::prelude::*;
use leptos::reactive::{computed::ScopedFuture, owner::Owner};

use super::state::AppState;

pub async fn in_request<T>(
    state: AppState,
    parts: axum::http::request::Parts,
    work: impl Future<Output = T>,
) -> T {
    let owner = Owner::new();
    owner.with(|| {
        provide_context(parts);
        provide_context(state);
    });
    owner.with(|| ScopedFuture::new(work)).await
}
