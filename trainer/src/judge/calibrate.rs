//! Making the `TOK` probability honest: temperature scaling (Guo et al., 2017, "On
//! Calibration of Modern Neural Networks") and the numbers that show whether it
//! worked.
//!
//! A network trained to separate classes tends to be over-confident. Dividing
//! its logit by one temperature `T`, fitted on held-out pictures to minimise the
//! negative log-likelihood, keeps every decision (the sign of the logit) and fixes
//! the confidence. The report gives the expected calibration error (ECE, 10 equal
//! bins of predicted probability) and the Brier score before and after.

use serde::{Deserialize, Serialize};

/// How well a set of probabilities matched what happened.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Calibration {
    /// The fitted temperature (logits are divided by it).
    pub temperature: f32,
    /// Mean negative log-likelihood with `T = 1`.
    pub nll_before: f32,
    /// Mean negative log-likelihood with the fitted `T`.
    pub nll_after: f32,
    /// Expected calibration error with `T = 1`.
    pub ece_before: f32,
    /// Expected calibration error with the fitted `T`.
    pub ece_after: f32,
    /// Brier score (mean squared error of the probability) with the fitted `T`.
    pub brier_after: f32,
    /// How many pictures it was fitted on.
    pub count: usize,
}

/// The logistic function.
pub fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + (-z).exp())
}

/// Mean negative log-likelihood of `labels` under `sigmoid(logit / t)`.
pub fn nll(logits: &[f32], labels: &[bool], t: f32) -> f32 {
    let total: f64 = logits
        .iter()
        .zip(labels)
        .map(|(&z, &y)| {
            let z = f64::from(z / t);
            // -log σ(z) = softplus(-z), computed without overflow.
            let signed = if y { -z } else { z };
            f64::max(signed, 0.0) + (-signed.abs()).exp().ln_1p()
        })
        .sum();
    (total / logits.len().max(1) as f64) as f32
}

/// Expected calibration error over 10 equal-width probability bins.
pub fn ece(probs: &[f32], labels: &[bool]) -> f32 {
    let mut bins = [(0.0f64, 0.0f64, 0usize); 10];
    for (&p, &y) in probs.iter().zip(labels) {
        let b = ((p * 10.0) as usize).min(9);
        bins[b].0 += f64::from(p);
        bins[b].1 += f64::from(u8::from(y));
        bins[b].2 += 1;
    }
    let n = probs.len().max(1) as f64;
    bins.iter()
        .filter(|b| b.2 > 0)
        // |mean p − mean y| weighted by the bin's share is |Σp − Σy| / n.
        .map(|(p, y, _)| (p - y).abs() / n)
        .sum::<f64>() as f32
}

/// Fits the temperature on `logits` (the raw `TOK` logits) and `labels`.
///
/// A golden-section search over `ln T ∈ [-3, 3]`; the likelihood is convex in
/// `1/T`, so the one minimum is found.
pub fn fit_temperature(logits: &[f32], labels: &[bool]) -> Calibration {
    let loss = |ln_t: f32| nll(logits, labels, ln_t.exp());
    let (mut lo, mut hi) = (-3.0f32, 3.0f32);
    let ratio = (5f32.sqrt() - 1.0) / 2.0;
    for _ in 0..60 {
        let a = hi - ratio * (hi - lo);
        let b = lo + ratio * (hi - lo);
        if loss(a) < loss(b) {
            hi = b;
        } else {
            lo = a;
        }
    }
    let temperature = ((lo + hi) / 2.0).exp();
    let probs = |t: f32| -> Vec<f32> { logits.iter().map(|z| sigmoid(z / t)).collect() };
    let after = probs(temperature);
    let brier = after
        .iter()
        .zip(labels)
        .map(|(p, &y)| (p - f32::from(u8::from(y))).powi(2))
        .sum::<f32>()
        / logits.len().max(1) as f32;
    Calibration {
        temperature,
        nll_before: nll(logits, labels, 1.0),
        nll_after: nll(logits, labels, temperature),
        ece_before: ece(&probs(1.0), labels),
        ece_after: ece(&after, labels),
        brier_after: brier,
        count: logits.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_overconfident_logit_is_cooled_down() {
        // Truth: P(TOK | z) = σ(z); the network reports 4·z.
        let mut logits = Vec::new();
        let mut labels = Vec::new();
        for i in 0..400 {
            let z = (i as f32 / 400.0) * 8.0 - 4.0;
            let p = sigmoid(z);
            // Deterministic labels with the right frequency in each small run.
            for k in 0..10 {
                logits.push(4.0 * z);
                labels.push((k as f32 + 0.5) / 10.0 < p);
            }
        }
        let fit = fit_temperature(&logits, &labels);
        assert!((fit.temperature - 4.0).abs() < 0.4, "{fit:?}");
        assert!(fit.nll_after < fit.nll_before);
        assert!(fit.ece_after < fit.ece_before);
    }
}
