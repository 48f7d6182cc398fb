//! Replacing a document keeps every earlier version; photos get a thumbnail that goes
//! wherever its original goes. On SQLite and Postgres with local storage, and once through
//! the whole router on the S3 server.

use axum::{
    body::Body,
    http::{Request, StatusCode},
};
use image::{ImageFormat, RgbImage};
use licensure::features::documents::UploadResult;

use crate::{
    documents::{BOUNDARY, download, list, multipart, pdf, rows, upload},
    on_both_backends,
    support::{TestApp, TestResponse},
};

pub(crate) fn png(width: u32, height: u32) -> Vec<u8> {
    let picture = RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 251) as u8, (y % 241) as u8, 120])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    picture.write_to(&mut out, ImageFormat::Png).unwrap();
    out.into_inner()
}

/// Only the file part: a replacement carries no kind.
fn one_file(name: &str, bytes: &[u8]) -> Vec<u8> {
    let mut body = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    body
}

async fn post_version(app: &TestApp, cookie: &str, id: &str, body: Vec<u8>) -> TestResponse {
    let request = Request::post(format!("/documents/{id}/versions"))
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

async fn a_replacement_is_the_new_version_and_the_old_ones_stay(app: TestApp) {
    let cookie = app.with_clinician("dr_versions").await;
    let first = pdf(4000);
    let second = pdf(9000);
    upload(&app, &cookie, &[("licence 2024.pdf", &first)]).await;
    let doc = list(&app, &cookie).await.remove(0);

    let replaced = post_version(
        &app,
        &cookie,
        &doc.id,
        one_file("licence 2026.pdf", &second),
    )
    .await;
    assert_eq!(replaced.status, StatusCode::OK, "{}", replaced.body);
    let result: UploadResult = serde_json::from_str(&replaced.body).unwrap();
    assert!(result.stored, "{result:?}");
    assert_eq!(result.document_id.as_deref(), Some(doc.id.as_str()));
    let audit = app.latest_audit("document_version_added").await;
    assert_eq!(audit.target, Some(format!("document:{}", doc.id)));

    let listed = list(&app, &cookie).await;
    assert_eq!(listed.len(), 1, "a replacement is not a new document");
    let numbers: Vec<i32> = listed[0].versions.iter().map(|v| v.number).collect();
    assert_eq!(numbers, [2, 1]);
    assert_eq!(listed[0].versions[0].file_name, "licence 2026.pdf");
    assert_eq!(listed[0].title, "licence 2024", "the title stays");

    let file = format!("/documents/{}/file", doc.id);
    assert_eq!(download(&app, &cookie, &file).await.2, second);
    assert_eq!(
        download(&app, &cookie, &format!("{file}?version=1"))
            .await
            .2,
        first
    );
    assert_eq!(
        download(&app, &cookie, &format!("{file}?version=2"))
            .await
            .2,
        second
    );
    let (missing, _, _) = download(&app, &cookie, &format!("{file}?version=3")).await;
    assert_eq!(missing, StatusCode::NOT_FOUND);

    // Bad replacements change nothing.
    let empty = post_version(&app, &cookie, &doc.id, one_file("empty.pdf", b"")).await;
    let empty: UploadResult = serde_json::from_str(&empty.body).unwrap();
    assert!(!empty.stored);
    assert!(empty.message.contains("empty"), "{}", empty.message);
    let html = post_version(&app, &cookie, &doc.id, one_file("x.pdf", b"<html><script>")).await;
    let html: UploadResult = serde_json::from_str(&html.body).unwrap();
    assert!(!html.stored, "{html:?}");
    let no_file = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhi\r\n--{BOUNDARY}--\r\n"
    );
    let no_file = post_version(&app, &cookie, &doc.id, no_file.into_bytes()).await;
    assert_eq!(no_file.status, StatusCode::BAD_REQUEST);
    assert!(no_file.body.contains("Choose the file"), "{}", no_file.body);
    assert_eq!(rows(&app).await, (1, 2));
    assert_eq!(app.state.storage.keys("documents/").await.unwrap().len(), 2);

    // Someone else's document, or no document, is not found, and nothing is kept.
    let stranger = app.with_clinician("dr_stranger").await;
    for id in [
        doc.id.as_str(),
        "not-an-id",
        "00000000-0000-0000-0000-000000000000",
    ] {
        let refused = post_version(&app, &stranger, id, one_file("mine.pdf", &pdf(500))).await;
        assert_eq!(
            refused.status,
            StatusCode::NOT_FOUND,
            "{id}: {}",
            refused.body
        );
    }
    assert_eq!(rows(&app).await, (1, 2));

    // Deleting the document takes every version's object.
    let deleted = app
        .post_form("documents/delete", &[("id", &doc.id)], Some(&cookie))
        .await;
    assert_eq!(deleted.status, StatusCode::OK, "{}", deleted.body);
    assert_eq!(rows(&app).await, (0, 0));
    assert!(
        app.state
            .storage
            .keys("documents/")
            .await
            .unwrap()
            .is_empty()
    );
}
on_both_backends!(a_replacement_is_the_new_version_and_the_old_ones_stay);

async fn a_photo_has_a_thumbnail_that_goes_with_it(app: TestApp) {
    let cookie = app.with_clinician("dr_photo").await;
    let photo = png(900, 600);
    let results = upload(
        &app,
        &cookie,
        &[("card.png", &photo), ("cert.pdf", &pdf(3000))],
    )
    .await;
    assert!(results.iter().all(|r| r.stored), "{results:?}");
    let listed = list(&app, &cookie).await;
    let card = listed.iter().find(|d| d.title == "card").unwrap();
    let cert = listed.iter().find(|d| d.title == "cert").unwrap();
    assert!(card.versions[0].has_preview());
    assert!(!cert.versions[0].has_preview());

    let (status, headers, bytes) =
        download(&app, &cookie, &format!("/documents/{}/thumbnail", card.id)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers["content-type"], "image/jpeg");
    assert_eq!(headers["x-content-type-options"], "nosniff");
    let small = image::load_from_memory(&bytes).unwrap();
    assert_eq!((small.width(), small.height()), (160, 107));
    let (none, _, _) = download(&app, &cookie, &format!("/documents/{}/thumbnail", cert.id)).await;
    assert_eq!(none, StatusCode::NOT_FOUND);
    let stranger = app.with_clinician("dr_peek").await;
    let (hidden, _, _) = download(
        &app,
        &stranger,
        &format!("/documents/{}/thumbnail", card.id),
    )
    .await;
    assert_eq!(hidden, StatusCode::NOT_FOUND);

    // The thumbnail is stored sealed beside its original and destroyed with it.
    let keys = app.state.storage.keys("documents/").await.unwrap();
    assert_eq!(
        keys.iter().filter(|k| k.ends_with(".thumb")).count(),
        1,
        "{keys:?}"
    );
    let reported = app
        .post_form("documents/report", &[("id", &card.id)], Some(&cookie))
        .await;
    assert_eq!(reported.status, StatusCode::OK, "{}", reported.body);
    let keys = app.state.storage.keys("documents/").await.unwrap();
    assert_eq!(keys.len(), 1, "only the PDF is left: {keys:?}");
    assert!(!keys[0].ends_with(".thumb"));
}
on_both_backends!(a_photo_has_a_thumbnail_that_goes_with_it);

async fn allowance_states_the_limits_and_what_is_used(app: TestApp) {
    let cookie = app.with_clinician("dr_allowance").await;
    upload(
        &app,
        &cookie,
        &[("a.pdf", &pdf(1500)), ("b.pdf", &pdf(2500))],
    )
    .await;
    let response = app
        .post_form("documents/allowance", &[], Some(&cookie))
        .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    let allowance: licensure::features::documents::Allowance =
        serde_json::from_str(&response.body).unwrap();
    assert_eq!(allowance.file_limit_mb, 20);
    assert_eq!(allowance.quota_mb, 500);
    assert_eq!(allowance.used_bytes, 4000);
    let signed_out = app.post_form("documents/allowance", &[], None).await;
    assert_eq!(signed_out.status, StatusCode::UNAUTHORIZED);
}
on_both_backends!(allowance_states_the_limits_and_what_is_used);

/// The whole journey through the router with documents on the S3 server: upload, replace,
/// thumbnail, download, destroy, and no object version or delete marker left in the bucket.
#[tokio::test]
async fn the_router_works_the_same_on_s3() {
    let Some((client, bucket, vars)) = crate::document_storage::s3_bucket().await else {
        return;
    };
    let vars: Vec<(&str, &str)> = vars.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let app = TestApp::sqlite_with(&vars).await;
    let cookie = app.with_clinician("dr_s3").await;
    let results = upload(&app, &cookie, &[("scan.png", &png(500, 700))]).await;
    assert!(results[0].stored, "{results:?}");
    let doc = list(&app, &cookie).await.remove(0);
    let second = pdf(70_000);
    let replaced = post_version(&app, &cookie, &doc.id, one_file("scan.pdf", &second)).await;
    assert_eq!(replaced.status, StatusCode::OK, "{}", replaced.body);
    let file = format!("/documents/{}/file", doc.id);
    assert_eq!(download(&app, &cookie, &file).await.2, second);
    let (thumb, _, _) = download(
        &app,
        &cookie,
        &format!("/documents/{}/thumbnail?version=1", doc.id),
    )
    .await;
    assert_eq!(thumb, StatusCode::OK);

    let reported = app
        .post_form("documents/report", &[("id", &doc.id)], Some(&cookie))
        .await;
    assert_eq!(reported.status, StatusCode::OK, "{}", reported.body);
    let left = client
        .list_object_versions()
        .bucket(&bucket)
        .send()
        .await
        .unwrap();
    assert!(left.versions().is_empty(), "{:?}", left.versions());
    assert!(
        left.delete_markers().is_empty(),
        "{:?}",
        left.delete_markers()
    );
    assert_eq!(rows(&app).await, (0, 0));
}

async fn a_browser_without_javascript_is_sent_back_to_the_page(app: TestApp) {
    let cookie = app.with_clinician("dr_plain").await;
    let plain_post = |body: Vec<u8>| {
        Request::post("/documents/upload")
            .header(
                "content-type",
                format!("multipart/form-data; boundary={BOUNDARY}"),
            )
            .header("accept", "text/html,application/xhtml+xml")
            .header("sec-fetch-site", "same-origin")
            .header("cookie", &cookie)
            .body(Body::from(body))
            .unwrap()
    };
    // The page's second file input (the camera) sends an empty part when unused: not a file.
    let body = multipart(
        "licence",
        &[
            ("licence.pdf", &pdf(800)),
            ("page.pdf", b"<html>"),
            ("", b""),
        ],
    );
    let response = app.send(plain_post(body)).await;
    assert_eq!(response.status, StatusCode::SEE_OTHER);
    assert_eq!(response.header("location"), "/documents?stored=1&refused=1");
    let page = crate::admin_console::page(&app, "/documents?stored=1&refused=1", &cookie).await;
    assert!(page.body.contains("1 file(s) uploaded."), "{}", page.body);
    assert_eq!(list(&app, &cookie).await[0].kind, "licence");

    // Nothing chosen at all: back to the page, which says so; nothing is stored.
    let response = app
        .send(plain_post(multipart("licence", &[("", b"")])))
        .await;
    assert_eq!(response.header("location"), "/documents?stored=0&refused=0");
    let page = crate::admin_console::page(&app, "/documents?stored=0&refused=0", &cookie).await;
    assert!(page.body.contains("No file was chosen"), "{}", page.body);
    assert_eq!(list(&app, &cookie).await.len(), 1);
}
on_both_backends!(a_browser_without_javascript_is_sent_back_to_the_page);
