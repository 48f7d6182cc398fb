//! What the console's announcement functions return, shaped for its page.

use serde::{Deserialize, Serialize};

use crate::features::updates::UpdateView;

/// Every announcement, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnouncementList {
    pub rows: Vec<AnnouncementRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnouncementRow {
    pub id: String,
    pub title: String,
    pub body: String,
    /// `draft` or `published`.
    pub state: String,
    /// ISO date and time in UTC.
    pub created: String,
    pub updated: String,
    pub published: Option<String>,
    /// The announcement as clinicians see it; a draft carries today's date, the day it
    /// would show if published now.
    pub preview: UpdateView,
}
