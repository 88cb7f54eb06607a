//! Saving a pretraining run and resuming it exactly where it stopped.
//!
//! The state holds every weight of the painter, AdamW's two moments and update
//! count for every weight, both random streams (the world's position and the
//! noise generator's), the NaN counter and the step. Tensors are named by their
//! path in the painter (`blocks.0.attn.to_q.weight`), so parameter ids, which
//! change from one process to the next, never reach the file. On the CPU a
//! resumed run is bit-identical to one that never stopped (a test checks it).
//!
//! The format is the one LoRA training's state uses ([`crate::state_file`]), with
//! tensors under `painter.`, `adam.m1.` and `adam.m2.`. It is a checkpoint for
//! this trainer; the shareable base painter is written by [`crate::model::weights`].

use std::collections::BTreeMap;

use burn::module::{Module, ModuleMapper, ModuleVisitor, Param, ParamId};
use burn::optim::adaptor::OptimizerAdaptor;
use burn::optim::record::AdaptorRecord;
use burn::optim::{AdamW, AdamWState, AdaptiveMomentumState, Optimizer};
use burn::tensor::backend::AutodiffBackend;
use burn::tensor::{Tensor, TensorData};
use serde::{Deserialize, Serialize};

use super::{PretrainConfig, Pretrainer};
use crate::TrainerError;
use crate::model::{Painter, PainterConfig};
use crate::state_file::{self, RngPosition, StateFile, Tensors, fail, values};

const FORMAT: u32 = 1;

/// Everything but the tensors.
#[derive(Serialize, Deserialize)]
struct Snapshot {
    format: u32,
    /// Tells a pretraining state from a LoRA one.
    kind: String,
    config: PretrainConfig,
    shape: PainterConfig,
    step: u32,
    /// AdamW's update count per tensor path (absent before the first update).
    adam_time: BTreeMap<String, usize>,
    #[serde(flatten)]
    rng: RngPosition,
    /// The world stream's word position, `u128` as decimal text.
    world_position: String,
    non_finite_in_a_row: u32,
}

const KIND: &str = "pretrain";

/// The optimiser's record: AdamW's state per parameter id.
type Records<B> = <OptimizerAdaptor<AdamW, Painter<B>, B> as Optimizer<Painter<B>, B>>::Record;

/// Walks the painter, keeping each weight and its AdamW moments by path.
struct Saver<'a, B: AutodiffBackend> {
    path: Vec<String>,
    records: &'a Records<B>,
    tensors: Tensors,
    adam_time: BTreeMap<String, usize>,
    error: Option<TrainerError>,
}

impl<B: AutodiffBackend> Saver<'_, B> {
    fn keep<const D: usize>(&mut self, param: &Param<Tensor<B, D>>) -> Result<(), TrainerError> {
        let name = self.path.join(".");
        self.tensors
            .insert(format!("painter.{name}"), values(param.val().inner())?);
        if let Some(record) = self.records.get(&param.id) {
            let state: AdamWState<B::InnerBackend, D> = record.clone().into_state();
            let moments = state.momentum;
            self.adam_time.insert(name.clone(), moments.time);
            self.tensors
                .insert(format!("adam.m1.{name}"), values(moments.moment_1)?);
            self.tensors
                .insert(format!("adam.m2.{name}"), values(moments.moment_2)?);
        }
        Ok(())
    }
}

impl<B: AutodiffBackend> ModuleVisitor<B> for Saver<'_, B> {
    fn enter_module(&mut self, name: &str, _container_type: &str) {
        self.path.push(name.to_owned());
    }

    fn exit_module(&mut self, _name: &str, _container_type: &str) {
        self.path.pop();
    }

    fn visit_float<const D: usize>(&mut self, param: &Param<Tensor<B, D>>) {
        if let Err(err) = self.keep(param) {
            self.error.get_or_insert(err);
        }
    }
}

/// Walks a fresh painter, filling each weight from the file and rebuilding the
/// optimiser's record under the new parameter ids.
struct Loader<'a, 'f, B: AutodiffBackend> {
    path: Vec<String>,
    file: &'a StateFile<'f>,
    adam_time: &'a BTreeMap<String, usize>,
    records: Records<B>,
    error: Option<TrainerError>,
}

impl<B: AutodiffBackend> Loader<'_, '_, B> {
    fn fill<const D: usize>(
        &mut self,
        id: ParamId,
        old: &Tensor<B, D>,
    ) -> Result<Tensor<B, D>, TrainerError> {
        let name = self.path.join(".");
        let dims = old.dims();
        let device = old.device();
        let read = |key: String| -> Result<Tensor<B::InnerBackend, D>, TrainerError> {
            let values = self.file.read(&key, &dims)?;
            Ok(Tensor::from_data(TensorData::new(values, dims), &device))
        };
        let value = read(format!("painter.{name}"))?;
        if let Some(&time) = self.adam_time.get(&name) {
            let state = AdamWState {
                momentum: AdaptiveMomentumState {
                    time,
                    moment_1: read(format!("adam.m1.{name}"))?,
                    moment_2: read(format!("adam.m2.{name}"))?,
                    // AMSGrad is off in this trainer.
                    max_moment_2: None,
                },
            };
            self.records
                .insert(id, AdaptorRecord::<AdamW, B>::from_state(state));
        }
        Ok(Tensor::from_inner(value).set_require_grad(old.is_require_grad()))
    }
}

impl<B: AutodiffBackend> ModuleMapper<B> for Loader<'_, '_, B> {
    fn enter_module(&mut self, name: &str, _container_type: &str) {
        self.path.push(name.to_owned());
    }

    fn exit_module(&mut self, _name: &str, _container_type: &str) {
        self.path.pop();
    }

    fn map_float<const D: usize>(&mut self, param: Param<Tensor<B, D>>) -> Param<Tensor<B, D>> {
        let (id, old, mapper) = param.consume();
        let value = match self.fill(id, &old) {
            Ok(value) => value,
            Err(err) => {
                self.error.get_or_insert(err);
                old
            }
        };
        Param::from_mapped_value(id, value, mapper)
    }
}

impl<B: AutodiffBackend> Pretrainer<B> {
    /// The whole run state as `.safetensors` bytes.
    pub fn save_state(&self) -> Result<Vec<u8>, TrainerError> {
        let records = self.optimizer.to_record();
        let mut saver = Saver {
            path: Vec::new(),
            records: &records,
            tensors: Tensors::new(),
            adam_time: BTreeMap::new(),
            error: None,
        };
        self.painter.visit(&mut saver);
        if let Some(err) = saver.error {
            return Err(err);
        }
        let snapshot = Snapshot {
            format: FORMAT,
            kind: KIND.into(),
            config: self.config.clone(),
            shape: self.shape.clone(),
            step: self.step,
            adam_time: saver.adam_time,
            rng: RngPosition::of(&self.rng),
            world_position: self.world.position().to_string(),
            non_finite_in_a_row: self.non_finite_in_a_row,
        };
        state_file::encode(saver.tensors, &snapshot)
    }

    /// The shape and settings a state file was saved with, without loading it.
    pub fn state_settings(state: &[u8]) -> Result<(PainterConfig, PretrainConfig), TrainerError> {
        let (snapshot, _) = open(state)?;
        Ok((snapshot.shape, snapshot.config))
    }

    /// Rebuilds a run from [`Pretrainer::save_state`] bytes on `device`.
    pub fn resume(state: &[u8], device: &B::Device) -> Result<Self, TrainerError> {
        let (snapshot, file) = open(state)?;
        snapshot.shape.validate()?;
        let mut loader = Loader {
            path: Vec::new(),
            file: &file,
            adam_time: &snapshot.adam_time,
            records: Records::<B>::default(),
            error: None,
        };
        let painter = snapshot.shape.init::<B>(device).map(&mut loader);
        if let Some(err) = loader.error {
            return Err(err);
        }
        let mut run = Self::new(painter, snapshot.shape.clone(), snapshot.config)?;
        run.optimizer = run.optimizer.load_record(loader.records);
        run.rng = snapshot.rng.restore()?;
        let world_position: u128 = snapshot
            .world_position
            .parse()
            .map_err(|_| TrainerError::State("the world stream's position is damaged".into()))?;
        run.world.seek(world_position);
        run.step = snapshot.step;
        run.non_finite_in_a_row = snapshot.non_finite_in_a_row;
        Ok(run)
    }
}

fn open(state: &[u8]) -> Result<(Snapshot, StateFile<'_>), TrainerError> {
    let (snapshot, file): (Snapshot, _) = StateFile::open(state).map_err(|err| match err {
        // A LoRA run's state has the key but not this snapshot's fields.
        TrainerError::State(m) if m.starts_with("unreadable state") => {
            TrainerError::State("this is not a pretraining state (a LoRA training state?)".into())
        }
        other => other,
    })?;
    if snapshot.kind != KIND {
        return fail("this is not a pretraining state");
    }
    if snapshot.format != FORMAT {
        return fail(format!("state format {} is not supported", snapshot.format));
    }
    Ok((snapshot, file))
}
