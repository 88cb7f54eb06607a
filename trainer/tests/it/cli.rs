//! `trainer inspect`, `trainer convert` and `trainer world sheet`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use burn::backend::Flex;
use trainer::lora::file::{self, LoraMeta};
use trainer::lora::{Layout, LoraConfig, Target};
use trainer::model::PainterConfig;

pub(crate) fn workdir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sweetspot-cli-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn lora_file(dir: &Path, layout: Layout) -> PathBuf {
    let painter = PainterConfig::new(16, 32, 2, 2, 32);
    let adapter = LoraConfig::new()
        .with_rank(4)
        .init::<Flex>(&painter, 1, &Default::default());
    let meta = LoraMeta {
        preset: "test".into(),
        base_hash: "feedface".into(),
        rank: 4,
        alpha: 16.0,
        targets: vec![Target::ToQ, Target::ToK, Target::ToV, Target::ToOut],
        trigger: "TOK".into(),
        step: 1000,
        seed: 7,
        training_config: "{}".into(),
    };
    let path = dir.join(format!("tok-{}.safetensors", layout.name()));
    std::fs::write(
        &path,
        file::encode(&adapter, layout, &meta).expect("encodes"),
    )
    .expect("writes");
    path
}

pub(crate) fn trainer(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_trainer"))
        .args(args)
        .output()
        .expect("runs")
}

/// The command failed and said `message`.
pub(crate) fn assert_refused(out: &Output, message: &str) {
    assert!(!out.status.success(), "should have failed:\n{}", text(out));
    assert!(text(out).contains(message), "{}", text(out));
}

pub(crate) fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn inspect_shows_layout_and_metadata() {
    let dir = workdir("inspect");
    let path = lora_file(&dir, Layout::Comfy);
    let out = trainer(&["inspect", path.to_str().expect("utf-8")]);
    assert!(out.status.success(), "{}", text(&out));
    let shown = text(&out);
    for expected in [
        "layout:    comfy",
        "trigger:   TOK",
        "rank:      4   alpha: 16",
        "base weights feedface",
        "tensors:   24",
    ] {
        assert!(
            shown.contains(expected),
            "missing {expected:?} in:\n{shown}"
        );
    }
}

#[test]
fn convert_writes_the_other_layout() {
    let dir = workdir("convert");
    let input = lora_file(&dir, Layout::Fal);
    let output = dir.join("converted.safetensors");
    let out = trainer(&[
        "convert",
        input.to_str().expect("utf-8"),
        "--to",
        "comfy",
        "-o",
        output.to_str().expect("utf-8"),
    ]);
    assert!(out.status.success(), "{}", text(&out));
    let bytes = std::fs::read(&output).expect("written");
    assert_eq!(file::inspect(&bytes).expect("valid").layout, Layout::Comfy);
    assert!(
        !dir.join("converted.safetensors.partial").exists(),
        "no temporary file left behind"
    );
}

#[test]
fn bad_input_gets_a_clear_error() {
    let dir = workdir("errors");
    let input = lora_file(&dir, Layout::Fal);
    let out = trainer(&[
        "convert",
        input.to_str().expect("utf-8"),
        "--to",
        "kohya",
        "-o",
        "x.safetensors",
    ]);
    assert_refused(&out, "unknown layout `kohya`: use `fal` or `comfy`");

    let out = trainer(&[
        "convert",
        input.to_str().expect("utf-8"),
        "--to",
        "comfy",
        "-o",
        input.to_str().expect("utf-8"),
    ]);
    assert_refused(&out, "refusing to overwrite the input file");

    let junk = dir.join("junk.safetensors");
    std::fs::write(&junk, b"not a tensor file").expect("writes");
    let out = trainer(&["inspect", junk.to_str().expect("utf-8")]);
    assert_refused(&out, "LoRA file refused: not a readable .safetensors file");
}

#[test]
fn world_sheet_writes_a_png_and_refuses_odd_sizes() {
    let dir = workdir("world");
    let path = dir.join("sheet.png");
    let out = trainer(&[
        "world",
        "sheet",
        "--out",
        path.to_str().expect("utf-8"),
        "--size",
        "32",
    ]);
    assert!(out.status.success(), "{}", text(&out));
    let bytes = std::fs::read(&path).expect("written");
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    let out = trainer(&[
        "world",
        "sheet",
        "--out",
        path.to_str().expect("utf-8"),
        "--size",
        "4",
    ]);
    assert_refused(&out, "not 4");
}
