//! Documents a clinician keeps: what kinds there are, what files are accepted, and the
//! names they are downloaded under. Pure, so every rule is tested without a server.

pub mod certificate;
pub mod file_name;
pub mod file_type;
pub mod size;

use serde::{Deserialize, Serialize};

use super::workspace::fields::{self, FieldProblem};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    CeCertificate,
    Licence,
    BoardLetter,
    DeaCertificate,
    Other,
}

impl DocumentKind {
    pub const ALL: [DocumentKind; 5] = [
        Self::CeCertificate,
        Self::Licence,
        Self::BoardLetter,
        Self::DeaCertificate,
        Self::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::CeCertificate => "ce_certificate",
            Self::Licence => "licence",
            Self::BoardLetter => "board_letter",
            Self::DeaCertificate => "dea_certificate",
            Self::Other => "other",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::CeCertificate => "CE certificate",
            Self::Licence => "Licence",
            Self::BoardLetter => "Board letter",
            Self::DeaCertificate => "DEA certificate",
            Self::Other => "Other",
        }
    }

    /// A kind as sent by a form; empty means "other".
    pub fn parse(raw: &str) -> Result<Self, FieldProblem> {
        match raw.trim() {
            "" => Ok(Self::Other),
            value => Self::ALL
                .into_iter()
                .find(|kind| kind.as_str() == value)
                .ok_or_else(|| FieldProblem::new("Kind", "Choose a kind from the list.")),
        }
    }
}

/// A document's title as the clinician renames it: one line, at most 120 characters.
pub fn title(raw: &str) -> Result<String, FieldProblem> {
    fields::text("Title", raw, 1, 120)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_and_titles_are_checked() {
        assert_eq!(DocumentKind::parse(""), Ok(DocumentKind::Other));
        assert_eq!(
            DocumentKind::parse("board_letter"),
            Ok(DocumentKind::BoardLetter)
        );
        assert_eq!(
            DocumentKind::parse("passport").err().map(|p| p.field),
            Some("Kind")
        );
        assert!(title("ACLS card 2026").is_ok());
        assert_eq!(title("").err().map(|p| p.field), Some("Title"));
        assert_eq!(
            title(&"x".repeat(121)).err().map(|p| p.field),
            Some("Title")
        );
        assert_eq!(title("a\nb").err().map(|p| p.field), Some("Title"));
    }
}
