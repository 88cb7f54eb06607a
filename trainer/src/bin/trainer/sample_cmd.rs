//! `trainer sample`: paint a prompt with the base painter and any LoRAs, each at
//! its own scale, and write the pictures as one PNG.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use burn::tensor::backend::AutodiffBackend;
use burn::tensor::{Tensor, TensorData};
use trainer::image::{RgbImage, contact_sheet};
use trainer::judge::Judges;
use trainer::lora::{LoraAdapter, Worn, file};
use trainer::model::{PainterConfig, weights};
use trainer::sample::{SampleConfig, sample, to_picture};
use trainer::text::Tokenizer;

use crate::device::{DeviceKind, Job};
use crate::files::{read, write_atomic};

/// Options of `trainer sample`.
#[derive(clap::Args)]
pub(crate) struct SampleArgs {
    /// Base painter weights (`.safetensors`).
    #[arg(long)]
    base: PathBuf,
    /// The prompt, in the miniature world's words.
    #[arg(long)]
    prompt: String,
    /// A LoRA to wear, optionally with its scale: `tok.safetensors@0.8`. Repeat
    /// for several.
    #[arg(long = "lora")]
    loras: Vec<String>,
    /// For an edit LoRA: the picture it changes (png, jpeg or webp; cropped and
    /// resized like album pictures).
    #[arg(long)]
    start: Option<PathBuf>,
    /// Seed of the first picture; picture `i` uses `seed + i`.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// How many pictures, side by side.
    #[arg(long, default_value_t = 1)]
    count: u64,
    /// Euler steps.
    #[arg(long, default_value_t = 20)]
    steps: usize,
    /// Classifier-free guidance (1 = none).
    #[arg(long, default_value_t = 3.0)]
    guidance: f32,
    /// With exactly two LoRAs: paint every pair of these scales (comma-separated;
    /// rows: the first LoRA's scale, columns: the second's) instead of their `@`
    /// scales, one picture per pair from `--seed`.
    #[arg(long, value_delimiter = ',')]
    grid: Vec<f32>,
    /// Where to write the PNG.
    #[arg(long, short)]
    output: PathBuf,
    /// Also judge every picture and write what the judges read (subject, TOK,
    /// scene, style, with the LoRAs' scales) as JSON here.
    #[arg(long)]
    verdicts: Option<PathBuf>,
    /// The judges' weights, for `--verdicts`.
    #[arg(long, default_value = "assets/judges/judges.safetensors")]
    judges: PathBuf,
    /// Where to compute.
    #[arg(long, value_enum, default_value = "cpu")]
    pub(crate) device: DeviceKind,
}

/// `FILE@SCALE` → (file, scale); a bare file wears scale 1.
fn lora_arg(arg: &str) -> anyhow::Result<(PathBuf, f32)> {
    match arg.rsplit_once('@') {
        Some((path, scale)) => {
            let scale: f32 = scale
                .parse()
                .with_context(|| format!("`{arg}`: the scale after @ must be a number"))?;
            if !scale.is_finite() {
                bail!("`{arg}`: the scale must be a finite number");
            }
            Ok((PathBuf::from(path), scale))
        }
        None => Ok((PathBuf::from(arg), 1.0)),
    }
}

/// Loads each LoRA for `shape`, warning when it was trained on other base weights.
pub(crate) fn load_loras<B: burn::tensor::backend::Backend>(
    args: &[String],
    shape: &PainterConfig,
    base_hash: &str,
    device: &B::Device,
) -> anyhow::Result<Vec<(LoraAdapter<B>, f32)>> {
    let mut loras = Vec::new();
    for arg in args {
        let (path, scale) = lora_arg(arg)?;
        let decoded = file::decode::<B>(&read(&path)?, shape, None, device)
            .with_context(|| format!("{}", path.display()))?;
        if decoded.meta.base_hash != base_hash {
            eprintln!(
                "warning: {} was trained on other base weights ({}), not these ({base_hash})",
                path.display(),
                decoded.meta.base_hash
            );
        }
        loras.push((decoded.adapter, scale));
    }
    Ok(loras)
}

impl Job for SampleArgs {
    fn run<B: AutodiffBackend>(self, device: B::Device) -> anyhow::Result<()> {
        let bytes = read(&self.base)?;
        let base_hash = weights::hash(&bytes)?;
        let (painter, shape) = weights::load::<B::InnerBackend>(&bytes, &device)
            .with_context(|| format!("{}", self.base.display()))?;
        let ids = Tokenizer::default().encode(&self.prompt)?;
        let loras = load_loras::<B::InnerBackend>(&self.loras, &shape, &base_hash, &device)?;
        let start = match &self.start {
            Some(path) => {
                let side = shape.image_size;
                let name = path.display().to_string();
                let values =
                    trainer::album::load_picture(&name, &read(path)?, u32::try_from(side)?)?;
                Some(Tensor::<B::InnerBackend, 4>::from_data(
                    TensorData::new(values, [1, 3, side, side]),
                    &device,
                ))
            }
            None => None,
        };
        if start.is_some() && !loras.iter().any(|(a, _)| a.reference.is_some()) {
            bail!("--start is for edit LoRAs, and none of the LoRAs given reads a start picture");
        }
        let worn: Vec<Worn<'_, B::InnerBackend>> = loras
            .iter()
            .map(|(adapter, scale)| Worn::new(adapter, *scale).reading_if(start.as_ref()))
            .collect();
        if self.count == 0 {
            bail!("--count must be at least 1");
        }
        if !self.grid.is_empty() {
            return self.grid_of_two(&painter, &loras, &ids, shape.image_size, &device);
        }
        let mut pictures = Vec::new();
        for i in 0..self.count {
            let settings = SampleConfig {
                steps: self.steps,
                guidance: self.guidance,
                seed: self.seed + i,
            };
            let image = sample(&painter, &worn, &ids, settings);
            pictures.push(picture(
                image.into_data().to_vec::<f32>(),
                shape.image_size,
            )?);
        }
        write_png(&self.output, &contact_sheet(&pictures, pictures.len(), 2))?;
        let scales: Vec<Vec<f32>> = (0..pictures.len())
            .map(|_| loras.iter().map(|(_, s)| *s).collect())
            .collect();
        self.write_verdicts::<B::InnerBackend>(&pictures, &scales, &device)?;
        println!(
            "wrote {} ({} picture{} of \"{}\", seed {}, {} LoRA{})",
            self.output.display(),
            self.count,
            if self.count == 1 { "" } else { "s" },
            self.prompt,
            self.seed,
            loras.len(),
            if loras.len() == 1 { "" } else { "s" }
        );
        Ok(())
    }
}

impl SampleArgs {
    /// `--grid`: two bracelets at every pair of scales, one picture each.
    fn grid_of_two<B: burn::tensor::backend::Backend>(
        &self,
        painter: &trainer::model::Painter<B>,
        loras: &[(LoraAdapter<B>, f32)],
        ids: &[u32],
        size: usize,
        device: &B::Device,
    ) -> anyhow::Result<()> {
        let [(first, _), (second, _)] = loras else {
            bail!("--grid needs exactly two --lora files");
        };
        if self.grid.iter().any(|s| !s.is_finite()) {
            bail!("--grid needs finite scales, e.g. 0,0.5,1");
        }
        let settings = SampleConfig {
            steps: self.steps,
            guidance: self.guidance,
            seed: self.seed,
        };
        let mut pictures = Vec::new();
        let mut scales = Vec::new();
        for &a in &self.grid {
            for &b in &self.grid {
                let worn = [Worn::new(first, a), Worn::new(second, b)];
                let image = sample(painter, &worn, ids, settings);
                pictures.push(picture(image.into_data().to_vec::<f32>(), size)?);
                scales.push(vec![a, b]);
            }
        }
        write_png(&self.output, &contact_sheet(&pictures, self.grid.len(), 2))?;
        self.write_verdicts::<B>(&pictures, &scales, device)?;
        println!(
            "wrote {} ({n}×{n} grid of \"{}\", seed {}: rows {} at {:?}, columns {} at {:?})",
            self.output.display(),
            self.prompt,
            self.seed,
            self.loras[0],
            self.grid,
            self.loras[1],
            self.grid,
            n = self.grid.len(),
        );
        Ok(())
    }

    /// `--verdicts`: what the judges read in each picture, beside the scales
    /// of the LoRAs it wore, in painting order.
    fn write_verdicts<B: burn::tensor::backend::Backend>(
        &self,
        pictures: &[RgbImage],
        scales: &[Vec<f32>],
        device: &B::Device,
    ) -> anyhow::Result<()> {
        let Some(path) = &self.verdicts else {
            return Ok(());
        };
        let judges = Judges::<B>::load(&read(&self.judges)?, device)
            .with_context(|| format!("{}", self.judges.display()))?;
        let label = |debug: String| debug.to_lowercase();
        let rows: Vec<serde_json::Value> = judges
            .score(pictures)?
            .iter()
            .zip(scales)
            .map(|(v, scales)| {
                serde_json::json!({
                    "scales": scales,
                    "tok": round(v.tok_prob),
                    "subject": label(format!("{:?}", v.subject)),
                    "subject_prob": round(v.subject_prob),
                    "scene": label(format!("{:?}", v.scene)),
                    "scene_prob": round(v.scene_prob),
                    "style": label(format!("{:?}", v.style)),
                    "style_prob": round(v.style_prob),
                })
            })
            .collect();
        let json = serde_json::json!({
            "prompt": self.prompt,
            "seed": self.seed,
            "loras": self.loras,
            "pictures": rows,
        });
        write_atomic(
            path,
            (serde_json::to_string_pretty(&json)? + "\n").as_bytes(),
        )?;
        println!("wrote {} (the judges' verdicts)", path.display());
        Ok(())
    }
}

/// A probability to three decimals, for files people read.
fn round(p: f32) -> f64 {
    (f64::from(p) * 1000.0).round() / 1000.0
}

/// A `[1, 3, s, s]` tensor's values as an RGB picture.
pub(crate) fn picture(
    values: Result<Vec<f32>, burn::tensor::DataError>,
    size: usize,
) -> anyhow::Result<RgbImage> {
    let values = values.map_err(|e| anyhow::anyhow!("cannot read the picture: {e:?}"))?;
    Ok(to_picture(&values, size))
}

/// Writes `image` as a PNG, atomically.
pub(crate) fn write_png(path: &Path, image: &RgbImage) -> anyhow::Result<()> {
    write_atomic(path, &image.to_png()?)
}
