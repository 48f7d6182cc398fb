//! Administrators: two-factor enrolment before anything else, and role changes that take
//! effect at once.

use axum::http::StatusCode;
use chrono::Utc;
use licensure::{
    features::accounts::TwoFactorSetup,
    server::{
        accounts::register::NewAccount,
        admin::{self, RoleError},
        entities::user,
        passwords::Password,
    },
};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::{
    on_both_backends,
    support::{STRONG_PASSWORD, TestApp},
    two_factor::{authenticator, code},
};

pub(crate) async fn make_admin(app: &TestApp, username: &str) -> user::Model {
    let input = NewAccount {
        email: format!("{username}@example.org"),
        username: username.to_owned(),
        display_name: "Operations Lead".into(),
        password: Password::new(STRONG_PASSWORD),
    };
    admin::create_admin(&app.state.db, &app.state.passwords, input)
        .await
        .unwrap()
}

async fn find(app: &TestApp, username: &str) -> user::Model {
    user::Entity::find()
        .filter(user::Column::UsernameKey.eq(username))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
}

pub(crate) async fn sign_in(app: &TestApp, username: &str) -> String {
    app.post_form(
        "accounts/sign_in",
        &[("login", username), ("password", STRONG_PASSWORD)],
        None,
    )
    .await
    .session_cookie()
    .unwrap()
}

async fn an_admin_must_enrol_two_factor_before_anything_else(app: TestApp) {
    make_admin(&app, "ops_lead").await;
    let cookie = sign_in(&app, "ops_lead").await;
    let me = app.post_form("accounts/me", &[], Some(&cookie)).await.body;
    assert!(me.contains("\"must_enrol_second_factor\":true"), "{me}");
    for endpoint in [
        "accounts/sessions",
        "accounts/email/status",
        "accounts/revoke_other_sessions",
    ] {
        let refused = app.post_form(endpoint, &[], Some(&cookie)).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{endpoint}");
    }

    let begun = app
        .post_form("accounts/two_factor/begin", &[], Some(&cookie))
        .await;
    assert_eq!(begun.status, StatusCode::OK, "{}", begun.body);
    let setup: TwoFactorSetup = serde_json::from_str(&begun.body).unwrap();
    let totp = authenticator(&setup);
    let confirmed = app
        .post_form(
            "accounts/two_factor/confirm",
            &[("code", &code(&totp, 0))],
            Some(&cookie),
        )
        .await;
    assert_eq!(confirmed.status, StatusCode::OK, "{}", confirmed.body);

    let me = app.post_form("accounts/me", &[], Some(&cookie)).await.body;
    assert!(me.contains("\"must_enrol_second_factor\":false"), "{me}");
    let sessions = app.post_form("accounts/sessions", &[], Some(&cookie)).await;
    assert_eq!(sessions.status, StatusCode::OK);
    let disable = app
        .post_form(
            "accounts/two_factor/disable",
            &[("code_or_password", STRONG_PASSWORD)],
            Some(&cookie),
        )
        .await;
    assert_eq!(disable.status, StatusCode::BAD_REQUEST);
    assert!(disable.body.contains("must keep"), "{}", disable.body);
}
on_both_backends!(an_admin_must_enrol_two_factor_before_anything_else);

async fn a_role_change_ends_the_accounts_sessions_at_once(app: TestApp) {
    make_admin(&app, "ops_lead").await;
    let cookie = app.with_clinician("promoted").await;
    let account = find(&app, "promoted").await;
    let updated = admin::set_role(&app.state.db, account, "admin", None, None, Utc::now())
        .await
        .unwrap();
    assert_eq!(updated.role, "admin");
    let next = app.post_form("accounts/sessions", &[], Some(&cookie)).await;
    assert_eq!(next.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        app.post_form("accounts/me", &[], Some(&cookie)).await.body,
        "null"
    );

    // Now there are two administrators: one may go back to clinician, the last may not.
    let back = admin::set_role(
        &app.state.db,
        find(&app, "promoted").await,
        "clinician",
        None,
        None,
        Utc::now(),
    )
    .await;
    assert!(back.is_ok());
    let last = admin::set_role(
        &app.state.db,
        find(&app, "ops_lead").await,
        "clinician",
        None,
        None,
        Utc::now(),
    )
    .await;
    assert!(matches!(last, Err(RoleError::LastAdmin)), "{last:?}");
    assert_eq!(find(&app, "ops_lead").await.role, "admin");
    let unknown = admin::set_role(
        &app.state.db,
        find(&app, "promoted").await,
        "superuser",
        None,
        None,
        Utc::now(),
    )
    .await;
    assert!(matches!(unknown, Err(RoleError::UnknownRole)));
}
on_both_backends!(a_role_change_ends_the_accounts_sessions_at_once);
