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

const STATUSES: [&str; 3] = ["active", "suspended", "terminated"];
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
    pub target: String,
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
    /// A username, or a target as the log writes it (`user:<id>`).
    pub target: Option<String>,
    pub outcome: Option<&'static str>,
    pub from: Option<chrono::NaiveDate>,
    pub to: Option<chrono::NaiveDate>,
    pub page: u64,
}

impl AuditQueryForm {
    /// The page asked for; a bad one is refused by `validate` before it is used.
    pub fn page_number(&self) -> u64 {
        page(&self.page).unwrap_or(1)
    }

    pub fn validate(
        &self,
        today: chrono::NaiveDate,
        is_action: impl Fn(&str) -> bool,
    ) -> Result<AuditQuery, FieldProblem> {
        let actor = fields::optional_text("Actor", &self.actor, 64)?.map(|a| a.to_lowercase());
        let target = fields::optional_text("Target", &self.target, 100)?;
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
            target,
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

/// The day a terminated account stops working: today (at once) or a day within five years.
pub fn end_date(raw: &str, today: chrono::NaiveDate) -> Result<chrono::NaiveDate, FieldProblem> {
    if raw.trim().is_empty() {
        return Err(FieldProblem::new(
            "End date",
            "Give the day the account stops working; today ends it at once.",
        ));
    }
    fields::date("End date", raw, today, fields::years_from(today, 5))
}

/// A role the console can give: `admin` or `clinician`.
pub fn role(raw: &str) -> Result<&'static str, FieldProblem> {
    one_of("Role", raw, &ROLES)?.ok_or_else(|| FieldProblem::new("Role", "Choose a role."))
}

/// Days without a sign-in after which a privileged account is flagged in the access review.
pub const DORMANT_DAYS: i64 = 90;

/// Whether a privileged account looks unused: no sign-in for `DORMANT_DAYS`, or none at all
/// since it was given the role that long ago.
pub fn dormant(
    last_sign_in: Option<chrono::DateTime<chrono::Utc>>,
    privileged_since: chrono::DateTime<chrono::Utc>,
    now: chrono::DateTime<chrono::Utc>,
) -> bool {
    let limit = now - chrono::Duration::days(DORMANT_DAYS);
    last_sign_in.unwrap_or(privileged_since) < limit
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
            target: "dr_grace".into(),
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

    #[test]
    fn an_end_date_is_today_or_later_within_five_years() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 5).unwrap_or_default();
        assert_eq!(end_date("2026-12-05", today), Ok(today));
        assert!(end_date("2027-03-31", today).is_ok());
        for bad in ["", "2026-12-04", "2032-01-01", "05/12/2026", "soon"] {
            assert_eq!(
                end_date(bad, today).err().map(|p| p.field),
                Some("End date"),
                "{bad}"
            );
        }
    }

    #[test]
    fn ninety_days_without_a_sign_in_is_dormant() {
        let at = |text: &str| {
            chrono::DateTime::parse_from_rfc3339(text)
                .map(|t| t.to_utc())
                .unwrap_or_default()
        };
        let now = at("2026-12-05T12:00:00Z");
        let granted = at("2026-01-01T00:00:00Z");
        assert!(!dormant(Some(at("2026-09-07T12:00:01Z")), granted, now));
        assert!(dormant(Some(at("2026-09-06T11:59:59Z")), granted, now));
        assert!(dormant(None, granted, now));
        assert!(!dormant(None, at("2026-11-30T00:00:00Z"), now));
    }

    #[test]
    fn only_known_roles_are_given() {
        assert_eq!(role(" admin "), Ok("admin"));
        assert_eq!(role("clinician"), Ok("clinician"));
        assert_eq!(role("root").err().map(|p| p.field), Some("Role"));
        assert_eq!(role("").err().map(|p| p.field), Some("Role"));
    }
}
