use axum::http::StatusCode;

use crate::{on_both_backends, support::TestApp};

async fn liveness_and_readiness_answer_json(app: TestApp) {
    let live = app.get("/healthz").await;
    assert_eq!(live.status, StatusCode::OK);
    assert_eq!(live.body, r#"{"status":"ok"}"#);

    let ready = app.get("/readyz").await;
    assert_eq!(ready.status, StatusCode::OK);
    assert!(ready.body.contains(r#""database":"ok""#), "{}", ready.body);
}
on_both_backends!(liveness_and_readiness_answer_json);

async fn readiness_fails_when_the_database_is_gone(app: TestApp) {
    app.state.db.clone().close().await.expect("pool closes");
    let ready = app.get("/readyz").await;
    assert_eq!(ready.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(ready.body.contains("unreachable"), "{}", ready.body);
    // Liveness is about the process, not its dependencies.
    assert_eq!(app.get("/healthz").await.status, StatusCode::OK);
}
on_both_backends!(readiness_fails_when_the_database_is_gone);

async fn every_response_carries_a_request_id(app: TestApp) {
    let first = app.get("/healthz").await;
    let second = app.get("/healthz").await;
    let id = |r: &crate::support::TestResponse| {
        r.headers
            .get("x-request-id")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    assert!(id(&first).is_some());
    assert_ne!(id(&first), id(&second));
}
on_both_backends!(every_response_carries_a_request_id);
