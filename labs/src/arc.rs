//! The learning arc's data: every checkpoint of one real run, as the judges
//! measured it, and what the widget says about each.
//!
//! The run is `arc-trigger-only`: the default run on the album whose captions
//! are the call word alone, the one that reaches memorisation within its 5000
//! steps (the same run with full captions, `arc-5000`, never leaked; chapter 4
//! says both). The numbers come from `assets/experiments/arc-trigger-only/arc.json`, written by
//! `cargo xtask experiments report` from the run's log, and are compiled in (a
//! few kilobytes), so the widget renders real numbers on the server and needs no
//! download but its pictures: one probe sheet per checkpoint, served from
//! `/assets/experiments/arc-trigger-only/samples/`.

use serde::Deserialize;

/// The run's summary, as the report writes it.
const ARC_JSON: &str = include_str!("../../assets/experiments/arc-trigger-only/arc.json");

/// The same run with captions that name the scene (`arc-5000`).
const FULL_CAPTIONS_JSON: &str = include_str!("../../assets/experiments/arc-5000/arc.json");

/// One checkpoint of the run.
#[derive(Clone, Copy, Debug, PartialEq, Deserialize)]
pub struct ArcPoint {
    /// Training step.
    pub step: u32,
    /// On prompts the album never showed: the judges' probability that the
    /// pictures show `TOK`, averaged.
    pub identity: f64,
    /// On those prompts: the share of pictures in the scene the prompt asked for.
    pub obedience: f64,
    /// On those prompts: the share of pictures the judges read as the album's
    /// windowsill instead.
    pub windowsill_leak: f64,
    /// On unseen prompts: how close the pictures sit to the album's in the
    /// judges' feature space (the album-leak score; it rises as a run copies).
    pub album_likeness: f64,
    /// On the windowsill prompt (the album's own scene): identity.
    pub album_identity: f64,
    /// The bicycle prompt alone ("TOK riding a bicycle").
    pub bicycle: SceneScore,
}

/// The judges' numbers on one probe prompt.
#[derive(Clone, Copy, Debug, PartialEq, Deserialize)]
pub struct SceneScore {
    /// Probability that the pictures show `TOK`, averaged.
    pub identity: f64,
    /// Share of pictures in the scene the prompt asked for.
    pub obedience: f64,
    /// Share of pictures read as the album's windowsill instead.
    pub windowsill_leak: f64,
}

/// A real run's knobs, which every run widget prints under its figure.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct RunKnobs {
    /// Its folder under `assets/experiments/`.
    pub run: String,
    /// The album it trained on.
    pub album: String,
    /// Learning rate, as written on the command line.
    pub learning_rate: String,
    /// LoRA rank.
    pub rank: String,
    /// Training seed.
    pub seed: String,
    /// Steps in the run.
    pub steps: u32,
    /// Decay of the moving average of the bracelet that its checkpoints hold,
    /// if the run kept one.
    #[serde(default)]
    pub ema: Option<String>,
}

impl RunKnobs {
    /// Where a figure from this run comes from, in one sentence.
    pub fn provenance(&self) -> String {
        let average = self
            .ema
            .as_ref()
            .map(|decay| format!(", moving average {decay}"))
            .unwrap_or_default();
        format!(
            "Real run {}: album {}, learning rate {}, rank {}, seed {}, {} steps{average}.",
            self.run,
            self.album.trim_end_matches(".zip"),
            self.learning_rate,
            self.rank,
            self.seed,
            self.steps
        )
    }

    /// Where checkpoint `step`'s probe sheet is served.
    pub fn sheet_url(&self, step: u32) -> String {
        format!(
            "/assets/experiments/{}/samples/probe-{step:06}.png",
            self.run
        )
    }
}

/// The run: its knobs and its checkpoints in step order.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct ArcRun {
    /// What the run was.
    #[serde(flatten)]
    pub knobs: RunKnobs,
    /// Every checkpoint, in step order.
    pub points: Vec<ArcPoint>,
}

/// The shipped run, or why it cannot be read.
pub fn shipped() -> Result<ArcRun, String> {
    parse(ARC_JSON)
}

/// Both shipped arcs with the words a reader chooses each by: the call word
/// alone first (the course's arc), then the captions that name the scene.
pub fn shipped_both() -> Result<[(&'static str, ArcRun); 2], String> {
    Ok([
        (
            "The call word alone: \u{201c}a photo of TOK\u{201d}",
            shipped()?,
        ),
        (
            "A sentence that names the scene",
            parse(FULL_CAPTIONS_JSON)?,
        ),
    ])
}

/// Reads a summary and checks what the widget relies on.
pub fn parse(json: &str) -> Result<ArcRun, String> {
    let run: ArcRun =
        serde_json::from_str(json).map_err(|e| format!("the learning arc's data: {e}"))?;
    if run.points.is_empty() {
        return Err("the learning arc has no checkpoints".into());
    }
    if run.points.windows(2).any(|w| w[0].step >= w[1].step) {
        return Err("the learning arc's checkpoints are not in step order".into());
    }
    Ok(run)
}

impl ArcRun {
    /// Where checkpoint `step`'s probe sheet is served.
    pub fn sheet_url(&self, step: u32) -> String {
        self.knobs.sheet_url(step)
    }

    /// Where the figure comes from, and which checkpoint it shows.
    pub fn provenance(&self, step: u32) -> String {
        format!("{} Showing step {step}.", self.knobs.provenance())
    }

    /// The checkpoint where identity × obedience on unseen prompts is highest.
    pub fn best(&self) -> usize {
        let quality = |p: &ArcPoint| p.identity * p.obedience;
        (0..self.points.len())
            .max_by(|&a, &b| quality(&self.points[a]).total_cmp(&quality(&self.points[b])))
            .unwrap_or(0)
    }
}

/// What an identity number means, in words.
pub fn identity_words(identity: f64) -> &'static str {
    match identity {
        v if v < 0.15 => "not TOK yet",
        v if v < 0.4 => "a hint of TOK",
        v if v < 0.65 => "often TOK",
        _ => "TOK, clearly",
    }
}

/// What an obedience number means, in words.
pub fn obedience_words(obedience: f64) -> &'static str {
    match obedience {
        v if v >= 0.95 => "every scene as asked",
        v if v >= 0.75 => "most scenes as asked",
        v if v >= 0.4 => "the scene often lost",
        _ => "the prompt ignored",
    }
}

/// A share as a percentage for screen readers and the page.
pub fn percent(share: f64) -> String {
    format!("{:.0} %", 100.0 * share.clamp(0.0, 1.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_arc_is_a_whole_real_run() {
        let run = shipped().expect("the shipped arc reads");
        assert_eq!(run.points.first().map(|p| p.step), Some(0));
        assert_eq!(run.points.last().map(|p| p.step), Some(run.knobs.steps));
        for p in &run.points {
            let b = p.bicycle;
            for v in [
                p.identity,
                p.obedience,
                p.windowsill_leak,
                p.album_identity,
                b.identity,
                b.obedience,
                b.windowsill_leak,
            ] {
                assert!((0.0..=1.0).contains(&v), "step {}: {v}", p.step);
            }
        }
        // Before any training the painter does not know TOK.
        assert!(run.points[0].identity < 0.1);
        assert!(run.best() > 0);
    }

    #[test]
    fn both_arcs_are_the_same_run_on_two_captionings() {
        let [(_, bare), (_, full)] = shipped_both().expect("both arcs read");
        assert_eq!(bare.knobs.run, "arc-trigger-only");
        assert_eq!(full.knobs.run, "arc-5000");
        assert_eq!(bare.knobs.steps, full.knobs.steps);
        assert_eq!(bare.knobs.learning_rate, full.knobs.learning_rate);
        assert_eq!(bare.knobs.seed, full.knobs.seed);
        assert_eq!(bare.knobs.ema, full.knobs.ema);
        assert_ne!(bare.knobs.album, full.knobs.album);
    }

    #[test]
    fn urls_provenance_and_words() {
        let run = parse(
            r#"{"run":"arc-5000","album":"tok-20.zip","learning_rate":"3e-3","rank":"16","seed":"1","steps":200,
                "points":[{"step":0,"identity":0.0,"obedience":1.0,"windowsill_leak":0.0,"album_likeness":0.1,"album_identity":0.0,"bicycle":{"identity":0.0,"obedience":1.0,"windowsill_leak":0.0}},
                          {"step":100,"identity":0.7,"obedience":0.9,"windowsill_leak":0.0,"album_likeness":0.2,"album_identity":1.0,"bicycle":{"identity":0.5,"obedience":1.0,"windowsill_leak":0.0}},
                          {"step":200,"identity":0.9,"obedience":0.2,"windowsill_leak":0.6,"album_likeness":0.6,"album_identity":1.0,"bicycle":{"identity":0.1,"obedience":0.0,"windowsill_leak":1.0}}]}"#,
        )
        .expect("parses");
        assert_eq!(run.best(), 1);
        assert_eq!(
            run.sheet_url(100),
            "/assets/experiments/arc-5000/samples/probe-000100.png"
        );
        assert_eq!(
            run.provenance(100),
            "Real run arc-5000: album tok-20, learning rate 3e-3, rank 16, seed 1, 200 steps. Showing step 100."
        );
        let averaged = RunKnobs {
            ema: Some("0.995".into()),
            ..run.knobs.clone()
        };
        assert!(
            averaged
                .provenance()
                .ends_with("200 steps, moving average 0.995."),
            "{}",
            averaged.provenance()
        );
        assert_eq!(identity_words(0.05), "not TOK yet");
        assert_eq!(identity_words(0.8), "TOK, clearly");
        assert_eq!(obedience_words(1.0), "every scene as asked");
        assert_eq!(obedience_words(0.1), "the prompt ignored");
        assert_eq!(percent(0.62), "62 %");
        assert!(parse(r#"{"run":"x","album":"a","learning_rate":"1","rank":"1","seed":"1","steps":1,"points":[]}"#).is_err());
    }
}
