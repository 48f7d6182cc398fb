//! Two-factor sign-in through the real router: enrolment, codes used once, recovery codes.

use axum::http::StatusCode;
use licensure::{
    features::accounts::TwoFactorSetup,
    server::audit::{self, Verification},
};
use totp_rs::{Algorithm, Builder, Secret, Totp};

use crate::{
    on_both_backends,
    support::{STRONG_PASSWORD, TestApp},
};

pub(crate) fn authenticator(setup: &TwoFactorSetup) -> Totp {
    let secret = Secret::try_from_base32(&setup.secret).unwrap();
    Builder::new()
        .with_algorithm(Algorithm::SHA1)
        .with_digits(6)
        .with_step_duration(30)
        .with_secret(secret)
        .build()
        .unwrap()
}

/// The code the app shows `seconds_ago` seconds before now.
pub(crate) fn code(totp: &Totp, seconds_ago: u64) -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap();
    totp.generate(now.as_secs() - seconds_ago).to_string()
}

async fn sign_in_with_password(app: &TestApp, username: &str) -> String {
    let response = app
        .post_form(
            "accounts/sign_in",
            &[("login", username), ("password", STRONG_PASSWORD)],
            None,
        )
        .await;
    assert!(
        response.status.is_success() || response.status.is_redirection(),
        "{}",
        response.body
    );
    response.session_cookie().unwrap()
}

/// A clinician who has turned two-factor sign-in on (with the previous step's code, so the
/// current step is still unused), with their session cookie and authenticator.
async fn enrolled(app: &TestApp, username: &str) -> (String, Totp) {
    let cookie = app.with_clinician(username).await;
    let begun = app
        .post_form("accounts/two_factor/begin", &[], Some(&cookie))
        .await;
    let setup: TwoFactorSetup = serde_json::from_str(&begun.body).unwrap();
    let totp = authenticator(&setup);
    let confirmed = app
        .post_form(
            "accounts/two_factor/confirm",
            &[("code", &code(&totp, 30))],
            Some(&cookie),
        )
        .await;
    assert_eq!(confirmed.status, StatusCode::OK, "{}", confirmed.body);
    (cookie, totp)
}

async fn complete(app: &TestApp, cookie: &str, code: &str) -> crate::support::TestResponse {
    app.post_form(
        "accounts/two_factor/complete",
        &[("code", code)],
        Some(cookie),
    )
    .await
}

async fn enrolment_codes_once_and_recovery_codes(app: TestApp) {
    let cookie = app.with_clinician("totp_user").await;
    let begun = app
        .post_form("accounts/two_factor/begin", &[], Some(&cookie))
        .await;
    assert_eq!(begun.status, StatusCode::OK, "{}", begun.body);
    let setup: TwoFactorSetup = serde_json::from_str(&begun.body).unwrap();
    assert!(!setup.qr_png_base64.is_empty());
    let totp = authenticator(&setup);

    let wrong = app
        .post_form(
            "accounts/two_factor/confirm",
            &[("code", "000000")],
            Some(&cookie),
        )
        .await;
    assert_eq!(wrong.status, StatusCode::BAD_REQUEST);
    // The previous step's code confirms enrolment, leaving the current step for sign-in.
    let confirmed = app
        .post_form(
            "accounts/two_factor/confirm",
            &[("code", &code(&totp, 30))],
            Some(&cookie),
        )
        .await;
    assert_eq!(confirmed.status, StatusCode::OK, "{}", confirmed.body);
    let recovery: Vec<String> = serde_json::from_str(&confirmed.body).unwrap();
    assert_eq!(recovery.len(), 10);

    // Password alone now leaves the session waiting, with access to nothing.
    let half = sign_in_with_password(&app, "totp_user").await;
    let me = app.post_form("accounts/me", &[], Some(&half)).await.body;
    assert!(me.contains("\"awaiting_second_factor\":true"), "{me}");
    let sessions = app.post_form("accounts/sessions", &[], Some(&half)).await;
    assert_eq!(sessions.status, StatusCode::FORBIDDEN);

    // A code two steps old is refused; the current one passes and replaces the token.
    assert_eq!(
        complete(&app, &half, &code(&totp, 60)).await.status,
        StatusCode::BAD_REQUEST
    );
    let current = code(&totp, 0);
    let done = complete(&app, &half, &current).await;
    assert!(
        done.status.is_success() || done.status.is_redirection(),
        "{}",
        done.body
    );
    let full = done.session_cookie().unwrap();
    assert_ne!(full, half);
    assert!(
        app.post_form("accounts/me", &[], Some(&full))
            .await
            .body
            .contains("false")
    );
    assert_eq!(
        app.post_form("accounts/me", &[], Some(&half)).await.body,
        "null"
    );

    // The same code never works twice.
    let again = sign_in_with_password(&app, "totp_user").await;
    assert_eq!(
        complete(&app, &again, &current).await.status,
        StatusCode::BAD_REQUEST
    );

    // A recovery code works once.
    let used = complete(&app, &again, &recovery[0]).await;
    assert!(used.session_cookie().is_some(), "{}", used.body);
    let later = sign_in_with_password(&app, "totp_user").await;
    assert_eq!(
        complete(&app, &later, &recovery[0]).await.status,
        StatusCode::BAD_REQUEST
    );

    assert!(matches!(
        audit::verify(&app.state.db).await.unwrap(),
        Verification::Intact { .. }
    ));
}
on_both_backends!(enrolment_codes_once_and_recovery_codes);

async fn two_simultaneous_uses_of_one_code_cannot_both_pass(app: TestApp) {
    let (_, totp) = enrolled(&app, "racer").await;

    let first = sign_in_with_password(&app, "racer").await;
    let second = sign_in_with_password(&app, "racer").await;
    let current = code(&totp, 0);
    let (a, b) = tokio::join!(
        complete(&app, &first, &current),
        complete(&app, &second, &current)
    );
    let passed = [a, b]
        .iter()
        .filter(|r| r.session_cookie().is_some())
        .count();
    assert_eq!(passed, 1);
}
on_both_backends!(two_simultaneous_uses_of_one_code_cannot_both_pass);

async fn turning_it_off_needs_a_code_or_the_password(app: TestApp) {
    let (cookie, _) = enrolled(&app, "switch").await;
    let refused = app
        .post_form(
            "accounts/two_factor/disable",
            &[("code_or_password", "guess")],
            Some(&cookie),
        )
        .await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    let off = app
        .post_form(
            "accounts/two_factor/disable",
            &[("code_or_password", STRONG_PASSWORD)],
            Some(&cookie),
        )
        .await;
    assert_eq!(off.status, StatusCode::OK, "{}", off.body);
    let status = app
        .post_form("accounts/two_factor/status", &[], Some(&cookie))
        .await;
    assert_eq!(status.body, "false");
}
on_both_backends!(turning_it_off_needs_a_code_or_the_password);
