//! The widget catalog: every name a chapter may place with a `widget` directive.
//!
//! The catalog is the contract between the chapters and the `labs` crate: the
//! content pipeline refuses names that are not listed here, and `labs` has a test
//! that every entry has a component behind it (and no component is missing here).
//!
//! A widget is either [`WidgetStatus::Live`] (built, interactive) or
//! [`WidgetStatus::Coming`] (its name is reserved so writers can place it now; the
//! page shows a plainly marked card saying what will appear there, never a stand-in
//! picture). Switching an entry to `Live` is the widget author's job, together
//! with its arm in `labs::registry`.

/// Whether a widget can be used today.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WidgetStatus {
    /// Built and interactive.
    Live,
    /// Reserved: the directive is valid, and the page shows a "coming" card.
    Coming,
}

/// One widget the chapters may embed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WidgetSpec {
    /// The name written after `widget` in a directive.
    pub name: &'static str,
    /// A short human name, shown on the widget's "coming" card.
    pub title: &'static str,
    /// What the widget shows, in one or two sentences for readers and authors.
    pub summary: &'static str,
    /// The parameter keys it accepts; any other key is an error.
    pub params: &'static [&'static str],
    /// Whether it is built yet.
    pub status: WidgetStatus,
}

/// Every widget the chapters may embed, by name.
pub const CATALOG: &[WidgetSpec] = &[
    WidgetSpec {
        name: "scale-slider",
        title: "Bracelet scale",
        summary: "The bracelet's strength at inference, 0 to 4, with what each range does.",
        params: &["min", "max", "step", "value", "label"],
        status: WidgetStatus::Live,
    },
    WidgetSpec {
        name: "planner",
        title: "Parameter planner",
        summary: "Tell it how many pictures your album holds and what it teaches; it proposes steps, learning rate, rank and checkpoint spacing, each with its reason.",
        params: &["kind", "images"],
        status: WidgetStatus::Live,
    },
    WidgetSpec {
        name: "learning-arc",
        title: "The learning arc",
        summary: "Prompts the album never showed, painted at every checkpoint of a real run on a single slider, with meters: does it look like TOK, does it follow the prompt, has the album's windowsill leaked in. Two runs to choose from: the album captioned with the call word alone, and with sentences that name each scene.",
        params: &[],
        status: WidgetStatus::Live,
    },
    WidgetSpec {
        name: "bicycle-test",
        title: "The bicycle test",
        summary: "The same request, TOK riding a bicycle, painted at two checkpoints of one real run side by side, with what the judges read in each.",
        params: &[],
        status: WidgetStatus::Live,
    },
    WidgetSpec {
        name: "eagerness-knob",
        title: "The eagerness knob",
        summary: "Three real runs that differ only in learning rate, with their samples and loss curves under one knob.",
        params: &[],
        status: WidgetStatus::Live,
    },
    WidgetSpec {
        name: "one-step",
        title: "One training step",
        summary: "The five moves of a single step played on a real album picture, with a slider for how much noise the dice pour on.",
        params: &[],
        status: WidgetStatus::Live,
    },
    WidgetSpec {
        name: "loss-rhythms",
        title: "Three loss rhythms",
        summary: "Loss curves from three real runs (a healthy one, one with the learning rate too high, one trained on and on), with what the judges measured underneath.",
        params: &[],
        status: WidgetStatus::Live,
    },
    WidgetSpec {
        name: "rank-compare",
        title: "Rank side by side",
        summary: "Bracelets of rank 4, 16 and 64 trained on the same album, compared on the same prompts and seeds, with their file sizes.",
        params: &[],
        status: WidgetStatus::Live,
    },
    WidgetSpec {
        name: "style-mixer",
        title: "Two-bracelet mixer",
        summary: "The TOK bracelet and the TOKSTYLE bracelet worn together, each on its own scale slider, with what the judges read in every real picture.",
        params: &[],
        status: WidgetStatus::Live,
    },
    WidgetSpec {
        name: "edit-trial",
        title: "The edit bracelet on unseen sketches",
        summary: "The real edit bracelet at every checkpoint, painting twelve sketches it never saw, beside the same instruction without it and the true painting.",
        params: &[],
        status: WidgetStatus::Live,
    },
    WidgetSpec {
        name: "edit-canvas",
        title: "Sketch to painting",
        summary: "A sheet to draw a sketch on, by pointer or keyboard, and the real edit bracelet painting it in the page.",
        params: &[],
        status: WidgetStatus::Live,
    },
    WidgetSpec {
        name: "pair-pipeline",
        title: "Making pairs",
        summary: "Three real edit pairs walked through the stages that made them: the painting first, the sketch derived from it, the check that they line up.",
        params: &[],
        status: WidgetStatus::Live,
    },
    WidgetSpec {
        name: "stop-the-run",
        title: "Stop the run",
        summary: "A real LoRA trains live in the reader's browser: press stop when you think it is done, then see how close you came.",
        params: &["steps"],
        status: WidgetStatus::Live,
    },
];

/// The catalog entry for `name`.
pub fn spec(name: &str) -> Option<&'static WidgetSpec> {
    CATALOG.iter().find(|spec| spec.name == name)
}

/// The catalog's names joined for error messages.
pub fn names() -> String {
    CATALOG
        .iter()
        .map(|spec| spec.name)
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_well_formed() {
        for (i, spec) in CATALOG.iter().enumerate() {
            assert!(
                spec.name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '-'),
                "{}",
                spec.name
            );
            assert!(!spec.title.is_empty() && spec.summary.ends_with('.'));
            assert!(
                CATALOG[..i].iter().all(|other| other.name != spec.name),
                "{} twice",
                spec.name
            );
        }
    }

    #[test]
    fn the_names_writers_use_are_listed() {
        for name in [
            "scale-slider",
            "planner",
            "learning-arc",
            "bicycle-test",
            "eagerness-knob",
            "one-step",
            "loss-rhythms",
            "rank-compare",
            "style-mixer",
            "edit-canvas",
            "pair-pipeline",
            "stop-the-run",
        ] {
            assert!(spec(name).is_some(), "{name} is in the catalog");
        }
        assert_eq!(
            spec("scale-slider").map(|s| s.status),
            Some(WidgetStatus::Live)
        );
        assert_eq!(
            spec("planner").map(|s| s.params),
            Some(&["kind", "images"][..])
        );
    }
}
