//! Reading numbers back from the device the engine trains on.
//!
//! In the browser a GPU answers only asynchronously: a loss or a bracelet on
//! WebGPU can be read only by awaiting it. Everything the engine reads back
//! goes through here, so one async code path serves the CPU (where the future
//! is ready at once) and WebGPU alike. Painting and judging happen on the CPU
//! ([`Cpu`]): the bracelet being trained is copied there at each validation,
//! a few hundred kilobytes.

use burn::module::Param;
use burn::tensor::backend::Backend;
use burn::tensor::{Tensor, TensorData};
use trainer::lora::{BlockLora, LoraAdapter, LoraPair, Target};

use crate::engine::EngineError;

/// The backend the engine paints and judges on, whatever it trains on.
pub type Cpu = burn::backend::Flex;

/// Reads a tensor's values back, awaiting the device.
pub(crate) async fn values<B: Backend, const D: usize>(
    tensor: Tensor<B, D>,
) -> Result<TensorData, EngineError> {
    tensor
        .into_data_async()
        .await
        .map_err(|e| EngineError::Setup(format!("the device could not be read: {e:?}")))
}

/// Reads a one-value tensor (a loss) back.
pub(crate) async fn scalar<B: Backend>(tensor: Tensor<B, 1>) -> Result<f32, EngineError> {
    let data = values(tensor).await?.convert::<f32>();
    data.to_vec::<f32>()
        .ok()
        .and_then(|v| v.first().copied())
        .ok_or_else(|| EngineError::Setup("the device returned an empty loss".into()))
}

async fn param_to_cpu<B: Backend>(
    param: &Param<Tensor<B, 2>>,
) -> Result<Param<Tensor<Cpu, 2>>, EngineError> {
    let data = values(param.val()).await?;
    Ok(Param::from_data(data, &Default::default()))
}

/// The same bracelet with its numbers on the CPU.
pub(crate) async fn adapter_to_cpu<B: Backend>(
    adapter: &LoraAdapter<B>,
) -> Result<LoraAdapter<Cpu>, EngineError> {
    let mut blocks = Vec::with_capacity(adapter.blocks.len());
    for block in &adapter.blocks {
        let mut copy = BlockLora::empty();
        for target in Target::ALL {
            if let Some(pair) = block.get(target) {
                *copy.slot(target) = Some(LoraPair {
                    a: param_to_cpu(&pair.a).await?,
                    b: param_to_cpu(&pair.b).await?,
                });
            }
        }
        blocks.push(copy);
    }
    let reference = match &adapter.reference {
        Some(param) => Some(param_to_cpu(param).await?),
        None => None,
    };
    Ok(LoraAdapter {
        blocks,
        rank: adapter.rank,
        alpha: adapter.alpha,
        reference,
    })
}
