//! A cmi5 launch of the demo course, with the content's requests made as the content makes
//! them: fetch the token once, read LMS.LaunchData, then initialized, completed, passed,
//! terminated. The credit follows, and statements that break the cmi5 rules are refused.

use axum::{
    body::Body,
    http::{Request, StatusCode},
};
use licensure::{
    features::courses::Progress,
    server::entities::{activity, document, registration},
};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};

use super::{Launched, catalog, demo_course, launch, launched};
use crate::{
    on_both_backends,
    support::{TestApp, TestResponse, urlencode},
    workspace::save_activity,
};

const SESSION: &str = "https://w3id.org/xapi/cmi5/context/extensions/sessionid";
const CMI5: &str = "https://w3id.org/xapi/cmi5/context/categories/cmi5";
const MOVEON: &str = "https://w3id.org/xapi/cmi5/context/categories/moveon";

/// The course content of one launch, talking to the LRS with its fetched token.
struct Content<'a> {
    app: &'a TestApp,
    launched: Launched,
    token: String,
    context: Value,
}

async fn fetch(app: &TestApp, fetch_url: &str) -> TestResponse {
    let path = fetch_url
        .split_once("/cmi5/")
        .map(|(_, rest)| format!("/cmi5/{rest}"))
        .unwrap();
    app.send(Request::post(path).body(Body::empty()).unwrap())
        .await
}

impl<'a> Content<'a> {
    async fn start(app: &'a TestApp, launched: Launched) -> Content<'a> {
        let response = fetch(app, &launched.fetch).await;
        assert_eq!(response.status, StatusCode::OK, "{}", response.body);
        let token = serde_json::from_str::<Value>(&response.body).unwrap()["auth-token"]
            .as_str()
            .unwrap()
            .to_owned();
        let mut content = Content {
            app,
            launched,
            token,
            context: Value::Null,
        };
        let data = content
            .get(
                "/xapi/activities/state",
                &[
                    ("activityId", content.launched.activity_id.clone()),
                    ("agent", content.launched.actor.to_string()),
                    ("registration", content.launched.registration.clone()),
                    ("stateId", "LMS.LaunchData".to_owned()),
                ],
            )
            .await;
        assert_eq!(data.status, StatusCode::OK, "{}", data.body);
        let data: Value = serde_json::from_str(&data.body).unwrap();
        assert_eq!(data["launchMode"], "Normal");
        assert_eq!(data["moveOn"], "CompletedAndPassed");
        assert_eq!(data["masteryScore"], 0.8);
        assert!(
            data["returnURL"]
                .as_str()
                .unwrap()
                .contains("/courses?returned=")
        );
        content.context = data["contextTemplate"].clone();
        assert!(content.context["extensions"][SESSION].is_string());
        content
    }

    async fn get(&self, path: &str, params: &[(&str, String)]) -> TestResponse {
        let query: Vec<String> = params
            .iter()
            .map(|(k, v)| format!("{k}={}", urlencode(v)))
            .collect();
        let request = Request::get(format!("{path}?{}", query.join("&")))
            .header("authorization", format!("Basic {}", self.token))
            .header("x-experience-api-version", "1.0.3")
            .body(Body::empty())
            .unwrap();
        self.app.send(request).await
    }

    fn statement(&self, verb: &str, result: Value, moveon: bool) -> Value {
        let mut context = self.context.clone();
        context["registration"] = json!(self.launched.registration);
        let mut categories = vec![json!({"id": CMI5})];
        if moveon {
            categories.push(json!({"id": MOVEON}));
        }
        context["contextActivities"]["category"] = json!(categories);
        let mut statement = json!({
            "actor": self.launched.actor,
            "verb": {"id": if verb.starts_with("https://") { verb.to_owned() } else { format!("http://adlnet.gov/expapi/verbs/{verb}") }},
            "object": {"objectType": "Activity", "id": self.launched.activity_id},
            "context": context,
        });
        if !result.is_null() {
            statement["result"] = result;
        }
        statement
    }

    async fn send(&self, statement: &Value) -> TestResponse {
        let request = Request::post("/xapi/statements")
            .header("authorization", format!("Basic {}", self.token))
            .header("x-experience-api-version", "1.0.3")
            .header("content-type", "application/json")
            .body(Body::from(statement.to_string()))
            .unwrap();
        self.app.send(request).await
    }

    async fn sends(&self, verb: &str, result: Value, moveon: bool) {
        let response = self.send(&self.statement(verb, result, moveon)).await;
        assert_eq!(response.status, StatusCode::OK, "{verb}: {}", response.body);
    }

    async fn refused(&self, statement: &Value, because: &str) {
        let response = self.send(statement).await;
        assert_eq!(response.status, StatusCode::FORBIDDEN, "{}", response.body);
        assert!(response.body.contains(because), "{}", response.body);
    }
}

async fn the_demo_course_is_taken_and_its_credit_posted(app: TestApp) {
    let cookie = app.with_clinician("dr_course").await;
    let course = demo_course(&app, &cookie).await;
    let anonymous = app
        .send(
            Request::post(format!("/courses/{course}/launch"))
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);

    let first = launched(&launch(&app, &cookie, &course).await);
    assert!(first.endpoint.ends_with("/xapi/"));
    assert_eq!(
        first.actor["account"]["name"].as_str().map(str::len),
        Some(36)
    );
    let content = Content::start(&app, first).await;
    // The fetch URL works once.
    let again = fetch(&app, &content.launched.fetch).await;
    assert_eq!(again.status, StatusCode::BAD_REQUEST);
    assert!(
        again.body.contains("\"error-code\":\"1\""),
        "{}",
        again.body
    );
    let shown = catalog(&app, &cookie, &[("q", "opioid")]).await;
    assert!(matches!(
        shown.courses[0].progress,
        Progress::InProgress { .. }
    ));

    // Before initialized nothing else is taken; LMS-only verbs never.
    content
        .refused(
            &content.statement("completed", json!({"completion": true}), true),
            "initialized",
        )
        .await;
    content.sends("initialized", Value::Null, false).await;
    content
        .refused(
            &content.statement(
                "https://w3id.org/xapi/adl/verbs/satisfied",
                Value::Null,
                false,
            ),
            "only the LMS",
        )
        .await;
    let mut other_actor = content.statement("experienced", Value::Null, false);
    other_actor["actor"] = json!({"mbox": "mailto:someone@example.org"});
    content.refused(&other_actor, "the learner").await;
    let mut no_session = content.statement("experienced", Value::Null, false);
    no_session["context"]["extensions"] = json!({});
    content.refused(&no_session, "session").await;
    content
        .sends(
            "completed",
            json!({"completion": true, "duration": "PT4M"}),
            true,
        )
        .await;
    content
        .refused(
            &content.statement("completed", json!({"completion": true}), true),
            "already completed",
        )
        .await;
    content
        .refused(
            &content.statement(
                "passed",
                json!({"success": true, "score": {"scaled": 0.5}}),
                true,
            ),
            "mastery",
        )
        .await;
    content
        .sends(
            "failed",
            json!({"success": false, "score": {"scaled": 0.33}}),
            true,
        )
        .await;
    assert_eq!(
        activity::Entity::find().count(&app.state.db).await.unwrap(),
        0
    );
    content
        .sends(
            "passed",
            json!({"success": true, "score": {"scaled": 1.0}}),
            true,
        )
        .await;
    content
        .sends("terminated", json!({"duration": "PT6M"}), false)
        .await;
    content
        .refused(
            &content.statement("experienced", Value::Null, false),
            "ended",
        )
        .await;

    // The credit: an activity reported by the provider, with its certificate linked.
    let row = activity::Entity::find()
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.source, "provider");
    assert_eq!(row.hours_hundredths, 100);
    assert_eq!(row.credit_type, "AMA_PRA_1");
    assert!(row.title.starts_with("Safe opioid prescribing"));
    let certificate = document::Entity::find()
        .filter(document::Column::ActivityId.eq(row.id))
        .one(&app.state.db)
        .await
        .unwrap()
        .expect("the certificate is filed and linked");
    assert_eq!(certificate.kind, "ce_certificate");
    let file = app
        .send(
            Request::get(format!("/documents/{}/file", certificate.id))
                .header("cookie", &cookie)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(file.status, StatusCode::OK);
    assert!(file.body.starts_with("%PDF-1.4"));
    assert!(file.body.contains("Certificate of Completion"));
    let shown = catalog(&app, &cookie, &[("q", "opioid")]).await;
    assert!(
        matches!(shown.courses[0].progress, Progress::Completed { .. }),
        "{:?}",
        shown.courses[0].progress
    );
    // The LMS recorded `satisfied` for the course.
    let satisfied = registration::Entity::find()
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert!(satisfied.satisfied_at.is_some());
    assert_eq!(satisfied.activity_id, Some(row.id));
    // The provider-reported activity cannot be edited by the clinician.
    let id = row.id.to_string();
    let edit = save_activity(&app, &cookie, &[("id", &id), ("title", "Changed")]).await;
    assert_eq!(edit.status, StatusCode::BAD_REQUEST, "{}", edit.body);
    assert!(
        edit.body.contains("reported by the course provider"),
        "{}",
        edit.body
    );
    // The token reads only its own learner's statements.
    let others = content
        .get(
            "/xapi/statements",
            &[(
                "agent",
                r#"{"mbox": "mailto:someone@example.org"}"#.to_owned(),
            )],
        )
        .await;
    assert_eq!(others.status, StatusCode::FORBIDDEN);
    let own = content
        .get(
            "/xapi/statements",
            &[("registration", content.launched.registration.clone())],
        )
        .await;
    let own: Value = serde_json::from_str(&own.body).unwrap();
    let verbs: Vec<&str> = own["statements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            s["verb"]["id"]
                .as_str()
                .unwrap()
                .rsplit('/')
                .next()
                .unwrap()
        })
        .collect();
    assert_eq!(
        verbs,
        [
            "terminated",
            "satisfied",
            "passed",
            "failed",
            "completed",
            "initialized",
            "launched"
        ]
    );
}
on_both_backends!(the_demo_course_is_taken_and_its_credit_posted);

async fn a_later_session_keeps_the_registration_and_its_rules(app: TestApp) {
    let cookie = app.with_clinician("dr_twice").await;
    let course = demo_course(&app, &cookie).await;
    let first = Content::start(&app, launched(&launch(&app, &cookie, &course).await)).await;
    first.sends("initialized", Value::Null, false).await;
    first
        .sends("completed", json!({"completion": true}), true)
        .await;
    first.sends("terminated", Value::Null, false).await;
    let second = Content::start(&app, launched(&launch(&app, &cookie, &course).await)).await;
    assert_eq!(second.launched.registration, first.launched.registration);
    assert_ne!(
        second.context["extensions"][SESSION],
        first.context["extensions"][SESSION]
    );
    // The first session's token cannot write into the second session.
    let mut stale = first.statement("initialized", Value::Null, false);
    stale["context"]["extensions"][SESSION] = second.context["extensions"][SESSION].clone();
    first.refused(&stale, "session").await;
    second.sends("initialized", Value::Null, false).await;
    second
        .refused(
            &second.statement("completed", json!({"completion": true}), true),
            "already completed",
        )
        .await;
    second
        .sends(
            "passed",
            json!({"success": true, "score": {"scaled": 0.9}}),
            true,
        )
        .await;
    assert_eq!(
        activity::Entity::find().count(&app.state.db).await.unwrap(),
        1
    );
    // A second clinician's launch gets a registration of their own.
    let other = app.with_clinician("dr_other").await;
    let theirs = launched(&launch(&app, &other, &course).await);
    assert_ne!(theirs.registration, first.launched.registration);
}
on_both_backends!(a_later_session_keeps_the_registration_and_its_rules);

async fn a_session_left_open_is_abandoned_by_the_next_launch(app: TestApp) {
    let cookie = app.with_clinician("dr_left").await;
    let course = demo_course(&app, &cookie).await;
    let first = Content::start(&app, launched(&launch(&app, &cookie, &course).await)).await;
    first.sends("initialized", Value::Null, false).await;
    // A launch whose fetch URL was never used is superseded too: it hands out no token.
    let unused = launched(&launch(&app, &cookie, &course).await);
    let second = Content::start(&app, launched(&launch(&app, &cookie, &course).await)).await;
    let late = fetch(&app, &unused.fetch).await;
    assert_eq!(late.status, StatusCode::BAD_REQUEST, "{}", late.body);
    // The first session is over: its content can send nothing more.
    first
        .refused(&first.statement("experienced", Value::Null, false), "ended")
        .await;
    second.sends("initialized", Value::Null, false).await;
    // Content may not void what was recorded, nor change the provider's shared profiles.
    let mut voiding = second.statement("voided", Value::Null, false);
    voiding["object"] =
        json!({"objectType": "StatementRef", "id": "0c9a8b7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d"});
    second.refused(&voiding, "void").await;
    let profile = Request::put(format!(
        "/xapi/activities/profile?activityId={}&profileId=shared",
        urlencode(&second.launched.activity_id)
    ))
    .header("authorization", format!("Basic {}", second.token))
    .header("x-experience-api-version", "1.0.3")
    .header("content-type", "application/json")
    .body(Body::from("{}"))
    .unwrap();
    assert_eq!(app.send(profile).await.status, StatusCode::FORBIDDEN);
    let own = second
        .get(
            "/xapi/statements",
            &[
                (
                    "verb",
                    "https://w3id.org/xapi/adl/verbs/abandoned".to_owned(),
                ),
                ("registration", second.launched.registration.clone()),
            ],
        )
        .await;
    let own: Value = serde_json::from_str(&own.body).unwrap();
    let abandoned = own["statements"].as_array().unwrap();
    assert_eq!(abandoned.len(), 2);
    // The oldest is the first session's, which its content had begun.
    assert_eq!(
        abandoned[1]["context"]["extensions"][SESSION],
        first.context["extensions"][SESSION]
    );
}
on_both_backends!(a_session_left_open_is_abandoned_by_the_next_launch);
