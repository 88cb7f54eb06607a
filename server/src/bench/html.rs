//! The bench as an HTML form sends it: every field a string, prompts one per
//! line, the album as `builtin:NAME` or `upload:ID`, a checkbox present or not.

use serde::Deserialize;

use super::BenchForm;
use crate::trainings::spec::AlbumRef;

/// The bench's fields as a browser posts them.
#[derive(Clone, Debug, Deserialize)]
pub struct HtmlBench {
    album: String,
    trigger_phrase: String,
    #[serde(default)]
    default_caption: String,
    steps: String,
    learning_rate: String,
    rank: String,
    #[serde(default)]
    is_style: Option<String>,
    #[serde(default)]
    validation_prompts: String,
    validation_every: String,
    #[serde(default)]
    checkpoint_every: String,
    output_lora_format: String,
    #[serde(default)]
    seed: String,
}

fn number<T: std::str::FromStr>(field: &str, text: &str) -> Result<T, String> {
    text.trim()
        .parse()
        .map_err(|_| format!("{field} must be a number, not `{}`", text.trim()))
}

impl HtmlBench {
    /// The form as the bench's rules take it, or what cannot be read.
    pub fn into_form(self) -> Result<BenchForm, String> {
        let album = match self.album.split_once(':') {
            Some(("builtin", name)) => AlbumRef::Builtin(name.to_owned()),
            Some(("upload", id)) => AlbumRef::Upload(id.to_owned()),
            _ => return Err("choose an album".into()),
        };
        let checkpoint_every = match self.checkpoint_every.trim() {
            "" => None,
            text => Some(number("checkpoint every", text)?),
        };
        Ok(BenchForm {
            album,
            trigger_phrase: self.trigger_phrase,
            default_caption: Some(self.default_caption).filter(|c| !c.trim().is_empty()),
            steps: number("steps", &self.steps)?,
            learning_rate: number("learning rate", &self.learning_rate)?,
            rank: number("rank", &self.rank)?,
            is_style: self.is_style.is_some(),
            preset: None,
            batch_size: 1,
            validation_prompts: self
                .validation_prompts
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect(),
            validation_every: number("validate every", &self.validation_every)?,
            checkpoint_every,
            output_lora_format: self.output_lora_format,
            seed: match self.seed.trim() {
                "" => 0,
                text => number("seed", text)?,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn posted() -> HtmlBench {
        HtmlBench {
            album: "builtin:tok-8".into(),
            trigger_phrase: "TOK".into(),
            default_caption: " ".into(),
            steps: "100".into(),
            learning_rate: "1e-3".into(),
            rank: "8".into(),
            is_style: Some("on".into()),
            validation_prompts: "a photo of TOK\r\n\r\na photo of TOK on a beach\n".into(),
            validation_every: "50".into(),
            checkpoint_every: String::new(),
            output_lora_format: "comfy".into(),
            seed: String::new(),
        }
    }

    #[test]
    fn reads_lines_checkboxes_and_numbers() {
        let form = posted().into_form().expect("readable");
        assert_eq!(form.album, AlbumRef::Builtin("tok-8".into()));
        assert_eq!(
            form.validation_prompts,
            ["a photo of TOK", "a photo of TOK on a beach"]
        );
        assert!(form.is_style);
        assert_eq!((form.steps, form.rank, form.seed), (100, 8, 0));
        assert_eq!(form.default_caption, None);
        assert_eq!(form.checkpoint_every, None);
    }

    #[test]
    fn says_which_field_is_not_a_number() {
        let bad = HtmlBench {
            steps: "lots".into(),
            ..posted()
        };
        assert_eq!(
            bad.into_form().expect_err("refused"),
            "steps must be a number, not `lots`"
        );
        let bad = HtmlBench {
            album: "tok-8".into(),
            ..posted()
        };
        assert_eq!(bad.into_form().expect_err("refused"), "choose an album");
    }
}
