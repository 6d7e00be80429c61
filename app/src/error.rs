//! The error every server function returns. Details stay in the server log;
//! the client gets a kind it can explain in the user's language.

use domain::validate::FieldErrors;
use serde::{Deserialize, Serialize};
use server_fn::codec::JsonEncoding;
use server_fn::error::{FromServerFnError, ServerFnErrorErr};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("sign-in required")]
    Unauthenticated,
    #[error("session expired")]
    SessionExpired,
    #[error("not allowed")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error("invalid input")]
    Invalid(FieldErrors),
    #[error("wrong email or password")]
    BadCredentials,
    #[error("too many sign-in attempts")]
    Throttled { retry_after_secs: i64 },
    /// The record changed since the client read it; `current` is the record
    /// as it is now (JSON of the feature's view type).
    #[error("edit conflict")]
    Conflict {
        current_version: i64,
        current: String,
    },
    #[error("command id already used for another command")]
    CommandReused,
    #[error("malformed request")]
    BadRequest,
    #[error("network problem: {0}")]
    Network(String),
    #[error("server error")]
    Internal,
}

impl AppError {
    pub fn status(&self) -> u16 {
        match self {
            AppError::Unauthenticated | AppError::SessionExpired | AppError::BadCredentials => 401,
            AppError::Forbidden => 403,
            AppError::NotFound => 404,
            AppError::Invalid(_) | AppError::BadRequest => 400,
            AppError::Throttled { .. } => 429,
            AppError::Conflict { .. } | AppError::CommandReused => 409,
            AppError::Network(_) => 503,
            AppError::Internal => 500,
        }
    }

    pub fn fields(&self) -> Option<&FieldErrors> {
        match self {
            AppError::Invalid(f) => Some(f),
            _ => None,
        }
    }

    pub fn needs_sign_in(&self) -> bool {
        matches!(self, AppError::Unauthenticated | AppError::SessionExpired)
    }
}

impl From<FieldErrors> for AppError {
    fn from(f: FieldErrors) -> Self {
        AppError::Invalid(f)
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Request(m) | ServerFnErrorErr::Response(m) => AppError::Network(m),
            ServerFnErrorErr::Args(_)
            | ServerFnErrorErr::Deserialization(_)
            | ServerFnErrorErr::MissingArg(_)
            | ServerFnErrorErr::UnsupportedRequestMethod(_) => AppError::BadRequest,
            _ => AppError::Internal,
        }
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> Self {
        // The detail goes to the server log only; bound values (which may be
        // patient data) are not part of sqlx's error text.
        tracing::error!(error = %e, "database error");
        AppError::Internal
    }
}
