//! What sunny, dim and night light do to colours.
//!
//! The light is a per-channel gain and a pull towards grey, applied to every
//! colour as it is drawn; lamps, stars and the moon are drawn unlit afterwards so
//! they shine. The subject gets a little more light than its surroundings so it
//! stays readable at night, as a photographer's fill light would.

use super::canvas::Lighting;
use crate::world::spec::Light;

/// The light on the scene.
pub(crate) fn scene_lighting(light: Light) -> Lighting {
    match light {
        Light::Sunny => Lighting {
            gain: [1.06, 1.02, 0.94],
            desaturate: 0.0,
        },
        Light::Dim => Lighting {
            gain: [0.62, 0.63, 0.68],
            desaturate: 0.35,
        },
        Light::Night => Lighting {
            gain: [0.3, 0.36, 0.58],
            desaturate: 0.45,
        },
    }
}

/// The light on the subject.
pub(crate) fn subject_lighting(light: Light) -> Lighting {
    match light {
        Light::Sunny => scene_lighting(light),
        Light::Dim => Lighting {
            gain: [0.72, 0.72, 0.76],
            desaturate: 0.25,
        },
        Light::Night => Lighting {
            gain: [0.6, 0.64, 0.86],
            desaturate: 0.3,
        },
    }
}
