//! Value types for account fields, validated once at the edge so the rest of the code can
//! trust them.

use std::fmt;

/// An email address, trimmed and lower-cased so uniqueness is case-insensitive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

/// A username of 3 to 32 letters, digits, dots, dashes or underscores.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Username(String);

/// The name shown in the interface, 1 to 100 characters with no control characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisplayName(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FieldError {
    #[error("Enter an email address like name@example.org (at most 254 characters).")]
    Email,
    #[error("Use 3 to 32 letters, digits, dots, dashes or underscores for the username.")]
    Username,
    #[error("Enter a display name of 1 to 100 characters.")]
    DisplayName,
}

impl Email {
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let value = raw.trim().to_lowercase();
        let (local, domain) = value.split_once('@').ok_or(FieldError::Email)?;
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..");
        let chars_ok = !value.chars().any(|c| c.is_whitespace() || c.is_control());
        if value.len() > 254 || local.is_empty() || local.len() > 64 || domain.contains('@') {
            return Err(FieldError::Email);
        }
        if !domain_ok || !chars_ok {
            return Err(FieldError::Email);
        }
        Ok(Self(value))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Username {
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let value = raw.trim();
        let len = value.chars().count();
        let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_');
        if !(3..=32).contains(&len) || !value.chars().all(allowed) {
            return Err(FieldError::Username);
        }
        Ok(Self(value.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The case-insensitive key that makes usernames unique.
    pub fn key(&self) -> String {
        self.0.to_ascii_lowercase()
    }
}

impl DisplayName {
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let value = raw.trim();
        let len = value.chars().count();
        if !(1..=100).contains(&len) || value.chars().any(char::is_control) {
            return Err(FieldError::DisplayName);
        }
        Ok(Self(value.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Username {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_is_trimmed_and_lower_cased() {
        let email = Email::parse("  Dr.Ada@Example.ORG ").map(|e| e.as_str().to_owned());
        assert_eq!(email, Ok("dr.ada@example.org".to_owned()));
    }

    #[test]
    fn malformed_emails_are_refused() {
        for bad in [
            "",
            "ada",
            "ada@",
            "@example.org",
            "ada@example",
            "a b@example.org",
            "a@b@c.org",
        ] {
            assert_eq!(Email::parse(bad), Err(FieldError::Email), "{bad:?}");
        }
        let long = format!("{}@example.org", "a".repeat(65));
        assert_eq!(Email::parse(&long), Err(FieldError::Email));
    }

    #[test]
    fn usernames_keep_their_case_but_compare_without_it() {
        let name = Username::parse("Dr_Ada").map(|u| (u.as_str().to_owned(), u.key()));
        assert_eq!(name, Ok(("Dr_Ada".to_owned(), "dr_ada".to_owned())));
        assert_eq!(Username::parse("ab"), Err(FieldError::Username));
        assert_eq!(Username::parse("ada lovelace"), Err(FieldError::Username));
        assert_eq!(Username::parse(&"a".repeat(33)), Err(FieldError::Username));
    }

    #[test]
    fn display_names_refuse_empty_long_and_control_text() {
        assert!(DisplayName::parse("Ada Lovelace, MD").is_ok());
        assert_eq!(DisplayName::parse("   "), Err(FieldError::DisplayName));
        assert_eq!(
            DisplayName::parse(&"x".repeat(101)),
            Err(FieldError::DisplayName)
        );
        assert_eq!(
            DisplayName::parse("Ada\u{0007}"),
            Err(FieldError::DisplayName)
        );
    }
}
