//! Accounts: who may write, how sessions look, and what is refused.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use serde_json::json;
use server::auth::AuthSettings;
use server::trainings::progress::Timing;

use super::support::{Harness, PASSWORD, tiny_form};

#[tokio::test]
async fn writes_without_a_session_are_refused() {
    let harness = Harness::new(0);
    let reply = harness.post("/api/jobs", &tiny_form(10, 10), None).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{}", reply.text());
    assert_eq!(reply.json()["error"], "log in first");
    assert_eq!(
        harness.get("/api/jobs", None).await.status,
        StatusCode::UNAUTHORIZED
    );
    let forged = harness
        .post(
            "/api/jobs",
            &tiny_form(10, 10),
            Some("sweetspot_session=00ff"),
        )
        .await;
    assert_eq!(forged.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn login_sets_a_strict_cookie_and_logout_ends_the_session() {
    let harness = Harness::new(0);
    let reply = harness
        .post(
            "/api/auth/login",
            &json!({ "username": "TEACHER", "password": PASSWORD }),
            None,
        )
        .await;
    assert_eq!(
        reply.status,
        StatusCode::OK,
        "names ignore case: {}",
        reply.text()
    );
    let set = reply.headers[header::SET_COOKIE].to_str().expect("ascii");
    for part in ["HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(set.contains(part), "{set}");
    }
    assert!(!set.contains("Secure"), "plain HTTP in tests: {set}");
    let cookie = set.split(';').next().expect("pair").to_owned();
    let me = harness.get("/api/auth/me", Some(&cookie)).await;
    assert_eq!(me.json()["username"], "teacher");
    let out = harness
        .post("/api/auth/logout", &json!({}), Some(&cookie))
        .await;
    assert_eq!(out.status, StatusCode::OK);
    assert!(
        out.headers[header::SET_COOKIE]
            .to_str()
            .expect("ascii")
            .contains("Max-Age=0")
    );
    assert_eq!(
        harness.get("/api/auth/me", Some(&cookie)).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn cookies_are_secure_behind_tls() {
    let auth = AuthSettings {
        secure_cookies: true,
        ..AuthSettings::default()
    };
    let harness = Harness::with(0, Timing::default(), auth, None);
    let reply = harness
        .post(
            "/api/auth/login",
            &json!({ "username": "teacher", "password": PASSWORD }),
            None,
        )
        .await;
    assert!(
        reply.headers[header::SET_COOKIE]
            .to_str()
            .expect("ascii")
            .ends_with("; Secure")
    );
}

#[tokio::test]
async fn wrong_passwords_and_unknown_names_get_the_same_answer() {
    let harness = Harness::new(0);
    for (user, password) in [("teacher", "not the password"), ("nobody", PASSWORD)] {
        let reply = harness
            .post(
                "/api/auth/login",
                &json!({ "username": user, "password": password }),
                None,
            )
            .await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
        assert_eq!(reply.json()["error"], "wrong name or password");
        assert!(reply.headers.get(header::SET_COOKIE).is_none());
    }
}

#[tokio::test]
async fn logins_are_rate_limited_per_account() {
    let auth = AuthSettings {
        login_attempts: 3,
        ..AuthSettings::default()
    };
    let harness = Harness::with(0, Timing::default(), auth, None);
    let harness = &harness;
    let attempt = |password: &'static str| {
        let body = json!({ "username": "teacher", "password": password });
        async move { harness.post("/api/auth/login", &body, None).await }
    };
    for _ in 0..3 {
        assert_eq!(attempt("guess").await.status, StatusCode::UNAUTHORIZED);
    }
    let limited = attempt(PASSWORD).await;
    assert_eq!(
        limited.status,
        StatusCode::TOO_MANY_REQUESTS,
        "even the right password waits"
    );
    assert!(
        limited.headers[header::RETRY_AFTER]
            .to_str()
            .expect("ascii")
            .parse::<u64>()
            .expect("seconds")
            > 0
    );
}

#[tokio::test]
async fn state_changing_requests_need_our_origin() {
    let harness = Harness::new(0);
    let cookie = harness.login().await;
    let send = |origin: Option<&'static str>| {
        let mut request = Request::post("/api/jobs")
            .header(header::HOST, "localhost")
            .header(header::COOKIE, cookie.clone())
            .header(header::CONTENT_TYPE, "application/json");
        if let Some(origin) = origin {
            request = request.header(header::ORIGIN, origin);
        }
        request
            .body(Body::from(tiny_form(10, 10).to_string()))
            .expect("request")
    };
    let missing = harness.send(send(None)).await;
    assert_eq!(missing.status, StatusCode::FORBIDDEN);
    assert_eq!(missing.json()["error"], "the request has no Origin header");
    let foreign = harness.send(send(Some("https://evil.example"))).await;
    assert_eq!(foreign.status, StatusCode::FORBIDDEN);
    assert!(
        harness.trainings.store.jobs_of(1).expect("read").is_empty(),
        "nothing was queued"
    );
    let ours = harness.send(send(Some("http://localhost"))).await;
    assert_eq!(ours.status, StatusCode::CREATED, "{}", ours.text());
}

#[test]
fn the_admin_command_refuses_short_passwords_and_taken_names() {
    let dir = std::env::temp_dir().join(format!("sweetspot-admin-{}", server::ids::random_hex(6)));
    std::fs::create_dir_all(&dir).expect("dir");
    let db = dir.join("sweetspot.db");
    let short = server::admin::create_instructor(&db, "ada", "short");
    assert_eq!(
        short.expect_err("refused").to_string(),
        "the password must have at least 12 characters"
    );
    server::admin::create_instructor(&db, "ada", "long enough password").expect("created");
    let again = server::admin::create_instructor(&db, "ADA", "long enough password");
    assert!(
        again
            .expect_err("taken")
            .to_string()
            .contains("already exists")
    );
    assert!(server::admin::create_instructor(&db, "../x", "long enough password").is_err());
    let password = server::admin::read_password(&b"secret words here\n"[..]).expect("line");
    assert_eq!(password, "secret words here");
}
