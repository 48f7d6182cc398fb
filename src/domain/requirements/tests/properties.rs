#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Properties that must hold for any credits.

use proptest::prelude::*;
use serde_json::json;

use super::support::run;
use crate::domain::requirements::{Hours, Report};

const TYPES: &[&str] = &["AMA_PRA_1", "AMA_PRA_2", "INFORMAL", "AOA_1A", "OTHER"];
const TOPICS: &[&str] = &[
    "medical_errors",
    "domestic_violence",
    "patient_safety_risk_management",
    "child_abuse_recognition_reporting",
    "implicit_bias",
];

fn arb_credit() -> impl Strategy<Value = (u32, u32, usize, Vec<usize>)> {
    (
        0u32..1800,
        1u32..4000,
        0..TYPES.len(),
        proptest::collection::vec(0..TOPICS.len(), 0..3),
    )
}

fn case(credits: &[(u32, u32, usize, Vec<usize>)]) -> serde_json::Value {
    let base = chrono::NaiveDate::from_ymd_opt(2022, 1, 1).unwrap();
    let credits: Vec<_> = credits
        .iter()
        .enumerate()
        .map(|(i, (day, hours, ty, topics))| {
            let topics: Vec<&str> = topics.iter().map(|t| TOPICS[*t]).collect();
            json!({ "id": format!("c{i}"), "completed": (base + chrono::Days::new(u64::from(*day))).to_string(),
                "hours": f64::from(*hours) / 100.0, "credit_type": TYPES[*ty], "topics": topics })
        })
        .collect();
    json!({
        "today": "2026-06-01", "facts": { "dea_registered": false, "prescriber_with_dea_or_uses_other_dea": false },
        "credentials": [
            { "id": "fl", "rule_set": "FL-MD", "initial_licence": "2010-01-01", "expires": "2027-01-31" },
            { "id": "pa", "rule_set": "PA-MD", "initial_licence": "2010-01-01", "expires": "2026-12-31" },
            { "id": "il", "rule_set": "IL-MD-DO", "initial_licence": "2010-01-01", "expires": "2026-07-31" },
        ],
        "credits": credits,
    })
}

fn missing(report: &Report) -> Hours {
    report
        .credentials
        .iter()
        .flat_map(|c| &c.requirements)
        .filter_map(|r| r.missing)
        .sum()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn adding_a_credit_never_increases_missing_hours(
        credits in proptest::collection::vec(arb_credit(), 0..25), extra in arb_credit()
    ) {
        let before = missing(&run(case(&credits)));
        let mut more = credits.clone();
        more.push(extra);
        prop_assert!(missing(&run(case(&more))) <= before);
    }

    #[test]
    fn credit_order_never_changes_the_result(credits in proptest::collection::vec(arb_credit(), 0..25)) {
        let forward = case(&credits);
        let mut reversed = forward.clone();
        reversed["credits"].as_array_mut().unwrap().reverse();
        prop_assert_eq!(run(forward), run(reversed));
    }

    #[test]
    fn capped_types_never_exceed_their_cap(credits in proptest::collection::vec(arb_credit(), 0..40)) {
        let input = case(&credits);
        let report = run(input.clone());
        let type_of = |id: &str| {
            input["credits"].as_array().unwrap().iter().find(|c| c["id"] == id).map(|c| c["credit_type"].as_str().unwrap().to_owned())
        };
        let capped = |cred: &str, types: &[&str]| -> f64 {
            report.credentials.iter().filter(|c| c.id.as_str() == cred)
                .flat_map(|c| &c.requirements).filter(|r| r.key == "total")
                .flat_map(|r| &r.counted_credits)
                .filter(|c| type_of(c.id.as_str()).is_some_and(|t| types.contains(&t.as_str())))
                .map(|c| c.hours.as_f64()).sum()
        };
        prop_assert!(capped("il", &["INFORMAL", "AMA_PRA_2", "OTHER"]) <= 90.0 + 1e-9);
        prop_assert!(capped("pa", &["AMA_PRA_2"]) <= 80.0 + 1e-9);
    }

    #[test]
    fn a_credit_outside_every_window_counts_nowhere(credits in proptest::collection::vec(arb_credit(), 0..20)) {
        let mut input = case(&credits);
        input["credits"].as_array_mut().unwrap().push(json!({ "id": "ancient", "completed": "2001-01-01",
            "hours": 50.0, "credit_type": "AMA_PRA_1", "topics": [] }));
        let report = run(input);
        let counted = report.credentials.iter().flat_map(|c| &c.requirements)
            .flat_map(|r| &r.counted_credits).any(|c| c.id.as_str() == "ancient");
        prop_assert!(!counted);
    }
}
