//! The scale slider's rules: which values a directive may set, and what a scale means.
//!
//! Scale multiplies the bracelet's correction when the painter paints. At 0 the
//! bracelet is off; near 1 the lesson shows as it was trained; well above it the
//! lesson is exaggerated until it turns into caricature.

use content::WidgetCall;

use crate::registry::WidgetError;

/// A validated scale slider: range, step, starting value and label.
#[derive(Clone, Debug, PartialEq)]
pub struct SliderSpec {
    /// Lowest scale offered.
    pub min: f64,
    /// Highest scale offered.
    pub max: f64,
    /// Distance between two positions (also one arrow-key press).
    pub step: f64,
    /// Where the slider starts.
    pub value: f64,
    /// The visible label.
    pub label: String,
}

impl Default for SliderSpec {
    fn default() -> Self {
        Self {
            min: 0.0,
            max: 4.0,
            step: 0.1,
            value: 1.0,
            label: "Bracelet scale".to_owned(),
        }
    }
}

impl SliderSpec {
    /// Reads a `scale-slider` directive; absent parameters keep their defaults.
    pub fn from_call(call: &WidgetCall) -> Result<Self, WidgetError> {
        let defaults = Self::default();
        let number = |key: &str, default: f64| -> Result<f64, WidgetError> {
            match call.param(key) {
                None => Ok(default),
                Some(raw) => raw
                    .parse::<f64>()
                    .ok()
                    .filter(|v| v.is_finite())
                    .ok_or_else(|| {
                        WidgetError::new(
                            &call.name,
                            format!("`{key}` must be a number, got `{raw}`"),
                        )
                    }),
            }
        };
        let spec = Self {
            min: number("min", defaults.min)?,
            max: number("max", defaults.max)?,
            step: number("step", defaults.step)?,
            value: number("value", defaults.value)?,
            label: call.param("label").map_or(defaults.label, str::to_owned),
        };
        let invalid = |why: &str| Err(WidgetError::new(&call.name, why.to_owned()));
        if spec.min >= spec.max {
            return invalid("`min` must be below `max`");
        }
        if spec.step <= 0.0 || spec.step > spec.max - spec.min {
            return invalid("`step` must be positive and fit inside the range");
        }
        if !(spec.min..=spec.max).contains(&spec.value) {
            return invalid("`value` must lie between `min` and `max`");
        }
        Ok(spec)
    }
}

/// The scale as the slider prints it, e.g. `1.5×`.
pub fn format_scale(value: f64) -> String {
    format!("{value:.1}×")
}

/// What the painter does at this scale, in one sentence.
pub fn meaning(value: f64) -> &'static str {
    match value {
        v if v <= 0.0 => "Bracelet off: the painter paints as it always did.",
        v if v < 0.6 => "A faint hint: the lesson is there, but the painter barely listens.",
        v if v <= 1.3 => "The lesson as it was trained: the usual place to start.",
        v if v <= 2.5 => "Pressed harder: the lesson's features start to exaggerate.",
        _ => "Caricature: the lesson drowns out the rest of the prompt.",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(params: &[(&str, &str)]) -> WidgetCall {
        WidgetCall {
            name: "scale-slider".into(),
            params: params
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
        }
    }

    #[test]
    fn defaults_cover_zero_to_four() {
        let spec = SliderSpec::from_call(&call(&[])).expect("defaults are valid");
        assert_eq!(
            (spec.min, spec.max, spec.step, spec.value),
            (0.0, 4.0, 0.1, 1.0)
        );
    }

    #[test]
    fn refuses_bad_values_with_reasons() {
        let err = |params| {
            SliderSpec::from_call(&call(params))
                .expect_err("refused")
                .to_string()
        };
        assert_eq!(
            err(&[("value", "lots")]),
            "widget `scale-slider`: `value` must be a number, got `lots`"
        );
        assert_eq!(
            err(&[("min", "2"), ("max", "1")]),
            "widget `scale-slider`: `min` must be below `max`"
        );
        assert_eq!(
            err(&[("value", "9")]),
            "widget `scale-slider`: `value` must lie between `min` and `max`"
        );
        assert_eq!(
            err(&[("step", "0")]),
            "widget `scale-slider`: `step` must be positive and fit inside the range"
        );
        assert_eq!(
            err(&[("max", "inf")]),
            "widget `scale-slider`: `max` must be a number, got `inf`"
        );
    }

    #[test]
    fn meaning_moves_from_off_to_caricature() {
        assert!(meaning(0.0).starts_with("Bracelet off"));
        assert!(meaning(0.3).starts_with("A faint hint"));
        assert!(meaning(1.0).starts_with("The lesson as it was trained"));
        assert!(meaning(2.0).starts_with("Pressed harder"));
        assert!(meaning(4.0).starts_with("Caricature"));
        assert_eq!(format_scale(1.25), "1.2×");
        assert_eq!(format_scale(3.0), "3.0×");
    }
}
