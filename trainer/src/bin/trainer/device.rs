//! Which burn backend a command runs on, chosen at run time among those the
//! binary was built with (`--device cpu|wgpu|cuda`).

use anyhow::bail;
use burn::tensor::backend::AutodiffBackend;

/// Where to compute.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub(crate) enum DeviceKind {
    /// burn's pure-Rust CPU backend (feature `flex`).
    Cpu,
    /// GPUs through wgpu: Vulkan, Metal or DX12 (feature `wgpu`).
    Wgpu,
    /// NVIDIA GPUs through CUDA (feature `cuda`).
    Cuda,
}

impl DeviceKind {
    /// The name shown in logs and manifests.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Self::Cpu => "cpu (flex)",
            Self::Wgpu => "wgpu",
            Self::Cuda => "cuda",
        }
    }
}

/// A command body generic over the backend.
pub(crate) trait Job {
    /// Runs on backend `B` and its default device.
    fn run<B: AutodiffBackend>(self, device: B::Device) -> anyhow::Result<()>;
}

/// Runs `job` on the backend `kind` names, or says how to build one that has it.
pub(crate) fn dispatch(kind: DeviceKind, job: impl Job) -> anyhow::Result<()> {
    match kind {
        #[cfg(feature = "flex")]
        DeviceKind::Cpu => {
            job.run::<burn::backend::Autodiff<burn::backend::Flex>>(Default::default())
        }
        #[cfg(feature = "wgpu")]
        DeviceKind::Wgpu => {
            job.run::<burn::backend::Autodiff<burn::backend::Wgpu>>(Default::default())
        }
        #[cfg(feature = "cuda")]
        DeviceKind::Cuda => {
            job.run::<burn::backend::Autodiff<burn::backend::Cuda>>(Default::default())
        }
        #[allow(unreachable_patterns)]
        other => bail!(
            "this trainer was built without the `{}` backend: rebuild with `cargo build --release -p trainer --features {}`",
            other.name(),
            match other {
                DeviceKind::Cpu => "flex",
                DeviceKind::Wgpu => "wgpu",
                DeviceKind::Cuda => "cuda",
            }
        ),
    }
}
