//! Saving a run and resuming it exactly where it stopped.
//!
//! "Resume" in many trainers quietly restarts the optimiser, or the data order, or
//! the step counter. Here a state file holds everything the next step depends on:
//! the bracelet, AdamW's two moments and step count per tensor, the moving average,
//! the random generator's position, the epoch's shuffled order and the step. On
//! the CPU a resumed run produces bit-identical weights to an uninterrupted one
//! (a test checks it).
//!
//! The file is `.safetensors` (tensors in the adapter's own `[in, rank]` /
//! `[rank, out]` orientation) with the rest as JSON under `sweetspot.state`. It is
//! a checkpoint for this trainer, not a LoRA to share: export those with
//! [`crate::lora::file::encode`].

use std::collections::BTreeMap;

use burn::module::{AutodiffModule, Module, Param, ParamId};
use burn::optim::record::AdaptorRecord;
use burn::optim::{AdamW, AdamWState, AdaptiveMomentumState, Optimizer};
use burn::tensor::backend::{AutodiffBackend, Backend};
use burn::tensor::{Tensor, TensorData};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::{Example, TrainConfig, Trainer};
use crate::TrainerError;
use crate::lora::file::f32_bytes;
use crate::lora::{BlockLora, LoraAdapter, LoraPair, Target};
use crate::model::{Painter, PainterConfig};
use crate::state_file::{self, RngPosition, StateFile, Tensors, fail, values};

const FORMAT: u32 = 1;

/// Everything but the tensors.
#[derive(Serialize, Deserialize)]
struct Snapshot {
    format: u32,
    config: TrainConfig,
    rank: usize,
    alpha: f32,
    targets: Vec<Target>,
    depth: usize,
    step: u32,
    /// AdamW's update count per tensor name (absent before the first update).
    adam_time: BTreeMap<String, usize>,
    #[serde(flatten)]
    rng: RngPosition,
    order: Vec<usize>,
    cursor: usize,
    non_finite_in_a_row: u32,
    album_hash: String,
    /// Whether the bracelet reads a start picture (an edit bracelet).
    #[serde(default)]
    reference: bool,
}

/// A name for every parameter of the adapter, with its id and value.
fn named_params<B: Backend>(adapter: &LoraAdapter<B>) -> Vec<(String, ParamId, Tensor<B, 2>)> {
    let mut out = Vec::new();
    for (index, block) in adapter.blocks.iter().enumerate() {
        for target in Target::ALL {
            if let Some(pair) = block.get(target) {
                let base = format!("blocks.{index}.{}", target.path());
                out.push((format!("{base}.a"), pair.a.id, pair.a.val()));
                out.push((format!("{base}.b"), pair.b.id, pair.b.val()));
            }
        }
    }
    if let Some(reference) = &adapter.reference {
        out.push(("reference".to_owned(), reference.id, reference.val()));
    }
    out
}

/// A fingerprint of the album (pixels and captions, in order), so a run is never
/// resumed on other data.
pub(super) fn album_hash(album: &[Example]) -> String {
    let mut hasher = Sha256::new();
    for example in album {
        hasher.update(example.caption.as_bytes());
        hasher.update([0]);
        hasher.update(f32_bytes(&example.image));
        if let Some(start) = &example.start {
            hasher.update(b"start");
            hasher.update(f32_bytes(start));
        }
    }
    format!("{:x}", hasher.finalize())
}

impl<B: AutodiffBackend> Trainer<B> {
    /// The whole run state as `.safetensors` bytes.
    pub fn save_state(&self) -> Result<Vec<u8>, TrainerError> {
        let records = self.optimizer.to_record();
        let mut tensors = Tensors::new();
        let mut adam_time = BTreeMap::new();
        for (name, id, tensor) in named_params(&self.adapter) {
            tensors.insert(format!("adapter.{name}"), values(tensor.inner())?);
            if let Some(record) = records.get(&id) {
                let state: AdamWState<B::InnerBackend, 2> = record.clone().into_state();
                let moments = state.momentum;
                adam_time.insert(name.clone(), moments.time);
                tensors.insert(format!("adam.m1.{name}"), values(moments.moment_1)?);
                tensors.insert(format!("adam.m2.{name}"), values(moments.moment_2)?);
            }
        }
        if let Some(ema) = &self.ema {
            for (name, _, tensor) in named_params(ema) {
                tensors.insert(format!("ema.{name}"), values(tensor)?);
            }
        }
        let snapshot = Snapshot {
            format: FORMAT,
            config: self.config.clone(),
            rank: self.adapter.rank,
            alpha: self.adapter.alpha,
            targets: Target::ALL
                .into_iter()
                .filter(|t| self.adapter.blocks.iter().any(|b| b.get(*t).is_some()))
                .collect(),
            depth: self.adapter.blocks.len(),
            step: self.step,
            adam_time,
            rng: RngPosition::of(&self.rng),
            order: self.order.clone(),
            cursor: self.cursor,
            non_finite_in_a_row: self.non_finite_in_a_row,
            album_hash: self.album_hash.clone(),
            reference: self.adapter.reference.is_some(),
        };
        state_file::encode(tensors, &snapshot)
    }

    /// Rebuilds a run from [`Trainer::save_state`] bytes, on the same painter (of
    /// shape `shape`) and the same album; anything else is refused.
    pub fn resume(
        painter: Painter<B>,
        shape: &PainterConfig,
        album: Vec<Example>,
        state: &[u8],
    ) -> Result<Self, TrainerError> {
        let (snapshot, file): (Snapshot, _) = StateFile::open(state)?;
        if snapshot.format != FORMAT {
            return fail(format!("state format {} is not supported", snapshot.format));
        }
        if snapshot.depth != shape.depth {
            return fail(format!(
                "the state is for a painter with {} blocks, this one has {}",
                snapshot.depth, shape.depth
            ));
        }
        if album_hash(&album) != snapshot.album_hash {
            return fail("the album is not the one this run was trained on");
        }
        let device = painter.devices()[0].clone();
        let read = |name: &str, expected: [usize; 2]| file.read(name, &expected);
        let build = |prefix: &str| -> Result<Vec<BlockLora<B>>, TrainerError> {
            let mut blocks = Vec::with_capacity(shape.depth);
            for index in 0..shape.depth {
                let mut block = BlockLora::empty();
                for &target in &snapshot.targets {
                    let (d_in, d_out) = target.dims(shape);
                    let base = format!("{prefix}blocks.{index}.{}", target.path());
                    let a = read(&format!("{base}.a"), [d_in, snapshot.rank])?;
                    let b = read(&format!("{base}.b"), [snapshot.rank, d_out])?;
                    *block.slot(target) = Some(LoraPair {
                        a: Param::from_data(TensorData::new(a, [d_in, snapshot.rank]), &device),
                        b: Param::from_data(TensorData::new(b, [snapshot.rank, d_out]), &device),
                    });
                }
                blocks.push(block);
            }
            Ok(blocks)
        };
        let reference = |prefix: &str| -> Result<Option<Param<Tensor<B, 2>>>, TrainerError> {
            if !snapshot.reference {
                return Ok(None);
            }
            let dims = [shape.patch_dim(), shape.hidden];
            let values = read(&format!("{prefix}reference"), dims)?;
            Ok(Some(Param::from_data(
                TensorData::new(values, dims),
                &device,
            )))
        };
        let adapter = LoraAdapter {
            blocks: build("adapter.")?,
            rank: snapshot.rank,
            alpha: snapshot.alpha,
            reference: reference("adapter.")?,
        };
        let ema = match snapshot.config.ema_decay {
            Some(_) => Some(
                LoraAdapter {
                    blocks: build("ema.")?,
                    rank: snapshot.rank,
                    alpha: snapshot.alpha,
                    reference: reference("ema.")?,
                }
                .valid(),
            ),
            None => None,
        };
        let mut trainer = Self::new(painter, adapter, album, snapshot.config)?;
        let mut records = trainer.optimizer.to_record();
        records.clear();
        for (name, id, tensor) in named_params(&trainer.adapter) {
            let Some(&time) = snapshot.adam_time.get(&name) else {
                continue;
            };
            let dims: [usize; 2] = tensor.dims();
            let inner = |key: String| -> Result<Tensor<B::InnerBackend, 2>, TrainerError> {
                Ok(Tensor::from_data(
                    TensorData::new(read(&key, dims)?, dims),
                    &device,
                ))
            };
            let state = AdamWState {
                momentum: AdaptiveMomentumState {
                    time,
                    moment_1: inner(format!("adam.m1.{name}"))?,
                    moment_2: inner(format!("adam.m2.{name}"))?,
                    // AMSGrad is off in this trainer.
                    max_moment_2: None,
                },
            };
            records.insert(id, AdaptorRecord::<AdamW, B>::from_state(state));
        }
        trainer.optimizer = trainer.optimizer.load_record(records);
        let rng = snapshot.rng.restore()?;
        trainer.rng = rng;
        if snapshot.order.iter().any(|&i| i >= trainer.album.len())
            || snapshot.cursor > snapshot.order.len()
        {
            return fail("the saved data order does not fit the album");
        }
        trainer.order = snapshot.order;
        trainer.cursor = snapshot.cursor;
        trainer.step = snapshot.step;
        trainer.non_finite_in_a_row = snapshot.non_finite_in_a_row;
        if ema.is_some() {
            trainer.ema = ema;
        }
        Ok(trainer)
    }
}
