//! The data a run page shows, and how it is read from the job store's JSON: the
//! job row and its events in order (`state`, `step`, `validation`,
//! `checkpoint`, …). A rescued or resumed run repeats steps after its
//! checkpoint; those points replace the abandoned ones, so the curves show the
//! run that counts.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::settings::BenchValues;

/// One validation: its step and a sample picture per prompt.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SampleRow {
    /// The step painted at.
    pub step: u32,
    /// Picture addresses, one per validation prompt.
    pub urls: Vec<String>,
}

/// Everything one run's page shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunView {
    /// The job's id.
    pub id: String,
    /// `queued`, `running`, `succeeded`, `failed` or `stopped`.
    pub state: String,
    /// Why it failed or stopped.
    pub reason: Option<String>,
    /// Steps done.
    pub step: u32,
    /// Steps asked for.
    pub steps: u32,
    /// The backend it trains on.
    pub device: Option<String>,
    /// Speed of the last attempt.
    pub steps_per_second: Option<f64>,
    /// Times a worker took it up.
    pub attempts: u32,
    /// The call word.
    pub trigger: String,
    /// LoRA layout of its files.
    pub layout: String,
    /// The validation prompts, in order.
    pub prompts: Vec<String>,
    /// `(step, loss)` of every applied step.
    pub losses: Vec<(u32, f32)>,
    /// `(step, stable validation loss)`.
    pub val_losses: Vec<(u32, f32)>,
    /// Validation pictures per step.
    pub samples: Vec<SampleRow>,
    /// Steps with a saved LoRA.
    pub checkpoints: Vec<u32>,
    /// Whether the viewer is the run's instructor (and gets its buttons).
    pub owned: bool,
    /// The id of the last event read; the page's live stream goes on after it.
    pub last_event: i64,
    /// The run's settings as the bench form holds them (for "duplicate with
    /// changes").
    pub settings: BenchValues,
}

/// One run in a list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunSummary {
    /// The job's id.
    pub id: String,
    /// Its state.
    pub state: String,
    /// Steps done.
    pub step: u32,
    /// Steps asked for.
    pub steps: u32,
    /// The call word.
    pub trigger: String,
    /// Created (ms since the epoch).
    pub created_at: i64,
}

/// A list of runs and whose they are.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunList {
    /// The instructor's name.
    pub instructor: String,
    /// The class link's token (shown to the instructor only).
    pub class_token: Option<String>,
    /// Newest first.
    pub runs: Vec<RunSummary>,
    /// The built-in albums the bench offers (instructor only).
    pub albums: Vec<String>,
    /// The instructor's uploads as `(id, name)`, newest first (instructor only).
    pub uploads: Vec<(String, String)>,
}

fn text(value: &Value, key: &str) -> String {
    value
        .get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

/// The strings of the array at `key` (missing or not strings: none).
fn strings(value: &Value, key: &str) -> Vec<String> {
    value
        .get(key)
        .and_then(Value::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

fn number(value: &Value, key: &str) -> u32 {
    value
        .get(key)
        .and_then(Value::as_u64)
        .and_then(|n| u32::try_from(n).ok())
        .unwrap_or(0)
}

impl RunSummary {
    /// Reads a job row (the store's JSON).
    pub fn from_job(job: &Value) -> Self {
        Self {
            id: text(job, "id"),
            state: text(job, "state"),
            step: number(job, "step"),
            steps: number(job, "steps"),
            trigger: job
                .get("spec")
                .map(|s| text(s, "trigger"))
                .unwrap_or_default(),
            created_at: job.get("created_at").and_then(Value::as_i64).unwrap_or(0),
        }
    }
}

impl RunView {
    /// Reads a job row and its events, `(kind, data)` in the order recorded.
    pub fn from_parts(job: &Value, events: &[(String, Value)]) -> Self {
        let spec = job.get("spec").cloned().unwrap_or(Value::Null);
        let mut view = Self {
            id: text(job, "id"),
            state: text(job, "state"),
            reason: job.get("reason").and_then(Value::as_str).map(str::to_owned),
            step: number(job, "step"),
            steps: number(job, "steps"),
            device: job.get("device").and_then(Value::as_str).map(str::to_owned),
            steps_per_second: job.get("steps_per_second").and_then(Value::as_f64),
            attempts: number(job, "attempts"),
            trigger: text(&spec, "trigger"),
            layout: text(&spec, "output_lora_format"),
            prompts: strings(&spec, "validation_prompts"),
            losses: Vec::new(),
            val_losses: Vec::new(),
            samples: Vec::new(),
            checkpoints: Vec::new(),
            owned: false,
            last_event: 0,
            settings: BenchValues::default(),
        };
        view.settings = BenchValues::from_spec(&spec);
        let row = (view.state.clone(), view.reason.clone(), view.step);
        for (kind, data) in events {
            view.apply(kind, data);
        }
        // The job row has the last word on where the run stands.
        (view.state, view.reason, view.step) = row;
        view
    }

    /// Takes in one event (`kind`, `data`), as recorded or as it arrives live.
    pub fn apply(&mut self, kind: &str, data: &Value) {
        let step = number(data, "step");
        match kind {
            "state" => {
                if let Some(state) = data.get("state").and_then(Value::as_str) {
                    self.state = state.to_owned();
                    self.reason = data
                        .get("reason")
                        .and_then(Value::as_str)
                        .map(str::to_owned);
                }
                if let Some(from) = data.get("resumed_from").and_then(Value::as_u64) {
                    self.forget_after(u32::try_from(from).unwrap_or(u32::MAX));
                } else if data.get("state").and_then(Value::as_str) == Some("running") {
                    self.forget_after(0);
                }
                self.step = step;
            }
            "step" => {
                if let Some(loss) = data.get("loss").and_then(Value::as_f64) {
                    self.losses.push((step, loss as f32));
                }
                if let Some(speed) = data.get("steps_per_second").and_then(Value::as_f64) {
                    self.steps_per_second = Some(speed);
                }
                self.step = step;
            }
            "validation" => {
                if let Some(loss) = data.get("val_loss").and_then(Value::as_f64) {
                    self.val_losses.push((step, loss as f32));
                }
                let urls = strings(data, "samples");
                self.samples.push(SampleRow { step, urls });
            }
            "checkpoint" if !self.checkpoints.contains(&step) => self.checkpoints.push(step),
            _ => {}
        }
    }

    /// Drops points after `step` (an attempt is starting over from there).
    fn forget_after(&mut self, step: u32) {
        self.losses.retain(|(s, _)| *s <= step);
        self.val_losses.retain(|(s, _)| *s <= step);
        self.samples.retain(|row| row.step <= step);
        self.checkpoints.retain(|s| *s <= step);
    }

    /// Whether the run may still change.
    pub fn live(&self) -> bool {
        matches!(self.state.as_str(), "queued" | "running")
    }

    /// Progress in percent.
    pub fn percent(&self) -> u32 {
        if self.steps == 0 {
            return 0;
        }
        (u64::from(self.step.min(self.steps)) * 100 / u64::from(self.steps)) as u32
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn job() -> Value {
        json!({
            "id": "ab", "state": "running", "step": 4, "steps": 10, "attempts": 2,
            "device": "cpu (flex)", "steps_per_second": 12.5,
            "spec": { "trigger": "TOK", "output_lora_format": "fal", "validation_prompts": ["a photo of TOK"] }
        })
    }

    fn event(kind: &str, data: Value) -> (String, Value) {
        (kind.to_owned(), data)
    }

    #[test]
    fn reads_the_job_and_its_curves() {
        let events = vec![
            event("state", json!({ "state": "queued", "step": 0 })),
            event(
                "state",
                json!({ "state": "running", "attempt": 1, "step": 0, "resumed_from": null }),
            ),
            event(
                "validation",
                json!({ "step": 0, "val_loss": 0.9, "samples": ["/s/0.png"] }),
            ),
            event("step", json!({ "step": 1, "loss": 0.5 })),
            event("step", json!({ "step": 2, "loss": 0.4 })),
            event(
                "validation",
                json!({ "step": 2, "val_loss": 0.8, "samples": ["/s/2.png"] }),
            ),
            event("checkpoint", json!({ "step": 2 })),
            event("step", json!({ "step": 3, "loss": 0.45 })),
        ];
        let view = RunView::from_parts(&job(), &events);
        assert_eq!(view.losses, [(1, 0.5), (2, 0.4), (3, 0.45)]);
        assert_eq!(view.val_losses, [(0, 0.9), (2, 0.8)]);
        assert_eq!(
            view.samples[1],
            SampleRow {
                step: 2,
                urls: vec!["/s/2.png".into()]
            }
        );
        assert_eq!(view.checkpoints, [2]);
        assert_eq!(
            (view.trigger.as_str(), view.layout.as_str(), view.percent()),
            ("TOK", "fal", 40)
        );
        assert!(view.live());
    }

    #[test]
    fn a_resumed_attempt_replaces_the_steps_after_its_checkpoint() {
        let events = vec![
            event("step", json!({ "step": 1, "loss": 0.5 })),
            event("step", json!({ "step": 2, "loss": 0.4 })),
            event("checkpoint", json!({ "step": 2 })),
            event("step", json!({ "step": 3, "loss": 9.0 })),
            event(
                "state",
                json!({ "state": "running", "attempt": 2, "step": 2, "resumed_from": 2 }),
            ),
            event("step", json!({ "step": 3, "loss": 0.3 })),
        ];
        let view = RunView::from_parts(&job(), &events);
        assert_eq!(view.losses, [(1, 0.5), (2, 0.4), (3, 0.3)]);
    }

    #[test]
    fn live_events_move_the_page_on() {
        let mut view = RunView::from_parts(&job(), &[]);
        view.apply(
            "step",
            &json!({ "step": 5, "loss": 0.2, "steps_per_second": 3.0 }),
        );
        view.apply("checkpoint", &json!({ "step": 5 }));
        view.apply("checkpoint", &json!({ "step": 5 }));
        assert_eq!(
            (view.step, view.losses.clone(), view.checkpoints.clone()),
            (5, vec![(5, 0.2)], vec![5])
        );
        assert_eq!(view.steps_per_second, Some(3.0));
        view.apply(
            "state",
            &json!({ "state": "stopped", "reason": "stopped by its instructor", "step": 5 }),
        );
        assert_eq!(view.state, "stopped");
        assert_eq!(view.reason.as_deref(), Some("stopped by its instructor"));
        assert!(!view.live());
    }

    #[test]
    fn summaries_read_the_row() {
        let summary = RunSummary::from_job(&job());
        assert_eq!(
            (summary.id.as_str(), summary.step, summary.steps),
            ("ab", 4, 10)
        );
        assert_eq!(summary.trigger, "TOK");
    }
}
