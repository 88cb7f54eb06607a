//! The three loss rhythms a trainer's chart can show, each backed by one real
//! run, and what that run's numbers say in words: a healthy run, a learning
//! rate too high, and a run trained on and on. No DOM here.

use crate::arc::percent;
use crate::widget_runs::{WidgetRun, quality};

/// One of the three rhythms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rhythm {
    /// Noisy dots, a trend that falls and flattens.
    Healthy,
    /// A fast start, then the trend climbs and thrashes.
    TooEager,
    /// The trend inches down for thousands of steps while the pictures drift
    /// toward the album.
    OnAndOn,
}

impl Rhythm {
    /// Every rhythm, in the order the widget offers them.
    pub const ALL: [Rhythm; 3] = [Rhythm::Healthy, Rhythm::TooEager, Rhythm::OnAndOn];

    /// The run that shows it (a folder under `assets/experiments/`).
    pub fn run(self) -> &'static str {
        match self {
            Rhythm::Healthy => "steps-1000",
            Rhythm::TooEager => "lr-frantic",
            Rhythm::OnAndOn => "arc-5000",
        }
    }

    /// Its name on the widget's control.
    pub fn label(self) -> &'static str {
        match self {
            Rhythm::Healthy => "Healthy",
            Rhythm::TooEager => "Learning rate too high",
            Rhythm::OnAndOn => "Trained on and on",
        }
    }

    /// What `run`'s curves show, a sentence or two per line.
    pub fn story(self, run: &WidgetRun) -> Vec<String> {
        let (start, end) = run.trend_ends();
        let (low_step, low) = run.lowest();
        let best = run.best();
        let last = run.end();
        match self {
            Rhythm::Healthy => {
                let (dot_low, dot_high) = run.loss_frame(1.0, 1.0).y;
                vec![
                    format!(
                        "Each dot is one step's loss: one picture and one random dose of noise, so the dots scatter between about {dot_low:.2} and {dot_high:.2}. \
                         The trend line through them starts at {start:.3} and ends at {end:.3}, with no climb anywhere: noisy, falling a little, then flat."
                    ),
                    format!(
                        "The judges, who see what the chart cannot, rated this run's pictures of new scenes best at step {} ({} quality) and at {} when it ended.",
                        best.step,
                        percent(quality(&best)),
                        percent(quality(&last)),
                    ),
                ]
            }
            Rhythm::TooEager => {
                let turn = run.blow_up().map_or_else(
                    || "It never turns back up.".to_owned(),
                    |step| {
                        format!(
                            "From step {step} it climbs, and it ends at {end:.3}, {:.0} times its low.",
                            f64::from(end / low)
                        )
                    },
                );
                vec![
                    format!(
                        "The trend settles at {low:.3} around step {low_step}. {turn} \
                         Big corrections overshoot, and each overshoot makes the next step's error bigger."
                    ),
                    format!(
                        "Quality on new scenes peaked at {} (step {}) and was {} at the end: the pictures broke along with the curve.",
                        percent(quality(&best)),
                        best.step,
                        percent(quality(&last)),
                    ),
                ]
            }
            Rhythm::OnAndOn => {
                let first = run.checkpoints[0];
                let likest = run
                    .checkpoints
                    .iter()
                    .max_by(|a, b| a.album_likeness.total_cmp(&b.album_likeness))
                    .copied()
                    .unwrap_or(last);
                vec![
                    format!(
                        "Over {} steps the trend keeps inching down, from {start:.3} to {end:.3}, with its low of {low:.3} at step {low_step}. \
                         Nothing on this curve says stop.",
                        run.knobs.steps
                    ),
                    format!(
                        "Meanwhile the pictures of new scenes drift toward the album: their album likeness went from {} before training to {} at step {} (dashed line). \
                         Their quality was best at step {} ({}) and ended at {}.",
                        percent(first.album_likeness),
                        percent(likest.album_likeness),
                        likest.step,
                        best.step,
                        percent(quality(&best)),
                        percent(quality(&last)),
                    ),
                ]
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::widget_runs::shipped;

    #[test]
    fn each_rhythm_tells_its_real_run() {
        let names: Vec<&str> = Rhythm::ALL.iter().map(|r| r.run()).collect();
        assert_eq!(names, ["steps-1000", "lr-frantic", "arc-5000"]);
        for rhythm in Rhythm::ALL {
            let run = shipped(rhythm.run()).expect("a shipped run");
            let story = rhythm.story(&run);
            assert_eq!(story.len(), 2, "{rhythm:?}");
            assert!(story.iter().all(|line| !line.contains("NaN")), "{story:?}");
        }
        let eager = shipped("lr-frantic").expect("frantic");
        let turn = eager.blow_up().expect("the frantic run climbs");
        assert!(Rhythm::TooEager.story(&eager)[0].contains(&format!("From step {turn} it climbs")));
        let long = shipped("arc-5000").expect("arc");
        assert!(Rhythm::OnAndOn.story(&long)[0].starts_with("Over 5000 steps"));
    }
}
