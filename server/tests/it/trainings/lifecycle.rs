//! A job from the bench to the LoRA file: queued, running, every step in order
//! over SSE (also resumed with Last-Event-ID), succeeded, and its LoRA loading
//! with the trainer's own loader in both layouts.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use serde_json::{Value, json};
use trainer::lora::{Layout, file};
use trainer::model::weights;

use super::support::{Harness, test_base, tiny_form};

/// One server-sent event.
#[derive(Debug)]
pub(crate) struct Sse {
    pub(crate) id: i64,
    pub(crate) kind: String,
    pub(crate) data: Value,
}

/// Parses a whole `text/event-stream` body.
pub(crate) fn parse_sse(text: &str) -> Vec<Sse> {
    text.split("\n\n")
        .filter_map(|block| {
            let mut id = None;
            let mut kind = None;
            let mut data = None;
            for line in block.lines() {
                if let Some(v) = line.strip_prefix("id: ") {
                    id = v.parse().ok();
                } else if let Some(v) = line.strip_prefix("event: ") {
                    kind = Some(v.to_owned());
                } else if let Some(v) = line.strip_prefix("data: ") {
                    data = serde_json::from_str(v).ok();
                }
            }
            Some(Sse {
                id: id?,
                kind: kind?,
                data: data?,
            })
        })
        .collect()
}

/// Reads the job's event stream to its end (the stream closes after a terminal
/// state), optionally resuming after `last`.
pub(crate) async fn events(harness: &Harness, id: &str, last: Option<i64>) -> Vec<Sse> {
    let mut request = Request::get(format!("/api/jobs/{id}/events"));
    if let Some(last) = last {
        request = request.header("last-event-id", last.to_string());
    }
    let reply = harness
        .send(request.body(Body::empty()).expect("request"))
        .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.headers[header::CONTENT_TYPE], "text/event-stream");
    parse_sse(&reply.text())
}

#[tokio::test]
async fn a_job_runs_streams_its_progress_and_yields_a_loadable_lora() {
    let harness = Harness::new(1);
    let cookie = harness.login().await;
    let reply = harness
        .post("/api/jobs", &tiny_form(20, 10), Some(&cookie))
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    let warnings = reply.json()["warnings"].to_string();
    assert!(
        warnings.contains("about 2 times"),
        "20 steps over 8 photos is little: {warnings}"
    );
    let id = reply.json()["job"]["id"].as_str().expect("id").to_owned();

    // Subscribed while it runs: the stream ends by itself at `succeeded`.
    let live = events(&harness, &id, None).await;
    let ids: Vec<i64> = live.iter().map(|e| e.id).collect();
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "ids increase: {ids:?}");
    let states: Vec<&str> = live
        .iter()
        .filter(|e| e.kind == "state")
        .filter_map(|e| e.data["state"].as_str())
        .collect();
    assert_eq!(states, ["queued", "running", "succeeded"]);
    let steps: Vec<u64> = live
        .iter()
        .filter(|e| e.kind == "step")
        .filter_map(|e| e.data["step"].as_u64())
        .collect();
    assert_eq!(
        steps,
        (1..=20).collect::<Vec<u64>>(),
        "every step, in order"
    );
    let last_step = live
        .iter()
        .rev()
        .find(|e| e.kind == "step")
        .expect("a step");
    for field in ["loss", "lr", "steps_per_second", "eta_seconds"] {
        assert!(
            last_step.data[field].is_number(),
            "{field} in {:?}",
            last_step.data
        );
    }
    let validations: Vec<&Sse> = live.iter().filter(|e| e.kind == "validation").collect();
    assert_eq!(
        validations
            .iter()
            .map(|e| e.data["step"].as_u64().unwrap_or(99))
            .collect::<Vec<_>>(),
        [0, 10, 20]
    );
    let checkpoints: Vec<u64> = live
        .iter()
        .filter(|e| e.kind == "checkpoint")
        .filter_map(|e| e.data["step"].as_u64())
        .collect();
    assert_eq!(checkpoints, [10, 20]);
    let sample = validations[1].data["samples"][0]
        .as_str()
        .expect("sample URL");
    let png = harness.get(sample, None).await;
    assert_eq!(png.status, StatusCode::OK, "{sample}");
    assert_eq!(png.headers[header::CONTENT_TYPE], "image/png");
    assert!(png.bytes.starts_with(b"\x89PNG"));

    // Reconnecting with Last-Event-ID gets exactly the rest.
    let resumed = events(&harness, &id, Some(ids[4])).await;
    assert_eq!(
        resumed.iter().map(|e| e.id).collect::<Vec<_>>(),
        ids[5..].to_vec()
    );
    // A page that already shows events up to some id opens with `?after=`.
    let reply = harness
        .get(&format!("/api/jobs/{id}/events?after={}", ids[6]), None)
        .await;
    assert_eq!(
        parse_sse(&reply.text())
            .iter()
            .map(|e| e.id)
            .collect::<Vec<_>>(),
        ids[7..].to_vec()
    );

    let job = harness.job(&id);
    assert_eq!(job.device.as_deref(), Some("cpu (flex)"));
    let speed = job.steps_per_second.expect("speed recorded");
    println!(
        "tiny job: {speed:.1} steps/s on {}",
        job.device.as_deref().unwrap_or("?")
    );
    assert!(speed > 0.0);

    let shape = weights::config_of(&test_base()).expect("shape");
    let fal = harness.get(&format!("/api/jobs/{id}/lora"), None).await;
    assert_eq!(fal.status, StatusCode::OK);
    assert!(
        fal.headers[header::CACHE_CONTROL]
            .to_str()
            .expect("ascii")
            .contains("immutable")
    );
    assert!(
        fal.headers[header::CONTENT_DISPOSITION]
            .to_str()
            .expect("ascii")
            .contains("-fal.safetensors")
    );
    let comfy = harness
        .get(&format!("/api/jobs/{id}/lora?layout=comfy"), None)
        .await;
    assert_eq!(comfy.status, StatusCode::OK);
    let device = Default::default();
    let a = file::decode::<burn::backend::Flex>(&fal.bytes, &shape, Some(Layout::Fal), &device)
        .expect("fal loads");
    let b = file::decode::<burn::backend::Flex>(&comfy.bytes, &shape, Some(Layout::Comfy), &device)
        .expect("comfy loads");
    assert_eq!(a.meta.step, 20);
    assert_eq!(a.meta, b.meta);
    let values = |f: &file::LoraFile<burn::backend::Flex>| {
        let pair = f.adapter.blocks[0].to_q.as_ref().expect("to_q pair");
        pair.b.val().into_data().to_vec::<f32>().expect("f32")
    };
    assert_eq!(values(&a), values(&b), "the same bracelet in both layouts");
    assert!(
        values(&a).iter().any(|v| *v != 0.0),
        "training moved B off zero"
    );
    let checkpoint = harness
        .get(&format!("/api/jobs/{id}/checkpoints/10"), None)
        .await;
    assert_eq!(checkpoint.status, StatusCode::OK);
    let ten = file::decode::<burn::backend::Flex>(&checkpoint.bytes, &shape, None, &device)
        .expect("loads");
    assert_eq!(ten.meta.step, 10);
    assert_eq!(
        harness
            .get(&format!("/api/jobs/{id}/checkpoints/15"), None)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        harness
            .get(&format!("/api/jobs/{id}/samples/..%2Fstate.png"), None)
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    let listed = harness
        .get(&format!("/api/jobs/{id}/checkpoints"), None)
        .await
        .json();
    let steps: Vec<u64> = listed["checkpoints"]
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|c| c["step"].as_u64())
        .collect();
    assert_eq!(steps, [10, 20]);
    assert_eq!(
        listed["checkpoints"][0]["comfy"],
        format!("/api/jobs/{id}/checkpoints/10?layout=comfy")
    );

    // The instructor's list shows it; so does the class link, without an account.
    let list = harness.get("/api/jobs", Some(&cookie)).await.json();
    assert_eq!(list["jobs"][0]["id"], id.as_str());
    assert_eq!(list["jobs"][0]["state"], "succeeded");
    let me = harness.get("/api/auth/me", Some(&cookie)).await.json();
    let class = me["class_token"].as_str().expect("class token");
    let students = harness.get(&format!("/api/classes/{class}"), None).await;
    assert_eq!(students.status, StatusCode::OK);
    assert_eq!(students.json()["instructor"], "teacher");
    assert_eq!(students.json()["jobs"][0]["id"], id.as_str());
    let guessed = harness
        .get("/api/classes/0123456789abcdef0123456789abcdef", None)
        .await;
    assert_eq!(guessed.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_job_is_duplicated_with_changes_and_bad_json_gets_a_clear_answer() {
    let harness = Harness::new(0);
    let cookie = harness.login().await;
    let id = harness.create_job(&cookie, &tiny_form(10, 10)).await;
    let reply = harness
        .post(
            &format!("/api/jobs/{id}/duplicate"),
            &json!({ "learning_rate": 5e-4, "output_lora_format": "comfy" }),
            Some(&cookie),
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    let copy = &reply.json()["job"];
    assert_ne!(copy["id"], id.as_str());
    assert_eq!(copy["spec"]["learning_rate"], 5e-4);
    assert_eq!(copy["spec"]["output_lora_format"], "comfy");
    assert_eq!(copy["spec"]["steps"], 10, "the rest is kept");
    let bad = harness
        .post(
            &format!("/api/jobs/{id}/duplicate"),
            &json!({ "steps": 0 }),
            Some(&cookie),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let mistyped = harness
        .post("/api/jobs", &json!({ "steps": "many" }), Some(&cookie))
        .await;
    assert_eq!(mistyped.status, StatusCode::BAD_REQUEST);
    assert!(
        mistyped.json()["error"]
            .as_str()
            .expect("message")
            .contains("steps"),
        "{}",
        mistyped.text()
    );
}

#[tokio::test]
async fn the_bench_refuses_with_every_reason() {
    let harness = Harness::new(0);
    let cookie = harness.login().await;
    let mut form = tiny_form(0, 10);
    form["album"] = json!({ "source": "builtin", "name": "../../etc/passwd" });
    form["output_lora_format"] = json!("ckpt");
    let reply = harness.post("/api/jobs", &form, Some(&cookie)).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    let errors = reply.json()["errors"].to_string();
    for needle in [
        "no such album",
        "steps must be at least 1",
        "`fal` or `comfy`",
    ] {
        assert!(errors.contains(needle), "{needle}: {errors}");
    }
    let mut someone_elses = tiny_form(10, 10);
    someone_elses["album"] =
        json!({ "source": "upload", "name": "0123456789abcdef0123456789abcdef" });
    let reply = harness
        .post("/api/jobs", &someone_elses, Some(&cookie))
        .await;
    assert!(reply.json()["errors"].to_string().contains("no such album"));
    assert!(harness.trainings.store.jobs_of(1).expect("read").is_empty());
    let missing = harness
        .get("/api/jobs/0123456789abcdef0123456789abcdef", None)
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}
