//! Proposals from uploaded certificates through the real router on SQLite and Postgres: a
//! certificate PDF is read into the form's fields; another clinician's document is not
//! found; photos and damaged PDFs give an empty proposal with a message, never a failure;
//! and nothing read from a file is kept.

use axum::{
    body::Body,
    http::{Request, StatusCode},
};
use licensure::features::documents::{ActivityProposal, UploadResult};

use crate::{
    on_both_backends,
    support::{TestApp, TestResponse, certificates},
};

const BOUNDARY: &str = "licensure-proposal-boundary";

/// Uploads one file as a CE certificate and returns the new document's id.
async fn upload(app: &TestApp, cookie: &str, name: &str, bytes: &[u8]) -> String {
    let mut body = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nce_certificate\r\n\
         --{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n\
         Content-Type: application/octet-stream\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    let request = Request::post("/documents/upload")
        .header(
            "content-type",
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .header("sec-fetch-site", "same-origin")
        .header("cookie", cookie)
        .body(Body::from(body))
        .unwrap();
    let response = app.send(request).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    let results: Vec<UploadResult> = serde_json::from_str(&response.body).unwrap();
    assert!(results[0].stored, "{results:?}");
    results[0].document_id.clone().unwrap()
}

async fn propose(app: &TestApp, cookie: Option<&str>, id: &str) -> TestResponse {
    app.post_form("documents/proposal", &[("id", id)], cookie)
        .await
}

async fn proposal(app: &TestApp, cookie: &str, id: &str) -> ActivityProposal {
    let response = propose(app, Some(cookie), id).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    serde_json::from_str(&response.body).unwrap()
}

async fn a_certificate_pdf_is_read_into_the_activity_fields(app: TestApp) {
    let cookie = app.with_clinician("dr_reads").await;
    let sample = certificates::ama_classic();
    let id = upload(&app, &cookie, "AF update.pdf", &sample.pdf).await;
    let objects = app.state.storage.keys("documents/").await.unwrap();

    let found = proposal(&app, &cookie, &id).await;
    assert_eq!(found.document_id, id);
    assert_eq!(found.title, sample.truth.title);
    assert_eq!(found.provider, sample.truth.provider);
    assert_eq!(found.accreditor, "ACCME");
    assert_eq!(found.completed, sample.truth.completed);
    assert_eq!(found.hours, sample.truth.hours);
    assert_eq!(found.credit_type, sample.truth.credit_type);
    assert_eq!(found.found, 5);
    assert!(
        found.message.contains("check every field"),
        "{}",
        found.message
    );

    // Reading stores nothing: the same objects, and deleting the document leaves none.
    assert_eq!(app.state.storage.keys("documents/").await.unwrap(), objects);
    let deleted = app
        .post_form("documents/delete", &[("id", &id)], Some(&cookie))
        .await;
    assert_eq!(deleted.status, StatusCode::OK, "{}", deleted.body);
    assert!(
        app.state
            .storage
            .keys("documents/")
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        propose(&app, Some(&cookie), &id).await.status,
        StatusCode::NOT_FOUND
    );
}
on_both_backends!(a_certificate_pdf_is_read_into_the_activity_fields);

async fn only_the_owner_can_have_a_certificate_read(app: TestApp) {
    let owner = app.with_clinician("dr_owner").await;
    let other = app.with_clinician("dr_other").await;
    let id = upload(&app, &owner, "cert.pdf", &certificates::ama_classic().pdf).await;

    let refused = propose(&app, Some(&other), &id).await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND, "{}", refused.body);
    assert!(!refused.body.contains("Harbor Valley"), "{}", refused.body);
    for id in ["", "not-a-uuid", "00000000-0000-7000-8000-000000000000"] {
        assert_eq!(
            propose(&app, Some(&owner), id).await.status,
            StatusCode::NOT_FOUND
        );
    }
    assert_eq!(
        propose(&app, None, &id).await.status,
        StatusCode::UNAUTHORIZED
    );
}
on_both_backends!(only_the_owner_can_have_a_certificate_read);

async fn photos_and_damaged_pdfs_give_an_empty_proposal(app: TestApp) {
    let cookie = app.with_clinician("dr_photos").await;
    let empty = |p: &ActivityProposal| {
        p.found == 0
            && [
                &p.title,
                &p.provider,
                &p.accreditor,
                &p.completed,
                &p.hours,
                &p.credit_type,
            ]
            .iter()
            .all(|field| field.is_empty())
    };

    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.resize(600, 7);
    let photo = upload(&app, &cookie, "certificate photo.png", &png).await;
    let read = proposal(&app, &cookie, &photo).await;
    assert!(empty(&read), "{read:?}");
    assert_eq!(
        read.message,
        "Text is read from PDFs only; fill in the fields from the photo."
    );

    let whole = certificates::ama_classic().pdf;
    let cut = upload(&app, &cookie, "cut.pdf", &whole[..whole.len() / 2]).await;
    let read = proposal(&app, &cookie, &cut).await;
    assert!(empty(&read), "{read:?}");
    assert!(
        read.message.contains("fill in the fields"),
        "{}",
        read.message
    );

    let mut garbage = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n".to_vec();
    garbage.extend(std::iter::repeat_n(b'(', 5000));
    let garbage = upload(&app, &cookie, "garbage.pdf", &garbage).await;
    let read = proposal(&app, &cookie, &garbage).await;
    assert!(empty(&read), "{read:?}");
    assert!(
        read.message.contains("could not be read"),
        "{}",
        read.message
    );
}
on_both_backends!(photos_and_damaged_pdfs_give_an_empty_proposal);
