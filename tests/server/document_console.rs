//! An account's documents in the console: listed on the reason-gated records page, opened
//! only with a reason that is audited, destroyed at once when they hold patient information
//! (every version and stored copy), and out of reach of everyone but administrators.

use axum::{
    body::Body,
    http::{Request, StatusCode},
};
use licensure::{
    features::admin::AccountRecords,
    server::entities::{audit_log, document_version, user},
};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use crate::{
    admin_console::{console_admin, page, search},
    admin_roles::{make_admin, sign_in},
    documents::{download, list, pdf, rows, upload},
    on_both_backends, on_every_store,
    support::{
        TestApp,
        stores::{TestBucket, everything_stored},
    },
};

const REASON: &str = "Board audit request 2026-114";

async fn audit_rows(app: &TestApp) -> u64 {
    audit_log::Entity::find()
        .count(&app.state.db)
        .await
        .unwrap()
}

async fn user_id(app: &TestApp, username: &str) -> String {
    user::Entity::find()
        .filter(user::Column::UsernameKey.eq(username))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .id
        .to_string()
}

fn encoded(reason: &str) -> String {
    reason.replace(' ', "+")
}

async fn a_document_opens_for_an_administrator_only_with_a_reason(app: TestApp) {
    let admin = console_admin(&app, "ops_lead").await;
    let clinician = app.with_clinician("dr_owner").await;
    let other = app.with_clinician("dr_other").await;
    let certificate = pdf(150_000);
    upload(
        &app,
        &clinician,
        &[("Renewal letter J Smith.pdf", &certificate)],
    )
    .await;
    let doc = list(&app, &clinician).await.remove(0);
    let account = search(&app, &admin, &[("q", "dr_owner")]).await.accounts[0]
        .id
        .clone();

    // Listed with the records, which open only for a reason.
    let opened = app
        .post_form(
            "admin/account/records",
            &[("id", &account), ("reason", REASON)],
            Some(&admin),
        )
        .await;
    assert_eq!(opened.status, StatusCode::OK, "{}", opened.body);
    let records: AccountRecords = serde_json::from_str(&opened.body).unwrap();
    assert_eq!(records.documents.len(), 1);
    assert_eq!(records.documents[0].id, doc.id);
    assert_eq!(records.documents[0].versions[0].size, 150_000);
    let html = page(
        &app,
        &format!(
            "/admin/accounts/{account}/records?reason={}",
            encoded(REASON)
        ),
        &admin,
    )
    .await;
    assert_eq!(html.status, StatusCode::OK);
    assert!(
        html.body.contains("Renewal letter J Smith"),
        "{}",
        html.body
    );
    assert!(html.body.contains("146 KB"));
    assert!(html.body.contains(&format!(
        "/admin/documents/{}/file?version=1&amp;reason=Board%20audit%20request%202026-114",
        doc.id
    )));
    assert!(html.body.contains("Destroy: contains patient information"));

    let file = format!("/admin/documents/{}/file", doc.id);
    let before = audit_rows(&app).await;
    for no_reason in [file.clone(), format!("{file}?reason=why")] {
        let (status, _, body) = download(&app, &admin, &no_reason).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{no_reason}");
        assert!(String::from_utf8_lossy(&body).contains("Reason"));
    }
    assert_eq!(
        audit_rows(&app).await,
        before,
        "a refused look is not a look"
    );

    let (status, headers, bytes) = download(
        &app,
        &admin,
        &format!("{file}?version=1&reason={}", encoded(REASON)),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(bytes == certificate);
    assert!(
        headers["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment;")
    );
    assert_eq!(headers["x-content-type-options"], "nosniff");
    let row = app.latest_audit("account_document_viewed").await;
    assert_eq!(
        row.actor_id.map(|id| id.to_string()),
        Some(user_id(&app, "ops_lead").await)
    );
    assert_eq!(row.target, Some(format!("document:{}", doc.id)));
    assert_eq!(row.reason.as_deref(), Some(REASON));

    // Anyone else: the owner and other clinicians learn nothing, not even that it exists.
    let with_reason = format!("{file}?reason={}", encoded(REASON));
    for cookie in [&clinician, &other] {
        let (status, _, body) = download(&app, cookie, &with_reason).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(!String::from_utf8_lossy(&body).contains("PDF"));
    }
    let (anonymous, _, _) = download(&app, "", &with_reason).await;
    assert_eq!(anonymous, StatusCode::UNAUTHORIZED);
    make_admin(&app, "half_admin").await;
    let half = sign_in(&app, "half_admin").await;
    let (owed, _, _) = download(&app, &half, &with_reason).await;
    assert_eq!(owed, StatusCode::FORBIDDEN);
    for missing in [
        format!(
            "/admin/documents/{}/file?reason={}",
            uuid::Uuid::now_v7(),
            encoded(REASON)
        ),
        format!("{file}?version=7&reason={}", encoded(REASON)),
        format!("/admin/documents/..%2Fx/file?reason={}", encoded(REASON)),
    ] {
        let (status, _, _) = download(&app, &admin, &missing).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{missing}");
    }
    assert_eq!(
        app.post_form(
            "admin/documents/destroy",
            &[("id", &doc.id), ("reason", REASON)],
            Some(&clinician),
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(rows(&app).await, (1, 1));
}
on_both_backends!(a_document_opens_for_an_administrator_only_with_a_reason);

async fn an_administrator_destroys_patient_information_at_once(
    app: TestApp,
    bucket: Option<TestBucket>,
) {
    let admin = console_admin(&app, "ops_lead").await;
    let clinician = app.with_clinician("dr_mistake").await;
    upload(
        &app,
        &clinician,
        &[
            ("Discharge summary J Smith.pdf", &pdf(6000)),
            ("ACLS.pdf", &pdf(3000)),
        ],
    )
    .await;
    let doc = list(&app, &clinician)
        .await
        .into_iter()
        .find(|d| d.title.contains("Smith"))
        .unwrap();
    let key = document_version::Entity::find()
        .filter(document_version::Column::DocumentId.eq(uuid::Uuid::parse_str(&doc.id).unwrap()))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .object_key;
    // A thumbnail beside it, and on S3 an older copy and a delete marker as well: none may
    // survive the destruction.
    app.state
        .storage
        .put(&format!("{key}.thumb"), &mut &b"thumbnail"[..])
        .await
        .unwrap();
    if let Some(bucket) = &bucket {
        bucket
            .client
            .put_object()
            .bucket(&bucket.name)
            .key(&key)
            .body(b"an older copy".to_vec().into())
            .send()
            .await
            .unwrap();
        bucket
            .client
            .delete_object()
            .bucket(&bucket.name)
            .key(format!("{key}.thumb"))
            .send()
            .await
            .unwrap();
    }
    let stored_before = everything_stored(&app, bucket.as_ref()).await;
    let copies = stored_before.iter().filter(|e| e.contains(&key)).count();
    // Locally the file and its thumbnail; on S3 two versions, the thumbnail and its marker.
    assert_eq!(
        copies,
        if bucket.is_some() { 4 } else { 2 },
        "{stored_before:?}"
    );

    let refused = app
        .post_form("admin/documents/destroy", &[("id", &doc.id)], Some(&admin))
        .await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert!(refused.body.contains("Reason"), "{}", refused.body);
    assert_eq!(rows(&app).await, (2, 2));
    assert_eq!(
        everything_stored(&app, bucket.as_ref()).await,
        stored_before
    );

    // Posted as a plain form, as a browser without JavaScript does: back to the records.
    let records = format!(
        "/admin/accounts/{}/records?reason={}",
        user_id(&app, "dr_mistake").await,
        encoded(REASON)
    );
    let request = Request::post("/api/admin/documents/destroy")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "text/html")
        .header("sec-fetch-site", "same-origin")
        .header("referer", format!("http://127.0.0.1:3000{records}"))
        .header("cookie", &admin)
        .body(Body::from(format!(
            "id={}&reason=Holds+a+patient%27s+name+and+diagnosis",
            doc.id
        )))
        .unwrap();
    let destroyed = app.send(request).await;
    assert!(destroyed.status.is_redirection(), "{}", destroyed.status);
    assert!(
        destroyed.header("location").ends_with(&records),
        "{:?}",
        destroyed.headers
    );
    let html = page(&app, &records, &admin).await;
    assert!(!html.body.contains("Smith") && html.body.contains("ACLS"));
    assert_eq!(rows(&app).await, (1, 1), "the other document stays");
    let left = everything_stored(&app, bucket.as_ref()).await;
    assert!(
        left.iter().all(|entry| !entry.contains(&key)),
        "no version, copy, marker or thumbnail of it is left: {left:?}"
    );
    let (gone, _, _) = download(
        &app,
        &admin,
        &format!(
            "/admin/documents/{}/file?reason={}",
            doc.id,
            encoded(REASON)
        ),
    )
    .await;
    assert_eq!(gone, StatusCode::NOT_FOUND);
    assert_eq!(list(&app, &clinician).await.len(), 1);

    let row = app
        .latest_audit("document_destroyed_patient_information")
        .await;
    assert_eq!(
        row.actor_id.map(|id| id.to_string()),
        Some(user_id(&app, "ops_lead").await)
    );
    assert_eq!(row.target, Some(format!("document:{}", doc.id)));
    assert_eq!(
        row.reason.as_deref(),
        Some("Holds a patient's name and diagnosis")
    );
    let all = audit_log::Entity::find().all(&app.state.db).await.unwrap();
    assert!(all.iter().all(|r| !format!("{r:?}").contains("Smith")));
}
on_every_store!(an_administrator_destroys_patient_information_at_once);
