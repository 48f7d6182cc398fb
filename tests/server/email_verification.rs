//! Email verification and change of address through the real router, reading the mail the
//! app wrote.

use axum::http::StatusCode;
use chrono::{Duration, Utc};
use licensure::{
    features::accounts::EmailStatus,
    server::{
        audit::{self, Verification},
        entities::{audit_log, email_link, user},
    },
};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, sea_query::Expr};

use crate::{
    on_both_backends,
    support::{STRONG_PASSWORD, TestApp},
};

async fn status(app: &TestApp, cookie: &str) -> EmailStatus {
    let response = app
        .post_form("accounts/email/status", &[], Some(cookie))
        .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    serde_json::from_str(&response.body).unwrap()
}

async fn confirm(app: &TestApp, token: &str) -> (StatusCode, String) {
    let response = app
        .post_form("accounts/email/confirm", &[("token", token)], None)
        .await;
    (response.status, response.body)
}

async fn audit_actions(app: &TestApp, action: &str) -> u64 {
    audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq(action))
        .count(&app.state.db)
        .await
        .unwrap()
}

async fn sign_up_sends_a_link_that_confirms_the_address_once(app: TestApp) {
    let cookie = app.with_clinician("verity").await;
    assert!(!status(&app, &cookie).await.verified);

    let mail = app.last_email_to("verity@example.org").await;
    assert_eq!(mail.subject, "Confirm your email address for Licensure");
    assert!(mail.body.contains("Hello Test Clinician"), "{}", mail.body);
    let token = mail.token_for("/verify-email").expect("a link in the mail");
    assert!(
        mail.body
            .contains("http://127.0.0.1:3000/verify-email?token="),
        "{}",
        mail.body
    );

    let (code, body) = confirm(&app, &token).await;
    assert_eq!(code, StatusCode::OK, "{body}");
    assert!(body.contains("confirmed"), "{body}");
    assert!(status(&app, &cookie).await.verified);

    let (again, body) = confirm(&app, &token).await;
    assert_eq!(again, StatusCode::BAD_REQUEST);
    assert!(body.contains("does not work any more"), "{body}");
    assert_eq!(audit_actions(&app, "email_verified").await, 1);
    assert!(matches!(
        audit::verify(&app.state.db).await.unwrap(),
        Verification::Intact { .. }
    ));
}
on_both_backends!(sign_up_sends_a_link_that_confirms_the_address_once);

async fn forged_and_expired_links_are_refused(app: TestApp) {
    let cookie = app.with_clinician("forger").await;
    for bogus in [
        "",
        "abc",
        "<script>alert(1)</script>",
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    ] {
        let (code, body) = confirm(&app, bogus).await;
        assert_eq!(code, StatusCode::BAD_REQUEST, "{bogus}: {body}");
        assert!(!body.contains("script"), "{body}");
    }
    // The real link, after it has expired.
    let token = app
        .last_email_to("forger@example.org")
        .await
        .token_for("/verify-email")
        .unwrap();
    email_link::Entity::update_many()
        .col_expr(
            email_link::Column::ExpiresAt,
            Expr::value(Utc::now() - Duration::minutes(1)),
        )
        .exec(&app.state.db)
        .await
        .unwrap();
    let (code, _) = confirm(&app, &token).await;
    assert_eq!(code, StatusCode::BAD_REQUEST);
    assert!(!status(&app, &cookie).await.verified);
}
on_both_backends!(forged_and_expired_links_are_refused);

async fn sending_the_link_again_is_limited_per_hour(app: TestApp) {
    let cookie = app.with_clinician("resender").await;
    for _ in 0..2 {
        let response = app
            .post_form("accounts/email/resend", &[], Some(&cookie))
            .await;
        assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    }
    let refused = app
        .post_form("accounts/email/resend", &[], Some(&cookie))
        .await;
    assert_eq!(
        refused.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        refused.body
    );
    assert!(
        refused.body.contains("try again in an hour"),
        "{}",
        refused.body
    );
    let to_them = app
        .sent_emails()
        .await
        .into_iter()
        .filter(|mail| mail.to == "resender@example.org")
        .count();
    assert_eq!(to_them, 3);

    // The newest link works; so does an older one, until the address is confirmed.
    let token = app
        .last_email_to("resender@example.org")
        .await
        .token_for("/verify-email")
        .unwrap();
    assert_eq!(confirm(&app, &token).await.0, StatusCode::OK);
    let done = app
        .post_form("accounts/email/resend", &[], Some(&cookie))
        .await;
    assert_eq!(done.status, StatusCode::BAD_REQUEST);
    assert!(done.body.contains("already confirmed"), "{}", done.body);
}
on_both_backends!(sending_the_link_again_is_limited_per_hour);

async fn changing_the_address_waits_for_the_new_link(app: TestApp) {
    let cookie = app.with_clinician("mover").await;
    app.with_clinician("neighbour").await;
    let change = |email: &'static str, password: &'static str| {
        let cookie = cookie.clone();
        let app = &app;
        async move {
            app.post_form(
                "accounts/email/change",
                &[("new_email", email), ("password", password)],
                Some(&cookie),
            )
            .await
        }
    };

    let wrong = change("mover@new.example.org", "Not-The-Password-1").await;
    assert_eq!(wrong.status, StatusCode::BAD_REQUEST);
    assert!(wrong.body.contains("current password"), "{}", wrong.body);
    let bad = change("not an address", STRONG_PASSWORD).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    let taken = change("Neighbour@Example.org", STRONG_PASSWORD).await;
    assert_eq!(taken.status, StatusCode::CONFLICT, "{}", taken.body);
    assert!(
        app.sent_emails()
            .await
            .iter()
            .all(|mail| mail.to != "mover@new.example.org")
    );

    let asked = change("Mover@New.Example.org", STRONG_PASSWORD).await;
    assert_eq!(asked.status, StatusCode::OK, "{}", asked.body);
    assert!(
        asked.body.contains("mover@new.example.org"),
        "{}",
        asked.body
    );
    let before = status(&app, &cookie).await;
    assert_eq!(before.address, "mover@example.org");
    assert_eq!(
        before.pending_address.as_deref(),
        Some("mover@new.example.org")
    );

    let mail = app.last_email_to("mover@new.example.org").await;
    let token = mail.token_for("/verify-email").unwrap();
    let (code, body) = confirm(&app, &token).await;
    assert_eq!(code, StatusCode::OK, "{body}");
    let after = status(&app, &cookie).await;
    assert_eq!(after.address, "mover@new.example.org");
    assert!(after.verified);
    assert_eq!(after.pending_address, None);

    let notice = app.last_email_to("mover@example.org").await;
    assert_eq!(notice.subject, "Your Licensure email address was changed");
    // The old address no longer signs in; the new one does.
    let old = app
        .post_form(
            "accounts/sign_in",
            &[
                ("login", "mover@example.org"),
                ("password", STRONG_PASSWORD),
            ],
            None,
        )
        .await;
    assert_eq!(old.status, StatusCode::UNAUTHORIZED);
    let new = app
        .post_form(
            "accounts/sign_in",
            &[
                ("login", "mover@new.example.org"),
                ("password", STRONG_PASSWORD),
            ],
            None,
        )
        .await;
    assert!(new.session_cookie().is_some(), "{}", new.body);
    assert_eq!(audit_actions(&app, "email_changed").await, 1);
    let stored = user::Entity::find()
        .filter(user::Column::Email.eq("mover@new.example.org"))
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(stored, 1);
}
on_both_backends!(changing_the_address_waits_for_the_new_link);

async fn a_newer_change_replaces_the_older_link(app: TestApp) {
    let cookie = app.with_clinician("dither").await;
    for address in ["first@example.net", "second@example.net"] {
        let response = app
            .post_form(
                "accounts/email/change",
                &[("new_email", address), ("password", STRONG_PASSWORD)],
                Some(&cookie),
            )
            .await;
        assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    }
    let first = app
        .last_email_to("first@example.net")
        .await
        .token_for("/verify-email")
        .unwrap();
    assert_eq!(confirm(&app, &first).await.0, StatusCode::BAD_REQUEST);
    assert_eq!(status(&app, &cookie).await.address, "dither@example.org");
}
on_both_backends!(a_newer_change_replaces_the_older_link);
