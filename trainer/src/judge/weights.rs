//! The judges' weights as `.safetensors` bytes: tensors in `f16` (half the size,
//! far finer than anything a verdict depends on), the network's shape and the
//! `TOK` temperature in the metadata.
//!
//! burn-store writes and reads the module in `f32`; this file re-encodes the
//! tensors to `f16` after saving and back to `f32` before loading. Loading is
//! all or nothing: every tensor must fill a layer and every layer must be filled.

use std::collections::HashMap;

use burn::tensor::backend::Backend;
use burn_store::{ModuleSnapshot, SafetensorsStore};
use safetensors::tensor::TensorView;

use super::net::{JudgeConfig, JudgeNet};
use crate::TrainerError;
use crate::lora::Precision;
use crate::lora::precision::{to_bytes, to_f32};

const CONFIG_KEY: &str = "sweetspot.judges";
const TEMPERATURE_KEY: &str = "sweetspot.judges.tok_temperature";

fn refuse(message: impl Into<String>) -> TrainerError {
    TrainerError::Judges(message.into())
}

/// Writes `net` with its shape and the `TOK` temperature, numbers in `precision`.
pub fn save<B: Backend>(
    net: &JudgeNet<B>,
    config: &JudgeConfig,
    temperature: f32,
    precision: Precision,
) -> Result<Vec<u8>, TrainerError> {
    let json = serde_json::to_string(config).map_err(|e| refuse(e.to_string()))?;
    let mut store = SafetensorsStore::from_bytes(None)
        .metadata(CONFIG_KEY, json)
        .metadata(TEMPERATURE_KEY, temperature.to_string());
    net.save_into(&mut store)
        .map_err(|e| refuse(format!("cannot serialise the judges: {e}")))?;
    let bytes = store
        .get_bytes()
        .map_err(|e| refuse(format!("cannot serialise the judges: {e}")))?;
    recode(&bytes, precision)
}

/// Rewrites every floating-point tensor of a `.safetensors` file in `precision`,
/// keeping names, shapes and metadata.
fn recode(bytes: &[u8], precision: Precision) -> Result<Vec<u8>, TrainerError> {
    let unreadable =
        |e: safetensors::SafeTensorError| refuse(format!("not a readable .safetensors file: {e}"));
    let (_, header) = safetensors::SafeTensors::read_metadata(bytes).map_err(unreadable)?;
    let file = safetensors::SafeTensors::deserialize(bytes).map_err(unreadable)?;
    let mut stored = Vec::new();
    for (name, view) in file.tensors() {
        let Some(values) = to_f32(view.dtype(), view.data()) else {
            return Err(refuse(format!("tensor `{name}` is not floating point")));
        };
        let (dtype, data) = to_bytes(&values, precision);
        stored.push((name, dtype, view.shape().to_vec(), data));
    }
    let mut views = Vec::with_capacity(stored.len());
    for (name, dtype, shape, data) in &stored {
        let view = TensorView::new(*dtype, shape.clone(), data)
            .map_err(|e| refuse(format!("tensor `{name}`: {e}")))?;
        views.push((name.clone(), view));
    }
    let metadata: Option<HashMap<String, String>> = header.metadata().clone();
    safetensors::serialize(views, metadata).map_err(|e| refuse(e.to_string()))
}

/// The shape and `TOK` temperature stored in a judges file.
pub fn header_of(bytes: &[u8]) -> Result<(JudgeConfig, f32), TrainerError> {
    let (_, header) = safetensors::SafeTensors::read_metadata(bytes)
        .map_err(|e| refuse(format!("not a readable .safetensors file: {e}")))?;
    let metadata = header.metadata().as_ref();
    let Some(json) = metadata.and_then(|m| m.get(CONFIG_KEY)) else {
        return Err(refuse(format!(
            "the file has no `{CONFIG_KEY}` metadata: it does not hold Sweet Spot judges"
        )));
    };
    let config: JudgeConfig = serde_json::from_str(json)
        .map_err(|e| refuse(format!("`{CONFIG_KEY}` is damaged: {e}")))?;
    config.validate()?;
    let temperature = match metadata.and_then(|m| m.get(TEMPERATURE_KEY)) {
        Some(text) => text
            .parse::<f32>()
            .ok()
            .filter(|t| t.is_finite() && *t > 0.0)
            .ok_or_else(|| {
                refuse(format!(
                    "`{TEMPERATURE_KEY}` is not a positive number: {text}"
                ))
            })?,
        None => 1.0,
    };
    Ok((config, temperature))
}

/// Builds the network stored in `bytes`, refusing files that do not fill it exactly.
pub fn load<B: Backend>(
    bytes: &[u8],
    device: &B::Device,
) -> Result<(JudgeNet<B>, JudgeConfig, f32), TrainerError> {
    let (config, temperature) = header_of(bytes)?;
    let mut net = config.init::<B>(device);
    let widened = recode(bytes, Precision::F32)?;
    let mut store = SafetensorsStore::from_bytes(Some(widened)).allow_partial(true);
    let result = net.load_from(&mut store).map_err(|e| {
        let mut message = e.to_string();
        if message.len() > 300 {
            message.truncate(message.floor_char_boundary(300));
            message.push('…');
        }
        refuse(format!("cannot read the weights: {message}"))
    })?;
    if let Some((path, _)) = result.missing.first() {
        return Err(refuse(format!(
            "{} of the judges' tensors are missing from the file, e.g. `{path}`",
            result.missing.len()
        )));
    }
    if let Some(name) = result.unused.first() {
        return Err(refuse(format!(
            "{} tensors in the file fit no layer of the judges, e.g. `{name}`",
            result.unused.len()
        )));
    }
    if let Some(error) = result.errors.first() {
        return Err(refuse(format!(
            "{} tensors could not be applied, e.g. {error:?}",
            result.errors.len()
        )));
    }
    Ok((net, config, temperature))
}
