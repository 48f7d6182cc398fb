//! What stored statements are indexed by, how they are formatted, and how queries are read.

use serde_json::json;

use super::{
    format::{Format, accept_language, apply},
    index::{agent_key, mentions, target_id},
    query::{StatementQuery, parse},
    stored::{prepare, same_statement},
};

fn params(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

#[test]
fn agents_are_the_same_by_kind_and_identifier_only() {
    let a = json!({"mbox": "mailto:ann@example.org", "name": "Ann"});
    let b = json!({"objectType": "Agent", "mbox": "mailto:ann@example.org"});
    let group = json!({"objectType": "Group", "mbox": "mailto:ann@example.org"});
    assert_eq!(agent_key(&a), agent_key(&b));
    assert_ne!(agent_key(&a), agent_key(&group));
    let account = json!({"account": {"homePage": "https://lms.example", "name": "42"}});
    assert_eq!(
        agent_key(&account).as_deref(),
        Some("Agent:account=https://lms.example|42")
    );
    assert_eq!(
        agent_key(&json!({"objectType": "Group", "member": []})),
        None
    );
}

#[test]
fn mentions_separate_direct_from_related() {
    let statement = json!({
        "actor": {"objectType": "Group", "member": [{"mbox": "mailto:m@example.org"}]},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/attended"},
        "object": {"id": "https://courses.example/a"},
        "context": {
            "instructor": {"mbox": "mailto:teacher@example.org"},
            "contextActivities": {
                "parent": [{"id": "https://courses.example/course"}],
                "grouping": {"id": "https://courses.example/a"}
            }
        },
        "authority": {"mbox": "mailto:lrs@example.org"}
    });
    let found = mentions(&statement);
    let direct: Vec<(&str, bool)> = found
        .agents
        .iter()
        .map(|m| (m.key.as_str(), m.direct))
        .collect();
    assert_eq!(
        direct,
        vec![
            ("Agent:mbox=mailto:m@example.org", false),
            ("Agent:mbox=mailto:teacher@example.org", false),
            ("Agent:mbox=mailto:lrs@example.org", false),
        ]
    );
    // The object stays direct although the same id appears again as context.
    assert!(
        found
            .activities
            .iter()
            .any(|m| m.key == "https://courses.example/a" && m.direct)
    );
    assert!(
        found
            .activities
            .iter()
            .any(|m| m.key == "https://courses.example/course" && !m.direct)
    );
}

#[test]
fn sub_statement_parts_are_related_only() {
    let statement = json!({
        "actor": {"mbox": "mailto:a@example.org"},
        "verb": {"id": "http://example.org/planned"},
        "object": {
            "objectType": "SubStatement",
            "actor": {"mbox": "mailto:b@example.org"},
            "verb": {"id": "http://example.org/visit"},
            "object": {"id": "http://example.org/museum"}
        }
    });
    let found = mentions(&statement);
    assert!(
        found
            .agents
            .iter()
            .any(|m| m.key.ends_with("b@example.org") && !m.direct)
    );
    assert!(!found.activities[0].direct);
    assert_eq!(target_id(&statement), None);
    let voiding = json!({"object": {"objectType": "StatementRef", "id": "x"}});
    assert_eq!(target_id(&voiding), Some("x"));
}

#[test]
fn ids_format_keeps_only_identifiers() {
    let statement = json!({
        "actor": {"mbox": "mailto:a@example.org", "name": "A"},
        "verb": {"id": "http://example.org/v", "display": {"en-US": "did"}},
        "object": {"id": "http://example.org/o", "definition": {"name": {"en": "O"}}}
    });
    let out = apply(&statement, Format::Ids, &[]);
    assert_eq!(
        out,
        json!({
            "actor": {"mbox": "mailto:a@example.org"},
            "verb": {"id": "http://example.org/v"},
            "object": {"id": "http://example.org/o"}
        })
    );
}

#[test]
fn canonical_format_keeps_the_preferred_language() {
    let statement = json!({
        "verb": {"id": "http://example.org/v", "display": {"en-US": "did", "fr-FR": "a fait"}},
        "object": {"id": "http://example.org/o", "definition": {
            "name": {"de": "Kurs", "fr-CA": "Cours"},
            "extensions": {"http://example.org/x": {"name": {"a": 1, "b": 2}}}
        }}
    });
    let languages = accept_language("fr-FR;q=0.9, de;q=0.5, *;q=0.1");
    assert_eq!(languages, vec!["fr-FR", "de"]);
    let out = apply(&statement, Format::Canonical, &languages);
    assert_eq!(out["verb"]["display"], json!({"fr-FR": "a fait"}));
    // No exact fr-FR name: the primary language fr matches fr-CA before de.
    assert_eq!(
        out["object"]["definition"]["name"],
        json!({"fr-CA": "Cours"})
    );
    assert_eq!(
        out["object"]["definition"]["extensions"]["http://example.org/x"]["name"],
        json!({"a": 1, "b": 2})
    );
}

#[test]
fn the_lrs_owns_id_stored_authority_and_defaults() {
    let sent = json!({"actor": {"mbox": "mailto:a@example.org"}, "verb": {"id": "http://e/v"},
        "object": {"id": "http://e/o"}, "authority": {"mbox": "mailto:forged@example.org"}});
    let authority =
        json!({"objectType": "Agent", "account": {"homePage": "https://lrs", "name": "k"}});
    let stored = prepare(&sent, "id-1", "2026-12-05T10:00:00.000Z", &authority);
    assert_eq!(stored["authority"], authority);
    assert_eq!(stored["version"], "1.0.0");
    assert_eq!(stored["timestamp"], "2026-12-05T10:00:00.000Z");
    assert!(same_statement(&sent, &stored));
    let mut changed = sent.clone();
    changed["verb"]["id"] = json!("http://e/other");
    assert!(!same_statement(&changed, &stored));
}

#[test]
fn group_member_order_does_not_make_a_different_statement() {
    let a = json!({"actor": {"objectType": "Group", "member": [
        {"mbox": "mailto:a@example.org"}, {"mbox": "mailto:b@example.org"}]}});
    let b = json!({"actor": {"objectType": "Group", "member": [
        {"mbox": "mailto:b@example.org"}, {"mbox": "mailto:a@example.org"}]}});
    assert!(same_statement(&a, &b));
}

#[test]
fn queries_are_checked_before_anything_is_read() {
    let single = parse(&params(&[(
        "statementId",
        "6F0D3A2E-0000-4000-8000-000000000001",
    )]));
    assert!(
        matches!(single, Ok(StatementQuery::Single { voided: false, ref id, .. })
        if id == "6f0d3a2e-0000-4000-8000-000000000001")
    );
    let refused = [
        (vec![("statementId", "x")], "UUID"),
        (
            vec![
                ("statementId", "6f0d3a2e-0000-4000-8000-000000000001"),
                ("verb", "http://e/v"),
            ],
            "cannot be combined",
        ),
        (
            vec![
                ("statementId", "6f0d3a2e-0000-4000-8000-000000000001"),
                ("voidedStatementId", "6f0d3a2e-0000-4000-8000-000000000001"),
            ],
            "not both",
        ),
        (vec![("limit", "-1")], "limit"),
        (vec![("format", "full")], "format"),
        (vec![("ascending", "yes")], "ascending"),
        (vec![("since", "yesterday")], "since"),
        (vec![("verb", "not an iri")], "verb must be an IRI"),
        (vec![("agent", "{\"name\": \"no id\"}")], "agent"),
        (
            vec![("agent", "mailto:a@example.org")],
            "agent must be JSON",
        ),
        (vec![("registration", "12")], "registration"),
        (vec![("colour", "blue")], "not a statements parameter"),
    ];
    for (pairs, expected) in refused {
        match parse(&params(&pairs)) {
            Err(err) => assert!(err.0.contains(expected), "{pairs:?}: {err}"),
            Ok(query) => unreachable!("{pairs:?} was accepted as {query:?}"),
        }
    }
    let Ok(StatementQuery::Filter(filter)) = parse(&params(&[
        ("agent", "{\"mbox\": \"mailto:a@example.org\"}"),
        ("related_agents", "true"),
        ("since", "2026-12-05T10:00:00+01:00"),
        ("limit", "10"),
        ("ascending", "true"),
    ])) else {
        unreachable!("a good query was refused");
    };
    assert_eq!(
        filter.agent.as_deref(),
        Some("Agent:mbox=mailto:a@example.org")
    );
    assert!(filter.related_agents && filter.ascending);
    assert_eq!(filter.limit, 10);
    assert_eq!(
        filter.since.map(|t| t.to_rfc3339()),
        Some("2026-12-05T09:00:00+00:00".to_owned())
    );
}
