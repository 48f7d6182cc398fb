//! Statements from the rules of xAPI 1.0.3's Data section (part two of the specification),
//! each valid or refused at the named place.

use serde_json::{Value, json};

use super::check_statement;

include!("../../../tests/fixtures/xapi_statement_cases.rs");

#[test]
fn every_statement_is_judged_as_the_spec_says() {
    let cases = cases();
    assert!(
        cases.len() >= 60,
        "the issue asks for at least 60 statements"
    );
    let mut wrong = Vec::new();
    for (name, statement, expected) in &cases {
        let got = check_statement(statement);
        let right = match (expected, &got) {
            (None, Ok(())) => true,
            (Some(path), Err(err)) => err.path == *path,
            _ => false,
        };
        if !right {
            wrong.push(format!("{name}: expected {expected:?}, got {got:?}"));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} judged wrongly:\n{}",
        wrong.len(),
        cases.len(),
        wrong.join("\n")
    );
}

#[test]
fn errors_say_where_and_what() {
    let err = check_statement(&statement(
        json!({ "actor": { "mbox": "ada@example.com" } }),
    ))
    .err()
    .map(|err| err.to_string());
    assert_eq!(
        err.as_deref(),
        Some("statement.actor.mbox: must be a mailto: address, such as mailto:ada@example.com")
    );
}
