//! The course's experiments as data: every run `cargo xtask experiments` makes,
//! with the knobs that differ from the miniature bench's defaults.
//!
//! The defaults below stand for the bench's "default" setting, calibrated on the
//! shipped base painter (issue 5) with `tok-20`, rank 16 on every layer, batch 1,
//! 5000 steps, probes every 250 (`trainer train … --probe-seeds 2`):
//!
//! | ours | unseen identity | after that | plays the real trainers' |
//! |---|---|---|---|
//! | 6e-4 | (not run to 5000) | | "1e-5, timid" |
//! | 1e-3 | 0.34 at 1000, 0.5 by 1250-2000 | a slow climb to 0.6-0.7 | |
//! | 2e-3 | 0.41 at 750, 0.55 by 1750 | 0.6-0.75 from 2500 | |
//! | **3e-3** | 0.62 at 750, 0.6-0.7 from 1250 | a noisy plateau to 5000 | "5e-5, default" |
//! | 4e-3 | 0.70 at 750 | falls to 0.5 by 3250, then the run blows up | |
//! | 8e-3 | (the game's ×4 round) | unseen obedience gone by 700 | "2e-4, frantic" |
//!
//! Five seeds of the default to 1500 steps (probes every 150, four probe
//! seeds): the mean identity on unseen prompts reaches 90 % of its peak at step
//! 750 and hovers at 0.36-0.46 after; single seeds reach it anywhere from 450
//! to 1350 (the report's seed section).
//!
//! The real trainers' timid : default : frantic is 1 : 5 : 20; ours is
//! 1 : 5 : 13, because a rate 1.3× the default already diverges late in a run of
//! this tiny painter. With good captions (every album caption names its scene) no
//! rate up to 3e-3 leaked the windowsill into unseen scenes or cost them
//! obedience within 5000 steps; the album-leak feature score rose slowly. Nor did
//! batch 4 at 3e-3 (tried to 4000 steps: unseen obedience stayed 1.0, though the
//! bicycle visibly dissolved into the park's hedge, which the scene judge still
//! reads as the bicycle scene). With captions of the call word alone
//! (`tok-trigger-only-20`) the default run memorises (batch 4 got there by step
//! 1000-1500). The course's learning arc is that run, `arc-trigger-only`, beside
//! `arc-5000`. Change these only together with the findings report.
//!
//! **Both arcs keep a moving average of the bracelet** ([`ARC_EMA`], `trainer
//! train --ema`; every checkpoint holds the average). Made from the bracelet as
//! trained, the arcs' curves jumped from checkpoint to checkpoint (identity on
//! unseen prompts 0.10 → 0.50 → 0.49 → 0.22 a hundred steps apart) and neither
//! put TOK on the bicycle at a healthy checkpoint: `arc-trigger-only` peaked at
//! 0.15 there (best quality 0.61 at step 2250; obedience below 75 % from 2500,
//! windowsill in a quarter from 3250), `arc-5000` at 0.26. Averaged, the
//! full-caption arc holds a plateau from step 800-900 (identity 0.53-0.58, then
//! 0.55-0.75 to the end) and the call-word arc shows every age, the healthy
//! bicycle included: best quality 0.76 at step 3250 with TOK on the bicycle
//! (0.75, on a bicycle 0.75, no windowsill), obedience below 75 % from step
//! 3500, the windowsill in a quarter of unseen pictures from step 4500. The
//! other runs stay as trained, so that their settings are the bench's.
//!
//! Tried before the average, for the bicycle (`trainer train` on `tok-20` at
//! seed 1, batch 1, probes of four seeds every 250 steps; work folders not
//! kept): attention-only bracelets (3000 steps: bicycle 0.00 throughout, other
//! prompts worse too); sampling at guidance 1, 1.5 and 2 and with 50 steps (the
//! bicycle still breaks up into speckle); a close-up (a white rider on visible
//! wheels at step 1000, messier later); practising low noise levels
//! (`--noise-bias low-noise`, 3000 steps: bicycle 0.00-0.01). The painter is
//! not what fails: the base's exam reads the right subject kind on 94 % of its
//! bicycle pictures (`trainer exam`, subject kind by scene). With full captions
//! the averaged bracelet still never puts TOK on the bicycle (0.16 at best).
//!
//! What the report's last section still says is not shown: **the frantic
//! pattern** (windowsill fine, unseen prompts clearly worse). At 8e-3 both
//! families fall apart together by step 800; on the call-word album 5e-3 loses
//! the windowsill's identity as early as the unseen prompts'.
//!
//! Looked for again, each try one run of
//! `trainer train --base assets/base/tiny.safetensors --album
//! assets/albums/tok-20.zip --steps 1000 --learning-rate R --rank 16 --targets
//! all --batch-size 1 --seed 1 --precision f16 --checkpoint-every 100
//! --validation-every 100 --probe-judges assets/judges/judges.safetensors
//! --probe-seeds 4 --out DIR` with the change the table names (the call-word
//! album is `tok-trigger-only-20.zip`; work folders not kept). Our painter has
//! no frantic band: a run is healthy up to a rate and diverges above it, the
//! loss jumping from about 0.12 to about 1.0 within a hundred steps.
//!
//! | try | what happened |
//! |---|---|
//! | 8e-3, `--warmup 200` | diverged at step 300 (earlier than without) |
//! | 8e-3, `--ema 0.995` | diverged at step 900 |
//! | 8e-3, `--timesteps uniform` / `--timesteps shift` | diverged at step 500 / 700 |
//! | 8e-3, `--noise-bias low-noise` | no divergence, but nothing learnt (identity ≤ 0.13) |
//! | 8e-3, every layer but `to_q`/`to_k` (a throwaway build: no flag picks that) | diverged at step 900: not attention logits |
//! | 5e-3 | diverged at step 900 (windowsill identity 0.74 at 800) |
//! | 4e-3, `--ema 0.995`, 3000 steps | healthy throughout: windowsill 1.00, unseen 0.45-0.69 |
//! | `--batch-size 4`: 3e-3 / 8e-3 | healthy (unseen identity 0.50 / 0.74 at 1000) |
//! | `--batch-size 4`: 1.6e-2 / 3e-2 | diverged at step 300 / 100 |
//! | `--rank 4`: 8e-3 vs 3e-3 | no divergence, but at step 1000 windowsill 0.48 vs 1.00 and unseen 0.15 vs 0.32: both worse |
//! | call-word album, `--ema 0.995`: 6e-3, 1500 steps | loss stuck near 0.2, windowsill identity ≤ 0.50 |
//! | call-word album, `--ema 0.995`: 4e-3, 3000 steps | memorises earlier than the arc (obedience 0.69 at 2750, not 3500) |
//! | call-word album, `--batch-size 4`: 8e-3 vs 3e-3 | both memorise by step 600-700 |
//!
//! Gradient noise sets where the cliff is (batch 4 moves it from 4e-3–5e-3 to
//! 8e-3–1.6e-2); below it the full-caption album never costs unseen prompts
//! their scene. On the call-word album, where runs memorise, the judges read
//! the windowsill's TOK poorly at every rate (identity 0.0-0.7), so "the
//! windowsill still looks fine" cannot be measured. Next: the painter itself.

/// The bench's default learning rate (plays the real trainers' "5e-5 default").
pub(crate) const DEFAULT_LR: &str = "3e-3";
/// The timid learning rate (plays "1e-5").
pub(crate) const TIMID_LR: &str = "6e-4";
/// The frantic learning rate (plays "2e-4 and above").
pub(crate) const FRANTIC_LR: &str = "8e-3";
/// The fried learning rate (far past frantic).
pub(crate) const FRIED_LR: &str = "3e-2";
/// The edit bracelet's learning rate.
///
/// Its pictures come out in 4×4-pixel tiles, each with its own tint (the
/// sketch enters the painter patch by patch, added to each patch's token).
/// Tried against that, each the kept run's command (`cargo xtask experiments
/// --list`) with one change, 3000 steps unless said (end of run: error to the
/// true painting, right scene of 12): a moving
/// average 0.995 (0.162, 8; the run as kept: 0.170, 7); the average at 2e-3
/// (0.155, 5); the average with balanced noise levels instead of leaning to
/// high noise (0.164, 5); the average for 6000 steps (flat from step 2400,
/// 0.175 and 6 at the end). None removed the tiles. Nor did a change to the
/// painter, tried in a throwaway build: the sketch's patches, embedded as
/// the painter embeds its own, joining the caption as keys every block reads
/// (as Kontext-style editors read their reference). Read that way alone the
/// pictures come out whole, with no tiles, but the bracelet learns the 15
/// pairs by heart (training loss 0.013) and on unseen sketches the error is
/// 0.293, worse than the instruction alone (0.271); read both ways the error
/// is 0.151 and the lines 0.222 (the run as kept: 0.246), and the tiles are
/// back. So the run stays as it is.
pub(crate) const EDIT_LR: &str = "1e-3";
/// The one instruction an edit bracelet trains on in place of every pair's
/// caption (`trainer train --instruction`). With each painting's full caption
/// the bracelet barely read the sketch (the caption already said what to
/// paint: error to the true painting 0.071 → 0.061, lines no closer); with the
/// bare instruction it must, and on unseen sketches the error fell from 0.27
/// to 0.17 and the right scene rose from 8 % to 58 % in 3000 steps.
pub(crate) const EDIT_INSTRUCTION: &str = "a painting";
/// The default rank.
pub(crate) const DEFAULT_RANK: &str = "16";
/// The layers that wear the bracelet: attention and MLP of every block.
pub(crate) const TARGETS: &str = "all";
/// Pictures per step.
pub(crate) const BATCH: &str = "1";
/// The seed every run uses unless it says otherwise.
pub(crate) const SEED: &str = "1";

/// What a run's album teaches, which decides how it is trained and probed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// `TOK`: probed by the judges on the fixed probe set.
    Subject,
    /// `TOKSTYLE`: no subject tricks; no probe.
    Style,
    /// Sketch → painting pairs: tried on unseen sketches at every checkpoint.
    Edit,
}

/// One training run of the plan.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Planned {
    /// Folder name under `assets/experiments/`.
    pub(crate) name: &'static str,
    /// What the run shows, for the report.
    pub(crate) question: &'static str,
    /// Album file under `assets/albums/`.
    pub(crate) album: &'static str,
    /// Optimiser updates.
    pub(crate) steps: u32,
    /// Steps between checkpoints (each one probed by the judges).
    pub(crate) checkpoint_every: u32,
    /// Learning rate.
    pub(crate) learning_rate: &'static str,
    /// LoRA rank.
    pub(crate) rank: &'static str,
    /// What the album teaches.
    pub(crate) kind: Kind,
    /// Steps between the LoRA checkpoints kept beside the final LoRA (0: none).
    /// Only `arc-5000` keeps any (300 KB each; every log holds every
    /// checkpoint's numbers), which keeps the repository's assets under 40 MB.
    pub(crate) keep_every: u32,
    /// The training seed (album order, noise, timesteps, the bracelet's start).
    pub(crate) seed: &'static str,
    /// Decay of the bracelet's moving average (`trainer train --ema`), which
    /// every checkpoint and the final file then hold; `None`: the bracelet as
    /// trained.
    pub(crate) ema: Option<&'static str>,
}

impl Planned {
    /// The settings that make this run what it is, as one line for its
    /// [`crate::run_inputs::Inputs`]: change one and the kept run is stale.
    pub(crate) fn settings(&self) -> String {
        format!(
            "{:?} steps {} every {} lr {} rank {} targets {TARGETS} batch {BATCH} seed {} ema {}",
            self.kind,
            self.steps,
            self.checkpoint_every,
            self.learning_rate,
            self.rank,
            self.seed,
            self.ema.unwrap_or("none"),
        )
    }
}

const fn run(name: &'static str, question: &'static str, steps: u32) -> Planned {
    Planned {
        name,
        question,
        album: "tok-20.zip",
        steps,
        checkpoint_every: if steps >= 1000 { steps / 10 } else { steps },
        learning_rate: DEFAULT_LR,
        rank: DEFAULT_RANK,
        kind: Kind::Subject,
        keep_every: 0,
        seed: SEED,
        ema: None,
    }
}

/// The same run from another seed.
const fn seeded(mut planned: Planned, seed: &'static str) -> Planned {
    planned.seed = seed;
    planned
}

const fn with_lr(mut planned: Planned, learning_rate: &'static str) -> Planned {
    planned.learning_rate = learning_rate;
    planned
}

const fn with_rank(mut planned: Planned, rank: &'static str) -> Planned {
    planned.rank = rank;
    planned
}

const fn on(mut planned: Planned, album: &'static str) -> Planned {
    planned.album = album;
    planned
}

/// The learning arcs' moving average of the bracelet.
pub(crate) const ARC_EMA: &str = "0.995";

/// The same run, measured and saved as the bracelet's moving average.
const fn averaged(mut planned: Planned) -> Planned {
    planned.ema = Some(ARC_EMA);
    planned
}

/// Checkpoints every `steps`, each `keep`-th step's LoRA kept.
const fn every(mut planned: Planned, steps: u32, keep: u32) -> Planned {
    planned.checkpoint_every = steps;
    planned.keep_every = keep;
    planned
}

const fn style(mut planned: Planned) -> Planned {
    planned.kind = Kind::Style;
    planned
}

const fn edit(mut planned: Planned) -> Planned {
    planned.kind = Kind::Edit;
    planned
}

/// Every run, in the order they are made.
pub(crate) const PLAN: &[Planned] = &[
    averaged(every(
        run(
            "arc-5000",
            "the learning arc: the four ages of one run",
            5000,
        ),
        100,
        500,
    )),
    // The same run on the album whose captions are the call word alone: with
    // nothing in the captions to hold the windowsill, it is the run that shows
    // memorisation within 5000 steps.
    averaged(every(
        on(
            run(
                "arc-trigger-only",
                "the learning arc with the call word alone",
                5000,
            ),
            "tok-trigger-only-20.zip",
        ),
        250,
        0,
    )),
    run("steps-300", "too early", 300),
    run("steps-500", "on the way", 500),
    run("steps-1000", "about right", 1000),
    run("steps-1500", "saturation", 1500),
    // The default run again from four more seeds: how much of a curve is the
    // setting and how much is luck (the calibration's plateau is read from
    // all five).
    seeded(run("steps-1500-seed-2", "saturation, seed 2", 1500), "2"),
    seeded(run("steps-1500-seed-3", "saturation, seed 3", 1500), "3"),
    seeded(run("steps-1500-seed-4", "saturation, seed 4", 1500), "4"),
    seeded(run("steps-1500-seed-5", "saturation, seed 5", 1500), "5"),
    run("steps-2500", "memorisation begins", 2500),
    with_lr(run("lr-timid", "timid learning rate", 1000), TIMID_LR),
    with_lr(run("lr-frantic", "frantic learning rate", 1000), FRANTIC_LR),
    with_lr(run("lr-fried", "fried: far too high", 1000), FRIED_LR),
    with_rank(run("rank-4", "a thin bracelet", 1000), "4"),
    with_rank(run("rank-64", "a thick bracelet", 1000), "64"),
    on(
        run("album-8", "8 photos: 125 looks each", 1000),
        "tok-8.zip",
    ),
    on(
        run("album-40", "40 photos: 25 looks each", 1000),
        "tok-40.zip",
    ),
    on(
        run("captions-trigger-only", "the call word alone", 1000),
        "tok-trigger-only-20.zip",
    ),
    on(
        run("captions-no-trigger", "no call word", 1000),
        "tok-no-trigger-20.zip",
    ),
    style(on(
        run("style-tokstyle", "the TOKSTYLE style LoRA", 1000),
        "tokstyle-30.zip",
    )),
    // An edit bracelet trains at a third of the default rate (faster made its
    // pictures noisy in trial runs), leans to high noise, where composition is
    // decided, and learns one instruction in place of the captions.
    edit(with_lr(
        on(
            run(
                "edit-sketch",
                "sketch to painting, tried on sketches it never saw",
                3000,
            ),
            "edit-15.zip",
        ),
        EDIT_LR,
    )),
];

/// The comparisons the report draws, each a list of runs. Runs with the
/// defaults are shared (`steps-1000` is the default learning rate, rank,
/// album and captions), so no run is made twice.
pub(crate) const COMPARISONS: &[(&str, &[&str])] = &[
    (
        "steps",
        &[
            "steps-300",
            "steps-500",
            "steps-1000",
            "steps-1500",
            "steps-2500",
        ],
    ),
    (
        "learning rate",
        &["lr-timid", "steps-1000", "lr-frantic", "lr-fried"],
    ),
    ("rank", &["rank-4", "steps-1000", "rank-64"]),
    (
        "seeds",
        &[
            "steps-1500",
            "steps-1500-seed-2",
            "steps-1500-seed-3",
            "steps-1500-seed-4",
            "steps-1500-seed-5",
        ],
    ),
    ("album size", &["album-8", "steps-1000", "album-40"]),
    (
        "captions",
        &["steps-1000", "captions-trigger-only", "captions-no-trigger"],
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_checkpoints_divide_the_steps() {
        let mut names: Vec<&str> = PLAN.iter().map(|p| p.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), PLAN.len());
        for planned in PLAN {
            assert!(
                planned.steps.is_multiple_of(planned.checkpoint_every),
                "{}",
                planned.name
            );
        }
        for (what, runs) in COMPARISONS {
            for name in *runs {
                assert!(names.contains(name), "{what}: no run {name}");
            }
        }
    }
}
