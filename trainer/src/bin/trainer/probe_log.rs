//! `trainer train --probe-judges J`: at every checkpoint, paint the fixed `TOK`
//! probe set with the bracelet on, let the judges score it against the album, log
//! the numbers to `log.jsonl` and keep the pictures as one contact sheet.

use std::path::Path;

use anyhow::Context;
use burn::tensor::backend::Backend;
use serde_json::json;
use trainer::album::Album;
use trainer::image::{RgbImage, contact_sheet};
use trainer::judge::Judges;
use trainer::lora::Worn;
use trainer::model::Painter;
use trainer::probe::{PROBE_SEED, ProbeSet, album_pictures, measure};

use crate::files::read;
use crate::run_dir::RunDir;
use crate::sample_cmd::write_png;

/// The judges, the album they compare against and the probe set.
pub(crate) struct Prober<B: Backend> {
    judges: Judges<B>,
    album: Vec<RgbImage>,
    set: ProbeSet,
}

impl<B: Backend> Prober<B> {
    /// Loads the judges at `path`; `per_prompt` seeds per unseen prompt.
    pub(crate) fn load(
        path: &Path,
        album: &Album,
        per_prompt: usize,
        device: &B::Device,
    ) -> anyhow::Result<Self> {
        let judges = Judges::load(&read(path)?, device)
            .with_context(|| format!("judges {}", path.display()))?;
        Ok(Self {
            judges,
            album: album_pictures(album),
            set: ProbeSet::tok(per_prompt, PROBE_SEED),
        })
    }

    /// The probe set, for the run's manifest.
    pub(crate) fn manifest(&self) -> serde_json::Value {
        self.set.manifest()
    }

    /// Measures the bracelet(s) `worn` at `step` and logs the report.
    pub(crate) fn probe(
        &self,
        dir: &RunDir,
        step: u32,
        painter: &Painter<B>,
        worn: &[Worn<'_, B>],
    ) -> anyhow::Result<()> {
        let (report, pictures) = measure(painter, worn, &self.judges, &self.album, &self.set)?;
        let columns = self.set.probes.first().map_or(1, |p| p.seeds.len());
        let sheet = dir.probe_path(step);
        write_png(&sheet, &contact_sheet(&pictures, columns, 1))?;
        dir.log(&json!({ "step": step, "probe": report, "probe_sheet": sheet }))
    }
}
