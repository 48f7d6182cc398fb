//! The Learning Record Store under `/xapi`: xAPI 1.0.3's statements, documents, agents,
//! activities and about resources, for course content and providers' systems.

pub mod auth;
pub mod documents;
pub mod error;
pub mod headers;
pub mod providers;
pub mod resources;
pub mod statements;

use axum::{
    Router,
    middleware::from_fn,
    routing::{any, get},
};

use super::state::AppState;

/// The LRS routes with their version check and CORS.
pub fn routes() -> Router<AppState> {
    let documents = || {
        get(documents::get)
            .put(documents::put)
            .post(documents::post)
            .delete(documents::delete)
    };
    Router::new()
        .route("/xapi/about", get(resources::about))
        .route(
            "/xapi/statements",
            get(statements::get)
                .put(statements::put)
                .post(statements::post),
        )
        .route("/xapi/activities/state", documents())
        .route("/xapi/activities/profile", documents())
        .route("/xapi/agents/profile", documents())
        .route("/xapi/agents", get(resources::agents))
        .route("/xapi/activities", get(resources::activities))
        .route("/xapi/{*rest}", any(resources::unknown))
        .layer(from_fn(headers::version))
        .layer(headers::cors())
}
