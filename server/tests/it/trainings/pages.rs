//! The course's run pages, rendered by the server from the job store: a run's
//! page with its progress, curves, samples and downloads; the class page
//! students open; the instructor's dashboard.

use axum::http::{StatusCode, header};
use server::store::JobState;

use super::support::{Harness, tiny_form};

#[tokio::test]
async fn run_class_and_dashboard_pages_show_a_finished_run() {
    let harness = Harness::new(1);
    let cookie = harness.login().await;
    let id = harness.create_job(&cookie, &tiny_form(10, 5)).await;
    assert_eq!(harness.wait_until_ended(&id).state, JobState::Succeeded);

    let page = harness.get(&format!("/runs/{id}"), None).await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.text();
    for needle in [
        "data-state=\"succeeded\"",
        "Teaching TOK",
        "step 10 of 10 (100%)",
        "cpu (flex)",
        "class=\"loss-raw\"",
        "class=\"loss-smoothed\"",
        "class=\"loss-validation\"",
        "class=\"run-walker\"",
        "tabindex=\"0\"",
        "step 10: a photo of TOK on a beach",
        &format!("/api/jobs/{id}/samples/step-000005-p0.png"),
        &format!("/api/jobs/{id}/checkpoints/5?layout=comfy"),
        &format!("/api/jobs/{id}/lora?layout=fal"),
    ] {
        assert!(html.contains(needle), "the run page shows {needle}");
    }
    let points = html
        .split("class=\"loss-raw\"")
        .nth(1)
        .and_then(|rest| rest.split("points=\"").nth(1))
        .and_then(|rest| rest.split('"').next())
        .expect("points");
    assert_eq!(
        points.split(' ').count(),
        10,
        "one point per step: {points}"
    );

    let missing = harness
        .get("/runs/0123456789abcdef0123456789abcdef", None)
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);

    let dashboard = harness.get("/teach", Some(&cookie)).await.text();
    assert!(dashboard.contains("Your runs"), "signed in");
    let token = harness.get("/api/auth/me", Some(&cookie)).await.json()["class_token"]
        .as_str()
        .expect("token")
        .to_owned();
    assert!(
        dashboard.contains(&format!("/class/{token}")),
        "the class link is shown"
    );
    assert!(dashboard.contains(&format!("/runs/{id}")));
    let anonymous = harness.get("/teach", None).await.text();
    assert!(anonymous.contains("Sign in to see your training runs"));

    let class = harness.get(&format!("/class/{token}"), None).await;
    assert_eq!(class.status, StatusCode::OK);
    let class = class.text();
    assert!(class.contains("Class runs") && class.contains(&format!("/runs/{id}")));
    assert!(
        !class.contains(&format!("/class/{token}\"")),
        "students do not get the link shown as the instructor's"
    );
}

/// POSTs an HTML form, as a browser does (with our Origin).
async fn post_form(
    harness: &Harness,
    path: &str,
    body: &str,
    cookie: Option<&str>,
) -> super::support::Reply {
    let mut request = axum::http::Request::post(path)
        .header(header::HOST, "localhost")
        .header(header::ORIGIN, "http://localhost")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    harness
        .send(
            request
                .body(axum::body::Body::from(body.to_owned()))
                .expect("request"),
        )
        .await
}

fn location(reply: &super::support::Reply) -> String {
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.text());
    reply.headers[header::LOCATION]
        .to_str()
        .expect("ascii")
        .to_owned()
}

#[tokio::test]
async fn the_pages_work_without_javascript() {
    let harness = Harness::new(0);
    let signed_out = harness.get("/teach", None).await.text();
    assert!(signed_out.contains("action=\"/api/auth/login\""));

    let wrong = post_form(
        &harness,
        "/api/auth/login",
        "username=teacher&password=nope",
        None,
    )
    .await;
    assert_eq!(
        location(&wrong),
        "/teach?error=wrong%20name%20or%20password"
    );
    assert!(wrong.headers.get(header::SET_COOKIE).is_none());
    assert!(
        harness
            .get(&location(&wrong), None)
            .await
            .text()
            .contains("wrong name or password")
    );

    let body = format!(
        "username=teacher&password={}",
        super::support::PASSWORD.replace(' ', "+")
    );
    let signed_in = post_form(&harness, "/api/auth/login", &body, None).await;
    assert_eq!(location(&signed_in), "/teach");
    let cookie = signed_in.headers[header::SET_COOKIE]
        .to_str()
        .expect("ascii")
        .split(';')
        .next()
        .expect("pair")
        .to_owned();
    let teach = harness.get("/teach", Some(&cookie)).await.text();
    for needle in [
        "action=\"/api/jobs/form\"",
        "value=\"builtin:tok-8\"",
        "looks per photo",
        "Sign out",
    ] {
        assert!(teach.contains(needle), "the bench shows {needle}");
    }

    let bench = "album=builtin%3Atok-8&trigger_phrase=TOK&default_caption=&steps=100&learning_rate=0.001&rank=4\
        &validation_prompts=a+photo+of+TOK+on+a+beach%0D%0Aa+photo+of+TOK&validation_every=50&output_lora_format=comfy&seed=3";
    let created = post_form(&harness, "/api/jobs/form", bench, Some(&cookie)).await;
    let run_page = location(&created);
    let id = run_page
        .strip_prefix("/runs/")
        .expect("a run page")
        .to_owned();
    let job = harness.job(&id);
    assert_eq!(
        job.spec["validation_prompts"].as_array().map(Vec::len),
        Some(2)
    );
    assert_eq!(job.spec["output_lora_format"], "comfy");

    let refused = post_form(
        &harness,
        "/api/jobs/form",
        &bench.replace("rank=4", "rank=0"),
        Some(&cookie),
    )
    .await;
    assert_eq!(
        location(&refused),
        "/teach?error=rank%20must%20be%20between%201%20and%20128%2C%20not%200"
    );
    assert!(harness.job(&id).state == JobState::Queued);
    let unreadable = post_form(
        &harness,
        "/api/jobs/form",
        &bench.replace("steps=100", "steps=lots"),
        Some(&cookie),
    )
    .await;
    assert_eq!(
        location(&unreadable),
        "/teach?error=steps%20must%20be%20a%20number%2C%20not%20%60lots%60"
    );

    let owner_view = harness.get(&run_page, Some(&cookie)).await.text();
    assert!(
        owner_view.contains(&format!("action=\"/api/jobs/{id}/cancel\"")),
        "the owner gets buttons"
    );
    // The owner can duplicate the run with changes: the bench, filled with its
    // settings, posts a new job.
    for needle in [
        "Duplicate with changes",
        "name=\"album\" value=\"builtin:tok-8\"",
        "name=\"rank\" type=\"number\" min=\"1\" max=\"128\" value=\"4\"",
        "name=\"seed\" type=\"number\" min=\"0\" value=\"3\"",
        "<option value=\"comfy\" selected",
        "a photo of TOK on a beach\na photo of TOK</textarea>",
    ] {
        assert!(
            owner_view.contains(needle),
            "the duplicate form holds {needle}"
        );
    }
    let student_view = harness.get(&run_page, None).await.text();
    assert!(!student_view.contains("/cancel\""), "students get none");
    assert!(
        !student_view.contains("Duplicate with changes"),
        "students cannot duplicate"
    );
    let duplicated = post_form(
        &harness,
        "/api/jobs/form",
        &bench.replace("steps=100", "steps=200"),
        Some(&cookie),
    )
    .await;
    let copy = location(&duplicated);
    assert_ne!(copy, run_page, "a new run");
    let copy = harness.job(copy.strip_prefix("/runs/").expect("a run page"));
    assert_eq!(
        (copy.spec["steps"].as_u64(), copy.spec["seed"].as_u64()),
        (Some(200), Some(3))
    );

    let cancelled = post_form(
        &harness,
        &format!("/api/jobs/{id}/cancel"),
        "",
        Some(&cookie),
    )
    .await;
    assert_eq!(location(&cancelled), run_page);
    assert_eq!(harness.job(&id).state, JobState::Stopped);
    let again = post_form(
        &harness,
        &format!("/api/jobs/{id}/cancel"),
        "",
        Some(&cookie),
    )
    .await;
    assert!(location(&again).starts_with(&format!(
        "{run_page}?error=the%20job%20has%20already%20ended"
    )));
    assert!(
        harness
            .get(&run_page, Some(&cookie))
            .await
            .text()
            .contains(&format!("action=\"/api/jobs/{id}/resume\""))
    );

    let out = post_form(&harness, "/api/auth/logout", "", Some(&cookie)).await;
    assert_eq!(location(&out), "/teach");
    assert!(
        harness
            .get("/teach", Some(&cookie))
            .await
            .text()
            .contains("Sign in to see")
    );
}
