use axum::http::StatusCode;
use licensure::features::status::StatusReport;

use crate::{on_both_backends, support::TestApp};

async fn system_status_round_trips_to_the_database(app: TestApp) {
    let response = app.call_server_fn("system_status").await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    let status: StatusReport = serde_json::from_str(&response.body).unwrap();
    assert_eq!(status.pending_migrations, 0);
    assert_eq!(
        status.schema_version,
        "m20261204_000002_create_requirement_sets"
    );
    assert_eq!(status.app_version, env!("CARGO_PKG_VERSION"));
    let expected = app.state.config.database.backend.label();
    assert_eq!(status.database, expected);
}
on_both_backends!(system_status_round_trips_to_the_database);

async fn a_database_failure_reads_as_unavailable_without_internals(app: TestApp) {
    app.state.db.clone().close().await.unwrap();
    let response = app.call_server_fn("system_status").await;
    assert_eq!(response.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(response.body.contains("UNAVAILABLE"), "{}", response.body);
    for internal in ["sqlx", "pool", "seaql", "connection"] {
        assert!(
            !response.body.to_lowercase().contains(internal),
            "{}",
            response.body
        );
    }
}
on_both_backends!(a_database_failure_reads_as_unavailable_without_internals);
