//! The engine: loads the painter and the judges, paints, and trains one LoRA a
//! few steps at a time, answering in [`FromEngine`] messages.
//!
//! It never blocks for long and never reads a clock: the worker calls
//! [`Engine::work`] in slices (reading new messages in between, so a stop is
//! heard within a slice) and passes the time in, since
//! `std::time::Instant` does not exist in the browser. Its methods are async
//! because a GPU in the browser answers only asynchronously; on the CPU their
//! futures are ready at once. It trains on its backend `B` (WebGPU or the
//! CPU) and paints and judges on the CPU.

use burn::tensor::backend::AutodiffBackend;
use burn::tensor::{Tensor, TensorData};
use trainer::TrainerError;
use trainer::album::AlbumError;
use trainer::image::RgbImage;
use trainer::judge::Judges;
use trainer::lora::{LoraAdapter, Worn, file};
use trainer::model::{Painter, PainterConfig, weights};
use trainer::probe::paint;
use trainer::sample::SampleConfig;
use trainer::text::{RESERVED, Tokenizer, WORDS};

use crate::protocol::{EDIT_INSTRUCTION, FromEngine, Picture, ToEngine};
use crate::round::{Phase, Round, to_picture};
use crate::transfer::Cpu;

/// Why the engine could not do something; shown to the reader as is.
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    /// The painter or the judges are not loaded yet.
    #[error("the painter is not loaded yet: wait for it to finish loading")]
    NotLoaded,
    /// A setup the engine cannot run.
    #[error("{0}")]
    Setup(String),
    /// The trainer refused or failed.
    #[error("{0}")]
    Trainer(#[from] TrainerError),
    /// The album could not be made.
    #[error("{0}")]
    Album(#[from] AlbumError),
}

struct Loaded<B: AutodiffBackend> {
    /// The painter the bracelets train on, on the engine's device.
    trainee: Painter<B>,
    /// The same painter on the CPU, which paints and is judged.
    painter: Painter<Cpu>,
    shape: PainterConfig,
    judges: Judges<Cpu>,
    edit: Option<LoraAdapter<Cpu>>,
}

/// The lab engine on backend `B`.
pub struct Engine<B: AutodiffBackend> {
    device: B::Device,
    device_name: String,
    loaded: Option<Loaded<B>>,
    round: Option<Round<B>>,
    /// (time in ms, step) at the start of the current speed window.
    speed_mark: Option<(f64, u32)>,
    steps_per_second: f32,
}

impl<B: AutodiffBackend> Engine<B> {
    /// An engine computing on `device`, described to the reader as `device_name`.
    pub fn new(device: B::Device, device_name: impl Into<String>) -> Self {
        Self {
            device,
            device_name: device_name.into(),
            loaded: None,
            round: None,
            speed_mark: None,
            steps_per_second: 0.0,
        }
    }

    /// Loads the base painter and the judges from their `.safetensors` bytes.
    pub fn load(&mut self, base: &[u8], judges: &[u8]) -> Result<FromEngine, EngineError> {
        let (trainee, shape) = weights::load::<B>(base, &self.device)?;
        let (painter, _) = weights::load::<Cpu>(base, &Default::default())?;
        let judges = Judges::load(judges, &Default::default())?;
        self.loaded = Some(Loaded {
            trainee,
            painter,
            shape,
            judges,
            edit: None,
        });
        self.round = None;
        Ok(FromEngine::Ready {
            device: self.device_name.clone(),
            vocabulary: vocabulary(),
        })
    }

    /// Loads an edit bracelet from its `.safetensors` bytes (after [`Engine::load`]).
    pub fn load_edit(&mut self, bytes: &[u8]) -> Result<FromEngine, EngineError> {
        let loaded = self.loaded.as_mut().ok_or(EngineError::NotLoaded)?;
        let decoded = file::decode::<Cpu>(bytes, &loaded.shape, None, &Default::default())?;
        if decoded.adapter.reference.is_none() {
            return Err(EngineError::Setup(
                "this LoRA does not read a start picture: it is not an edit bracelet".into(),
            ));
        }
        loaded.edit = Some(decoded.adapter);
        Ok(FromEngine::EditReady)
    }

    /// Paints [`EDIT_INSTRUCTION`] from `start` with the edit bracelet.
    fn edit(&self, id: u32, start: &Picture, seed: u64) -> Result<FromEngine, EngineError> {
        let loaded = self.loaded.as_ref().ok_or(EngineError::NotLoaded)?;
        let adapter = loaded.edit.as_ref().ok_or_else(|| {
            EngineError::Setup("the edit bracelet is not loaded yet: wait for it".into())
        })?;
        let side = loaded.shape.image_size;
        if start.size as usize != side || start.rgb.len() != 3 * side * side {
            return Err(EngineError::Setup(format!(
                "the start picture must be {side}×{side} RGB"
            )));
        }
        let chw = RgbImage {
            width: side,
            height: side,
            pixels: start.rgb.clone(),
        }
        .to_chw();
        let start = Tensor::<Cpu, 4>::from_data(
            TensorData::new(chw, [1, 3, side, side]),
            &Default::default(),
        );
        let worn = [Worn::new(adapter, 1.0).reading(&start)];
        let config = SampleConfig {
            seed,
            ..SampleConfig::default()
        };
        let picture = paint(&loaded.painter, &worn, EDIT_INSTRUCTION, config)?;
        Ok(FromEngine::Painted {
            id,
            picture: to_picture(&picture),
        })
    }

    /// Whether a run wants [`Engine::work`] called.
    pub fn busy(&self) -> bool {
        self.round.as_ref().is_some_and(|r| r.phase != Phase::Done)
    }

    /// Handles a message other than [`ToEngine::Load`] (whose bytes the worker
    /// fetches first, then calls [`Engine::load`]).
    pub async fn handle(&mut self, message: ToEngine) -> Vec<FromEngine> {
        match self.try_handle(message).await {
            Ok(answers) => answers,
            Err(e) => vec![FromEngine::Failed {
                message: e.to_string(),
            }],
        }
    }

    async fn try_handle(&mut self, message: ToEngine) -> Result<Vec<FromEngine>, EngineError> {
        match message {
            ToEngine::Load { .. } => Ok(Vec::new()),
            ToEngine::Sample {
                id,
                prompt,
                seed,
                lora_scale,
            } => Ok(vec![
                self.sample(id, &prompt, seed, lora_scale)
                    .await
                    .unwrap_or_else(|e| FromEngine::Refused {
                        id,
                        message: e.to_string(),
                    }),
            ]),
            ToEngine::Check { id, prompt } => Ok(vec![FromEngine::Checked {
                id,
                problem: Tokenizer::default()
                    .encode(&prompt)
                    .err()
                    .map(|e| e.to_string()),
            }]),
            ToEngine::Train(setup) => {
                let loaded = self.loaded.as_ref().ok_or(EngineError::NotLoaded)?;
                self.round = Some(Round::new(
                    loaded.trainee.clone(),
                    &loaded.shape,
                    setup,
                    &self.device,
                )?);
                self.speed_mark = None;
                Ok(Vec::new())
            }
            ToEngine::Stop { reveal } => self.stop(reveal).await,
            ToEngine::Reset => {
                self.round = None;
                Ok(Vec::new())
            }
            // The worker fetches the bytes, then calls `load_edit`.
            ToEngine::LoadEdit { .. } => Ok(Vec::new()),
            ToEngine::Edit { id, start, seed } => {
                Ok(vec![self.edit(id, &start, seed).unwrap_or_else(|e| {
                    FromEngine::Refused {
                        id,
                        message: e.to_string(),
                    }
                })])
            }
        }
    }

    async fn stop(&mut self, reveal: bool) -> Result<Vec<FromEngine>, EngineError> {
        let Some(round) = self.round.as_mut() else {
            return Ok(Vec::new());
        };
        if round.phase != Phase::Training {
            return Ok(Vec::new());
        }
        round.kept = Some(round.adapter().await?);
        let step = round.step();
        round.phase = if reveal && !round.at_end() {
            Phase::Revealing
        } else {
            Phase::Done
        };
        let mut out = vec![FromEngine::Stopped { step }];
        if round.phase == Phase::Done {
            out.push(FromEngine::Finished { step });
        }
        Ok(out)
    }

    /// Paints `prompt`, wearing the run's bracelet at `lora_scale` (the one kept
    /// at the stop, once stopped).
    async fn sample(
        &self,
        id: u32,
        prompt: &str,
        seed: u64,
        lora_scale: Option<f32>,
    ) -> Result<FromEngine, EngineError> {
        let loaded = self.loaded.as_ref().ok_or(EngineError::NotLoaded)?;
        let adapter = match (lora_scale, &self.round) {
            (Some(scale), Some(round)) if scale != 0.0 => {
                let adapter = match &round.kept {
                    Some(kept) => kept.clone(),
                    None => round.adapter().await?,
                };
                Some((adapter, scale))
            }
            _ => None,
        };
        let worn: Vec<_> = adapter
            .iter()
            .map(|(adapter, scale)| Worn::new(adapter, *scale))
            .collect();
        let config = SampleConfig {
            seed,
            ..SampleConfig::default()
        };
        let picture = paint(&loaded.painter, &worn, prompt, config)?;
        Ok(FromEngine::Painted {
            id,
            picture: to_picture(&picture),
        })
    }

    /// Trains up to `steps` steps of the current run (stopping early after a
    /// validation, so the page sees its pictures promptly). `now_ms` is the
    /// time, for the speed shown.
    pub async fn work(&mut self, steps: u32, now_ms: f64) -> Vec<FromEngine> {
        let mut out = Vec::new();
        if let Err(e) = self.try_work(steps, now_ms, &mut out).await {
            if let Some(round) = self.round.as_mut() {
                round.phase = Phase::Done;
            }
            out.push(FromEngine::Failed {
                message: e.to_string(),
            });
        }
        out
    }

    async fn try_work(
        &mut self,
        steps: u32,
        now_ms: f64,
        out: &mut Vec<FromEngine>,
    ) -> Result<(), EngineError> {
        let loaded = self.loaded.as_ref().ok_or(EngineError::NotLoaded)?;
        let Some(round) = self.round.as_mut() else {
            return Ok(());
        };
        let mut validated_here = false;
        for _ in 0..steps {
            if round.phase == Phase::Done {
                break;
            }
            if let Some(FromEngine::Step { step, loss, .. }) = round.train_one().await? {
                out.push(FromEngine::Step {
                    step,
                    loss,
                    steps_per_second: self.steps_per_second,
                });
            }
            let validated = round.validation_due();
            if validated {
                out.push(round.validate(&loaded.painter, &loaded.judges).await?);
                validated_here = true;
            }
            if round.at_end() {
                round.phase = Phase::Done;
                out.push(FromEngine::Finished { step: round.step() });
            }
            if validated {
                break;
            }
        }
        let step = round.step();
        if validated_here {
            // Painting and judging are not training: start the speed window
            // again after a validation, so the speed shown is steps only.
            self.speed_mark = None;
            return Ok(());
        }
        match self.speed_mark {
            Some((then, from)) if now_ms - then >= 1000.0 => {
                self.steps_per_second = ((step - from) as f64 * 1000.0 / (now_ms - then)) as f32;
                self.speed_mark = Some((now_ms, step));
            }
            None => self.speed_mark = Some((now_ms, step)),
            _ => {}
        }
        Ok(())
    }
}

/// The words the painter knows: the call words, then the world's words.
fn vocabulary() -> Vec<String> {
    RESERVED
        .iter()
        .chain(WORDS)
        .map(|w| (*w).to_owned())
        .collect()
}
