//! The rank comparison's runs (rank 4, 16 and 64 on the same album, rate,
//! steps and seed) and what each one's numbers say in words. No DOM here.

use crate::arc::percent;
use crate::widget_runs::WidgetRun;

/// The runs compared, thinnest bracelet first; the middle one is the default.
pub const RUNS: [&str; 3] = ["rank-4", "steps-1000", "rank-64"];

/// What `run` shows, beside `reference` (the default rank's run), a sentence
/// or two per line.
pub fn story(run: &WidgetRun, reference: &WidgetRun) -> Vec<String> {
    let peak = run
        .checkpoints
        .iter()
        .max_by(|a, b| a.identity.total_cmp(&b.identity))
        .copied()
        .unwrap_or(run.end());
    let end = run.end();
    let ratio = run.lora_bytes as f64 / reference.lora_bytes.max(1) as f64;
    let size = if run.knobs.run == reference.knobs.run {
        format!("The finished file weighs {}.", run.file_size())
    } else {
        format!(
            "The finished file weighs {}, {} the rank-{} one.",
            run.file_size(),
            times(ratio),
            reference.knobs.rank
        )
    };
    let mut lines = vec![
        size,
        format!(
            "On new scenes it looked most like TOK at step {} ({}); after the last step, {} like TOK, {} of pictures in the scene asked for.",
            peak.step,
            percent(peak.identity),
            percent(end.identity),
            percent(end.obedience),
        ),
    ];
    if let Some(step) = run.blow_up() {
        lines.push(format!(
            "Its loss blew up from step {step}. With alpha equal to rank, a thicker bracelet changes the painter more per step at the same learning rate, \
             and this one went over the edge: it needs a gentler rate or fewer steps."
        ));
    }
    lines
}

/// A size ratio in words: "about a quarter of", "3.9 times".
fn times(ratio: f64) -> String {
    if ratio >= 1.0 {
        return format!("{ratio:.1} times");
    }
    match (1.0 / ratio.max(1e-9)).round() as u64 {
        0 | 1 => "about the same as".to_owned(),
        2 => "about half".to_owned(),
        3 => "about a third of".to_owned(),
        4 => "about a quarter of".to_owned(),
        n => format!("about 1/{n} of"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::widget_runs::shipped;

    #[test]
    fn the_three_ranks_tell_their_real_runs() {
        let runs: Vec<WidgetRun> = RUNS
            .iter()
            .map(|n| shipped(n).expect("a shipped run"))
            .collect();
        let ranks: Vec<&str> = runs.iter().map(|r| r.knobs.rank.as_str()).collect();
        assert_eq!(ranks, ["4", "16", "64"]);
        assert!(runs[0].lora_bytes < runs[1].lora_bytes && runs[1].lora_bytes < runs[2].lora_bytes);
        let reference = &runs[1];
        for run in &runs {
            let lines = story(run, reference);
            assert!(lines.len() >= 2, "{lines:?}");
            assert!(lines.iter().all(|l| !l.contains("NaN")), "{lines:?}");
        }
        assert_eq!(
            story(reference, reference)[0],
            format!("The finished file weighs {}.", reference.file_size())
        );
        assert!(story(&runs[2], reference)[0].contains("times the rank-16 one"));
    }

    #[test]
    fn ratios_read_as_words() {
        assert_eq!(times(0.26), "about a quarter of");
        assert_eq!(times(0.5), "about half");
        assert_eq!(times(0.1), "about 1/10 of");
        assert_eq!(times(3.94), "3.9 times");
    }
}
