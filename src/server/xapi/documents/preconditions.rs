//! The concurrency rules of document writes: `If-Match` and `If-None-Match` against the
//! stored document's ETag.

use axum::http::{HeaderMap, header};

use super::address::Kind;
use crate::server::{
    entities::xapi_document,
    xapi::error::{XapiError, XapiResult},
};

/// The entity tags an `If-Match` / `If-None-Match` header lists (`*` as itself).
fn tags(headers: &HeaderMap, name: header::HeaderName) -> Option<Vec<String>> {
    let value = headers.get(name)?.to_str().ok()?;
    Some(
        value
            .split(',')
            .map(|t| {
                t.trim()
                    .trim_start_matches("W/")
                    .trim_matches('"')
                    .to_owned()
            })
            .filter(|t| !t.is_empty())
            .collect(),
    )
}

/// The concurrency rules: a failed precondition is 412; a profile overwritten without
/// either header is 409 (the client must show it knows what it replaces).
pub fn preconditions(
    headers: &HeaderMap,
    existing: Option<&xapi_document::Model>,
    kind: Kind,
    replacing: bool,
) -> XapiResult<()> {
    let if_match = tags(headers, header::IF_MATCH);
    let if_none_match = tags(headers, header::IF_NONE_MATCH);
    if let Some(wanted) = &if_match {
        let ok = existing.is_some_and(|doc| wanted.iter().any(|t| t == "*" || *t == doc.etag));
        if !ok {
            return Err(XapiError::precondition_failed(
                "If-Match does not match the stored document's ETag; read it again first.",
            ));
        }
    }
    if let Some(unwanted) = &if_none_match
        && let Some(doc) = existing
        && unwanted.iter().any(|t| t == "*" || *t == doc.etag)
    {
        return Err(XapiError::precondition_failed(
            "If-None-Match: the document already exists.",
        ));
    }
    if replacing
        && kind != Kind::State
        && existing.is_some()
        && if_match.is_none()
        && if_none_match.is_none()
    {
        return Err(XapiError::conflict(
            "This profile exists: send If-Match with its ETag (or If-None-Match: *) to write it.",
        ));
    }
    Ok(())
}
