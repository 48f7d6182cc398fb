//! What a stored statement is about, for queries: the key of each agent or identified group
//! it names and the id of each activity, marked direct (the statement's actor or object) or
//! related (authority, instructor, team, context activities, and all of these inside a
//! sub-statement). Works on statements that passed `check_statement`.

use serde_json::Value;

/// A key that is equal for two agents (or two groups) exactly when the spec calls them the
/// same: same `objectType` and same inverse functional identifier.
pub fn agent_key(actor: &Value) -> Option<String> {
    let kind = actor
        .get("objectType")
        .and_then(Value::as_str)
        .unwrap_or("Agent");
    let identifier = if let Some(mbox) = actor.get("mbox").and_then(Value::as_str) {
        format!("mbox={mbox}")
    } else if let Some(sum) = actor.get("mbox_sha1sum").and_then(Value::as_str) {
        format!("mbox_sha1sum={}", sum.to_ascii_lowercase())
    } else if let Some(openid) = actor.get("openid").and_then(Value::as_str) {
        format!("openid={openid}")
    } else {
        let account = actor.get("account")?;
        let home = account.get("homePage").and_then(Value::as_str)?;
        let name = account.get("name").and_then(Value::as_str)?;
        format!("account={home}|{name}")
    };
    Some(format!("{kind}:{identifier}"))
}

/// One agent or activity a statement names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    pub key: String,
    pub direct: bool,
}

/// Agents and activities a statement names, each once (direct wins over related).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Mentions {
    pub agents: Vec<Mention>,
    pub activities: Vec<Mention>,
}

impl Mentions {
    fn add(list: &mut Vec<Mention>, key: String, direct: bool) {
        match list.iter_mut().find(|m| m.key == key) {
            Some(existing) => existing.direct |= direct,
            None => list.push(Mention { key, direct }),
        }
    }

    fn agent(&mut self, actor: &Value, direct: bool) {
        if let Some(key) = agent_key(actor) {
            Self::add(&mut self.agents, key, direct);
        }
        // Members of a group match as related agents: the group is who acted.
        if let Some(members) = actor.get("member").and_then(Value::as_array) {
            for member in members {
                if let Some(key) = agent_key(member) {
                    Self::add(&mut self.agents, key, false);
                }
            }
        }
    }

    fn activity(&mut self, activity: &Value, direct: bool) {
        if let Some(id) = activity.get("id").and_then(Value::as_str) {
            Self::add(&mut self.activities, id.to_owned(), direct);
        }
    }
}

/// Everything `statement` names. `direct` is false throughout a sub-statement.
pub fn mentions(statement: &Value) -> Mentions {
    let mut found = Mentions::default();
    collect(statement, true, &mut found);
    if let Some(authority) = statement.get("authority") {
        found.agent(authority, false);
    }
    found
}

fn collect(statement: &Value, top: bool, found: &mut Mentions) {
    if let Some(actor) = statement.get("actor") {
        found.agent(actor, top);
    }
    if let Some(object) = statement.get("object") {
        match object.get("objectType").and_then(Value::as_str) {
            None | Some("Activity") => found.activity(object, top),
            Some("Agent" | "Group") => found.agent(object, top),
            Some("SubStatement") => collect(object, false, found),
            _ => {}
        }
    }
    let Some(context) = statement.get("context") else {
        return;
    };
    for role in ["instructor", "team"] {
        if let Some(actor) = context.get(role) {
            found.agent(actor, false);
        }
    }
    if let Some(groups) = context.get("contextActivities").and_then(Value::as_object) {
        for value in groups.values() {
            // Each may be one activity or a list of them.
            match value {
                Value::Array(list) => list.iter().for_each(|a| found.activity(a, false)),
                single => found.activity(single, false),
            }
        }
    }
}

/// The statement id a StatementRef object points at.
pub fn target_id(statement: &Value) -> Option<&str> {
    let object = statement.get("object")?;
    (object.get("objectType").and_then(Value::as_str) == Some("StatementRef"))
        .then(|| object.get("id").and_then(Value::as_str))
        .flatten()
}
