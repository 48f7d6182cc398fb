//! One access line per request: method, matched route, status, duration and a request id.
//! No query strings, cookies, bodies or addresses, so nothing personal reaches the log.

use std::time::Instant;

use axum::{
    extract::{MatchedPath, Request},
    http::{HeaderName, HeaderValue},
    middleware::Next,
    response::Response,
};
use tracing::Instrument;
use uuid::Uuid;

pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The route template that matched, carried from the router to the access log.
#[derive(Clone)]
struct RouteTemplate(String);

/// Runs inside the router (as a route layer), where the matched route is known.
pub async fn record_route(request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_owned());
    let mut response = next.run(request).await;
    if let Some(route) = route {
        response.extensions_mut().insert(RouteTemplate(route));
    }
    response
}

/// Outermost layer: assigns a fresh request id (a client's own is ignored, so it cannot
/// forge log lines), runs the request in a span carrying it, and writes the access line.
pub async fn access_log(mut request: Request, next: Next) -> Response {
    let started = Instant::now();
    let id = Uuid::new_v4().to_string();
    let method = request.method().clone();
    if let Ok(value) = HeaderValue::from_str(&id) {
        request.headers_mut().insert(REQUEST_ID, value);
    }

    let span = tracing::info_span!("request", request_id = %id);
    let mut response = next.run(request).instrument(span).await;

    let route = response
        .extensions()
        .get::<RouteTemplate>()
        .map(|r| r.0.as_str())
        // Unmatched requests are static files or 404s; their paths are not logged.
        .unwrap_or("(static or unknown)");
    tracing::info!(
        target: "access",
        request_id = %id,
        method = %method,
        route = %route,
        status = response.status().as_u16(),
        duration_ms = started.elapsed().as_secs_f64() * 1000.0,
    );
    if let Ok(value) = HeaderValue::from_str(&id) {
        response.headers_mut().insert(REQUEST_ID, value);
    }
    response
}
