//! Tests of the world as a whole: determinism, every scene and subject visible,
//! and styles that are what they claim to be.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

use super::render::render_backdrop;
use super::*;
use crate::image::RgbImage;

fn spec(subject: Subject, scene: Scene) -> SceneSpec {
    SceneSpec {
        subject,
        scene,
        style: Style::Photo,
        light: Light::Sunny,
        facing: Facing::Right,
        framing: Framing::Normal,
        variation: 42,
    }
}

fn hash(image: &RgbImage) -> u64 {
    let mut h = DefaultHasher::new();
    image.pixels.hash(&mut h);
    h.finish()
}

fn luma(c: [u8; 3]) -> f32 {
    (0.299 * c[0] as f32 + 0.587 * c[1] as f32 + 0.114 * c[2] as f32) / 255.0
}

fn variance(image: &RgbImage) -> f32 {
    let values: Vec<f32> = image.pixels.iter().map(|&v| v as f32).collect();
    let mean = values.iter().sum::<f32>() / values.len() as f32;
    values.iter().map(|v| (v - mean).powi(2)).sum::<f32>() / values.len() as f32
}

/// The share of pixels that differ clearly between two pictures.
fn changed(a: &RgbImage, b: &RgbImage) -> f32 {
    let n = (0..a.width * a.height)
        .filter(|&i| {
            let (p, q) = (
                a.get(i % a.width, i / a.width),
                b.get(i % a.width, i / a.width),
            );
            (0..3).map(|k| p[k].abs_diff(q[k]) as u32).sum::<u32>() > 40
        })
        .count();
    n as f32 / (a.width * a.height) as f32
}

#[test]
fn the_same_spec_gives_the_same_bytes_and_other_seeds_differ() {
    let mut rng = <rand_chacha::ChaCha8Rng as rand::SeedableRng>::seed_from_u64(11);
    let options = SpecOptions {
        allow_tok: true,
        allow_tokstyle: true,
    };
    for _ in 0..40 {
        let spec = SceneSpec::random(&mut rng, options);
        for size in [32, 64] {
            let a = render(&spec, size).expect("renders");
            let b = render(&spec, size).expect("renders");
            assert_eq!(hash(&a), hash(&b), "{spec:?}");
            assert_eq!(
                (a.width, a.height, a.pixels.len()),
                (size, size, size * size * 3)
            );
            let other = SceneSpec {
                variation: spec.variation ^ 1,
                ..spec
            };
            assert_ne!(hash(&a), hash(&render(&other, size).expect("renders")));
        }
    }
    let stream = |seed| {
        let mut sampler = WorldSampler::pretraining(seed, 32);
        (0..5)
            .map(|_| hash(&sampler.next_sample().expect("renders").image))
            .collect::<Vec<_>>()
    };
    assert_eq!(stream(5), stream(5));
    assert_ne!(stream(5), stream(6));
}

#[test]
fn every_scene_and_subject_renders_something_visible() {
    let mut subjects = Subject::generic();
    subjects.push(Subject::Tok);
    for scene in Scene::ALL {
        for &subject in &subjects {
            let spec = spec(subject, scene);
            let photo = render_photo(&spec, 32).expect("renders");
            assert!(variance(&photo) > 200.0, "{spec:?} is nearly flat");
            let backdrop = render_backdrop(&spec, 32).expect("renders");
            assert!(variance(&backdrop) > 200.0, "{scene:?} has no props");
            let share = changed(&photo, &backdrop);
            assert!(
                (0.015..0.6).contains(&share),
                "{subject:?} in {scene:?} changes {share} of the picture"
            );
        }
    }
}

#[test]
fn scenes_differ_from_each_other() {
    let backdrops: Vec<RgbImage> = Scene::ALL
        .iter()
        .map(|&scene| render_backdrop(&spec(Subject::Dog, scene), 32).expect("renders"))
        .collect();
    for (i, a) in backdrops.iter().enumerate() {
        for b in &backdrops[i + 1..] {
            assert!(changed(a, b) > 0.3, "two scenes look alike");
        }
    }
}

#[test]
fn tok_differs_from_every_generic_figurine() {
    let tok = render(&spec(Subject::Tok, Scene::Windowsill), 32).expect("renders");
    for glaze in Glaze::ALL {
        let generic =
            render(&spec(Subject::Figurine(glaze), Scene::Windowsill), 32).expect("renders");
        assert!(changed(&tok, &generic) > 0.03, "{glaze:?} looks like TOK");
    }
}

#[test]
fn framing_and_light_change_the_picture() {
    let base = spec(Subject::Vase(Hue::Red), Scene::CityStreet);
    let normal = render(&base, 32).expect("renders");
    for other in [
        SceneSpec {
            framing: Framing::CloseUp,
            ..base
        },
        SceneSpec {
            framing: Framing::FarAway,
            ..base
        },
        SceneSpec {
            light: Light::Dim,
            ..base
        },
        SceneSpec {
            light: Light::Night,
            ..base
        },
    ] {
        assert!(
            changed(&normal, &render(&other, 32).expect("renders")) > 0.03,
            "{other:?}"
        );
    }
    let mean = |image: &RgbImage| {
        image.pixels.iter().map(|&v| v as f32).sum::<f32>() / image.pixels.len() as f32
    };
    let night = render(
        &SceneSpec {
            light: Light::Night,
            ..base
        },
        32,
    )
    .expect("renders");
    assert!(mean(&night) < mean(&normal) * 0.6, "night is darker");
}

#[test]
fn the_sketch_is_traced_from_the_photo() {
    let base = spec(Subject::Teapot(Hue::Blue), Scene::KitchenTable);
    let photo = render(&base, 64).expect("renders");
    let sketch = render(&base.with_style(Style::Sketch), 64).expect("renders");
    assert_eq!(
        sketch,
        style::sketch(&photo),
        "the sketch is a function of the photo"
    );
    let (w, h) = (photo.width, photo.height);
    let mut light = 0;
    let (mut edge_at_dark, mut dark, mut edge_at_light) = (0.0, 0, 0.0);
    for y in 1..h - 1 {
        for x in 1..w - 1 {
            let s = sketch.get(x, y);
            let spread = (s[0].abs_diff(s[1]) as u32) + (s[1].abs_diff(s[2]) as u32);
            assert!(spread < 30, "pencil is grey");
            let edge = (luma(photo.get(x + 1, y)) - luma(photo.get(x - 1, y))).abs()
                + (luma(photo.get(x, y + 1)) - luma(photo.get(x, y - 1))).abs();
            if luma(s) > 0.8 {
                light += 1;
                edge_at_light += edge;
            } else if luma(s) < 0.6 {
                dark += 1;
                edge_at_dark += edge;
            }
        }
    }
    let inner = (w - 2) * (h - 2);
    assert!(light * 10 > inner * 6, "mostly paper: {light} of {inner}");
    assert!(dark * 50 > inner, "some strokes: {dark}");
    let (at_dark, at_light) = (edge_at_dark / dark as f32, edge_at_light / light as f32);
    assert!(
        at_dark > 3.0 * at_light,
        "strokes sit on edges: {at_dark} vs {at_light}"
    );
    let (from, to) = render_pair(&base, Style::Sketch, Style::TokStyle, 64).expect("renders");
    assert_eq!(from, sketch);
    assert_eq!(
        to,
        render(&base.with_style(Style::TokStyle), 64).expect("renders")
    );
    let blank = style::sketch(&RgbImage::filled(32, 32, [200, 180, 160]));
    assert!(
        blank
            .pixels
            .chunks(3)
            .all(|c| luma([c[0], c[1], c[2]]) > 0.85),
        "no edges, no lines"
    );
}

#[test]
fn tokstyle_has_outlines_and_few_colours_and_is_not_the_generic_painting() {
    let base = spec(Subject::Lighthouse, Scene::HarborPier);
    let photo = render(&base, 64).expect("renders");
    let tok = render(&base.with_style(Style::TokStyle), 64).expect("renders");
    let painting = render(&base.with_style(Style::Painting), 64).expect("renders");
    let outline = tok.pixels.chunks(3).filter(|c| c == &[24, 18, 30]).count();
    assert!(outline * 20 > 64 * 64, "thick dark outlines: {outline}");
    assert_eq!(
        painting
            .pixels
            .chunks(3)
            .filter(|c| c == &[24, 18, 30])
            .count(),
        0
    );
    assert!(changed(&tok, &painting) > 0.3);
    assert!(changed(&tok, &photo) > 0.3);
    assert!(
        changed(&painting, &photo) < changed(&tok, &photo),
        "the generic painting stays near the photo"
    );
}

#[test]
fn sizes_out_of_range_are_refused() {
    let spec = spec(Subject::Dog, Scene::Beach);
    assert!(render(&spec, 8).is_err());
    assert!(render(&spec, 4096).is_err());
    assert_eq!(render(&spec, 48).expect("any size in range").width, 48);
}

#[test]
fn the_sheet_has_every_scene_and_the_styles() {
    let rows = sheet::sheet_specs(1);
    assert!(rows.iter().all(|(_, row)| row.len() == sheet::COLUMNS));
    for scene in Scene::ALL {
        assert!(
            rows.iter()
                .any(|(_, row)| row.iter().any(|s| s.scene == scene))
        );
    }
    for style in Style::ALL {
        assert!(
            rows.iter()
                .any(|(_, row)| row.iter().any(|s| s.style == style))
        );
    }
    let sheet = world_sheet(32, 1).expect("renders");
    assert_eq!(sheet.width, 8 * 128 + 9 * 6);
}

#[test]
fn a_small_tokstyle_picture_is_the_double_size_painting_averaged_down() {
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;
    let spec = SceneSpec::random_tokstyle(&mut ChaCha8Rng::seed_from_u64(5));
    let small = render(&spec, 32).expect("renders");
    let large = render(&spec, 64).expect("renders");
    assert_eq!(small, large.downscale(2));
    // The photo itself is still drawn at the size asked.
    let photo = render(&spec.with_style(Style::Photo), 32).expect("renders");
    assert_eq!((photo.width, photo.height), (32, 32));
}
