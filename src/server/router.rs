//! The HTTP router: probes, pages, server functions, static files and the layers around them.

use axum::{
    Router,
    extract::DefaultBodyLimit,
    middleware::{from_fn, from_fn_with_state},
    routing::{get, post},
};
use leptos_axum::{LeptosRoutes, file_and_error_handler_with_context, generate_route_list};
use tower_http::compression::CompressionLayer;

use super::{
    admin_console::{self, exports},
    courses, documents, health, request_log, security,
    state::AppState,
    xapi,
};
use crate::app::{App, shell};

/// Builds the full application; tests drive this same router.
pub fn build(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let options = state.leptos_options.clone();
    Router::new()
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .merge(xapi::routes())
        .route("/courses/{id}/launch", post(courses::launch::launch))
        .route(
            "/admin/courses/save",
            // A package may hold the course's content as well as its cmi5.xml.
            post(courses::course_save::save_route).layer(DefaultBodyLimit::max(51 * 1024 * 1024)),
        )
        .route(
            "/cmi5/fetch/{code}",
            // Content on the provider's own origin fetches its token from there.
            post(courses::fetch::fetch).layer(xapi::headers::cors()),
        )
        .route("/admin/audit.csv", get(exports::audit_csv))
        .route("/admin/access.csv", get(exports::access_csv))
        .route(
            "/documents/upload",
            // Each file's own limit is enforced while it streams; no body is held whole.
            post(documents::upload::upload).layer(DefaultBodyLimit::disable()),
        )
        .route(
            "/documents/{id}/versions",
            post(documents::upload::new_version).layer(DefaultBodyLimit::disable()),
        )
        .route("/documents/{id}/file", get(documents::download::file))
        .route(
            "/documents/{id}/thumbnail",
            get(documents::download::thumbnail),
        )
        .route(
            "/admin/documents/{id}/file",
            get(admin_console::documents::file),
        )
        .leptos_routes_with_context(&state, routes, leptos::nonce::provide_nonce, move || {
            shell(options.clone())
        })
        .fallback(file_and_error_handler_with_context::<AppState, _>(
            leptos::nonce::provide_nonce,
            shell,
        ))
        .route_layer(from_fn(request_log::record_route))
        .layer(from_fn_with_state(state.clone(), security::headers))
        .layer(from_fn(security::same_origin_writes))
        .layer(CompressionLayer::new())
        .layer(from_fn(request_log::access_log))
        .with_state(state)
}
