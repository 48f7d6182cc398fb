#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::OnceLock;

use crate::domain::requirements::{
    Case, Catalog, EngineError, Hours, Report, Status, evaluate, report::RequirementReport,
};

pub fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| Catalog::embedded().unwrap())
}

pub fn try_run(case: serde_json::Value) -> Result<Report, EngineError> {
    let case: Case = serde_json::from_value(case).unwrap();
    evaluate(&case, catalog())
}

pub fn run(case: serde_json::Value) -> Report {
    try_run(case).unwrap()
}

pub fn req<'a>(report: &'a Report, credential: &str, key: &str) -> &'a RequirementReport {
    report
        .credentials
        .iter()
        .find(|c| c.id.as_str() == credential)
        .and_then(|c| c.requirements.iter().find(|r| r.key == key))
        .unwrap_or_else(|| panic!("no requirement {key} for {credential}"))
}

pub fn h(hours: f64) -> Hours {
    Hours::from_f64(hours)
}

/// Asserts counted hours, missing hours and status in one line.
pub fn check(
    report: &Report,
    credential: &str,
    key: &str,
    counted: f64,
    missing: Option<f64>,
    status: Status,
) {
    let r = req(report, credential, key);
    assert_eq!(r.counted, h(counted), "{credential}/{key} counted: {r:#?}");
    assert_eq!(
        r.missing,
        missing.map(h),
        "{credential}/{key} missing: {r:#?}"
    );
    assert_eq!(r.status, status, "{credential}/{key} status: {r:#?}");
}

pub fn reason(report: &Report, credential: &str, key: &str, credit: &str) -> String {
    req(report, credential, key)
        .rejected
        .iter()
        .find(|r| r.id.as_str() == credit)
        .map(|r| r.reason.to_string())
        .unwrap_or_else(|| panic!("{credit} not rejected for {credential}/{key}"))
}
