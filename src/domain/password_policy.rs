//! The platform's written password policy: 8 to 128 characters with an upper-case letter, a
//! lower-case letter, a digit and a special character. Checked on the server and shown live in
//! the browser, so both run this same code.

use unicode_normalization::UnicodeNormalization;

pub const MIN_CHARS: usize = 8;
pub const MAX_CHARS: usize = 128;

/// One rule of the policy that a candidate password failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordRule {
    TooShort,
    TooLong,
    NoUpper,
    NoLower,
    NoDigit,
    NoSpecial,
}

impl PasswordRule {
    /// What the user should change, in plain words.
    pub fn message(self) -> &'static str {
        match self {
            Self::TooShort => "Use at least 8 characters.",
            Self::TooLong => "Use at most 128 characters.",
            Self::NoUpper => "Add an upper-case letter.",
            Self::NoLower => "Add a lower-case letter.",
            Self::NoDigit => "Add a digit.",
            Self::NoSpecial => "Add a special character such as ! ? # or a space.",
        }
    }
}

/// Normalises a password (NFKC) the same way before checking and before hashing, so the same
/// typed password always gives the same bytes whatever keyboard produced it.
pub fn normalise(raw: &str) -> String {
    raw.nfkc().collect()
}

/// Every rule the (already normalised) password fails; empty means it satisfies the policy.
/// Length counts characters, not bytes, and nothing is ever truncated.
pub fn failed_rules(password: &str) -> Vec<PasswordRule> {
    let chars = password.chars().count();
    let mut failed = Vec::new();
    if chars < MIN_CHARS {
        failed.push(PasswordRule::TooShort);
    }
    if chars > MAX_CHARS {
        failed.push(PasswordRule::TooLong);
    }
    if !password.chars().any(char::is_uppercase) {
        failed.push(PasswordRule::NoUpper);
    }
    if !password.chars().any(char::is_lowercase) {
        failed.push(PasswordRule::NoLower);
    }
    if !password.chars().any(|c| c.is_numeric()) {
        failed.push(PasswordRule::NoDigit);
    }
    if !password.chars().any(|c| !c.is_alphanumeric()) {
        failed.push(PasswordRule::NoSpecial);
    }
    failed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_meeting_every_rule_passes() {
        assert!(failed_rules("Correct-Horse-7").is_empty());
    }

    #[test]
    fn each_missing_class_is_named() {
        assert_eq!(failed_rules("lowercase-7"), vec![PasswordRule::NoUpper]);
        assert_eq!(failed_rules("UPPERCASE-7"), vec![PasswordRule::NoLower]);
        assert_eq!(failed_rules("NoDigits-here"), vec![PasswordRule::NoDigit]);
        assert_eq!(failed_rules("NoSpecial7x"), vec![PasswordRule::NoSpecial]);
    }

    #[test]
    fn length_limits_count_characters_not_bytes() {
        assert_eq!(failed_rules("Ab1!xyz"), vec![PasswordRule::TooShort]);
        // Eight characters, more than eight bytes: long enough.
        assert!(failed_rules("Äb1!éüöß").is_empty());
        let long = format!("Ab1!{}", "x".repeat(MAX_CHARS - 3));
        assert_eq!(failed_rules(&long), vec![PasswordRule::TooLong]);
        let exact = format!("Ab1!{}", "x".repeat(MAX_CHARS - 4));
        assert!(failed_rules(&exact).is_empty());
    }

    #[test]
    fn normalisation_makes_compatible_forms_equal() {
        // A full-width "Ａ" and a ligature "ﬁ" fold to their plain forms under NFKC.
        assert_eq!(normalise("Ａbc"), "Abc");
        assert_eq!(normalise("ﬁne"), "fine");
    }
}
