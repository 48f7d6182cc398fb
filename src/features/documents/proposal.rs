//! A proposal for the "record activity" form, read from an uploaded certificate for the
//! clinician to check and confirm. Nothing read from the file is stored.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// Fields proposed from a certificate; an empty string where the file did not say.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityProposal {
    pub document_id: String,
    pub title: String,
    pub provider: String,
    pub accreditor: String,
    /// `YYYY-MM-DD`, or empty.
    pub completed: String,
    /// Hours as the form takes them ("1.5"), or empty.
    pub hours: String,
    /// A credit type key of the catalog, or empty.
    pub credit_type: String,
    /// How many of the five main fields (title, provider, date, hours, credit type) were found.
    pub found: usize,
    /// What the clinician should know: what was read, or why nothing could be.
    pub message: String,
}

/// Reads the newest version of the caller's document and proposes the activity's fields.
#[server(endpoint = "documents/proposal", prefix = "/api")]
pub async fn propose_activity(id: Option<String>) -> Result<ActivityProposal, AppError> {
    crate::server::respond::finish(
        crate::server::documents::proposal::propose(id.unwrap_or_default()).await,
    )
}
