//! Request bodies. `JsonBody`: axum's `Json` extractor whose refusals (not JSON,
//! a missing or mistyped field, the wrong content type) come back as
//! [`AppError`]s, so bad input gets the same clear answer as every other
//! refusal. `Submitted`: JSON or an HTML form, the course's pages posting without
//! JavaScript; forms are answered with a redirect ([`answer`]).

use axum::extract::{FromRequest, Request};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Form, Json};
use serde::de::DeserializeOwned;

use crate::error::AppError;

/// A JSON request body.
pub(super) struct JsonBody<T>(pub(super) T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for JsonBody<T> {
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        match Json::<T>::from_request(request, state).await {
            Ok(Json(value)) => Ok(Self(value)),
            Err(rejection) => Err(AppError::BadRequest(rejection.body_text())),
        }
    }
}

/// A body sent as JSON (by scripts) or as an HTML form (by the course's pages,
/// which work without JavaScript); forms are answered with redirects.
pub(super) struct Submitted<T> {
    /// The fields.
    pub(super) value: T,
    /// Whether it came from an HTML form.
    pub(super) from_form: bool,
}

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Submitted<T> {
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        if is_form(request.headers()) {
            match Form::<T>::from_request(request, state).await {
                Ok(Form(value)) => Ok(Self {
                    value,
                    from_form: true,
                }),
                Err(rejection) => Err(AppError::BadRequest(rejection.body_text())),
            }
        } else {
            let JsonBody(value) = JsonBody::from_request(request, state).await?;
            Ok(Self {
                value,
                from_form: false,
            })
        }
    }
}

/// Whether the request carries an HTML form.
pub(super) fn is_form(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"))
}

/// `303 See Other` to `location`, keeping the `Set-Cookie` headers of `reply`.
pub(super) fn see_other(location: &str, reply: Option<&Response>) -> Response {
    let mut response = Redirect::to(location).into_response();
    if let Some(reply) = reply {
        for cookie in reply.headers().get_all(header::SET_COOKIE) {
            response
                .headers_mut()
                .append(header::SET_COOKIE, cookie.clone());
        }
    }
    response
}

/// Answers a form: to `success` when `result` is good, else back to `back`
/// with the message in `?error=`. A JSON request gets `result` itself.
pub(super) fn answer(
    from_form: bool,
    result: Result<Response, AppError>,
    success: &str,
    back: &str,
) -> Response {
    match (from_form, result) {
        (false, result) => result.into_response(),
        (true, Ok(reply)) => see_other(success, Some(&reply)),
        (true, Err(error)) => see_other(&with_error(back, &error), None),
    }
}

/// `back?error=MESSAGE`, percent-encoded.
pub(super) fn with_error(back: &str, error: &AppError) -> String {
    let message = error.public_message();
    let mut encoded = String::with_capacity(message.len());
    for byte in message.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            encoded.push(char::from(byte));
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    format!("{back}?error={encoded}")
}
