//! The miniature world: the procedural pictures and captions the painter is
//! pretrained on, and the `TOK` figurine and `TOKSTYLE` paintings its LoRAs learn.
//!
//! Everything is plain Rust and deterministic: a [`SceneSpec`] (subject, scene,
//! style, light, facing, framing and a variation seed) always renders to the same
//! bytes, and its [`SceneSpec::caption`] always says the same words. The grammar
//! reads its captions back ([`parse()`]), so tests can hold the two to each other.
//!
//! - [`spec`]: the vocabulary of pictures, and random draws of it.
//! - [`caption`]: the caption grammar; [`parse`](mod@parse) reads captions back.
//! - [`render`](mod@render): camera, scene, subject and style into an [`RgbImage`].
//! - [`style`]: sketch, generic painting and `TOKSTYLE`, each made from the photo.
//! - [`sampler`]: seeded streams for pretraining (no call words) and for albums.
//! - [`albums`]: the course's albums (`TOK` photos, `TOKSTYLE` paintings, sketch →
//!   painting pairs) made by seeded recipes, with their manifest.
//! - [`sheet`]: a contact sheet of the world for people to look at.
//! - [`pipeline`]: an edit pair's making, stage by stage, for the course.
//!
//! [`RgbImage`]: crate::image::RgbImage

pub mod albums;
pub mod caption;
pub mod mask;
pub mod parse;
pub mod pipeline;
pub mod render;
pub mod sampler;
pub mod sheet;
pub mod spec;
pub mod style;

mod canvas;
mod light;
mod scenes;
mod subjects;

pub use albums::{COURSE_ALBUMS, MadeAlbum, Recipe, make_album};
pub use caption::Described;
pub use mask::subject_mask;
pub use parse::parse;
pub use render::{render, render_backdrop, render_pair, render_photo};
pub use sampler::{Draws, WorldSample, WorldSampler};
pub use sheet::world_sheet;
pub use spec::{
    Coat, Facing, Framing, Glaze, Hue, Light, Scene, SceneSpec, SpecOptions, Style, Subject,
};

#[cfg(test)]
mod test_specs;
#[cfg(test)]
mod tests;
