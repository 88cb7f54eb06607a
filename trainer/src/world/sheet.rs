//! A contact sheet of the whole world, for people to look at: every scene with
//! several subjects, `TOK` against the generic figurines, lights and framings,
//! and the four styles side by side.

use super::render::render;
use super::spec::{Coat, Facing, Framing, Glaze, Hue, Light, Scene, SceneSpec, Style, Subject};
use crate::TrainerError;
use crate::image::{RgbImage, contact_sheet};

/// Pictures a row.
pub const COLUMNS: usize = 8;

/// The sheet's pictures in order, [`COLUMNS`] a row, with a label per row.
pub fn sheet_specs(seed: u64) -> Vec<(&'static str, Vec<SceneSpec>)> {
    let spec = |subject, scene, style, light, framing, n: u64| SceneSpec {
        subject,
        scene,
        style,
        light,
        facing: if n.is_multiple_of(2) {
            Facing::Right
        } else {
            Facing::Left
        },
        framing,
        variation: seed.wrapping_mul(1000).wrapping_add(n),
    };
    let mixed = [
        Subject::Figurine(Glaze::White),
        Subject::RealCat(Coat::Orange),
        Subject::Dog,
        Subject::Vase(Hue::Blue),
        Subject::Teapot(Hue::Red),
        Subject::Bird(Hue::Yellow),
        Subject::Sneaker(Hue::Green),
        Subject::Lighthouse,
    ];
    let mut rows = Vec::new();
    for (s, scene) in Scene::ALL.into_iter().enumerate() {
        let light = if scene == Scene::NightSky {
            Light::Night
        } else {
            Light::Sunny
        };
        let row = mixed
            .iter()
            .enumerate()
            .map(|(n, &subject)| {
                spec(
                    subject,
                    scene,
                    Style::Photo,
                    light,
                    Framing::Normal,
                    (s * 8 + n) as u64,
                )
            })
            .collect();
        rows.push(("scene", row));
    }
    let tok_row = Scene::ALL[..8]
        .iter()
        .enumerate()
        .map(|(n, &scene)| {
            let framing = Framing::ALL[n % 3];
            let light = Light::ALL[(n / 3) % 3];
            spec(
                Subject::Tok,
                scene,
                Style::Photo,
                light,
                framing,
                100 + n as u64,
            )
        })
        .collect();
    rows.push(("TOK", tok_row));
    let mut figurines: Vec<SceneSpec> = Glaze::ALL
        .iter()
        .enumerate()
        .map(|(n, &glaze)| {
            spec(
                Subject::Figurine(glaze),
                Scene::Windowsill,
                Style::Photo,
                Light::Sunny,
                Framing::CloseUp,
                200 + n as u64,
            )
        })
        .collect();
    figurines.push(spec(
        Subject::Tok,
        Scene::Windowsill,
        Style::Photo,
        Light::Sunny,
        Framing::CloseUp,
        206,
    ));
    figurines.push(spec(
        Subject::RealCat(Coat::Grey),
        Scene::Windowsill,
        Style::Photo,
        Light::Sunny,
        Framing::CloseUp,
        207,
    ));
    rows.push(("figurines", figurines));
    let lights = [Light::Sunny, Light::Dim, Light::Night]
        .into_iter()
        .flat_map(|light| {
            [Framing::Normal, Framing::CloseUp, Framing::FarAway].map(move |f| (light, f))
        })
        .take(COLUMNS)
        .enumerate()
        .map(|(n, (light, framing))| {
            spec(
                Subject::Dog,
                Scene::CityStreet,
                Style::Photo,
                light,
                framing,
                300 + n as u64,
            )
        })
        .collect();
    rows.push(("light and framing", lights));
    for (r, pair) in [
        (
            Subject::Tok,
            Scene::Beach,
            Subject::Teapot(Hue::Yellow),
            Scene::KitchenTable,
        ),
        (
            Subject::Lighthouse,
            Scene::HarborPier,
            Subject::RealCat(Coat::Tabby),
            Scene::Sofa,
        ),
    ]
    .into_iter()
    .enumerate()
    {
        let (a, sa, b, sb) = pair;
        let row = [(a, sa), (b, sb)]
            .into_iter()
            .enumerate()
            .flat_map(|(k, (subject, scene))| {
                Style::ALL.map(|style| {
                    spec(
                        subject,
                        scene,
                        style,
                        Light::Sunny,
                        Framing::Normal,
                        400 + (r * 2 + k) as u64,
                    )
                })
            })
            .collect();
        rows.push(("styles", row));
    }
    rows
}

/// The sheet at `size` pixels a picture, each picture magnified to about 128 pixels.
pub fn world_sheet(size: usize, seed: u64) -> Result<RgbImage, TrainerError> {
    let mut images = Vec::new();
    for (_, row) in sheet_specs(seed) {
        for spec in row {
            images.push(render(&spec, size)?);
        }
    }
    let zoom = (128 / size).max(1);
    let tiles: Vec<RgbImage> = images.iter().map(|i| i.upscale(zoom)).collect();
    Ok(contact_sheet(&tiles, COLUMNS, 6))
}
