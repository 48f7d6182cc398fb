use axum::http::StatusCode;

use crate::{on_both_backends, support::TestApp};

async fn landing_page_renders_on_the_server(app: TestApp) {
    let page = app.get("/").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body
            .contains("Your licences, certifications and CE, always in order.")
    );
    assert!(page.body.contains(r#"href="/signin""#));
    assert!(page.body.contains(r#"href="/signup""#));
    assert!(page.body.contains(r#"rel="manifest""#));
    // The hydration script is there, and it carries the nonce the policy names.
    let policy = page.headers["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    let nonce = policy
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .unwrap();
    assert!(
        page.body.contains(&format!(r#"nonce="{nonce}""#)),
        "nonce missing from scripts"
    );
    assert!(policy.contains("'wasm-unsafe-eval'"));
    assert!(policy.contains("frame-ancestors 'none'"));
}
on_both_backends!(landing_page_renders_on_the_server);

async fn each_request_gets_its_own_nonce(app: TestApp) {
    let first = app.get("/").await.headers["content-security-policy"].clone();
    let second = app.get("/").await.headers["content-security-policy"].clone();
    assert_ne!(first, second);
}
on_both_backends!(each_request_gets_its_own_nonce);

async fn unknown_addresses_answer_404_with_a_page(app: TestApp) {
    let page = app.get("/no/such/page").await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(page.body.contains("Page not found"));
}
on_both_backends!(unknown_addresses_answer_404_with_a_page);

async fn status_page_renders_the_database_kind(app: TestApp) {
    let page = app.get("/status").await;
    assert_eq!(page.status, StatusCode::OK);
    let expected = match app.state.config.database.backend {
        licensure::server::config::Backend::Sqlite => "SQLite",
        licensure::server::config::Backend::Postgres => "PostgreSQL",
    };
    assert!(page.body.contains(expected), "status page lacks {expected}");
}
on_both_backends!(status_page_renders_the_database_kind);
