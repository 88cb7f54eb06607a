//! The caption grammar: a [`SceneSpec`] in words, and words back to the facts.
//!
//! ```text
//! caption  = "a" STYLE "of" SUBJECT [POSE] PLACE [PROP] [LIGHT] [FRAMING]
//! STYLE    = "photo" | "painting" | "pencil sketch" | "TOKSTYLE painting"
//! SUBJECT  = "TOK ceramic cat figurine" | ART GLAZE "ceramic cat figurine"
//!          | ART "real" COAT "cat" | ART "dog" | ART HUE ("vase" | "teapot" | "bird" | "sneaker")
//!          | ART "lighthouse"
//! POSE     = "sitting"                      (cats, dog and bird, not on the bicycle)
//! PLACE    = "on a sunny windowsill" | "on a windowsill" | "on a beach" | ...
//!          | "riding a bicycle" | "under a night sky"
//! PROP     = "beside a potted plant" | "beside a striped towel" | "beside a cushion"
//!          | "with the moon and stars"
//! LIGHT    = "in dim light" | "at night"     (sunny is the unsaid default)
//! FRAMING  = "close up" | "far away"         (normal distance is unsaid)
//! ```
//!
//! Close-ups leave the prop phrase out (the prop may be out of frame). Every
//! caption fits [`MAX_TOKENS`]: when it would not, the prop phrase is left out,
//! then the pose. Every word is in the tokenizer's vocabulary (a test checks).
//! [`super::parse()`] reads captions back.

use super::spec::{Framing, Light, Scene, SceneSpec, Style, Subject};
use crate::text::MAX_TOKENS;

/// The facts a caption states (everything in a [`SceneSpec`] but facing and variation).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Described {
    /// Who or what.
    pub subject: Subject,
    /// Where.
    pub scene: Scene,
    /// How it is made.
    pub style: Style,
    /// The light (sunny when the caption says nothing).
    pub light: Light,
    /// The framing (normal when the caption says nothing).
    pub framing: Framing,
}

impl SceneSpec {
    /// The light the picture is really in: under a night sky it is always night.
    pub fn effective_light(&self) -> Light {
        if self.scene == Scene::NightSky {
            Light::Night
        } else {
            self.light
        }
    }

    /// The facts the caption states.
    pub fn described(&self) -> Described {
        Described {
            subject: self.subject,
            scene: self.scene,
            style: self.style,
            light: self.effective_light(),
            framing: self.framing,
        }
    }

    /// The caption, at most [`MAX_TOKENS`] words, all in the vocabulary.
    pub fn caption(&self) -> String {
        let light = self.effective_light();
        let mut head = vec!["a"];
        head.extend(style_words(self.style));
        head.push("of");
        head.extend(subject_words(self.subject));
        let pose: &[&str] = if self.subject.sits() && self.scene != Scene::Bicycle {
            &["sitting"]
        } else {
            &[]
        };
        let place = place_words(self.scene, light);
        // A close-up may leave the props out of frame, so it does not mention them.
        let prop = if self.framing == Framing::CloseUp {
            &[]
        } else {
            prop_words(self.scene)
        };
        let mut tail: Vec<&str> = Vec::new();
        match light {
            Light::Dim => tail.extend(["in", "dim", "light"]),
            Light::Night if self.scene != Scene::NightSky => tail.extend(["at", "night"]),
            _ => {}
        }
        tail.extend(framing_words(self.framing));
        let fixed = head.len() + place.len() + tail.len();
        let with_prop = fixed + pose.len() + prop.len() <= MAX_TOKENS;
        let with_pose = fixed + pose.len() <= MAX_TOKENS;
        let mut words = head;
        if with_pose {
            words.extend(pose);
        }
        words.extend(place);
        if with_prop {
            words.extend(prop);
        }
        words.extend(tail);
        words.join(" ")
    }
}

fn article(next: &str) -> &'static str {
    if next.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

pub(super) fn style_words(style: Style) -> Vec<&'static str> {
    match style {
        Style::Photo => vec!["photo"],
        Style::Painting => vec!["painting"],
        Style::Sketch => vec!["pencil", "sketch"],
        Style::TokStyle => vec!["TOKSTYLE", "painting"],
    }
}

pub(super) fn subject_words(subject: Subject) -> Vec<&'static str> {
    let with_article = |first: &'static str, rest: &[&'static str]| {
        let mut words = vec![article(first), first];
        words.extend_from_slice(rest);
        words
    };
    match subject {
        Subject::Tok => vec!["TOK", "ceramic", "cat", "figurine"],
        Subject::Figurine(glaze) => with_article(glaze.word(), &["ceramic", "cat", "figurine"]),
        Subject::RealCat(coat) => with_article("real", &[coat.word(), "cat"]),
        Subject::Dog => with_article("dog", &[]),
        Subject::Vase(hue) => with_article(hue.word(), &["vase"]),
        Subject::Teapot(hue) => with_article(hue.word(), &["teapot"]),
        Subject::Bird(hue) => with_article(hue.word(), &["bird"]),
        Subject::Sneaker(hue) => with_article(hue.word(), &["sneaker"]),
        Subject::Lighthouse => with_article("lighthouse", &[]),
    }
}

pub(super) fn place_words(scene: Scene, light: Light) -> Vec<&'static str> {
    let words: &[&str] = match scene {
        Scene::Windowsill if light == Light::Sunny => &["on", "a", "sunny", "windowsill"],
        Scene::Windowsill => &["on", "a", "windowsill"],
        Scene::Beach => &["on", "a", "beach"],
        Scene::HarborPier => &["on", "a", "harbor", "pier"],
        Scene::SnowyField => &["in", "a", "snowy", "field"],
        Scene::Forest => &["in", "a", "forest"],
        Scene::KitchenTable => &["on", "a", "kitchen", "table"],
        Scene::Sofa => &["on", "a", "sofa"],
        Scene::CityStreet => &["on", "a", "city", "street"],
        Scene::Bicycle => &["riding", "a", "bicycle"],
        Scene::NightSky => &["under", "a", "night", "sky"],
    };
    words.to_vec()
}

pub(super) fn prop_words(scene: Scene) -> &'static [&'static str] {
    match scene {
        Scene::Windowsill => &["beside", "a", "potted", "plant"],
        Scene::Beach => &["beside", "a", "striped", "towel"],
        Scene::Sofa => &["beside", "a", "cushion"],
        Scene::NightSky => &["with", "the", "moon", "and", "stars"],
        _ => &[],
    }
}

pub(super) fn framing_words(framing: Framing) -> &'static [&'static str] {
    match framing {
        Framing::Normal => &[],
        Framing::CloseUp => &["close", "up"],
        Framing::FarAway => &["far", "away"],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::world::spec::{Glaze, Hue};

    #[test]
    fn captions_read_like_the_examples() {
        let cases = [
            (
                SceneSpec::plain(
                    Subject::Dog,
                    Scene::HarborPier,
                    Style::Photo,
                    Light::Night,
                    Framing::Normal,
                ),
                "a photo of a dog sitting on a harbor pier at night",
            ),
            (
                SceneSpec::plain(
                    Subject::Tok,
                    Scene::Windowsill,
                    Style::Photo,
                    Light::Sunny,
                    Framing::Normal,
                ),
                "a photo of TOK ceramic cat figurine sitting on a sunny windowsill beside a potted plant",
            ),
            (
                SceneSpec::plain(
                    Subject::Lighthouse,
                    Scene::Beach,
                    Style::TokStyle,
                    Light::Sunny,
                    Framing::FarAway,
                ),
                "a TOKSTYLE painting of a lighthouse on a beach beside a striped towel far away",
            ),
            (
                SceneSpec::plain(
                    Subject::Teapot(Hue::Blue),
                    Scene::KitchenTable,
                    Style::Sketch,
                    Light::Dim,
                    Framing::CloseUp,
                ),
                "a pencil sketch of a blue teapot on a kitchen table in dim light close up",
            ),
            (
                SceneSpec::plain(
                    Subject::Figurine(Glaze::Orange),
                    Scene::Bicycle,
                    Style::Painting,
                    Light::Sunny,
                    Framing::Normal,
                ),
                "a painting of an orange ceramic cat figurine riding a bicycle",
            ),
        ];
        for (spec, caption) in cases {
            assert_eq!(spec.caption(), caption);
        }
    }

    #[test]
    fn close_ups_never_name_a_prop() {
        let close = SceneSpec::plain(
            Subject::Dog,
            Scene::Beach,
            Style::Photo,
            Light::Sunny,
            Framing::CloseUp,
        );
        assert_eq!(
            close.caption(),
            "a photo of a dog sitting on a beach close up"
        );
        let far = SceneSpec {
            framing: Framing::FarAway,
            ..close
        };
        assert_eq!(
            far.caption(),
            "a photo of a dog sitting on a beach beside a striped towel far away"
        );
    }

    #[test]
    fn long_captions_drop_the_prop_then_the_pose() {
        let long = SceneSpec::plain(
            Subject::Figurine(Glaze::Orange),
            Scene::NightSky,
            Style::TokStyle,
            Light::Night,
            Framing::CloseUp,
        );
        assert_eq!(
            long.caption(),
            "a TOKSTYLE painting of an orange ceramic cat figurine sitting under a night sky close up"
        );
    }
}
