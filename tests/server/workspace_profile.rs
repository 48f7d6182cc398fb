//! "About you" facts and clinicians' own rules, through the real router: what the
//! dashboard does with them, and bad input refused with nothing stored.

use axum::http::StatusCode;
use licensure::{
    features::workspace::{CredentialView, Dashboard, ProfileView},
    server::entities::{clinician_fact, credential},
};
use sea_orm::{EntityTrait, PaginatorTrait};

use crate::{
    on_both_backends,
    support::TestApp,
    workspace::{activity_of, florida, save_activity, save_credential},
};

async fn dashboard(app: &TestApp, cookie: &str) -> Dashboard {
    let response = app
        .post_form("workspace/dashboard", &[], Some(cookie))
        .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    serde_json::from_str(&response.body).unwrap()
}

fn credential_of(response: &crate::support::TestResponse) -> CredentialView {
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    serde_json::from_str(&response.body).unwrap()
}

async fn a_custom_credential_with_its_own_rule_is_tracked_like_a_boards(app: TestApp) {
    let cookie = app.with_clinician("bls_holder").await;
    let today = chrono::Utc::now().date_naive();
    let expires = (today + chrono::Days::new(200)).to_string();
    let card = credential_of(
        &save_credential(
            &app,
            &cookie,
            &[
                ("kind", "custom"),
                ("name", "Hospital privileges"),
                ("expires", &expires),
                ("own_months", "24"),
                ("own_hours", "10"),
                ("own_topic", "medical_errors"),
                ("own_topic_hours", "2"),
            ],
        )
        .await,
    );
    let rule = card.own_rule.clone().expect("the rule is shown back");
    assert_eq!(rule.summary, "10 h every 24 months, 2 h of Medical errors");
    assert!(
        card.rule_set
            .as_deref()
            .unwrap_or_default()
            .starts_with("OWN-")
    );

    let completed = (today - chrono::Days::new(30)).to_string();
    activity_of(&save_activity(&app, &cookie, &[("hours", "3"), ("completed", &completed)]).await);
    let board = dashboard(&app, &cookie).await;
    let status = board
        .credentials
        .iter()
        .find(|c| c.title == "Hospital privileges")
        .expect("the credential is on the dashboard");
    let total = &status.requirements[0];
    assert_eq!(
        (total.counted.as_str(), total.missing.as_deref()),
        ("3", Some("7"))
    );
    let topic = status
        .requirements
        .iter()
        .find(|r| r.key == "medical_errors")
        .expect("the topic is tracked");
    assert_eq!(topic.missing.as_deref(), Some("2"));
    // The clinician's own rule has no address to link to.
    assert!(total.sources.iter().all(|s| s.url.is_empty()));
    assert!(board.untracked.is_empty());
}
on_both_backends!(a_custom_credential_with_its_own_rule_is_tracked_like_a_boards);

async fn own_rules_fill_in_only_where_the_catalog_has_none(app: TestApp) {
    let cookie = app.with_clinician("co_doc").await;
    let colorado = credential_of(
        &save_credential(
            &app,
            &cookie,
            &[
                ("kind", "licence"),
                ("jurisdiction", "CO"),
                ("profession", "MD"),
                ("expires", "2027-04-30"),
                ("own_months", "24"),
                ("own_hours", "30"),
            ],
        )
        .await,
    );
    assert!(colorado.own_rule.is_some());
    // Florida has catalog rules: typed own rules are not stored.
    let mut fields = vec![
        ("kind", "licence"),
        ("jurisdiction", "FL"),
        ("profession", "MD"),
        ("expires", "2027-01-31"),
        ("own_months", "24"),
        ("own_hours", "1"),
    ];
    let fl = credential_of(&save_credential(&app, &cookie, &fields).await);
    assert_eq!(fl.rule_set.as_deref(), Some("FL-MD"));
    assert!(fl.own_rule.is_none());

    // Bad own-rule fields are named and change nothing.
    let before = credential::Entity::find()
        .count(&app.state.db)
        .await
        .unwrap();
    let bad_cases: [(&str, &str, &str); 4] = [
        ("own_months", "0", "Renews every (months)"),
        ("own_hours", "-4", "Hours per cycle"),
        ("own_topic", "astrology", "Required topic"),
        ("own_topic_hours", "<b>2</b>", "Hours of that topic"),
    ];
    fields[1] = ("jurisdiction", "CO");
    for (field, value, named) in bad_cases {
        let mut form = fields.clone();
        form.push(("own_topic", "medical_errors"));
        form.retain(|(key, _)| *key != field);
        form.push((field, value));
        let response = save_credential(&app, &cookie, &form).await;
        assert_eq!(response.status, StatusCode::BAD_REQUEST, "{field}");
        assert!(response.body.contains(named), "{field}: {}", response.body);
    }
    assert_eq!(
        credential::Entity::find()
            .count(&app.state.db)
            .await
            .unwrap(),
        before
    );
}
on_both_backends!(own_rules_fill_in_only_where_the_catalog_has_none);

async fn a_birthday_deadline_waits_for_the_date_of_birth(app: TestApp) {
    let cookie = app.with_clinician("nc_doc").await;
    florida(&app, &cookie).await;
    let nc = credential_of(
        &save_credential(
            &app,
            &cookie,
            &[
                ("kind", "licence"),
                ("jurisdiction", "NC"),
                ("profession", "MD"),
                ("initial_date", "2015-08-01"),
                ("expires", "2027-03-10"),
            ],
        )
        .await,
    );
    assert_eq!(nc.rule_set.as_deref(), Some("NC-MD-DO"));
    // Without a birth date the NC licence is held back, and the rest still shows.
    let before = dashboard(&app, &cookie).await;
    assert_eq!(before.need_birth_date, vec![nc.title.clone()]);
    assert_eq!(before.credentials.len(), 1);
    assert_eq!(before.open_questions, 2);

    let saved = app
        .post_form(
            "workspace/profile/save",
            &[
                ("birth_date", "1971-03-10"),
                ("answers[prescribed_any_cs_since_last_renewal]", "no"),
                ("answers[resident_training_license]", ""),
            ],
            Some(&cookie),
        )
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    let profile: ProfileView = serde_json::from_str(&saved.body).unwrap();
    assert_eq!(profile.birth_date, "1971-03-10");
    assert_eq!(profile.birthday_credentials, vec![nc.title.clone()]);
    let answered: Vec<(&str, &str)> = profile
        .questions
        .iter()
        .map(|q| (q.key.as_str(), q.answer.as_str()))
        .collect();
    assert!(answered.contains(&("prescribed_any_cs_since_last_renewal", "no")));
    assert!(answered.contains(&("resident_training_license", "")));

    let after = dashboard(&app, &cookie).await;
    assert!(after.need_birth_date.is_empty());
    assert_eq!(after.credentials.len(), 2);
    assert_eq!(after.open_questions, 1);
    let nc_status = after
        .credentials
        .iter()
        .find(|c| c.rule_set == "NC-MD-DO")
        .expect("the NC licence is tracked");
    // The first birthday after issue sets the NC cycle end.
    assert!(
        nc_status.cycle_end.ends_with("-03-10"),
        "{}",
        nc_status.cycle_end
    );
    // "No" to prescribing: the controlled-substance topic does not apply.
    let prescribing = nc_status
        .requirements
        .iter()
        .find(|r| r.key == "controlled_substance_prescribing")
        .expect("the NC prescribing topic is listed");
    assert_eq!(prescribing.status, "not_applicable");
}
on_both_backends!(a_birthday_deadline_waits_for_the_date_of_birth);

async fn bad_profile_answers_are_refused_and_change_nothing(app: TestApp) {
    let cookie = app.with_clinician("ma_doc").await;
    save_credential(
        &app,
        &cookie,
        &[
            ("kind", "licence"),
            ("jurisdiction", "MA"),
            ("profession", "MD"),
            ("expires", "2027-03-10"),
        ],
    )
    .await;
    let good = app
        .post_form(
            "workspace/profile/save",
            &[("answers[prescribes_controlled_substances]", "yes")],
            Some(&cookie),
        )
        .await;
    assert_eq!(good.status, StatusCode::OK, "{}", good.body);
    let stored = || async {
        clinician_fact::Entity::find()
            .all(&app.state.db)
            .await
            .unwrap()
            .len()
    };
    assert_eq!(stored().await, 1);
    let cases: [(&str, &str, &str); 5] = [
        ("birth_date", "1800-01-01", "Date of birth"),
        ("birth_date", "2020-01-01", "Date of birth"),
        ("answers[astrology]", "yes", "Answers"),
        (
            "answers[prescribes_controlled_substances]",
            "<script>",
            "Answers",
        ),
        ("answers[dea_registered]", "no", "Answers"),
    ];
    for (field, value, named) in cases {
        let response = app
            .post_form("workspace/profile/save", &[(field, value)], Some(&cookie))
            .await;
        assert_eq!(response.status, StatusCode::BAD_REQUEST, "{field}={value}");
        assert!(response.body.contains(named), "{}", response.body);
        assert!(!response.body.contains("<script>"));
    }
    assert_eq!(stored().await, 1);
    // Signed out, the profile is not there to read.
    let anonymous = app.post_form("workspace/profile", &[], None).await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
}
on_both_backends!(bad_profile_answers_are_refused_and_change_nothing);
