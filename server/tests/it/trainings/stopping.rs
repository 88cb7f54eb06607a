//! Ending runs early: stop keeps a checkpoint and can be resumed, cancel ends at
//! once without harming the store, and a run that diverges fails with its reason.

use std::time::Duration;

use axum::http::StatusCode;
use serde_json::json;
use server::auth::AuthSettings;
use server::store::JobState;
use server::trainings::progress::Timing;

use super::lifecycle::events;
use super::support::{Harness, tiny_form};

fn quick() -> Timing {
    Timing {
        lease: Duration::from_secs(30),
        report_every: Duration::from_millis(20),
    }
}

#[tokio::test]
async fn stop_saves_a_checkpoint_and_resume_finishes_the_run() {
    let harness = Harness::with(1, quick(), AuthSettings::default(), None);
    let cookie = harness.login().await;
    let id = harness.create_job(&cookie, &tiny_form(300, 100)).await;
    harness.wait_for(&id, "a few steps", |j| j.step >= 5);
    let reply = harness
        .post(&format!("/api/jobs/{id}/stop"), &json!({}), Some(&cookie))
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let job = harness.wait_until_ended(&id);
    assert_eq!(job.state, JobState::Stopped);
    assert!(
        job.reason
            .as_deref()
            .unwrap_or("")
            .contains("stopped by the instructor"),
        "{:?}",
        job.reason
    );
    assert!(job.checkpoint_step > 0 && job.checkpoint_step < 300);
    assert_eq!(
        job.checkpoint_step, job.step,
        "the final checkpoint is where it stopped"
    );
    let saved = harness
        .dir
        .join("jobs")
        .join(&id)
        .join(format!("checkpoints/lora-step-{:06}.safetensors", job.step));
    assert!(saved.is_file(), "{}", saved.display());
    let again = harness
        .post(&format!("/api/jobs/{id}/stop"), &json!({}), Some(&cookie))
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);

    let reply = harness
        .post(&format!("/api/jobs/{id}/resume"), &json!({}), Some(&cookie))
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let done = harness.wait_until_ended(&id);
    assert_eq!(done.state, JobState::Succeeded);
    assert_eq!((done.attempts, done.step), (2, 300));
}

#[tokio::test]
async fn cancel_ends_at_once_and_the_store_stays_sound() {
    let mut harness = Harness::with(0, quick(), AuthSettings::default(), None);
    let cookie = harness.login().await;
    let queued = harness.create_job(&cookie, &tiny_form(10, 10)).await;
    let reply = harness
        .post(
            &format!("/api/jobs/{queued}/cancel"),
            &json!({}),
            Some(&cookie),
        )
        .await;
    assert_eq!(reply.json()["state"], "stopped");

    let running = harness.create_job(&cookie, &tiny_form(5000, 1000)).await;
    harness.start_workers(1, "w");
    harness.wait_for(&running, "a few steps", |j| j.step >= 3);
    let reply = harness
        .post(
            &format!("/api/jobs/{running}/cancel"),
            &json!({}),
            Some(&cookie),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.json()["state"], "stopped");
    let at_cancel = harness.job(&running);
    assert!(
        at_cancel
            .reason
            .as_deref()
            .unwrap_or("")
            .starts_with("cancelled by the instructor")
    );
    // The worker lets go and takes the next job; the cancelled one stays put.
    let next = harness.create_job(&cookie, &tiny_form(10, 10)).await;
    assert_eq!(harness.wait_until_ended(&next).state, JobState::Succeeded);
    let later = harness.job(&running);
    assert_eq!(
        (later.state, later.step),
        (JobState::Stopped, at_cancel.step)
    );
    assert_eq!(
        harness
            .trainings
            .store
            .pragma("integrity_check")
            .expect("check"),
        "ok"
    );
}

#[tokio::test]
async fn a_diverging_run_fails_with_its_reason() {
    let harness = Harness::with(1, quick(), AuthSettings::default(), None);
    let cookie = harness.login().await;
    let mut form = tiny_form(50, 10);
    form["learning_rate"] = json!(1e30);
    let id = harness.create_job(&cookie, &form).await;
    let job = harness.wait_until_ended(&id);
    assert_eq!(job.state, JobState::Failed);
    let reason = job.reason.unwrap_or_default();
    assert!(reason.contains("not a finite number"), "{reason}");
    let stream = events(&harness, &id, None).await;
    assert!(
        stream.iter().any(|e| e.kind == "skipped"),
        "skipped steps were reported"
    );
    let last = stream.last().expect("events");
    assert_eq!(
        (last.kind.as_str(), last.data["state"].as_str()),
        ("state", Some("failed"))
    );
    assert_eq!(
        harness
            .get(&format!("/api/jobs/{id}/lora"), None)
            .await
            .status,
        StatusCode::CONFLICT
    );
}

#[tokio::test]
async fn a_server_shutting_down_hands_its_job_back_with_a_checkpoint() {
    let mut harness = Harness::with(1, quick(), AuthSettings::default(), None);
    let cookie = harness.login().await;
    let id = harness.create_job(&cookie, &tiny_form(300, 100)).await;
    harness.wait_for(&id, "a few steps", |j| j.step >= 5);
    harness.pool.take().expect("pool").shutdown();
    let job = harness.job(&id);
    assert_eq!(job.state, JobState::Queued, "back in the queue");
    assert!(
        job.checkpoint_step >= 5,
        "with a checkpoint where it was: {job:?}"
    );
    harness.start_workers(1, "next");
    let done = harness.wait_until_ended(&id);
    assert_eq!(
        (done.state, done.attempts, done.step),
        (JobState::Succeeded, 2, 300)
    );
}
