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
    let tokens = x.dims()[1];
    x * (per_token(scale, tokens) + 1.0) + per_token(shift, tokens)
}

/// `[batch, width]` → `[batch, tokens, width]`, copied out rather than broadcast.
///
/// A broadcast view of shape `[batch, 1, width]` sends burn's CPU backend down its
/// slow element-by-element path (profiled: the biggest cost of a training step
/// after matrix products); one contiguous copy keeps the product on its SIMD path.
pub fn per_token<B: Backend>(v: Tensor<B, 2>, tokens: usize) -> Tensor<B, 3> {
    v.unsqueeze_dim::<3>(1).repeat_dim(1, tokens)
}
