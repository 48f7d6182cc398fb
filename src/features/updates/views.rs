//! What the product-update server functions return, shaped for the pages.

use serde::{Deserialize, Serialize};

/// One published announcement as clinicians see it (and as the console's preview shows it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdateView {
    pub id: String,
    pub title: String,
    /// Plain text; the page splits it into paragraphs at blank lines.
    pub body: String,
    /// The day it was published, e.g. `5 December 2026` (UTC).
    pub published_on: String,
}
