//! Password reset by emailed link, through the real router.

use axum::http::StatusCode;
use licensure::server::entities::audit_log;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use crate::{
    on_both_backends,
    support::{STRONG_PASSWORD, TestApp},
};

const NEW_PASSWORD: &str = "Copper-Meadow-Orchid-77";

async fn request(app: &TestApp, email: &str) -> (StatusCode, String) {
    let response = app
        .post_form("accounts/password_reset/request", &[("email", email)], None)
        .await;
    (response.status, response.body)
}

async fn reset(app: &TestApp, token: &str, password: &str) -> (StatusCode, String) {
    let response = app
        .post_form(
            "accounts/password_reset/complete",
            &[("token", token), ("new_password", password)],
            None,
        )
        .await;
    (response.status, response.body)
}

async fn sign_in(app: &TestApp, password: &str) -> StatusCode {
    app.post_form(
        "accounts/sign_in",
        &[("login", "forgetful"), ("password", password)],
        None,
    )
    .await
    .status
}

async fn a_reset_link_sets_a_new_password_once_and_signs_out_everywhere(app: TestApp) {
    let old_session = app.with_clinician("forgetful").await;

    let (known_code, known) = request(&app, "Forgetful@Example.org").await;
    let (unknown_code, unknown) = request(&app, "nobody@example.org").await;
    assert_eq!((known_code, unknown_code), (StatusCode::OK, StatusCode::OK));
    assert_eq!(
        known, unknown,
        "the answer must not reveal who has an account"
    );
    assert!(
        app.sent_emails()
            .await
            .iter()
            .all(|mail| mail.to != "nobody@example.org")
    );

    let mail = app.last_email_to("forgetful@example.org").await;
    assert_eq!(mail.subject, "Reset your Licensure password");
    let token = mail.token_for("/reset-password").unwrap();
    let check = app
        .post_form("accounts/password_reset/check", &[("token", &token)], None)
        .await;
    assert_eq!(check.body, "true");

    // A weak password is refused and the link stays usable.
    let (weak, body) = reset(&app, &token, "Password1!").await;
    assert_eq!(weak, StatusCode::BAD_REQUEST);
    assert!(body.contains("too easy to guess"), "{body}");

    let (done, body) = reset(&app, &token, NEW_PASSWORD).await;
    assert!(done.is_success() || done.is_redirection(), "{done}: {body}");
    let (again, body) = reset(&app, &token, "Another-Granite-Falcon-19").await;
    assert_eq!(again, StatusCode::BAD_REQUEST);
    assert!(body.contains("does not work any more"), "{body}");
    let check = app
        .post_form("accounts/password_reset/check", &[("token", &token)], None)
        .await;
    assert_eq!(check.body, "false");

    let sessions = app
        .post_form("accounts/sessions", &[], Some(&old_session))
        .await;
    assert_eq!(sessions.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        sign_in(&app, STRONG_PASSWORD).await,
        StatusCode::UNAUTHORIZED
    );
    let signed_in = sign_in(&app, NEW_PASSWORD).await;
    assert!(signed_in.is_success() || signed_in.is_redirection());
    let notice = app.last_email_to("forgetful@example.org").await;
    assert_eq!(notice.subject, "Your Licensure password was changed");

    let resets = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("password_reset"))
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(resets, 1);
}
on_both_backends!(a_reset_link_sets_a_new_password_once_and_signs_out_everywhere);

async fn bad_requests_change_nothing(app: TestApp) {
    app.with_clinician("forgetful").await;
    let (code, body) = request(&app, "not-an-address").await;
    assert_eq!(code, StatusCode::BAD_REQUEST);
    assert!(body.contains("Enter the email address"), "{body}");
    let (code, _) = reset(
        &app,
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        NEW_PASSWORD,
    )
    .await;
    assert_eq!(code, StatusCode::BAD_REQUEST);
    // A verification link is not a reset link.
    let verify = app
        .last_email_to("forgetful@example.org")
        .await
        .token_for("/verify-email")
        .unwrap();
    let (code, _) = reset(&app, &verify, NEW_PASSWORD).await;
    assert_eq!(code, StatusCode::BAD_REQUEST);
    let still = sign_in(&app, STRONG_PASSWORD).await;
    assert!(still.is_success() || still.is_redirection());
}
on_both_backends!(bad_requests_change_nothing);

async fn reset_mail_is_limited_per_account(app: TestApp) {
    app.with_clinician("forgetful").await;
    for _ in 0..5 {
        assert_eq!(
            request(&app, "forgetful@example.org").await.0,
            StatusCode::OK
        );
    }
    let resets = app
        .sent_emails()
        .await
        .into_iter()
        .filter(|mail| mail.subject == "Reset your Licensure password")
        .count();
    assert_eq!(resets, 3);
}
on_both_backends!(reset_mail_is_limited_per_account);
