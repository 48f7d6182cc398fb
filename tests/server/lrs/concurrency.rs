//! Writes that arrive together: every statement is stored, a merge keeps every key, and of
//! several writes made against one ETag exactly one wins.

use axum::{body::Body, http::StatusCode};
use futures_util::future::join_all;
use serde_json::{Value, json};

use super::{Lrs, statement};
use crate::{on_both_backends, support::TestApp};

const ADDRESS: [(&str, &str); 4] = [
    ("activityId", "https://courses.example.org/race"),
    ("agent", r#"{"mbox": "mailto:ann@example.org"}"#),
    ("registration", "7d1e2f3a-4b5c-4d6e-8f90-a1b2c3d4e5f6"),
    ("stateId", "progress"),
];

async fn concurrent_writes_are_all_kept(app: TestApp) {
    let lrs = Lrs::provider(&app, "Race Provider").await;
    let answers = join_all((0..8).map(|i| {
        let sent = statement("ann@example.org", "experienced", &format!("race-{i}"));
        let lrs = &lrs;
        async move { lrs.post_json("/xapi/statements", &[], &sent).await }
    }))
    .await;
    for answer in &answers {
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    }
    let (stored, _) = lrs.query(&[]).await;
    assert_eq!(stored.len(), 8);

    let path = "/xapi/activities/state";
    lrs.put_json(path, &ADDRESS, &json!({"start": 1})).await;
    let merges = join_all((0..6).map(|i| {
        let lrs = &lrs;
        async move {
            lrs.post_json(path, &ADDRESS, &json!({ format!("k{i}"): i }))
                .await
        }
    }))
    .await;
    for answer in &merges {
        assert_eq!(answer.status, StatusCode::NO_CONTENT, "{}", answer.body);
    }
    let merged: Value = serde_json::from_str(&lrs.get(path, &ADDRESS).await.body).unwrap();
    assert_eq!(merged.as_object().unwrap().len(), 7, "{merged}");

    let etag = lrs.get(path, &ADDRESS).await.header("etag").to_owned();
    let puts = join_all((0..4).map(|i| {
        let lrs = &lrs;
        let etag = etag.clone();
        async move {
            lrs.send(
                lrs.request("PUT", path, &ADDRESS)
                    .header("content-type", "application/json")
                    .header("if-match", etag),
                Body::from(json!({ "writer": i }).to_string()),
            )
            .await
        }
    }))
    .await;
    let statuses: Vec<StatusCode> = puts.iter().map(|r| r.status).collect();
    assert_eq!(
        statuses
            .iter()
            .filter(|s| **s == StatusCode::NO_CONTENT)
            .count(),
        1,
        "{statuses:?}"
    );
    assert_eq!(
        statuses
            .iter()
            .filter(|s| **s == StatusCode::PRECONDITION_FAILED)
            .count(),
        3,
        "{statuses:?}"
    );
    // Creating one profile from several places at once: one creates it, the others learn
    // it exists.
    let profile = [
        ("activityId", "https://courses.example.org/race"),
        ("profileId", "p"),
    ];
    let creates = join_all((0..4).map(|i| {
        let lrs = &lrs;
        async move {
            lrs.send(
                lrs.request("PUT", "/xapi/activities/profile", &profile)
                    .header("content-type", "application/json")
                    .header("if-none-match", "*"),
                Body::from(json!({ "writer": i }).to_string()),
            )
            .await
        }
    }))
    .await;
    let statuses: Vec<StatusCode> = creates.iter().map(|r| r.status).collect();
    assert_eq!(
        statuses
            .iter()
            .filter(|s| **s == StatusCode::NO_CONTENT)
            .count(),
        1,
        "{statuses:?}"
    );
    assert!(
        statuses
            .iter()
            .all(|s| *s == StatusCode::NO_CONTENT || *s == StatusCode::PRECONDITION_FAILED),
        "{statuses:?}"
    );
}
on_both_backends!(concurrent_writes_are_all_kept);
