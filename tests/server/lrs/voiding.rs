//! Voiding: a voided statement leaves queries and `statementId`, stays readable by
//! `voidedStatementId`; statements that reference a matching statement match too.

use axum::http::StatusCode;
use serde_json::{Value, json};

use super::{Lrs, ids_of, statement};
use crate::{on_both_backends, support::TestApp};

fn voiding(target: &str) -> Value {
    json!({
        "actor": {"mbox": "mailto:admin@provider.example"},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/voided", "display": {"en-US": "voided"}},
        "object": {"objectType": "StatementRef", "id": target}
    })
}

async fn a_voided_statement_is_only_found_as_voided(app: TestApp) {
    let lrs = Lrs::provider(&app, "Voiding Provider").await;
    let target = lrs
        .store(&statement("ann@example.org", "passed", "exam"))
        .await
        .remove(0);
    let keep = lrs
        .store(&statement("ann@example.org", "attempted", "exam"))
        .await
        .remove(0);
    let void = lrs.store(&voiding(&target)).await.remove(0);

    let response = lrs
        .get("/xapi/statements", &[("statementId", &target)])
        .await;
    assert_eq!(response.status, StatusCode::NOT_FOUND);
    let response = lrs
        .get("/xapi/statements", &[("voidedStatementId", &target)])
        .await;
    assert_eq!(response.status, StatusCode::OK);
    let got: Value = serde_json::from_str(&response.body).unwrap();
    assert_eq!(got["id"], json!(target));
    let response = lrs
        .get("/xapi/statements", &[("voidedStatementId", &keep)])
        .await;
    assert_eq!(response.status, StatusCode::NOT_FOUND);

    let (all, _) = lrs.query(&[]).await;
    assert_eq!(ids_of(&all), [void.clone(), keep.clone()]);
    // The voiding statement targets a statement by Ann, so Ann's filter returns it too.
    let (ann, _) = lrs
        .query(&[("agent", r#"{"mbox": "mailto:ann@example.org"}"#)])
        .await;
    assert_eq!(ids_of(&ann), [void.clone(), keep.clone()]);
    let (passed, _) = lrs
        .query(&[("verb", "http://adlnet.gov/expapi/verbs/passed")])
        .await;
    assert_eq!(ids_of(&passed), vec![void.clone()]);

    // A voiding statement cannot be voided.
    let response = lrs
        .post_json("/xapi/statements", &[], &voiding(&void))
        .await;
    assert_eq!(response.status, StatusCode::BAD_REQUEST);
    assert!(response.body.contains("cannot void another voiding"));
}
on_both_backends!(a_voided_statement_is_only_found_as_voided);

async fn voiding_may_arrive_before_its_target(app: TestApp) {
    let lrs = Lrs::provider(&app, "Early Voiding Provider").await;
    let target = "3b9d2c1a-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
    lrs.store(&voiding(target)).await;
    let mut late = statement("bo@example.org", "completed", "late");
    late["id"] = json!(target);
    lrs.store(&late).await;
    let response = lrs
        .get("/xapi/statements", &[("statementId", target)])
        .await;
    assert_eq!(response.status, StatusCode::NOT_FOUND);
    let response = lrs
        .get("/xapi/statements", &[("voidedStatementId", target)])
        .await;
    assert_eq!(response.status, StatusCode::OK);
}
on_both_backends!(voiding_may_arrive_before_its_target);
