//! The one error type on the request path: a stable code a support ticket can quote and a
//! message that is safe to show. Causes stay in the server's logs.

use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};

/// Stable error codes; their spelling is part of the public contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ErrorCode {
    /// The request was malformed or a field failed validation.
    BadRequest,
    /// The record does not exist or belongs to someone else.
    NotFound,
    /// Signing in is needed first.
    #[serde(rename = "AUTH_REQUIRED")]
    Unauthenticated,
    /// Signed in, but this needs another role or a second factor.
    Forbidden,
    /// Sign-in failed: unknown account or wrong password, deliberately not told apart.
    #[serde(rename = "AUTH_INVALID")]
    InvalidCredentials,
    /// Too many failed attempts; try again later.
    #[serde(rename = "AUTH_THROTTLED")]
    Throttled,
    /// The email or username is already used by another account.
    AccountExists,
    /// A dependency (database, storage) is not reachable right now.
    Unavailable,
    /// The request never reached the server or its answer could not be read.
    Network,
    /// Anything unexpected; details are in the server log under the request id.
    Internal,
}

impl ErrorCode {
    /// The code as shown to users and in support tickets.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::BadRequest => "BAD_REQUEST",
            Self::NotFound => "NOT_FOUND",
            Self::Unauthenticated => "AUTH_REQUIRED",
            Self::Forbidden => "FORBIDDEN",
            Self::InvalidCredentials => "AUTH_INVALID",
            Self::Throttled => "AUTH_THROTTLED",
            Self::AccountExists => "ACCOUNT_EXISTS",
            Self::Unavailable => "UNAVAILABLE",
            Self::Network => "NETWORK",
            Self::Internal => "INTERNAL",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{message} ({})", code.as_str())]
pub struct AppError {
    pub code: ErrorCode,
    pub message: String,
}

impl AppError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::BadRequest, message)
    }

    pub fn not_found() -> Self {
        Self::new(ErrorCode::NotFound, "That record was not found.")
    }

    pub fn unauthenticated() -> Self {
        Self::new(ErrorCode::Unauthenticated, "Please sign in to continue.")
    }

    pub fn forbidden() -> Self {
        Self::new(ErrorCode::Forbidden, "You do not have access to this page.")
    }

    pub fn unavailable() -> Self {
        Self::new(
            ErrorCode::Unavailable,
            "The service is temporarily unavailable. Please try again in a minute.",
        )
    }

    pub fn internal() -> Self {
        Self::new(
            ErrorCode::Internal,
            "Something went wrong on our side. Please try again.",
        )
    }
}

impl ErrorCode {
    /// The HTTP status a response with this error carries.
    pub fn http_status(self) -> u16 {
        match self {
            Self::BadRequest => 400,
            Self::Unauthenticated | Self::InvalidCredentials => 401,
            Self::Forbidden => 403,
            Self::NotFound => 404,
            Self::AccountExists => 409,
            Self::Throttled => 429,
            Self::Unavailable => 503,
            Self::Network | Self::Internal => 500,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Request(_) | ServerFnErrorErr::Deserialization(_) => Self::new(
                ErrorCode::Network,
                "Licensure could not be reached. Check your connection and try again.",
            ),
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => {
                Self::bad_request("The form was incomplete or malformed.")
            }
            _ => Self::internal(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn framework_errors_never_carry_their_internal_text() {
        let err = AppError::from_server_fn_error(ServerFnErrorErr::ServerError(
            "relation \"users\" does not exist".into(),
        ));
        assert_eq!(err.code, ErrorCode::Internal);
        assert!(!err.message.contains("users"));
    }

    #[test]
    fn codes_serialise_as_their_stable_names() {
        let json = serde_json_like(&AppError::not_found());
        assert!(json.contains("NOT_FOUND"), "{json}");
    }

    fn serde_json_like(err: &AppError) -> String {
        String::from_utf8_lossy(&err.ser()).into_owned()
    }
}
