//! Instructor accounts on the web: session cookies, the signed-in extractor and
//! the Origin check that every state-changing request passes.
//!
//! A session is 32 random bytes in an `HttpOnly`, `SameSite=Lax` cookie
//! (`Secure` when the site is served over TLS); the store keeps only its SHA-256.
//! Students need no account: what they may see is reachable by unguessable ids.

pub mod limit;
pub mod password;

use std::sync::Arc;
use std::time::Duration;

use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, Method, header};
use axum::middleware::Next;
use axum::response::Response;
use sha2::{Digest, Sha256};

use crate::api::Services;
use crate::error::{AppError, blocking};
use crate::store::Instructor;

/// The session cookie's name.
pub const COOKIE: &str = "sweetspot_session";

/// How sign-in behaves.
#[derive(Clone, Debug)]
pub struct AuthSettings {
    /// Mark cookies `Secure` (the site is served over HTTPS).
    pub secure_cookies: bool,
    /// The site's public origin (`https://course.example`). When set, state-changing
    /// requests must come from it exactly; when not, their Origin must name the
    /// host the request was sent to.
    pub public_origin: Option<String>,
    /// How long a session lasts.
    pub session_ttl: Duration,
    /// Login attempts allowed per account name and per client address…
    pub login_attempts: usize,
    /// …in this window.
    pub login_window: Duration,
}

impl Default for AuthSettings {
    fn default() -> Self {
        Self {
            secure_cookies: false,
            public_origin: None,
            session_ttl: Duration::from_secs(7 * 24 * 3600),
            login_attempts: 10,
            login_window: Duration::from_secs(15 * 60),
        }
    }
}

/// The store key of a cookie value.
pub fn token_hash(token: &str) -> String {
    format!("{:x}", Sha256::digest(token.as_bytes()))
}

/// The session token in the request's cookies, if any.
pub fn session_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .map(|(_, value)| value.to_owned())
}

/// `Set-Cookie` for a new session (or, with `None`, one that ends it).
pub fn set_cookie(settings: &AuthSettings, token: Option<&str>) -> String {
    let secure = if settings.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    match token {
        Some(token) => format!(
            "{COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{secure}",
            settings.session_ttl.as_secs()
        ),
        None => format!("{COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}"),
    }
}

/// The instructor a request is signed in as; refuses with 401 otherwise.
#[derive(Clone, Debug)]
pub struct SignedIn(pub Instructor);

impl FromRequestParts<Arc<Services>> for SignedIn {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        services: &Arc<Services>,
    ) -> Result<Self, Self::Rejection> {
        let token = session_token(&parts.headers).ok_or(AppError::Unauthorized)?;
        let store = Arc::clone(&services.trainings.store);
        let instructor = blocking(move || Ok(store.session(&token_hash(&token))?)).await?;
        instructor.map(SignedIn).ok_or(AppError::Unauthorized)
    }
}

/// Refuses a state-changing request (anything but GET, HEAD, OPTIONS) whose
/// `Origin` is missing or foreign: the browser always sends it on such requests,
/// and a cross-site form or script cannot forge it.
pub async fn check_origin(
    State(services): State<Arc<Services>>,
    request: Request,
    next: Next,
) -> Result<Response, AppError> {
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        return Ok(next.run(request).await);
    }
    let headers = request.headers();
    let origin = headers
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok())
        .ok_or_else(|| AppError::Forbidden("the request has no Origin header".into()))?;
    let allowed = match &services.auth.public_origin {
        Some(public) => origin == public.trim_end_matches('/'),
        None => {
            let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
            let origin_host = origin
                .strip_prefix("https://")
                .or_else(|| origin.strip_prefix("http://"));
            host.is_some() && origin_host == host
        }
    };
    if !allowed {
        return Err(AppError::Forbidden(format!(
            "requests from {origin} are not accepted"
        )));
    }
    Ok(next.run(request).await)
}
