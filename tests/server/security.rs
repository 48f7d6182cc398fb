use axum::{
    body::Body,
    http::{Request, StatusCode},
};

use crate::{on_both_backends, support::TestApp};

async fn security_headers_are_on_every_response(app: TestApp) {
    for path in ["/", "/healthz", "/no/such/page"] {
        let response = app.get(path).await;
        let header = |name: &str| response.headers.get(name).and_then(|v| v.to_str().ok());
        assert_eq!(header("x-content-type-options"), Some("nosniff"), "{path}");
        assert_eq!(header("x-frame-options"), Some("DENY"), "{path}");
        // Served over plain HTTP in tests: HSTS would be ignored, so it is not sent.
        assert!(header("strict-transport-security").is_none(), "{path}");
        let csp = header("content-security-policy").unwrap_or_default();
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
    }
}
on_both_backends!(security_headers_are_on_every_response);

async fn writes_from_another_site_are_refused(app: TestApp) {
    let foreign = Request::post("/api/system_status")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "cross-site")
        .body(Body::empty())
        .unwrap();
    let response = app.send(foreign).await;
    assert_eq!(response.status, StatusCode::FORBIDDEN);
    assert!(response.body.contains("FORBIDDEN_ORIGIN"));

    let old_browser = Request::post("/api/system_status")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("origin", "https://evil.example")
        .header("host", "127.0.0.1:3000")
        .body(Body::empty())
        .unwrap();
    assert_eq!(app.send(old_browser).await.status, StatusCode::FORBIDDEN);
}
on_both_backends!(writes_from_another_site_are_refused);
