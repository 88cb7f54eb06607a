//! Logging in and out.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde::Deserialize;
use serde_json::json;

use crate::auth::{self, SignedIn, password};
use crate::error::{AppError, blocking};
use crate::store::now_ms;

use super::Services;
use super::body::{Submitted, answer, is_form};

/// The login form.
#[derive(Deserialize)]
pub(super) struct Login {
    username: String,
    password: String,
}

/// `POST /api/auth/login`: a session cookie for the right name and password.
/// From the course's form, it answers with a redirect to `/teach`.
pub(super) async fn login(
    State(services): State<Arc<Services>>,
    connect: Option<Extension<ConnectInfo<SocketAddr>>>,
    form: Submitted<Login>,
) -> Response {
    let from_form = form.from_form;
    let result = sign_in(services, connect, form.value).await;
    answer(from_form, result, "/teach", "/teach")
}

async fn sign_in(
    services: Arc<Services>,
    connect: Option<Extension<ConnectInfo<SocketAddr>>>,
    form: Login,
) -> Result<Response, AppError> {
    let mut keys = vec![format!("user:{}", form.username.to_lowercase())];
    if let Some(Extension(ConnectInfo(addr))) = connect {
        keys.push(format!("ip:{}", addr.ip()));
    }
    services
        .login_limit
        .check(&keys)
        .map_err(AppError::TooManyRequests)?;
    let store = Arc::clone(&services.trainings.store);
    let ttl = i64::try_from(services.auth.session_ttl.as_millis()).unwrap_or(i64::MAX);
    let signed_in = blocking(move || {
        let found = store.instructor_by_name(&form.username)?;
        let hash = found
            .as_ref()
            .map_or(password::decoy(), |(_, h)| h.as_str());
        let matches = password::verify(&form.password, hash);
        let Some((instructor, _)) = found.filter(|_| matches) else {
            return Ok(None);
        };
        let token = crate::ids::random_hex(32);
        store.create_session(
            &auth::token_hash(&token),
            instructor.id,
            now_ms().saturating_add(ttl),
        )?;
        Ok(Some((instructor, token)))
    })
    .await?;
    let Some((instructor, token)) = signed_in else {
        return Err(AppError::WrongLogin);
    };
    let cookie = auth::set_cookie(&services.auth, Some(&token));
    Ok(([(header::SET_COOKIE, cookie)], Json(instructor)).into_response())
}

/// `POST /api/auth/logout`: ends the session (from a form: then to `/teach`).
pub(super) async fn logout(State(services): State<Arc<Services>>, headers: HeaderMap) -> Response {
    let from_form = is_form(&headers);
    answer(
        from_form,
        sign_out(services, headers).await,
        "/teach",
        "/teach",
    )
}

async fn sign_out(services: Arc<Services>, headers: HeaderMap) -> Result<Response, AppError> {
    if let Some(token) = auth::session_token(&headers) {
        let store = Arc::clone(&services.trainings.store);
        blocking(move || Ok(store.delete_session(&auth::token_hash(&token))?)).await?;
    }
    let cookie = auth::set_cookie(&services.auth, None);
    Ok((
        StatusCode::OK,
        [(header::SET_COOKIE, cookie)],
        Json(json!({ "ok": true })),
    )
        .into_response())
}

/// `GET /api/auth/me`: who is signed in.
pub(super) async fn me(SignedIn(instructor): SignedIn) -> Json<crate::store::Instructor> {
    Json(instructor)
}
