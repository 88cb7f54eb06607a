//! The shipped base painter's lineage: how a further pretraining stage joins
//! `assets/base/manifest.json`.
//!
//! The manifest lists every stage that made the shipped weights (command, seed,
//! settings, data recipe, final stable validation loss, wall time, device,
//! commit, the hash it ended on) and the entrance exam those weights sat. A new
//! stage joins only if it started from the shipped weights and its result
//! passes the exam's bars ([`Acceptance`]); the exam it replaces is kept under
//! `previous`, so the manifest says what the painter was before.
//!
//! Pure JSON in, JSON out: reading the run folder, sitting the exam and writing
//! the files are `trainer adopt-base`'s.

use serde_json::{Value, json};

use crate::TrainerError;
use crate::probe::ExamReport;

/// Scene obedience a shipped base reaches (issue 5).
pub const SCENE_BAR: f64 = 0.85;
/// Subject-kind accuracy a shipped base reaches.
pub const SUBJECT_BAR: f64 = 0.85;
/// "a photo of TOK" must come out as TOK less often than this.
pub const TOK_BELOW: f64 = 0.1;

/// The exam's bars, each measured against the report.
#[derive(Clone, Debug, PartialEq)]
pub struct Acceptance {
    /// `(name, bar, measured, met)`, in manifest order.
    pub bars: Vec<(&'static str, f64, f64, bool)>,
}

impl Acceptance {
    /// Grades `report` against the bars.
    pub fn of(report: &ExamReport) -> Self {
        let round = |x: f64| (x * 1e4).round() / 1e4;
        let (scene, subject, tok) = (
            round(report.scene.rate()),
            round(report.subject.rate()),
            round(report.tok_bare.rate()),
        );
        Self {
            bars: vec![
                ("scene", SCENE_BAR, scene, scene >= SCENE_BAR),
                ("subject", SUBJECT_BAR, subject, subject >= SUBJECT_BAR),
                ("tok_bare_below", TOK_BELOW, tok, tok < TOK_BELOW),
            ],
        }
    }

    /// Whether every bar is met.
    pub fn met(&self) -> bool {
        self.bars.iter().all(|b| b.3)
    }

    /// The bars missed, as sentences.
    pub fn missed(&self) -> Vec<String> {
        self.bars
            .iter()
            .filter(|b| !b.3)
            .map(|(name, bar, measured, _)| format!("{name}: measured {measured:.4}, bar {bar}"))
            .collect()
    }

    /// The manifest's `acceptance` object.
    pub fn to_json(&self) -> Value {
        let mut out = serde_json::Map::new();
        for (name, bar, measured, met) in &self.bars {
            out.insert(
                (*name).into(),
                json!({ "bar": bar, "measured": measured, "met": met }),
            );
        }
        Value::Object(out)
    }
}

fn refuse(why: String) -> TrainerError {
    TrainerError::Config(why)
}

/// Refuses a stage that did not start from the weights `manifest` ships.
pub fn check_start(manifest: &Value, stage: &Value) -> Result<(), TrainerError> {
    let shipped = manifest["base"]["hash"]
        .as_str()
        .ok_or_else(|| refuse("the base manifest has no base.hash".into()))?;
    let started = stage["painter"]["init"]["hash"].as_str().unwrap_or("");
    if started == shipped {
        Ok(())
    } else {
        Err(refuse(format!(
            "the stage started from {} but the shipped base is {shipped}: pretrain with \
             `--init` on the shipped weights",
            if started.is_empty() {
                "scratch"
            } else {
                started
            }
        )))
    }
}

/// `manifest` with `stage` appended and `exam` as the exam of the new weights.
///
/// `stage` must carry `painter.init.hash` (what it started from) and
/// `result_hash`; `exam` must carry `base_hash` and `report`. Refuses a stage
/// that did not start from the manifest's weights, an exam of other weights, or
/// weights that miss a bar; the input is never changed.
pub fn add_stage(manifest: &Value, stage: Value, exam: Value) -> Result<Value, TrainerError> {
    check_start(manifest, &stage)?;
    let result = stage["result_hash"]
        .as_str()
        .ok_or_else(|| refuse("the stage has no result_hash".into()))?
        .to_owned();
    if exam["base_hash"].as_str() != Some(result.as_str()) {
        return Err(refuse(format!(
            "the exam was sat by {} but the stage ended on {result}",
            exam["base_hash"]
        )));
    }
    let report: ExamReport = serde_json::from_value(exam["report"].clone())
        .map_err(|e| refuse(format!("the exam has no readable report: {e}")))?;
    let acceptance = Acceptance::of(&report);
    if !acceptance.met() {
        return Err(refuse(format!(
            "the new weights miss the exam's bars ({}); the shipped base stays",
            acceptance.missed().join("; ")
        )));
    }
    let mut out = manifest.clone();
    let mut previous = manifest["exam"].clone();
    if let Some(old) = previous.as_object_mut() {
        old.remove("previous");
    }
    let mut exam = exam;
    if let Some(new) = exam.as_object_mut() {
        new.insert("previous".into(), previous);
    }
    let stages = out["stages"]
        .as_array_mut()
        .ok_or_else(|| refuse("the base manifest has no stages list".into()))?;
    stages.push(stage);
    let steps: u64 = stages.iter().filter_map(|s| s["steps"].as_u64()).sum();
    out["steps"] = json!(steps);
    out["base"]["hash"] = json!(result);
    out["exam"] = exam;
    out["acceptance"] = acceptance.to_json();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::probe::Share;

    fn report(subject_hits: usize) -> ExamReport {
        ExamReport {
            scene: Share {
                hits: 160,
                count: 160,
            },
            subject: Share {
                hits: subject_hits,
                count: 160,
            },
            tok_bare: Share { hits: 0, count: 24 },
            tok_captioned: Share { hits: 0, count: 24 },
            ..ExamReport::default()
        }
    }

    fn manifest() -> Value {
        json!({
            "base": { "file": "tiny.safetensors", "hash": "aaa" },
            "steps": 100,
            "stages": [{ "command": "trainer pretrain …", "steps": 100 }],
            "exam": { "base_hash": "aaa", "report": report(140), "previous": { "old": true } },
        })
    }

    fn stage(from: &str) -> Value {
        json!({
            "command": "trainer pretrain --init assets/base/tiny.safetensors …",
            "steps": 40,
            "painter": { "init": { "hash": from } },
            "result_hash": "bbb",
        })
    }

    fn exam(hash: &str, subject_hits: usize) -> Value {
        json!({ "base_hash": hash, "report": report(subject_hits) })
    }

    #[test]
    fn a_stage_from_the_shipped_weights_joins_the_lineage() {
        let out = add_stage(&manifest(), stage("aaa"), exam("bbb", 150)).expect("joins");
        assert_eq!(out["steps"], 140);
        assert_eq!(out["base"]["hash"], "bbb");
        assert_eq!(out["base"]["file"], "tiny.safetensors");
        assert_eq!(out["stages"].as_array().map(Vec::len), Some(2));
        assert_eq!(out["exam"]["base_hash"], "bbb");
        // The replaced exam is kept, without its own history.
        assert_eq!(out["exam"]["previous"]["base_hash"], "aaa");
        assert!(out["exam"]["previous"].get("previous").is_none());
        assert_eq!(out["acceptance"]["subject"]["measured"], 0.9375);
        assert_eq!(out["acceptance"]["subject"]["met"], true);
        assert_eq!(out["acceptance"]["tok_bare_below"]["met"], true);
    }

    #[test]
    fn a_stage_that_breaks_the_lineage_or_the_bars_is_refused() {
        let from_scratch = add_stage(&manifest(), stage(""), exam("bbb", 150));
        assert!(
            from_scratch
                .expect_err("refused")
                .to_string()
                .contains("started from scratch")
        );
        let other_exam = add_stage(&manifest(), stage("aaa"), exam("ccc", 150));
        assert!(other_exam.is_err());
        let weaker = add_stage(&manifest(), stage("aaa"), exam("bbb", 120))
            .expect_err("misses the subject bar")
            .to_string();
        assert!(
            weaker.contains("subject: measured 0.7500, bar 0.85"),
            "{weaker}"
        );
    }
}
