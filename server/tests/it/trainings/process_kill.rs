//! The whole server process killed (SIGKILL) mid-run, five times in a row: each
//! new process rescues the job once the dead one's lease expires and resumes it
//! from its last checkpoint; the finished LoRA equals an uninterrupted run's.
//! Uses the real `server` binary, including `admin create-instructor`.

use std::io::Write;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use server::store::{JobState, Store};
use server::trainings::spec::{AlbumRef, JobSpec};
use trainer::album::AlbumKind;

use super::crash::lora_values;
use super::support::{Harness, builtin_albums, test_base, tiny_form};

fn server(data: &Path, base: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_server"));
    command
        .args([
            "--addr",
            "127.0.0.1:0",
            "--lease-seconds",
            "1",
            "--workers",
            "1",
        ])
        .arg("--data-dir")
        .arg(data)
        .arg("--base")
        .arg(base)
        .arg("--albums-dir")
        .arg(builtin_albums())
        .arg("--site-root")
        .arg(data.join("site"))
        .args(args)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    command
}

fn wait(
    store: &Store,
    id: &str,
    what: &str,
    done: impl Fn(&server::store::Job) -> bool,
) -> server::store::Job {
    let start = Instant::now();
    loop {
        let job = store.job(id).expect("read").expect("job");
        if done(&job) {
            return job;
        }
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "timed out waiting for {what}: {job:?}"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn kill(mut child: Child) {
    child.kill().expect("SIGKILL");
    child.wait().expect("reaped");
}

#[tokio::test]
async fn the_server_killed_five_times_still_finishes_the_job_exactly() {
    let reference = Harness::new(1);
    let cookie = reference.login().await;
    let id = reference.create_job(&cookie, &tiny_form(60, 10)).await;
    assert_eq!(reference.wait_until_ended(&id).state, JobState::Succeeded);
    let expected = std::fs::read(
        reference
            .dir
            .join("jobs")
            .join(&id)
            .join("lora.safetensors"),
    )
    .expect("lora");

    let data = std::env::temp_dir().join(format!("sweetspot-kill-{}", server::ids::random_hex(6)));
    std::fs::create_dir_all(&data).expect("data dir");
    let base = data.join("base.safetensors");
    std::fs::write(&base, test_base()).expect("base");
    let mut admin = server(
        &data,
        &base,
        &["admin", "create-instructor", "--username", "ada"],
    )
    .stdin(Stdio::piped())
    .spawn()
    .expect("admin starts");
    admin
        .stdin
        .take()
        .expect("stdin")
        .write_all(b"a long enough password\n")
        .expect("password");
    assert!(admin.wait().expect("admin ends").success());

    let store = Store::open(&data.join("sweetspot.db")).expect("store");
    let ada = store
        .instructor_by_name("ada")
        .expect("read")
        .expect("created")
        .0;
    let spec = JobSpec {
        album: AlbumRef::Builtin("tok-8".into()),
        kind: AlbumKind::Subject,
        trigger: "TOK".into(),
        default_caption: None,
        steps: 60,
        learning_rate: 1e-3,
        rank: 4,
        batch_size: 1,
        validation_prompts: vec!["a photo of TOK on a beach".into()],
        validation_every: 10,
        checkpoint_every: 10,
        output_lora_format: "fal".into(),
        seed: 7,
    };
    assert_eq!(
        serde_json::to_value(&spec).expect("json"),
        reference.job(&id).spec,
        "the same job"
    );
    let job_id = server::ids::random_hex(16);
    store
        .create_job(
            &job_id,
            ada.id,
            &serde_json::to_value(&spec).expect("json"),
            60,
        )
        .expect("queued");

    let mut reached = 0;
    for round in 0..5 {
        let child = server(&data, &base, &[]).spawn().expect("server starts");
        let job = wait(&store, &job_id, "a new checkpoint", |j| {
            j.checkpoint_step > reached
        });
        kill(child);
        let now = store.job(&job_id).expect("read").expect("job");
        assert_eq!(
            now.state,
            JobState::Running,
            "killed mid-run (round {round})"
        );
        reached = job.checkpoint_step.max(now.checkpoint_step);
        println!(
            "process kill {round}: after checkpoint {reached}, attempt {}",
            now.attempts
        );
    }
    let child = server(&data, &base, &[]).spawn().expect("server starts");
    let done = wait(&store, &job_id, "the end", |j| {
        j.state != JobState::Running && j.state != JobState::Queued
    });
    kill(child);
    assert_eq!(done.state, JobState::Succeeded, "{:?}", done.reason);
    assert_eq!(done.attempts, 6);
    let finished =
        std::fs::read(data.join("jobs").join(&job_id).join("lora.safetensors")).expect("lora");
    assert!(
        lora_values(&finished) == lora_values(&expected),
        "same weights as the uninterrupted run"
    );
}
