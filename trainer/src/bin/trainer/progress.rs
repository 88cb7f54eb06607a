//! A one-line progress bar on standard error: step, loss, speed and time left.
//!
//! On a terminal the line redraws in place; in a log (not a terminal) it prints a
//! fresh line every twentieth of the run so logs stay short.

use std::io::{IsTerminal, Write};
use std::time::Instant;

/// Progress of a run of `total` steps.
pub(crate) struct Progress {
    total: u32,
    first: u32,
    start: Instant,
    terminal: bool,
    every: u32,
}

impl Progress {
    /// A bar for steps `first + 1 ..= total` (`first` > 0 when resuming).
    pub(crate) fn new(first: u32, total: u32) -> Self {
        Self {
            total,
            first,
            start: Instant::now(),
            terminal: std::io::stderr().is_terminal(),
            every: (total / 20).max(1),
        }
    }

    /// Seconds since the bar started.
    pub(crate) fn elapsed(&self) -> f64 {
        self.start.elapsed().as_secs_f64()
    }

    /// Shows step `step` with its loss and learning rate.
    pub(crate) fn show(&self, step: u32, loss: f32, lr: f64) {
        if !self.terminal && !step.is_multiple_of(self.every) && step != self.total {
            return;
        }
        let done = step.saturating_sub(self.first);
        let rate = f64::from(done) / self.elapsed().max(1e-9);
        let left = f64::from(self.total.saturating_sub(step)) / rate.max(1e-9);
        let width = 24;
        let filled = (width * step as usize) / self.total.max(1) as usize;
        let bar: String = "█".repeat(filled) + &"░".repeat(width - filled.min(width));
        let line = format!(
            "step {step:>6}/{} ▕{bar}▏ loss {loss:.4}  lr {lr:.2e}  {rate:.2} steps/s  ETA {}",
            self.total,
            clock(left)
        );
        let mut err = std::io::stderr();
        let _ = if self.terminal {
            write!(err, "\r{line}\x1b[K")
        } else {
            writeln!(err, "{line}")
        };
    }

    /// Ends the bar's line.
    pub(crate) fn finish(&self) {
        if self.terminal {
            eprintln!();
        }
    }
}

/// `1h02m`, `4m05s`, `12s`.
pub(crate) fn clock(seconds: f64) -> String {
    let s = seconds.max(0.0).round() as u64;
    match (s / 3600, (s / 60) % 60, s % 60) {
        (0, 0, sec) => format!("{sec}s"),
        (0, min, sec) => format!("{min}m{sec:02}s"),
        (h, min, _) => format!("{h}h{min:02}m"),
    }
}
