//! The base painter's entrance exam: does it paint the scene and the subject a
//! caption asks for, and does it *not* know the call word `TOK`?
//!
//! The exam asks for every scene with every generic subject kind (a colour drawn
//! per question, sunny light, normal framing, photo style), paints each caption
//! from fresh seeds and lets the judges grade the pictures. A second part asks
//! for `TOK` (the bare "a photo of TOK" and full album-style captions) and counts
//! how often the identity judge sees `TOK`: a base that has never seen the call
//! word should almost never paint it.

use burn::tensor::backend::Backend;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use super::paint::paint;
use crate::TrainerError;
use crate::judge::labels::scene_name;
use crate::judge::{Judges, SubjectKind};
use crate::model::Painter;
use crate::sample::SampleConfig;
use crate::world::{Facing, Framing, Light, Scene, SceneSpec, Style, Subject};

/// How the exam is set.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExamConfig {
    /// Pictures per (scene, subject kind) pair.
    pub per_pair: usize,
    /// Pictures for each of the two `TOK` prompts' families.
    pub tok_pictures: usize,
    /// Seed of the colours and of the start noise (use one no run trained with).
    pub seed: u64,
    /// Euler steps of the sampler.
    pub steps: usize,
    /// Classifier-free guidance.
    pub guidance: f32,
}

impl Default for ExamConfig {
    fn default() -> Self {
        Self {
            per_pair: 2,
            tok_pictures: 24,
            seed: 0x00E8_A000,
            steps: 20,
            guidance: 3.0,
        }
    }
}

/// One share, with what it was counted over.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Share {
    /// How many passed.
    pub hits: usize,
    /// Out of how many.
    pub count: usize,
}

impl Share {
    /// `hits / count`, 0 for an empty share.
    pub fn rate(&self) -> f64 {
        if self.count == 0 {
            0.0
        } else {
            self.hits as f64 / self.count as f64
        }
    }

    fn add(&mut self, hit: bool) {
        self.count += 1;
        self.hits += usize::from(hit);
    }
}

/// What the exam found.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ExamReport {
    /// Pictures whose scene the judges read as the caption's.
    pub scene: Share,
    /// Pictures whose subject kind the judges read as the caption's.
    pub subject: Share,
    /// "a photo of TOK" pictures the identity judge calls `TOK` (p > 0.5).
    pub tok_bare: Share,
    /// Full `TOK` captions ("a photo of TOK ceramic cat figurine sitting …")
    /// the identity judge calls `TOK`.
    pub tok_captioned: Share,
    /// Scene obedience per scene, by name.
    pub by_scene: Vec<(String, Share)>,
    /// Subject accuracy per kind, by name.
    pub by_kind: Vec<(String, Share)>,
    /// Subject accuracy per scene, by name: where the painter loses its
    /// subjects (exams written before this was counted have none).
    #[serde(default)]
    pub subject_by_scene: Vec<(String, Share)>,
}

impl ExamReport {
    /// One line for logs.
    pub fn line(&self) -> String {
        format!(
            "scene {:.1}%  subject {:.1}%  \"a photo of TOK\" seen as TOK {:.1}%  full TOK captions {:.1}%  ({} pictures)",
            100.0 * self.scene.rate(),
            100.0 * self.subject.rate(),
            100.0 * self.tok_bare.rate(),
            100.0 * self.tok_captioned.rate(),
            self.scene.count + self.tok_bare.count + self.tok_captioned.count
        )
    }
}

/// One question of the exam.
#[derive(Clone, Debug, PartialEq)]
pub struct Question {
    /// What is asked for.
    pub spec: SceneSpec,
    /// The caption painted.
    pub prompt: String,
    /// The start-noise seed.
    pub seed: u64,
}

/// The generic questions: every scene × every generic kind × `per_pair`.
pub fn questions(config: &ExamConfig) -> Vec<Question> {
    let mut rng = ChaCha8Rng::seed_from_u64(config.seed);
    let mut out = Vec::new();
    for scene in Scene::ALL {
        for kind in SubjectKind::ALL
            .into_iter()
            .filter(|k| *k != SubjectKind::Tok)
        {
            for _ in 0..config.per_pair {
                let subject = subject_of(kind, &mut rng);
                let spec = plain(subject, scene, &mut rng);
                out.push(Question {
                    prompt: spec.caption(),
                    spec,
                    seed: rng.random(),
                });
            }
        }
    }
    out
}

/// A generic subject of `kind`, its colour drawn.
fn subject_of(kind: SubjectKind, rng: &mut impl Rng) -> Subject {
    loop {
        let subject = Subject::random_generic(rng);
        if SubjectKind::of(subject) == kind {
            return subject;
        }
    }
}

fn plain(subject: Subject, scene: Scene, rng: &mut impl Rng) -> SceneSpec {
    SceneSpec {
        subject,
        scene,
        style: Style::Photo,
        light: Light::Sunny,
        facing: if rng.random_bool(0.5) {
            Facing::Left
        } else {
            Facing::Right
        },
        framing: Framing::Normal,
        variation: rng.random(),
    }
}

/// Sits the exam: paints every question and grades it.
pub fn sit<B: Backend>(
    painter: &Painter<B>,
    judges: &Judges<B>,
    config: &ExamConfig,
    mut progress: impl FnMut(usize, usize),
) -> Result<ExamReport, TrainerError> {
    let generic = questions(config);
    let mut rng = ChaCha8Rng::seed_from_u64(config.seed ^ 0x70C);
    let tok_full: Vec<Question> = (0..config.tok_pictures)
        .map(|_| {
            let spec = plain(Subject::Tok, Scene::ALL[rng.random_range(0..10)], &mut rng);
            Question {
                prompt: spec.caption(),
                spec,
                seed: rng.random(),
            }
        })
        .collect();
    let bare_seeds: Vec<u64> = (0..config.tok_pictures).map(|_| rng.random()).collect();
    let total = generic.len() + tok_full.len() + bare_seeds.len();
    let sampling = |seed| SampleConfig {
        steps: config.steps,
        guidance: config.guidance,
        seed,
    };
    let mut report = ExamReport {
        by_scene: Scene::ALL
            .map(|s| (scene_name(s).to_owned(), Share::default()))
            .to_vec(),
        by_kind: SubjectKind::ALL
            .iter()
            .filter(|k| **k != SubjectKind::Tok)
            .map(|k| (k.name().to_owned(), Share::default()))
            .collect(),
        subject_by_scene: Scene::ALL
            .map(|s| (scene_name(s).to_owned(), Share::default()))
            .to_vec(),
        ..ExamReport::default()
    };
    let mut done = 0;
    for question in &generic {
        let picture = paint(painter, &[], &question.prompt, sampling(question.seed))?;
        let verdict = judges.score(&[picture])?[0];
        let kind = SubjectKind::of(question.spec.subject);
        let scene_ok = verdict.scene == question.spec.scene;
        let kind_ok = verdict.subject == kind;
        report.scene.add(scene_ok);
        report.subject.add(kind_ok);
        if let Some((_, share)) = report
            .by_scene
            .iter_mut()
            .find(|(name, _)| name == scene_name(question.spec.scene))
        {
            share.add(scene_ok);
        }
        if let Some((_, share)) = report.by_kind.iter_mut().find(|(n, _)| n == kind.name()) {
            share.add(kind_ok);
        }
        if let Some((_, share)) = report
            .subject_by_scene
            .iter_mut()
            .find(|(name, _)| name == scene_name(question.spec.scene))
        {
            share.add(kind_ok);
        }
        done += 1;
        progress(done, total);
    }
    for question in &tok_full {
        let picture = paint(painter, &[], &question.prompt, sampling(question.seed))?;
        report
            .tok_captioned
            .add(judges.score(&[picture])?[0].tok_prob > 0.5);
        done += 1;
        progress(done, total);
    }
    for &seed in &bare_seeds {
        let picture = paint(painter, &[], "a photo of TOK", sampling(seed))?;
        report
            .tok_bare
            .add(judges.score(&[picture])?[0].tok_prob > 0.5);
        done += 1;
        progress(done, total);
    }
    Ok(report)
}
