//! GET statements with every filter, the formats, paging with `more`, and the walls between
//! providers.

use axum::http::StatusCode;
use serde_json::{Value, json};

use super::{Lrs, ids_of, statement};
use crate::{on_both_backends, support::TestApp};

const ANN: &str = r#"{"mbox": "mailto:ann@example.org"}"#;

async fn every_filter_selects_what_the_spec_says(app: TestApp) {
    let lrs = Lrs::provider(&app, "Query Provider").await;
    let registration = "0a3f9d0e-8b1c-4c2e-9f44-5d6e7f809a1b";
    let mut in_course = statement("ann@example.org", "completed", "module-1");
    in_course["context"] = json!({
        "registration": registration,
        "instructor": {"mbox": "mailto:teacher@example.org"},
        "contextActivities": {"parent": [{"id": "https://courses.example.org/course"}]}
    });
    let first = lrs.store(&in_course).await;
    let second = lrs
        .store(&statement("ann@example.org", "attempted", "module-2"))
        .await;
    let third = lrs
        .store(&statement("bo@example.org", "completed", "module-1"))
        .await;
    let as_object = lrs
        .store(&json!({
            "actor": {"mbox": "mailto:teacher@example.org"},
            "verb": {"id": "http://adlnet.gov/expapi/verbs/mentored"},
            "object": {"objectType": "Agent", "mbox": "mailto:ann@example.org"}
        }))
        .await;

    let (all, more) = lrs.query(&[]).await;
    assert_eq!(
        ids_of(&all),
        [
            as_object[0].clone(),
            third[0].clone(),
            second[0].clone(),
            first[0].clone()
        ]
    );
    assert_eq!(more, "");
    let (ascending, _) = lrs.query(&[("ascending", "true")]).await;
    assert_eq!(
        ids_of(&ascending),
        [
            first[0].clone(),
            second[0].clone(),
            third[0].clone(),
            as_object[0].clone()
        ]
    );

    // agent: actor or object; related_agents adds instructor, team, authority.
    let (ann, _) = lrs.query(&[("agent", ANN)]).await;
    assert_eq!(
        ids_of(&ann),
        [as_object[0].clone(), second[0].clone(), first[0].clone()]
    );
    let teacher = r#"{"mbox": "mailto:teacher@example.org"}"#;
    let (taught, _) = lrs.query(&[("agent", teacher)]).await;
    assert_eq!(ids_of(&taught), [as_object[0].clone()]);
    let (related, _) = lrs
        .query(&[("agent", teacher), ("related_agents", "true")])
        .await;
    assert_eq!(ids_of(&related), [as_object[0].clone(), first[0].clone()]);
    // A group with the same identifier is another actor.
    let (group, _) = lrs
        .query(&[(
            "agent",
            r#"{"objectType": "Group", "mbox": "mailto:ann@example.org"}"#,
        )])
        .await;
    assert!(group.is_empty());

    let (completed, _) = lrs
        .query(&[("verb", "http://adlnet.gov/expapi/verbs/completed")])
        .await;
    assert_eq!(ids_of(&completed), [third[0].clone(), first[0].clone()]);
    let (module, _) = lrs
        .query(&[("activity", "https://courses.example.org/module-1")])
        .await;
    assert_eq!(ids_of(&module), [third[0].clone(), first[0].clone()]);
    let (course, _) = lrs
        .query(&[("activity", "https://courses.example.org/course")])
        .await;
    assert!(course.is_empty());
    let (course, _) = lrs
        .query(&[
            ("activity", "https://courses.example.org/course"),
            ("related_activities", "true"),
        ])
        .await;
    assert_eq!(ids_of(&course), [first[0].clone()]);
    let (registered, _) = lrs.query(&[("registration", registration)]).await;
    assert_eq!(ids_of(&registered), [first[0].clone()]);
    let (combined, _) = lrs
        .query(&[
            ("agent", ANN),
            ("verb", "http://adlnet.gov/expapi/verbs/completed"),
        ])
        .await;
    assert_eq!(ids_of(&combined), [first[0].clone()]);

    // since is exclusive, until inclusive, both on `stored` (several may share a millisecond).
    let stored_second = all[2]["stored"].as_str().unwrap().to_owned();
    let at =
        |s: &Value| chrono::DateTime::parse_from_rfc3339(s["stored"].as_str().unwrap()).unwrap();
    let bound = chrono::DateTime::parse_from_rfc3339(&stored_second).unwrap();
    let (after, _) = lrs.query(&[("since", &stored_second)]).await;
    let expected: Vec<Value> = all.iter().filter(|s| at(s) > bound).cloned().collect();
    assert_eq!(ids_of(&after), ids_of(&expected));
    let (until, _) = lrs.query(&[("until", &stored_second)]).await;
    let expected: Vec<Value> = all.iter().filter(|s| at(s) <= bound).cloned().collect();
    assert_eq!(ids_of(&until), ids_of(&expected));
    assert!(ids_of(&until).contains(&second[0]));
}
on_both_backends!(every_filter_selects_what_the_spec_says);

async fn pages_follow_more_links_to_the_end(app: TestApp) {
    let lrs = Lrs::provider(&app, "Paging Provider").await;
    let batch: Vec<Value> = (0..7)
        .map(|i| statement("pat@example.org", "experienced", &format!("page-{i}")))
        .collect();
    let stored = lrs.store(&Value::Array(batch)).await;
    let mut seen = Vec::new();
    let (mut page, mut more) = lrs.query(&[("limit", "3"), ("ascending", "true")]).await;
    seen.extend(ids_of(&page));
    let mut pages = 1;
    while !more.is_empty() {
        let response = lrs
            .send(lrs.request("GET", &more, &[]), axum::body::Body::empty())
            .await;
        assert_eq!(response.status, StatusCode::OK, "{}", response.body);
        let body: Value = serde_json::from_str(&response.body).unwrap();
        page = body["statements"].as_array().unwrap().clone();
        more = body["more"].as_str().unwrap().to_owned();
        seen.extend(ids_of(&page));
        pages += 1;
    }
    assert_eq!(pages, 3);
    assert_eq!(seen, stored);
    let response = lrs
        .get("/xapi/statements", &[("more", "not-a-token")])
        .await;
    assert_eq!(response.status, StatusCode::BAD_REQUEST);
}
on_both_backends!(pages_follow_more_links_to_the_end);

async fn formats_and_attachments_shape_the_answer(app: TestApp) {
    let lrs = Lrs::provider(&app, "Format Provider").await;
    let mut sent = statement("ann@example.org", "completed", "fmt");
    sent["actor"]["name"] = json!("Ann");
    sent["object"]["definition"] = json!({"name": {"en-US": "Sepsis", "fr-FR": "Sepsie"}});
    sent["verb"]["display"] = json!({"en-US": "completed", "fr-FR": "a terminé"});
    let id = lrs.store(&sent).await.remove(0);
    let ids = lrs
        .get(
            "/xapi/statements",
            &[("statementId", &id), ("format", "ids")],
        )
        .await;
    let ids: Value = serde_json::from_str(&ids.body).unwrap();
    assert_eq!(
        ids["actor"],
        json!({"objectType": "Agent", "mbox": "mailto:ann@example.org"})
    );
    assert_eq!(
        ids["verb"],
        json!({"id": "http://adlnet.gov/expapi/verbs/completed"})
    );
    assert_eq!(
        ids["object"],
        json!({"objectType": "Activity", "id": "https://courses.example.org/fmt"})
    );
    let canonical = lrs
        .send(
            lrs.request(
                "GET",
                "/xapi/statements",
                &[("statementId", &id), ("format", "canonical")],
            )
            .header("accept-language", "fr-FR"),
            axum::body::Body::empty(),
        )
        .await;
    let canonical: Value = serde_json::from_str(&canonical.body).unwrap();
    assert_eq!(canonical["verb"]["display"], json!({"fr-FR": "a terminé"}));
    assert_eq!(
        canonical["object"]["definition"]["name"],
        json!({"fr-FR": "Sepsie"})
    );
    let exact = lrs.get("/xapi/statements", &[("statementId", &id)]).await;
    let exact: Value = serde_json::from_str(&exact.body).unwrap();
    assert_eq!(exact["object"]["definition"]["name"]["en-US"], "Sepsis");

    let multipart = lrs
        .get(
            "/xapi/statements",
            &[("statementId", &id), ("attachments", "true")],
        )
        .await;
    assert_eq!(multipart.status, StatusCode::OK);
    assert!(
        multipart
            .header("content-type")
            .starts_with("multipart/mixed; boundary=")
    );
    assert!(multipart.body.contains(&id));
    // The activities resource holds the definition the statements gave.
    let activity = lrs
        .get(
            "/xapi/activities",
            &[("activityId", "https://courses.example.org/fmt")],
        )
        .await;
    let activity: Value = serde_json::from_str(&activity.body).unwrap();
    assert_eq!(activity["definition"]["name"]["fr-FR"], "Sepsie");
}
on_both_backends!(formats_and_attachments_shape_the_answer);

async fn bad_queries_are_refused_and_providers_see_only_their_own(app: TestApp) {
    let mine = Lrs::provider(&app, "Mine").await;
    let theirs = Lrs::provider(&app, "Theirs").await;
    let id = mine
        .store(&statement("ann@example.org", "completed", "x"))
        .await
        .remove(0);
    for params in [
        vec![("statementId", id.as_str()), ("agent", ANN)],
        vec![("limit", "many")],
        vec![("agent", "ann@example.org")],
        vec![("verb", "completed")],
        vec![("since", "last week")],
        vec![("unknown", "1")],
        vec![("format", "verbose")],
    ] {
        let response = mine.get("/xapi/statements", &params).await;
        assert_eq!(response.status, StatusCode::BAD_REQUEST, "{params:?}");
        assert!(response.body.contains("message"), "{}", response.body);
    }
    let (visible, _) = theirs.query(&[]).await;
    assert!(visible.is_empty());
    let response = theirs
        .get("/xapi/statements", &[("statementId", &id)])
        .await;
    assert_eq!(response.status, StatusCode::NOT_FOUND);
}
on_both_backends!(bad_queries_are_refused_and_providers_see_only_their_own);
