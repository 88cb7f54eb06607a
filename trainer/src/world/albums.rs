//! The course's albums, made from the world by recipe: the `TOK` photos a subject
//! LoRA learns from, the `TOKSTYLE` paintings a style LoRA learns from, and the
//! sketch → painting pairs an edit LoRA learns from.
//!
//! A recipe decides which [`SceneSpec`]s an album holds; the renderer and the
//! caption grammar do the rest, so pictures and captions always agree. Every
//! recipe is a pure function of `(count, seed)`: the same arguments give the same
//! specs, the same pixels and the same zip bytes, and no two pictures of one album
//! share a spec.
//!
//! - [`Recipe::Tok`]: photos of `TOK`, every other one on a sunny windowsill and
//!   the rest on a kitchen table or a sofa (the pattern `windowsill, kitchen table,
//!   windowsill, sofa` repeats), so a LoRA that memorises can leak the windowsill
//!   into other scenes, as real trainings do. Smaller albums are prefixes of
//!   larger ones with the same seed: `tok-8` is the first 8 photos of `tok-20`.
//! - [`Recipe::TokTriggerOnly`] and [`Recipe::TokNoTrigger`]: the same photos
//!   as [`Recipe::Tok`], captioned with the call word alone (`TOK`) or with full
//!   captions that leave the call word out ("a photo of a ceramic cat figurine
//!   sitting on …"), for the course's caption experiment.
//! - [`Recipe::TokStyle`]: `TOKSTYLE` paintings of generic subjects, dealt from
//!   shuffled decks of subjects and scenes so the set covers the world evenly.
//! - [`Recipe::Edit`]: generic subjects as pairs made from one photo: the pencil
//!   sketch (`_start`) and the painting (`_end`), captioned as the painting.
//!
//! Neither the style nor the edit recipe ever draws the `TOK` figurine.

use std::collections::HashSet;

use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::render::render_pair;
use super::spec::{Facing, Framing, Light, Scene, SceneSpec, Style, Subject};
use crate::TrainerError;
use crate::album::{AlbumError, AlbumFile, AlbumKind, write_zip};
use crate::image::{RgbImage, contact_sheet};

pub mod manifest;

#[cfg(test)]
mod tests;

/// How many times larger than the pictures a contact sheet shows them.
pub const SHEET_ZOOM: usize = 4;

/// The albums the course ships, in the order they are written.
pub const COURSE_ALBUMS: [(Recipe, usize); 7] = [
    (Recipe::Tok, 20),
    (Recipe::Tok, 8),
    (Recipe::Tok, 40),
    (Recipe::TokTriggerOnly, 20),
    (Recipe::TokNoTrigger, 20),
    (Recipe::TokStyle, 30),
    (Recipe::Edit, 15),
];

/// Which album a recipe makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Recipe {
    /// Photos of the `TOK` figurine: half on a sunny windowsill.
    Tok,
    /// The `TOK` photos, each captioned `TOK` and nothing else.
    TokTriggerOnly,
    /// The `TOK` photos with full captions that never say `TOK`.
    TokNoTrigger,
    /// `TOKSTYLE` paintings of generic subjects.
    TokStyle,
    /// Pencil sketch → painting pairs of generic subjects.
    Edit,
}

impl Recipe {
    /// The name used in file names and the manifest.
    pub fn name(self) -> &'static str {
        match self {
            Recipe::Tok => "tok",
            Recipe::TokTriggerOnly => "tok-trigger-only",
            Recipe::TokNoTrigger => "tok-no-trigger",
            Recipe::TokStyle => "tokstyle",
            Recipe::Edit => "edit",
        }
    }

    /// How the album's files pair up when it is loaded.
    pub fn kind(self) -> AlbumKind {
        match self {
            Recipe::Tok | Recipe::TokTriggerOnly | Recipe::TokNoTrigger => AlbumKind::Subject,
            Recipe::TokStyle => AlbumKind::Style,
            Recipe::Edit => AlbumKind::Edit,
        }
    }

    /// The recipe whose pictures this one shows (itself but for caption variants).
    fn photos(self) -> Recipe {
        match self {
            Recipe::TokTriggerOnly | Recipe::TokNoTrigger => Recipe::Tok,
            other => other,
        }
    }

    /// The caption this recipe gives the picture of `spec`.
    pub fn caption(self, spec: &SceneSpec) -> String {
        match self {
            Recipe::TokTriggerOnly => "TOK".to_owned(),
            Recipe::TokNoTrigger => spec.caption().replacen("TOK ", "a ", 1),
            _ => spec.caption(),
        }
    }

    /// The specs of an album of `count` pictures, all different.
    pub fn specs(self, count: usize, seed: u64) -> Vec<SceneSpec> {
        // Each recipe reads its own stream of the seed, so changing one recipe
        // never moves another's pictures; the caption variants share `Tok`'s.
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        rng.set_stream(match self.photos() {
            Recipe::TokStyle => 2,
            Recipe::Edit => 3,
            _ => 1,
        });
        let mut seen = HashSet::new();
        let mut deck = Decks::default();
        let mut specs = Vec::with_capacity(count);
        while specs.len() < count {
            let index = specs.len();
            let spec = match self {
                Recipe::Tok | Recipe::TokTriggerOnly | Recipe::TokNoTrigger => {
                    tok_spec(&mut rng, index)
                }
                Recipe::TokStyle => generic_spec(&mut rng, &mut deck, Style::TokStyle),
                Recipe::Edit => generic_spec(&mut rng, &mut deck, Style::Painting),
            };
            if seen.insert(spec) {
                specs.push(spec);
            }
        }
        specs
    }
}

/// One picture of an album, as data and pixels.
#[derive(Clone, Debug, PartialEq)]
pub struct AlbumPicture {
    /// The name inside the album, without extension (`tok_01`).
    pub stem: String,
    /// What it shows.
    pub spec: SceneSpec,
    /// Its caption (for an edit pair, the painting's).
    pub caption: String,
    /// For an edit pair, the pencil sketch the edit starts from.
    pub start: Option<RgbImage>,
    /// The picture (for an edit pair, the painting it ends at).
    pub image: RgbImage,
}

/// An album made by a recipe: its pictures, and what made them.
#[derive(Clone, Debug, PartialEq)]
pub struct MadeAlbum {
    /// The recipe.
    pub recipe: Recipe,
    /// The seed it was made with.
    pub seed: u64,
    /// Side of every picture, in pixels.
    pub size: usize,
    /// The pictures, in name order.
    pub pictures: Vec<AlbumPicture>,
}

/// Makes the album of `count` pictures of `recipe` at `size × size`.
pub fn make_album(
    recipe: Recipe,
    count: usize,
    size: usize,
    seed: u64,
) -> Result<MadeAlbum, TrainerError> {
    let pictures = recipe
        .specs(count, seed)
        .into_iter()
        .enumerate()
        .map(|(n, spec)| {
            let stem = format!("{}_{:02}", recipe.name(), n + 1);
            let (start, image) = match recipe {
                Recipe::Edit => {
                    let (sketch, painting) = render_pair(&spec, Style::Sketch, spec.style, size)?;
                    (Some(sketch), painting)
                }
                Recipe::Tok | Recipe::TokTriggerOnly | Recipe::TokNoTrigger | Recipe::TokStyle => {
                    (None, render_pair(&spec, spec.style, spec.style, size)?.1)
                }
            };
            Ok(AlbumPicture {
                stem,
                caption: recipe.caption(&spec),
                spec,
                start,
                image,
            })
        })
        .collect::<Result<_, TrainerError>>()?;
    Ok(MadeAlbum {
        recipe,
        seed,
        size,
        pictures,
    })
}

impl MadeAlbum {
    /// `tok-20`: the recipe and how many examples.
    pub fn name(&self) -> String {
        format!("{}-{}", self.recipe.name(), self.pictures.len())
    }

    /// The specs it shows, in name order.
    pub fn specs(&self) -> Vec<SceneSpec> {
        self.pictures.iter().map(|p| p.spec).collect()
    }

    /// Its files, ready for [`write_zip`] or [`crate::album::write_folder`].
    pub fn files(&self) -> Vec<AlbumFile> {
        self.pictures
            .iter()
            .map(|p| AlbumFile {
                stem: p.stem.clone(),
                image: p.image.to_chw(),
                start: p.start.as_ref().map(RgbImage::to_chw),
                caption: Some(p.caption.clone()),
            })
            .collect()
    }

    /// The album as zip bytes, the same bytes for the same recipe, count, size and seed.
    pub fn zip(&self) -> Result<Vec<u8>, AlbumError> {
        write_zip(&self.files())
    }

    /// Every picture magnified [`SHEET_ZOOM`] times (nearest neighbour) in a grid;
    /// an edit pair shows its sketch and its painting side by side.
    pub fn sheet(&self) -> RgbImage {
        let tiles: Vec<RgbImage> = self
            .pictures
            .iter()
            .map(|p| {
                let end = p.image.upscale(SHEET_ZOOM);
                match &p.start {
                    None => end,
                    Some(start) => {
                        let gap = SHEET_ZOOM;
                        let mut pair =
                            RgbImage::filled(2 * end.width + gap, end.height, [40, 40, 44]);
                        pair.paste(&start.upscale(SHEET_ZOOM), 0, 0);
                        pair.paste(&end, end.width + gap, 0);
                        pair
                    }
                }
            })
            .collect();
        let columns = if self.recipe == Recipe::Edit {
            3
        } else {
            sheet_columns(tiles.len())
        };
        contact_sheet(&tiles, columns, 3 * SHEET_ZOOM)
    }
}

/// The hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Columns for a grid of `n` tiles: about √n, preferring a count that fills
/// every row.
fn sheet_columns(n: usize) -> usize {
    let mut root = n.isqrt();
    if root * root < n {
        root += 1;
    }
    let root = root.max(1);
    (root..=2 * root)
        .find(|c| n.is_multiple_of(*c))
        .unwrap_or(root)
}

/// The scene of the `index`-th `TOK` photo: half windowsill, a quarter each kitchen
/// table and sofa, in a pattern every multiple of four keeps exactly.
pub fn tok_scene(index: usize) -> Scene {
    match index % 4 {
        1 => Scene::KitchenTable,
        3 => Scene::Sofa,
        _ => Scene::Windowsill,
    }
}

fn tok_spec(rng: &mut ChaCha8Rng, index: usize) -> SceneSpec {
    let scene = tok_scene(index);
    // The windowsill is always the sunny one: that is what a LoRA can memorise.
    let light = match (scene, rng.random_range(0..10)) {
        (Scene::Windowsill, _) | (_, 0..6) => Light::Sunny,
        (_, 6..9) => Light::Dim,
        _ => Light::Night,
    };
    // Far away, `TOK` is a few pixels tall: only in good light, or it is lost.
    let framing = match rng.random_range(0..20) {
        0..10 => Framing::Normal,
        10..17 => Framing::CloseUp,
        _ if light == Light::Sunny => Framing::FarAway,
        _ => Framing::Normal,
    };
    SceneSpec {
        subject: Subject::Tok,
        scene,
        style: Style::Photo,
        light,
        facing: random_facing(rng),
        framing,
        variation: rng.random(),
    }
}

/// Shuffled decks of generic subjects and scenes, dealt in turn and reshuffled
/// when empty, so a set of pictures covers them evenly.
#[derive(Default)]
struct Decks {
    subjects: Vec<Subject>,
    scenes: Vec<Scene>,
}

impl Decks {
    fn deal(&mut self, rng: &mut ChaCha8Rng) -> (Subject, Scene) {
        if self.subjects.is_empty() {
            self.subjects = Subject::generic();
            self.subjects.shuffle(rng);
        }
        if self.scenes.is_empty() {
            self.scenes = Scene::ALL.to_vec();
            self.scenes.shuffle(rng);
        }
        let subject = self.subjects.pop().unwrap_or(Subject::Lighthouse);
        let scene = self.scenes.pop().unwrap_or(Scene::Windowsill);
        (subject, scene)
    }
}

fn generic_spec(rng: &mut ChaCha8Rng, decks: &mut Decks, style: Style) -> SceneSpec {
    let (subject, scene) = decks.deal(rng);
    // Night comes only with the night sky: elsewhere it leaves a dark square with
    // little to paint and, in a sketch, almost no lines.
    let light = if scene == Scene::NightSky {
        Light::Night
    } else if rng.random_range(0..4) == 0 {
        Light::Dim
    } else {
        Light::Sunny
    };
    // Far-away pictures lose the subject in a sketch, so edits use them rarely.
    let far = if style == Style::Painting { 1 } else { 3 };
    let framing = match rng.random_range(0..20) {
        n if n < far => Framing::FarAway,
        n if n < 14 => Framing::Normal,
        _ => Framing::CloseUp,
    };
    SceneSpec {
        subject,
        scene,
        style,
        light,
        facing: random_facing(rng),
        framing,
        variation: rng.random(),
    }
}

fn random_facing(rng: &mut ChaCha8Rng) -> Facing {
    if rng.random_bool(0.5) {
        Facing::Left
    } else {
        Facing::Right
    }
}
