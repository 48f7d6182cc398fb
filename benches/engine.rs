//! Engine speed: one clinician (5 credentials, 300 credits) and a batch of synthetic clinicians.
//! Targets (issue 4): under 100 µs per clinician; 100 000 clinicians under 5 s on one core.

use criterion::{Criterion, criterion_group, criterion_main};
use licensure::domain::requirements::{Case, Catalog, evaluate};
use serde_json::json;

// The allocator the server runs on (src/main.rs), so the figures are the product's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const TYPES: &[&str] = &["AMA_PRA_1", "AMA_PRA_2", "INFORMAL", "AOA_1A"];
const TOPICS: &[&str] = &[
    "medical_errors",
    "patient_safety_risk_management",
    "implicit_bias",
    "",
];

fn clinician(seed: u64) -> Case {
    let credits: Vec<_> = (0..300u64)
        .map(|i| {
            let n = seed.wrapping_mul(31).wrapping_add(i * 7919);
            let day = n % 1800;
            let date = chrono::NaiveDate::from_ymd_opt(2022, 1, 1).unwrap_or_default() + chrono::Days::new(day);
            let topic = TOPICS[(n % 4) as usize];
            let topics: Vec<&str> = if topic.is_empty() { vec![] } else { vec![topic] };
            json!({ "id": format!("c{i}"), "completed": date.to_string(), "hours": ((n % 8) + 1) as f64,
                "credit_type": TYPES[(n % 4) as usize], "topics": topics })
        })
        .collect();
    let case = json!({
        "today": "2026-06-01",
        "facts": { "dea_registered": true, "birth_date": "1975-05-20", "designates_direct_patient_care": true,
            "prescriber_with_dea_or_uses_other_dea": true, "solely_veterinarian": false },
        "credentials": [
            { "id": "fl", "rule_set": "FL-MD", "initial_licence": "2010-01-01", "expires": "2027-01-31" },
            { "id": "pa", "rule_set": "PA-MD", "initial_licence": "2010-01-01", "expires": "2026-12-31" },
            { "id": "il", "rule_set": "IL-MD-DO", "initial_licence": "2010-01-01", "expires": "2026-07-31" },
            { "id": "tx", "rule_set": "TX-MD-DO", "initial_licence": "2012-05-01", "expires": "2026-11-30" },
            { "id": "dea", "rule_set": "US-DEA-MATE", "expires": "2027-03-31" },
        ],
        "credits": credits,
    });
    serde_json::from_value(case).unwrap_or_else(|err| unreachable!("bench case: {err}"))
}

fn bench(c: &mut Criterion) {
    let catalog = Catalog::embedded().unwrap_or_else(|err| unreachable!("catalog: {err}"));
    let one = clinician(1);
    c.bench_function("one clinician, 5 credentials, 300 credits", |b| {
        b.iter(|| evaluate(std::hint::black_box(&one), &catalog))
    });
    // A few distinct clinicians reused across the batch keep memory flat while still varying input.
    let batch: usize = std::env::var("LICENSURE_BENCH_BATCH")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let pool: Vec<Case> = (0..16).map(clinician).collect();
    let mut group = c.benchmark_group("batch");
    group.sample_size(10);
    group.bench_function(format!("{batch} clinicians"), |b| {
        b.iter(|| {
            let mut met = 0usize;
            for i in 0..batch {
                if let Ok(report) = evaluate(&pool[i % pool.len()], &catalog) {
                    met += report.next_steps.len();
                }
            }
            met
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
