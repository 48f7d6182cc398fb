//! HTTP security: headers on every response, a nonce-based Content Security Policy on pages,
//! and refusal of state-changing requests sent from another site.

use axum::{
    Json,
    extract::{Request, State},
    http::{HeaderMap, HeaderValue, Method, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use leptos::prelude::*;
use serde_json::json;

use super::state::AppState;

/// Called while rendering a page: the page's scripts carry this request's nonce, and only
/// they may run. `wasm-unsafe-eval` lets the browser compile the app's WebAssembly.
pub fn send_content_security_policy() {
    let Some(nonce) = leptos::nonce::use_nonce() else {
        return;
    };
    let Some(response) = use_context::<leptos_axum::ResponseOptions>() else {
        return;
    };
    // The development auto-reload script talks to cargo-leptos over a websocket.
    let connect = if cfg!(debug_assertions) {
        "'self' ws://127.0.0.1:3001"
    } else {
        "'self'"
    };
    let policy = format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self' 'nonce-{nonce}'; img-src 'self' data: blob:; connect-src {connect}; \
         worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'none'; \
         form-action 'self'; frame-ancestors 'none'"
    );
    if let Ok(value) = HeaderValue::from_str(&policy) {
        response.insert_header(header::CONTENT_SECURITY_POLICY, value);
    }
}

/// Headers every response carries. Responses that are not pages get a policy under which a
/// file opened directly can never run script; `'self'` stays allowed for fetches because the
/// service worker's script response is governed by it.
pub async fn headers(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let course_content = request.uri().path().starts_with("/course-content/");
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let fixed = [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "same-origin"),
        (
            header::HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin",
        ),
        (
            header::HeaderName::from_static("permissions-policy"),
            "geolocation=(), microphone=()",
        ),
    ];
    for (name, value) in fixed {
        headers.insert(name, HeaderValue::from_static(value));
    }
    // Browsers ignore HSTS over plain HTTP; sending it there would only mislead.
    if state.config.sessions.https {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    // Pages, server-function answers and exports can hold personal data: never store them in a
    // shared or browser cache. Static files keep their normal caching.
    let dynamic = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| {
            ["text/html", "application/json", "text/csv", "text/plain"]
                .iter()
                .any(|kind| t.starts_with(kind))
        });
    if dynamic && !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    // Course packages served from here run their own scripts, which talk to this origin's
    // LRS; nothing else.
    if course_content {
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(
                "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'self'",
            ),
        );
    }
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(
                "default-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
            ),
        );
    }
    response
}

/// Refuses POST, PUT, PATCH and DELETE that a browser says came from another site, by the
/// Fetch Metadata header or, from older browsers, the Origin header.
pub async fn same_origin_writes(request: Request, next: Next) -> Response {
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    // The LRS authenticates by the Authorization header, never by cookie, and course content
    // on other origins must reach it: a cross-site request carries no ambient credential.
    let path = request.uri().path();
    let lrs = path.starts_with("/xapi/") || path.starts_with("/cmi5/fetch/");
    if safe || lrs || is_same_origin(request.headers()) {
        return next.run(request).await;
    }
    tracing::warn!(target: "security", event = "cross_site_write_refused");
    (
        StatusCode::FORBIDDEN,
        Json(json!({
            "code": "FORBIDDEN_ORIGIN",
            "message": "This request came from another site and was refused.",
        })),
    )
        .into_response()
}

fn is_same_origin(headers: &HeaderMap) -> bool {
    let text = |name| {
        headers
            .get(name)
            .and_then(|v: &HeaderValue| v.to_str().ok())
    };
    if let Some(site) = text(header::HeaderName::from_static("sec-fetch-site")) {
        return matches!(site, "same-origin" | "none");
    }
    match (text(header::ORIGIN), text(header::HOST)) {
        // Non-browser clients (curl, tests) send no Origin; browsers always do on writes.
        (None, _) => true,
        (Some(origin), Some(host)) => {
            origin
                .strip_prefix("https://")
                .or_else(|| origin.strip_prefix("http://"))
                == Some(host)
        }
        (Some(_), None) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn fetch_metadata_decides_when_present() {
        assert!(is_same_origin(&headers(&[(
            "sec-fetch-site",
            "same-origin"
        )])));
        assert!(!is_same_origin(&headers(&[(
            "sec-fetch-site",
            "cross-site"
        )])));
        assert!(!is_same_origin(&headers(&[(
            "sec-fetch-site",
            "same-site"
        )])));
    }

    #[test]
    fn origin_must_match_host_without_fetch_metadata() {
        let ok = headers(&[
            ("origin", "http://127.0.0.1:3000"),
            ("host", "127.0.0.1:3000"),
        ]);
        let foreign = headers(&[
            ("origin", "https://evil.example"),
            ("host", "127.0.0.1:3000"),
        ]);
        assert!(is_same_origin(&ok));
        assert!(!is_same_origin(&foreign));
        assert!(is_same_origin(&headers(&[("host", "127.0.0.1:3000")])));
    }
}
