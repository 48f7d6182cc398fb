//! The console's account page through the real router: an account's state, its records
//! opened only with a reason, termination today or on a planned day, and role changes.

use axum::http::StatusCode;
use chrono::{Duration, Utc};
use licensure::{
    features::admin::{AccountDetail, AccountRecords},
    server::{
        admin_console::lifecycle,
        entities::{audit_log, user},
    },
};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::{
    admin_console::{console_admin, page, search},
    on_both_backends,
    support::{STRONG_PASSWORD, TestApp},
};

async fn id_of(app: &TestApp, cookie: &str, username: &str) -> String {
    search(app, cookie, &[("q", username)]).await.accounts[0]
        .id
        .clone()
}

async fn signs_in(app: &TestApp, username: &str) -> bool {
    app.post_form(
        "accounts/sign_in",
        &[("login", username), ("password", STRONG_PASSWORD)],
        None,
    )
    .await
    .session_cookie()
    .is_some()
}

async fn records_open_only_with_a_reason_that_is_audited(app: TestApp) {
    let admin = console_admin(&app, "ops_lead").await;
    let clinician = app.with_clinician("dr_records").await;
    crate::workspace::florida(&app, &clinician).await;
    let id = id_of(&app, &admin, "dr_records").await;

    let detail = app
        .post_form("admin/account", &[("id", &id)], Some(&admin))
        .await;
    assert_eq!(detail.status, StatusCode::OK, "{}", detail.body);
    let detail: AccountDetail = serde_json::from_str(&detail.body).unwrap();
    assert_eq!(detail.account.credentials, 1);
    assert_eq!(detail.account.active_sessions, 1);
    assert_eq!(detail.admin_since, None);
    // The state of the account says nothing of its records.
    assert!(!serde_json::to_string(&detail).unwrap().contains("ME123456"));

    let before = audit_log::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap()
        .len();
    let no_reason = app
        .post_form("admin/account/records", &[("id", &id)], Some(&admin))
        .await;
    assert_eq!(no_reason.status, StatusCode::BAD_REQUEST);
    assert!(no_reason.body.contains("Reason"), "{}", no_reason.body);
    assert_eq!(
        audit_log::Entity::find()
            .all(&app.state.db)
            .await
            .unwrap()
            .len(),
        before
    );
    let opened = app
        .post_form(
            "admin/account/records",
            &[
                ("id", &id),
                ("reason", "Licence query from the medical staff office"),
            ],
            Some(&admin),
        )
        .await;
    assert_eq!(opened.status, StatusCode::OK, "{}", opened.body);
    let records: AccountRecords = serde_json::from_str(&opened.body).unwrap();
    assert_eq!(records.credentials.len(), 1);
    assert_eq!(records.credentials[0].detail, "ME123456");
    let row = app.latest_audit("account_records_viewed").await;
    assert_eq!(row.target, Some(format!("user:{id}")));
    assert_eq!(
        row.reason.as_deref(),
        Some("Licence query from the medical staff office")
    );

    // The page works as a plain GET form too.
    let html = page(
        &app,
        &format!("/admin/accounts/{id}/records?reason=Second+look+for+the+office"),
        &admin,
    )
    .await;
    assert_eq!(html.status, StatusCode::OK);
    assert!(html.body.contains("ME123456"));
    let unknown = app
        .post_form(
            "admin/account",
            &[("id", &uuid::Uuid::now_v7().to_string())],
            Some(&admin),
        )
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    let garbage = app
        .post_form("admin/account", &[("id", "../1")], Some(&admin))
        .await;
    assert_eq!(garbage.status, StatusCode::NOT_FOUND);
}
on_both_backends!(records_open_only_with_a_reason_that_is_audited);

async fn termination_today_ends_the_account_at_once(app: TestApp) {
    let admin = console_admin(&app, "ops_lead").await;
    let clinician = app.with_clinician("dr_leaving").await;
    let id = id_of(&app, &admin, "dr_leaving").await;
    let today = Utc::now().date_naive().to_string();
    let ended = app
        .post_form(
            "admin/accounts/terminate",
            &[
                ("id", &id),
                ("on", &today),
                ("reason", "Contract ended today"),
            ],
            Some(&admin),
        )
        .await;
    assert_eq!(ended.status, StatusCode::OK, "{}", ended.body);
    let next = app
        .post_form("accounts/sessions", &[], Some(&clinician))
        .await;
    assert_eq!(next.status, StatusCode::UNAUTHORIZED);
    assert!(!signs_in(&app, "dr_leaving").await);
    let listed = search(&app, &admin, &[("status", "terminated")]).await;
    assert_eq!(listed.total, 1);
    let row = app.latest_audit("account_terminated").await;
    assert_eq!(row.target, Some(format!("user:{id}")));
    assert!(row.reason.unwrap().starts_with("Contract ended today"));

    let again = app
        .post_form(
            "admin/accounts/terminate",
            &[("id", &id), ("on", &today), ("reason", "Making sure of it")],
            Some(&admin),
        )
        .await;
    assert_eq!(again.status, StatusCode::BAD_REQUEST);
    assert!(again.body.contains("already terminated"), "{}", again.body);

    // Reactivation lifts the termination.
    let back = app
        .post_form(
            "admin/accounts/status",
            &[
                ("id", &id),
                ("change", "reactivate"),
                ("reason", "Rehired in January"),
            ],
            Some(&admin),
        )
        .await;
    assert_eq!(back.status, StatusCode::OK, "{}", back.body);
    assert!(signs_in(&app, "dr_leaving").await);
}
on_both_backends!(termination_today_ends_the_account_at_once);

async fn a_planned_termination_takes_effect_on_its_day(app: TestApp) {
    let admin = console_admin(&app, "ops_lead").await;
    let clinician = app.with_clinician("dr_locum").await;
    let id = id_of(&app, &admin, "dr_locum").await;
    let day = Utc::now().date_naive() + Duration::days(30);
    let planned = app
        .post_form(
            "admin/accounts/terminate",
            &[
                ("id", &id),
                ("on", &day.to_string()),
                ("reason", "Locum contract ends"),
            ],
            Some(&admin),
        )
        .await;
    assert_eq!(planned.status, StatusCode::OK, "{}", planned.body);
    // Until the day, nothing changes for the clinician.
    let next = app
        .post_form("accounts/sessions", &[], Some(&clinician))
        .await;
    assert_eq!(next.status, StatusCode::OK);
    let detail: AccountDetail = serde_json::from_str(
        &app.post_form("admin/account", &[("id", &id)], Some(&admin))
            .await
            .body,
    )
    .unwrap();
    assert_eq!(detail.terminate_on, Some(day.to_string()));
    assert_eq!(detail.account.status, "active");
    assert_eq!(
        app.latest_audit("account_termination_planned").await.target,
        Some(format!("user:{id}"))
    );

    // The day after tomorrow is not the day: the sweep leaves the account alone.
    let db = &app.state.db;
    assert_eq!(
        lifecycle::sweep(db, Utc::now() + Duration::days(2))
            .await
            .unwrap(),
        0
    );
    // On the day the sweep terminates it and ends its sessions.
    assert_eq!(
        lifecycle::sweep(db, Utc::now() + Duration::days(30))
            .await
            .unwrap(),
        1
    );
    let next = app
        .post_form("accounts/sessions", &[], Some(&clinician))
        .await;
    assert_eq!(next.status, StatusCode::UNAUTHORIZED);
    let stored = user::Entity::find()
        .filter(user::Column::UsernameKey.eq("dr_locum"))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.status, "terminated");
    assert_eq!(stored.terminate_on, Some(day));
    let swept = app.latest_audit("account_terminated").await;
    assert_eq!(swept.actor_id, None);
}
on_both_backends!(a_planned_termination_takes_effect_on_its_day);

async fn bad_terminations_are_refused_and_change_nothing(app: TestApp) {
    let admin = console_admin(&app, "ops_lead").await;
    app.with_clinician("dr_stays").await;
    let id = id_of(&app, &admin, "dr_stays").await;
    let me = id_of(&app, &admin, "ops_lead").await;
    let yesterday = (Utc::now().date_naive() - Duration::days(1)).to_string();
    let far = (Utc::now().date_naive() + Duration::days(6 * 366)).to_string();
    let today = Utc::now().date_naive().to_string();
    let cases = [
        (id.as_str(), "", "Contract ended", "End date"),
        (
            id.as_str(),
            yesterday.as_str(),
            "Contract ended",
            "End date",
        ),
        (id.as_str(), far.as_str(), "Contract ended", "End date"),
        (id.as_str(), "next week", "Contract ended", "End date"),
        (id.as_str(), today.as_str(), "", "Reason"),
        (
            me.as_str(),
            today.as_str(),
            "Leaving myself",
            "your own account",
        ),
    ];
    for (target, on, reason, says) in cases {
        let response = app
            .post_form(
                "admin/accounts/terminate",
                &[("id", target), ("on", on), ("reason", reason)],
                Some(&admin),
            )
            .await;
        assert_eq!(response.status, StatusCode::BAD_REQUEST, "{on} {reason}");
        assert!(response.body.contains(says), "{says}: {}", response.body);
    }
    assert!(signs_in(&app, "dr_stays").await);
    assert!(signs_in(&app, "ops_lead").await);
    assert_eq!(
        audit_log::Entity::find()
            .filter(
                audit_log::Column::Action
                    .is_in(["account_terminated", "account_termination_planned"])
            )
            .all(&app.state.db)
            .await
            .unwrap()
            .len(),
        0
    );
}
on_both_backends!(bad_terminations_are_refused_and_change_nothing);

async fn roles_change_with_a_reason_and_never_for_oneself(app: TestApp) {
    let admin = console_admin(&app, "ops_lead").await;
    let promoted_cookie = app.with_clinician("dr_promoted").await;
    let id = id_of(&app, &admin, "dr_promoted").await;
    let me = id_of(&app, &admin, "ops_lead").await;

    let no_reason = app
        .post_form(
            "admin/accounts/role",
            &[("id", &id), ("role", "admin")],
            Some(&admin),
        )
        .await;
    assert_eq!(no_reason.status, StatusCode::BAD_REQUEST);
    let root = app
        .post_form(
            "admin/accounts/role",
            &[
                ("id", &id),
                ("role", "root"),
                ("reason", "Needs everything"),
            ],
            Some(&admin),
        )
        .await;
    assert_eq!(root.status, StatusCode::BAD_REQUEST);
    assert!(root.body.contains("Role"), "{}", root.body);

    let granted = app
        .post_form(
            "admin/accounts/role",
            &[
                ("id", &id),
                ("role", "admin"),
                ("reason", "Second operator for cover"),
            ],
            Some(&admin),
        )
        .await;
    assert_eq!(granted.status, StatusCode::OK, "{}", granted.body);
    // The promoted account's sessions end: it signs in again, with the new role.
    let next = app
        .post_form("accounts/sessions", &[], Some(&promoted_cookie))
        .await;
    assert_eq!(next.status, StatusCode::UNAUTHORIZED);
    let detail: AccountDetail = serde_json::from_str(
        &app.post_form("admin/account", &[("id", &id)], Some(&admin))
            .await
            .body,
    )
    .unwrap();
    assert_eq!(detail.account.role, "admin");
    assert!(detail.admin_since.unwrap().ends_with("by ops_lead"));
    let row = app.latest_audit("role_changed").await;
    assert_eq!(row.reason.as_deref(), Some("Second operator for cover"));
    assert_eq!(row.target, Some(format!("user:{id}")));

    // Nobody removes their own role, even with another administrator around.
    let myself = app
        .post_form(
            "admin/accounts/role",
            &[
                ("id", &me),
                ("role", "clinician"),
                ("reason", "Stepping down now"),
            ],
            Some(&admin),
        )
        .await;
    assert_eq!(myself.status, StatusCode::BAD_REQUEST);
    assert!(myself.body.contains("your own role"), "{}", myself.body);
    let unchanged = app
        .post_form(
            "admin/accounts/role",
            &[
                ("id", &id),
                ("role", "admin"),
                ("reason", "Just to be sure"),
            ],
            Some(&admin),
        )
        .await;
    assert_eq!(unchanged.status, StatusCode::BAD_REQUEST);
    assert!(
        unchanged.body.contains("already has that role"),
        "{}",
        unchanged.body
    );

    let removed = app
        .post_form(
            "admin/accounts/role",
            &[
                ("id", &id),
                ("role", "clinician"),
                ("reason", "Cover period is over"),
            ],
            Some(&admin),
        )
        .await;
    assert_eq!(removed.status, StatusCode::OK, "{}", removed.body);
    let stored = user::Entity::find_by_id(uuid::Uuid::parse_str(&id).unwrap())
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (stored.role.as_str(), stored.role_granted_by),
        ("clinician", None)
    );
}
on_both_backends!(roles_change_with_a_reason_and_never_for_oneself);

async fn clinicians_find_none_of_the_new_console(app: TestApp) {
    let clinician = app.with_clinician("curious").await;
    for endpoint in [
        "admin/account",
        "admin/account/records",
        "admin/accounts/terminate",
        "admin/accounts/role",
        "admin/access",
        "admin/access/reviewed",
        "admin/catalog",
        "admin/catalog/set",
        "admin/catalog/version",
        "admin/status",
    ] {
        let refused = app.post_form(endpoint, &[], Some(&clinician)).await;
        assert_eq!(refused.status, StatusCode::NOT_FOUND, "{endpoint}");
    }
    for path in [
        "/admin/access",
        "/admin/catalog",
        "/admin/status",
        "/admin/audit.csv",
        "/admin/access.csv",
    ] {
        let refused = page(&app, path, &clinician).await;
        assert_eq!(refused.status, StatusCode::NOT_FOUND, "{path}");
        assert!(!refused.body.contains("username"), "{path}");
    }
    let anonymous = app.get("/admin/audit.csv").await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
}
on_both_backends!(clinicians_find_none_of_the_new_console);
