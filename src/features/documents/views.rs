//! What the documents pages are given.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentView {
    pub id: String,
    pub title: String,
    pub kind: String,
    pub kind_label: String,
    /// The CE activity this document proves.
    pub activity: Option<LinkView>,
    /// The credential this document belongs to.
    pub credential: Option<LinkView>,
    /// Newest first; never empty.
    pub versions: Vec<VersionView>,
}

/// Another record a document is linked to, by id and the title it is shown under.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct LinkView {
    pub id: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionView {
    pub number: i32,
    pub file_name: String,
    pub content_type: String,
    pub size: u64,
    pub uploaded: String,
}

impl VersionView {
    /// Whether the list can ask for a thumbnail (photos and scans; PDFs show their type).
    pub fn has_preview(&self) -> bool {
        matches!(self.content_type.as_str(), "image/png" | "image/jpeg")
    }

    /// The size as people read it: "850 KB", "4.2 MB".
    pub fn size_label(&self) -> String {
        size_text(self.size)
    }
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

/// What a clinician may upload: the per-file limit, the quota and how much is used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Allowance {
    pub file_limit_mb: u64,
    pub quota_mb: u64,
    pub used_bytes: u64,
}

impl Allowance {
    /// "12.5 MB of 500 MB used".
    pub fn usage_label(&self) -> String {
        // In KB under 1 MB: "0.0 MB" would read as empty while documents are stored.
        let used = match self.used_bytes {
            0 => "Nothing".to_owned(),
            bytes => size_text(bytes),
        };
        format!("{used} of {} MB used", self.quota_mb)
    }
}

/// Bytes as people read them: whole kilobytes (at least 1) under a megabyte, else
/// megabytes to one decimal.
fn size_text(bytes: u64) -> String {
    const MB: u64 = 1024 * 1024;
    if bytes >= MB {
        format!("{:.1} MB", bytes as f64 / MB as f64)
    } else {
        format!("{} KB", bytes.div_ceil(1024).max(1))
    }
}
