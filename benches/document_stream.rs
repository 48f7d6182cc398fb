//! Streaming a 100 MB document up and down through the real router, in-process: throughput
//! each way and how far the process's peak memory rose above what it held before. The file
//! is generated chunk by chunk as the upload body is read, and the download is hashed as it
//! arrives, so neither side of the benchmark holds it whole. Runs on SQLite with the local
//! folder, and against S3 too when `TEST_S3_ENDPOINT` names an S3-compatible server.
//!
//! `cargo bench --features ssr --bench document_stream` (Linux: the peak is read from
//! `VmHWM` after resetting it through `/proc/self/clear_refs`).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::Instant;

use axum::{
    Router,
    body::Body,
    http::{Request, StatusCode},
};
use bytes::Bytes;
use futures_util::stream;
use http_body_util::BodyExt;
use licensure::{
    features::documents::UploadResult,
    server::{config::Config, documents::storage::S3Store, router, startup},
};
use sha2::{Digest, Sha256};
use tower::ServiceExt;

const MIB: u64 = 1024 * 1024;
/// The file: 100 MiB.
const SIZE: u64 = 100 * MIB;
/// Bytes the generator hands the router at a time, like a network read.
const PIECE: usize = 64 * 1024;
const BOUNDARY: &str = "licensure-bench-boundary-7d1f0c";

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        println!("document streaming, {} MiB each way", SIZE / MIB);
        run("SQLite + local folder", &[]).await;
        if let Ok(endpoint) = std::env::var("TEST_S3_ENDPOINT") {
            let bucket = s3_bucket(&endpoint).await;
            let vars = [
                ("LICENSURE_S3_BUCKET", bucket.as_str()),
                ("LICENSURE_S3_ENDPOINT", endpoint.as_str()),
                ("LICENSURE_S3_ACCESS_KEY_ID", "test"),
                ("LICENSURE_S3_SECRET_ACCESS_KEY", "test"),
                ("LICENSURE_S3_PATH_STYLE", "true"),
            ];
            run("SQLite + S3 (TEST_S3_ENDPOINT)", &vars).await;
        } else {
            println!("S3: skipped (set TEST_S3_ENDPOINT to an S3-compatible server)");
        }
    });
}

async fn run(label: &str, extra: &[(&str, &str)]) {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_string_lossy().into_owned();
    let url = format!("sqlite://{data}/bench.db?mode=rwc");
    let config = Config::from_lookup(|name| match name {
        "DATABASE_URL" => Some(url.clone()),
        "LICENSURE_DATA_DIR" | "LICENSURE_SITE_ROOT" => Some(data.clone()),
        "LICENSURE_LOG" => Some("error".into()),
        "LICENSURE_UPLOAD_LIMIT_MB" => Some("128".into()),
        "LICENSURE_DOCUMENT_QUOTA_MB" => Some("1024".into()),
        _ => extra
            .iter()
            .find(|(key, _)| *key == name)
            .map(|(_, value)| (*value).to_owned()),
    })
    .unwrap();
    let state = startup::prepare(config).await.unwrap();
    let app = router::build(state);
    let cookie = sign_up(&app).await;

    // A small round trip first, so one-time set-up (connection pools, the S3 client, lazy
    // statics) is not counted against streaming.
    let warm = upload(&app, &cookie, MIB).await;
    download(&app, &cookie, &warm).await;

    let expected = expected_sha256(SIZE);
    let baseline = reset_peak();
    let started = Instant::now();
    let id = upload(&app, &cookie, SIZE).await;
    let up = started.elapsed().as_secs_f64();
    let up_peak = peak().saturating_sub(baseline);

    let baseline = reset_peak();
    let started = Instant::now();
    let (size, sha256) = download(&app, &cookie, &id).await;
    let down = started.elapsed().as_secs_f64();
    let down_peak = peak().saturating_sub(baseline);
    assert_eq!(size, SIZE, "the download is whole");
    assert_eq!(sha256, expected, "the download is byte-identical");

    let mb = (SIZE / MIB) as f64;
    println!("{label}:");
    println!(
        "  upload   {up:6.2} s  {:7.1} MB/s  peak RSS +{:.1} MB",
        mb / up,
        kib_to_mb(up_peak)
    );
    println!(
        "  download {down:6.2} s  {:7.1} MB/s  peak RSS +{:.1} MB  (SHA-256 matches)",
        mb / down,
        kib_to_mb(down_peak)
    );
}

fn kib_to_mb(kib: u64) -> f64 {
    kib as f64 / 1024.0
}

/// The generated file: a PDF header (uploads are typed from their first bytes), then bytes
/// from a fixed xorshift sequence, which nothing along the way can compress.
struct Generator {
    left: u64,
    state: u64,
    started: bool,
}

impl Generator {
    fn new(size: u64) -> Self {
        Self {
            left: size,
            state: 0x9E37_79B9_7F4A_7C15,
            started: false,
        }
    }

    fn next_piece(&mut self) -> Option<Vec<u8>> {
        if self.left == 0 {
            return None;
        }
        let len = PIECE.min(usize::try_from(self.left).unwrap_or(PIECE));
        let mut piece = Vec::with_capacity(len);
        if !self.started {
            self.started = true;
            piece.extend_from_slice(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n");
            // Plain digits up to the 1 KiB the type check reads.
            while piece.len() < 1024.min(len) {
                piece.push(b'0' + (piece.len() % 10) as u8);
            }
        }
        while piece.len() < len {
            self.state ^= self.state << 13;
            self.state ^= self.state >> 7;
            self.state ^= self.state << 17;
            let word = self.state.to_le_bytes();
            let take = (len - piece.len()).min(8);
            piece.extend_from_slice(&word[..take]);
        }
        self.left -= len as u64;
        Some(piece)
    }
}

fn expected_sha256(size: u64) -> String {
    let mut generator = Generator::new(size);
    let mut hash = Sha256::new();
    while let Some(piece) = generator.next_piece() {
        hash.update(&piece);
    }
    licensure::server::crypto::hex(&hash.finalize())
}

/// Uploads a generated file of `size` bytes as a multipart form streamed piece by piece;
/// returns the new document's id.
async fn upload(app: &Router, cookie: &str, size: u64) -> String {
    let head = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nother\r\n\
         --{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"bench.pdf\"\r\n\
         Content-Type: application/pdf\r\n\r\n"
    );
    let tail = format!("\r\n--{BOUNDARY}--\r\n");
    enum Part {
        Head(String, Generator, String),
        File(Generator, String),
        Done,
    }
    let parts = stream::unfold(Part::Head(head, Generator::new(size), tail), |part| async {
        let (bytes, next) = match part {
            Part::Head(head, generator, tail) => (head.into_bytes(), Part::File(generator, tail)),
            Part::File(mut generator, tail) => match generator.next_piece() {
                Some(piece) => (piece, Part::File(generator, tail)),
                None => (tail.into_bytes(), Part::Done),
            },
            Part::Done => return None,
        };
        Some((Ok::<_, std::io::Error>(Bytes::from(bytes)), next))
    });
    let request = Request::post("/documents/upload")
        .header(
            "content-type",
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .header("sec-fetch-site", "same-origin")
        .header("cookie", cookie)
        .body(Body::from_stream(parts))
        .unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let body = response.into_body().collect().await.unwrap().to_bytes();
    let results: Vec<UploadResult> = serde_json::from_slice(&body).unwrap();
    assert!(results[0].stored, "{}", results[0].message);
    results[0].document_id.clone().unwrap()
}

/// Downloads the document, hashing each frame as it arrives; returns its size and SHA-256.
async fn download(app: &Router, cookie: &str, id: &str) -> (u64, String) {
    let request = Request::get(format!("/documents/{id}/file"))
        .header("cookie", cookie)
        .body(Body::empty())
        .unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let mut body = response.into_body();
    let (mut size, mut hash) = (0u64, Sha256::new());
    while let Some(frame) = body.frame().await {
        if let Ok(data) = frame.unwrap().into_data() {
            size += data.len() as u64;
            hash.update(&data);
        }
    }
    (size, licensure::server::crypto::hex(&hash.finalize()))
}

async fn sign_up(app: &Router) -> String {
    let body = "email=bench%40example.org&username=bench&display_name=Bench&password=Violet-Harbour-Lantern-42";
    let request = Request::post("/api/accounts/sign_up")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin")
        .body(Body::from(body))
        .unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.contains("licensure_session="))
        .and_then(|c| c.split(';').next())
        .map(str::to_owned)
        .expect("sign-up sets a cookie")
}

/// A fresh versioned bucket on the S3 server at `endpoint`.
async fn s3_bucket(endpoint: &str) -> String {
    use aws_sdk_s3::types::{BucketVersioningStatus, VersioningConfiguration};
    use licensure::server::documents::storage::{S3Settings, settings::ServerSideEncryption};
    let name = format!("licensure-bench-{}", uuid::Uuid::new_v4().simple());
    let client = S3Store::client(&S3Settings {
        bucket: name.clone(),
        endpoint: Some(endpoint.to_owned()),
        region: "us-east-1".into(),
        access_key_id: "test".into(),
        secret_access_key: "test".into(),
        path_style: true,
        sse: ServerSideEncryption::Aes256,
    });
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
    name
}

/// One field of `/proc/self/status`, in KiB.
fn status_kib(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|line| line.strip_prefix(field))
                .and_then(|rest| rest.split_whitespace().next()?.parse().ok())
        })
        .unwrap_or(0)
}

/// Resets the peak-memory mark to the present and returns the resident size now (KiB).
fn reset_peak() -> u64 {
    // Writing 5 resets VmHWM to the current RSS (Linux 4.0 and later).
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    status_kib("VmRSS:")
}

/// The highest resident size since the last reset (KiB).
fn peak() -> u64 {
    status_kib("VmHWM:")
}
