//! Grading the judges on fixed held-out pictures, against the accuracy bars the
//! course relies on.
//!
//! Two sets: the judges' mix (subject kind, scene, style and `TOK` against
//! everything) and a figurines-only set, half `TOK`, for the hard question:
//! `TOK` or another ceramic cat? Each is graded clean and under
//! [`Augment::HARSH`](super::augment::Augment::HARSH).

use burn::tensor::backend::Backend;
use serde::{Deserialize, Serialize};

use super::augment::Augment;
use super::data::{Graded, Mix, held_out};
use super::judges::Judges;
use super::labels::SubjectKind;
use crate::TrainerError;

/// The bars: subject kind, `TOK` against other figurines, scene, style.
pub const BARS: Accuracy = Accuracy {
    subject: 0.97,
    tok_vs_figurines: 0.97,
    tok_vs_all: 0.97,
    scene: 0.95,
    style: 0.97,
};

/// Shares of pictures judged right.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Accuracy {
    /// Subject kind (9 kinds, `TOK` one of them), on the mixed set.
    pub subject: f32,
    /// `TOK` probability on the right side of ½, on the figurines set.
    pub tok_vs_figurines: f32,
    /// `TOK` probability on the right side of ½, on the mixed set.
    pub tok_vs_all: f32,
    /// Scene, on the mixed set.
    pub scene: f32,
    /// Style, on the mixed set.
    pub style: f32,
}

impl Accuracy {
    /// Each head that falls below `bars`, as `name: got < bar`.
    pub fn shortfalls(&self, bars: &Accuracy) -> Vec<String> {
        [
            ("subject kind", self.subject, bars.subject),
            (
                "TOK vs figurines",
                self.tok_vs_figurines,
                bars.tok_vs_figurines,
            ),
            ("TOK vs all", self.tok_vs_all, bars.tok_vs_all),
            ("scene", self.scene, bars.scene),
            ("style", self.style, bars.style),
        ]
        .into_iter()
        .filter(|(_, got, bar)| got < bar)
        .map(|(name, got, bar)| format!("{name}: {:.1}% < {:.1}%", 100.0 * got, 100.0 * bar))
        .collect()
    }

    /// One line for logs.
    pub fn line(&self) -> String {
        format!(
            "subject {:.1}%  TOK/figurines {:.1}%  TOK/all {:.1}%  scene {:.1}%  style {:.1}%",
            100.0 * self.subject,
            100.0 * self.tok_vs_figurines,
            100.0 * self.tok_vs_all,
            100.0 * self.scene,
            100.0 * self.style
        )
    }
}

/// A fixed held-out grading set.
#[derive(Clone, Debug)]
pub struct GradingSet {
    /// The judges' mix.
    pub mixed: Vec<Graded>,
    /// Figurines only, half `TOK`.
    pub figurines: Vec<Graded>,
}

impl GradingSet {
    /// `mixed` + `figurines` pictures of held-out set `index`, clean or damaged
    /// by `degrade`.
    pub fn new(
        index: u64,
        mixed: usize,
        figurines: usize,
        degrade: Option<Augment>,
    ) -> Result<Self, TrainerError> {
        Ok(Self {
            mixed: held_out(Mix::Judges, index, mixed, degrade)?,
            figurines: held_out(Mix::Figurines, index, figurines, degrade)?,
        })
    }
}

/// Grades `judges` on `set`.
pub fn grade<B: Backend>(judges: &Judges<B>, set: &GradingSet) -> Accuracy {
    let share = |right: usize, n: usize| right as f32 / n.max(1) as f32;
    let planes = |g: &[Graded]| g.iter().map(|g| g.planes.clone()).collect::<Vec<_>>();
    let mixed = judges.verdicts(&judges.scores(&planes(&set.mixed)));
    let figurines = judges.verdicts(&judges.scores(&planes(&set.figurines)));
    let count = |f: &dyn Fn(usize) -> bool, n: usize| (0..n).filter(|&i| f(i)).count();
    let m = set.mixed.len();
    let truth = |i: usize| set.mixed[i].labels;
    use super::labels::{kind_index, scene_index, style_index};
    Accuracy {
        subject: share(
            count(&|i| kind_index(mixed[i].subject) == truth(i).kind, m),
            m,
        ),
        tok_vs_all: share(count(&|i| (mixed[i].tok_prob > 0.5) == truth(i).tok, m), m),
        scene: share(
            count(&|i| scene_index(mixed[i].scene) == truth(i).scene, m),
            m,
        ),
        style: share(
            count(&|i| style_index(mixed[i].style) == truth(i).style, m),
            m,
        ),
        tok_vs_figurines: share(
            count(
                &|i| (figurines[i].tok_prob > 0.5) == set.figurines[i].labels.tok,
                set.figurines.len(),
            ),
            set.figurines.len(),
        ),
    }
}

/// The raw `TOK` logits and labels of both parts of `set`, for calibration.
pub fn tok_logits<B: Backend>(judges: &Judges<B>, set: &GradingSet) -> (Vec<f32>, Vec<bool>) {
    let mut logits = Vec::new();
    let mut labels = Vec::new();
    for part in [&set.mixed, &set.figurines] {
        let planes: Vec<Vec<f32>> = part.iter().map(|g| g.planes.clone()).collect();
        logits.extend(judges.scores(&planes).tok_logit);
        labels.extend(part.iter().map(|g| g.labels.tok));
    }
    (logits, labels)
}

/// Subject-kind accuracy on `set.mixed` split by framing, by style and by style
/// among far-away framings, as `(condition, right, count)`: where the judges are
/// weakest.
pub fn subject_breakdown<B: Backend>(
    judges: &Judges<B>,
    set: &GradingSet,
) -> Vec<(String, usize, usize)> {
    use super::labels::{kind_index, style_name};
    use crate::world::{Framing, Style};
    let planes: Vec<Vec<f32>> = set.mixed.iter().map(|g| g.planes.clone()).collect();
    let verdicts = judges.verdicts(&judges.scores(&planes));
    let mut rows = Vec::new();
    let mut tally = |name: String, keep: &dyn Fn(&Graded) -> bool| {
        let (mut right, mut count) = (0, 0);
        for (g, v) in set.mixed.iter().zip(&verdicts) {
            if keep(g) {
                count += 1;
                right += usize::from(kind_index(v.subject) == g.labels.kind);
            }
        }
        rows.push((name, right, count));
    };
    for framing in Framing::ALL {
        tally(format!("framing {framing:?}"), &|g| {
            g.spec.framing == framing
        });
    }
    for style in Style::ALL {
        tally(format!("style {}", style_name(style)), &|g| {
            g.spec.style == style
        });
    }
    // Far-away subjects are the smallest; each style keeps them differently.
    for style in Style::ALL {
        tally(format!("far-away {}", style_name(style)), &|g| {
            g.spec.style == style && g.spec.framing == Framing::FarAway
        });
    }
    rows
}

/// The subject kinds the judges confuse most on `set.mixed`, as
/// `(true kind, judged kind, count)`, most frequent first.
pub fn subject_confusions<B: Backend>(
    judges: &Judges<B>,
    set: &GradingSet,
) -> Vec<(SubjectKind, SubjectKind, usize)> {
    use super::labels::kind_index;
    let planes: Vec<Vec<f32>> = set.mixed.iter().map(|g| g.planes.clone()).collect();
    let verdicts = judges.verdicts(&judges.scores(&planes));
    let mut counts = std::collections::BTreeMap::new();
    for (g, v) in set.mixed.iter().zip(&verdicts) {
        let judged = kind_index(v.subject);
        if judged != g.labels.kind {
            *counts.entry((g.labels.kind, judged)).or_insert(0) += 1;
        }
    }
    let mut out: Vec<(SubjectKind, SubjectKind, usize)> = counts
        .into_iter()
        .map(|((truth, judged), n)| (SubjectKind::ALL[truth], SubjectKind::ALL[judged], n))
        .collect();
    out.sort_by_key(|entry| std::cmp::Reverse(entry.2));
    out
}
