//! The state, activity-profile and agent-profile documents: write, read, list, merge,
//! delete, and the ETag preconditions.

use axum::{body::Body, http::StatusCode};
use serde_json::{Value, json};

use super::Lrs;
use crate::{on_both_backends, support::TestApp};

const ACTIVITY: &str = "https://courses.example.org/sepsis";
const AGENT: &str = r#"{"mbox": "mailto:ann@example.org"}"#;
const REGISTRATION: &str = "5a1e2f3d-4c5b-4a69-8877-665544332211";

async fn state_documents_are_kept_per_agent_activity_and_registration(app: TestApp) {
    let lrs = Lrs::provider(&app, "State Provider").await;
    let path = "/xapi/activities/state";
    let address = [
        ("activityId", ACTIVITY),
        ("agent", AGENT),
        ("registration", REGISTRATION),
        ("stateId", "bookmark"),
    ];
    let response = lrs.put_json(path, &address, &json!({"page": 3})).await;
    assert_eq!(response.status, StatusCode::NO_CONTENT, "{}", response.body);
    let response = lrs.get(path, &address).await;
    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(
        serde_json::from_str::<Value>(&response.body).unwrap(),
        json!({"page": 3})
    );
    assert!(response.header("etag").starts_with('"'));
    assert!(!response.header("last-modified").is_empty());
    // POST merges JSON objects.
    let response = lrs
        .post_json(path, &address, &json!({"seen": ["intro"]}))
        .await;
    assert_eq!(response.status, StatusCode::NO_CONTENT, "{}", response.body);
    let merged: Value = serde_json::from_str(&lrs.get(path, &address).await.body).unwrap();
    assert_eq!(merged, json!({"page": 3, "seen": ["intro"]}));
    // Without the registration it is another document.
    let unregistered = [
        ("activityId", ACTIVITY),
        ("agent", AGENT),
        ("stateId", "bookmark"),
    ];
    assert_eq!(
        lrs.get(path, &unregistered).await.status,
        StatusCode::NOT_FOUND
    );
    // Listing gives the ids; since filters on the last change.
    lrs.send(
        lrs.request(
            "PUT",
            path,
            &[
                ("activityId", ACTIVITY),
                ("agent", AGENT),
                ("registration", REGISTRATION),
                ("stateId", "notes"),
            ],
        )
        .header("content-type", "text/plain"),
        Body::from("plain words"),
    )
    .await;
    let list = [
        ("activityId", ACTIVITY),
        ("agent", AGENT),
        ("registration", REGISTRATION),
    ];
    let ids: Vec<String> = serde_json::from_str(&lrs.get(path, &list).await.body).unwrap();
    assert_eq!(ids, ["bookmark", "notes"]);
    let later = [
        ("activityId", ACTIVITY),
        ("agent", AGENT),
        ("registration", REGISTRATION),
        ("since", "2999-01-01T00:00:00Z"),
    ];
    let ids: Vec<String> = serde_json::from_str(&lrs.get(path, &later).await.body).unwrap();
    assert!(ids.is_empty());
    // A text document is returned as sent; POST cannot merge into it.
    let notes = [
        ("activityId", ACTIVITY),
        ("agent", AGENT),
        ("registration", REGISTRATION),
        ("stateId", "notes"),
    ];
    let response = lrs.get(path, &notes).await;
    assert_eq!(response.body, "plain words");
    assert_eq!(response.header("content-type"), "text/plain");
    let response = lrs.post_json(path, &notes, &json!({"a": 1})).await;
    assert_eq!(response.status, StatusCode::BAD_REQUEST);
    // DELETE without stateId deletes them all.
    let response = lrs
        .send(lrs.request("DELETE", path, &list), Body::empty())
        .await;
    assert_eq!(response.status, StatusCode::NO_CONTENT);
    let ids: Vec<String> = serde_json::from_str(&lrs.get(path, &list).await.body).unwrap();
    assert!(ids.is_empty());
    // Bad addresses.
    for params in [
        vec![("agent", AGENT), ("stateId", "x")],
        vec![
            ("activityId", "not an iri"),
            ("agent", AGENT),
            ("stateId", "x"),
        ],
        vec![("activityId", ACTIVITY), ("agent", "{}"), ("stateId", "x")],
        vec![
            ("activityId", ACTIVITY),
            ("agent", AGENT),
            ("registration", "r1"),
            ("stateId", "x"),
        ],
        vec![
            ("activityId", ACTIVITY),
            ("agent", AGENT),
            ("stateId", "x"),
            ("colour", "red"),
        ],
    ] {
        let response = lrs.put_json(path, &params, &json!({})).await;
        assert_eq!(response.status, StatusCode::BAD_REQUEST, "{params:?}");
    }
    // A body sent as JSON must be JSON.
    let response = lrs
        .send(
            lrs.request("PUT", path, &address)
                .header("content-type", "application/json"),
            Body::from("{oops"),
        )
        .await;
    assert_eq!(response.status, StatusCode::BAD_REQUEST);
}
on_both_backends!(state_documents_are_kept_per_agent_activity_and_registration);

async fn profiles_are_written_only_by_who_knows_their_etag(app: TestApp) {
    let lrs = Lrs::provider(&app, "Profile Provider").await;
    for (path, address) in [
        (
            "/xapi/activities/profile",
            [("activityId", ACTIVITY), ("profileId", "settings")],
        ),
        (
            "/xapi/agents/profile",
            [("agent", AGENT), ("profileId", "settings")],
        ),
    ] {
        let put = |headers: &[(&str, &str)], body: Value| {
            let mut request = lrs
                .request("PUT", path, &address)
                .header("content-type", "application/json");
            for (name, value) in headers {
                request = request.header(*name, *value);
            }
            lrs.send(request, Body::from(body.to_string()))
        };
        // Created with If-None-Match: *; a second create fails the precondition.
        assert_eq!(
            put(&[("if-none-match", "*")], json!({"v": 1})).await.status,
            StatusCode::NO_CONTENT
        );
        assert_eq!(
            put(&[("if-none-match", "*")], json!({"v": 2})).await.status,
            StatusCode::PRECONDITION_FAILED
        );
        // Overwriting without either header is a conflict.
        assert_eq!(put(&[], json!({"v": 2})).await.status, StatusCode::CONFLICT);
        let etag = lrs.get(path, &address).await.header("etag").to_owned();
        assert_eq!(
            put(&[("if-match", "\"0000\"")], json!({"v": 2}))
                .await
                .status,
            StatusCode::PRECONDITION_FAILED
        );
        assert_eq!(
            put(&[("if-match", &etag)], json!({"v": 2})).await.status,
            StatusCode::NO_CONTENT
        );
        // The old tag is stale now.
        assert_eq!(
            put(&[("if-match", &etag)], json!({"v": 3})).await.status,
            StatusCode::PRECONDITION_FAILED
        );
        let response = lrs.get(path, &address).await;
        assert_eq!(
            serde_json::from_str::<Value>(&response.body).unwrap(),
            json!({"v": 2})
        );
        assert_ne!(response.header("etag"), etag);
        // Equal content, equal tag: the tag is the content's digest.
        let listing: Vec<String> =
            serde_json::from_str(&lrs.get(path, &address[..1]).await.body).unwrap();
        assert_eq!(listing, ["settings"]);
        let stale = lrs
            .send(
                lrs.request("DELETE", path, &address)
                    .header("if-match", &etag),
                Body::empty(),
            )
            .await;
        assert_eq!(stale.status, StatusCode::PRECONDITION_FAILED);
        let deleted = lrs
            .send(lrs.request("DELETE", path, &address), Body::empty())
            .await;
        assert_eq!(deleted.status, StatusCode::NO_CONTENT);
        assert_eq!(lrs.get(path, &address).await.status, StatusCode::NOT_FOUND);
        // If-Match on a missing document fails too.
        assert_eq!(
            put(&[("if-match", "*")], json!({"v": 4})).await.status,
            StatusCode::PRECONDITION_FAILED
        );
    }
}
on_both_backends!(profiles_are_written_only_by_who_knows_their_etag);

async fn launch_data_cannot_be_written_by_content(app: TestApp) {
    let lrs = Lrs::provider(&app, "Launch Data Provider").await;
    let address = [
        ("activityId", ACTIVITY),
        ("agent", AGENT),
        ("registration", REGISTRATION),
        ("stateId", "LMS.LaunchData"),
    ];
    let response = lrs
        .put_json(
            "/xapi/activities/state",
            &address,
            &json!({"launchMode": "Review"}),
        )
        .await;
    assert_eq!(response.status, StatusCode::FORBIDDEN);
    let response = lrs
        .send(
            lrs.request("DELETE", "/xapi/activities/state", &address),
            Body::empty(),
        )
        .await;
    assert_eq!(response.status, StatusCode::FORBIDDEN);
}
on_both_backends!(launch_data_cannot_be_written_by_content);
