//! The audit log records account events in an unbroken hash chain.

use licensure::server::{
    audit::{self, Verification},
    entities::audit_log,
};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait, IntoActiveModel, QueryOrder};

use crate::{
    on_both_backends,
    support::{STRONG_PASSWORD, TestApp},
};

async fn account_events_are_chained_and_tampering_is_found(app: TestApp) {
    let cookie = app.with_clinician("audited").await;
    app.post_form(
        "accounts/sign_in",
        &[("login", "audited"), ("password", "Wrong-Pass-1")],
        None,
    )
    .await;
    app.post_form(
        "accounts/sign_in",
        &[("login", "audited"), ("password", STRONG_PASSWORD)],
        None,
    )
    .await;
    app.post_form("accounts/sign_out", &[], Some(&cookie)).await;

    let rows = audit_log::Entity::find()
        .order_by_asc(audit_log::Column::Id)
        .all(&app.state.db)
        .await
        .unwrap();
    let actions: Vec<&str> = rows.iter().map(|r| r.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "sign_up",
            "verification_sent",
            "sign_in",
            "sign_in_failed",
            "sign_in",
            "sign_out"
        ]
    );
    // No personal details: ids and outcomes only.
    for row in &rows {
        let text = format!("{row:?}");
        assert!(!text.contains("audited@example.org") && !text.contains(STRONG_PASSWORD));
    }
    assert_eq!(
        audit::verify(&app.state.db).await.unwrap(),
        Verification::Intact { rows: 6 }
    );

    // Someone turns the failed sign-in into a success.
    let failed = rows
        .iter()
        .find(|row| row.action == "sign_in_failed")
        .unwrap()
        .clone();
    let failed_id = failed.id;
    let mut tampered = failed.into_active_model();
    tampered.outcome = Set("success".into());
    tampered.update(&app.state.db).await.unwrap();
    assert_eq!(
        audit::verify(&app.state.db).await.unwrap(),
        Verification::BrokenAt { id: failed_id }
    );
}
on_both_backends!(account_events_are_chained_and_tampering_is_found);
