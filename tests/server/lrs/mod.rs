//! The Learning Record Store through the real router on SQLite and Postgres, called as a
//! provider's system calls it: Basic credentials and the xAPI version header.

mod concurrency;
mod documents;
mod protocol;
mod queries;
mod statements;
mod voiding;

use axum::{
    body::Body,
    http::{Request, StatusCode},
};
use base64::{Engine, engine::general_purpose::STANDARD};
use licensure::server::xapi::providers;
use serde_json::Value;

use crate::support::{TestApp, TestResponse, urlencode};

/// A provider's client of the LRS.
#[derive(Clone)]
pub struct Lrs<'a> {
    pub app: &'a TestApp,
    pub authorization: String,
}

impl<'a> Lrs<'a> {
    /// A new provider named `name` with one credential.
    pub async fn provider(app: &'a TestApp, name: &str) -> Self {
        let now = chrono::Utc::now();
        let provider = providers::create_provider(&app.state.db, name, now)
            .await
            .unwrap();
        let credential =
            providers::create_credential(&app.state.db, provider.id, "test", None, now)
                .await
                .unwrap();
        Self {
            app,
            authorization: format!(
                "Basic {}",
                STANDARD.encode(format!("{}:{}", credential.key, credential.secret.expose()))
            ),
        }
    }

    pub fn request(
        &self,
        method: &str,
        path: &str,
        params: &[(&str, &str)],
    ) -> axum::http::request::Builder {
        let query = params
            .iter()
            .map(|(k, v)| format!("{}={}", urlencode(k), urlencode(v)))
            .collect::<Vec<_>>()
            .join("&");
        let uri = if query.is_empty() {
            path.to_owned()
        } else {
            format!("{path}?{query}")
        };
        Request::builder()
            .method(method)
            .uri(uri)
            .header("authorization", &self.authorization)
            .header("x-experience-api-version", "1.0.3")
    }

    pub async fn send(&self, builder: axum::http::request::Builder, body: Body) -> TestResponse {
        self.app.send(builder.body(body).unwrap()).await
    }

    pub async fn get(&self, path: &str, params: &[(&str, &str)]) -> TestResponse {
        self.send(self.request("GET", path, params), Body::empty())
            .await
    }

    /// A request with a JSON body.
    pub async fn send_json(
        &self,
        method: &str,
        path: &str,
        params: &[(&str, &str)],
        body: &Value,
    ) -> TestResponse {
        self.send(
            self.request(method, path, params)
                .header("content-type", "application/json"),
            Body::from(body.to_string()),
        )
        .await
    }

    pub async fn post_json(
        &self,
        path: &str,
        params: &[(&str, &str)],
        body: &Value,
    ) -> TestResponse {
        self.send_json("POST", path, params, body).await
    }

    pub async fn put_json(
        &self,
        path: &str,
        params: &[(&str, &str)],
        body: &Value,
    ) -> TestResponse {
        self.send_json("PUT", path, params, body).await
    }

    /// Posts statements and answers their ids, failing the test unless stored.
    pub async fn store(&self, statements: &Value) -> Vec<String> {
        let response = self.post_json("/xapi/statements", &[], statements).await;
        assert_eq!(response.status, StatusCode::OK, "{}", response.body);
        serde_json::from_str(&response.body).unwrap()
    }

    /// GET statements with `params`: the statements and the `more` link.
    pub async fn query(&self, params: &[(&str, &str)]) -> (Vec<Value>, String) {
        let response = self.get("/xapi/statements", params).await;
        assert_eq!(
            response.status,
            StatusCode::OK,
            "{params:?}: {}",
            response.body
        );
        let body: Value = serde_json::from_str(&response.body).unwrap();
        (
            body["statements"].as_array().unwrap().clone(),
            body["more"].as_str().unwrap().to_owned(),
        )
    }
}

/// A statement by `mbox` doing `verb` to `activity`.
pub fn statement(mbox: &str, verb: &str, activity: &str) -> Value {
    serde_json::json!({
        "actor": {"objectType": "Agent", "mbox": format!("mailto:{mbox}")},
        "verb": {"id": format!("http://adlnet.gov/expapi/verbs/{verb}"), "display": {"en-US": verb}},
        "object": {"objectType": "Activity", "id": format!("https://courses.example.org/{activity}")}
    })
}

pub fn ids_of(statements: &[Value]) -> Vec<String> {
    statements
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_owned())
        .collect()
}
