//! What the administrator console accepts: account searches and the reasons given for
//! actions. Pure, so every rule is tested without a server.

use serde::{Deserialize, Serialize};

use super::workspace::fields::{self, FieldProblem};

/// Accounts shown per page.
pub const PAGE_SIZE: u64 = 25;

/// An account search as typed into the console's form or link.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountQueryForm {
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub page: String,
}

/// A checked search: words to find in name, email or username, and exact filters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountQuery {
    pub words: Option<String>,
    pub status: Option<&'static str>,
    pub role: Option<&'static str>,
    /// From 1.
    pub page: u64,
}

const STATUSES: [&str; 2] = ["active", "suspended"];
const ROLES: [&str; 2] = ["clinician", "admin"];

fn one_of(
    field: &'static str,
    raw: &str,
    allowed: &[&'static str],
) -> Result<Option<&'static str>, FieldProblem> {
    let value = raw.trim();
    if value.is_empty() {
        return Ok(None);
    }
    allowed
        .iter()
        .find(|known| **known == value)
        .map(|known| Some(*known))
        .ok_or_else(|| FieldProblem::new(field, format!("Choose one of: {}.", allowed.join(", "))))
}

/// A page number as given in a link: empty means the first.
fn page(raw: &str) -> Result<u64, FieldProblem> {
    match raw.trim() {
        "" => Ok(1),
        raw => raw
            .parse::<u64>()
            .ok()
            .filter(|page| (1..=100_000).contains(page))
            .ok_or_else(|| FieldProblem::new("Page", "Pages are numbered from 1.")),
    }
}

impl AccountQueryForm {
    pub fn validate(&self) -> Result<AccountQuery, FieldProblem> {
        let words = fields::optional_text("Search", &self.q, 100)?.map(|w| w.to_lowercase());
        Ok(AccountQuery {
            words,
            status: one_of("Status", &self.status, &STATUSES)?,
            role: one_of("Role", &self.role, &ROLES)?,
            page: page(&self.page)?,
        })
    }
}

/// Audit rows shown per page.
pub const AUDIT_PAGE_SIZE: u64 = 50;

/// An audit-log search as typed: who, what, result and a range of days (UTC).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditQueryForm {
    #[serde(default)]
    pub actor: String,
    #[serde(default)]
    pub action: String,
    #[serde(default)]
    pub outcome: String,
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
    #[serde(default)]
    pub page: String,
}

/// A checked audit search; `action` is checked against the caller's list of actions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditQuery {
    /// A username (folded) whose actions to show.
    pub actor: Option<String>,
    pub action: Option<String>,
    pub outcome: Option<&'static str>,
    pub from: Option<chrono::NaiveDate>,
    pub to: Option<chrono::NaiveDate>,
    pub page: u64,
}

impl AuditQueryForm {
    pub fn validate(
        &self,
        today: chrono::NaiveDate,
        is_action: impl Fn(&str) -> bool,
    ) -> Result<AuditQuery, FieldProblem> {
        let actor = fields::optional_text("Actor", &self.actor, 64)?.map(|a| a.to_lowercase());
        let action = match self.action.trim() {
            "" => None,
            known if is_action(known) => Some(known.to_owned()),
            _ => {
                return Err(FieldProblem::new(
                    "Action",
                    "Choose an action from the list.",
                ));
            }
        };
        let earliest = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap_or(today);
        let day =
            |field: &'static str, raw: &str| -> Result<Option<chrono::NaiveDate>, FieldProblem> {
                if raw.trim().is_empty() {
                    Ok(None)
                } else {
                    fields::date(field, raw, earliest, today).map(Some)
                }
            };
        let (from, to) = (day("From", &self.from)?, day("To", &self.to)?);
        if let (Some(from), Some(to)) = (from, to)
            && from > to
        {
            return Err(FieldProblem::new(
                "To",
                "The end of the range comes before its start.",
            ));
        }
        Ok(AuditQuery {
            actor,
            action,
            outcome: one_of("Result", &self.outcome, &["success", "failure"])?,
            from,
            to,
            page: page(&self.page)?,
        })
    }
}

/// The reason an administrator gives for acting on an account: required, one line, at
/// most 500 characters. It is kept in the audit log, so it must say why, briefly.
pub fn reason(raw: &str) -> Result<String, FieldProblem> {
    let reason = fields::text("Reason", raw, 1, 500)?;
    if reason.chars().count() < 5 {
        return Err(FieldProblem::new(
            "Reason",
            "Say why in a few words; the reason is kept in the audit log.",
        ));
    }
    Ok(reason)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(q: &str, status: &str, role: &str, page: &str) -> AccountQueryForm {
        AccountQueryForm {
            q: q.into(),
            status: status.into(),
            role: role.into(),
            page: page.into(),
        }
    }

    #[test]
    fn an_empty_search_lists_everyone_from_page_one() {
        assert_eq!(
            form("", "", "", "").validate(),
            Ok(AccountQuery {
                words: None,
                status: None,
                role: None,
                page: 1
            })
        );
    }

    #[test]
    fn filters_must_be_known_and_words_are_folded() {
        let query = form("  Grace ", "suspended", "admin", "3").validate();
        assert_eq!(
            query,
            Ok(AccountQuery {
                words: Some("grace".into()),
                status: Some("suspended"),
                role: Some("admin"),
                page: 3
            })
        );
        let field = |f: AccountQueryForm| f.validate().err().map(|p| p.field);
        assert_eq!(field(form("", "deleted", "", "")), Some("Status"));
        assert_eq!(field(form("", "", "root", "")), Some("Role"));
        assert_eq!(field(form("", "", "", "0")), Some("Page"));
        assert_eq!(field(form("", "", "", "-1")), Some("Page"));
        assert_eq!(field(form(&"x".repeat(101), "", "", "")), Some("Search"));
    }

    #[test]
    fn audit_searches_name_each_bad_field() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 4).unwrap_or_default();
        let check = |f: AuditQueryForm| f.validate(today, |a| a == "sign_in");
        let good = check(AuditQueryForm {
            actor: " Ops_Lead ".into(),
            action: "sign_in".into(),
            outcome: "failure".into(),
            from: "2026-11-01".into(),
            to: "2026-12-04".into(),
            page: "2".into(),
        });
        let good = good.unwrap_or_else(|p| unreachable!("{p}"));
        assert_eq!(good.actor.as_deref(), Some("ops_lead"));
        assert_eq!((good.outcome, good.page), (Some("failure"), 2));
        let field = |f: AuditQueryForm| check(f).err().map(|p| p.field);
        let form = |action: &str, outcome: &str, from: &str, to: &str| AuditQueryForm {
            action: action.into(),
            outcome: outcome.into(),
            from: from.into(),
            to: to.into(),
            ..AuditQueryForm::default()
        };
        assert_eq!(field(form("drop_table", "", "", "")), Some("Action"));
        assert_eq!(field(form("", "maybe", "", "")), Some("Result"));
        assert_eq!(field(form("", "", "1999-01-01", "")), Some("From"));
        assert_eq!(field(form("", "", "", "2999-01-01")), Some("To"));
        assert_eq!(field(form("", "", "2026-12-01", "2026-11-01")), Some("To"));
    }

    #[test]
    fn a_reason_is_required_and_short() {
        assert!(reason("Left the hospital in November").is_ok());
        assert_eq!(reason("").err().map(|p| p.field), Some("Reason"));
        assert_eq!(reason("ok").err().map(|p| p.field), Some("Reason"));
        assert_eq!(
            reason(&"x".repeat(501)).err().map(|p| p.field),
            Some("Reason")
        );
        assert_eq!(reason("two\nlines").err().map(|p| p.field), Some("Reason"));
    }
}
