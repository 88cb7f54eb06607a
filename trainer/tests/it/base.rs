//! The shipped base painter (`assets/base/`) is the one its manifest describes:
//! the weights' hash matches, every pretraining stage is recorded with its
//! command, and the entrance exam in the manifest was sat by these weights and
//! graded by the shipped judges; and `trainer adopt-base` will not put a stage
//! into that lineage that did not grow from the shipped weights.

use std::fs;
use std::path::Path;

use burn::backend::Flex;
use serde_json::Value;
use sha2::{Digest, Sha256};
use trainer::model::{PainterConfig, weights};
use trainer::probe::ExamReport;

use crate::cli::{assert_refused, text, trainer, workdir};

fn asset(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../assets/base")
        .join(name);
    fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn the_shipped_base_is_the_one_its_manifest_describes() {
    let bytes = asset("tiny.safetensors");
    let manifest: Value = serde_json::from_slice(&asset("manifest.json")).expect("manifest parses");
    let hash = weights::hash(&bytes).expect("hash");
    assert_eq!(
        manifest["base"]["hash"],
        hash.as_str(),
        "the weights are the manifest's"
    );
    assert_eq!(
        manifest["exam"]["base_hash"],
        hash.as_str(),
        "the exam was sat by these weights"
    );

    let judges =
        fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("../assets/judges/judges.safetensors"))
            .expect("the shipped judges");
    let judges_sha256: String = Sha256::digest(&judges)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(
        manifest["exam"]["judges_sha256"],
        judges_sha256.as_str(),
        "the exam was graded by the shipped judges: run `trainer exam --report` again after new judges"
    );

    let (_, shape) = weights::load::<Flex>(&bytes, &Default::default()).expect("the base loads");
    assert_eq!(shape, PainterConfig::tiny(), "the tiny preset");

    let stages = manifest["stages"].as_array().expect("stages");
    assert!(!stages.is_empty());
    let mut steps = 0;
    for stage in stages {
        assert!(
            stage["command"]
                .as_str()
                .is_some_and(|c| c.contains("trainer pretrain")),
            "{stage}"
        );
        steps += stage["steps"].as_u64().expect("steps");
    }
    assert_eq!(manifest["steps"].as_u64(), Some(steps), "the stages add up");
    // The exam's numbers are recorded as counted, bar met or not.
    let exam: ExamReport =
        serde_json::from_value(manifest["exam"]["report"].clone()).expect("an exam report");
    for share in [
        &exam.scene,
        &exam.subject,
        &exam.tok_bare,
        &exam.tok_captioned,
    ] {
        assert!(share.count > 0 && share.hits <= share.count, "{share:?}");
    }
    // And the shipped painter passes its entrance exam (issue 5's bars):
    // scenes and subject kinds obeyed, the call word meaning nothing yet.
    assert!(exam.scene.rate() >= 0.85, "scene {}", exam.scene.rate());
    assert!(
        exam.subject.rate() >= 0.85,
        "subject kind {}",
        exam.subject.rate()
    );
    assert!(
        exam.tok_bare.rate() < 0.1,
        "bare TOK {}",
        exam.tok_bare.rate()
    );
    for (name, bar) in manifest["acceptance"].as_object().expect("acceptance") {
        assert_eq!(bar["met"], true, "{name}: {bar}");
    }
}

#[test]
fn adopt_base_refuses_a_stage_that_did_not_start_from_the_shipped_base() {
    let dir = workdir("adopt-base");
    let (into, run) = (dir.join("base"), dir.join("run"));
    fs::create_dir_all(&into).expect("base folder");
    fs::create_dir_all(&run).expect("run folder");
    let shipped = serde_json::json!({
        "base": { "file": "tiny.safetensors", "hash": "not-these-weights" },
        "steps": 0,
        "stages": [],
        "exam": {},
    })
    .to_string();
    fs::write(into.join("manifest.json"), &shipped).expect("manifest");
    let out = trainer(&[
        "smoke-base",
        "-o",
        run.join("base.safetensors").to_str().expect("utf-8"),
    ]);
    assert!(out.status.success(), "{}", text(&out));
    let finished = |command: Option<&str>| {
        let stage = serde_json::json!({
            "steps": 2, "seed": 0, "painter": { "init": null }, "command": command,
        });
        fs::write(run.join("manifest.json"), stage.to_string()).expect("stage manifest");
    };
    let adopt = || {
        trainer(&[
            "adopt-base",
            "--run",
            run.to_str().expect("utf-8"),
            "--into",
            into.to_str().expect("utf-8"),
        ])
    };

    finished(None);
    assert_refused(&adopt(), "pass --command");
    finished(Some("trainer pretrain --preset tiny --steps 2"));
    assert_refused(&adopt(), "the stage started from scratch");
    // Nothing in the base folder changed.
    assert_eq!(
        fs::read_to_string(into.join("manifest.json")).expect("still there"),
        shipped
    );
    assert!(!into.join("tiny.safetensors").exists());
}
