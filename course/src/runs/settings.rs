//! The bench's values as its form shows them: the defaults of a new run, or the
//! settings of an existing run read back from its job spec so that the run page
//! can offer "duplicate with changes" (the same form, filled in, ready to edit).

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Every bench field as the HTML form holds it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BenchValues {
    /// `builtin:NAME` or `upload:ID`; empty for a new run (the form's first album).
    pub album: String,
    /// The call word.
    pub trigger: String,
    /// Caption for photos without a caption file.
    pub default_caption: String,
    /// Optimiser updates.
    pub steps: u32,
    /// Peak learning rate, as typed.
    pub learning_rate: String,
    /// LoRA rank.
    pub rank: u32,
    /// The album teaches a style.
    pub is_style: bool,
    /// Validation prompts, one per line.
    pub validation_prompts: String,
    /// Steps between validations.
    pub validation_every: u32,
    /// `fal` or `comfy`.
    pub layout: String,
    /// Seed.
    pub seed: u64,
}

impl Default for BenchValues {
    fn default() -> Self {
        Self {
            album: String::new(),
            trigger: "TOK".into(),
            default_caption: String::new(),
            steps: 1000,
            learning_rate: "0.001".into(),
            rank: 8,
            is_style: false,
            validation_prompts: "a photo of TOK on a beach".into(),
            validation_every: 100,
            layout: "fal".into(),
            seed: 0,
        }
    }
}

impl BenchValues {
    /// Reads a job spec (the server's `JobSpec` as JSON); a field it lacks keeps
    /// the new-run default.
    pub fn from_spec(spec: &Value) -> Self {
        let fallback = Self::default();
        let text = |key: &str| spec.get(key).and_then(Value::as_str).map(str::to_owned);
        let count = |key: &str| spec.get(key).and_then(Value::as_u64);
        let album = spec
            .get("album")
            .and_then(|a| Some((a.get("source")?.as_str()?, a.get("name")?.as_str()?)))
            .map(|(source, name)| format!("{source}:{name}"))
            .unwrap_or_default();
        Self {
            album,
            trigger: text("trigger").unwrap_or(fallback.trigger),
            default_caption: text("default_caption").unwrap_or_default(),
            steps: count("steps").map_or(fallback.steps, saturate),
            learning_rate: spec
                .get("learning_rate")
                .and_then(Value::as_f64)
                .map_or(fallback.learning_rate, |lr| lr.to_string()),
            rank: count("rank").map_or(fallback.rank, saturate),
            is_style: text("kind").as_deref() == Some("style"),
            validation_prompts: spec
                .get("validation_prompts")
                .and_then(Value::as_array)
                .map_or(fallback.validation_prompts, |prompts| {
                    prompts
                        .iter()
                        .filter_map(Value::as_str)
                        .collect::<Vec<_>>()
                        .join("\n")
                }),
            validation_every: count("validation_every").map_or(fallback.validation_every, saturate),
            layout: text("output_lora_format").unwrap_or(fallback.layout),
            seed: count("seed").unwrap_or(fallback.seed),
        }
    }
}

fn saturate(n: u64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn a_spec_reads_back_into_the_form() {
        let spec = json!({
            "album": { "source": "builtin", "name": "tok-20" },
            "kind": "style", "trigger": "TOKSTYLE", "default_caption": null,
            "steps": 1500, "learning_rate": 0.0004, "rank": 16,
            "validation_prompts": ["a TOKSTYLE painting of a dog", "a TOKSTYLE painting of a vase"],
            "validation_every": 250, "output_lora_format": "comfy", "seed": 7
        });
        let values = BenchValues::from_spec(&spec);
        assert_eq!(values.album, "builtin:tok-20");
        assert!(values.is_style);
        assert_eq!(
            (
                values.steps,
                values.rank,
                values.validation_every,
                values.seed
            ),
            (1500, 16, 250, 7)
        );
        assert_eq!(values.learning_rate, "0.0004");
        assert_eq!(
            values.validation_prompts,
            "a TOKSTYLE painting of a dog\na TOKSTYLE painting of a vase"
        );
        assert_eq!(
            (values.trigger.as_str(), values.layout.as_str()),
            ("TOKSTYLE", "comfy")
        );
        assert_eq!(values.default_caption, "");
    }

    #[test]
    fn a_spec_missing_fields_keeps_the_defaults() {
        let values =
            BenchValues::from_spec(&json!({ "album": { "source": "upload", "name": "ab12" } }));
        assert_eq!(values.album, "upload:ab12");
        assert_eq!(
            BenchValues {
                album: String::new(),
                ..values
            },
            BenchValues::default()
        );
    }
}
