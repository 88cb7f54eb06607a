//! Parameter-free layer normalisation and adaLN modulation.

use burn::tensor::{Tensor, backend::Backend};

/// Normalises the last dimension to zero mean and unit variance, without a learned
/// scale or shift (adaLN supplies those).
///
/// # Shapes
/// - `x`: `[batch, tokens, width]` → same shape.
pub fn layer_norm<B: Backend>(x: Tensor<B, 3>) -> Tensor<B, 3> {
    let (var, mean) = x.clone().var_mean_bias(2);
    (x - mean).div((var + 1e-6).sqrt())
}

/// `x · (1 + scale) + shift`, with per-sample modulation broadcast over tokens.
///
/// # Shapes
/// - `x`: `[batch, tokens, width]`
/// - `shift`, `scale`: `[batch, width]`
pub fn modulate<B: Backend>(
    x: Tensor<B, 3>,
    shift: Tensor<B, 2>,
    scale: Tensor<B, 2>,
) -> Tensor<B, 3> {
    x * (scale.unsqueeze_dim::<3>(1) + 1.0) + shift.unsqueeze_dim::<3>(1)
}
