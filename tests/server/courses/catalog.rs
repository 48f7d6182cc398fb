//! The catalog from the clinician's side: search and filters, "fills my gaps" ranked by
//! the engine, and link courses completed by the clinician.

use axum::http::StatusCode;
use licensure::{features::courses::Progress, server::entities::activity};
use sea_orm::{EntityTrait, PaginatorTrait};

use super::catalog;
use crate::{
    admin_console::console_admin, courses::console::add_course, on_both_backends, support::TestApp,
    workspace::florida,
};

async fn filters_narrow_the_catalog(app: TestApp) {
    let admin = console_admin(&app, "course_admin").await;
    add_course(
        &app,
        &admin,
        &[
            ("title", "Domestic violence in practice"),
            ("hours", "2"),
            ("topics", "domestic_violence"),
            ("launch", "link"),
            ("link_url", "https://provider.example/dv"),
        ],
    )
    .await;
    let cookie = app.with_clinician("dr_browse").await;
    let all = catalog(&app, &cookie, &[]).await;
    assert_eq!(all.courses.len(), 2);
    assert!(all.topics.iter().any(|t| t.key == "domestic_violence"));
    let found = catalog(&app, &cookie, &[("q", "violence practice")]).await;
    assert_eq!(found.courses.len(), 1);
    assert_eq!(found.courses[0].price, "Free");
    let by_topic = catalog(&app, &cookie, &[("topic", "opioid_prescribing")]).await;
    assert_eq!(by_topic.courses.len(), 1);
    assert!(by_topic.courses[0].title.starts_with("Safe opioid"));
    let short = catalog(&app, &cookie, &[("max_hours", "1.5")]).await;
    assert_eq!(short.courses.len(), 1);
    let by_type = catalog(&app, &cookie, &[("credit_type", "ANCC")]).await;
    assert!(by_type.courses.is_empty());
    // A bad "at most" is left out with the reason; the page keeps its list.
    let bad = catalog(&app, &cookie, &[("max_hours", "lots")]).await;
    assert_eq!(bad.courses.len(), 2);
    assert!(
        bad.problem
            .as_deref()
            .is_some_and(|p| p.starts_with("At most (hours)")),
        "{:?}",
        bad.problem
    );
    let anonymous = app.post_form("courses", &[], None).await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
}
on_both_backends!(filters_narrow_the_catalog);

async fn fills_my_gaps_ranks_by_the_hours_the_engine_counts(app: TestApp) {
    let admin = console_admin(&app, "gap_admin").await;
    add_course(
        &app,
        &admin,
        &[
            ("title", "Domestic violence in practice"),
            ("hours", "2"),
            ("topics", "domestic_violence"),
            ("launch", "link"),
            ("link_url", "https://provider.example/dv"),
        ],
    )
    .await;
    add_course(
        &app,
        &admin,
        &[
            ("title", "Nursing pharmacology"),
            ("hours", "3"),
            ("credit_type", "ANCC"),
            ("launch", "link"),
            ("link_url", "https://provider.example/rx"),
        ],
    )
    .await;
    let cookie = app.with_clinician("dr_gaps").await;
    // Nothing is missing without credentials.
    let none = catalog(&app, &cookie, &[("gaps", "1")]).await;
    assert!(none.courses.is_empty());
    florida(&app, &cookie).await;
    let ranked = catalog(&app, &cookie, &[("gaps", "1")]).await;
    let titles: Vec<(&str, Option<&str>)> = ranked
        .courses
        .iter()
        .map(|c| (c.title.as_str(), c.covers.as_deref()))
        .collect();
    // Both AMA PRA Category 1 courses count toward Florida's hours; the topic the domestic
    // violence course adds makes it cover more. ANCC hours count for none of it.
    assert_eq!(titles.len(), 2, "{titles:?}");
    assert_eq!(titles[0].0, "Domestic violence in practice");
    assert!(titles[1].0.starts_with("Safe opioid"), "{titles:?}");
    let hours = |text: Option<&str>| text.and_then(|t| t.parse::<f64>().ok()).unwrap_or_default();
    assert!(
        hours(titles[0].1) >= 2.0 && hours(titles[0].1) > hours(titles[1].1),
        "{titles:?}"
    );
    assert!(hours(titles[1].1) >= 1.0, "{titles:?}");
    // A course already completed fills nothing more.
    let dv = ranked.courses[0].id.clone();
    let done = app
        .post_form("courses/complete", &[("id", &dv)], Some(&cookie))
        .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    let after = catalog(&app, &cookie, &[("gaps", "1")]).await;
    assert!(after.courses.iter().all(|c| c.id != dv));
}
on_both_backends!(fills_my_gaps_ranks_by_the_hours_the_engine_counts);

async fn a_link_course_is_completed_by_the_clinician_once(app: TestApp) {
    let admin = console_admin(&app, "link_admin").await;
    add_course(
        &app,
        &admin,
        &[
            ("title", "Human trafficking awareness"),
            ("hours", "1"),
            ("topics", "human_trafficking"),
            ("launch", "link"),
            ("link_url", "https://provider.example/ht"),
        ],
    )
    .await;
    let cookie = app.with_clinician("dr_link").await;
    let course = catalog(&app, &cookie, &[("q", "trafficking")])
        .await
        .courses
        .remove(0);
    assert_eq!(
        course.link_url.as_deref(),
        Some("https://provider.example/ht")
    );
    let done = app
        .post_form("courses/complete", &[("id", &course.id)], Some(&cookie))
        .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    let again = app
        .post_form("courses/complete", &[("id", &course.id)], Some(&cookie))
        .await;
    assert_eq!(again.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        activity::Entity::find().count(&app.state.db).await.unwrap(),
        1
    );
    let row = activity::Entity::find()
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.source, "self");
    let shown = catalog(&app, &cookie, &[("q", "trafficking")]).await;
    assert!(matches!(
        shown.courses[0].progress,
        Progress::Completed { .. }
    ));
    // A cmi5 course cannot be marked complete by hand.
    let demo = catalog(&app, &cookie, &[("q", "opioid")])
        .await
        .courses
        .remove(0);
    let refused = app
        .post_form("courses/complete", &[("id", &demo.id)], Some(&cookie))
        .await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND);
}
on_both_backends!(a_link_course_is_completed_by_the_clinician_once);
