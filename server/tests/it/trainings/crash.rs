//! Crash drills: the worker dies mid-run (its threads vanish without another
//! write, as in a killed process), three times; each time another worker
//! rescues the job once the lease expires and resumes it from its last
//! checkpoint, and the finished LoRA is bit for bit the one an uninterrupted run
//! makes. Earlier checkpoints are never rewritten.

use std::collections::BTreeMap;
use std::time::Duration;

use burn::backend::Flex;
use server::auth::AuthSettings;
use server::store::JobState;
use server::trainings::progress::Timing;
use trainer::lora::{Target, file};
use trainer::model::weights;

use super::lifecycle::events;
use super::support::{Harness, test_base, tiny_form};

/// A LoRA file's metadata and every tensor's values, in block and target order.
/// (Compared as values: the trainer's files order their JSON header freely, so
/// equal LoRAs need not be equal bytes.)
pub(crate) fn lora_values(bytes: &[u8]) -> (file::LoraMeta, Vec<Vec<f32>>) {
    let shape = weights::config_of(&test_base()).expect("shape");
    let decoded = file::decode::<Flex>(bytes, &shape, None, &Default::default()).expect("loads");
    let mut values = Vec::new();
    for block in &decoded.adapter.blocks {
        for target in Target::ALL {
            if let Some(pair) = block.get(target) {
                for tensor in [pair.a.val(), pair.b.val()] {
                    values.push(tensor.into_data().to_vec::<f32>().expect("f32"));
                }
            }
        }
    }
    (decoded.meta, values)
}

fn files_in(dir: &std::path::Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .expect("list")
        .filter_map(Result::ok)
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).expect("read"),
            )
        })
        .collect()
}

#[tokio::test]
async fn a_job_whose_worker_dies_resumes_from_its_checkpoint_with_the_same_result() {
    let form = tiny_form(60, 10);
    let reference = Harness::new(1);
    let cookie = reference.login().await;
    let id = reference.create_job(&cookie, &form).await;
    assert_eq!(reference.wait_until_ended(&id).state, JobState::Succeeded);
    let expected = std::fs::read(
        reference
            .dir
            .join("jobs")
            .join(&id)
            .join("lora.safetensors"),
    )
    .expect("lora");

    let timing = Timing {
        lease: Duration::from_millis(300),
        report_every: Duration::from_millis(20),
    };
    let mut harness = Harness::with(0, timing, AuthSettings::default(), None);
    let cookie = harness.login().await;
    let id = harness.create_job(&cookie, &form).await;
    let checkpoints = harness.dir.join("jobs").join(&id).join("checkpoints");
    let mut reached = 0;
    let mut seen = BTreeMap::new();
    for round in 0..3 {
        harness.start_workers(1, &format!("doomed-{round}"));
        let job = harness.wait_for(&id, "a new checkpoint", |j| j.checkpoint_step > reached);
        harness.pool.take().expect("pool").abandon();
        let job_now = harness.job(&id);
        assert_eq!(
            job_now.state,
            JobState::Running,
            "killed mid-run, lease still held"
        );
        reached = job.checkpoint_step.max(job_now.checkpoint_step);
        seen = files_in(&checkpoints);
        println!(
            "round {round}: killed after checkpoint {reached} (step {})",
            job_now.step
        );
    }
    harness.start_workers(1, "rescuer");
    let done = harness.wait_until_ended(&id);
    assert_eq!(done.state, JobState::Succeeded, "{:?}", done.reason);
    assert_eq!(done.attempts, 4);
    let finished =
        std::fs::read(harness.dir.join("jobs").join(&id).join("lora.safetensors")).expect("lora");
    let (expected_meta, expected_values) = lora_values(&expected);
    let (meta, values) = lora_values(&finished);
    assert_eq!(meta, expected_meta);
    assert!(
        values == expected_values,
        "the resumed run's LoRA equals the uninterrupted run's, bit for bit"
    );
    let after = files_in(&checkpoints);
    for (name, bytes) in &seen {
        assert!(after.get(name) == Some(bytes), "{name} was not rewritten");
    }
    let resumed: Vec<Option<u64>> = events(&harness, &id, None)
        .await
        .iter()
        .filter(|e| e.kind == "state" && e.data["state"] == "running")
        .map(|e| e.data["resumed_from"].as_u64())
        .collect();
    assert_eq!(resumed.len(), 4);
    assert_eq!(resumed[0], None, "the first attempt starts fresh");
    assert!(
        resumed[1..].iter().all(Option::is_some),
        "every rescue resumes: {resumed:?}"
    );
    assert!(
        resumed.windows(2).all(|w| w[0] <= w[1]),
        "never backwards: {resumed:?}"
    );
    assert_eq!(resumed[3], Some(u64::from(reached)));
}
