//! What the judges answer, as class indices: the subject's kind (colour left
//! out), the scene and the style, each with its name for reports.
//!
//! The indices are the order of the judges' output heads and are stored implicitly
//! in every weights file, so they must never be reordered.

use serde::{Deserialize, Serialize};

use crate::world::{Scene, SceneSpec, Style, Subject};

/// A subject without its colour: what the subject head tells apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SubjectKind {
    /// The one `TOK` figurine.
    Tok,
    /// A generic ceramic cat figurine (any glaze).
    Figurine,
    /// A living cat.
    RealCat,
    /// The dog.
    Dog,
    /// A vase.
    Vase,
    /// A teapot.
    Teapot,
    /// A bird.
    Bird,
    /// A sneaker.
    Sneaker,
    /// The lighthouse model.
    Lighthouse,
}

impl SubjectKind {
    /// Every kind, in head order.
    pub const ALL: [SubjectKind; 9] = [
        SubjectKind::Tok,
        SubjectKind::Figurine,
        SubjectKind::RealCat,
        SubjectKind::Dog,
        SubjectKind::Vase,
        SubjectKind::Teapot,
        SubjectKind::Bird,
        SubjectKind::Sneaker,
        SubjectKind::Lighthouse,
    ];

    /// The kind of `subject`.
    pub fn of(subject: Subject) -> SubjectKind {
        match subject {
            Subject::Tok => SubjectKind::Tok,
            Subject::Figurine(_) => SubjectKind::Figurine,
            Subject::RealCat(_) => SubjectKind::RealCat,
            Subject::Dog => SubjectKind::Dog,
            Subject::Vase(_) => SubjectKind::Vase,
            Subject::Teapot(_) => SubjectKind::Teapot,
            Subject::Bird(_) => SubjectKind::Bird,
            Subject::Sneaker(_) => SubjectKind::Sneaker,
            Subject::Lighthouse => SubjectKind::Lighthouse,
        }
    }

    /// Whether this is a ceramic cat figurine, `TOK` or generic.
    pub fn is_figurine(self) -> bool {
        matches!(self, SubjectKind::Tok | SubjectKind::Figurine)
    }

    /// A short name for reports.
    pub fn name(self) -> &'static str {
        match self {
            SubjectKind::Tok => "TOK",
            SubjectKind::Figurine => "figurine",
            SubjectKind::RealCat => "cat",
            SubjectKind::Dog => "dog",
            SubjectKind::Vase => "vase",
            SubjectKind::Teapot => "teapot",
            SubjectKind::Bird => "bird",
            SubjectKind::Sneaker => "sneaker",
            SubjectKind::Lighthouse => "lighthouse",
        }
    }
}

/// The head index of a subject kind.
pub fn kind_index(kind: SubjectKind) -> usize {
    SubjectKind::ALL
        .iter()
        .position(|k| *k == kind)
        .unwrap_or_default()
}

/// The head index of a scene (the order of [`Scene::ALL`]).
pub fn scene_index(scene: Scene) -> usize {
    Scene::ALL
        .iter()
        .position(|s| *s == scene)
        .unwrap_or_default()
}

/// The head index of a style (the order of [`Style::ALL`]).
pub fn style_index(style: Style) -> usize {
    Style::ALL
        .iter()
        .position(|s| *s == style)
        .unwrap_or_default()
}

/// A short name for a scene.
pub fn scene_name(scene: Scene) -> &'static str {
    match scene {
        Scene::Windowsill => "windowsill",
        Scene::Beach => "beach",
        Scene::HarborPier => "harbor pier",
        Scene::SnowyField => "snowy field",
        Scene::Forest => "forest",
        Scene::KitchenTable => "kitchen table",
        Scene::Sofa => "sofa",
        Scene::CityStreet => "city street",
        Scene::Bicycle => "bicycle",
        Scene::NightSky => "night sky",
    }
}

/// A short name for a style.
pub fn style_name(style: Style) -> &'static str {
    match style {
        Style::Photo => "photo",
        Style::Painting => "painting",
        Style::Sketch => "sketch",
        Style::TokStyle => "TOKSTYLE",
    }
}

/// The four answers a spec should get, as head indices.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Labels {
    /// Index into [`SubjectKind::ALL`].
    pub kind: usize,
    /// Whether the subject is `TOK`.
    pub tok: bool,
    /// Index into [`Scene::ALL`].
    pub scene: usize,
    /// Index into [`Style::ALL`].
    pub style: usize,
}

impl Labels {
    /// The right answers for `spec`.
    pub fn of(spec: &SceneSpec) -> Labels {
        Labels {
            kind: kind_index(SubjectKind::of(spec.subject)),
            tok: spec.subject == Subject::Tok,
            scene: scene_index(spec.scene),
            style: style_index(spec.style),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indices_follow_the_head_order() {
        for (i, kind) in SubjectKind::ALL.into_iter().enumerate() {
            assert_eq!(kind_index(kind), i);
        }
        for (i, scene) in Scene::ALL.into_iter().enumerate() {
            assert_eq!(scene_index(scene), i);
        }
        for (i, style) in Style::ALL.into_iter().enumerate() {
            assert_eq!(style_index(style), i);
        }
        for subject in Subject::generic() {
            assert_ne!(SubjectKind::of(subject), SubjectKind::Tok);
        }
    }
}
