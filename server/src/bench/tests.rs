//! The bench's hard errors and warnings, one rule at a time.

use super::*;

fn form() -> BenchForm {
    BenchForm {
        album: AlbumRef::Builtin("tok-20".into()),
        trigger_phrase: "TOK".into(),
        default_caption: None,
        steps: 1000,
        learning_rate: 1e-3,
        rank: 8,
        is_style: false,
        preset: None,
        batch_size: 1,
        validation_prompts: vec!["a photo of TOK on a beach".into()],
        validation_every: 100,
        checkpoint_every: None,
        output_lora_format: "fal".into(),
        seed: 1,
    }
}

fn facts() -> AlbumFacts {
    AlbumFacts {
        examples: 20,
        captions_from_files: 20,
        trigger_in_captions: true,
        vocabulary_problems: Vec::new(),
    }
}

fn tiny() -> Rules {
    Rules::for_preset("tiny")
}

fn refused(form: &BenchForm, facts: Result<&AlbumFacts, String>) -> Refusal {
    check(form, facts, &tiny()).expect_err("refused")
}

#[test]
fn a_sensible_form_passes_without_warnings() {
    let (spec, warnings) = check(&form(), Ok(&facts()), &tiny()).expect("accepted");
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(
        spec.checkpoint_every, 100,
        "checkpoints default to the validation interval"
    );
    assert_eq!(spec.kind, AlbumKind::Subject);
}

#[test]
fn no_captions_and_no_default_caption_is_a_hard_error() {
    let bare = AlbumFacts {
        captions_from_files: 0,
        ..facts()
    };
    let refusal = refused(&form(), Ok(&bare));
    assert!(
        refusal.errors[0].contains("no captions and no default caption"),
        "{refusal:?}"
    );
    let mut with_default = form();
    with_default.default_caption = Some("a photo of TOK".into());
    assert!(check(&with_default, Ok(&bare), &tiny()).is_ok());
    with_default.default_caption = Some("   ".into());
    assert!(
        check(&with_default, Ok(&bare), &tiny()).is_err(),
        "blank is no caption"
    );
}

#[test]
fn steps_must_be_whole_hundreds_when_the_preset_asks() {
    let mut odd = form();
    odd.steps = 950;
    let refusal = refused(&odd, Ok(&facts()));
    assert!(
        refusal.errors.iter().any(|e| e.contains("multiple of 100")),
        "{refusal:?}"
    );
    assert!(check(&odd, Ok(&facts()), &Rules::for_preset("custom")).is_ok());
}

#[test]
fn the_loaders_message_refuses_the_album() {
    let refusal = refused(&form(), Err("../evil.png climbs out of the album".into()));
    assert_eq!(
        refusal.errors,
        vec!["album refused: ../evil.png climbs out of the album".to_owned()]
    );
}

#[test]
fn looks_per_photo_warn_above_100_and_below_20() {
    let mut long = form();
    long.steps = 3000;
    long.learning_rate = 1e-4;
    let (_, warnings) = check(&long, Ok(&facts()), &tiny()).expect("allowed");
    assert!(
        warnings.iter().any(|w| w.contains("about 150 times")),
        "{warnings:?}"
    );
    let mut short = form();
    short.steps = 300;
    let (_, warnings) = check(&short, Ok(&facts()), &tiny()).expect("allowed");
    assert!(
        warnings.iter().any(|w| w.contains("about 15 times")),
        "{warnings:?}"
    );
}

#[test]
fn raising_learning_rate_and_steps_together_warns() {
    let mut hot = form();
    hot.steps = 1500;
    hot.learning_rate = 5e-3;
    let (_, warnings) = check(&hot, Ok(&facts()), &tiny()).expect("allowed");
    assert!(
        warnings.iter().any(|w| w.contains("raising both")),
        "{warnings:?}"
    );
}

#[test]
fn unknown_words_layouts_and_ranges_are_refused() {
    let mut bad = form();
    bad.validation_prompts = vec!["a photo of TOK on a zeppelin".into()];
    bad.output_lora_format = "ckpt".into();
    bad.rank = 0;
    bad.learning_rate = f64::NAN;
    bad.preset = Some("small".into());
    let refusal = refused(&bad, Ok(&facts()));
    let all = refusal.errors.join("\n");
    for needle in [
        "zeppelin",
        "`fal` or `comfy`",
        "rank must be",
        "learning rate",
        "not `small`",
    ] {
        assert!(all.contains(needle), "{needle} in {all}");
    }
}

#[test]
fn a_trigger_missing_from_the_captions_warns() {
    let without = AlbumFacts {
        trigger_in_captions: false,
        ..facts()
    };
    let (_, warnings) = check(&form(), Ok(&without), &tiny()).expect("allowed");
    assert!(
        warnings.iter().any(|w| w.contains("no caption contains")),
        "{warnings:?}"
    );
}
