//! The headers every LRS exchange carries: the client states its xAPI version on every request
//! but `about`, the LRS states its own on every response, and browsers on other origins may
//! call it (CORS) because it authenticates by header, never by cookie.

use axum::{
    extract::Request,
    http::{HeaderName, HeaderValue, Method, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use tower_http::cors::{AllowOrigin, CorsLayer};

use super::error::XapiError;

pub const VERSION_HEADER: HeaderName = HeaderName::from_static("x-experience-api-version");
pub const CONSISTENT_THROUGH: HeaderName =
    HeaderName::from_static("x-experience-api-consistent-through");
/// The version this LRS implements, stated on every response.
pub const VERSION: &str = "1.0.3";

/// Refuses requests without a 1.0.x version header (except `about` and preflights) and
/// states the LRS's version on every answer, refusals included.
pub async fn version(request: Request, next: Next) -> Response {
    let exempt = request.method() == Method::OPTIONS || request.uri().path() == "/xapi/about";
    let stated = request
        .headers()
        .get(&VERSION_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let mut response = match stated.as_deref() {
        _ if exempt => next.run(request).await,
        None => XapiError::bad_request(
            "Every request must state its xAPI version in the X-Experience-API-Version header.",
        )
        .into_response(),
        Some(v) if is_supported(v) => next.run(request).await,
        Some(_) => XapiError::bad_request(
            "This LRS speaks xAPI 1.0.x; the X-Experience-API-Version header asked for another.",
        )
        .into_response(),
    };
    response
        .headers_mut()
        .insert(VERSION_HEADER, HeaderValue::from_static(VERSION));
    response
}

/// 1.0, 1.0.0 … 1.0.9: the versions whose statements this LRS reads the same way.
fn is_supported(version: &str) -> bool {
    version == "1.0"
        || version
            .strip_prefix("1.0.")
            .is_some_and(|patch| !patch.is_empty() && patch.bytes().all(|b| b.is_ascii_digit()))
}

/// Browser content (a course in a frame or window of another origin) may call the LRS; it
/// authenticates with the Authorization header, so no cookie is ever involved.
pub fn cors() -> CorsLayer {
    CorsLayer::new()
        .allow_origin(AllowOrigin::any())
        .allow_methods([
            Method::GET,
            Method::HEAD,
            Method::PUT,
            Method::POST,
            Method::DELETE,
            Method::OPTIONS,
        ])
        .allow_headers([
            header::AUTHORIZATION,
            header::CONTENT_TYPE,
            header::IF_MATCH,
            header::IF_NONE_MATCH,
            VERSION_HEADER,
        ])
        .expose_headers([
            header::ETAG,
            header::LAST_MODIFIED,
            header::CONTENT_TYPE,
            VERSION_HEADER,
            CONSISTENT_THROUGH,
        ])
}

#[cfg(test)]
mod tests {
    use super::is_supported;

    #[test]
    fn only_1_0_x_versions_are_spoken() {
        for ok in ["1.0", "1.0.0", "1.0.3", "1.0.12"] {
            assert!(is_supported(ok), "{ok}");
        }
        for refused in ["", "1", "1.1", "1.0.", "1.0.x", "2.0.0", "0.95"] {
            assert!(!is_supported(refused), "{refused}");
        }
    }
}
