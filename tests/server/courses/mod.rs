//! Courses through the real router on SQLite and Postgres: the catalog, a cmi5 launch of
//! the shipped demo course run as its content would run it, the credit it posts, and the
//! console's course pages.

mod catalog;
mod console;
mod launch;

use axum::{
    body::Body,
    http::{Request, StatusCode},
};
use licensure::features::courses::CourseCatalog;
use serde_json::Value;

use crate::support::{TestApp, TestResponse};

/// The catalog as a clinician sees it with these filters.
pub async fn catalog(app: &TestApp, cookie: &str, fields: &[(&str, &str)]) -> CourseCatalog {
    let response = app.post_form("courses", fields, Some(cookie)).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    serde_json::from_str(&response.body).unwrap()
}

/// The id of the demo course, seeded on start.
pub async fn demo_course(app: &TestApp, cookie: &str) -> String {
    let all = catalog(app, cookie, &[("q", "opioid")]).await;
    all.courses
        .into_iter()
        .find(|c| c.title.starts_with("Safe opioid prescribing"))
        .expect("the demo course is in the catalog")
        .id
}

/// A launch as the browser makes it: the answer is the redirect to the AU.
pub async fn launch(app: &TestApp, cookie: &str, course: &str) -> TestResponse {
    let request = Request::post(format!("/courses/{course}/launch"))
        .header("cookie", cookie)
        .header("sec-fetch-site", "same-origin")
        .body(Body::empty())
        .unwrap();
    app.send(request).await
}

/// The launch parameters the AU is opened with.
pub struct Launched {
    pub endpoint: String,
    pub fetch: String,
    pub actor: Value,
    pub registration: String,
    pub activity_id: String,
}

fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            out.push(u8::from_str_radix(&text[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(if bytes[i] == b'+' { b' ' } else { bytes[i] });
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

pub fn launched(response: &TestResponse) -> Launched {
    assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.body);
    let location = response.header("location");
    let (address, query) = location.split_once('?').unwrap();
    assert!(
        address.ends_with("/course-content/demo/index.html"),
        "{address}"
    );
    let get = |name: &str| {
        query
            .split('&')
            .find_map(|pair| pair.strip_prefix(&format!("{name}=")))
            .map(decode)
            .unwrap_or_else(|| panic!("no {name} in {location}"))
    };
    Launched {
        endpoint: get("endpoint"),
        fetch: get("fetch"),
        actor: serde_json::from_str(&get("actor")).unwrap(),
        registration: get("registration"),
        activity_id: get("activityId"),
    }
}
