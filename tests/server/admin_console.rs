//! The administrator console through the real router: who may reach it, account search,
//! and suspension that takes effect at once and is audited with its reason.

use axum::{
    body::Body,
    http::{Request, StatusCode},
};
use licensure::{
    features::{accounts::TwoFactorSetup, admin::AccountList},
    server::{audit, entities::audit_log},
};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::{
    admin_roles::{make_admin, sign_in},
    on_both_backends,
    support::{STRONG_PASSWORD, TestApp},
    two_factor::{authenticator, code},
};

/// An administrator signed in with the second factor enrolled in this session.
pub(crate) async fn console_admin(app: &TestApp, username: &str) -> String {
    make_admin(app, username).await;
    let cookie = sign_in(app, username).await;
    let begun = app
        .post_form("accounts/two_factor/begin", &[], Some(&cookie))
        .await;
    let setup: TwoFactorSetup = serde_json::from_str(&begun.body).unwrap();
    let confirmed = app
        .post_form(
            "accounts/two_factor/confirm",
            &[("code", &code(&authenticator(&setup), 0))],
            Some(&cookie),
        )
        .await;
    assert_eq!(confirmed.status, StatusCode::OK, "{}", confirmed.body);
    confirmed.session_cookie().unwrap_or(cookie)
}

async fn search(app: &TestApp, cookie: &str, fields: &[(&str, &str)]) -> AccountList {
    let response = app.post_form("admin/accounts", fields, Some(cookie)).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    serde_json::from_str(&response.body).unwrap()
}

/// A console page as a browser asks for it, signed in with `cookie`.
pub(crate) async fn page(app: &TestApp, path: &str, cookie: &str) -> crate::support::TestResponse {
    let request = Request::get(path)
        .header("cookie", cookie)
        .header("accept", "text/html")
        .body(Body::empty())
        .unwrap();
    app.send(request).await
}

async fn the_console_is_not_there_for_anyone_else(app: TestApp) {
    let clinician = app.with_clinician("curious").await;
    for endpoint in ["admin/accounts", "admin/accounts/status"] {
        let refused = app.post_form(endpoint, &[], Some(&clinician)).await;
        assert_eq!(refused.status, StatusCode::NOT_FOUND, "{endpoint}");
        assert!(!refused.body.contains("admin"), "{}", refused.body);
    }
    assert_eq!(
        page(&app, "/admin", &clinician).await.status,
        StatusCode::NOT_FOUND
    );
    let anonymous = app.post_form("admin/accounts", &[], None).await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);

    // An administrator who has not shown the second factor is told to give it.
    make_admin(&app, "half_admin").await;
    let half = sign_in(&app, "half_admin").await;
    let owed = app.post_form("admin/accounts", &[], Some(&half)).await;
    assert_eq!(owed.status, StatusCode::FORBIDDEN);
    assert!(owed.body.contains("two-factor"), "{}", owed.body);

    let admin = console_admin(&app, "ops_lead").await;
    assert_eq!(page(&app, "/admin", &admin).await.status, StatusCode::OK);
}
on_both_backends!(the_console_is_not_there_for_anyone_else);

async fn suspension_ends_the_live_session_at_once_and_is_audited(app: TestApp) {
    let admin = console_admin(&app, "ops_lead").await;
    let clinician = app.with_clinician("dr_suspended").await;
    let found = search(&app, &admin, &[("q", "SUSPENDED")]).await;
    assert_eq!(found.total, 1);
    let target = &found.accounts[0];
    assert_eq!(target.status, "active");
    assert_eq!(target.active_sessions, 1);

    let suspended = app
        .post_form(
            "admin/accounts/status",
            &[
                ("id", &target.id),
                ("change", "suspend"),
                ("reason", "Left the practice in November"),
            ],
            Some(&admin),
        )
        .await;
    assert_eq!(suspended.status, StatusCode::OK, "{}", suspended.body);
    // The clinician's open browser is refused on its very next request.
    let next = app
        .post_form("accounts/sessions", &[], Some(&clinician))
        .await;
    assert_eq!(next.status, StatusCode::UNAUTHORIZED);
    let again = app
        .post_form(
            "accounts/sign_in",
            &[("login", "dr_suspended"), ("password", STRONG_PASSWORD)],
            None,
        )
        .await;
    assert!(again.session_cookie().is_none(), "{}", again.body);
    let listed = search(&app, &admin, &[("status", "suspended")]).await;
    assert_eq!(listed.accounts.len(), 1);
    assert_eq!(listed.accounts[0].active_sessions, 0);

    let row = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("account_suspended"))
        .one(&app.state.db)
        .await
        .unwrap()
        .expect("the suspension is audited");
    assert_eq!(row.target, Some(format!("user:{}", target.id)));
    assert_eq!(row.reason.as_deref(), Some("Left the practice in November"));
    assert!(matches!(
        audit::verify(&app.state.db).await.unwrap(),
        audit::Verification::Intact { .. }
    ));

    let reactivated = app
        .post_form(
            "admin/accounts/status",
            &[
                ("id", &target.id),
                ("change", "reactivate"),
                ("reason", "Returned as a locum"),
            ],
            Some(&admin),
        )
        .await;
    assert_eq!(reactivated.status, StatusCode::OK, "{}", reactivated.body);
    let back = app
        .post_form(
            "accounts/sign_in",
            &[("login", "dr_suspended"), ("password", STRONG_PASSWORD)],
            None,
        )
        .await;
    assert!(back.session_cookie().is_some(), "{}", back.body);
}
on_both_backends!(suspension_ends_the_live_session_at_once_and_is_audited);

async fn bad_requests_are_refused_and_change_nothing(app: TestApp) {
    let admin = console_admin(&app, "ops_lead").await;
    app.with_clinician("steady").await;
    let me = search(&app, &admin, &[("role", "admin")]).await;
    assert_eq!(me.total, 1);
    assert!(me.accounts[0].is_you);
    let other = search(&app, &admin, &[("q", "steady")]).await.accounts[0]
        .id
        .clone();
    let missing = uuid::Uuid::now_v7().to_string();
    let cases: [(&str, &str, &str, StatusCode, &str); 6] = [
        (
            &me.accounts[0].id,
            "suspend",
            "Testing myself out",
            StatusCode::BAD_REQUEST,
            "your own account",
        ),
        (&other, "suspend", "", StatusCode::BAD_REQUEST, "Reason"),
        (&other, "suspend", "no", StatusCode::BAD_REQUEST, "Reason"),
        (
            &other,
            "delete",
            "Because I can",
            StatusCode::BAD_REQUEST,
            "suspend or reactivate",
        ),
        (
            &other,
            "reactivate",
            "Already fine here",
            StatusCode::BAD_REQUEST,
            "already active",
        ),
        (
            &missing,
            "suspend",
            "Nobody at all",
            StatusCode::NOT_FOUND,
            "",
        ),
    ];
    for (id, change, reason, status, says) in cases {
        let response = app
            .post_form(
                "admin/accounts/status",
                &[("id", id), ("change", change), ("reason", reason)],
                Some(&admin),
            )
            .await;
        assert_eq!(
            response.status, status,
            "{change} {reason}: {}",
            response.body
        );
        assert!(response.body.contains(says), "{}", response.body);
    }
    let still = search(&app, &admin, &[("status", "active")]).await;
    assert_eq!(still.total, 2);
    for (field, value, named) in [
        ("status", "deleted", "Status"),
        ("role", "root", "Role"),
        ("page", "0", "Page"),
    ] {
        let response = app
            .post_form("admin/accounts", &[(field, value)], Some(&admin))
            .await;
        assert_eq!(response.status, StatusCode::BAD_REQUEST);
        assert!(response.body.contains(named), "{}", response.body);
    }
}
on_both_backends!(bad_requests_are_refused_and_change_nothing);

async fn search_matches_words_literally_and_pages(app: TestApp) {
    let admin = console_admin(&app, "ops_lead").await;
    for i in 0..26 {
        app.with_clinician(&format!("clin_{i:02}")).await;
    }
    let all = search(&app, &admin, &[]).await;
    assert_eq!((all.total, all.pages, all.accounts.len()), (27, 2, 25));
    let second = search(&app, &admin, &[("page", "2")]).await;
    assert_eq!(second.accounts.len(), 2);
    // `_` and `%` are letters here, not wildcards.
    assert_eq!(search(&app, &admin, &[("q", "n_0")]).await.total, 10);
    assert_eq!(search(&app, &admin, &[("q", "%")]).await.total, 0);
    assert_eq!(
        search(&app, &admin, &[("q", "CLIN_25@EXAMPLE")])
            .await
            .total,
        1
    );
    assert_eq!(
        search(&app, &admin, &[("role", "clinician")]).await.total,
        26
    );
}
on_both_backends!(search_matches_words_literally_and_pages);

async fn an_administrators_session_idles_out_after_fifteen_minutes(app: TestApp) {
    use licensure::server::entities::session;
    use sea_orm::sea_query::Expr;
    let admin = console_admin(&app, "ops_lead").await;
    let clinician = app.with_clinician("dr_idle").await;
    // Both browsers left alone for 16 minutes: past the administrators' limit, within the
    // configured 30 for everyone else.
    let idle_since = chrono::Utc::now() - chrono::Duration::minutes(16);
    session::Entity::update_many()
        .col_expr(session::Column::LastSeenAt, Expr::value(idle_since))
        .exec(&app.state.db)
        .await
        .unwrap();
    let refused = app.post_form("admin/accounts", &[], Some(&admin)).await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED, "{}", refused.body);
    let kept = app
        .post_form("accounts/sessions", &[], Some(&clinician))
        .await;
    assert_eq!(kept.status, StatusCode::OK, "{}", kept.body);
}
on_both_backends!(an_administrators_session_idles_out_after_fifteen_minutes);

async fn names_people_typed_are_shown_escaped_in_the_console(app: TestApp) {
    let admin = console_admin(&app, "ops_lead").await;
    let hostile = ["<script>alert(1)</script>", "<img src=x onerror=alert(2)>"];
    for (i, name) in hostile.iter().enumerate() {
        let username = format!("hostile_{i}");
        let signed_up = app
            .post_form(
                "accounts/sign_up",
                &[
                    ("email", &format!("{username}@example.org")),
                    ("username", &username),
                    ("display_name", name),
                    ("password", STRONG_PASSWORD),
                ],
                None,
            )
            .await;
        assert!(signed_up.status.is_success(), "{}", signed_up.body);
    }
    let shown = page(&app, "/admin?q=hostile", &admin).await;
    assert_eq!(shown.status, StatusCode::OK);
    assert!(
        shown.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{}",
        shown.body
    );
    assert!(shown.body.contains("&lt;img src=x onerror=alert(2)&gt;"));
    assert!(!shown.body.contains("<script>alert(1)"));
    assert!(!shown.body.contains("<img src=x"));
}
on_both_backends!(names_people_typed_are_shown_escaped_in_the_console);

async fn the_audit_log_filters_pages_and_verifies(app: TestApp) {
    use licensure::features::admin::AuditList;
    use sea_orm::sea_query::Expr;
    let admin = console_admin(&app, "ops_lead").await;
    let clinician = app.with_clinician("audited").await;
    for endpoint in ["admin/audit", "admin/audit/verify", "admin/audit/actions"] {
        let refused = app.post_form(endpoint, &[], Some(&clinician)).await;
        assert_eq!(refused.status, StatusCode::NOT_FOUND, "{endpoint}");
    }
    assert_eq!(
        page(&app, "/admin/audit", &clinician).await.status,
        StatusCode::NOT_FOUND
    );

    let failed = app
        .post_form(
            "accounts/sign_in",
            &[("login", "audited"), ("password", "Wrong-Password-1")],
            None,
        )
        .await;
    assert_eq!(failed.status, StatusCode::UNAUTHORIZED);
    let target = search(&app, &admin, &[("q", "audited")]).await.accounts[0]
        .id
        .clone();
    let suspended = app
        .post_form(
            "admin/accounts/status",
            &[
                ("id", &target),
                ("change", "suspend"),
                ("reason", "Audit trail test"),
            ],
            Some(&admin),
        )
        .await;
    assert_eq!(suspended.status, StatusCode::OK, "{}", suspended.body);

    let audit = |fields: Vec<(&'static str, String)>| {
        let admin = admin.clone();
        let app = &app;
        async move {
            let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let response = app.post_form("admin/audit", &pairs, Some(&admin)).await;
            assert_eq!(response.status, StatusCode::OK, "{}", response.body);
            serde_json::from_str::<AuditList>(&response.body).unwrap()
        }
    };
    let all = audit(vec![]).await;
    assert!(all.total >= 6, "{all:?}");
    // Newest first: the suspension is on top, with its reason and actor.
    assert_eq!(all.rows[0].action, "account_suspended");
    assert_eq!(all.rows[0].actor, "ops_lead");
    assert_eq!(all.rows[0].reason, "Audit trail test");
    let by_admin = audit(vec![("actor", "OPS_LEAD".into())]).await;
    assert!(by_admin.rows.iter().all(|r| r.actor == "ops_lead"));
    assert!(by_admin.total >= 3);
    let failures = audit(vec![("outcome", "failure".into())]).await;
    assert!(failures.rows.iter().all(|r| r.outcome == "failure"));
    assert!(
        failures
            .rows
            .iter()
            .any(|r| r.action == "sign_in_failed" || r.action == "sign_in")
    );
    let suspensions = audit(vec![("action", "account_suspended".into())]).await;
    assert_eq!(suspensions.total, 1);
    let today = chrono::Utc::now().date_naive();
    let yesterday = (today - chrono::Days::new(1)).to_string();
    assert_eq!(
        audit(vec![("from", today.to_string()), ("to", today.to_string())])
            .await
            .total,
        all.total
    );
    assert_eq!(audit(vec![("to", yesterday)]).await.total, 0);
    assert_eq!(audit(vec![("actor", "nobody_here".into())]).await.total, 0);
    for (field, value, named) in [
        ("action", "drop_table", "Action"),
        ("outcome", "maybe", "Result"),
        ("from", "1999-01-01", "From"),
    ] {
        let response = app
            .post_form("admin/audit", &[(field, value)], Some(&admin))
            .await;
        assert_eq!(response.status, StatusCode::BAD_REQUEST);
        assert!(response.body.contains(named), "{}", response.body);
    }

    let intact = app.post_form("admin/audit/verify", &[], Some(&admin)).await;
    assert!(intact.body.contains("intact"), "{}", intact.body);
    // Someone edits a row in the database: the console names the first broken link.
    let tampered = all.rows[2].id;
    audit_log::Entity::update_many()
        .col_expr(audit_log::Column::Outcome, Expr::value("success"))
        .col_expr(audit_log::Column::Target, Expr::value("user:someone-else"))
        .filter(audit_log::Column::Id.eq(tampered))
        .exec(&app.state.db)
        .await
        .unwrap();
    let broken = app.post_form("admin/audit/verify", &[], Some(&admin)).await;
    assert!(
        broken.body.contains(&format!("broken at row {tampered}")),
        "{}",
        broken.body
    );
}
on_both_backends!(the_audit_log_filters_pages_and_verifies);
