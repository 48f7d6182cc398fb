//! Statements from the rules of xAPI 1.0.3's Data section (part two of the specification),
//! each valid or refused at the named place.

use serde_json::{Value, json};

use super::check_statement;

const ID: &str = "fd41c918-b88b-4b20-a0a5-a4c32391aaa0";
const OTHER_ID: &str = "e5e4b1c2-0a6f-4d8e-9b3c-1f2a3b4c5d6e";

fn actor() -> Value {
    json!({ "objectType": "Agent", "name": "Ada Clinician", "mbox": "mailto:ada@example.com" })
}

fn verb() -> Value {
    json!({ "id": "http://adlnet.gov/expapi/verbs/completed", "display": { "en-US": "completed" } })
}

fn activity() -> Value {
    json!({ "objectType": "Activity", "id": "https://courses.example.com/sepsis-update" })
}

/// A valid statement with `patch` merged over its top level (a `null` removes a property).
fn statement(patch: Value) -> Value {
    let mut base = json!({ "id": ID, "actor": actor(), "verb": verb(), "object": activity() });
    if let (Some(base), Some(patch)) = (base.as_object_mut(), patch.as_object()) {
        for (key, value) in patch {
            if value.is_null() {
                base.remove(key);
            } else {
                base.insert(key.clone(), value.clone());
            }
        }
    }
    base
}

/// `None`: valid. `Some(path)`: refused, the error naming this place.
type Expected = Option<&'static str>;

fn cases() -> Vec<(&'static str, Value, Expected)> {
    let ok = None;
    vec![
        // The statement as a whole.
        ("the minimal statement", statement(json!({})), ok),
        (
            "no id: the LRS assigns one",
            statement(json!({ "id": null })),
            ok,
        ),
        (
            "an id that is not a UUID",
            statement(json!({ "id": "not-a-uuid" })),
            Some("statement.id"),
        ),
        (
            "an id that is a number",
            statement(json!({ "id": 42 })),
            Some("statement.id"),
        ),
        (
            "an unknown property",
            statement(json!({ "mood": "happy" })),
            Some("statement.mood"),
        ),
        (
            "a property in the wrong case",
            statement(json!({ "Verb": verb() })),
            Some("statement.Verb"),
        ),
        (
            "no actor",
            statement(json!({ "actor": null })),
            Some("statement"),
        ),
        (
            "no verb",
            statement(json!({ "verb": null })),
            Some("statement"),
        ),
        (
            "no object",
            statement(json!({ "object": null })),
            Some("statement"),
        ),
        (
            "a statement that is an array",
            json!([statement(json!({}))]),
            Some("statement"),
        ),
        (
            "version 1.0.3",
            statement(json!({ "version": "1.0.3" })),
            ok,
        ),
        ("version 1.0", statement(json!({ "version": "1.0" })), ok),
        (
            "version 0.95",
            statement(json!({ "version": "0.95" })),
            Some("statement.version"),
        ),
        (
            "version 1.1.0",
            statement(json!({ "version": "1.1.0" })),
            Some("statement.version"),
        ),
        (
            "a timestamp with its zone",
            statement(json!({ "timestamp": "2026-12-05T09:30:00.123Z" })),
            ok,
        ),
        (
            "a timestamp with an offset",
            statement(json!({ "timestamp": "2026-12-05T09:30:00+01:00" })),
            ok,
        ),
        (
            "a timestamp without a zone",
            statement(json!({ "timestamp": "2026-12-05T09:30:00" })),
            Some("statement.timestamp"),
        ),
        (
            "a date that is not a timestamp",
            statement(json!({ "timestamp": "05/12/2026" })),
            Some("statement.timestamp"),
        ),
        (
            "stored as a timestamp",
            statement(json!({ "stored": "2026-12-05T09:30:00Z" })),
            ok,
        ),
        // Actors.
        (
            "an agent without objectType",
            statement(json!({ "actor": { "mbox": "mailto:ada@example.com" } })),
            ok,
        ),
        (
            "an agent by mbox_sha1sum",
            statement(
                json!({ "actor": { "mbox_sha1sum": "ebd31e95054c018b10727ccffd2ef2ec3a016ee9" } }),
            ),
            ok,
        ),
        (
            "an agent by openid",
            statement(json!({ "actor": { "openid": "https://openid.example.com/ada" } })),
            ok,
        ),
        (
            "an agent by account",
            statement(
                json!({ "actor": { "account": { "homePage": "https://licensure.example", "name": "ada" } } }),
            ),
            ok,
        ),
        (
            "an agent without an identifier",
            statement(json!({ "actor": { "name": "Ada" } })),
            Some("statement.actor"),
        ),
        (
            "an agent with two identifiers",
            statement(
                json!({ "actor": { "mbox": "mailto:ada@example.com", "openid": "https://openid.example.com/ada" } }),
            ),
            Some("statement.actor"),
        ),
        (
            "an mbox without mailto:",
            statement(json!({ "actor": { "mbox": "ada@example.com" } })),
            Some("statement.actor.mbox"),
        ),
        (
            "an mbox without a domain",
            statement(json!({ "actor": { "mbox": "mailto:ada" } })),
            Some("statement.actor.mbox"),
        ),
        (
            "a sha1sum too short",
            statement(json!({ "actor": { "mbox_sha1sum": "ebd31e95" } })),
            Some("statement.actor.mbox_sha1sum"),
        ),
        (
            "an account without homePage",
            statement(json!({ "actor": { "account": { "name": "ada" } } })),
            Some("statement.actor.account"),
        ),
        (
            "an account without name",
            statement(
                json!({ "actor": { "account": { "homePage": "https://licensure.example" } } }),
            ),
            Some("statement.actor.account"),
        ),
        (
            "an account homePage that is not an address",
            statement(
                json!({ "actor": { "account": { "homePage": "licensure", "name": "ada" } } }),
            ),
            Some("statement.actor.account.homePage"),
        ),
        (
            "an agent's name that is not a string",
            statement(json!({ "actor": { "name": 7, "mbox": "mailto:ada@example.com" } })),
            Some("statement.actor.name"),
        ),
        (
            "an unknown objectType for the actor",
            statement(
                json!({ "actor": { "objectType": "Person", "mbox": "mailto:ada@example.com" } }),
            ),
            Some("statement.actor.objectType"),
        ),
        (
            "an identified group",
            statement(
                json!({ "actor": { "objectType": "Group", "name": "Ward 4", "mbox": "mailto:ward4@example.com" } }),
            ),
            ok,
        ),
        (
            "an anonymous group with members",
            statement(
                json!({ "actor": { "objectType": "Group", "member": [{ "mbox": "mailto:ada@example.com" }, { "mbox": "mailto:bo@example.com" }] } }),
            ),
            ok,
        ),
        (
            "an anonymous group without members",
            statement(json!({ "actor": { "objectType": "Group" } })),
            Some("statement.actor"),
        ),
        (
            "an anonymous group with an empty member list",
            statement(json!({ "actor": { "objectType": "Group", "member": [] } })),
            Some("statement.actor.member"),
        ),
        (
            "a group inside a group",
            statement(
                json!({ "actor": { "objectType": "Group", "member": [{ "objectType": "Group", "mbox": "mailto:ward@example.com" }] } }),
            ),
            Some("statement.actor.member[0].objectType"),
        ),
        (
            "an agent with members",
            statement(json!({ "actor": { "mbox": "mailto:ada@example.com", "member": [] } })),
            Some("statement.actor.member"),
        ),
        // Verbs.
        (
            "a verb without display",
            statement(json!({ "verb": { "id": "http://adlnet.gov/expapi/verbs/attempted" } })),
            ok,
        ),
        (
            "a verb without id",
            statement(json!({ "verb": { "display": { "en-US": "did" } } })),
            Some("statement.verb"),
        ),
        (
            "a verb id that is not an IRI",
            statement(json!({ "verb": { "id": "completed" } })),
            Some("statement.verb.id"),
        ),
        (
            "a verb id with a space",
            statement(json!({ "verb": { "id": "http://example.com/my verb" } })),
            Some("statement.verb.id"),
        ),
        (
            "a display that is a string",
            statement(json!({ "verb": { "id": "http://example.com/v", "display": "done" } })),
            Some("statement.verb.display"),
        ),
        (
            "a display keyed by a bad language tag",
            statement(
                json!({ "verb": { "id": "http://example.com/v", "display": { "english language": "done" } } }),
            ),
            Some("statement.verb.display.english language"),
        ),
        (
            "a verb with an unknown property",
            statement(json!({ "verb": { "id": "http://example.com/v", "name": "v" } })),
            Some("statement.verb.name"),
        ),
        // Objects.
        (
            "an activity without objectType",
            statement(json!({ "object": { "id": "https://courses.example.com/a" } })),
            ok,
        ),
        (
            "an activity without id",
            statement(json!({ "object": { "objectType": "Activity" } })),
            Some("statement.object"),
        ),
        (
            "an activity id that is not an IRI",
            statement(json!({ "object": { "id": "sepsis" } })),
            Some("statement.object.id"),
        ),
        (
            "an activity with a full definition",
            statement(
                json!({ "object": { "id": "https://courses.example.com/q1", "definition": {
            "name": { "en-US": "Question 1" }, "description": { "en-US": "Pick one" },
            "type": "http://adlnet.gov/expapi/activities/cmi.interaction",
            "moreInfo": "https://courses.example.com/q1/info",
            "interactionType": "choice", "correctResponsesPattern": ["b"],
            "choices": [{ "id": "a", "description": { "en-US": "A" } }, { "id": "b", "description": { "en-US": "B" } }],
            "extensions": { "https://licensure.example/ext/hours": 1.5 } } } }),
            ),
            ok,
        ),
        (
            "an unknown interaction type",
            statement(
                json!({ "object": { "id": "https://c.example/q", "definition": { "interactionType": "essay" } } }),
            ),
            Some("statement.object.definition.interactionType"),
        ),
        (
            "choices on a likert question",
            statement(
                json!({ "object": { "id": "https://c.example/q", "definition": { "interactionType": "likert", "choices": [{ "id": "a" }] } } }),
            ),
            Some("statement.object.definition.choices"),
        ),
        (
            "repeated component ids",
            statement(
                json!({ "object": { "id": "https://c.example/q", "definition": { "interactionType": "choice", "choices": [{ "id": "a" }, { "id": "a" }] } } }),
            ),
            Some("statement.object.definition.choices[1].id"),
        ),
        (
            "a response pattern without an interaction type",
            statement(
                json!({ "object": { "id": "https://c.example/q", "definition": { "correctResponsesPattern": ["a"] } } }),
            ),
            Some("statement.object.definition.correctResponsesPattern"),
        ),
        (
            "an extension keyed by a plain word",
            statement(
                json!({ "object": { "id": "https://c.example/q", "definition": { "extensions": { "hours": 1 } } } }),
            ),
            Some("statement.object.definition.extensions.hours"),
        ),
        (
            "moreInfo that is not an address",
            statement(
                json!({ "object": { "id": "https://c.example/q", "definition": { "moreInfo": "urn:x:y" } } }),
            ),
            Some("statement.object.definition.moreInfo"),
        ),
        (
            "an agent as object",
            statement(
                json!({ "object": { "objectType": "Agent", "mbox": "mailto:bo@example.com" } }),
            ),
            ok,
        ),
        (
            "a statement reference",
            statement(json!({ "object": { "objectType": "StatementRef", "id": OTHER_ID } })),
            ok,
        ),
        (
            "a statement reference without id",
            statement(json!({ "object": { "objectType": "StatementRef" } })),
            Some("statement.object"),
        ),
        (
            "a statement reference to a non-UUID",
            statement(
                json!({ "object": { "objectType": "StatementRef", "id": "https://x.example/s" } }),
            ),
            Some("statement.object.id"),
        ),
        (
            "an unknown objectType",
            statement(json!({ "object": { "objectType": "Course", "id": "https://c.example/a" } })),
            Some("statement.object.objectType"),
        ),
        (
            "a sub-statement",
            statement(
                json!({ "object": { "objectType": "SubStatement", "actor": actor(), "verb": verb(), "object": activity() } }),
            ),
            ok,
        ),
        (
            "a sub-statement with an id",
            statement(
                json!({ "object": { "objectType": "SubStatement", "id": OTHER_ID, "actor": actor(), "verb": verb(), "object": activity() } }),
            ),
            Some("statement.object.id"),
        ),
        (
            "a sub-statement with stored",
            statement(
                json!({ "object": { "objectType": "SubStatement", "stored": "2026-12-05T09:30:00Z", "actor": actor(), "verb": verb(), "object": activity() } }),
            ),
            Some("statement.object.stored"),
        ),
        (
            "a sub-statement inside a sub-statement",
            statement(
                json!({ "object": { "objectType": "SubStatement", "actor": actor(), "verb": verb(),
            "object": { "objectType": "SubStatement", "actor": actor(), "verb": verb(), "object": activity() } } }),
            ),
            Some("statement.object.object.objectType"),
        ),
        (
            "a sub-statement without a verb",
            statement(
                json!({ "object": { "objectType": "SubStatement", "actor": actor(), "object": activity() } }),
            ),
            Some("statement.object"),
        ),
        // Voiding.
        (
            "voiding a statement by reference",
            statement(
                json!({ "verb": { "id": "http://adlnet.gov/expapi/verbs/voided" }, "object": { "objectType": "StatementRef", "id": OTHER_ID } }),
            ),
            ok,
        ),
        (
            "voiding an activity",
            statement(json!({ "verb": { "id": "http://adlnet.gov/expapi/verbs/voided" } })),
            Some("statement.object"),
        ),
        // Results.
        (
            "a full result",
            statement(
                json!({ "result": { "score": { "scaled": 0.9, "raw": 9, "min": 0, "max": 10 }, "success": true, "completion": true, "response": "b", "duration": "PT1H30M", "extensions": { "https://licensure.example/ext/x": 1 } } }),
            ),
            ok,
        ),
        (
            "a scaled score over 1",
            statement(json!({ "result": { "score": { "scaled": 1.5 } } })),
            Some("statement.result.score.scaled"),
        ),
        (
            "a raw score above max",
            statement(json!({ "result": { "score": { "raw": 11, "max": 10 } } })),
            Some("statement.result.score.raw"),
        ),
        (
            "a raw score below min",
            statement(json!({ "result": { "score": { "raw": -1, "min": 0 } } })),
            Some("statement.result.score.raw"),
        ),
        (
            "min not below max",
            statement(json!({ "result": { "score": { "min": 10, "max": 10 } } })),
            Some("statement.result.score.min"),
        ),
        (
            "a score as a string",
            statement(json!({ "result": { "score": { "scaled": "0.5" } } })),
            Some("statement.result.score.scaled"),
        ),
        (
            "success as a string",
            statement(json!({ "result": { "success": "true" } })),
            Some("statement.result.success"),
        ),
        (
            "a duration with fractional seconds",
            statement(json!({ "result": { "duration": "PT4.5S" } })),
            ok,
        ),
        (
            "a duration in days and hours",
            statement(json!({ "result": { "duration": "P1DT2H" } })),
            ok,
        ),
        (
            "a duration that is minutes as a number",
            statement(json!({ "result": { "duration": "90" } })),
            Some("statement.result.duration"),
        ),
        (
            "a duration with T and nothing after",
            statement(json!({ "result": { "duration": "P1DT" } })),
            Some("statement.result.duration"),
        ),
        (
            "a duration with units out of order",
            statement(json!({ "result": { "duration": "PT30M1H" } })),
            Some("statement.result.duration"),
        ),
        (
            "an unknown result property",
            statement(json!({ "result": { "grade": "A" } })),
            Some("statement.result.grade"),
        ),
        // Context.
        (
            "a full context",
            statement(
                json!({ "context": { "registration": OTHER_ID, "instructor": { "mbox": "mailto:tutor@example.com" },
            "team": { "objectType": "Group", "mbox": "mailto:ward4@example.com" },
            "contextActivities": { "parent": [{ "id": "https://c.example/course" }], "grouping": { "id": "https://c.example/program" }, "category": [{ "id": "https://w3id.org/xapi/cmi5/context/categories/cmi5" }] },
            "revision": "2", "platform": "Licensure", "language": "en-US", "statement": { "objectType": "StatementRef", "id": OTHER_ID },
            "extensions": { "https://w3id.org/xapi/cmi5/context/extensions/sessionid": "s1" } } }),
            ),
            ok,
        ),
        (
            "a registration that is not a UUID",
            statement(json!({ "context": { "registration": "r-1" } })),
            Some("statement.context.registration"),
        ),
        (
            "a team that is an agent",
            statement(json!({ "context": { "team": { "mbox": "mailto:ada@example.com" } } })),
            Some("statement.context.team"),
        ),
        (
            "revision when the object is an agent",
            statement(
                json!({ "object": { "objectType": "Agent", "mbox": "mailto:bo@example.com" }, "context": { "revision": "2" } }),
            ),
            Some("statement.context.revision"),
        ),
        (
            "platform when the object is a statement reference",
            statement(
                json!({ "object": { "objectType": "StatementRef", "id": OTHER_ID }, "context": { "platform": "x" } }),
            ),
            Some("statement.context.platform"),
        ),
        (
            "a context activity list with an unknown key",
            statement(
                json!({ "context": { "contextActivities": { "sibling": [{ "id": "https://c.example/a" }] } } }),
            ),
            Some("statement.context.contextActivities.sibling"),
        ),
        (
            "a context activity without id",
            statement(
                json!({ "context": { "contextActivities": { "parent": [{ "objectType": "Activity" }] } } }),
            ),
            Some("statement.context.contextActivities.parent[0]"),
        ),
        (
            "a context activity that is an agent",
            statement(
                json!({ "context": { "contextActivities": { "other": { "objectType": "Agent", "mbox": "mailto:a@example.com" } } } }),
            ),
            Some("statement.context.contextActivities.other.objectType"),
        ),
        (
            "a bad context language",
            statement(json!({ "context": { "language": "english!" } })),
            Some("statement.context.language"),
        ),
        (
            "a context statement that is an activity",
            statement(
                json!({ "context": { "statement": { "objectType": "Activity", "id": "https://c.example/a" } } }),
            ),
            Some("statement.context.statement.objectType"),
        ),
        // Authority.
        (
            "an agent as authority",
            statement(
                json!({ "authority": { "account": { "homePage": "https://licensure.example", "name": "provider-1" } } }),
            ),
            ok,
        ),
        (
            "an OAuth pair as authority",
            statement(json!({ "authority": { "objectType": "Group", "member": [
            { "account": { "homePage": "https://licensure.example", "name": "app" } }, { "mbox": "mailto:ada@example.com" }] } })),
            ok,
        ),
        (
            "a group of three as authority",
            statement(json!({ "authority": { "objectType": "Group", "member": [
            { "mbox": "mailto:a@example.com" }, { "mbox": "mailto:b@example.com" }, { "mbox": "mailto:c@example.com" }] } })),
            Some("statement.authority"),
        ),
        // Attachments.
        (
            "an attachment",
            statement(
                json!({ "attachments": [{ "usageType": "http://adlnet.gov/expapi/attachments/signature", "display": { "en-US": "Signature" },
            "contentType": "application/octet-stream", "length": 4235, "sha2": "672fa5fa658017f1b72d65036f13379c6ab05d4ab3b6664908d8acf0b6a0c634" }] }),
            ),
            ok,
        ),
        (
            "an attachment without sha2",
            statement(
                json!({ "attachments": [{ "usageType": "http://example.com/u", "display": { "en-US": "x" }, "contentType": "text/plain", "length": 1 }] }),
            ),
            Some("statement.attachments[0]"),
        ),
        (
            "an attachment length that is negative",
            statement(
                json!({ "attachments": [{ "usageType": "http://example.com/u", "display": { "en-US": "x" }, "contentType": "text/plain", "length": -1, "sha2": "ab" }] }),
            ),
            Some("statement.attachments[0].length"),
        ),
        (
            "attachments that are not an array",
            statement(json!({ "attachments": { "usageType": "http://example.com/u" } })),
            Some("statement.attachments"),
        ),
    ]
}

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
