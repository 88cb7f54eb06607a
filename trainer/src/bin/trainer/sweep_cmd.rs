//! `trainer sweep`: one LoRA worn at several scales on the course's probe set;
//! writes the numbers (`sweep.json`) and a contact sheet (`sweep.png`, a row per
//! scale, the first seed of each probe prompt).

use std::path::PathBuf;

use anyhow::{Context, bail};
use burn::tensor::backend::AutodiffBackend;
use serde_json::json;
use trainer::album::{self, AlbumKind, AlbumOptions};
use trainer::image::{RgbImage, contact_sheet};
use trainer::judge::Judges;
use trainer::lora::file;
use trainer::model::weights;
use trainer::probe::sweep::sweep;
use trainer::probe::{PROBE_SEED, ProbeSet, album_pictures};

use crate::device::{DeviceKind, Job};
use crate::files::{read, write_atomic};
use crate::provenance::commit;
use crate::sample_cmd::write_png;

/// Options of `trainer sweep`.
#[derive(clap::Args)]
pub(crate) struct SweepArgs {
    /// Base painter weights.
    #[arg(long)]
    base: PathBuf,
    /// The LoRA to sweep.
    #[arg(long)]
    lora: PathBuf,
    /// The album it was trained on (the leak score and the colour reference).
    #[arg(long)]
    album: PathBuf,
    /// The judges' weights.
    #[arg(long, default_value = "assets/judges/judges.safetensors")]
    judges: PathBuf,
    /// Scales, comma-separated.
    #[arg(long, value_delimiter = ',', default_value = "0,0.5,1,1.5,2,3,4")]
    scales: Vec<f32>,
    /// Probe pictures per unseen prompt (the windowsill gets twice as many).
    #[arg(long, default_value_t = 4)]
    probe_seeds: usize,
    /// Folder for `sweep.json` and `sweep.png`.
    #[arg(long)]
    out: PathBuf,
    /// Where to compute.
    #[arg(long, value_enum, default_value = "cpu")]
    pub(crate) device: DeviceKind,
}

impl Job for SweepArgs {
    fn run<B: AutodiffBackend>(self, device: B::Device) -> anyhow::Result<()> {
        if self.scales.is_empty() || self.scales.iter().any(|s| !s.is_finite()) {
            bail!("--scales needs finite numbers, e.g. 0,1,2");
        }
        let base = read(&self.base)?;
        let (painter, shape) = weights::load::<B::InnerBackend>(&base, &device)
            .with_context(|| format!("{}", self.base.display()))?;
        let lora = file::decode::<B::InnerBackend>(&read(&self.lora)?, &shape, None, &device)
            .with_context(|| format!("{}", self.lora.display()))?;
        let judges = Judges::<B::InnerBackend>::load(&read(&self.judges)?, &device)
            .with_context(|| format!("{}", self.judges.display()))?;
        let size = u32::try_from(shape.image_size)?;
        let album = album::load_path(&self.album, &AlbumOptions::new(AlbumKind::Subject, size))
            .with_context(|| format!("album {}", self.album.display()))?;
        let set = ProbeSet::tok(self.probe_seeds, PROBE_SEED);
        let (points, pictures) = sweep(
            &painter,
            &lora.adapter,
            &judges,
            &album_pictures(&album),
            &set,
            &self.scales,
        )?;
        for point in &points {
            println!(
                "scale {:>4}: identity unseen {:.2}, obedience {:.2}, windowsill leak {:.2}, saturation ×{:.2}, contrast ×{:.2}, photos {:.0}%",
                point.scale,
                point.probe.unseen.identity,
                point.probe.unseen.obedience,
                point.probe.unseen.windowsill_leak,
                point.saturation_ratio,
                point.contrast_ratio,
                100.0 * point.photo_share,
            );
        }
        // One column per probe prompt: the first picture of each.
        let firsts: Vec<usize> = set
            .probes
            .iter()
            .scan(0, |start, probe| {
                let first = *start;
                *start += probe.seeds.len();
                Some(first)
            })
            .collect();
        let rows: Vec<RgbImage> = pictures
            .iter()
            .flat_map(|row| firsts.iter().filter_map(|&i| row.get(i).cloned()))
            .collect();
        std::fs::create_dir_all(&self.out)
            .with_context(|| format!("cannot create {}", self.out.display()))?;
        write_png(
            &self.out.join("sweep.png"),
            &contact_sheet(&rows, firsts.len(), 1),
        )?;
        let body = json!({
            "base": { "path": self.base, "hash": weights::hash(&base)? },
            "lora": self.lora,
            "album": self.album,
            "judges": self.judges,
            "probe": set.manifest(),
            "device": self.device.name(),
            "commit": commit(),
            "points": points,
        });
        let path = self.out.join("sweep.json");
        write_atomic(&path, serde_json::to_string_pretty(&body)?.as_bytes())?;
        println!("wrote {} and sweep.png", path.display());
        Ok(())
    }
}
