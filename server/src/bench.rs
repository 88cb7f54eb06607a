//! The bench: the training form's rules, as plain data in and verdicts out.
//!
//! Hard errors refuse the job with a sentence saying what to change; warnings
//! let it run but say what experienced trainers would worry about. No IO here:
//! the handler loads the album and passes what it found as [`AlbumFacts`].

use serde::Deserialize;
use trainer::album::AlbumKind;
use trainer::text::Tokenizer;

use crate::trainings::spec::{AlbumRef, JobSpec};

/// The form as submitted.
#[derive(Clone, Debug, Deserialize)]
pub struct BenchForm {
    /// A built-in album or an upload.
    pub album: AlbumRef,
    /// The call word(s) the captions use.
    pub trigger_phrase: String,
    /// Caption for images without a `.txt`.
    #[serde(default)]
    pub default_caption: Option<String>,
    /// Optimiser updates.
    pub steps: u32,
    /// Peak learning rate.
    pub learning_rate: f64,
    /// LoRA rank.
    pub rank: usize,
    /// The album teaches a style.
    #[serde(default)]
    pub is_style: bool,
    /// The preset the instructor expects (`tiny`, `small`); must match the base.
    #[serde(default)]
    pub preset: Option<String>,
    /// Images per step.
    #[serde(default = "one")]
    pub batch_size: usize,
    /// Prompts painted at every validation.
    #[serde(default)]
    pub validation_prompts: Vec<String>,
    /// Steps between validations.
    pub validation_every: u32,
    /// Steps between checkpoints (default: every validation).
    #[serde(default)]
    pub checkpoint_every: Option<u32>,
    /// `fal` or `comfy`.
    pub output_lora_format: String,
    /// Seed.
    #[serde(default)]
    pub seed: u64,
}

fn one() -> usize {
    1
}

/// What loading the album found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AlbumFacts {
    /// Training examples.
    pub examples: usize,
    /// Examples with their own caption file.
    pub captions_from_files: usize,
    /// Whether some caption holds the trigger phrase.
    pub trigger_in_captions: bool,
    /// Caption words the painter does not know, as sentences.
    pub vocabulary_problems: Vec<String>,
}

/// What the base painter asks of a run.
#[derive(Clone, Debug, PartialEq)]
pub struct Rules {
    /// The base's preset name (`tiny`, `small`, `custom`).
    pub preset: &'static str,
    /// Steps must be a multiple of this, if set.
    pub steps_multiple: Option<u32>,
}

impl Rules {
    /// The rules for a base of preset `preset`: the course's presets plan runs in
    /// hundreds of steps; a custom (test) painter asks nothing.
    pub fn for_preset(preset: &'static str) -> Self {
        let steps_multiple = matches!(preset, "tiny" | "small").then_some(100);
        Self {
            preset,
            steps_multiple,
        }
    }
}

/// The learning rate and steps the course's planner starts from.
const BASELINE_LR: f64 = 1e-3;
const BASELINE_STEPS: u32 = 1000;

/// A refused form: hard errors, and the warnings it would also have had.
#[derive(Clone, Debug, PartialEq)]
pub struct Refusal {
    /// What must change.
    pub errors: Vec<String>,
    /// Advice.
    pub warnings: Vec<String>,
}

/// Judges `form` against the album (`Err` holds the loader's message) and the
/// base's rules. Returns the job to run with its warnings, or the refusal.
pub fn check(
    form: &BenchForm,
    album: Result<&AlbumFacts, String>,
    rules: &Rules,
) -> Result<(JobSpec, Vec<String>), Refusal> {
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let tokenizer = Tokenizer::default();
    let default_caption = form
        .default_caption
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_owned);
    let trigger = form.trigger_phrase.trim();

    match album {
        Err(message) => errors.push(format!("album refused: {message}")),
        Ok(facts) => {
            if facts.captions_from_files == 0 && default_caption.is_none() {
                errors.push("the album has no captions and no default caption: add .txt captions or write a default caption".into());
            }
            errors.extend(facts.vocabulary_problems.iter().cloned());
            if facts.examples > 0 {
                let looks = u64::from(form.steps) * form.batch_size as u64 / facts.examples as u64;
                if looks > 100 {
                    warnings.push(format!("each photo would be seen about {looks} times (above ~100): the LoRA may copy the album instead of learning from it; fewer steps or more photos"));
                } else if looks < 20 {
                    warnings.push(format!("each photo would be seen about {looks} times (below ~20): the LoRA may stay weak; more steps"));
                }
            }
            if !trigger.is_empty()
                && !facts.trigger_in_captions
                && default_caption
                    .as_deref()
                    .is_none_or(|c| !c.contains(trigger))
            {
                warnings.push(format!("no caption contains the trigger `{trigger}`: the LoRA will learn the album without a call word"));
            }
        }
    }
    if form.steps == 0 {
        errors.push("steps must be at least 1".into());
    } else if let Some(multiple) = rules
        .steps_multiple
        .filter(|m| !form.steps.is_multiple_of(*m))
    {
        errors.push(format!("the {} preset plans runs in whole hundreds: steps must be a multiple of {multiple}, not {}", rules.preset, form.steps));
    }
    if !form.learning_rate.is_finite() || form.learning_rate <= 0.0 {
        errors.push("the learning rate must be a positive number".into());
    } else if form.learning_rate > BASELINE_LR && form.steps > BASELINE_STEPS {
        warnings.push(format!("the learning rate ({}) and the steps ({}) are both above the usual {BASELINE_LR} and {BASELINE_STEPS}: raising both together usually overcooks; raise one", form.learning_rate, form.steps));
    }
    if !(1..=128).contains(&form.rank) {
        errors.push(format!("rank must be between 1 and 128, not {}", form.rank));
    } else if form.rank > 32 {
        warnings.push(format!(
            "rank {} is a thick bracelet for a small painter: 4 to 16 usually suffices",
            form.rank
        ));
    }
    if !(1..=64).contains(&form.batch_size) {
        errors.push(format!(
            "batch size must be between 1 and 64, not {}",
            form.batch_size
        ));
    }
    if trigger.is_empty() {
        errors.push("the trigger phrase is empty".into());
    } else if let Err(e) = tokenizer.encode(trigger) {
        errors.push(format!("trigger phrase: {e}"));
    }
    if let Some(caption) = &default_caption
        && let Err(e) = tokenizer.encode(caption)
    {
        errors.push(format!("default caption: {e}"));
    }
    for prompt in &form.validation_prompts {
        if let Err(e) = tokenizer.encode(prompt) {
            errors.push(format!("validation prompt \"{prompt}\": {e}"));
        }
    }
    if form.validation_every == 0 {
        errors.push("validate at least every so many steps (1 or more)".into());
    } else if form.validation_every > form.steps {
        warnings.push(
            "the validation interval is longer than the run: only the end is validated".into(),
        );
    }
    let checkpoint_every = form.checkpoint_every.unwrap_or(form.validation_every);
    if checkpoint_every == 0 {
        errors.push("checkpoint at least every so many steps (1 or more)".into());
    }
    if !matches!(form.output_lora_format.as_str(), "fal" | "comfy") {
        errors.push(format!(
            "output_lora_format must be `fal` or `comfy`, not `{}`",
            form.output_lora_format
        ));
    }
    if let Some(preset) = form.preset.as_deref().filter(|p| *p != rules.preset) {
        errors.push(format!(
            "this server trains the `{}` painter, not `{preset}`",
            rules.preset
        ));
    }
    if !errors.is_empty() {
        return Err(Refusal { errors, warnings });
    }
    let spec = JobSpec {
        album: form.album.clone(),
        kind: if form.is_style {
            AlbumKind::Style
        } else {
            AlbumKind::Subject
        },
        trigger: trigger.to_owned(),
        default_caption,
        steps: form.steps,
        learning_rate: form.learning_rate,
        rank: form.rank,
        batch_size: form.batch_size,
        validation_prompts: form.validation_prompts.clone(),
        validation_every: form.validation_every,
        checkpoint_every,
        output_lora_format: form.output_lora_format.clone(),
        seed: form.seed,
    };
    Ok((spec, warnings))
}

/// The form that makes `spec` (to duplicate a job with changes).
pub fn form_of(spec: &JobSpec) -> serde_json::Value {
    serde_json::json!({
        "album": spec.album,
        "trigger_phrase": spec.trigger,
        "default_caption": spec.default_caption,
        "steps": spec.steps,
        "learning_rate": spec.learning_rate,
        "rank": spec.rank,
        "is_style": spec.kind == AlbumKind::Style,
        "batch_size": spec.batch_size,
        "validation_prompts": spec.validation_prompts,
        "validation_every": spec.validation_every,
        "checkpoint_every": spec.checkpoint_every,
        "output_lora_format": spec.output_lora_format,
        "seed": spec.seed,
    })
}

mod html;

pub use html::HtmlBench;

#[cfg(test)]
mod tests;
