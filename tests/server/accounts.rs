//! Sign-up, sign-in, sessions and their authorization, through the real router.

use axum::http::StatusCode;
use licensure::server::entities::{session, user};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait, IntoActiveModel, PaginatorTrait};

use crate::{
    on_both_backends,
    support::{STRONG_PASSWORD, TestApp},
};

async fn users(app: &TestApp) -> u64 {
    user::Entity::find().count(&app.state.db).await.unwrap()
}

async fn viewer(app: &TestApp, cookie: Option<&str>) -> String {
    app.post_form("accounts/me", &[], cookie).await.body
}

async fn each_policy_violation_gets_its_precise_message_and_no_account(app: TestApp) {
    let long = format!("Ab1!{}", "x".repeat(125));
    let cases = [
        ("Ab1!xyz", "at least 8 characters"),
        ("Abcdefg!h", "Add a digit"),
        ("Abcdefgh1", "special character"),
        (long.as_str(), "at most 128 characters"),
        ("Password1!", "too easy to guess"),
        // Passes every written rule, but is the username.
        ("Dr.Ada-99", "must not be your username"),
    ];
    for (password, message) in cases {
        let response = app
            .post_form(
                "accounts/sign_up",
                &[
                    ("email", "ada@example.org"),
                    ("username", "Dr.Ada-99"),
                    ("display_name", "Ada"),
                    ("password", password),
                ],
                None,
            )
            .await;
        assert_eq!(
            response.status,
            StatusCode::BAD_REQUEST,
            "{password}: {}",
            response.body
        );
        assert!(
            response.body.contains(message),
            "{password}: {}",
            response.body
        );
        assert!(response.session_cookie().is_none());
    }
    assert_eq!(users(&app).await, 0);
}
on_both_backends!(each_policy_violation_gets_its_precise_message_and_no_account);

async fn sign_up_in_out_round_trip_by_username_and_by_email(app: TestApp) {
    let cookie = app.with_clinician("grace").await;
    assert!(viewer(&app, Some(&cookie)).await.contains("Test Clinician"));

    let out = app.post_form("accounts/sign_out", &[], Some(&cookie)).await;
    assert!(out.set_cookies().iter().any(|c| c.contains("Max-Age=0")));
    assert_eq!(viewer(&app, Some(&cookie)).await, "null");

    for login in ["grace", "GRACE@example.org"] {
        let response = app
            .post_form(
                "accounts/sign_in",
                &[("login", login), ("password", STRONG_PASSWORD)],
                None,
            )
            .await;
        let cookie = response.session_cookie().expect(login);
        let flags = response.set_cookies().join("; ");
        assert!(
            flags.contains("HttpOnly") && flags.contains("SameSite=Lax"),
            "{flags}"
        );
        assert!(
            viewer(&app, Some(&cookie)).await.contains("Test Clinician"),
            "{login}"
        );
    }
}
on_both_backends!(sign_up_in_out_round_trip_by_username_and_by_email);

async fn unknown_user_and_wrong_password_get_the_same_answer(app: TestApp) {
    app.with_clinician("hopper").await;
    let wrong = app
        .post_form(
            "accounts/sign_in",
            &[("login", "hopper"), ("password", "Wrong-Pass-99")],
            None,
        )
        .await;
    let unknown = app
        .post_form(
            "accounts/sign_in",
            &[("login", "nobody"), ("password", "Wrong-Pass-99")],
            None,
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert_eq!((wrong.status, wrong.body), (unknown.status, unknown.body));
}
on_both_backends!(unknown_user_and_wrong_password_get_the_same_answer);

async fn an_attacker_chosen_session_id_is_never_adopted(app: TestApp) {
    app.with_clinician("mallory_target").await;
    let planted = format!("licensure_session={}", "A".repeat(43));
    let response = app
        .post_form(
            "accounts/sign_in",
            &[("login", "mallory_target"), ("password", STRONG_PASSWORD)],
            Some(&planted),
        )
        .await;
    let issued = response.session_cookie().unwrap();
    assert_ne!(issued, planted);
    assert_eq!(viewer(&app, Some(&planted)).await, "null");
}
on_both_backends!(an_attacker_chosen_session_id_is_never_adopted);

async fn a_suspended_users_live_session_is_refused_at_once(app: TestApp) {
    let cookie = app.with_clinician("suspended").await;
    let row = user::Entity::find()
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let mut active = row.into_active_model();
    active.status = Set("suspended".into());
    active.update(&app.state.db).await.unwrap();
    assert_eq!(viewer(&app, Some(&cookie)).await, "null");
    let sessions = app.post_form("accounts/sessions", &[], Some(&cookie)).await;
    assert_eq!(sessions.status, StatusCode::UNAUTHORIZED);
}
on_both_backends!(a_suspended_users_live_session_is_refused_at_once);

async fn another_users_session_answers_not_found(app: TestApp) {
    let alice = app.with_clinician("alice").await;
    let bob = app.with_clinician("bob").await;
    let alices_session = session::Entity::find().all(&app.state.db).await.unwrap()[0].id;
    let attempt = app
        .post_form(
            "accounts/revoke_session",
            &[("id", &alices_session.to_string())],
            Some(&bob),
        )
        .await;
    assert_eq!(attempt.status, StatusCode::NOT_FOUND, "{}", attempt.body);
    let bad_id = app
        .post_form(
            "accounts/revoke_session",
            &[("id", "not-a-uuid")],
            Some(&bob),
        )
        .await;
    assert_eq!((bad_id.status, bad_id.body), (attempt.status, attempt.body));
    // Alice is still signed in, and her list shows only her own session.
    assert!(viewer(&app, Some(&alice)).await.contains("Test Clinician"));
    let list = app
        .post_form("accounts/sessions", &[], Some(&alice))
        .await
        .body;
    assert_eq!(list.matches("\"id\"").count(), 1, "{list}");
}
on_both_backends!(another_users_session_answers_not_found);

async fn revoking_other_sessions_keeps_this_one(app: TestApp) {
    let first = app.with_clinician("multi").await;
    let second = app
        .post_form(
            "accounts/sign_in",
            &[("login", "multi"), ("password", STRONG_PASSWORD)],
            None,
        )
        .await
        .session_cookie()
        .unwrap();
    let ended = app
        .post_form("accounts/revoke_other_sessions", &[], Some(&second))
        .await;
    assert_eq!(ended.body, "1");
    assert_eq!(viewer(&app, Some(&first)).await, "null");
    assert!(viewer(&app, Some(&second)).await.contains("Test Clinician"));
}
on_both_backends!(revoking_other_sessions_keeps_this_one);

async fn repeated_failures_are_throttled_even_for_the_right_password(app: TestApp) {
    app.with_clinician("target").await;
    for _ in 0..5 {
        let r = app
            .post_form(
                "accounts/sign_in",
                &[("login", "target"), ("password", "Nope-Nope-1")],
                None,
            )
            .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    }
    let locked = app
        .post_form(
            "accounts/sign_in",
            &[("login", "target"), ("password", STRONG_PASSWORD)],
            None,
        )
        .await;
    assert_eq!(
        locked.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        locked.body
    );
    assert!(
        locked.body.contains("Try again in 1 minute"),
        "{}",
        locked.body
    );
    assert!(locked.session_cookie().is_none());
}
on_both_backends!(repeated_failures_are_throttled_even_for_the_right_password);

async fn a_foreign_origin_cannot_create_an_account(app: TestApp) {
    use axum::{body::Body, http::Request};
    let request = Request::post("/api/accounts/sign_up")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("origin", "https://evil.example")
        .header("host", "127.0.0.1:3000")
        .body(Body::from(format!(
            "email=e%40example.org&username=evil&display_name=E&password={STRONG_PASSWORD}"
        )))
        .unwrap();
    assert_eq!(app.send(request).await.status, StatusCode::FORBIDDEN);
    assert_eq!(users(&app).await, 0);
}
on_both_backends!(a_foreign_origin_cannot_create_an_account);

async fn signed_in_pages_and_answers_are_never_cached(app: TestApp) {
    let cookie = app.with_clinician("cache").await;
    let answer = app.post_form("accounts/me", &[], Some(&cookie)).await;
    assert_eq!(answer.headers["cache-control"], "no-store");
    assert_eq!(
        app.get("/account").await.headers["cache-control"],
        "no-store"
    );
}
on_both_backends!(signed_in_pages_and_answers_are_never_cached);

async fn changing_the_password_ends_every_other_session(app: TestApp) {
    let first = app.with_clinician("changer").await;
    let second = app
        .post_form(
            "accounts/sign_in",
            &[("login", "changer"), ("password", STRONG_PASSWORD)],
            None,
        )
        .await
        .session_cookie()
        .unwrap();
    let wrong = app
        .post_form(
            "accounts/change_password",
            &[
                ("current_password", "Not-It-123"),
                ("new_password", "Quiet-Meadow-Falcon-77"),
            ],
            Some(&first),
        )
        .await;
    assert_eq!(wrong.status, StatusCode::BAD_REQUEST);
    let weak = app
        .post_form(
            "accounts/change_password",
            &[
                ("current_password", STRONG_PASSWORD),
                ("new_password", "short"),
            ],
            Some(&first),
        )
        .await;
    assert!(weak.body.contains("at least 8 characters"), "{}", weak.body);

    let changed = app
        .post_form(
            "accounts/change_password",
            &[
                ("current_password", STRONG_PASSWORD),
                ("new_password", "Quiet-Meadow-Falcon-77"),
            ],
            Some(&first),
        )
        .await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.body);
    let renewed = changed.session_cookie().unwrap();
    assert_eq!(viewer(&app, Some(&first)).await, "null");
    assert_eq!(viewer(&app, Some(&second)).await, "null");
    assert!(
        viewer(&app, Some(&renewed))
            .await
            .contains("Test Clinician")
    );
    let old = app
        .post_form(
            "accounts/sign_in",
            &[("login", "changer"), ("password", STRONG_PASSWORD)],
            None,
        )
        .await;
    assert_eq!(old.status, StatusCode::UNAUTHORIZED);
}
on_both_backends!(changing_the_password_ends_every_other_session);

async fn deleting_the_account_needs_the_password_and_removes_it(app: TestApp) {
    let cookie = app.with_clinician("leaver").await;
    let refused = app
        .post_form("accounts/delete", &[("password", "nope")], Some(&cookie))
        .await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert_eq!(users(&app).await, 1);
    app.post_form(
        "accounts/delete",
        &[("password", STRONG_PASSWORD)],
        Some(&cookie),
    )
    .await;
    assert_eq!(users(&app).await, 0);
    assert_eq!(viewer(&app, Some(&cookie)).await, "null");
}
on_both_backends!(deleting_the_account_needs_the_password_and_removes_it);

async fn guessing_the_current_password_is_throttled_like_sign_in(app: TestApp) {
    let cookie = app.with_clinician("borrowed").await;
    for _ in 0..licensure::domain::throttle::FREE_FAILURES {
        let wrong = app
            .post_form(
                "accounts/delete",
                &[("password", "guess-123")],
                Some(&cookie),
            )
            .await;
        assert_eq!(wrong.status, StatusCode::BAD_REQUEST, "{}", wrong.body);
    }
    // Now even the right password waits, and the account stays.
    let locked = app
        .post_form(
            "accounts/delete",
            &[("password", STRONG_PASSWORD)],
            Some(&cookie),
        )
        .await;
    assert_eq!(
        locked.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        locked.body
    );
    assert!(
        locked.body.contains("Too many wrong passwords"),
        "{}",
        locked.body
    );
    assert_eq!(users(&app).await, 1);
    // The same budget guards sign-in: a thief with the session gains no extra guesses.
    let sign_in = app
        .post_form(
            "accounts/sign_in",
            &[("login", "borrowed"), ("password", STRONG_PASSWORD)],
            None,
        )
        .await;
    assert_eq!(
        sign_in.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        sign_in.body
    );
}
on_both_backends!(guessing_the_current_password_is_throttled_like_sign_in);

async fn simultaneous_failures_are_all_counted(app: TestApp) {
    use licensure::server::{accounts::throttle, entities::sign_in_throttle};
    let now = chrono::Utc::now();
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..8 {
        let db = app.state.db.clone();
        tasks.spawn(async move { throttle::record_failure(&db, "account:race", now).await });
    }
    while let Some(result) = tasks.join_next().await {
        result.unwrap().unwrap();
    }
    let row = sign_in_throttle::Entity::find_by_id("account:race".to_owned())
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.failures, 8);
    // Eight failures: three past the free five, so 2^3 = 8 minutes.
    let minutes = throttle::locked_minutes(&app.state.db, "account:race", now)
        .await
        .unwrap();
    assert_eq!(minutes, Some(8));
}
on_both_backends!(simultaneous_failures_are_all_counted);
