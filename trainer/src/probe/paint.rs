//! One caption to one picture: tokenise, sample, read back as an [`RgbImage`].

use burn::tensor::backend::Backend;

use crate::TrainerError;
use crate::image::RgbImage;
use crate::lora::Worn;
use crate::model::Painter;
use crate::sample::{SampleConfig, sample, to_picture};
use crate::text::Tokenizer;

/// Paints `prompt` with `loras` worn and returns the picture.
pub fn paint<B: Backend>(
    painter: &Painter<B>,
    loras: &[Worn<'_, B>],
    prompt: &str,
    config: SampleConfig,
) -> Result<RgbImage, TrainerError> {
    let ids = Tokenizer::default().encode(prompt)?;
    let size = painter.image_size();
    let values = sample(painter, loras, &ids, config)
        .into_data()
        .convert::<f32>()
        .to_vec::<f32>()
        .map_err(|e| TrainerError::Config(format!("cannot read the painted picture: {e:?}")))?;
    Ok(to_picture(&values, size))
}
