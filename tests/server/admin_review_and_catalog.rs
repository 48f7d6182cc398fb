//! The console's access review, CSV exports, catalog versions and status page through the
//! real router.

use axum::http::StatusCode;
use chrono::{Duration, Utc};
use licensure::{
    features::admin::{AccessRow, AuditList, CatalogSetDetail, CatalogSetRow, ConsoleStatus},
    server::entities::{audit_log, user},
};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter,
};
use serde_json::Value;

use crate::{
    admin_console::{console_admin, page},
    admin_roles::make_admin,
    on_both_backends,
    support::TestApp,
};

async fn access(app: &TestApp, cookie: &str) -> Vec<AccessRow> {
    let response = app.post_form("admin/access", &[], Some(cookie)).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    serde_json::from_str(&response.body).unwrap()
}

async fn the_access_review_lists_every_administrator_and_exports_csv(app: TestApp) {
    let admin = console_admin(&app, "ops_lead").await;
    let dormant = make_admin(&app, "old_admin").await;
    // Given the role long ago and never signed in since.
    let mut stale = dormant.into_active_model();
    stale.role_granted_at = Set(Some(Utc::now() - Duration::days(120)));
    stale.display_name = Set("=HYPERLINK(\"http://evil.example\")".to_owned());
    stale.update(&app.state.db).await.unwrap();

    let rows = access(&app, &admin).await;
    assert_eq!(rows.len(), 2);
    let old = rows.iter().find(|r| r.username == "old_admin").unwrap();
    let me = rows.iter().find(|r| r.username == "ops_lead").unwrap();
    assert!(old.dormant && !me.dormant);
    assert_eq!(old.granted_by, "operator");
    assert!(me.last_sign_in.is_some() && old.last_sign_in.is_none());
    assert_eq!(old.last_review, None);

    let marked = app
        .post_form("admin/access/reviewed", &[("id", &old.id)], Some(&admin))
        .await;
    assert_eq!(marked.status, StatusCode::OK, "{}", marked.body);
    let rows = access(&app, &admin).await;
    let old = rows.iter().find(|r| r.username == "old_admin").unwrap();
    assert!(old.last_review.as_deref().unwrap().ends_with("by ops_lead"));
    // Only administrators are reviewed; anything else is not found.
    let clinician = app.with_clinician("dr_plain").await;
    drop(clinician);
    let plain = user::Entity::find()
        .filter(user::Column::UsernameKey.eq("dr_plain"))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let not_admin = app
        .post_form(
            "admin/access/reviewed",
            &[("id", &plain.id.to_string())],
            Some(&admin),
        )
        .await;
    assert_eq!(not_admin.status, StatusCode::NOT_FOUND);

    let csv = page(&app, "/admin/access.csv", &admin).await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.header("content-type").starts_with("text/csv"));
    assert!(csv.header("content-disposition").starts_with("attachment;"));
    assert!(csv.header("cache-control").contains("no-store"));
    let lines: Vec<&str> = csv.body.lines().collect();
    assert_eq!(lines.len(), 3, "{}", csv.body);
    assert!(lines[0].starts_with("username,display name,role"));
    // A display name that looks like a formula stays text in a spreadsheet.
    assert!(csv.body.contains("\"'=HYPERLINK("), "{}", csv.body);
    assert!(csv.body.contains(",yes\r\n"));
    let exported = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("access_review_exported"))
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(exported.len(), 1);
}
on_both_backends!(the_access_review_lists_every_administrator_and_exports_csv);

async fn the_audit_log_filters_by_target_and_exports_what_it_shows(app: TestApp) {
    let admin = console_admin(&app, "ops_lead").await;
    app.with_clinician("dr_target").await;
    app.with_clinician("dr_other").await;
    let list = |fields: Vec<(&'static str, String)>| {
        let app = &app;
        let admin = admin.clone();
        async move {
            let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let response = app.post_form("admin/audit", &fields, Some(&admin)).await;
            assert_eq!(response.status, StatusCode::OK, "{}", response.body);
            serde_json::from_str::<AuditList>(&response.body).unwrap()
        }
    };
    let target_user = user::Entity::find()
        .filter(user::Column::UsernameKey.eq("dr_target"))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    // Sign-up rows name the new account as their target.
    let by_name = list(vec![("target", "dr_target".into())]).await;
    assert!(by_name.total >= 1);
    assert!(
        by_name
            .rows
            .iter()
            .all(|r| r.target == format!("user:{}", target_user.id))
    );
    let by_id = list(vec![("target", format!("user:{}", target_user.id))]).await;
    assert_eq!(by_id.total, by_name.total);
    let nobody = list(vec![("target", "no_such_person".into())]).await;
    assert_eq!(nobody.total, 0);
    let too_long = app
        .post_form("admin/audit", &[("target", &"x".repeat(101))], Some(&admin))
        .await;
    assert_eq!(too_long.status, StatusCode::BAD_REQUEST);
    assert!(too_long.body.contains("Target"), "{}", too_long.body);

    let csv = page(&app, "/admin/audit.csv?action=sign_up", &admin).await;
    assert_eq!(csv.status, StatusCode::OK, "{}", csv.body);
    let lines: Vec<&str> = csv.body.lines().collect();
    assert_eq!(lines[0], "id,at,actor,action,target,result,reason,address");
    let signups = list(vec![("action", "sign_up".into())]).await;
    assert_eq!(lines.len() as u64, signups.total + 1);
    assert!(lines[1..].iter().all(|line| line.contains(",sign_up,")));
    let bad = page(&app, "/admin/audit.csv?from=1999-01-01", &admin).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.body.contains("From"), "{}", bad.body);
    let exports = list(vec![("action", "audit_exported".into())]).await;
    assert_eq!(exports.total, 1);
}
on_both_backends!(the_audit_log_filters_by_target_and_exports_what_it_shows);

async fn set_detail(app: &TestApp, cookie: &str, id: &str) -> CatalogSetDetail {
    let response = app
        .post_form("admin/catalog/set", &[("id", id)], Some(cookie))
        .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    serde_json::from_str(&response.body).unwrap()
}

async fn a_catalog_version_is_checked_before_it_is_accepted(app: TestApp) {
    let admin = console_admin(&app, "ops_lead").await;
    let sets: Vec<CatalogSetRow> =
        serde_json::from_str(&app.post_form("admin/catalog", &[], Some(&admin)).await.body)
            .unwrap();
    assert!(sets.len() > 10);
    let set = sets.iter().find(|s| s.jurisdiction == "FL").unwrap();
    let detail = set_detail(&app, &admin, &set.id).await;
    assert_eq!(detail.versions.len(), set.versions);
    assert!(!detail.versions[0].sources.is_empty());
    let latest: Value = serde_json::from_str(&detail.latest_json).unwrap();
    let version = latest["version"].as_u64().unwrap();
    let next_day =
        chrono::NaiveDate::parse_from_str(latest["effective_from"].as_str().unwrap(), "%Y-%m-%d")
            .unwrap()
            + Duration::days(365);

    let mut good = latest.clone();
    good["version"] = (version + 1).into();
    good["effective_from"] = next_day.to_string().into();
    good["unknowns"] = serde_json::json!([
        "Whether the 2028 rule adds hours",
        "</textarea><script>alert(1)</script>"
    ]);
    let edit = |change: &dyn Fn(&mut Value)| {
        let mut body = good.clone();
        change(&mut body);
        body.to_string()
    };
    let rows_before = licensure::server::entities::requirement_set::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap()
        .len();
    let refusals: Vec<(String, &str)> = vec![
        ("".into(), "Paste"),
        ("{not json".into(), "not valid"),
        (
            edit(&|b| b["cycle"]["months"] = "two years".into()),
            "`cycle.months`",
        ),
        (
            edit(&|b| b["total"]["hours"] = serde_json::json!(-5)),
            "`total.hours`",
        ),
        (
            edit(&|b| {
                b.as_object_mut().unwrap().remove("board");
            }),
            "board",
        ),
        (edit(&|b| b["surprise"] = true.into()), "surprise"),
        (edit(&|b| b["version"] = version.into()), "`version`"),
        (
            edit(&|b| b["effective_from"] = latest["effective_from"].clone()),
            "`effective_from`",
        ),
        (edit(&|b| b["jurisdiction"] = "TX".into()), "`jurisdiction`"),
        (edit(&|b| b["id"] = "somebody_else".into()), "`id`"),
        (
            edit(&|b| b["sources"] = serde_json::json!([])),
            "engine refused",
        ),
        ("x".repeat(300 * 1024), "at most"),
    ];
    for (body, says) in refusals {
        let response = app
            .post_form(
                "admin/catalog/version",
                &[("id", &set.id), ("body", &body)],
                Some(&admin),
            )
            .await;
        assert_eq!(
            response.status,
            StatusCode::BAD_REQUEST,
            "{says}: {}",
            response.body
        );
        assert!(response.body.contains(says), "{says}: {}", response.body);
    }
    assert_eq!(
        licensure::server::entities::requirement_set::Entity::find()
            .all(&app.state.db)
            .await
            .unwrap()
            .len(),
        rows_before
    );

    let added = app
        .post_form(
            "admin/catalog/version",
            &[("id", &set.id), ("body", &good.to_string())],
            Some(&admin),
        )
        .await;
    assert_eq!(added.status, StatusCode::OK, "{}", added.body);
    assert_eq!(added.body, (version + 1).to_string());
    let detail = set_detail(&app, &admin, &set.id).await;
    assert_eq!(detail.versions.len(), set.versions + 1);
    assert_eq!(u64::from(detail.versions[0].version), version + 1);
    assert!(detail.versions[0].origin.starts_with("added by ops_lead"));
    assert_eq!(
        detail.versions[0].unknowns,
        [
            "Whether the 2028 rule adds hours",
            "</textarea><script>alert(1)</script>"
        ]
    );
    // The old version stays for the cycles it judged; the engine uses the new one now.
    let live = app.state.catalog.current();
    assert_eq!(
        u64::from(live.latest_of(&set.id).unwrap().version),
        version + 1
    );
    let old_day = next_day - Duration::days(1);
    assert_eq!(
        u64::from(live.version_for(&set.id, old_day).unwrap().version),
        version
    );
    let audited = app.latest_audit("catalog_version_added").await;
    assert_eq!(
        audited.target,
        Some(format!("catalog:{}@{}", set.id, version + 1))
    );
    let unknown = app
        .post_form("admin/catalog/set", &[("id", "no_such_set")], Some(&admin))
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    let html = page(&app, &format!("/admin/catalog/{}", set.id), &admin).await;
    assert!(html.body.contains("Whether the 2028 rule adds hours"));
    // Neither the list of unknowns nor the JSON in the text area lets the markup through.
    assert!(!html.body.contains("<script>alert(1)"), "{}", html.body);
    assert!(html.body.contains("\\u003c/textarea>\\u003cscript>"));
}
on_both_backends!(a_catalog_version_is_checked_before_it_is_accepted);

async fn a_version_added_in_the_console_survives_a_restart(app: TestApp) {
    let admin = console_admin(&app, "ops_lead").await;
    let sets: Vec<CatalogSetRow> =
        serde_json::from_str(&app.post_form("admin/catalog", &[], Some(&admin)).await.body)
            .unwrap();
    let set = &sets[0];
    let mut body: Value =
        serde_json::from_str(&set_detail(&app, &admin, &set.id).await.latest_json).unwrap();
    body["version"] = (u64::from(set.latest_version) + 1).into();
    body["effective_from"] = "2099-01-01".into();
    let added = app
        .post_form(
            "admin/catalog/version",
            &[("id", &set.id), ("body", &body.to_string())],
            Some(&admin),
        )
        .await;
    assert_eq!(added.status, StatusCode::OK, "{}", added.body);
    let restarted = app.restart().await;
    let live = restarted.state.catalog.current();
    assert_eq!(
        live.latest_of(&set.id).unwrap().version,
        set.latest_version + 1
    );
}
on_both_backends!(a_version_added_in_the_console_survives_a_restart);

async fn the_status_page_checks_each_part(app: TestApp) {
    let admin = console_admin(&app, "ops_lead").await;
    app.with_clinician("dr_counted").await;
    let response = app.post_form("admin/status", &[], Some(&admin)).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    let status: ConsoleStatus = serde_json::from_str(&response.body).unwrap();
    let parts: Vec<(&str, bool)> = status
        .checks
        .iter()
        .map(|c| (c.part.as_str(), c.ok))
        .collect();
    assert_eq!(
        parts,
        [("Database", true), ("File storage", true), ("Mail", true)]
    );
    assert_eq!((status.users, status.documents), (2, 0));
    assert_eq!(status.pending_migrations, 0);
    assert!(
        status.schema_version.starts_with("m2026"),
        "{}",
        status.schema_version
    );
    let html = page(&app, "/admin/status", &admin).await;
    assert_eq!(html.status, StatusCode::OK);
    assert!(html.header("cache-control").contains("no-store"));
}
on_both_backends!(the_status_page_checks_each_part);
