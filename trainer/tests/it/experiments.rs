//! The course's experiments (`assets/experiments/`, made by `cargo xtask
//! experiments`) cannot drift from their files: for every kept run, the judges'
//! numbers its log holds for the finished LoRA, and for a few of the learning
//! arc's kept checkpoints, are measured again here from the saved LoRA files on
//! the shipped base painter, album and judges, and must match.

use std::fs;
use std::path::{Path, PathBuf};

use burn::backend::Flex;
use serde_json::Value;
use trainer::album::{self, AlbumKind, AlbumOptions};
use trainer::judge::Judges;
use trainer::lora::{Worn, file};
use trainer::model::weights;
use trainer::probe::{
    EDIT_TRIAL_PAIRS, EditReport, EditTrial, PROBE_SEED, ProbeReport, ProbeSet, album_pictures,
    measure, measure_edit,
};
use trainer::sample::SampleConfig;

/// Steps of the learning arc whose checkpoints are measured again.
const ARC_STEPS: [u32; 3] = [1000, 2500, 5000];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the workspace")
        .to_path_buf()
}

fn json_lines(path: &Path) -> Vec<Value> {
    fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .map(|line| serde_json::from_str(line).expect("a JSON line"))
        .collect()
}

/// The probe report logged at `step`.
fn logged(log: &[Value], step: u32) -> ProbeReport {
    let entry = log
        .iter()
        .find(|e| e["step"] == step && e.get("probe").is_some())
        .unwrap_or_else(|| panic!("no probe logged at step {step}"));
    serde_json::from_value(entry["probe"].clone()).expect("a probe report")
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-4
}

fn assert_same(run: &str, step: u32, logged: &ProbeReport, measured: &ProbeReport) {
    let pairs = [
        (&logged.album_like, &measured.album_like),
        (&logged.unseen, &measured.unseen),
    ];
    for (want, got) in pairs {
        assert!(
            close(want.identity, got.identity)
                && close(want.obedience, got.obedience)
                && close(want.windowsill_leak, got.windowsill_leak)
                && close(want.album_leak, got.album_leak),
            "{run} at step {step}: logged {want:?}, measured again {got:?}"
        );
    }
}

/// The edit run's last trial, measured again from its final LoRA file.
fn check_edit_trial(
    name: &str,
    dir: &Path,
    painter: &trainer::model::Painter<Flex>,
    shape: &trainer::model::PainterConfig,
    judges: &Judges<Flex>,
) {
    let device = Default::default();
    let log = json_lines(&dir.join("log.jsonl"));
    let last = log
        .iter()
        .rev()
        .find(|e| e.get("edit_trial").is_some())
        .unwrap_or_else(|| panic!("{name}: no edit trial logged"));
    let logged: EditReport =
        serde_json::from_value(last["edit_trial"].clone()).expect("an edit report");
    let bytes = fs::read(dir.join("lora.safetensors")).expect("LoRA file");
    let lora = file::decode::<Flex>(&bytes, shape, None, &device).expect("LoRA decodes");
    // A bracelet trained on one instruction is tried with it, as the run was.
    let manifest: serde_json::Value =
        serde_json::from_slice(&fs::read(dir.join("run.json")).expect("run.json")).expect("json");
    let instruction = manifest["probe"]["instruction"].as_str().map(str::to_owned);
    let trial = EditTrial::unseen(EDIT_TRIAL_PAIRS, shape.image_size)
        .expect("trial renders")
        .with_instruction(instruction);
    let settings = SampleConfig {
        seed: PROBE_SEED,
        ..SampleConfig::default()
    };
    let (measured, _) =
        measure_edit(painter, &lora.adapter, 1.0, judges, &trial, settings).expect("measured");
    assert!(
        close(f64::from(logged.error), f64::from(measured.error))
            && close(
                f64::from(logged.error_without),
                f64::from(measured.error_without)
            )
            && logged.painting == measured.painting
            && logged.subject == measured.subject,
        "{name}: logged {logged:?}, measured again {measured:?}"
    );
}

#[test]
fn logged_judge_numbers_are_measured_again_from_the_kept_lora_files() {
    let root = root();
    let device = Default::default();
    let base = fs::read(root.join("assets/base/tiny.safetensors")).expect("the base painter");
    let base_hash = weights::hash(&base).expect("hash");
    let (painter, shape) = weights::load::<Flex>(&base, &device).expect("base loads");
    let judges = Judges::<Flex>::load(
        &fs::read(root.join("assets/judges/judges.safetensors")).expect("judges"),
        &device,
    )
    .expect("judges load");
    let experiments = root.join("assets/experiments");
    let mut measured_runs = 0;
    let mut names: Vec<PathBuf> = fs::read_dir(&experiments)
        .expect("assets/experiments")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.join("run.json").is_file())
        .collect();
    names.sort();
    for dir in names {
        let name = dir
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("?")
            .to_owned();
        let manifest: Value =
            serde_json::from_str(&fs::read_to_string(dir.join("run.json")).expect("run.json"))
                .expect("run.json parses");
        assert_eq!(
            manifest["base"]["hash"],
            base_hash.as_str(),
            "{name}: made on the shipped base"
        );
        if manifest["probe"]["recipe"] == "edit" {
            check_edit_trial(&name, &dir, &painter, &shape, &judges);
            measured_runs += 1;
            continue;
        }
        let Some(probes) = manifest["probe"]["probes"].as_array() else {
            continue; // A style run has no TOK probe.
        };
        let per_prompt = probes
            .iter()
            .find(|p| p["family"] == "unseen")
            .and_then(|p| p["seeds"].as_array())
            .map_or(0, Vec::len);
        let set = ProbeSet::tok(per_prompt, PROBE_SEED);
        assert_eq!(
            set.manifest(),
            manifest["probe"],
            "{name}: the course's probe set"
        );
        let album_file = manifest["album"]["path"].as_str().expect("album path");
        let album = album::load_path(
            &root.join(album_file),
            &AlbumOptions::new(AlbumKind::Subject, shape.image_size as u32),
        )
        .expect("album loads");
        let pictures = album_pictures(&album);
        let log = json_lines(&dir.join("log.jsonl"));
        let steps = manifest["config"]["steps"].as_u64().expect("steps") as u32;
        let mut files = vec![(steps, dir.join("lora.safetensors"))];
        for step in ARC_STEPS {
            let path = dir.join(format!("checkpoints/lora-step-{step:06}.safetensors"));
            if path.is_file() && step != steps {
                files.push((step, path));
            }
        }
        for (step, path) in files {
            let bytes = fs::read(&path).expect("LoRA file");
            let lora = file::decode::<Flex>(&bytes, &shape, None, &device).expect("LoRA decodes");
            let worn = [Worn::new(&lora.adapter, 1.0)];
            let (report, _) = measure(&painter, &worn, &judges, &pictures, &set).expect("measured");
            assert_same(&name, step, &logged(&log, step), &report);
        }
        measured_runs += 1;
    }
    assert!(
        measured_runs >= 10,
        "only {measured_runs} runs with probes were found"
    );
}
