//! What every exchange must carry: credentials, the version header both ways, CORS for
//! browser content, and the about resource.

use axum::{
    body::Body,
    http::{Request, StatusCode},
};
use base64::{Engine, engine::general_purpose::STANDARD};
use licensure::server::xapi::providers;
use serde_json::Value;

use super::{Lrs, statement};
use crate::{on_both_backends, support::TestApp};

async fn about_answers_without_credentials_and_states_the_version(app: TestApp) {
    let response = app.get("/xapi/about").await;
    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(response.header("x-experience-api-version"), "1.0.3");
    let about: Value = serde_json::from_str(&response.body).unwrap();
    assert!(
        about["version"]
            .as_array()
            .unwrap()
            .contains(&Value::from("1.0.3"))
    );
}
on_both_backends!(about_answers_without_credentials_and_states_the_version);

async fn credentials_and_version_are_required(app: TestApp) {
    let lrs = Lrs::provider(&app, "Protocol Provider").await;
    // No version header: 400, still stating the LRS's version.
    let request = Request::get("/xapi/statements")
        .header("authorization", &lrs.authorization)
        .body(Body::empty())
        .unwrap();
    let response = app.send(request).await;
    assert_eq!(response.status, StatusCode::BAD_REQUEST);
    assert_eq!(response.header("x-experience-api-version"), "1.0.3");
    assert!(response.body.contains("X-Experience-API-Version"));
    let request = Request::get("/xapi/statements")
        .header("authorization", &lrs.authorization)
        .header("x-experience-api-version", "0.95")
        .body(Body::empty())
        .unwrap();
    assert_eq!(app.send(request).await.status, StatusCode::BAD_REQUEST);
    // No, wrong or retired credentials: 401 with a Basic challenge.
    let wrong = format!(
        "Basic {}",
        STANDARD.encode("lrs-nobody:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
    );
    for authorization in [None, Some(wrong.as_str()), Some("Bearer token")] {
        let mut request =
            Request::get("/xapi/statements").header("x-experience-api-version", "1.0.3");
        if let Some(value) = authorization {
            request = request.header("authorization", value);
        }
        let response = app.send(request.body(Body::empty()).unwrap()).await;
        assert_eq!(response.status, StatusCode::UNAUTHORIZED);
        assert!(response.header("www-authenticate").starts_with("Basic"));
        assert_eq!(response.header("x-experience-api-version"), "1.0.3");
    }
    let now = chrono::Utc::now();
    let provider = providers::create_provider(&app.state.db, "Retiring Provider", now)
        .await
        .unwrap();
    let credential = providers::create_credential(&app.state.db, provider.id, "old", None, now)
        .await
        .unwrap();
    let old = Lrs {
        app: &app,
        authorization: format!(
            "Basic {}",
            STANDARD.encode(format!("{}:{}", credential.key, credential.secret.expose()))
        ),
    };
    old.store(&statement("ann@example.org", "completed", "x"))
        .await;
    assert!(
        providers::retire_credential(&app.state.db, credential.id, now)
            .await
            .unwrap()
    );
    let response = old.get("/xapi/statements", &[]).await;
    assert_eq!(response.status, StatusCode::UNAUTHORIZED);
}
on_both_backends!(credentials_and_version_are_required);

async fn browser_content_on_another_origin_may_call(app: TestApp) {
    let lrs = Lrs::provider(&app, "Cors Provider").await;
    let preflight = Request::builder()
        .method("OPTIONS")
        .uri("/xapi/statements")
        .header("origin", "https://content.example.net")
        .header("access-control-request-method", "POST")
        .header(
            "access-control-request-headers",
            "authorization,content-type,x-experience-api-version",
        )
        .body(Body::empty())
        .unwrap();
    let response = app.send(preflight).await;
    assert!(response.status.is_success(), "{}", response.status);
    assert_eq!(response.header("access-control-allow-origin"), "*");
    assert!(
        response
            .header("access-control-allow-headers")
            .contains("x-experience-api-version")
    );
    // A cross-site write is not refused here as it is elsewhere: no cookie is involved.
    let response = lrs
        .send(
            lrs.request("POST", "/xapi/statements", &[])
                .header("content-type", "application/json")
                .header("origin", "https://content.example.net")
                .header("sec-fetch-site", "cross-site"),
            Body::from(statement("ann@example.org", "completed", "x").to_string()),
        )
        .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    assert_eq!(response.header("access-control-allow-origin"), "*");
    assert!(
        response
            .header("access-control-expose-headers")
            .contains("etag")
    );
}
on_both_backends!(browser_content_on_another_origin_may_call);

async fn agents_and_activities_resources_answer(app: TestApp) {
    let lrs = Lrs::provider(&app, "Resource Provider").await;
    let response = lrs
        .get(
            "/xapi/agents",
            &[(
                "agent",
                r#"{"mbox": "mailto:ann@example.org", "name": "Ann"}"#,
            )],
        )
        .await;
    assert_eq!(response.status, StatusCode::OK);
    let person: Value = serde_json::from_str(&response.body).unwrap();
    assert_eq!(person["objectType"], "Person");
    assert_eq!(person["mbox"][0], "mailto:ann@example.org");
    assert_eq!(person["name"][0], "Ann");
    assert_eq!(
        lrs.get("/xapi/agents", &[]).await.status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        lrs.get("/xapi/agents", &[("agent", r#"{"name": "nobody"}"#)])
            .await
            .status,
        StatusCode::BAD_REQUEST
    );
    let unknown = lrs
        .get(
            "/xapi/activities",
            &[("activityId", "https://courses.example.org/never")],
        )
        .await;
    assert_eq!(unknown.status, StatusCode::OK);
    let activity: Value = serde_json::from_str(&unknown.body).unwrap();
    assert_eq!(activity["id"], "https://courses.example.org/never");
    assert_eq!(
        lrs.get("/xapi/activities", &[("activityId", "nope")])
            .await
            .status,
        StatusCode::BAD_REQUEST
    );
}
on_both_backends!(agents_and_activities_resources_answer);

async fn unknown_paths_answer_as_the_lrs_and_ids_belong_to_their_provider(app: TestApp) {
    let mine = Lrs::provider(&app, "Owner").await;
    let theirs = Lrs::provider(&app, "Neighbour").await;
    let response = mine.get("/xapi/nope", &[]).await;
    assert_eq!(response.status, StatusCode::NOT_FOUND);
    assert_eq!(response.header("x-experience-api-version"), "1.0.3");
    assert!(
        response
            .header("content-type")
            .starts_with("application/json")
    );
    // The same statement id under two providers: each keeps and reads its own.
    let id = "0c9a8b7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d";
    let response = mine
        .put_json(
            "/xapi/statements",
            &[("statementId", id)],
            &statement("ann@example.org", "completed", "a"),
        )
        .await;
    assert_eq!(response.status, StatusCode::NO_CONTENT);
    let response = theirs
        .put_json(
            "/xapi/statements",
            &[("statementId", id)],
            &statement("bo@example.org", "failed", "b"),
        )
        .await;
    assert_eq!(response.status, StatusCode::NO_CONTENT, "{}", response.body);
    let own: Value = serde_json::from_str(
        &mine
            .get("/xapi/statements", &[("statementId", id)])
            .await
            .body,
    )
    .unwrap();
    assert_eq!(own["actor"]["mbox"], "mailto:ann@example.org");
    let response = mine.get("/xapi/statements", &[("statementId", id)]).await;
    assert!(
        response.header("last-modified").ends_with(" GMT"),
        "{}",
        response.header("last-modified")
    );
    // Media types are case-insensitive.
    let response = mine
        .send(
            mine.request("POST", "/xapi/statements", &[])
                .header("content-type", "APPLICATION/JSON"),
            Body::from(statement("ann@example.org", "completed", "c").to_string()),
        )
        .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
}
on_both_backends!(unknown_paths_answer_as_the_lrs_and_ids_belong_to_their_provider);
