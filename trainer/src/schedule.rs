//! Learning-rate schedules as pure functions of the step.

use serde::{Deserialize, Serialize};

/// The shape of the learning rate over a run.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum Scheduler {
    /// The same rate at every step (after warm-up).
    Constant,
    /// Half a cosine from the full rate down to `min_ratio` × rate at the last step.
    Cosine {
        /// Where the curve ends, as a fraction of the full rate.
        min_ratio: f64,
    },
    /// `cycles` cosines in a row, each restarting at the full rate.
    CosineWithRestarts {
        /// How many cosines fit in the run.
        cycles: u32,
        /// Where each cosine ends, as a fraction of the full rate.
        min_ratio: f64,
    },
}

/// A schedule: peak rate, shape, warm-up and run length.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Schedule {
    /// The rate the schedule is built around.
    pub peak: f64,
    /// The shape after warm-up.
    pub scheduler: Scheduler,
    /// Steps of linear ramp from 0 up to the peak.
    pub warmup: u32,
    /// Total steps in the run.
    pub steps: u32,
}

impl Schedule {
    /// The learning rate for step `step` (0-based).
    pub fn at(&self, step: u32) -> f64 {
        if step < self.warmup {
            return self.peak * f64::from(step + 1) / f64::from(self.warmup + 1);
        }
        let span = self.steps.saturating_sub(self.warmup).max(1);
        let progress = f64::from(step - self.warmup) / f64::from(span);
        let cosine = |p: f64, min_ratio: f64| {
            let p = p.clamp(0.0, 1.0);
            self.peak
                * (min_ratio + (1.0 - min_ratio) * 0.5 * (1.0 + (std::f64::consts::PI * p).cos()))
        };
        match self.scheduler {
            Scheduler::Constant => self.peak,
            Scheduler::Cosine { min_ratio } => cosine(progress, min_ratio),
            Scheduler::CosineWithRestarts { cycles, min_ratio } => {
                let cycles = f64::from(cycles.max(1));
                cosine((progress * cycles).fract(), min_ratio)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-12
    }

    #[test]
    fn values_at_known_steps() {
        let constant = Schedule {
            peak: 1e-4,
            scheduler: Scheduler::Constant,
            warmup: 0,
            steps: 1000,
        };
        assert!(close(constant.at(0), 1e-4) && close(constant.at(999), 1e-4));

        let cosine = Schedule {
            peak: 1e-4,
            scheduler: Scheduler::Cosine { min_ratio: 0.0 },
            warmup: 0,
            steps: 1000,
        };
        assert!(close(cosine.at(0), 1e-4));
        assert!(
            close(cosine.at(500), 0.5e-4),
            "half way is half the rate: {}",
            cosine.at(500)
        );
        assert!(close(cosine.at(1000), 0.0));

        let restarts = Schedule {
            peak: 2e-4,
            scheduler: Scheduler::CosineWithRestarts {
                cycles: 2,
                min_ratio: 0.1,
            },
            warmup: 0,
            steps: 1000,
        };
        assert!(close(restarts.at(0), 2e-4));
        assert!(
            close(restarts.at(250), 2e-4 * (0.1 + 0.9 * 0.5)),
            "{}",
            restarts.at(250)
        );
        assert!(
            close(restarts.at(500), 2e-4),
            "second cycle restarts at the peak"
        );
    }

    #[test]
    fn warmup_ramps_linearly_to_the_peak() {
        let s = Schedule {
            peak: 1e-3,
            scheduler: Scheduler::Constant,
            warmup: 9,
            steps: 100,
        };
        assert!(close(s.at(0), 1e-4));
        assert!(close(s.at(4), 5e-4));
        assert!(close(s.at(9), 1e-3));
        assert!(s.at(3) < s.at(4));
    }
}
