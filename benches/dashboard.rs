//! Dashboard latency on the server: one clinician with 5 credentials and 300 activities,
//! requests sent through the real router on SQLite, one at a time. Prints p50/p90/p99.
//! Target (issue 5): the dashboard renders in under 20 ms.
//!
//! `cargo bench --features ssr --bench dashboard` (LICENSURE_BENCH_REQUESTS to change the
//! number of measured requests).

use std::time::{Duration, Instant};

use axum::{
    Router,
    body::{Body, to_bytes},
    http::Request,
};
use chrono::{Days, NaiveDate, Utc};
use licensure::server::{
    config::Config,
    entities::{activity, credential},
    router, startup,
};
use sea_orm::{ActiveModelTrait, ActiveValue::Set};
use tower::ServiceExt;
use uuid::Uuid;

const TYPES: [&str; 4] = ["AMA_PRA_1", "AMA_PRA_2", "INFORMAL", "AOA_1A"];
const TOPICS: [&str; 4] = [
    "medical_errors",
    "patient_safety_risk_management",
    "implicit_bias",
    "",
];

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap_or_else(|err| unreachable!("runtime: {err}"));
    runtime.block_on(run());
}

async fn run() {
    let dir = tempfile::tempdir().unwrap_or_else(|err| unreachable!("temp dir: {err}"));
    let data = dir.path().to_string_lossy().into_owned();
    let url = format!("sqlite://{data}/bench.db?mode=rwc");
    let config = Config::from_lookup(|name| match name {
        "DATABASE_URL" => Some(url.clone()),
        "LICENSURE_DATA_DIR" | "LICENSURE_SITE_ROOT" => Some(data.clone()),
        "LICENSURE_LOG" => Some("error".into()),
        _ => None,
    })
    .unwrap_or_else(|err| unreachable!("config: {err}"));
    let state = startup::prepare(config)
        .await
        .unwrap_or_else(|err| unreachable!("start: {err}"));
    let app = router::build(state.clone());

    let cookie = sign_up(&app).await;
    let user_id = {
        use licensure::server::entities::user;
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        user::Entity::find()
            .filter(user::Column::UsernameKey.eq("bench"))
            .one(&state.db)
            .await
            .ok()
            .flatten()
            .map(|u| u.id)
            .unwrap_or_else(|| unreachable!("the bench account exists"))
    };
    seed(&state.db, user_id).await;

    let requests: usize = std::env::var("LICENSURE_BENCH_REQUESTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(500);
    for (label, path) in [
        ("dashboard page (server-rendered HTML)", "/dashboard"),
        (
            "dashboard data (server function)",
            "/api/workspace/dashboard",
        ),
    ] {
        for _ in 0..20 {
            send(&app, path, &cookie).await;
        }
        let mut times: Vec<Duration> = Vec::with_capacity(requests);
        for _ in 0..requests {
            let started = Instant::now();
            send(&app, path, &cookie).await;
            times.push(started.elapsed());
        }
        times.sort();
        let at = |q: f64| times[((times.len() as f64 - 1.0) * q).round() as usize];
        println!(
            "{label}: {requests} requests, p50 {:.2} ms, p90 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
            ms(at(0.50)),
            ms(at(0.90)),
            ms(at(0.99)),
            ms(at(1.0)),
        );
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

async fn send(app: &Router, path: &str, cookie: &str) {
    let request = if path.starts_with("/api/") {
        Request::post(path)
            .header("content-type", "application/x-www-form-urlencoded")
            .header("sec-fetch-site", "same-origin")
            .header("cookie", cookie)
            .body(Body::empty())
    } else {
        Request::get(path)
            .header("cookie", cookie)
            .body(Body::empty())
    }
    .unwrap_or_else(|err| unreachable!("request: {err}"));
    let response = app
        .clone()
        .oneshot(request)
        .await
        .unwrap_or_else(|err| unreachable!("router: {err}"));
    assert!(
        response.status().is_success(),
        "{path}: {}",
        response.status()
    );
    let body = to_bytes(response.into_body(), 64 * 1024 * 1024).await;
    assert!(body.is_ok_and(|b| !b.is_empty()));
}

async fn sign_up(app: &Router) -> String {
    let body = "email=bench%40example.org&username=bench&display_name=Bench&password=Violet-Harbour-Lantern-42";
    let request = Request::post("/api/accounts/sign_up")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin")
        .body(Body::from(body))
        .unwrap_or_else(|err| unreachable!("request: {err}"));
    let response = app
        .clone()
        .oneshot(request)
        .await
        .unwrap_or_else(|err| unreachable!("router: {err}"));
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.contains("licensure_session="))
        .and_then(|c| c.split(';').next())
        .map(str::to_owned)
        .unwrap_or_else(|| unreachable!("sign-up sets a cookie"))
}

async fn seed(db: &sea_orm::DatabaseConnection, user_id: Uuid) {
    let now = Utc::now();
    let day = |text: &str| NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_default();
    let credentials = [
        (
            "licence",
            Some("FL-MD"),
            Some("FL"),
            Some("MD"),
            "2027-01-31",
        ),
        (
            "licence",
            Some("PA-MD"),
            Some("PA"),
            Some("MD"),
            "2026-12-31",
        ),
        (
            "licence",
            Some("IL-MD-DO"),
            Some("IL"),
            Some("MD"),
            "2027-07-31",
        ),
        (
            "licence",
            Some("TX-MD-DO"),
            Some("TX"),
            Some("MD"),
            "2027-11-30",
        ),
        ("dea", Some("US-DEA-MATE"), None, None, "2027-03-31"),
    ];
    for (kind, set, state, profession, expires) in credentials {
        credential::ActiveModel {
            id: Set(Uuid::now_v7()),
            user_id: Set(user_id),
            kind: Set(kind.into()),
            rule_set: Set(set.map(str::to_owned)),
            jurisdiction: Set(state.map(str::to_owned)),
            profession: Set(profession.map(str::to_owned)),
            name: Set(String::new()),
            number: Set(None),
            initial_date: Set(Some(day("2010-01-01"))),
            expires: Set(day(expires)),
            specialty: Set(None),
            own_rule: Set(None),
            archived_at: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(db)
        .await
        .unwrap_or_else(|err| unreachable!("seed credential: {err}"));
    }
    for i in 0..300u64 {
        let n = i.wrapping_mul(7919);
        let topic = TOPICS[(n % 4) as usize];
        let topics: Vec<&str> = if topic.is_empty() {
            vec![]
        } else {
            vec![topic]
        };
        activity::ActiveModel {
            id: Set(Uuid::now_v7()),
            user_id: Set(user_id),
            title: Set(format!("Activity {i}")),
            provider: Set("Bench Provider".into()),
            accreditor: Set(None),
            completed: Set(day("2022-01-01") + Days::new(n % 1700)),
            hours_hundredths: Set(i32::try_from((n % 8 + 1) * 100).unwrap_or(100)),
            credit_type: Set(TYPES[(n % 4) as usize].into()),
            format: Set("live".into()),
            topics: Set(serde_json::to_string(&topics).unwrap_or_default()),
            created_at: Set(now),
            updated_at: Set(now),
            source: Set("self".into()),
        }
        .insert(db)
        .await
        .unwrap_or_else(|err| unreachable!("seed activity: {err}"));
    }
}
