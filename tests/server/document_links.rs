//! A document linked to the activity it proves or the credential it belongs to: set by the
//! clinician, or at once when an activity is recorded from its certificate. Only the
//! clinician's own records can be linked.

use axum::http::StatusCode;
use licensure::features::{documents::DocumentView, workspace::ActivityView};

use crate::{
    documents::{list, pdf, rows, upload},
    on_both_backends,
    support::TestApp,
    workspace::{activity_of, florida, save_activity},
};

async fn activities(app: &TestApp, cookie: &str) -> Vec<ActivityView> {
    let response = app
        .post_form("workspace/activities", &[], Some(cookie))
        .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    serde_json::from_str(&response.body).unwrap()
}

async fn links_follow_the_clinicians_own_records(app: TestApp) {
    let cookie = app.with_clinician("dr_links").await;
    let licence = florida(&app, &cookie).await;
    let activity = activity_of(&save_activity(&app, &cookie, &[]).await);
    upload(&app, &cookie, &[("certificate.pdf", &pdf(2000))]).await;
    let doc = list(&app, &cookie).await.remove(0);

    let linked = app
        .post_form(
            "documents/rename",
            &[
                ("id", &doc.id),
                ("title", "Cardiology certificate"),
                ("kind", "ce_certificate"),
                ("activity", &activity.id),
                ("credential", &licence.id),
            ],
            Some(&cookie),
        )
        .await;
    assert_eq!(linked.status, StatusCode::OK, "{}", linked.body);
    let linked: DocumentView = serde_json::from_str(&linked.body).unwrap();
    assert_eq!(
        linked.activity.as_ref().map(|l| l.title.as_str()),
        Some("Cardiology update")
    );
    assert_eq!(
        linked.credential.as_ref().map(|l| l.id.as_str()),
        Some(licence.id.as_str())
    );
    assert_eq!(
        activities(&app, &cookie).await[0].certificate,
        Some(doc.id.clone())
    );

    // A rename that leaves the link fields out keeps the links.
    let renamed = app
        .post_form(
            "documents/rename",
            &[
                ("id", &doc.id),
                ("title", "Renamed"),
                ("kind", "ce_certificate"),
            ],
            Some(&cookie),
        )
        .await;
    let renamed: DocumentView = serde_json::from_str(&renamed.body).unwrap();
    assert!(renamed.activity.is_some() && renamed.credential.is_some());

    // Another clinician's records cannot be linked, and the refusal changes nothing.
    let other = app.with_clinician("dr_other").await;
    let theirs = activity_of(&save_activity(&app, &other, &[("title", "Theirs")]).await);
    let refused = app
        .post_form(
            "documents/rename",
            &[
                ("id", &doc.id),
                ("title", "Changed"),
                ("kind", "other"),
                ("activity", &theirs.id),
            ],
            Some(&cookie),
        )
        .await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND, "{}", refused.body);
    let unchanged = list(&app, &cookie).await.remove(0);
    assert_eq!(unchanged.title, "Renamed");
    assert_eq!(
        unchanged.activity.as_ref().map(|l| l.id.as_str()),
        Some(activity.id.as_str())
    );

    // "none" removes the link.
    let cleared = app
        .post_form(
            "documents/rename",
            &[
                ("id", &doc.id),
                ("title", "Renamed"),
                ("kind", "ce_certificate"),
                ("credential", "none"),
            ],
            Some(&cookie),
        )
        .await;
    let cleared: DocumentView = serde_json::from_str(&cleared.body).unwrap();
    assert!(cleared.credential.is_none() && cleared.activity.is_some());

    // Deleting the activity keeps the document, unlinked.
    let deleted = app
        .post_form(
            "workspace/activities/delete",
            &[("id", &activity.id)],
            Some(&cookie),
        )
        .await;
    assert_eq!(deleted.status, StatusCode::OK, "{}", deleted.body);
    let kept = list(&app, &cookie).await;
    assert_eq!(kept.len(), 1);
    assert!(kept[0].activity.is_none());
}
on_both_backends!(links_follow_the_clinicians_own_records);

async fn an_activity_recorded_from_a_certificate_is_linked_to_it(app: TestApp) {
    let cookie = app.with_clinician("dr_from_cert").await;
    upload(&app, &cookie, &[("ama.pdf", &pdf(2000))]).await;
    let doc = list(&app, &cookie).await.remove(0);
    let saved = activity_of(&save_activity(&app, &cookie, &[("document", &doc.id)]).await);
    assert_eq!(saved.certificate, Some(doc.id.clone()));
    let listed = list(&app, &cookie).await.remove(0);
    assert_eq!(listed.activity.map(|l| l.id), Some(saved.id.clone()));

    // Recording the same certificate again would count its hours twice: refused, nothing added.
    let again = save_activity(&app, &cookie, &[("document", &doc.id)]).await;
    assert_eq!(again.status, StatusCode::BAD_REQUEST, "{}", again.body);
    assert!(
        again.body.contains("already proves another activity"),
        "{}",
        again.body
    );
    assert_eq!(activities(&app, &cookie).await.len(), 1);
    let proposed = app
        .post_form(
            "documents/proposal",
            &[("id", doc.id.as_str())],
            Some(&cookie),
        )
        .await;
    assert!(
        proposed.body.contains("already proves an activity"),
        "{}",
        proposed.body
    );

    // Someone else's document: not found, and no activity is recorded.
    let other = app.with_clinician("dr_sly").await;
    let before = activities(&app, &other).await.len();
    let refused = save_activity(&app, &other, &[("document", &doc.id)]).await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND, "{}", refused.body);
    assert_eq!(activities(&app, &other).await.len(), before);
    assert_eq!(rows(&app).await, (1, 1));
}
on_both_backends!(an_activity_recorded_from_a_certificate_is_linked_to_it);
