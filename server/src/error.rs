//! `AppError`: the one error every API handler returns. Each variant is a status
//! and a message meant for the person at the browser; an internal error logs its
//! cause here and tells the client only that something went wrong.

use std::time::Duration;

use axum::Json;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::store::StoreError;

/// What an API request can end in, besides success.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// No (valid) session.
    #[error("log in first")]
    Unauthorized,
    /// A login with an unknown name or a wrong password (which one is not said).
    #[error("wrong name or password")]
    WrongLogin,
    /// Refused for a reason the message gives.
    #[error("{0}")]
    Forbidden(String),
    /// Nothing there (or not yours).
    #[error("not found")]
    NotFound,
    /// The request itself is malformed.
    #[error("{0}")]
    BadRequest(String),
    /// The request conflicts with the current state.
    #[error("{0}")]
    Conflict(String),
    /// The body is larger than allowed.
    #[error("the upload is larger than the limit of {0} bytes")]
    TooLarge(u64),
    /// Too many attempts; try again after the duration.
    #[error("too many attempts; try again in {} seconds", .0.as_secs().max(1))]
    TooManyRequests(Duration),
    /// The submitted settings were refused; errors and warnings for the form.
    #[error("the settings were refused")]
    Invalid {
        /// Hard errors, each a sentence.
        errors: Vec<String>,
        /// Advice that would not have stopped the job.
        warnings: Vec<String>,
    },
    /// Anything else: logged, never shown.
    #[error("internal error: {0}")]
    Internal(String),
}

impl AppError {
    /// An internal error with `cause` (logged when the response is made).
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        Self::Internal(cause.to_string())
    }

    fn status(&self) -> StatusCode {
        match self {
            Self::Unauthorized | Self::WrongLogin => StatusCode::UNAUTHORIZED,
            Self::Forbidden(_) => StatusCode::FORBIDDEN,
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::BadRequest(_) => StatusCode::BAD_REQUEST,
            Self::Conflict(_) => StatusCode::CONFLICT,
            Self::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            Self::TooManyRequests(_) => StatusCode::TOO_MANY_REQUESTS,
            Self::Invalid { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl From<StoreError> for AppError {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::NotFound => Self::NotFound,
            StoreError::Conflict(message) => Self::Conflict(message),
            other => Self::internal(other),
        }
    }
}

impl AppError {
    /// What the person at the browser is told: every message but an internal
    /// error's, whose cause is logged here instead.
    pub fn public_message(&self) -> String {
        match self {
            Self::Internal(cause) => {
                tracing::error!("internal error: {cause}");
                "internal error; the server log has the details".to_owned()
            }
            Self::Invalid { errors, .. } => errors.join("; "),
            other => other.to_string(),
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = self.status();
        let body = match &self {
            Self::Invalid { errors, warnings } => {
                json!({ "error": self.to_string(), "errors": errors, "warnings": warnings })
            }
            other => json!({ "error": other.public_message() }),
        };
        let mut response = (status, Json(body)).into_response();
        if let Self::TooManyRequests(wait) = self
            && let Ok(value) = wait.as_secs().max(1).to_string().parse()
        {
            response.headers_mut().insert(header::RETRY_AFTER, value);
        }
        response
    }
}

/// Runs blocking store work off the async threads.
pub async fn blocking<T, F>(work: F) -> Result<T, AppError>
where
    F: FnOnce() -> Result<T, AppError> + Send + 'static,
    T: Send + 'static,
{
    tokio::task::spawn_blocking(work)
        .await
        .map_err(AppError::internal)?
}
