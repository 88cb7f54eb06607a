//! `trainer train` and `trainer sample` on real files: a run stopped halfway and
//! resumed ends with the same bracelet as a run that never stopped, and every
//! misuse is refused with a message that says what to do.

use std::path::{Path, PathBuf};

use burn::backend::Flex;
use safetensors::SafeTensors;
use trainer::album::{AlbumFile, write_folder};
use trainer::model::{PainterConfig, weights};

use crate::cli::{assert_refused, text, trainer, workdir};

const SIZE: usize = 16;

/// A small seeded painter whose gates are open, so training has gradients.
fn base(dir: &Path) -> PathBuf {
    let shape = PainterConfig::new(SIZE, 32, 2, 2, 32);
    let painter = shape.init_jittered::<Flex>(5, &Default::default());
    let path = dir.join("base.safetensors");
    std::fs::write(&path, weights::save(&painter, &shape).expect("saves")).expect("writes");
    path
}

/// Three two-colour pictures captioned with the call word.
fn album(dir: &Path, caption: &str) -> PathBuf {
    let files: Vec<AlbumFile> = (0..3)
        .map(|i| AlbumFile {
            stem: format!("tok_{i}"),
            image: (0..3 * SIZE * SIZE)
                .map(|j| {
                    if (j % SIZE) < SIZE / 2 {
                        0.8
                    } else {
                        -0.4 - 0.2 * i as f32
                    }
                })
                .collect(),
            start: None,
            caption: Some(caption.into()),
        })
        .collect();
    let path = dir.join("album");
    write_folder(&path, &files).expect("album written");
    path
}

fn s(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

fn train(base: &Path, album: &Path, out: &Path, extra: &[&str]) -> std::process::Output {
    train_at(base, album, out, "5e-3", extra)
}

fn train_at(
    base: &Path,
    album: &Path,
    out: &Path,
    learning_rate: &str,
    extra: &[&str],
) -> std::process::Output {
    let mut args = vec![
        "train",
        "--base",
        s(base),
        "--album",
        s(album),
        "--out",
        s(out),
        "--steps",
        "20",
        "--batch-size",
        "2",
        "--learning-rate",
        learning_rate,
        "--rank",
        "4",
        "--validation-every",
        "10",
        "--checkpoint-every",
        "10",
        "--validation-prompt",
        "a photo of TOK",
        "--seed",
        "3",
    ];
    args.extend_from_slice(extra);
    trainer(&args)
}

/// Every tensor's bytes, by name (header metadata order is not stable).
fn tensors(path: &Path) -> Vec<(String, Vec<u8>)> {
    let bytes = std::fs::read(path).expect("readable");
    let file = SafeTensors::deserialize(&bytes).expect("safetensors");
    let mut out: Vec<(String, Vec<u8>)> = file
        .tensors()
        .into_iter()
        .map(|(name, view)| (name, view.data().to_vec()))
        .collect();
    out.sort();
    out
}

#[test]
fn a_stopped_and_resumed_run_ends_where_an_uninterrupted_one_does() {
    let dir = workdir("train-resume");
    let (base, album) = (base(&dir), album(&dir, "a photo of TOK on a sofa"));

    let whole = dir.join("whole");
    let out = train(&base, &album, &whole, &[]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("lora.safetensors"), "{}", text(&out));

    let halves = dir.join("halves");
    let out = train(&base, &album, &halves, &["--stop-at", "10"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        text(&out).contains("stopped at step 10 of 20"),
        "{}",
        text(&out)
    );
    assert!(!halves.join("lora.safetensors").exists());
    let out = train(&base, &album, &halves, &["--resume"]);
    assert!(out.status.success(), "{}", text(&out));

    let finished = tensors(&whole.join("lora.safetensors"));
    assert_eq!(finished, tensors(&halves.join("lora.safetensors")));
    let start = tensors(&whole.join("checkpoints/lora-step-000010.safetensors"));
    assert_ne!(start, finished, "training moved the bracelet");

    let log = std::fs::read_to_string(halves.join("log.jsonl")).expect("log");
    let losses = log.lines().filter(|l| l.contains("\"loss\"")).count();
    assert_eq!(losses, 20, "one loss line per step, none repeated:\n{log}");
    for step in ["000000", "000010", "000020"] {
        let png =
            std::fs::read(halves.join(format!("samples/step-{step}-p0.png"))).expect("sample");
        assert_eq!(&png[1..4], b"PNG");
    }
    let manifest = std::fs::read_to_string(whole.join("run.json")).expect("manifest");
    for key in [
        "\"config\"",
        "\"album\"",
        "\"base\"",
        "\"hash\"",
        "\"seed\": 3",
    ] {
        assert!(
            manifest.contains(key),
            "{key} missing from run.json:\n{manifest}"
        );
    }

    let picture = dir.join("tok.png");
    let lora = format!("{}@0.8", s(&whole.join("lora.safetensors")));
    let out = trainer(&[
        "sample",
        "--base",
        s(&base),
        "--prompt",
        "a photo of TOK",
        "--lora",
        &lora,
        "--count",
        "2",
        "-o",
        s(&picture),
    ]);
    assert!(out.status.success(), "{}", text(&out));
    let image = image::load_from_memory(&std::fs::read(&picture).expect("png")).expect("decodes");
    assert!(image.width() > 2 * SIZE as u32 - 1 && image.height() >= SIZE as u32);
}

#[test]
fn with_a_moving_average_every_checkpoint_holds_the_average() {
    let dir = workdir("train-ema");
    let (base, album) = (base(&dir), album(&dir, "a photo of TOK on a sofa"));
    let plain = dir.join("plain");
    let out = train(&base, &album, &plain, &[]);
    assert!(out.status.success(), "{}", text(&out));
    let averaged = dir.join("averaged");
    let out = train(&base, &album, &averaged, &["--ema", "0.9"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("moving average"), "{}", text(&out));

    // The last checkpoint is the final file, so the numbers measured on it
    // are the numbers of the bracelet the run hands over.
    let last = tensors(&averaged.join("checkpoints/lora-step-000020.safetensors"));
    assert_eq!(last, tensors(&averaged.join("lora.safetensors")));
    let midway = "checkpoints/lora-step-000010.safetensors";
    assert_ne!(
        tensors(&averaged.join(midway)),
        tensors(&plain.join(midway)),
        "a checkpoint of the averaged run is not the raw bracelet"
    );
}

#[test]
fn misuse_is_refused_with_a_way_out() {
    let dir = workdir("train-refusals");
    let (base, album) = (base(&dir), album(&dir, "a photo of TOK on a sofa"));
    let run = dir.join("run");
    let out = train(&base, &album, &run, &["--stop-at", "10"]);
    assert!(out.status.success(), "{}", text(&out));

    let out = train(&base, &album, &run, &[]);
    assert_refused(&out, "already holds a training run: pass --resume");

    let out = train_at(&base, &album, &run, "1e-2", &["--resume"]);
    assert_refused(&out, "--resume with different settings: `config` differs");

    let out = train(&base, &album, &dir.join("fresh"), &["--resume"]);
    assert_refused(&out, "nothing to resume");

    let strange = album_with(&dir, "a photo of TOK on a spaceship");
    let out = train(&base, &strange, &dir.join("strange"), &[]);
    assert_refused(&out, "does not know the word `spaceship`");

    let out = trainer(&[
        "sample",
        "--base",
        s(&base),
        "--prompt",
        "a photo of a lighthous",
        "-o",
        "x.png",
    ]);
    assert_refused(&out, "did you mean `lighthouse`");
}

fn album_with(dir: &Path, caption: &str) -> PathBuf {
    let sub = dir.join("other");
    std::fs::create_dir_all(&sub).expect("dir");
    album(&sub, caption)
}

#[test]
fn probing_logs_the_judges_numbers_at_the_start_and_every_checkpoint() {
    let dir = workdir("train-probe");
    let (base, album) = (base(&dir), album(&dir, "a photo of TOK on a sofa"));
    let run = dir.join("run");
    let judges = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../assets/judges/judges.safetensors"
    );
    let out = train(
        &base,
        &album,
        &run,
        &["--probe-judges", judges, "--probe-seeds", "1"],
    );
    assert!(out.status.success(), "{}", text(&out));
    let log = std::fs::read_to_string(run.join("log.jsonl")).expect("log");
    let probes: Vec<serde_json::Value> = log
        .lines()
        .map(|line| serde_json::from_str::<serde_json::Value>(line).expect("json line"))
        .filter(|event| event.get("probe").is_some())
        .collect();
    let steps: Vec<u64> = probes.iter().filter_map(|p| p["step"].as_u64()).collect();
    assert_eq!(steps, [0, 10, 20]);
    for probe in &probes {
        let report = &probe["probe"];
        assert_eq!(report["album_like"]["count"], 2);
        assert_eq!(report["unseen"]["count"], 4);
        let identity = report["unseen"]["identity"].as_f64().expect("a number");
        assert!((0.0..=1.0).contains(&identity), "{report}");
        let sheet = probe["probe_sheet"].as_str().expect("a path");
        assert!(Path::new(sheet).is_file(), "{sheet}");
    }
    let manifest = std::fs::read_to_string(run.join("run.json")).expect("manifest");
    assert!(manifest.contains("\"probe\"") && manifest.contains("windowsill"));
}
