//! What the credential form may hold: a state licence, a board certification, a DEA
//! registration or a custom credential.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{
    fields::{self, FieldProblem},
    jurisdictions,
    own_rule::{OwnRule, OwnRuleInput},
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CredentialKind {
    Licence,
    Certification,
    Dea,
    Custom,
}

impl CredentialKind {
    pub fn parse(raw: &str) -> Result<Self, FieldProblem> {
        match raw.trim() {
            "licence" => Ok(Self::Licence),
            "certification" => Ok(Self::Certification),
            "dea" => Ok(Self::Dea),
            "custom" => Ok(Self::Custom),
            _ => Err(FieldProblem::new(
                "Kind",
                "Choose a state licence, a board certification, a DEA registration or a custom credential.",
            )),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Licence => "licence",
            Self::Certification => "certification",
            Self::Dea => "dea",
            Self::Custom => "custom",
        }
    }
}

/// The form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CredentialForm {
    pub kind: String,
    pub jurisdiction: String,
    pub profession: String,
    /// For certifications: the catalog set of the certifying board.
    pub certification: String,
    pub name: String,
    pub number: String,
    pub initial_date: String,
    pub expires: String,
    pub specialty: String,
    /// The clinician's own rule, for credentials the catalog has no set for; the fields are
    /// absent from forms that do not show them.
    #[serde(default)]
    pub own_months: String,
    #[serde(default)]
    pub own_hours: String,
    #[serde(default)]
    pub own_topic: String,
    #[serde(default)]
    pub own_topic_hours: String,
}

/// What the catalog can tell the form's checks.
pub trait CatalogLookup {
    /// Whether `id` is the catalog set of a board certification.
    fn is_certification(&self, id: &str) -> bool;
    /// Whether `key` is a topic some catalog set names.
    fn is_topic(&self, key: &str) -> bool;
}

/// A credential every field of which has been checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidCredential {
    pub kind: CredentialKind,
    pub jurisdiction: Option<String>,
    pub profession: Option<String>,
    pub certification: Option<String>,
    pub name: String,
    pub number: Option<String>,
    pub initial_date: Option<NaiveDate>,
    pub expires: NaiveDate,
    pub specialty: Option<String>,
    /// Only for licences and custom credentials; used when the catalog has no set.
    pub own_rule: Option<OwnRule>,
}

impl CredentialForm {
    /// Checks every field against the catalog.
    pub fn validate(
        &self,
        today: NaiveDate,
        catalog: &impl CatalogLookup,
    ) -> Result<ValidCredential, FieldProblem> {
        let kind = CredentialKind::parse(&self.kind)?;
        let (jurisdiction, profession) = if kind == CredentialKind::Licence {
            let code = self.jurisdiction.trim().to_ascii_uppercase();
            if jurisdictions::jurisdiction_name(&code).is_none() {
                return Err(FieldProblem::new(
                    "State",
                    "Choose the state or territory that issued the licence.",
                ));
            }
            let profession = self.profession.trim().to_ascii_uppercase();
            if !jurisdictions::is_profession(&profession) {
                return Err(FieldProblem::new(
                    "Profession",
                    "Choose a profession from the list.",
                ));
            }
            (Some(code), Some(profession))
        } else {
            (None, None)
        };
        let certification = if kind == CredentialKind::Certification {
            let set = self.certification.trim();
            if !catalog.is_certification(set) {
                return Err(FieldProblem::new(
                    "Certifying board",
                    "Choose a certification from the list.",
                ));
            }
            Some(set.to_owned())
        } else {
            None
        };
        let number = match kind {
            CredentialKind::Dea => Some(dea_number(&self.number)?),
            _ => licence_number(&self.number)?,
        };
        let name = match kind {
            CredentialKind::Custom => fields::text("Name", &self.name, 1, 200)?,
            _ => fields::optional_text("Name", &self.name, 200)?.unwrap_or_default(),
        };
        let initial_date = if self.initial_date.trim().is_empty() {
            None
        } else {
            let earliest = NaiveDate::from_ymd_opt(1940, 1, 1).unwrap_or(today);
            Some(fields::date(
                "First issued",
                &self.initial_date,
                earliest,
                today,
            )?)
        };
        let expires = fields::date(
            "Expires",
            &self.expires,
            fields::years_from(today, -10),
            fields::years_from(today, 10),
        )?;
        if initial_date.is_some_and(|initial| initial >= expires) {
            return Err(FieldProblem::new(
                "Expires",
                "The expiry must come after the date it was first issued.",
            ));
        }
        let specialty = fields::optional_text("Specialty", &self.specialty, 64)?;
        let own_rule = match kind {
            CredentialKind::Licence | CredentialKind::Custom => OwnRuleInput {
                months: &self.own_months,
                hours: &self.own_hours,
                topic: &self.own_topic,
                topic_hours: &self.own_topic_hours,
            }
            .validate(|key| catalog.is_topic(key))?,
            CredentialKind::Certification | CredentialKind::Dea => None,
        };
        Ok(ValidCredential {
            kind,
            jurisdiction,
            profession,
            certification,
            name,
            number,
            initial_date,
            expires,
            specialty,
            own_rule,
        })
    }
}

/// Licence and certificate numbers vary by issuer; accept what any of them uses (letters,
/// digits, spaces, dots, dashes and slashes) and nothing that could smuggle markup.
fn licence_number(raw: &str) -> Result<Option<String>, FieldProblem> {
    let Some(value) = fields::optional_text("Number", raw, 40)? else {
        return Ok(None);
    };
    let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, ' ' | '.' | '-' | '/');
    if !value.chars().all(allowed) {
        return Err(FieldProblem::new(
            "Number",
            "Use letters, digits, spaces, dots, dashes or slashes only.",
        ));
    }
    Ok(Some(value.to_ascii_uppercase()))
}

/// A DEA registration number: two letters and seven digits whose last is the check digit
/// (digits 1+3+5, plus twice 2+4+6; the last digit of that sum), as the DEA issues them.
fn dea_number(raw: &str) -> Result<String, FieldProblem> {
    let value = raw.trim().to_ascii_uppercase();
    let bytes = value.as_bytes();
    let shape = bytes.len() == 9
        && bytes[..2].iter().all(u8::is_ascii_alphabetic)
        && bytes[2..].iter().all(u8::is_ascii_digit);
    if !shape {
        return Err(FieldProblem::new(
            "DEA number",
            "Enter two letters and seven digits, e.g. AB1234563.",
        ));
    }
    let digit = |i: usize| u32::from(bytes[i] - b'0');
    let sum = digit(2) + digit(4) + digit(6) + 2 * (digit(3) + digit(5) + digit(7));
    if sum % 10 != digit(8) {
        return Err(FieldProblem::new(
            "DEA number",
            "The check digit does not match; look at the number again.",
        ));
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 4).unwrap_or_default()
    }

    fn florida() -> CredentialForm {
        CredentialForm {
            kind: "licence".into(),
            jurisdiction: "fl".into(),
            profession: "MD".into(),
            number: "ME 123456".into(),
            initial_date: "2014-06-01".into(),
            expires: "2027-01-31".into(),
            ..CredentialForm::default()
        }
    }

    struct Lookup;

    impl CatalogLookup for Lookup {
        fn is_certification(&self, id: &str) -> bool {
            id == "ABIM-MOC"
        }
        fn is_topic(&self, key: &str) -> bool {
            key == "medical_errors"
        }
    }

    fn check(form: &CredentialForm) -> Result<ValidCredential, FieldProblem> {
        form.validate(today(), &Lookup)
    }

    #[test]
    fn a_florida_licence_is_accepted_and_normalised() {
        let valid = check(&florida());
        assert_eq!(
            valid.as_ref().ok().and_then(|v| v.jurisdiction.clone()),
            Some("FL".into())
        );
        assert_eq!(valid.ok().and_then(|v| v.number), Some("ME 123456".into()));
    }

    #[test]
    fn each_bad_field_is_named() {
        let cases = [
            (
                CredentialForm {
                    jurisdiction: "ZZ".into(),
                    ..florida()
                },
                "State",
            ),
            (
                CredentialForm {
                    profession: "wizard".into(),
                    ..florida()
                },
                "Profession",
            ),
            (
                CredentialForm {
                    expires: "1900-01-01".into(),
                    ..florida()
                },
                "Expires",
            ),
            (
                CredentialForm {
                    expires: "2999-01-01".into(),
                    ..florida()
                },
                "Expires",
            ),
            (
                CredentialForm {
                    initial_date: "2028-01-01".into(),
                    ..florida()
                },
                "First issued",
            ),
            (
                CredentialForm {
                    number: "<script>".into(),
                    ..florida()
                },
                "Number",
            ),
            (
                CredentialForm {
                    kind: "diploma".into(),
                    ..florida()
                },
                "Kind",
            ),
            (
                CredentialForm {
                    specialty: "x".repeat(10_000),
                    ..florida()
                },
                "Specialty",
            ),
        ];
        for (form, field) in cases {
            assert_eq!(check(&form).err().map(|p| p.field), Some(field), "{form:?}");
        }
    }

    #[test]
    fn dea_numbers_carry_a_check_digit() {
        let dea = |number: &str| CredentialForm {
            kind: "dea".into(),
            number: number.into(),
            expires: "2027-03-31".into(),
            ..CredentialForm::default()
        };
        // 1+3+5 = 9; 2*(2+4+6) = 24; 33 ends in 3.
        assert!(check(&dea("ab1234563")).is_ok());
        assert_eq!(
            check(&dea("AB1234564")).err().map(|p| p.field),
            Some("DEA number")
        );
        assert_eq!(
            check(&dea("A12345678")).err().map(|p| p.field),
            Some("DEA number")
        );
    }

    #[test]
    fn certifications_come_from_the_catalog_and_custom_ones_need_a_name() {
        let cert = CredentialForm {
            kind: "certification".into(),
            certification: "ABIM-MOC".into(),
            expires: "2030-12-31".into(),
            ..CredentialForm::default()
        };
        assert!(check(&cert).is_ok());
        let unknown = CredentialForm {
            certification: "XYZ".into(),
            ..cert.clone()
        };
        assert!(check(&unknown).is_err());
        let custom = CredentialForm {
            kind: "custom".into(),
            ..cert
        };
        assert_eq!(check(&custom).err().map(|p| p.field), Some("Name"));
    }

    #[test]
    fn an_own_rule_is_kept_for_custom_credentials_and_dropped_for_certifications() {
        let custom = CredentialForm {
            kind: "custom".into(),
            name: "BLS provider card".into(),
            expires: "2027-06-30".into(),
            own_months: "24".into(),
            own_topic: "medical_errors".into(),
            ..CredentialForm::default()
        };
        let rule = check(&custom).ok().and_then(|valid| valid.own_rule);
        assert_eq!(rule.map(|r| r.months), Some(24));
        let cert = CredentialForm {
            kind: "certification".into(),
            certification: "ABIM-MOC".into(),
            name: String::new(),
            ..custom.clone()
        };
        assert_eq!(check(&cert).ok().and_then(|valid| valid.own_rule), None);
        let bad = CredentialForm {
            own_months: "forever".into(),
            ..custom
        };
        assert_eq!(
            check(&bad).err().map(|p| p.field),
            Some("Renews every (months)")
        );
    }
}
