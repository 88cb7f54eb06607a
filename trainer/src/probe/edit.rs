//! The edit bracelet's trial: sketches it never saw, turned into paintings.
//!
//! Fresh sketch → painting pairs are rendered with the edit album's recipe and a
//! seed of their own, so none of them is in the album. The painter, wearing the
//! bracelet and reading each sketch, paints it with the painting's caption (or,
//! for a bracelet trained on one instruction for every pair, that instruction). The
//! world drew the true painting too, so every result can be held against it:
//! the pixel error says how close the result came, the sketch the world traces
//! from the result says whether its lines follow the given sketch, and
//! the judges say whether it is a painting of the right subject in the right
//! scene. The same caption painted without the bracelet is the baseline: the
//! painter knows paintings, but without the sketch it invents the composition.

use burn::module::Module;
use burn::tensor::backend::Backend;
use burn::tensor::{Tensor, TensorData};
use serde::{Deserialize, Serialize};

use super::paint::paint;
use crate::TrainerError;
use crate::image::RgbImage;
use crate::judge::Judges;
use crate::judge::labels::SubjectKind;
use crate::lora::{LoraAdapter, Worn};
use crate::model::Painter;
use crate::sample::SampleConfig;
use crate::world::albums::{AlbumPicture, Recipe, make_album};
use crate::world::style::sketch as sketch_of;

/// Seed of the trial's pairs; the shipped edit album was made with seed 1.
pub const EDIT_TRIAL_SEED: u64 = 7_001;

/// Pairs an edit bracelet is tried on at every checkpoint of a run.
pub const EDIT_TRIAL_PAIRS: usize = 12;

/// Unseen sketch → painting pairs.
#[derive(Clone, Debug)]
pub struct EditTrial {
    /// The pairs: `start` is the sketch, `image` the true painting.
    pub pairs: Vec<AlbumPicture>,
    /// When the bracelet was trained on one instruction for every pair, that
    /// instruction is the prompt here too; otherwise each painting's caption.
    pub instruction: Option<String>,
}

/// What the judges and the pixels say of one trial.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EditReport {
    /// Mean squared error to the true painting (values in `[-1, 1]`), with the
    /// bracelet reading the sketch.
    pub error: f32,
    /// The same for the caption painted without the bracelet.
    pub error_without: f32,
    /// Mean squared error between the sketch the world traces from the result
    /// and the sketch the bracelet was given: does the composition follow?
    #[serde(default)]
    pub sketch_error: f32,
    /// The same for the caption painted without the bracelet.
    #[serde(default)]
    pub sketch_error_without: f32,
    /// Share of results the judges call paintings.
    pub painting: f32,
    /// Share of results whose subject kind the judges read as the true one.
    pub subject: f32,
    /// Share of results whose scene the judges read as the true one.
    pub scene: f32,
}

impl EditTrial {
    /// `count` pairs at `size × size` that the edit album does not hold.
    pub fn unseen(count: usize, size: usize) -> Result<Self, TrainerError> {
        let album = make_album(Recipe::Edit, count, size, EDIT_TRIAL_SEED)?;
        let pairs = album
            .pictures
            .into_iter()
            .filter(|p| p.start.is_some())
            .collect();
        Ok(Self {
            pairs,
            instruction: None,
        })
    }

    /// The same pairs, each painted from `instruction` instead of its caption.
    pub fn with_instruction(self, instruction: Option<String>) -> Self {
        Self {
            instruction,
            ..self
        }
    }

    /// The prompt pair `pair` is painted with.
    pub fn prompt<'a>(&'a self, pair: &'a AlbumPicture) -> &'a str {
        self.instruction.as_deref().unwrap_or(&pair.caption)
    }

    /// What the trial is, for a run's manifest.
    pub fn manifest(&self) -> serde_json::Value {
        serde_json::json!({
            "recipe": Recipe::Edit.name(),
            "seed": EDIT_TRIAL_SEED,
            "pairs": self.pairs.len(),
            "instruction": self.instruction,
            "captions": self.pairs.iter().map(|p| p.caption.as_str()).collect::<Vec<_>>(),
        })
    }
}

/// Paints every sketch of `trial` with and without `adapter` (at `scale`) and
/// scores the results. Also returns the pictures, four per pair: sketch,
/// without the bracelet, with it, the true painting.
pub fn measure_edit<B: Backend>(
    painter: &Painter<B>,
    adapter: &LoraAdapter<B>,
    scale: f32,
    judges: &Judges<B>,
    trial: &EditTrial,
    config: SampleConfig,
) -> Result<(EditReport, Vec<RgbImage>), TrainerError> {
    if adapter.reference.is_none() {
        return Err(TrainerError::Config(
            "this bracelet does not read a start picture: it is not an edit bracelet".into(),
        ));
    }
    let device = painter.devices()[0].clone();
    let mut pictures = Vec::with_capacity(4 * trial.pairs.len());
    let (mut error, mut error_without) = (0.0, 0.0);
    let (mut lines, mut lines_without) = (0.0, 0.0);
    let mut results = Vec::with_capacity(trial.pairs.len());
    for (n, pair) in trial.pairs.iter().enumerate() {
        let Some(sketch) = &pair.start else { continue };
        let side = sketch.width;
        let start = Tensor::<B, 4>::from_data(
            TensorData::new(sketch.to_chw(), [1, 3, side, side]),
            &device,
        );
        let settings = SampleConfig {
            seed: config.seed + n as u64,
            ..config
        };
        let worn = [Worn::new(adapter, scale).reading(&start)];
        let with = paint(painter, &worn, trial.prompt(pair), settings)?;
        let without = paint(painter, &[], trial.prompt(pair), settings)?;
        error += squared_error(&with, &pair.image);
        error_without += squared_error(&without, &pair.image);
        lines += squared_error(&sketch_of(&with), sketch);
        lines_without += squared_error(&sketch_of(&without), sketch);
        pictures.extend([sketch.clone(), without, with.clone(), pair.image.clone()]);
        results.push(with);
    }
    let count = results.len().max(1) as f32;
    let verdicts = judges.score(&results)?;
    let share = |right: &dyn Fn(usize) -> bool| {
        (0..verdicts.len()).filter(|&i| right(i)).count() as f32 / count
    };
    let spec = |i: usize| &trial.pairs[i].spec;
    let report = EditReport {
        error: error / count,
        error_without: error_without / count,
        sketch_error: lines / count,
        sketch_error_without: lines_without / count,
        painting: share(&|i| verdicts[i].style == spec(i).style),
        subject: share(&|i| verdicts[i].subject == SubjectKind::of(spec(i).subject)),
        scene: share(&|i| verdicts[i].scene == spec(i).scene),
    };
    Ok((report, pictures))
}

/// Mean squared difference of two same-size pictures, in `[-1, 1]` units.
fn squared_error(a: &RgbImage, b: &RgbImage) -> f32 {
    let n = a.pixels.len().min(b.pixels.len()).max(1);
    let sum: f32 = a
        .pixels
        .iter()
        .zip(&b.pixels)
        .map(|(&x, &y)| {
            let d = (f32::from(x) - f32::from(y)) / 127.5;
            d * d
        })
        .sum();
    sum / n as f32
}
