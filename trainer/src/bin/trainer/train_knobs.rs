//! The named choices of `trainer train` (schedulers, noise levels, layouts…) and
//! what each one means to the library.

use trainer::flow::{NoiseBias, TimestepSampling};
use trainer::lora::{Layout, Precision, Target};
use trainer::schedule::Scheduler;

/// Layers that wear the bracelet.
#[derive(Clone, Copy, clap::ValueEnum)]
pub(crate) enum Targets {
    /// `attn.to_q`, `to_k`, `to_v`, `to_out`.
    Attention,
    /// Attention and the MLP (`mlp.fc1`, `mlp.fc2`).
    All,
}

impl Targets {
    pub(crate) fn targets(self) -> Vec<Target> {
        match self {
            Self::Attention => vec![Target::ToQ, Target::ToK, Target::ToV, Target::ToOut],
            Self::All => Target::ALL.to_vec(),
        }
    }
}

/// The learning rate's shape over the run.
#[derive(Clone, Copy, clap::ValueEnum)]
pub(crate) enum SchedulerArg {
    Constant,
    Cosine,
    CosineWithRestarts,
}

impl SchedulerArg {
    pub(crate) fn scheduler(self) -> Scheduler {
        match self {
            Self::Constant => Scheduler::Constant,
            Self::Cosine => Scheduler::Cosine { min_ratio: 0.1 },
            Self::CosineWithRestarts => Scheduler::CosineWithRestarts {
                cycles: 3,
                min_ratio: 0.1,
            },
        }
    }
}

/// How noise levels are drawn.
#[derive(Clone, Copy, clap::ValueEnum)]
pub(crate) enum TimestepArg {
    Uniform,
    Sigmoid,
    Shift,
}

impl TimestepArg {
    pub(crate) fn sampling(self) -> TimestepSampling {
        match self {
            Self::Uniform => TimestepSampling::Uniform,
            Self::Sigmoid => TimestepSampling::Sigmoid {
                mean: 0.0,
                std: 1.0,
            },
            Self::Shift => TimestepSampling::Shift(3.0),
        }
    }
}

/// Which way noise levels lean.
#[derive(Clone, Copy, clap::ValueEnum)]
pub(crate) enum BiasArg {
    Balanced,
    HighNoise,
    LowNoise,
}

impl BiasArg {
    pub(crate) fn bias(self) -> NoiseBias {
        match self {
            Self::Balanced => NoiseBias::Balanced,
            Self::HighNoise => NoiseBias::HighNoise,
            Self::LowNoise => NoiseBias::LowNoise,
        }
    }
}

/// Key layout of the LoRA files written.
#[derive(Clone, Copy, clap::ValueEnum)]
pub(crate) enum FormatArg {
    Fal,
    Comfy,
}

impl FormatArg {
    pub(crate) fn layout(self) -> Layout {
        match self {
            Self::Fal => Layout::Fal,
            Self::Comfy => Layout::Comfy,
        }
    }
}

/// Number format of the LoRA files written.
#[derive(Clone, Copy, clap::ValueEnum)]
pub(crate) enum PrecisionArg {
    F32,
    F16,
}

impl PrecisionArg {
    pub(crate) fn precision(self) -> Precision {
        match self {
            Self::F32 => Precision::F32,
            Self::F16 => Precision::F16,
        }
    }
}
