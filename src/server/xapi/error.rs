//! An LRS refusal: the status the spec asks for and a message a provider's developer can act
//! on. Database failures answer 503 without their cause, which goes to the log.

use axum::{
    Json,
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use serde_json::json;

#[derive(Debug)]
pub struct XapiError {
    pub status: StatusCode,
    pub message: String,
}

impl XapiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        Self {
            status,
            message: message.into(),
        }
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message)
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, message)
    }

    pub fn conflict(message: impl Into<String>) -> Self {
        Self::new(StatusCode::CONFLICT, message)
    }

    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, message)
    }

    pub fn precondition_failed(message: impl Into<String>) -> Self {
        Self::new(StatusCode::PRECONDITION_FAILED, message)
    }

    pub fn unauthorized() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "Sign in with the LRS key and secret your provider account was given (HTTP Basic), \
             or the token of a course launch.",
        )
    }
}

impl From<sea_orm::DbErr> for XapiError {
    fn from(err: sea_orm::DbErr) -> Self {
        tracing::error!(error = %err, "LRS request failed on the database");
        Self::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "The record store is unavailable; try again in a minute.",
        )
    }
}

impl IntoResponse for XapiError {
    fn into_response(self) -> Response {
        let mut response = (
            self.status,
            Json(json!({ "error": true, "message": self.message })),
        )
            .into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Basic realm=\"Licensure LRS\""),
            );
        }
        response
    }
}

pub type XapiResult<T> = Result<T, XapiError>;
