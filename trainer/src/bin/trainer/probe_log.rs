//! `trainer train --probe-judges J`: at every checkpoint, paint the fixed `TOK`
//! probe set with the bracelet on, let the judges score it against the album, log
//! the numbers to `log.jsonl` and keep the pictures as one contact sheet. An edit
//! bracelet is tried on unseen sketches instead (see [`trainer::probe::edit`]).

use std::path::Path;

use anyhow::Context;
use burn::tensor::backend::Backend;
use serde_json::json;
use trainer::album::Album;
use trainer::album::AlbumKind;
use trainer::image::{RgbImage, contact_sheet};
use trainer::judge::Judges;
use trainer::lora::Worn;
use trainer::model::Painter;
use trainer::probe::{
    EDIT_TRIAL_PAIRS, EditTrial, PROBE_SEED, ProbeSet, album_pictures, measure, measure_edit,
};
use trainer::sample::SampleConfig;

use crate::files::read;
use crate::run_dir::RunDir;
use crate::sample_cmd::write_png;

/// What a checkpoint is measured on.
enum Probes {
    /// A subject or style bracelet: the `TOK` probe set against the album.
    Tok { album: Vec<RgbImage>, set: ProbeSet },
    /// An edit bracelet: sketches it never saw.
    Edit(EditTrial),
}

/// The judges and what they look at.
pub(crate) struct Prober<B: Backend> {
    judges: Judges<B>,
    probes: Probes,
}

impl<B: Backend> Prober<B> {
    /// Loads the judges at `path`; `per_prompt` seeds per unseen prompt.
    /// An edit album's trial paints from `instruction` when there is one.
    pub(crate) fn load(
        path: &Path,
        album: &Album,
        per_prompt: usize,
        instruction: Option<String>,
        device: &B::Device,
    ) -> anyhow::Result<Self> {
        let judges = Judges::load(&read(path)?, device)
            .with_context(|| format!("judges {}", path.display()))?;
        let probes = if album.kind == AlbumKind::Edit {
            let side = usize::try_from(album.resolution)?;
            Probes::Edit(EditTrial::unseen(EDIT_TRIAL_PAIRS, side)?.with_instruction(instruction))
        } else {
            Probes::Tok {
                album: album_pictures(album),
                set: ProbeSet::tok(per_prompt, PROBE_SEED),
            }
        };
        Ok(Self { judges, probes })
    }

    /// The probe set, for the run's manifest.
    pub(crate) fn manifest(&self) -> serde_json::Value {
        match &self.probes {
            Probes::Tok { set, .. } => set.manifest(),
            Probes::Edit(trial) => trial.manifest(),
        }
    }

    /// Measures the bracelet(s) `worn` at `step` and logs the report.
    pub(crate) fn probe(
        &self,
        dir: &RunDir,
        step: u32,
        painter: &Painter<B>,
        worn: &[Worn<'_, B>],
    ) -> anyhow::Result<()> {
        let sheet = dir.probe_path(step);
        match &self.probes {
            Probes::Tok { album, set } => {
                let (report, pictures) = measure(painter, worn, &self.judges, album, set)?;
                let columns = set.probes.first().map_or(1, |p| p.seeds.len());
                write_png(&sheet, &contact_sheet(&pictures, columns, 1))?;
                dir.log(&json!({ "step": step, "probe": report, "probe_sheet": sheet }))
            }
            Probes::Edit(trial) => {
                let worn = worn.first().context("no bracelet to try")?;
                let settings = SampleConfig {
                    seed: PROBE_SEED,
                    ..SampleConfig::default()
                };
                let (report, pictures) = measure_edit(
                    painter,
                    worn.adapter,
                    worn.scale,
                    &self.judges,
                    trial,
                    settings,
                )?;
                // One row per pair: sketch, without, with, the true painting.
                write_png(&sheet, &contact_sheet(&pictures, 4, 1))?;
                dir.log(&json!({ "step": step, "edit_trial": report, "probe_sheet": sheet }))
            }
        }
    }
}
