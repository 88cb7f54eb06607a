//! The fixed probe set a `TOK` bracelet is measured on at every checkpoint.
//!
//! Two families of prompts, each painted from the same seeds at every checkpoint:
//!
//! - **album-like**: `TOK` on the sunny windowsill, where half the album sits;
//!   memorisation hides here, because copying the album looks like success;
//! - **unseen**: `TOK` on the beach, riding a bicycle, on the harbor pier and in
//!   the snowy field, places the album never showed; memorisation shows here.
//!
//! For each family the judges give **identity** (the calibrated `TOK`
//! probability, averaged), **obedience** (share of pictures in the scene asked
//! for), the **windowsill leak** (share of pictures the scene judge reads as the
//! windowsill although another scene was asked for) and the **album leak**
//! (highest feature similarity to any album picture, averaged). **Quality** on
//! unseen prompts, identity × obedience, is the curve the course's games hide
//! until the player stops.

use burn::tensor::backend::Backend;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use super::paint::paint;
use crate::TrainerError;
use crate::album::Album;
use crate::image::RgbImage;
use crate::judge::Judges;
use crate::lora::Worn;
use crate::model::Painter;
use crate::sample::SampleConfig;
use crate::world::{Facing, Framing, Light, Scene, SceneSpec, Style, Subject};

/// The scenes of the unseen family, in report order.
pub const UNSEEN: [Scene; 4] = [
    Scene::Beach,
    Scene::Bicycle,
    Scene::HarborPier,
    Scene::SnowyField,
];

/// Seed of the course's probe set ([`ProbeSet::tok`]): the same for every run,
/// so checkpoints of different runs are painted from the same noise.
pub const PROBE_SEED: u64 = 0x0050_0BE5;

/// An album's pictures as the leak score compares against them.
pub fn album_pictures(album: &Album) -> Vec<RgbImage> {
    let side = album.resolution as usize;
    album
        .examples
        .iter()
        .map(|e| crate::sample::to_picture(&e.image, side))
        .collect()
}

/// One prompt of the probe set, with the seeds it is painted from.
#[derive(Clone, Debug, PartialEq)]
pub struct Probe {
    /// Whether it belongs to the album-like family.
    pub album_like: bool,
    /// The scene asked for.
    pub scene: Scene,
    /// The caption.
    pub prompt: String,
    /// Start-noise seeds, one picture each.
    pub seeds: Vec<u64>,
}

/// The prompts and seeds of one measuring campaign.
#[derive(Clone, Debug, PartialEq)]
pub struct ProbeSet {
    /// Every probe, album-like first.
    pub probes: Vec<Probe>,
    /// Euler steps and guidance of the sampler (the seed field is unused).
    pub sampling: SampleConfig,
}

impl ProbeSet {
    /// The `TOK` probe set: one windowsill prompt and [`UNSEEN`], `per_prompt`
    /// seeds each, drawn from `seed`. The one windowsill prompt gets twice the
    /// seeds, so the album-like family's numbers rest on enough pictures.
    pub fn tok(per_prompt: usize, seed: u64) -> Self {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let mut probes = Vec::new();
        let scenes = std::iter::once((true, Scene::Windowsill))
            .chain(UNSEEN.into_iter().map(|scene| (false, scene)));
        for (album_like, scene) in scenes {
            let spec = SceneSpec {
                subject: Subject::Tok,
                scene,
                style: Style::Photo,
                light: Light::Sunny,
                facing: Facing::Right,
                framing: Framing::Normal,
                variation: 0,
            };
            let count = if album_like {
                2 * per_prompt
            } else {
                per_prompt
            };
            probes.push(Probe {
                album_like,
                scene,
                prompt: spec.caption(),
                seeds: (0..count).map(|_| rng.random()).collect(),
            });
        }
        Self {
            probes,
            sampling: SampleConfig::default(),
        }
    }

    /// The set as JSON for manifests: prompts, seeds, sampler.
    pub fn manifest(&self) -> serde_json::Value {
        let probes: Vec<serde_json::Value> = self
            .probes
            .iter()
            .map(|p| {
                serde_json::json!({
                    "family": if p.album_like { "album-like" } else { "unseen" },
                    "prompt": p.prompt,
                    "seeds": p.seeds,
                })
            })
            .collect();
        serde_json::json!({ "probes": probes, "sampling": self.sampling })
    }

    /// How many pictures one measurement paints.
    pub fn pictures(&self) -> usize {
        self.probes.iter().map(|p| p.seeds.len()).sum()
    }
}

/// The judges' numbers for one family of prompts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FamilyScores {
    /// Mean calibrated `TOK` probability.
    pub identity: f64,
    /// Share of pictures in the scene asked for.
    pub obedience: f64,
    /// Share of pictures read as the windowsill when another scene was asked for.
    pub windowsill_leak: f64,
    /// Mean highest feature similarity to an album picture.
    pub album_leak: f64,
    /// Pictures measured.
    pub count: usize,
}

impl FamilyScores {
    /// Identity × obedience: `TOK`, and where we asked.
    pub fn quality(&self) -> f64 {
        self.identity * self.obedience
    }
}

/// One checkpoint's measurement.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ProbeReport {
    /// The windowsill family.
    pub album_like: FamilyScores,
    /// The unseen family.
    pub unseen: FamilyScores,
    /// Mean identity per unseen scene, in [`UNSEEN`] order.
    pub unseen_identity: Vec<f64>,
    /// Every score per unseen scene, in [`UNSEEN`] order (the bicycle test reads
    /// the bicycle's).
    #[serde(default)]
    pub per_scene: Vec<FamilyScores>,
}

/// Paints every probe with `loras` worn and lets the judges score the pictures
/// against `album` (the training pictures, for the leak score). Returns the
/// report and the pictures, probe by probe, seed by seed.
pub fn measure<B: Backend>(
    painter: &Painter<B>,
    loras: &[Worn<'_, B>],
    judges: &Judges<B>,
    album: &[RgbImage],
    set: &ProbeSet,
) -> Result<(ProbeReport, Vec<RgbImage>), TrainerError> {
    let mut pictures = Vec::with_capacity(set.pictures());
    let mut owners = Vec::with_capacity(set.pictures());
    for (index, probe) in set.probes.iter().enumerate() {
        for &seed in &probe.seeds {
            let config = SampleConfig {
                seed,
                ..set.sampling
            };
            pictures.push(paint(painter, loras, &probe.prompt, config)?);
            owners.push(index);
        }
    }
    let verdicts = judges.score(&pictures)?;
    let leaks = judges.leak(&pictures, album)?;
    let mut sums = [Sums::default(), Sums::default()];
    let mut per_scene = vec![Sums::default(); UNSEEN.len()];
    for ((verdict, leak), &owner) in verdicts.iter().zip(&leaks).zip(&owners) {
        let probe = &set.probes[owner];
        let windowsill = f64::from(u8::from(
            probe.scene != Scene::Windowsill && verdict.scene == Scene::Windowsill,
        ));
        let family = &mut sums[usize::from(!probe.album_like)];
        family.add(verdict.tok_prob, verdict.scene == probe.scene, *leak);
        family.windowsill += windowsill;
        if let Some(i) = UNSEEN.iter().position(|s| *s == probe.scene) {
            per_scene[i].add(verdict.tok_prob, verdict.scene == probe.scene, *leak);
            per_scene[i].windowsill += windowsill;
        }
    }
    let report = ProbeReport {
        album_like: sums[0].scores(),
        unseen: sums[1].scores(),
        unseen_identity: per_scene.iter().map(|s| s.scores().identity).collect(),
        per_scene: per_scene.iter().map(Sums::scores).collect(),
    };
    Ok((report, pictures))
}

#[derive(Clone, Copy, Debug, Default)]
struct Sums {
    identity: f64,
    obeyed: f64,
    windowsill: f64,
    leak: f64,
    count: usize,
}

impl Sums {
    fn add(&mut self, tok_prob: f32, obeyed: bool, leak: f32) {
        self.identity += f64::from(tok_prob);
        self.obeyed += f64::from(u8::from(obeyed));
        self.leak += f64::from(leak);
        self.count += 1;
    }

    fn scores(&self) -> FamilyScores {
        let n = self.count.max(1) as f64;
        FamilyScores {
            identity: self.identity / n,
            obedience: self.obeyed / n,
            windowsill_leak: self.windowsill / n,
            album_leak: self.leak / n,
            count: self.count,
        }
    }
}
