//! The clinician's workspace: what a credential or a CE activity form may hold, checked
//! into values the rest of the app can trust. Pure: today's date is an argument.

pub mod activity_form;
pub mod credential_form;
pub mod fields;
pub mod jurisdictions;
pub mod own_rule;
pub mod profile;

pub use activity_form::{ActivityForm, Format, ValidActivity};
pub use credential_form::{CatalogLookup, CredentialForm, CredentialKind, ValidCredential};
pub use fields::FieldProblem;
pub use own_rule::OwnRule;
