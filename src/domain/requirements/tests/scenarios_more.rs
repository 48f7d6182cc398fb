#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! More worked scenarios: federal MATE, certifying boards, custom sets, grace periods, errors.

use serde_json::json;

use super::support::{check, reason, run, try_run};
use crate::domain::requirements::Status::*;

fn credit(id: &str, date: &str, hours: f64, ty: &str, topics: &[&str]) -> serde_json::Value {
    json!({ "id": id, "completed": date, "hours": hours, "credit_type": ty, "topics": topics })
}

#[test]
fn mate_training_satisfies_north_carolina_and_the_dea() {
    // NC board FAQ: the 8-h MATE training is deemed to meet the 3-h controlled-substance CME
    // for the cycle in which it was completed; the same credit meets the DEA's one-time rule.
    let r = run(json!({
        "today": "2026-12-04",
        "facts": { "birth_date": "1980-07-15", "dea_registered": true, "solely_veterinarian": false,
            "prescribed_any_cs_since_last_renewal": true, "resident_training_license": false },
        "credentials": [
            { "id": "nc", "rule_set": "NC-MD-DO", "initial_licence": "2015-01-10" },
            { "id": "dea", "rule_set": "US-DEA-MATE", "expires": "2027-03-31" },
        ],
        "credits": [credit("mate", "2025-01-10", 8.0, "AMA_PRA_1", &["substance_use_disorder_treatment"])],
    }));
    assert_eq!(r.credentials[0].end.to_string(), "2027-07-15");
    check(
        &r,
        "nc",
        "controlled_substance_prescribing",
        3.0,
        Some(0.0),
        Met,
    );
    check(&r, "nc", "total", 8.0, Some(52.0), AtRisk);
    check(&r, "dea", "total", 8.0, Some(0.0), Met);
    check(
        &r,
        "dea",
        "substance_use_disorder_treatment",
        8.0,
        Some(0.0),
        Met,
    );
}

#[test]
fn california_short_first_term_needs_25_hours() {
    // 16 CCR 1336: an initial licence issued for under 13 months needs 25 h at that renewal.
    let r = run(json!({
        "today": "2026-12-04", "facts": { "birth_date": "1971-03-10", "specialty": "radiology" },
        "credentials": [{ "id": "ca", "rule_set": "CA-MD", "initial_licence": "2026-04-01" }],
        "credits": [credit("a", "2026-05-01", 20.0, "AMA_PRA_1", &[])],
    }));
    check(&r, "ca", "total", 20.0, Some(5.0), OnTrack);
    // Conditions: radiologists are excluded from the pain-management rule and geriatrics.
    check(
        &r,
        "ca",
        "pain_management_and_end_of_life",
        0.0,
        Some(0.0),
        NotApplicable,
    );
    check(&r, "ca", "geriatric_medicine", 0.0, None, NotApplicable);
}

#[test]
fn florida_rn_first_cycle_is_prorated_by_month() {
    // FL RN: one contact hour per calendar month of a partial first cycle.
    let r = run(json!({
        "today": "2026-12-04",
        "credentials": [{ "id": "rn", "rule_set": "FL-RN", "initial_licence": "2025-09-01", "expires": "2027-01-31" }],
        "credits": [credit("g", "2026-02-01", 10.0, "ANCC", &[])],
    }));
    check(&r, "rn", "total", 10.0, Some(6.0), AtRisk);
}

#[test]
fn abim_counts_only_moc_points() {
    let r = run(json!({
        "today": "2026-12-04",
        "credentials": [{ "id": "abim", "rule_set": "ABIM", "expires": "2027-12-31" }],
        "credits": [
            credit("lka", "2023-05-01", 60.0, "ABIM_MOC", &[]),
            credit("moc", "2026-03-01", 30.0, "ABIM_MOC", &[]),
            credit("cme", "2026-04-01", 20.0, "AMA_PRA_1", &[]),
        ],
    }));
    check(&r, "abim", "total", 90.0, Some(10.0), OnTrack);
    assert_eq!(reason(&r, "abim", "total", "cme"), "AMA_PRA_1 not accepted");
    check(&r, "abim", "abim_moc_activity", 30.0, None, Met);
}

#[test]
fn abfm_needs_half_division_one() {
    let r = run(json!({
        "today": "2026-12-04",
        "credentials": [{ "id": "abfm", "rule_set": "ABFM-CC", "expires": "2027-12-31" }],
        "credits": [
            credit("a", "2025-05-01", 100.0, "AMA_PRA_2", &[]),
            credit("b", "2025-06-01", 60.0, "AAFP_PRESCRIBED", &["abfm_knowledge_self_assessment"]),
        ],
    }));
    check(&r, "abfm", "total", 150.0, Some(0.0), Met);
    check(&r, "abfm", "division_1", 60.0, Some(15.0), OnTrack);
    check(
        &r,
        "abfm",
        "abfm_knowledge_self_assessment",
        60.0,
        None,
        Met,
    );
}

#[test]
fn a_custom_set_for_bls_renewal() {
    let r = run(json!({
        "today": "2026-12-04",
        "custom_rule_sets": [{ "id": "HOSP-BLS", "label": "Hospital BLS renewal", "cycle_months": 24,
            "topics": [{ "key": "bls", "label": "BLS course" }] }],
        "credentials": [{ "id": "bls", "rule_set": "HOSP-BLS", "expires": "2027-06-30" }],
        "credits": [credit("card", "2026-01-10", 4.0, "OTHER", &["bls"])],
    }));
    check(&r, "bls", "bls", 4.0, None, Met);
    assert!(
        r.credentials[0].requirements[0].sources[0]
            .title
            .contains("Defined by the clinician")
    );
}

#[test]
fn georgia_grace_period_is_late_then_overdue() {
    // GA: end of birth month, with a three-month late-renewal window.
    let case = |today: &str| {
        run(json!({
            "today": today, "facts": { "active_dea_and_prescribes_cs": false, "opioid_pain_patients_share": 0.0 },
            "credentials": [{ "id": "ga", "rule_set": "GA-MD-DO", "expires": "2026-10-31" }],
            "credits": [credit("a", "2025-01-10", 30.0, "AMA_PRA_1", &[])],
        }))
    };
    check(&case("2026-12-04"), "ga", "total", 30.0, Some(10.0), Late);
    check(
        &case("2027-03-01"),
        "ga",
        "total",
        30.0,
        Some(10.0),
        Overdue,
    );
}

#[test]
fn unknown_names_are_errors_that_name_them() {
    let base = |credential: serde_json::Value,
                credit: serde_json::Value,
                facts: serde_json::Value| {
        try_run(json!({ "today": "2026-12-04", "facts": facts, "credentials": [credential], "credits": [credit] }))
            .unwrap_err()
            .to_string()
    };
    let good_cred = json!({ "id": "fl", "rule_set": "FL-MD", "expires": "2027-01-31" });
    let good_credit = credit("c", "2026-01-01", 1.0, "AMA_PRA_1", &[]);
    assert!(
        base(
            json!({ "id": "x", "rule_set": "ZZ-MD", "expires": "2027-01-31" }),
            good_credit.clone(),
            json!({})
        )
        .contains("ZZ-MD")
    );
    assert!(
        base(
            good_cred.clone(),
            credit("c", "2026-01-01", 1.0, "AMA_PRA_1", &["basket_weaving"]),
            json!({})
        )
        .contains("basket_weaving")
    );
    assert!(
        base(
            good_cred.clone(),
            credit("c", "2026-01-01", 1.0, "CAT_9", &[]),
            json!({})
        )
        .contains("CAT_9")
    );
    assert!(base(good_cred, good_credit, json!({ "shoe_size": 9 })).contains("shoe_size"));
}
