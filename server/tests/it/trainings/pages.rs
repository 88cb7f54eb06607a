//! The course's run pages, rendered by the server from the job store: a run's
//! page with its progress, curves, samples and downloads; the class page
//! students open; the instructor's dashboard.

use axum::http::StatusCode;
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
