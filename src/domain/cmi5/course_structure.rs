//! Reads a cmi5 course structure and applies the specification's rules to it: the course's
//! id, title and description; blocks that hold something; assignable units (AUs) with a
//! launch address, a move-on criterion and a mastery score in range; ids unique throughout.

use roxmltree::{Document, Node};

use crate::domain::xapi::is_iri;

/// The namespace of cmi5 course structures (cmi5 quartz, section 13).
pub const NAMESPACE: &str = "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd";

/// Query parameters the LMS adds when it launches an AU; the AU's own URL may not use them.
const LAUNCH_PARAMETERS: [&str; 5] = ["endpoint", "fetch", "actor", "activityId", "registration"];

#[derive(Clone, Debug, PartialEq)]
pub struct CourseStructure {
    pub id: String,
    /// The title in the first language given, then each (language, text).
    pub title: Vec<(String, String)>,
    pub description: Vec<(String, String)>,
    /// Every AU, in document order, blocks flattened.
    pub aus: Vec<Au>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Au {
    pub id: String,
    pub title: Vec<(String, String)>,
    pub url: String,
    pub move_on: MoveOn,
    pub mastery_score: Option<f64>,
    pub launch_method: LaunchMethod,
    pub launch_parameters: Option<String>,
}

/// What the learner must do in an AU for it to count toward the course.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MoveOn {
    Passed,
    Completed,
    CompletedAndPassed,
    CompletedOrPassed,
    NotApplicable,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LaunchMethod {
    AnyWindow,
    OwnWindow,
}

/// Why a package was refused, in words for the administrator who uploaded it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct PackageError(pub String);

fn refuse(message: impl Into<String>) -> PackageError {
    PackageError(message.into())
}

/// Reads and checks a course structure; the first broken rule is the error.
pub fn parse_course_structure(xml: &str) -> Result<CourseStructure, PackageError> {
    let document = Document::parse(xml)
        .map_err(|err| refuse(format!("cmi5.xml is not well-formed XML: {err}")))?;
    let root = document.root_element();
    if root.tag_name().name() != "courseStructure" || root.tag_name().namespace() != Some(NAMESPACE)
    {
        return Err(refuse(format!(
            "cmi5.xml must have a courseStructure root element in the namespace {NAMESPACE}"
        )));
    }
    let mut children = cmi5_children(root);
    let course = children
        .next()
        .filter(|node| node.tag_name().name() == "course")
        .ok_or_else(|| refuse("the course structure must start with a course element"))?;
    let mut ids = Vec::new();
    let id = identifier(course, "the course", &mut ids)?;
    let title = texts(course, "title", "the course")?;
    let description = texts(course, "description", "the course")?;
    let mut aus = Vec::new();
    for node in children {
        match node.tag_name().name() {
            "objectives" => objectives(node, &mut ids)?,
            "au" => aus.push(au(node, &mut ids)?),
            "block" => block(node, &mut ids, &mut aus)?,
            other => {
                return Err(refuse(format!(
                    "unexpected element {other} in the course structure"
                )));
            }
        }
    }
    if aus.is_empty() {
        return Err(refuse("the course has no assignable unit (au)"));
    }
    Ok(CourseStructure {
        id,
        title,
        description,
        aus,
    })
}

/// Child elements in the cmi5 namespace; elements of other namespaces are extensions the
/// specification allows and readers skip.
fn cmi5_children<'a, 'input>(node: Node<'a, 'input>) -> impl Iterator<Item = Node<'a, 'input>> {
    node.children()
        .filter(|child| child.is_element() && child.tag_name().namespace() == Some(NAMESPACE))
}

/// The element's `id`: present, an absolute IRI, and not used before in the package.
fn identifier(
    node: Node<'_, '_>,
    what: &str,
    ids: &mut Vec<String>,
) -> Result<String, PackageError> {
    let id = node
        .attribute("id")
        .ok_or_else(|| refuse(format!("{what} needs an id attribute")))?;
    if !is_iri(id) {
        return Err(refuse(format!(
            "{what}'s id \"{id}\" is not an absolute IRI"
        )));
    }
    if ids.iter().any(|seen| seen == id) {
        return Err(refuse(format!("the id \"{id}\" is used more than once")));
    }
    ids.push(id.to_owned());
    Ok(id.to_owned())
}

/// A required title or description: one or more `langstring` elements with text.
fn texts(
    node: Node<'_, '_>,
    name: &str,
    what: &str,
) -> Result<Vec<(String, String)>, PackageError> {
    let element = cmi5_children(node)
        .find(|child| child.tag_name().name() == name)
        .ok_or_else(|| refuse(format!("{what} needs a {name}")))?;
    let strings: Vec<(String, String)> = cmi5_children(element)
        .filter(|child| child.tag_name().name() == "langstring")
        .map(|s| {
            (
                s.attribute("lang").unwrap_or_default().to_owned(),
                s.text().unwrap_or_default().trim().to_owned(),
            )
        })
        .collect();
    if strings.is_empty() || strings.iter().any(|(_, text)| text.is_empty()) {
        return Err(refuse(format!(
            "{what}'s {name} needs at least one langstring with text"
        )));
    }
    Ok(strings)
}

fn block(node: Node<'_, '_>, ids: &mut Vec<String>, aus: &mut Vec<Au>) -> Result<(), PackageError> {
    let id = identifier(node, "a block", ids)?;
    let what = format!("the block {id}");
    texts(node, "title", &what)?;
    texts(node, "description", &what)?;
    let mut holds = 0;
    for child in cmi5_children(node) {
        match child.tag_name().name() {
            "title" | "description" | "objectives" => {}
            "au" => {
                aus.push(au(child, ids)?);
                holds += 1;
            }
            "block" => {
                block(child, ids, aus)?;
                holds += 1;
            }
            other => return Err(refuse(format!("unexpected element {other} in {what}"))),
        }
    }
    if holds == 0 {
        return Err(refuse(format!("{what} holds no au or block")));
    }
    Ok(())
}

fn objectives(node: Node<'_, '_>, ids: &mut Vec<String>) -> Result<(), PackageError> {
    for objective in cmi5_children(node) {
        let id = identifier(objective, "an objective", ids)?;
        let what = format!("the objective {id}");
        texts(objective, "title", &what)?;
        texts(objective, "description", &what)?;
    }
    Ok(())
}

fn au(node: Node<'_, '_>, ids: &mut Vec<String>) -> Result<Au, PackageError> {
    let id = identifier(node, "an au", ids)?;
    let what = format!("the au {id}");
    let title = texts(node, "title", &what)?;
    texts(node, "description", &what)?;
    let move_on = match node.attribute("moveOn").unwrap_or("NotApplicable") {
        "Passed" => MoveOn::Passed,
        "Completed" => MoveOn::Completed,
        "CompletedAndPassed" => MoveOn::CompletedAndPassed,
        "CompletedOrPassed" => MoveOn::CompletedOrPassed,
        "NotApplicable" => MoveOn::NotApplicable,
        other => {
            return Err(refuse(format!(
                "{what} has moveOn \"{other}\"; it must be Passed, Completed, CompletedAndPassed, CompletedOrPassed or NotApplicable"
            )));
        }
    };
    let mastery_score = match node.attribute("masteryScore") {
        None => None,
        Some(text) => match text.trim().parse::<f64>() {
            Ok(score) if (0.0..=1.0).contains(&score) => Some(score),
            _ => {
                return Err(refuse(format!(
                    "{what} has masteryScore \"{text}\"; it must be a decimal from 0 to 1"
                )));
            }
        },
    };
    let launch_method = match node.attribute("launchMethod").unwrap_or("AnyWindow") {
        "AnyWindow" => LaunchMethod::AnyWindow,
        "OwnWindow" => LaunchMethod::OwnWindow,
        other => {
            return Err(refuse(format!(
                "{what} has launchMethod \"{other}\"; it must be AnyWindow or OwnWindow"
            )));
        }
    };
    let url = cmi5_children(node)
        .find(|child| child.tag_name().name() == "url")
        .and_then(|url| url.text())
        .map(str::trim)
        .filter(|url| !url.is_empty())
        .ok_or_else(|| refuse(format!("{what} needs a url to launch")))?;
    check_url(url, &what)?;
    let launch_parameters = cmi5_children(node)
        .find(|child| child.tag_name().name() == "launchParameters")
        .and_then(|node| node.text())
        .map(|text| text.trim().to_owned());
    Ok(Au {
        id,
        title,
        url: url.to_owned(),
        move_on,
        mastery_score,
        launch_method,
        launch_parameters,
    })
}

/// The AU's address: no whitespace, and none of the launch parameters the LMS adds.
fn check_url(url: &str, what: &str) -> Result<(), PackageError> {
    if url.chars().any(char::is_whitespace) {
        return Err(refuse(format!("{what}'s url contains spaces")));
    }
    let query = url.split_once('?').map_or("", |(_, q)| q);
    let query = query.split_once('#').map_or(query, |(q, _)| q);
    for pair in query.split('&') {
        let name = pair.split_once('=').map_or(pair, |(name, _)| name);
        if LAUNCH_PARAMETERS.contains(&name) {
            return Err(refuse(format!(
                "{what}'s url already has a {name} parameter; the LMS adds that one at launch"
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
