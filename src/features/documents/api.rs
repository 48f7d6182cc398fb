//! Server functions for a clinician's own documents. Uploads and downloads are plain
//! routes (`/documents/upload`, `/documents/{id}/file`) so bytes stream.

use leptos::prelude::*;

use super::views::{Allowance, DocumentView};
use crate::error::AppError;

#[server(endpoint = "documents", prefix = "/api")]
pub async fn list_documents() -> Result<Vec<DocumentView>, AppError> {
    crate::server::respond::finish(crate::server::documents::library::list().await)
}

/// Changes a document's title, kind and links (a link field left out keeps the link; `none`
/// removes it).
#[server(endpoint = "documents/rename", prefix = "/api")]
pub async fn rename_document(
    id: Option<String>,
    title: Option<String>,
    kind: Option<String>,
    activity: Option<String>,
    credential: Option<String>,
) -> Result<DocumentView, AppError> {
    use crate::server::documents::library::{self, DocumentEdit};
    let edit = DocumentEdit {
        title: title.unwrap_or_default(),
        kind: kind.unwrap_or_default(),
        activity,
        credential,
    };
    crate::server::respond::finish(library::edit(id.unwrap_or_default(), edit).await)
}

#[server(endpoint = "documents/delete", prefix = "/api")]
pub async fn delete_document(id: Option<String>) -> Result<(), AppError> {
    crate::server::respond::finish(
        crate::server::documents::library::delete(id.unwrap_or_default()).await,
    )
}

/// "This contains patient information": destroyed at once, every version and its key.
#[server(endpoint = "documents/report", prefix = "/api")]
pub async fn report_patient_information(id: Option<String>) -> Result<(), AppError> {
    crate::server::respond::finish(
        crate::server::documents::library::report_patient_information(id.unwrap_or_default()).await,
    )
}

#[server(endpoint = "documents/allowance", prefix = "/api")]
pub async fn document_allowance() -> Result<Allowance, AppError> {
    crate::server::respond::finish(crate::server::documents::library::allowance().await)
}
