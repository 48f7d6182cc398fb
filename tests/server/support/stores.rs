//! Document storage for router tests: the local folder every `TestApp` has, or a fresh
//! versioned bucket on the test S3 server (`TEST_S3_ENDPOINT`, started by the test command),
//! and a look behind either at everything they hold.

use std::sync::Once;

use aws_sdk_s3::{
    Client,
    types::{BucketVersioningStatus, VersioningConfiguration},
};
use licensure::server::documents::storage::{S3Settings, S3Store, settings::ServerSideEncryption};

use super::TestApp;

/// Runs a test body on each database with each storage backend, as four named tests.
/// The body takes the app and, on S3, its bucket.
#[macro_export]
macro_rules! on_every_store {
    ($name:ident) => {
        mod $name {
            use $crate::support::{TestApp, stores::TestBucket};

            #[tokio::test]
            async fn sqlite_local() {
                super::$name(TestApp::sqlite().await, None).await;
            }

            #[tokio::test]
            async fn postgres_local() {
                if let Some(app) = TestApp::postgres().await {
                    super::$name(app, None).await;
                }
            }

            #[tokio::test]
            async fn sqlite_s3() {
                if let Some(bucket) = TestBucket::create().await {
                    let app = TestApp::sqlite_with(&bucket.vars()).await;
                    super::$name(app, Some(bucket)).await;
                }
            }

            #[tokio::test]
            async fn postgres_s3() {
                if let Some(bucket) = TestBucket::create().await
                    && let Some(app) = TestApp::postgres().await
                {
                    let app = app.restart_with(&bucket.vars()).await;
                    super::$name(app, Some(bucket)).await;
                }
            }
        }
    };
}

/// A fresh bucket with versioning on, and a client that reaches behind the app.
pub struct TestBucket {
    pub client: Client,
    pub name: String,
    pub endpoint: String,
}

impl TestBucket {
    /// `None` when no S3 server is configured (skipped with one line; a failure under CI).
    pub async fn create() -> Option<Self> {
        let Ok(endpoint) = std::env::var("TEST_S3_ENDPOINT") else {
            if std::env::var("CI").is_ok_and(|v| v == "true") {
                panic!(
                    "CI=true and TEST_S3_ENDPOINT is not set: the test command starts moto_server"
                );
            }
            static SAID: Once = Once::new();
            SAID.call_once(|| eprintln!("TEST_S3_ENDPOINT not set; S3 storage tests skipped."));
            return None;
        };
        let name = format!("licensure-{}", uuid::Uuid::new_v4().simple());
        let client = S3Store::client(&Self::settings(&endpoint, &name));
        client.create_bucket().bucket(&name).send().await.unwrap();
        client
            .put_bucket_versioning()
            .bucket(&name)
            .versioning_configuration(
                VersioningConfiguration::builder()
                    .status(BucketVersioningStatus::Enabled)
                    .build(),
            )
            .send()
            .await
            .unwrap();
        Some(Self {
            client,
            name,
            endpoint,
        })
    }

    pub fn settings(endpoint: &str, bucket: &str) -> S3Settings {
        S3Settings {
            bucket: bucket.to_owned(),
            endpoint: Some(endpoint.to_owned()),
            region: "us-east-1".into(),
            access_key_id: "test".into(),
            secret_access_key: "test".into(),
            path_style: true,
            sse: ServerSideEncryption::Aes256,
        }
    }

    /// The configuration that points the app at this bucket.
    pub fn vars(&self) -> Vec<(&'static str, &str)> {
        vec![
            ("LICENSURE_S3_BUCKET", self.name.as_str()),
            ("LICENSURE_S3_ENDPOINT", self.endpoint.as_str()),
            ("LICENSURE_S3_ACCESS_KEY_ID", "test"),
            ("LICENSURE_S3_SECRET_ACCESS_KEY", "test"),
            ("LICENSURE_S3_PATH_STYLE", "true"),
        ]
    }

    /// Every version, delete marker and unfinished upload in the bucket, by key.
    pub async fn everything(&self) -> Vec<String> {
        let listed = self
            .client
            .list_object_versions()
            .bucket(&self.name)
            .send()
            .await
            .unwrap();
        let mut found: Vec<String> = listed
            .versions()
            .iter()
            .map(|v| format!("version of {}", v.key().unwrap_or_default()))
            .chain(
                listed
                    .delete_markers()
                    .iter()
                    .map(|m| format!("delete marker of {}", m.key().unwrap_or_default())),
            )
            .collect();
        let uploads = self
            .client
            .list_multipart_uploads()
            .bucket(&self.name)
            .send()
            .await
            .unwrap();
        found.extend(
            uploads
                .uploads()
                .iter()
                .map(|u| format!("unfinished upload of {}", u.key().unwrap_or_default())),
        );
        found.sort();
        found
    }
}

/// Everything the app's storage holds: on S3 every version, marker and unfinished upload;
/// locally every file under the store's folder, temporary ones included.
pub async fn everything_stored(app: &TestApp, bucket: Option<&TestBucket>) -> Vec<String> {
    if let Some(bucket) = bucket {
        return bucket.everything().await;
    }
    let root = &app.state.config.storage.local_root;
    let mut found = Vec::new();
    let mut folders = vec![root.clone()];
    while let Some(folder) = folders.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.map(Result::unwrap) {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else {
                found.push(
                    path.strip_prefix(root)
                        .unwrap()
                        .to_string_lossy()
                        .into_owned(),
                );
            }
        }
    }
    found.sort();
    found
}
