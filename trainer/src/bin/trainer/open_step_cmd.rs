//! `trainer open-step`: one training step laid open at several noise levels,
//! for the course's "one step" figure. Writes `DIR/picture.png` (the album
//! picture and the noise), `DIR/levels.png` (per level: the noisy picture, the
//! bare painter's guess, the guess with the bracelet on) and
//! `DIR/open-step.json` (losses before and after one nudge, and provenance).

use std::path::PathBuf;

use anyhow::{Context, bail};
use burn::tensor::backend::AutodiffBackend;
use trainer::album::{self, AlbumKind, AlbumOptions};
use trainer::flow;
use trainer::image::contact_sheet;
use trainer::model::weights;
use trainer::sample::to_picture;
use trainer::text::Tokenizer;
use trainer::train::open_step;

use crate::device::{DeviceKind, Job};
use crate::files::{read, write_atomic};
use crate::provenance::commit;
use crate::sample_cmd::{load_loras, write_png};

/// Options of `trainer open-step`.
#[derive(clap::Args)]
pub(crate) struct OpenStepArgs {
    /// Base painter weights (`.safetensors`).
    #[arg(long)]
    base: PathBuf,
    /// The bracelet the step trains (a LoRA file, e.g. a run's checkpoint).
    #[arg(long)]
    lora: String,
    /// The album the picture comes from (zip or folder).
    #[arg(long)]
    album: PathBuf,
    /// Which picture of the album, in name order.
    #[arg(long, default_value_t = 0)]
    picture: usize,
    /// Seeds the noise poured on it (the same noise at every level).
    #[arg(long, default_value_t = 1)]
    noise_seed: u64,
    /// Noise levels, comma-separated, each in (0, 1).
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8,0.9"
    )]
    levels: Vec<f32>,
    /// The nudge's learning rate.
    #[arg(long, default_value_t = 3e-3)]
    learning_rate: f64,
    /// Folder for the pictures and the JSON.
    #[arg(long)]
    out: PathBuf,
    /// Where to compute.
    #[arg(long, value_enum, default_value = "cpu")]
    pub(crate) device: DeviceKind,
}

impl Job for OpenStepArgs {
    fn run<B: AutodiffBackend>(self, device: B::Device) -> anyhow::Result<()> {
        if self.levels.is_empty() || self.levels.iter().any(|t| !(*t > 0.0 && *t < 1.0)) {
            bail!("--levels must be noise levels between 0 and 1, e.g. 0.2,0.5,0.8");
        }
        let bytes = read(&self.base)?;
        let base_hash = weights::hash(&bytes)?;
        let (painter, shape) = weights::load::<B>(&bytes, &device)
            .with_context(|| format!("{}", self.base.display()))?;
        let lora = std::slice::from_ref(&self.lora);
        let (adapter, _) = load_loras::<B>(lora, &shape, &base_hash, &device)?
            .pop()
            .context("no LoRA loaded")?;
        let size = shape.image_size;
        let options = AlbumOptions::new(AlbumKind::Subject, u32::try_from(size)?);
        let album = album::load_path(&self.album, &options)
            .with_context(|| format!("album {}", self.album.display()))?;
        let examples = album.training_examples();
        let example = examples.get(self.picture).with_context(|| {
            format!(
                "the album has {} pictures; --picture {} is past the end",
                examples.len(),
                self.picture
            )
        })?;
        let ids = Tokenizer::default().encode(&example.caption)?;
        let noise: Vec<f32> =
            flow::noise::<B, 1>(&mut flow::rng(self.noise_seed), [3 * size * size], &device)
                .into_data()
                .to_vec()
                .map_err(|e| anyhow::anyhow!("cannot read the noise: {e:?}"))?;
        std::fs::create_dir_all(&self.out)
            .with_context(|| format!("cannot create {}", self.out.display()))?;
        // The noise is drawn at half strength so that it fits the picture's range.
        let shown_noise: Vec<f32> = noise.iter().map(|v| v * 0.5).collect();
        let start = [
            to_picture(&example.image, size),
            to_picture(&shown_noise, size),
        ];
        write_png(&self.out.join("picture.png"), &contact_sheet(&start, 2, 1))?;
        let mut rows = [Vec::new(), Vec::new(), Vec::new()];
        let mut levels = Vec::new();
        for &t in &self.levels {
            let opened = open_step(
                &painter,
                &adapter,
                &example.image,
                &ids,
                &noise,
                t,
                self.learning_rate,
            );
            rows[0].push(to_picture(&opened.noisy, size));
            rows[1].push(to_picture(&opened.guess_bare, size));
            rows[2].push(to_picture(&opened.guess, size));
            println!(
                "t {t:.2}: loss {:.4} (bare painter {:.4}), after one nudge {:.4}",
                opened.loss, opened.loss_bare, opened.loss_after
            );
            levels.push(serde_json::json!({
                "t": t,
                "loss_bare": opened.loss_bare,
                "loss": opened.loss,
                "loss_after": opened.loss_after,
                "largest_change": opened.largest_change,
            }));
        }
        let sheet: Vec<_> = rows.into_iter().flatten().collect();
        write_png(
            &self.out.join("levels.png"),
            &contact_sheet(&sheet, self.levels.len(), 1),
        )?;
        let manifest = serde_json::json!({
            "caption": example.caption,
            "picture": self.picture,
            "album": self.album,
            "lora": self.lora,
            "base_sha256": base_hash,
            "noise_seed": self.noise_seed,
            "learning_rate": self.learning_rate,
            "commit": commit(),
            "command": format!("trainer {}", std::env::args().skip(1).collect::<Vec<_>>().join(" ")),
            "rows": ["noisy picture", "bare painter's guess", "guess with the bracelet"],
            "levels": levels,
        });
        let path = self.out.join("open-step.json");
        write_atomic(
            &path,
            (serde_json::to_string_pretty(&manifest)? + "\n").as_bytes(),
        )?;
        println!("wrote {}", self.out.display());
        Ok(())
    }
}
