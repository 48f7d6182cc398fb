//! The console's course pages: courses added and changed with their package checked,
//! retired and offered again; providers and their LRS credentials; clinicians kept out.

use axum::{
    body::Body,
    http::{Request, StatusCode},
};
use licensure::{
    features::admin::{AdminCourses, NewCredentialView},
    server::entities::course,
};
use sea_orm::{EntityTrait, PaginatorTrait};

use super::catalog;
use crate::{
    admin_console::console_admin,
    on_both_backends,
    support::{TestApp, TestResponse, with_defaults},
};

const BOUNDARY: &str = "course-form-boundary";

fn multipart(fields: &[(&str, &str)], package: Option<(&str, &[u8])>) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    if let Some((file, bytes)) = package {
        body.extend_from_slice(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"package\"; filename=\"{file}\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

pub async fn admin_courses(app: &TestApp, cookie: &str) -> AdminCourses {
    let response = app.post_form("admin/courses", &[], Some(cookie)).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    serde_json::from_str(&response.body).unwrap()
}

pub async fn save(
    app: &TestApp,
    cookie: &str,
    fields: &[(&str, &str)],
    package: Option<(&str, &[u8])>,
) -> TestResponse {
    let request = Request::post("/admin/courses/save")
        .header(
            "content-type",
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .header("sec-fetch-site", "same-origin")
        .header("cookie", cookie)
        .body(Body::from(multipart(fields, package)))
        .unwrap();
    app.send(request).await
}

/// Adds a course with sensible defaults under the demo provider; answers its id.
pub async fn add_course(app: &TestApp, admin: &str, fields: &[(&str, &str)]) -> String {
    let provider = admin_courses(app, admin).await.providers.remove(0).id;
    let defaults = [
        ("provider", provider.as_str()),
        ("title", "A course"),
        ("description", "What it teaches."),
        ("hours", "1"),
        ("credit_type", "AMA_PRA_1"),
        ("launch", "link"),
        ("link_url", "https://provider.example/course"),
    ];
    let all = with_defaults(&defaults, fields);
    let response = save(app, admin, &all, None).await;
    assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.body);
    let location = response.header("location").to_owned();
    location
        .strip_prefix("/admin/courses?saved=")
        .unwrap_or_else(|| panic!("not saved: {location}"))
        .to_owned()
}

const GOOD_XML: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">
  <course id="https://provider.example/courses/sepsis">
    <title><langstring lang="en-US">Sepsis update</langstring></title>
    <description><langstring lang="en-US">What changed.</langstring></description>
  </course>
  <au id="https://provider.example/courses/sepsis/au/1" moveOn="Completed">
    <title><langstring lang="en-US">Lesson</langstring></title>
    <description><langstring lang="en-US">The lesson.</langstring></description>
    <url>https://content.provider.example/sepsis/index.html</url>
  </au>
</courseStructure>"#;

/// A zip with one stored (uncompressed) file, written by hand so the test needs no crate.
fn zip_with(name: &str, data: &[u8]) -> Vec<u8> {
    let crc = {
        let mut crc = 0xffff_ffffu32;
        for &byte in data {
            crc ^= u32::from(byte);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xedb8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    };
    let size = u32::try_from(data.len()).unwrap();
    let name_len = u16::try_from(name.len()).unwrap();
    let mut out = Vec::new();
    let header = |out: &mut Vec<u8>, signature: u32, central: bool| {
        out.extend_from_slice(&signature.to_le_bytes());
        if central {
            out.extend_from_slice(&20u16.to_le_bytes());
        }
        for value in [20u16, 0, 0, 0, 0] {
            out.extend_from_slice(&value.to_le_bytes());
        }
        out.extend_from_slice(&crc.to_le_bytes());
        out.extend_from_slice(&size.to_le_bytes());
        out.extend_from_slice(&size.to_le_bytes());
        out.extend_from_slice(&name_len.to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        if central {
            for value in [0u16, 0, 0] {
                out.extend_from_slice(&value.to_le_bytes());
            }
            out.extend_from_slice(&0u32.to_le_bytes());
            out.extend_from_slice(&0u32.to_le_bytes());
        }
        out.extend_from_slice(name.as_bytes());
    };
    header(&mut out, 0x0403_4b50, false);
    out.extend_from_slice(data);
    let central_at = u32::try_from(out.len()).unwrap();
    header(&mut out, 0x0201_4b50, true);
    let central_size = u32::try_from(out.len()).unwrap() - central_at;
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    for value in [0u16, 0, 1, 1] {
        out.extend_from_slice(&value.to_le_bytes());
    }
    out.extend_from_slice(&central_size.to_le_bytes());
    out.extend_from_slice(&central_at.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

async fn packages_are_checked_before_a_course_is_kept(app: TestApp) {
    let admin = console_admin(&app, "package_admin").await;
    let provider = admin_courses(&app, &admin).await.providers.remove(0).id;
    let base = vec![
        ("provider", provider.as_str()),
        ("title", "Sepsis update"),
        ("hours", "1.5"),
        ("credit_type", "AMA_PRA_1"),
        ("launch", "cmi5"),
    ];
    let before = course::Entity::find().count(&app.state.db).await.unwrap();
    type Refusal<'a> = (Option<(&'a str, Vec<u8>)>, Vec<(&'a str, &'a str)>, &'a str);
    let refusals: Vec<Refusal> = vec![
        (None, vec![], "needs its cmi5.xml"),
        (
            Some(("cmi5.xml", b"<courseStructure>".to_vec())),
            vec![],
            "not well-formed",
        ),
        (
            Some((
                "cmi5.xml",
                GOOD_XML
                    .replace("moveOn=\"Completed\"", "moveOn=\"Whenever\"")
                    .into_bytes(),
            )),
            vec![],
            "moveOn",
        ),
        (
            Some((
                "course.zip",
                zip_with("content/cmi5.xml", GOOD_XML.as_bytes()),
            )),
            vec![],
            "no cmi5.xml at its root",
        ),
        (
            Some(("course.zip", b"PK\x03\x04 broken".to_vec())),
            vec![],
            "cannot be read",
        ),
        (
            Some((
                "cmi5.xml",
                GOOD_XML
                    .replace("https://content.provider.example/sepsis/", "")
                    .into_bytes(),
            )),
            vec![],
            "Content address",
        ),
        (
            Some(("cmi5.xml", GOOD_XML.as_bytes().to_vec())),
            vec![("hours", "0")],
            "Hours",
        ),
        (
            Some(("cmi5.xml", GOOD_XML.as_bytes().to_vec())),
            vec![("credit_type", "GOLD_STARS")],
            "Credit type",
        ),
        (
            Some(("cmi5.xml", GOOD_XML.as_bytes().to_vec())),
            vec![("provider", "not-an-id")],
            "Provider",
        ),
    ];
    for (package, changes, expected) in refusals {
        let mut fields: Vec<(&str, &str)> = base
            .iter()
            .filter(|(k, _)| !changes.iter().any(|(c, _)| c == k))
            .copied()
            .collect();
        fields.extend(changes.iter().copied());
        let response = save(
            &app,
            &admin,
            &fields,
            package.as_ref().map(|(n, b)| (*n, b.as_slice())),
        )
        .await;
        assert_eq!(response.status, StatusCode::SEE_OTHER);
        let location = response.header("location");
        assert!(
            location.starts_with("/admin/courses?error="),
            "{expected}: {location}"
        );
        let message = location.replace("%20", " ");
        assert!(message.contains(expected), "{expected}: {message}");
    }
    assert_eq!(
        course::Entity::find().count(&app.state.db).await.unwrap(),
        before
    );

    // The same structure inside a zip is taken, and kept when the course is changed
    // without a new package.
    let zipped = zip_with("cmi5.xml", GOOD_XML.as_bytes());
    let response = save(&app, &admin, &base, Some(("sepsis.zip", &zipped))).await;
    let location = response.header("location").to_owned();
    let id = location
        .strip_prefix("/admin/courses?saved=")
        .unwrap_or_else(|| panic!("{location}"))
        .to_owned();
    let mut changed = base.clone();
    changed.push(("id", &id));
    changed.retain(|(k, _)| *k != "title");
    changed.push(("title", "Sepsis update 2027"));
    let response = save(&app, &admin, &changed, None).await;
    assert_eq!(
        response.header("location"),
        format!("/admin/courses?saved={id}")
    );
    let all = admin_courses(&app, &admin).await;
    let row = all.courses.iter().find(|c| c.id == id).unwrap();
    assert_eq!(row.title, "Sepsis update 2027");
    assert!(
        row.structure
            .as_deref()
            .unwrap()
            .starts_with("https://provider.example/courses/sepsis")
    );
    let audit = app.latest_audit("course_saved").await;
    assert_eq!(
        audit.target.as_deref(),
        Some(format!("course:{id}").as_str())
    );
}
on_both_backends!(packages_are_checked_before_a_course_is_kept);

async fn retired_courses_leave_the_catalog(app: TestApp) {
    let admin = console_admin(&app, "retire_admin").await;
    let cookie = app.with_clinician("dr_retire").await;
    let demo = catalog(&app, &cookie, &[]).await.courses.remove(0).id;
    let response = app
        .post_form(
            "admin/courses/retire",
            &[("id", &demo), ("retire", "1")],
            Some(&admin),
        )
        .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    assert!(catalog(&app, &cookie, &[]).await.courses.is_empty());
    let launch = super::launch(&app, &cookie, &demo).await;
    assert_eq!(launch.status, StatusCode::NOT_FOUND);
    app.post_form(
        "admin/courses/retire",
        &[("id", &demo), ("retire", "0")],
        Some(&admin),
    )
    .await;
    assert_eq!(catalog(&app, &cookie, &[]).await.courses.len(), 1);
}
on_both_backends!(retired_courses_leave_the_catalog);

async fn credentials_are_made_shown_once_and_retired(app: TestApp) {
    let admin = console_admin(&app, "lrs_admin").await;
    let response = app
        .post_form("admin/providers/add", &[("name", "Acme CME")], Some(&admin))
        .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    let again = app
        .post_form("admin/providers/add", &[("name", "acme cme")], Some(&admin))
        .await;
    assert_eq!(
        again.status,
        StatusCode::BAD_REQUEST,
        "names differing only in case are one provider"
    );
    let acme = admin_courses(&app, &admin)
        .await
        .providers
        .into_iter()
        .find(|p| p.name == "Acme CME")
        .unwrap();
    let made = app
        .post_form(
            "admin/providers/credential",
            &[("provider", &acme.id), ("label", "production")],
            Some(&admin),
        )
        .await;
    assert_eq!(made.status, StatusCode::OK, "{}", made.body);
    let made: NewCredentialView = serde_json::from_str(&made.body).unwrap();
    assert!(made.key.starts_with("lrs-"));
    // The list shows the key, never the secret.
    let listed = app.post_form("admin/courses", &[], Some(&admin)).await;
    assert!(listed.body.contains(&made.key));
    assert!(!listed.body.contains(&made.secret));
    let lrs = crate::lrs::Lrs {
        app: &app,
        authorization: format!(
            "Basic {}",
            base64::Engine::encode(
                &base64::engine::general_purpose::STANDARD,
                format!("{}:{}", made.key, made.secret)
            )
        ),
    };
    assert_eq!(
        lrs.get("/xapi/statements", &[]).await.status,
        StatusCode::OK
    );
    let credential = admin_courses(&app, &admin)
        .await
        .providers
        .into_iter()
        .find(|p| p.name == "Acme CME")
        .unwrap()
        .credentials
        .remove(0);
    let retired = app
        .post_form(
            "admin/providers/credential/retire",
            &[("id", &credential.id)],
            Some(&admin),
        )
        .await;
    assert_eq!(retired.status, StatusCode::OK, "{}", retired.body);
    assert_eq!(
        lrs.get("/xapi/statements", &[]).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.latest_audit("lrs_credential_retired").await.target,
        Some(format!("lrs_credential:{}", credential.id))
    );
    assert!(
        !app.latest_audit("lrs_credential_created")
            .await
            .target
            .unwrap_or_default()
            .contains(&made.secret)
    );
}
on_both_backends!(credentials_are_made_shown_once_and_retired);

async fn clinicians_and_strangers_are_kept_out(app: TestApp) {
    let cookie = app.with_clinician("dr_nosy").await;
    for endpoint in [
        "admin/courses",
        "admin/courses/retire",
        "admin/providers/add",
        "admin/providers/credential",
        "admin/providers/credential/retire",
    ] {
        let response = app
            .post_form(
                endpoint,
                &[
                    ("id", "x"),
                    ("name", "x"),
                    ("provider", "x"),
                    ("label", "x"),
                ],
                Some(&cookie),
            )
            .await;
        assert_eq!(
            response.status,
            StatusCode::NOT_FOUND,
            "{endpoint}: {}",
            response.body
        );
        let anonymous = app.post_form(endpoint, &[], None).await;
        assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED, "{endpoint}");
    }
    let response = save(&app, &cookie, &[("title", "Sneaky")], None).await;
    assert_eq!(response.status, StatusCode::NOT_FOUND);
    assert_eq!(
        course::Entity::find().count(&app.state.db).await.unwrap(),
        1
    );
}
on_both_backends!(clinicians_and_strangers_are_kept_out);
