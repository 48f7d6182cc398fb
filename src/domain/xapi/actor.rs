//! Agents and groups: who did something, who taught it, who vouches for the statement.

use serde_json::Value;

use super::{
    statement::{Path, StatementError},
    values::{self, Object},
};

/// The inverse functional identifiers: each identifies an agent on its own.
const IDENTIFIERS: [&str; 4] = ["mbox", "mbox_sha1sum", "openid", "account"];

/// An agent or a group, as an actor, instructor or object (`objectType` decides; agent when
/// it is missing).
pub fn agent_or_group(value: &Value, path: &Path) -> Result<(), StatementError> {
    let object = values::object(value, path)?;
    match object
        .get("objectType")
        .map(|t| values::string(t, &path.child("objectType")))
    {
        None | Some(Ok("Agent")) => agent(object, path),
        Some(Ok("Group")) => group(object, path),
        Some(Ok(_)) => Err(path
            .child("objectType")
            .error("must be \"Agent\" or \"Group\" here")),
        Some(Err(err)) => Err(err),
    }
}

/// An agent: exactly one identifier, an optional name, nothing else.
pub fn agent(object: &Object, path: &Path) -> Result<(), StatementError> {
    values::only(
        object,
        &[
            "objectType",
            "name",
            "mbox",
            "mbox_sha1sum",
            "openid",
            "account",
        ],
        path,
    )?;
    if let Some(kind) = object.get("objectType")
        && values::string(kind, &path.child("objectType"))? != "Agent"
    {
        return Err(path.child("objectType").error("must be \"Agent\" here"));
    }
    match identifiers(object, path)? {
        1 => Ok(()),
        0 => {
            Err(path.error("an agent needs one identifier: mbox, mbox_sha1sum, openid or account"))
        }
        _ => Err(path.error(
            "an agent may have only one identifier (mbox, mbox_sha1sum, openid or account)",
        )),
    }
}

/// A group: identified (one identifier) or anonymous (no identifier, a list of members).
pub fn group(object: &Object, path: &Path) -> Result<(), StatementError> {
    values::only(
        object,
        &[
            "objectType",
            "name",
            "member",
            "mbox",
            "mbox_sha1sum",
            "openid",
            "account",
        ],
        path,
    )?;
    let found = identifiers(object, path)?;
    if found > 1 {
        return Err(path.error("a group may have only one identifier"));
    }
    match object.get("member") {
        Some(members) => {
            let list_path = path.child("member");
            let list = members
                .as_array()
                .ok_or_else(|| list_path.error("must be an array of agents"))?;
            if found == 0 && list.is_empty() {
                return Err(list_path.error("an anonymous group needs at least one member"));
            }
            for (i, member) in list.iter().enumerate() {
                let member_path = list_path.index(i);
                let member = values::object(member, &member_path)?;
                // Members are agents: a group inside a group is not allowed.
                agent(member, &member_path)?;
            }
            Ok(())
        }
        None if found == 0 => Err(path.error("an anonymous group needs a member list")),
        None => Ok(()),
    }
}

/// Checks each identifier present and says how many there are.
fn identifiers(object: &Object, path: &Path) -> Result<usize, StatementError> {
    if let Some(name) = object.get("name") {
        values::string(name, &path.child("name"))?;
    }
    let mut found = 0;
    for key in IDENTIFIERS {
        let Some(value) = object.get(key) else {
            continue;
        };
        let here = path.child(key);
        match key {
            "mbox" => mbox(values::string(value, &here)?, &here)?,
            "mbox_sha1sum" => {
                let text = values::string(value, &here)?;
                if text.len() != 40 || !text.bytes().all(|b| b.is_ascii_hexdigit()) {
                    return Err(here.error("must be the 40 hexadecimal digits of a SHA-1 hash"));
                }
            }
            "openid" => values::iri(value, &here)?,
            _ => account(value, &here)?,
        }
        found += 1;
    }
    Ok(found)
}

fn mbox(text: &str, path: &Path) -> Result<(), StatementError> {
    let address = text
        .strip_prefix("mailto:")
        .ok_or_else(|| path.error("must be a mailto: address, such as mailto:ada@example.com"))?;
    let valid = address.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty() && !domain.is_empty() && !domain.contains('@')
    }) && !address.chars().any(char::is_whitespace);
    if valid {
        Ok(())
    } else {
        Err(path.error("must be a mailto: address, such as mailto:ada@example.com"))
    }
}

fn account(value: &Value, path: &Path) -> Result<(), StatementError> {
    let object = values::object(value, path)?;
    values::only(object, &["homePage", "name"], path)?;
    let home = object
        .get("homePage")
        .ok_or_else(|| path.error("an account needs a homePage"))?;
    values::irl(home, &path.child("homePage"))?;
    let name = object
        .get("name")
        .ok_or_else(|| path.error("an account needs a name"))?;
    values::string(name, &path.child("name"))?;
    Ok(())
}

/// The statement's authority: an agent, or a group of exactly two agents (an OAuth
/// application and its user).
pub fn authority(value: &Value, path: &Path) -> Result<(), StatementError> {
    agent_or_group(value, path)?;
    let object = values::object(value, path)?;
    if object.get("objectType").and_then(Value::as_str) == Some("Group") {
        let members = object
            .get("member")
            .and_then(Value::as_array)
            .map_or(0, Vec::len);
        if members != 2 {
            return Err(path.error("a group as authority must have exactly two members"));
        }
    }
    Ok(())
}
