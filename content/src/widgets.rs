//! The widget catalog: every name a chapter may place with a `widget` directive.
//!
//! The catalog is the contract between the chapters and the `labs` crate: the
//! content pipeline refuses names that are not listed here, and `labs` has a test
//! that every entry has a component behind it (and no component is missing here).

/// One widget the chapters may embed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WidgetSpec {
    /// The name written after `widget` in a directive.
    pub name: &'static str,
    /// What the widget shows, for authors.
    pub summary: &'static str,
    /// The parameter keys it accepts; any other key is an error.
    pub params: &'static [&'static str],
}

/// Every widget the chapters may embed, by name.
pub const CATALOG: &[WidgetSpec] = &[
    WidgetSpec {
        name: "scale-slider",
        summary: "the bracelet's strength at inference, 0 to 4, with what each range does",
        params: &["min", "max", "step", "value", "label"],
    },
    WidgetSpec {
        name: "planner",
        summary: "album kind and size in; steps, learning rate, rank and checkpoints out, with reasons",
        params: &["kind", "images"],
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
