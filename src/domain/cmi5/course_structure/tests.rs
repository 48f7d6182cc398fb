use super::{LaunchMethod, MoveOn, parse_course_structure};

/// A course structure with `aus` (and anything else) inside the course's children.
fn package(inner: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">
  <course id="https://courses.example.com/sepsis">
    <title><langstring lang="en-US">Sepsis: recognition in the first hour</langstring></title>
    <description><langstring lang="en-US">A one-hour update.</langstring></description>
  </course>
  {inner}
</courseStructure>"#
    )
}

fn au(id: &str, attributes: &str, url: &str) -> String {
    format!(
        r#"<au id="{id}" {attributes}>
      <title><langstring lang="en-US">Module</langstring></title>
      <description><langstring lang="en-US">The module.</langstring></description>
      <url>{url}</url>
    </au>"#
    )
}

fn refusal(xml: &str) -> String {
    match parse_course_structure(xml) {
        Ok(_) => "accepted".to_owned(),
        Err(err) => err.0,
    }
}

#[test]
fn a_course_with_blocks_and_aus_is_read() {
    let inner = format!(
        r#"{}<block id="https://courses.example.com/sepsis/part-2">
      <title><langstring>Part 2</langstring></title>
      <description><langstring>Cases.</langstring></description>
      {}
    </block>"#,
        au(
            "https://courses.example.com/sepsis/au1",
            r#"moveOn="CompletedAndPassed" masteryScore="0.8""#,
            "index.html"
        ),
        au(
            "https://courses.example.com/sepsis/au2",
            r#"launchMethod="OwnWindow""#,
            "https://cdn.example.com/sepsis/cases.html?lang=en"
        ),
    );
    let read = parse_course_structure(&package(&inner)).map_err(|err| err.0);
    assert!(read.is_ok(), "refused: {read:?}");
    let Ok(course) = read else { return };
    assert_eq!(course.id, "https://courses.example.com/sepsis");
    assert_eq!(course.title[0].1, "Sepsis: recognition in the first hour");
    assert_eq!(course.aus.len(), 2);
    assert_eq!(course.aus[0].move_on, MoveOn::CompletedAndPassed);
    assert_eq!(course.aus[0].mastery_score, Some(0.8));
    assert_eq!(course.aus[0].url, "index.html");
    assert_eq!(course.aus[1].move_on, MoveOn::NotApplicable);
    assert_eq!(course.aus[1].launch_method, LaunchMethod::OwnWindow);
}

#[test]
fn broken_packages_are_refused_with_the_reason() {
    let good = au("https://c.example/au1", "", "index.html");
    let cases = [
        ("<courseStructure", "not well-formed"),
        (
            r#"<courseStructure xmlns="urn:other"/>"#,
            "courseStructure root element",
        ),
        (&package(""), "no assignable unit"),
        (&package(&format!("{good}{good}")), "used more than once"),
        (
            &package(&au(
                "https://c.example/au1",
                r#"moveOn="Finished""#,
                "index.html",
            )),
            "moveOn \"Finished\"",
        ),
        (
            &package(&au(
                "https://c.example/au1",
                r#"masteryScore="1.5""#,
                "index.html",
            )),
            "masteryScore \"1.5\"",
        ),
        (
            &package(&au(
                "https://c.example/au1",
                r#"launchMethod="Popup""#,
                "index.html",
            )),
            "launchMethod \"Popup\"",
        ),
        (
            &package(&au("not an iri", "", "index.html")),
            "not an absolute IRI",
        ),
        (
            &package(&au("https://c.example/au1", "", "index.html?fetch=x")),
            "fetch parameter",
        ),
        (
            &package(&au("https://c.example/au1", "", "")),
            "needs a url",
        ),
        (
            &package(
                r#"<block id="https://c.example/b"><title><langstring>B</langstring></title><description><langstring>B</langstring></description></block>"#,
            ),
            "holds no au or block",
        ),
        (
            &package(
                r#"<au id="https://c.example/au1"><description><langstring>D</langstring></description><url>a.html</url></au>"#,
            ),
            "needs a title",
        ),
    ];
    for (xml, expected) in cases {
        let got = refusal(xml);
        assert!(
            got.contains(expected),
            "expected a refusal containing {expected:?}, got {got:?} for:\n{xml}"
        );
    }
}

#[test]
fn elements_of_other_namespaces_are_skipped() {
    let inner = format!(
        r#"<ext:note xmlns:ext="https://licensure.example/ext">ignored</ext:note>{}"#,
        au("https://c.example/au1", "", "index.html")
    );
    assert_eq!(
        parse_course_structure(&package(&inner)).map(|c| c.aus.len()),
        Ok(1)
    );
}
