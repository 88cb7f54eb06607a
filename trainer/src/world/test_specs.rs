//! How the world's tests name one picture.

use super::spec::{Facing, Framing, Light, Scene, SceneSpec, Style, Subject};

impl SceneSpec {
    /// A spec facing left with variation 0: the tests' way to name one picture.
    pub(crate) fn plain(
        subject: Subject,
        scene: Scene,
        style: Style,
        light: Light,
        framing: Framing,
    ) -> Self {
        Self {
            subject,
            scene,
            style,
            light,
            facing: Facing::Left,
            framing,
            variation: 0,
        }
    }
}
