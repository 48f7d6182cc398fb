//! Announcements ("product updates") through the real router: only administrators with
//! their second factor write and publish them, clinicians see each published one as new
//! until they dismiss it, and every change is audited without its text.

use axum::http::StatusCode;
use licensure::{
    features::{admin::AnnouncementList, updates::UpdateView},
    server::{
        audit,
        entities::{announcement, audit_log},
    },
};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::{
    admin_console::{console_admin, page},
    admin_roles::{make_admin, sign_in},
    on_both_backends,
    support::{TestApp, TestResponse},
};

const ADMIN_ENDPOINTS: [&str; 5] = [
    "admin/announcements",
    "admin/announcements/one",
    "admin/announcements/save",
    "admin/announcements/publish",
    "admin/announcements/unpublish",
];

async fn save(app: &TestApp, admin: &str, fields: &[(&str, &str)]) -> TestResponse {
    app.post_form("admin/announcements/save", fields, Some(admin))
        .await
}

/// Saves a new draft and returns its id.
async fn draft(app: &TestApp, admin: &str, title: &str, body: &str) -> String {
    let saved = save(app, admin, &[("title", title), ("body", body)]).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    serde_json::from_str(&saved.body).unwrap()
}

async fn change(app: &TestApp, admin: &str, verb: &str, id: &str) -> TestResponse {
    app.post_form(
        &format!("admin/announcements/{verb}"),
        &[("id", id)],
        Some(admin),
    )
    .await
}

async fn publish(app: &TestApp, admin: &str, id: &str) {
    let published = change(app, admin, "publish", id).await;
    assert_eq!(published.status, StatusCode::OK, "{}", published.body);
}

async fn updates(app: &TestApp, endpoint: &str, cookie: &str) -> Vec<UpdateView> {
    let response = app.post_form(endpoint, &[], Some(cookie)).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    serde_json::from_str(&response.body).unwrap()
}

async fn new_for(app: &TestApp, cookie: &str) -> Vec<String> {
    updates(app, "updates/new", cookie)
        .await
        .into_iter()
        .map(|update| update.title)
        .collect()
}

async fn listed_for(app: &TestApp, cookie: &str) -> Vec<String> {
    updates(app, "updates", cookie)
        .await
        .into_iter()
        .map(|update| update.title)
        .collect()
}

async fn dismiss(app: &TestApp, cookie: &str, id: &str) -> StatusCode {
    app.post_form("updates/dismiss", &[("id", id)], Some(cookie))
        .await
        .status
}

async fn stored(app: &TestApp) -> Vec<announcement::Model> {
    announcement::Entity::find()
        .order_by_asc(announcement::Column::Id)
        .all(&app.state.db)
        .await
        .unwrap()
}

async fn the_announcement_console_is_there_only_for_administrators(app: TestApp) {
    let clinician = app.with_clinician("curious").await;
    for endpoint in ADMIN_ENDPOINTS {
        let refused = app
            .post_form(
                endpoint,
                &[("title", "Sneaky"), ("body", "Text")],
                Some(&clinician),
            )
            .await;
        assert_eq!(refused.status, StatusCode::NOT_FOUND, "{endpoint}");
        assert!(!refused.body.contains("announcement"), "{}", refused.body);
        let anonymous = app.post_form(endpoint, &[], None).await;
        assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED, "{endpoint}");
    }
    assert_eq!(
        page(&app, "/admin/announcements", &clinician).await.status,
        StatusCode::NOT_FOUND
    );
    assert!(stored(&app).await.is_empty());
    // Clinician functions need a signed-in user too.
    for endpoint in ["updates", "updates/new", "updates/dismiss"] {
        let anonymous = app.post_form(endpoint, &[], None).await;
        assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED, "{endpoint}");
    }

    make_admin(&app, "half_admin").await;
    let half = sign_in(&app, "half_admin").await;
    let owed = save(&app, &half, &[("title", "Early"), ("body", "Text")]).await;
    assert_eq!(owed.status, StatusCode::FORBIDDEN);
    assert!(stored(&app).await.is_empty());

    let admin = console_admin(&app, "ops_lead").await;
    let shown = page(&app, "/admin/announcements", &admin).await;
    assert_eq!(shown.status, StatusCode::OK);
    assert!(shown.body.contains("no-announcements"), "{}", shown.body);
    assert!(shown.body.contains("href=\"/admin/announcements\""));
}
on_both_backends!(the_announcement_console_is_there_only_for_administrators);

async fn a_published_announcement_is_new_once_then_stays_in_the_list(app: TestApp) {
    let admin = console_admin(&app, "ops_lead").await;
    let reader = app.with_clinician("dr_reader").await;
    let other = app.with_clinician("dr_other").await;
    let id = draft(
        &app,
        &admin,
        "CE import",
        "Import certificates.\n\nFrom PDF.",
    )
    .await;

    // A draft does not exist for clinicians.
    assert!(new_for(&app, &reader).await.is_empty());
    assert!(listed_for(&app, &reader).await.is_empty());
    assert_eq!(dismiss(&app, &reader, &id).await, StatusCode::NOT_FOUND);
    let listed: AnnouncementList = serde_json::from_str(
        &app.post_form("admin/announcements", &[], Some(&admin))
            .await
            .body,
    )
    .unwrap();
    assert_eq!(listed.rows.len(), 1);
    assert_eq!(listed.rows[0].state, "draft");
    assert_eq!(listed.rows[0].published, None);

    publish(&app, &admin, &id).await;
    let fresh = updates(&app, "updates/new", &reader).await;
    assert_eq!(fresh.len(), 1);
    assert_eq!(fresh[0].id, id);
    assert_eq!(fresh[0].body, "Import certificates.\n\nFrom PDF.");
    // Seen on the dashboard until dismissed, however often the page is loaded.
    assert_eq!(new_for(&app, &reader).await, ["CE import"]);

    assert_eq!(dismiss(&app, &reader, &id).await, StatusCode::OK);
    assert!(new_for(&app, &reader).await.is_empty());
    assert_eq!(listed_for(&app, &reader).await, ["CE import"]);
    // Dismissing twice is harmless.
    assert_eq!(dismiss(&app, &reader, &id).await, StatusCode::OK);
    // Another clinician's notice is their own.
    assert_eq!(new_for(&app, &other).await, ["CE import"]);

    // An edit to a published announcement does not bring it back for those who saw it.
    let edited = save(
        &app,
        &admin,
        &[
            ("id", &id),
            ("title", "CE import, now live"),
            ("body", "Import."),
        ],
    )
    .await;
    assert_eq!(edited.status, StatusCode::OK, "{}", edited.body);
    assert!(new_for(&app, &reader).await.is_empty());
    assert_eq!(new_for(&app, &other).await, ["CE import, now live"]);

    // Newest first, and the list page reads without WASM.
    let second = draft(&app, &admin, "Dark mode", "Easier at night.").await;
    publish(&app, &admin, &second).await;
    assert_eq!(
        listed_for(&app, &reader).await,
        ["Dark mode", "CE import, now live"]
    );
    assert_eq!(new_for(&app, &reader).await, ["Dark mode"]);
    let shown = page(&app, "/updates", &reader).await;
    assert_eq!(shown.status, StatusCode::OK);
    assert!(shown.body.contains("Easier at night."), "{}", shown.body);
    assert!(shown.body.contains("CE import, now live"));
}
on_both_backends!(a_published_announcement_is_new_once_then_stays_in_the_list);

async fn unpublishing_hides_it_and_republishing_does_not_repeat_it(app: TestApp) {
    let admin = console_admin(&app, "ops_lead").await;
    let saw = app.with_clinician("dr_saw").await;
    let missed = app.with_clinician("dr_missed").await;
    let id = draft(&app, &admin, "Mistake", "Sent too early.").await;
    let not_yet = change(&app, &admin, "unpublish", &id).await;
    assert_eq!(not_yet.status, StatusCode::BAD_REQUEST);
    assert!(not_yet.body.contains("not published"), "{}", not_yet.body);

    publish(&app, &admin, &id).await;
    let twice = change(&app, &admin, "publish", &id).await;
    assert_eq!(twice.status, StatusCode::BAD_REQUEST);
    assert!(twice.body.contains("already published"), "{}", twice.body);
    assert_eq!(dismiss(&app, &saw, &id).await, StatusCode::OK);

    let pulled = change(&app, &admin, "unpublish", &id).await;
    assert_eq!(pulled.status, StatusCode::OK, "{}", pulled.body);
    for cookie in [&saw, &missed] {
        assert!(new_for(&app, cookie).await.is_empty());
        assert!(listed_for(&app, cookie).await.is_empty());
    }
    assert_eq!(dismiss(&app, &missed, &id).await, StatusCode::NOT_FOUND);
    assert!(
        !page(&app, "/updates", &missed)
            .await
            .body
            .contains("Mistake")
    );

    publish(&app, &admin, &id).await;
    assert!(new_for(&app, &saw).await.is_empty());
    assert_eq!(new_for(&app, &missed).await, ["Mistake"]);
    assert_eq!(listed_for(&app, &saw).await, ["Mistake"]);
}
on_both_backends!(unpublishing_hides_it_and_republishing_does_not_repeat_it);

async fn bad_input_names_the_field_and_changes_nothing(app: TestApp) {
    let admin = console_admin(&app, "ops_lead").await;
    let long_title = "x".repeat(121);
    let long_body = "y".repeat(5001);
    let cases: [(&[(&str, &str)], &str); 6] = [
        (&[("title", ""), ("body", "Text")], "Title"),
        (&[("body", "Text")], "Title"),
        (&[("title", &long_title), ("body", "Text")], "at most 120"),
        (&[("title", "Two\nlines"), ("body", "Text")], "Title"),
        (&[("title", "Fine"), ("body", "  ")], "Body"),
        (&[("title", "Fine"), ("body", &long_body)], "at most 5000"),
    ];
    for (fields, says) in cases {
        let refused = save(&app, &admin, fields).await;
        assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{fields:?}");
        assert!(refused.body.contains(says), "{}", refused.body);
    }
    assert!(stored(&app).await.is_empty());

    let id = draft(&app, &admin, "Kept", "As it was.").await;
    let emptied = save(&app, &admin, &[("id", &id), ("title", ""), ("body", "New")]).await;
    assert_eq!(emptied.status, StatusCode::BAD_REQUEST);
    assert!(emptied.body.contains("Title"), "{}", emptied.body);
    let missing = uuid::Uuid::now_v7().to_string();
    for bad in [
        missing.as_str(),
        "not-a-uuid",
        "1; DROP TABLE announcements",
    ] {
        let edit = save(&app, &admin, &[("id", bad), ("title", "T"), ("body", "B")]).await;
        assert_eq!(edit.status, StatusCode::NOT_FOUND, "{bad}: {}", edit.body);
        for verb in ["publish", "unpublish", "one"] {
            let answer = change(&app, &admin, verb, bad).await;
            assert_eq!(answer.status, StatusCode::NOT_FOUND, "{verb} {bad}");
        }
    }
    let after = stored(&app).await;
    assert_eq!(after.len(), 1);
    assert_eq!(
        (after[0].title.as_str(), after[0].body.as_str()),
        ("Kept", "As it was.")
    );
    assert_eq!(after[0].published_at, None);
    let preview = page(
        &app,
        &format!("/admin/announcements?preview={missing}"),
        &admin,
    )
    .await;
    assert!(preview.body.contains("not found"), "{}", preview.body);

    // Markup typed into a title or body is text, shown escaped everywhere.
    let hostile = draft(
        &app,
        &admin,
        "<script>alert(1)</script>",
        // A textarea ends at the first `</textarea>`, whatever is around it.
        "<img src=x onerror=alert(2)>\n\n</textarea><script>alert(3)</script>",
    )
    .await;
    let reader = app.with_clinician("dr_reader").await;
    publish(&app, &admin, &hostile).await;
    for (path, cookie) in [
        ("/admin/announcements".to_owned(), &admin),
        (format!("/admin/announcements?preview={hostile}"), &admin),
        (format!("/admin/announcements?edit={hostile}"), &admin),
        ("/updates".to_owned(), &reader),
    ] {
        let shown = page(&app, &path, cookie).await;
        assert_eq!(shown.status, StatusCode::OK, "{path}");
        assert!(
            shown.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{path}: {}",
            shown.body
        );
        assert!(!shown.body.contains("<script>alert(1)"), "{path}");
        assert!(!shown.body.contains("<img src=x"), "{path}: {}", shown.body);
        assert!(!shown.body.contains("<script>alert(3)"), "{path}");
    }
    let preview = page(
        &app,
        &format!("/admin/announcements?preview={hostile}"),
        &admin,
    )
    .await;
    assert!(preview.body.contains("data-testid=\"preview\""));
    assert!(preview.body.contains("&lt;img src=x onerror=alert(2)&gt;"));
}
on_both_backends!(bad_input_names_the_field_and_changes_nothing);

async fn every_change_is_audited_without_the_text(app: TestApp) {
    let admin = console_admin(&app, "ops_lead").await;
    let id = draft(&app, &admin, "Secret plans", "Quarterly roadmap.").await;
    let edited = save(
        &app,
        &admin,
        &[("id", &id), ("title", "Public plans"), ("body", "Roadmap.")],
    )
    .await;
    assert_eq!(edited.status, StatusCode::OK, "{}", edited.body);
    publish(&app, &admin, &id).await;
    let pulled = change(&app, &admin, "unpublish", &id).await;
    assert_eq!(pulled.status, StatusCode::OK);
    // Refused changes write nothing.
    assert_eq!(
        change(&app, &admin, "unpublish", &id).await.status,
        StatusCode::BAD_REQUEST
    );

    let rows = audit_log::Entity::find()
        .filter(audit_log::Column::Action.starts_with("announcement_"))
        .order_by_asc(audit_log::Column::Id)
        .all(&app.state.db)
        .await
        .unwrap();
    let actions: Vec<&str> = rows.iter().map(|row| row.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "announcement_saved",
            "announcement_saved",
            "announcement_published",
            "announcement_unpublished"
        ]
    );
    let author = stored(&app).await[0].created_by;
    for row in &rows {
        assert_eq!(
            row.target.as_deref(),
            Some(format!("announcement:{id}").as_str())
        );
        assert_eq!(row.actor_id, Some(author));
        assert_eq!(row.outcome, "success");
        assert_eq!(row.reason, None);
        let everything = format!("{row:?}");
        for text in ["Secret", "Public", "roadmap", "Roadmap"] {
            assert!(!everything.contains(text), "{everything}");
        }
    }
    assert!(matches!(
        audit::verify(&app.state.db).await.unwrap(),
        audit::Verification::Intact { .. }
    ));
    let offered = app
        .post_form("admin/audit/actions", &[], Some(&admin))
        .await;
    for name in [
        "announcement_saved",
        "announcement_published",
        "announcement_unpublished",
    ] {
        assert!(offered.body.contains(name), "{}", offered.body);
    }
}
on_both_backends!(every_change_is_audited_without_the_text);
