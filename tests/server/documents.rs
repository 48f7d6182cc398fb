//! Documents through the real router on SQLite and Postgres: upload, list, download, rename,
//! delete and destruction on request; bad files refused with nothing stored; and another
//! clinician's document answering "not found" everywhere.

use axum::{
    body::Body,
    http::{Request, StatusCode},
};
use licensure::{
    features::documents::{DocumentView, UploadResult},
    server::entities::{audit_log, document, document_version},
};
use sea_orm::{EntityTrait, PaginatorTrait};

use crate::{
    on_both_backends,
    support::{TestApp, TestResponse},
};

const BOUNDARY: &str = "licensure-test-boundary";

pub(crate) fn pdf(len: usize) -> Vec<u8> {
    let mut bytes =
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n".to_vec();
    while bytes.len() < len {
        bytes.push(b'0' + (bytes.len() % 10) as u8);
    }
    bytes.truncate(len.max(9));
    bytes
}

/// A multipart body with a `kind` field and the given files.
fn multipart(kind: &str, files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut body = Vec::new();
    body.extend_from_slice(
        format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\n{kind}\r\n")
            .as_bytes(),
    );
    for (name, bytes) in files {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/pdf\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

async fn post_upload(app: &TestApp, cookie: &str, body: Vec<u8>) -> TestResponse {
    let request = Request::post("/documents/upload")
        .header(
            "content-type",
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .header("sec-fetch-site", "same-origin")
        .header("cookie", cookie)
        .body(Body::from(body))
        .unwrap();
    app.send(request).await
}

pub(crate) async fn upload(
    app: &TestApp,
    cookie: &str,
    files: &[(&str, &[u8])],
) -> Vec<UploadResult> {
    let response = post_upload(app, cookie, multipart("ce_certificate", files)).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    serde_json::from_str(&response.body).unwrap()
}

pub(crate) async fn list(app: &TestApp, cookie: &str) -> Vec<DocumentView> {
    let response = app.post_form("documents", &[], Some(cookie)).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    serde_json::from_str(&response.body).unwrap()
}

pub(crate) async fn download(
    app: &TestApp,
    cookie: &str,
    path: &str,
) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
    let request = Request::get(path)
        .header("cookie", cookie)
        .body(Body::empty())
        .unwrap();
    let response = tower::ServiceExt::oneshot(app.router.clone(), request)
        .await
        .unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = axum::body::to_bytes(response.into_body(), 64 * 1024 * 1024)
        .await
        .unwrap();
    (status, headers, bytes.to_vec())
}

pub(crate) async fn rows(app: &TestApp) -> (u64, u64) {
    (
        document::Entity::find().count(&app.state.db).await.unwrap(),
        document_version::Entity::find()
            .count(&app.state.db)
            .await
            .unwrap(),
    )
}

async fn a_certificate_is_uploaded_listed_and_downloaded_byte_identical(app: TestApp) {
    let cookie = app.with_clinician("dr_docs").await;
    let certificate = pdf(300_000);
    let results = upload(
        &app,
        &cookie,
        &[("ACLS 2026.pdf", &certificate), ("BLS.pdf", &pdf(2000))],
    )
    .await;
    assert!(results.iter().all(|r| r.stored), "{results:?}");
    let documents = list(&app, &cookie).await;
    assert_eq!(documents.len(), 2);
    let acls = documents.iter().find(|d| d.title == "ACLS 2026").unwrap();
    assert_eq!(acls.kind, "ce_certificate");
    assert_eq!(acls.versions[0].size, 300_000);
    assert_eq!(acls.versions[0].file_name, "ACLS 2026.pdf");

    let (status, headers, bytes) =
        download(&app, &cookie, &format!("/documents/{}/file", acls.id)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(bytes == certificate);
    assert_eq!(headers["content-type"], "application/pdf");
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert!(
        headers["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment; filename=\"ACLS 2026.pdf\"")
    );
    assert!(
        headers["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("sandbox")
    );
    assert!(
        headers["cache-control"]
            .to_str()
            .unwrap()
            .contains("no-store")
    );
    let (_, inline, _) = download(
        &app,
        &cookie,
        &format!("/documents/{}/file?view=inline", acls.id),
    )
    .await;
    assert!(
        inline["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("inline;")
    );

    // Stored sealed: the bytes on disk are not the certificate's.
    let keys = app.state.storage.keys("documents/").await.unwrap();
    assert_eq!(keys.len(), 2);

    let renamed = app
        .post_form(
            "documents/rename",
            &[
                ("id", &acls.id),
                ("title", "ACLS provider card"),
                ("kind", "other"),
            ],
            Some(&cookie),
        )
        .await;
    assert_eq!(renamed.status, StatusCode::OK, "{}", renamed.body);
    let bad = app
        .post_form(
            "documents/rename",
            &[("id", &acls.id), ("title", ""), ("kind", "other")],
            Some(&cookie),
        )
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.body.contains("Title"), "{}", bad.body);

    let deleted = app
        .post_form("documents/delete", &[("id", &acls.id)], Some(&cookie))
        .await;
    assert_eq!(deleted.status, StatusCode::OK, "{}", deleted.body);
    assert_eq!(list(&app, &cookie).await.len(), 1);
    assert_eq!(app.state.storage.keys("documents/").await.unwrap().len(), 1);
    let (gone, _, _) = download(&app, &cookie, &format!("/documents/{}/file", acls.id)).await;
    assert_eq!(gone, StatusCode::NOT_FOUND);
}
on_both_backends!(a_certificate_is_uploaded_listed_and_downloaded_byte_identical);

async fn patient_information_is_destroyed_at_once(app: TestApp) {
    let cookie = app.with_clinician("dr_oops").await;
    upload(
        &app,
        &cookie,
        &[("discharge summary J Smith.pdf", &pdf(5000))],
    )
    .await;
    let doc = list(&app, &cookie).await.remove(0);
    let reported = app
        .post_form("documents/report", &[("id", &doc.id)], Some(&cookie))
        .await;
    assert_eq!(reported.status, StatusCode::OK, "{}", reported.body);
    assert_eq!(rows(&app).await, (0, 0), "rows and wrapped keys are gone");
    assert!(
        app.state
            .storage
            .keys("documents/")
            .await
            .unwrap()
            .is_empty()
    );
    let row = app
        .latest_audit("document_destroyed_patient_information")
        .await;
    assert_eq!(row.target, Some(format!("document:{}", doc.id)));
    // Neither the file name nor anything from the file reaches the audit log.
    let all = audit_log::Entity::find().all(&app.state.db).await.unwrap();
    assert!(all.iter().all(|r| !format!("{r:?}").contains("Smith")));
}
on_both_backends!(patient_information_is_destroyed_at_once);

async fn bad_files_are_refused_and_nothing_is_stored(app: TestApp) {
    let cookie = app.with_clinician("dr_careful").await;
    let over = pdf(20 * 1024 * 1024 + 1);
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty.pdf", Vec::new(), "empty"),
        ("big.pdf", over, "larger than the 20 MB limit"),
        (
            "page.pdf",
            b"<!DOCTYPE html><html><body>Not a PDF</body></html>".to_vec(),
            "markup",
        ),
        (
            "logo.svg",
            b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".to_vec(),
            "markup",
        ),
        (
            "polyglot.pdf",
            b"%PDF-1.4\n<html><script>alert(1)</script></html>".to_vec(),
            "markup",
        ),
        (
            "archive.pdf",
            b"PK\x03\x04zip".to_vec(),
            "Only PDF, PNG, JPEG and HEIC",
        ),
    ];
    for (name, bytes, says) in &cases {
        let results = upload(&app, &cookie, &[(name, bytes)]).await;
        assert_eq!(results.len(), 1);
        assert!(!results[0].stored, "{name}");
        assert!(
            results[0].message.contains(says),
            "{name}: {}",
            results[0].message
        );
    }
    assert_eq!(rows(&app).await, (0, 0));
    assert!(
        app.state
            .storage
            .keys("documents/")
            .await
            .unwrap()
            .is_empty()
    );

    // Hostile names are made safe, not trusted.
    let long = format!("{}.pdf", "n".repeat(300));
    let results = upload(
        &app,
        &cookie,
        &[("../../etc/passwd", &pdf(100)), (long.as_str(), &pdf(100))],
    )
    .await;
    assert!(results.iter().all(|r| r.stored), "{results:?}");
    let names: Vec<String> = list(&app, &cookie)
        .await
        .into_iter()
        .map(|d| d.versions[0].file_name.clone())
        .collect();
    assert!(names.contains(&"passwd.pdf".to_owned()), "{names:?}");
    assert!(
        names
            .iter()
            .all(|n| !n.contains('/') && n.chars().count() <= 120)
    );
    // NUL, CR or LF inside the form's own header make the form unreadable: said, not stored.
    for name in ["cert\u{0}ificate.pdf", "cert\r\nX-Injected: 1.pdf"] {
        let response = post_upload(&app, &cookie, multipart("other", &[(name, &pdf(100))])).await;
        assert!(
            response.status == StatusCode::OK || response.status == StatusCode::BAD_REQUEST,
            "{name:?}: {}",
            response.status
        );
        assert!(
            !response.body.contains("\"stored\":true"),
            "{}",
            response.body
        );
        assert!(
            response.body.contains("could not be read")
                || response.body.contains("Choose at least one file"),
            "{}",
            response.body
        );
    }
    assert_eq!(rows(&app).await, (2, 2));

    // An upload cut off half way: the multipart body simply stops.
    let mut cut = multipart("other", &[("half.pdf", &pdf(400_000))]);
    cut.truncate(200_000);
    let response = post_upload(&app, &cookie, cut).await;
    let results: Vec<UploadResult> = serde_json::from_str(&response.body).unwrap_or_default();
    assert!(results.iter().all(|r| !r.stored), "{}", response.body);
    assert_eq!(rows(&app).await, (2, 2));
    assert_eq!(app.state.storage.keys("documents/").await.unwrap().len(), 2);

    let nothing = post_upload(&app, &cookie, multipart("other", &[])).await;
    assert_eq!(nothing.status, StatusCode::BAD_REQUEST);
    let bad_kind = post_upload(
        &app,
        &cookie,
        multipart("passport", &[("a.pdf", &pdf(100))]),
    )
    .await;
    assert_eq!(bad_kind.status, StatusCode::BAD_REQUEST);
    assert!(bad_kind.body.contains("Kind"), "{}", bad_kind.body);
}
on_both_backends!(bad_files_are_refused_and_nothing_is_stored);

async fn the_quota_is_kept(app: TestApp) {
    let app = app
        .restart_with(&[("LICENSURE_DOCUMENT_QUOTA_MB", "1")])
        .await;
    let cookie = app.with_clinician("dr_full").await;
    let first = upload(&app, &cookie, &[("a.pdf", &pdf(700_000))]).await;
    assert!(first[0].stored);
    let second = upload(&app, &cookie, &[("b.pdf", &pdf(700_000))]).await;
    assert!(!second[0].stored);
    assert!(second[0].message.contains("quota"), "{}", second[0].message);
    assert_eq!(rows(&app).await, (1, 1));
    assert_eq!(app.state.storage.keys("documents/").await.unwrap().len(), 1);
}
on_both_backends!(the_quota_is_kept);

async fn another_clinicians_document_is_not_found_anywhere(app: TestApp) {
    let owner = app.with_clinician("dr_owner").await;
    let other = app.with_clinician("dr_nosy").await;
    upload(&app, &owner, &[("licence.pdf", &pdf(1000))]).await;
    let id = list(&app, &owner).await.remove(0).id;
    let (status, _, body) = download(&app, &other, &format!("/documents/{id}/file")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(!String::from_utf8_lossy(&body).contains("PDF"));
    for (endpoint, fields) in [
        (
            "documents/rename",
            vec![
                ("id", id.as_str()),
                ("title", "mine now"),
                ("kind", "other"),
            ],
        ),
        ("documents/delete", vec![("id", id.as_str())]),
        ("documents/report", vec![("id", id.as_str())]),
    ] {
        let refused = app.post_form(endpoint, &fields, Some(&other)).await;
        assert_eq!(refused.status, StatusCode::NOT_FOUND, "{endpoint}");
    }
    assert!(list(&app, &other).await.is_empty());
    assert_eq!(rows(&app).await, (1, 1));
    let (anonymous, _, _) = download(&app, "", &format!("/documents/{id}/file")).await;
    assert_eq!(anonymous, StatusCode::UNAUTHORIZED);
    let (garbage, _, _) = download(&app, &owner, "/documents/..%2F..%2Fetc/file").await;
    assert_eq!(garbage, StatusCode::NOT_FOUND);
}
on_both_backends!(another_clinicians_document_is_not_found_anywhere);
