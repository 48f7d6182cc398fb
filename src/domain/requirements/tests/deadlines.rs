#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Deadline kinds, each from a real set's rule.

use serde_json::json;

use super::support::run;

fn end(rule_set: &str, facts: serde_json::Value, initial: Option<&str>) -> (String, Option<u32>) {
    let report = run(json!({
        "today": "2026-12-04",
        "facts": facts,
        "credentials": [{ "id": "x", "rule_set": rule_set, "initial_licence": initial }],
    }));
    let c = &report.credentials[0];
    (c.end.to_string(), c.renewal_number)
}

#[test]
fn end_of_birth_month_ca_md() {
    // CA: licences expire at the end of the birth month, every two years.
    let got = end(
        "CA-MD",
        json!({ "birth_date": "1971-03-10" }),
        Some("2020-05-01"),
    );
    assert_eq!(got, ("2027-03-31".into(), Some(4)));
}

#[test]
fn birthday_az_md_without_issue_date_takes_the_next_birthday() {
    assert_eq!(
        end("AZ-MD", json!({ "birth_date": "1980-07-15" }), None),
        ("2027-07-15".into(), None)
    );
}

#[test]
fn fixed_date_even_years_pa_md() {
    assert_eq!(end("PA-MD", json!({}), Some("2019-03-01")).0, "2026-12-31");
}

#[test]
fn florida_licence_groups_pick_even_or_odd_years() {
    let group = |g: u8| {
        run(
            json!({ "today": "2026-12-04", "credentials": [{ "id": "fl", "rule_set": "FL-MD",
            "initial_licence": "2014-06-01", "facts": { "licence_group": g } }] }),
        )
        .credentials[0]
            .end
            .to_string()
    };
    assert_eq!(group(1), "2028-01-31");
    assert_eq!(group(2), "2027-01-31");
}

#[test]
fn issue_date_anniversary_oh() {
    assert_eq!(
        end("OH-MD-DO", json!({}), Some("2021-09-15")),
        ("2027-09-15".into(), Some(3))
    );
}

#[test]
fn nc_cycle_starts_on_first_birthday_after_issue() {
    // 21 NCAC 32R .0101: the first three-year cycle starts on the first birthday after issue.
    let got = end(
        "NC-MD-DO",
        json!({ "birth_date": "1980-07-15" }),
        Some("2020-02-01"),
    );
    assert_eq!(got, ("2029-07-15".into(), Some(3)));
}

#[test]
fn illinois_renews_every_three_years_from_2026() {
    assert_eq!(
        end("IL-MD-DO", json!({}), Some("2010-01-01")).0,
        "2029-07-31"
    );
}

#[test]
fn a_missing_fact_for_the_deadline_is_named() {
    let err = super::support::try_run(json!({ "today": "2026-12-04",
        "credentials": [{ "id": "ca", "rule_set": "CA-MD" }] }))
    .unwrap_err();
    assert!(err.to_string().contains("birth_date"), "{err}");
}
