//! The clinician's workspace through the real router: credentials, activities, the
//! dashboard, and who may see what.

use axum::http::StatusCode;
use licensure::{
    domain::requirements::{Case, evaluate},
    features::workspace::{ActivityUsage, ActivityView, CredentialView, Dashboard},
    server::entities::{activity, credential},
};
use sea_orm::{EntityTrait, PaginatorTrait};

use crate::{
    on_both_backends,
    support::{TestApp, TestResponse, with_defaults},
};

pub(crate) async fn florida(app: &TestApp, cookie: &str) -> CredentialView {
    let response = save_credential(
        app,
        cookie,
        &[
            ("kind", "licence"),
            ("jurisdiction", "FL"),
            ("profession", "MD"),
            ("number", "ME123456"),
            ("initial_date", "2014-06-01"),
            ("expires", "2027-01-31"),
        ],
    )
    .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    serde_json::from_str(&response.body).unwrap()
}

pub(crate) async fn save_credential(
    app: &TestApp,
    cookie: &str,
    fields: &[(&str, &str)],
) -> TestResponse {
    let mut all = vec![("id", "")];
    all.extend_from_slice(fields);
    app.post_form("workspace/credentials/save", &all, Some(cookie))
        .await
}

pub(crate) async fn save_activity(
    app: &TestApp,
    cookie: &str,
    fields: &[(&str, &str)],
) -> TestResponse {
    let defaults = [
        ("id", ""),
        ("title", "Cardiology update"),
        ("provider", "Heart Society"),
        ("accreditor", "ACCME"),
        ("completed", "2025-03-14"),
        ("hours", "12"),
        ("credit_type", "AMA_PRA_1"),
        ("format", "live"),
    ];
    let all = with_defaults(&defaults, fields);
    app.post_form("workspace/activities/save", &all, Some(cookie))
        .await
}

pub(crate) fn activity_of(response: &TestResponse) -> ActivityView {
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    serde_json::from_str(&response.body).unwrap()
}

async fn counts(app: &TestApp) -> (u64, u64) {
    (
        credential::Entity::find()
            .count(&app.state.db)
            .await
            .unwrap(),
        activity::Entity::find().count(&app.state.db).await.unwrap(),
    )
}

async fn a_licence_is_matched_to_its_board_rules_with_sources(app: TestApp) {
    let cookie = app.with_clinician("fl_doc").await;
    let licence = florida(&app, &cookie).await;
    assert_eq!(licence.rule_set.as_deref(), Some("FL-MD"));
    assert_eq!(licence.board.as_deref(), Some("Florida Board of Medicine"));
    assert!(!licence.sources.is_empty());
    assert_eq!(licence.title, "Florida MD licence");

    // Changing it keeps its id; archiving removes it from the list.
    let changed = app
        .post_form(
            "workspace/credentials/save",
            &[
                ("id", &licence.id),
                ("kind", "licence"),
                ("jurisdiction", "FL"),
                ("profession", "MD"),
                ("expires", "2029-01-31"),
            ],
            Some(&cookie),
        )
        .await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.body);
    let listed = app
        .post_form("workspace/credentials", &[], Some(&cookie))
        .await;
    let list: Vec<CredentialView> = serde_json::from_str(&listed.body).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].expires, "2029-01-31");
    let archived = app
        .post_form(
            "workspace/credentials/archive",
            &[("id", &licence.id)],
            Some(&cookie),
        )
        .await;
    assert_eq!(archived.status, StatusCode::OK);
    let listed = app
        .post_form("workspace/credentials", &[], Some(&cookie))
        .await;
    assert_eq!(listed.body, "[]");
}
on_both_backends!(a_licence_is_matched_to_its_board_rules_with_sources);

async fn bad_credential_fields_are_named_and_nothing_is_stored(app: TestApp) {
    let cookie = app.with_clinician("careless").await;
    let long = "x".repeat(10_000);
    let cases: Vec<(Vec<(&str, &str)>, &str)> = vec![
        (
            vec![
                ("kind", "licence"),
                ("jurisdiction", "ZZ"),
                ("profession", "MD"),
                ("expires", "2027-01-31"),
            ],
            "State",
        ),
        (
            vec![
                ("kind", "licence"),
                ("jurisdiction", "FL"),
                ("profession", "MD"),
                ("expires", "1900-01-01"),
            ],
            "Expires",
        ),
        (
            vec![
                ("kind", "licence"),
                ("jurisdiction", "FL"),
                ("profession", "MD"),
                ("expires", "2999-01-01"),
            ],
            "Expires",
        ),
        (
            vec![
                ("kind", "licence"),
                ("jurisdiction", "FL"),
                ("profession", "MD"),
                ("expires", "2027-01-31"),
                ("name", &long),
            ],
            "Name",
        ),
        (
            vec![
                ("kind", "licence"),
                ("jurisdiction", "FL"),
                ("profession", "MD"),
                ("expires", "2027-01-31"),
                ("number", "<b>1</b>"),
            ],
            "Number",
        ),
        (
            vec![
                ("kind", "dea"),
                ("number", "AB1234564"),
                ("expires", "2027-01-31"),
            ],
            "DEA number",
        ),
        (vec![("kind", "custom"), ("expires", "2027-01-31")], "Name"),
    ];
    for (fields, field) in cases {
        let response = save_credential(&app, &cookie, &fields).await;
        assert_eq!(response.status, StatusCode::BAD_REQUEST, "{fields:?}");
        assert!(
            response.body.contains(&format!("{field}:")),
            "{field}: {}",
            response.body
        );
    }
    assert_eq!(counts(&app).await, (0, 0));
}
on_both_backends!(bad_credential_fields_are_named_and_nothing_is_stored);

async fn activities_are_recorded_searched_edited_and_deleted(app: TestApp) {
    let cookie = app.with_clinician("learner").await;
    let first = activity_of(
        &save_activity(
            &app,
            &cookie,
            &[
                ("hours", "1.5"),
                ("topics[0]", "medical_errors"),
                ("topics[1]", "domestic_violence"),
            ],
        )
        .await,
    );
    assert_eq!(first.hours, "1.5");
    assert_eq!(first.topics, ["medical_errors", "domestic_violence"]);
    let html = "<script>alert(1)</script> Ethics";
    let second = activity_of(
        &save_activity(
            &app,
            &cookie,
            &[
                ("title", html),
                ("completed", "2026-01-10"),
                ("hours", "0.25"),
                ("credit_type", "AMA_PRA_2"),
            ],
        )
        .await,
    );
    assert_eq!(second.title, html, "stored as typed; pages escape it");

    let list = |search: &'static str, credit_type: &'static str| {
        let cookie = cookie.clone();
        let app = &app;
        async move {
            let response = app
                .post_form(
                    "workspace/activities",
                    &[("search", search), ("credit_type", credit_type)],
                    Some(&cookie),
                )
                .await;
            serde_json::from_str::<Vec<ActivityView>>(&response.body).unwrap()
        }
    };
    let all = list("", "").await;
    assert_eq!(
        all.iter().map(|a| a.id.as_str()).collect::<Vec<_>>(),
        [second.id.as_str(), first.id.as_str()]
    );
    assert_eq!(list("CARDIOLOGY heart", "").await.len(), 1);
    assert_eq!(list("", "AMA_PRA_2").await.len(), 1);
    assert_eq!(list("nothing matches", "").await.len(), 0);

    let edited =
        activity_of(&save_activity(&app, &cookie, &[("id", &first.id), ("hours", "3")]).await);
    assert_eq!(
        (edited.id.as_str(), edited.hours.as_str()),
        (first.id.as_str(), "3")
    );
    assert!(edited.topics.is_empty());
    let deleted = app
        .post_form(
            "workspace/activities/delete",
            &[("id", &second.id)],
            Some(&cookie),
        )
        .await;
    assert_eq!(deleted.status, StatusCode::OK);
    assert_eq!(list("", "").await.len(), 1);
}
on_both_backends!(activities_are_recorded_searched_edited_and_deleted);

async fn bad_activity_fields_are_named_and_nothing_is_stored(app: TestApp) {
    let cookie = app.with_clinician("sloppy").await;
    let long = "x".repeat(10_000);
    let cases: Vec<(Vec<(&str, &str)>, &str)> = vec![
        (vec![("hours", "-2")], "Hours"),
        (vec![("hours", "10000")], "Hours"),
        (vec![("hours", "1.234")], "Hours"),
        (vec![("completed", "1900-01-01")], "Completed on"),
        (vec![("completed", "2999-01-01")], "Completed on"),
        (vec![("title", &long)], "Title"),
        (vec![("credit_type", "GOLD_STAR")], "Credit type"),
        (vec![("format", "dream")], "Format"),
        (vec![("topics[0]", "astrology")], "Topics"),
    ];
    for (fields, field) in cases {
        let response = save_activity(&app, &cookie, &fields).await;
        assert_eq!(
            response.status,
            StatusCode::BAD_REQUEST,
            "{fields:?}: {}",
            response.body
        );
        assert!(
            response.body.contains(&format!("{field}:")),
            "{field}: {}",
            response.body
        );
    }
    assert_eq!(counts(&app).await, (0, 0));
}
on_both_backends!(bad_activity_fields_are_named_and_nothing_is_stored);

async fn another_clinicians_records_answer_not_found(app: TestApp) {
    let alice = app.with_clinician("alice").await;
    let bob = app.with_clinician("bob").await;
    let licence = florida(&app, &alice).await;
    let course = activity_of(&save_activity(&app, &alice, &[]).await);

    let attempts = [
        (
            "workspace/credentials/archive",
            vec![("id", licence.id.as_str())],
        ),
        (
            "workspace/activities/delete",
            vec![("id", course.id.as_str())],
        ),
        (
            "workspace/activities/usage",
            vec![("id", course.id.as_str())],
        ),
        ("workspace/activities/usage", vec![("id", "not-a-uuid")]),
    ];
    for (endpoint, fields) in attempts {
        let response = app.post_form(endpoint, &fields, Some(&bob)).await;
        assert_eq!(response.status, StatusCode::NOT_FOUND, "{endpoint}");
    }
    let steal = save_activity(&app, &bob, &[("id", &course.id), ("title", "Mine now")]).await;
    assert_eq!(steal.status, StatusCode::NOT_FOUND);
    let steal = app
        .post_form(
            "workspace/credentials/save",
            &[
                ("id", &licence.id),
                ("kind", "dea"),
                ("number", "AB1234563"),
                ("expires", "2027-03-31"),
            ],
            Some(&bob),
        )
        .await;
    assert_eq!(steal.status, StatusCode::NOT_FOUND);
    let bobs = app.post_form("workspace/activities", &[], Some(&bob)).await;
    assert_eq!(bobs.body, "[]");
    let anonymous = app.post_form("workspace/dashboard", &[], None).await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    // Alice's records are untouched.
    let hers = app
        .post_form("workspace/activities", &[], Some(&alice))
        .await;
    let hers: Vec<ActivityView> = serde_json::from_str(&hers.body).unwrap();
    assert_eq!(hers[0].title, "Cardiology update");
}
on_both_backends!(another_clinicians_records_answer_not_found);

async fn the_dashboard_says_what_the_engine_says(app: TestApp) {
    let cookie = app.with_clinician("dashing").await;
    let licence = florida(&app, &cookie).await;
    let dea = save_credential(
        &app,
        &cookie,
        &[
            ("kind", "dea"),
            ("number", "AB1234563"),
            ("expires", "2027-03-31"),
        ],
    )
    .await;
    assert_eq!(dea.status, StatusCode::OK, "{}", dea.body);
    let dea: CredentialView = serde_json::from_str(&dea.body).unwrap();
    let old = activity_of(
        &save_activity(
            &app,
            &cookie,
            &[("completed", "2020-01-10"), ("hours", "5")],
        )
        .await,
    );
    let errors = activity_of(
        &save_activity(
            &app,
            &cookie,
            &[("hours", "2"), ("topics[0]", "medical_errors")],
        )
        .await,
    );
    activity_of(
        &save_activity(
            &app,
            &cookie,
            &[("hours", "10"), ("completed", "2026-02-01")],
        )
        .await,
    );
    activity_of(
        &save_activity(
            &app,
            &cookie,
            &[
                ("hours", "1"),
                ("completed", "2025-11-20"),
                ("credit_type", "AMA_PRA_2"),
            ],
        )
        .await,
    );

    let response = app
        .post_form("workspace/dashboard", &[], Some(&cookie))
        .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    let dashboard: Dashboard = serde_json::from_str(&response.body).unwrap();
    assert_eq!(dashboard.activity_count, 4);
    assert_eq!(dashboard.credentials.len(), 2);

    // The same case, evaluated directly.
    let today = chrono::Utc::now().date_naive();
    let case: Case = serde_json::from_value(serde_json::json!({
        "today": today.to_string(),
        "facts": { "dea_registered": true },
        "credentials": [
            { "id": licence.id, "rule_set": "FL-MD", "initial_licence": "2014-06-01",
              "expires": "2027-01-31", "facts": { "licence_group": 2 } },
            { "id": dea.id, "rule_set": "US-DEA-MATE", "expires": "2027-03-31" },
        ],
        "credits": [
            { "id": old.id, "completed": "2020-01-10", "hours": 5.0, "credit_type": "AMA_PRA_1", "format": "live", "topics": [] },
            { "id": errors.id, "completed": "2025-03-14", "hours": 2.0, "credit_type": "AMA_PRA_1", "format": "live", "topics": ["medical_errors"] },
            { "id": "c3", "completed": "2026-02-01", "hours": 10.0, "credit_type": "AMA_PRA_1", "format": "live", "topics": [] },
            { "id": "c4", "completed": "2025-11-20", "hours": 1.0, "credit_type": "AMA_PRA_2", "format": "live", "topics": [] },
        ],
    }))
    .unwrap();
    let report = evaluate(&case, &app.state.catalog.current()).unwrap();
    let fl_report = report
        .credentials
        .iter()
        .find(|c| c.rule_set == "FL-MD")
        .unwrap();
    let fl_shown = dashboard
        .credentials
        .iter()
        .find(|c| c.rule_set == "FL-MD")
        .unwrap();
    assert_eq!(fl_shown.title, "Florida MD licence");
    assert_eq!(fl_shown.requirements.len(), fl_report.requirements.len());
    for (shown, engine) in fl_shown.requirements.iter().zip(&fl_report.requirements) {
        assert_eq!(shown.key, engine.key);
        assert_eq!(
            shown.missing,
            engine.missing.map(|h| h.to_string()),
            "{}",
            shown.key
        );
        assert_eq!(shown.counted, engine.counted.to_string(), "{}", shown.key);
        assert_eq!(shown.status_label, engine.status.label(), "{}", shown.key);
    }
    let total = fl_shown
        .requirements
        .iter()
        .find(|r| r.key == "total")
        .unwrap();
    // 2 + 10 h of Category 1 count toward Florida's 40; Category 2 and the 2020 course do not.
    assert_eq!(total.counted, "12");
    assert_eq!(total.missing.as_deref(), Some("28"));
    assert_eq!(dashboard.next_steps.len(), report.next_steps.len());
    // The cycle before (2023-02-01 to 2025-01-31) had only the 2020 course, outside it.
    let previous = &fl_shown.history[0];
    assert_eq!(
        (previous.start.as_str(), previous.end.as_str()),
        ("2023-02-01", "2025-01-31")
    );
    assert!(!previous.complete);
    assert!(
        previous.summary.contains("40 h Total hours"),
        "{}",
        previous.summary
    );

    let usage = app
        .post_form(
            "workspace/activities/usage",
            &[("id", &old.id)],
            Some(&cookie),
        )
        .await;
    let usage: ActivityUsage = serde_json::from_str(&usage.body).unwrap();
    assert!(
        usage
            .counted
            .iter()
            .all(|line| line.credential != "Florida MD licence")
    );
    assert!(
        usage
            .rejected
            .iter()
            .any(|line| line.credential == "Florida MD licence"
                && line.detail.contains("before this cycle")),
        "{usage:?}"
    );
}
on_both_backends!(the_dashboard_says_what_the_engine_says);

async fn the_forms_offer_what_the_catalog_knows(app: TestApp) {
    let cookie = app.with_clinician("chooser").await;
    let response = app.post_form("workspace/options", &[], Some(&cookie)).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    let options: licensure::features::workspace::Options =
        serde_json::from_str(&response.body).unwrap();
    let has = |list: &[licensure::features::workspace::Choice], key: &str| {
        list.iter().any(|c| c.key == key)
    };
    assert!(has(&options.jurisdictions, "FL") && has(&options.jurisdictions, "PR"));
    assert!(has(&options.professions, "MD"));
    assert!(has(&options.certifications, "ABIM-MOC"));
    assert!(has(&options.credit_types, "AMA_PRA_1") && has(&options.credit_types, "ANCC"));
    assert!(has(&options.topics, "medical_errors"));
    assert_eq!(options.formats.len(), 3);
    let anonymous = app.post_form("workspace/options", &[], None).await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
}
on_both_backends!(the_forms_offer_what_the_catalog_knows);
