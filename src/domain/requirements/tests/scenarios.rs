#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Worked scenarios from real sets, with exact hours and statuses.

use serde_json::json;

use super::support::{check, h, reason, req, run};
use crate::domain::requirements::Status::*;

fn credit(id: &str, date: &str, hours: f64, ty: &str, topics: &[&str]) -> serde_json::Value {
    json!({ "id": id, "completed": date, "hours": hours, "credit_type": ty, "topics": topics })
}

#[test]
fn florida_md_at_third_renewal() {
    // FL BOM: 40 h Category 1 per biennium incl. 2 h medical errors; DV every third biennium;
    // HIV/AIDS once at first renewal; human trafficking once.
    let r = run(json!({
        "today": "2026-12-04", "facts": { "dea_registered": false },
        "credentials": [{ "id": "fl", "rule_set": "FL-MD", "initial_licence": "2021-06-01",
            "expires": "2027-01-31", "facts": { "licence_group": 2 } }],
        "credits": [
            credit("c1", "2025-05-10", 30.0, "AMA_PRA_1", &["medical_errors"]),
            credit("c2", "2026-01-10", 10.0, "AMA_PRA_2", &[]),
            credit("c3", "2026-02-01", 2.0, "AMA_PRA_1", &["domestic_violence"]),
            credit("c4", "2022-03-01", 1.0, "AMA_PRA_1", &["hiv_aids"]),
            credit("c5", "2022-04-01", 1.0, "AMA_PRA_1", &["human_trafficking"]),
        ],
    }));
    assert_eq!(r.credentials[0].renewal_number, Some(3));
    check(&r, "fl", "total", 32.0, Some(8.0), AtRisk);
    assert_eq!(reason(&r, "fl", "total", "c2"), "AMA_PRA_2 not accepted");
    check(&r, "fl", "medical_errors", 2.0, Some(0.0), Met);
    check(&r, "fl", "domestic_violence", 2.0, Some(0.0), Met);
    check(
        &r,
        "fl",
        "controlled_substance_prescribing",
        0.0,
        Some(0.0),
        NotApplicable,
    );
    check(&r, "fl", "hiv_aids", 1.0, Some(0.0), Met);
    check(&r, "fl", "human_trafficking", 1.0, Some(0.0), Met);
    assert_eq!(r.next_steps[0].key, "total");
}

#[test]
fn florida_md_first_renewal_is_exempt_except_medical_errors_and_hiv() {
    let r = run(json!({
        "today": "2026-12-04",
        "credentials": [{ "id": "fl", "rule_set": "FL-MD", "initial_licence": "2025-08-01",
            "expires": "2027-01-31" }],
        "credits": [credit("me", "2026-01-10", 2.0, "AMA_PRA_1", &["medical_errors"])],
    }));
    check(&r, "fl", "total", 0.0, Some(0.0), Waived);
    check(&r, "fl", "medical_errors", 2.0, Some(0.0), Met);
    check(&r, "fl", "hiv_aids", 0.0, Some(1.0), AtRisk);
    check(&r, "fl", "domestic_violence", 0.0, Some(0.0), Waived);
    check(&r, "fl", "human_trafficking", 0.0, Some(0.0), Waived);
}

#[test]
fn texas_md_in_first_cycle_with_informal_cap_and_opioid_sub_deadline() {
    // 22 TAC 161.35: 48 h, at least 24 formal, informal at most 24; opioid 2 h within 12 months.
    let r = run(json!({
        "today": "2026-12-04",
        "facts": { "designates_direct_patient_care": true, "practices_in_pain_management_clinic": false },
        "credentials": [{ "id": "tx", "rule_set": "TX-MD-DO", "initial_licence": "2025-05-01",
            "expires": "2027-05-01" }],
        "credits": [
            credit("f1", "2025-09-01", 20.0, "AMA_PRA_1", &[]),
            credit("i1", "2025-10-01", 24.0, "INFORMAL", &[]),
            credit("i2", "2025-11-01", 6.0, "INFORMAL", &[]),
            credit("op", "2026-03-01", 2.0, "AMA_PRA_1", &["opioid_pain_management"]),
        ],
    }));
    assert_eq!(r.credentials[0].renewal_number, Some(1));
    check(&r, "tx", "total", 46.0, Some(2.0), OnTrack);
    assert!(reason(&r, "tx", "total", "i2").contains("cap of 24 h reached"));
    check(&r, "tx", "formal", 22.0, Some(2.0), OnTrack);
    check(&r, "tx", "opioid_pain_management", 2.0, Some(0.0), Met);
    assert_eq!(
        req(&r, "tx", "opioid_pain_management")
            .due
            .unwrap()
            .to_string(),
        "2026-05-01"
    );
    check(&r, "tx", "human_trafficking", 0.0, Some(1.0), AtRisk);
    check(
        &r,
        "tx",
        "medical_ethics_professional_responsibility",
        0.0,
        Some(2.0),
        AtRisk,
    );
    check(
        &r,
        "tx",
        "pain_management_clinic",
        0.0,
        Some(0.0),
        NotApplicable,
    );
}

#[test]
fn texas_carries_extra_non_topic_hours_into_the_next_period() {
    // 22 TAC 161.35: up to 48 excess hours carry forward; topic credits may not.
    let r = run(json!({
        "today": "2026-12-04",
        "facts": { "designates_direct_patient_care": false, "practices_in_pain_management_clinic": false },
        "credentials": [{ "id": "tx", "rule_set": "TX-MD-DO", "initial_licence": "2019-05-01",
            "expires": "2027-05-01" }],
        "credits": [
            credit("old", "2024-01-10", 70.0, "AMA_PRA_1", &[]),
            credit("eth", "2024-02-10", 5.0, "AMA_PRA_1", &["medical_ethics_professional_responsibility"]),
            credit("new", "2026-01-10", 20.0, "AMA_PRA_1", &[]),
        ],
    }));
    check(&r, "tx", "total", 42.0, Some(6.0), OnTrack);
    let total = req(&r, "tx", "total");
    let carried = total
        .counted_credits
        .iter()
        .find(|c| c.id.as_str() == "carry_over")
        .unwrap();
    assert_eq!(
        (carried.id.as_str(), carried.hours),
        ("carry_over", h(22.0))
    );
}

#[test]
fn new_york_registrant_with_independent_clocks() {
    // NY PHL 239: infection control at licensure and every four years; PHL 3309-a: 3 h opioid
    // by 2017-07-01 and once in each three-year period after.
    let r = run(json!({
        "today": "2026-12-04", "facts": { "dea_registered": true },
        "credentials": [{ "id": "ny", "rule_set": "NY-MD", "initial_licence": "2018-03-01",
            "expires": "2027-02-28" }],
        "credits": [
            credit("ic", "2025-11-01", 2.0, "AMA_PRA_1", &["infection_control"]),
            credit("op", "2026-08-01", 3.0, "AMA_PRA_1", &["opioid_pain_palliative_addiction"]),
            credit("ca", "2017-10-01", 2.0, "OTHER", &["child_abuse_identification_reporting"]),
        ],
    }));
    let ic = req(&r, "ny", "infection_control");
    assert_eq!(ic.due.unwrap().to_string(), "2030-03-01");
    assert_eq!(ic.status, NotYetDue);
    assert!(reason(&r, "ny", "infection_control", "ic").starts_with("completed before this cycle"));
    check(
        &r,
        "ny",
        "opioid_pain_palliative_addiction",
        3.0,
        Some(0.0),
        Met,
    );
    assert_eq!(
        req(&r, "ny", "opioid_pain_palliative_addiction")
            .due
            .unwrap()
            .to_string(),
        "2029-07-01"
    );
    check(
        &r,
        "ny",
        "child_abuse_identification_reporting",
        2.0,
        Some(0.0),
        Met,
    );
}

#[test]
fn one_credit_counts_for_every_state_that_accepts_it() {
    let r = run(json!({
        "today": "2026-06-01", "facts": { "dea_registered": false, "prescriber_with_dea_or_uses_other_dea": false },
        "credentials": [
            { "id": "fl", "rule_set": "FL-MD", "initial_licence": "2010-01-01", "expires": "2027-01-31" },
            { "id": "pa", "rule_set": "PA-MD", "initial_licence": "2010-01-01", "expires": "2026-12-31" },
        ],
        "credits": [credit("c", "2025-06-01", 10.0, "AMA_PRA_1", &["medical_errors"])],
    }));
    check(&r, "fl", "total", 10.0, Some(30.0), AtRisk);
    check(&r, "pa", "total", 10.0, Some(90.0), AtRisk);
    check(&r, "pa", "AMA_PRA_1", 10.0, Some(10.0), AtRisk);
    check(&r, "fl", "medical_errors", 2.0, Some(0.0), Met);
}

#[test]
fn pennsylvania_buckets_do_not_overlap_and_category_2_is_capped() {
    // 49 Pa. Code 16.19: 100 h, >= 20 Cat 1, <= 80 Cat 2, 12 h patient safety; child-abuse
    // hours may not count toward patient safety (UPMC).
    let r = run(json!({
        "today": "2026-06-01", "facts": { "prescriber_with_dea_or_uses_other_dea": false },
        "credentials": [{ "id": "pa", "rule_set": "PA-MD", "initial_licence": "2010-01-01", "expires": "2026-12-31" }],
        "credits": [
            credit("x", "2025-03-01", 3.0, "AMA_PRA_1", &["child_abuse_recognition_reporting", "patient_safety_risk_management"]),
            credit("y", "2025-04-01", 10.0, "AMA_PRA_1", &["patient_safety_risk_management"]),
            credit("z", "2025-05-01", 90.0, "AMA_PRA_2", &[]),
        ],
    }));
    let ps = req(&r, "pa", "patient_safety_risk_management");
    let ca = req(&r, "pa", "child_abuse_recognition_reporting");
    assert_eq!(
        ps.missing.unwrap() + ca.missing.unwrap(),
        h(1.0),
        "fewest hours missing"
    );
    let x_hours: f64 = [ps, ca]
        .iter()
        .flat_map(|r| r.counted_credits.iter())
        .filter(|c| c.id.as_str() == "x")
        .map(|c| c.hours.as_f64())
        .sum();
    assert_eq!(x_hours, 3.0, "x is split, never double counted");
    check(&r, "pa", "total", 93.0, Some(7.0), OnTrack);
    check(&r, "pa", "AMA_PRA_1", 13.0, Some(7.0), AtRisk);
    check(
        &r,
        "pa",
        "opioid_pain_addiction",
        0.0,
        Some(0.0),
        NotApplicable,
    );
}

#[test]
fn illinois_informal_cap_of_90_hours() {
    // IL: 150 h per 36 months, at least 60 formal, at most 90 informal.
    let r = run(json!({
        "today": "2026-06-01", "facts": { "holds_il_controlled_substance_license": false,
            "direct_patient_interaction_adults_26_plus": false, "treats_children": false },
        "credentials": [{ "id": "il", "rule_set": "IL-MD-DO", "initial_licence": "2010-01-01" }],
        "credits": [
            credit("i1", "2024-01-10", 60.0, "INFORMAL", &[]),
            credit("i2", "2024-02-10", 40.0, "INFORMAL", &[]),
            credit("i3", "2024-03-10", 5.0, "INFORMAL", &[]),
            credit("f1", "2025-01-10", 40.0, "AMA_PRA_1", &["sexual_harassment_prevention", "implicit_bias"]),
        ],
    }));
    assert_eq!(r.credentials[0].end.to_string(), "2026-07-31");
    check(&r, "il", "total", 130.0, Some(20.0), AtRisk);
    check(&r, "il", "formal", 40.0, Some(20.0), AtRisk);
    assert!(reason(&r, "il", "total", "i3").contains("cap of 90 h reached"));
    check(
        &r,
        "il",
        "sexual_harassment_prevention",
        1.0,
        Some(0.0),
        Met,
    );
    check(&r, "il", "implicit_bias", 1.0, Some(0.0), Met);
    check(&r, "il", "cultural_competency", 0.0, Some(1.0), AtRisk);
    check(&r, "il", "dementia", 0.0, Some(0.0), NotApplicable);
}
