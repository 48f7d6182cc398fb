//! Server-function answers: the error's HTTP status goes on the response, so clients and
//! logs see 400, 401 or 429 rather than a blanket 500.

use axum::http::StatusCode;
use leptos::prelude::*;
use leptos_axum::ResponseOptions;

use crate::error::AppError;

/// The HTTP status an error answers with.
pub fn status_of(err: &AppError) -> StatusCode {
    StatusCode::from_u16(err.code.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

/// Sets the response status for `err` and hands it back, for use in `map_err`.
pub fn fail(err: AppError) -> AppError {
    if let Some(response) = use_context::<ResponseOptions>() {
        response.set_status(status_of(&err));
    }
    err
}

/// A plain route's refusal (a file download, a CSV export): the status and the message as
/// text, which is what a browser shows when it asked for a file.
pub fn plain_refusal(err: AppError) -> axum::response::Response {
    use axum::response::IntoResponse;
    (status_of(&err), err.message).into_response()
}

/// Applies `fail` to the error of a server function's result.
pub fn finish<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    result.map_err(fail)
}

/// A record id from a form or link: malformed ids answer like missing records, so a probe
/// learns nothing from the difference.
pub fn record_id(raw: &str) -> Result<uuid::Uuid, AppError> {
    uuid::Uuid::parse_str(raw.trim()).map_err(|_| AppError::not_found())
}

/// A database failure as the user sees it ("try again in a minute"); the cause goes to the
/// log, next to the request's access line that names the route.
pub fn database_error(err: sea_orm::DbErr) -> AppError {
    tracing::error!(error = %err, "request failed on the database");
    AppError::unavailable()
}
