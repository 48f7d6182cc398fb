#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The JSON shape of `licensure evaluate --json`: outside checkers rely on it.

use super::support::run;

#[test]
fn the_issue_example_produces_the_stable_shape() {
    let case: serde_json::Value =
        serde_json::from_str(include_str!("../../../../examples/cases/fl-md.json")).unwrap();
    let report = serde_json::to_value(run(case)).unwrap();
    assert_eq!(report["today"], "2026-12-04");
    let credential = &report["credentials"][0];
    assert_eq!(credential["rule_set"], "FL-MD");
    assert_eq!(credential["start"], "2025-02-01");
    assert_eq!(credential["end"], "2027-01-31");
    let total = &credential["requirements"][0];
    assert_eq!(total["key"], "total");
    assert_eq!(total["required"], 40.0);
    assert_eq!(total["counted"], 12.0);
    assert_eq!(total["missing"], 28.0);
    assert_eq!(total["status"], "at_risk");
    assert_eq!(total["due"], "2027-01-31");
    assert_eq!(
        total["counted_credits"][0],
        serde_json::json!({ "id": "c1", "hours": 12.0 })
    );
    assert!(total["rejected"].is_array());
    for requirement in credential["requirements"].as_array().unwrap() {
        for field in [
            "key",
            "required",
            "counted",
            "missing",
            "status",
            "due",
            "counted_credits",
            "rejected",
        ] {
            assert!(
                requirement.get(field).is_some(),
                "{field} missing in {requirement}"
            );
        }
    }
    let first = &report["next_steps"][0];
    assert_eq!(first["status"], "overdue");
    assert_eq!(first["key"], "hiv_aids");
}
