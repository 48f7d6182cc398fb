//! What the documents pages are given.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentView {
    pub id: String,
    pub title: String,
    pub kind: String,
    pub kind_label: String,
    /// Newest first; never empty.
    pub versions: Vec<VersionView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionView {
    pub number: i32,
    pub file_name: String,
    pub content_type: String,
    pub size: u64,
    pub uploaded: String,
}

/// What became of one uploaded file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadResult {
    pub name: String,
    pub stored: bool,
    pub message: String,
    pub document_id: Option<String>,
}

impl UploadResult {
    pub fn stored(name: &str, id: String) -> Self {
        Self {
            name: name.to_owned(),
            stored: true,
            message: "Uploaded.".into(),
            document_id: Some(id),
        }
    }

    pub fn refused(name: &str, message: &str) -> Self {
        Self {
            name: name.to_owned(),
            stored: false,
            message: message.to_owned(),
            document_id: None,
        }
    }
}
