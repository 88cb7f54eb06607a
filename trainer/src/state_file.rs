//! The file format every resumable run shares: `f32` tensors in a `.safetensors`
//! file, and everything else as one JSON snapshot under `sweetspot.state`.
//!
//! LoRA training (`train::state`) and pretraining (`pretrain::state`) each decide
//! *what* goes in; this module only knows how to write it, read it back with
//! every shape checked, and how to pin a seeded random stream to the exact word
//! it had reached.

use std::collections::{BTreeMap, HashMap};

use burn::tensor::Tensor;
use burn::tensor::backend::Backend;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use safetensors::tensor::{Dtype, SafeTensors, TensorView};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::TrainerError;
use crate::lora::file::f32_bytes;
use crate::lora::precision;

const STATE_KEY: &str = "sweetspot.state";

/// Tensors by name: shape and values.
pub(crate) type Tensors = BTreeMap<String, (Vec<usize>, Vec<f32>)>;

/// A refusal to resume.
pub(crate) fn fail<T>(message: impl Into<String>) -> Result<T, TrainerError> {
    Err(TrainerError::State(message.into()))
}

/// A tensor's shape and values, read back to the CPU.
pub(crate) fn values<B: Backend, const D: usize>(
    tensor: Tensor<B, D>,
) -> Result<(Vec<usize>, Vec<f32>), TrainerError> {
    let shape = tensor.dims().to_vec();
    let values = tensor
        .into_data()
        .to_vec::<f32>()
        .map_err(|e| TrainerError::State(format!("cannot read a tensor: {e:?}")))?;
    Ok((shape, values))
}

/// Writes `tensors` and `snapshot` as one `.safetensors` file.
pub(crate) fn encode<S: Serialize>(
    tensors: Tensors,
    snapshot: &S,
) -> Result<Vec<u8>, TrainerError> {
    let json = serde_json::to_string(snapshot)
        .map_err(|e| TrainerError::State(format!("cannot write the state: {e}")))?;
    let bytes: Vec<(String, Vec<usize>, Vec<u8>)> = tensors
        .into_iter()
        .map(|(name, (shape, values))| (name, shape, f32_bytes(&values)))
        .collect();
    let mut views = Vec::with_capacity(bytes.len());
    for (name, shape, data) in &bytes {
        let view = TensorView::new(Dtype::F32, shape.clone(), data)
            .map_err(|e| TrainerError::State(format!("tensor `{name}`: {e}")))?;
        views.push((name.clone(), view));
    }
    let info = HashMap::from([(STATE_KEY.to_owned(), json)]);
    safetensors::serialize(views, Some(info))
        .map_err(|e| TrainerError::State(format!("cannot write the state: {e}")))
}

/// An opened state file: its snapshot and its tensors.
pub(crate) struct StateFile<'a> {
    file: SafeTensors<'a>,
}

impl<'a> StateFile<'a> {
    /// Reads the snapshot of `bytes` and opens its tensors; files that are not
    /// states (a LoRA, a painter, junk) are refused with a message saying so.
    pub(crate) fn open<S: DeserializeOwned>(bytes: &'a [u8]) -> Result<(S, Self), TrainerError> {
        let (_, metadata) = SafeTensors::read_metadata(bytes)
            .map_err(|e| TrainerError::State(format!("not a state file: {e}")))?;
        let json = metadata
            .metadata()
            .as_ref()
            .and_then(|m| m.get(STATE_KEY))
            .cloned();
        let Some(json) = json else {
            return fail("this .safetensors file is not a training state (is it a LoRA file?)");
        };
        let snapshot: S = serde_json::from_str(&json)
            .map_err(|e| TrainerError::State(format!("unreadable state: {e}")))?;
        let file = SafeTensors::deserialize(bytes)
            .map_err(|e| TrainerError::State(format!("not a state file: {e}")))?;
        Ok((snapshot, Self { file }))
    }

    /// The values of tensor `name`, which must be `f32` of shape `expected`.
    pub(crate) fn read(&self, name: &str, expected: &[usize]) -> Result<Vec<f32>, TrainerError> {
        let view = self
            .file
            .tensor(name)
            .map_err(|_| TrainerError::State(format!("tensor `{name}` is missing")))?;
        if view.dtype() != Dtype::F32 || view.shape() != expected {
            return fail(format!(
                "tensor `{name}` is {:?} {:?}, expected F32 {expected:?}",
                view.dtype(),
                view.shape()
            ));
        }
        precision::to_f32(Dtype::F32, view.data())
            .ok_or_else(|| TrainerError::State(format!("tensor `{name}` is unreadable")))
    }
}

/// Where a seeded ChaCha stream stands: its seed, stream and word position.
/// Field names are part of the state format (flattened into snapshots).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct RngPosition {
    rng_seed: Vec<u8>,
    rng_stream: u64,
    /// `u128` as decimal text: JSON numbers cannot hold it.
    rng_word_pos: String,
}

impl RngPosition {
    /// The position `rng` has reached.
    pub(crate) fn of(rng: &ChaCha8Rng) -> Self {
        Self {
            rng_seed: rng.get_seed().to_vec(),
            rng_stream: rng.get_stream(),
            rng_word_pos: rng.get_word_pos().to_string(),
        }
    }

    /// A generator standing exactly where the saved one stood.
    pub(crate) fn restore(&self) -> Result<ChaCha8Rng, TrainerError> {
        let damaged = || TrainerError::State("the random state is damaged".into());
        let seed: [u8; 32] = self.rng_seed.as_slice().try_into().map_err(|_| damaged())?;
        let word_pos: u128 = self.rng_word_pos.parse().map_err(|_| damaged())?;
        let mut rng = ChaCha8Rng::from_seed(seed);
        rng.set_stream(self.rng_stream);
        rng.set_word_pos(word_pos);
        Ok(rng)
    }
}
