//! The number formats a LoRA file may store its tensors in.
//!
//! A rank-16 bracelet for the tiny painter is a few hundred kilobytes in `f32`;
//! `f16` halves that with no visible change in the pictures (its ~3 significant
//! digits are far finer than the noise a sampler adds), which matters for the
//! course's shipped checkpoints. Other trainers' files often arrive in `bf16`, so
//! the loader reads that too.

use half::{bf16, f16};
use safetensors::tensor::Dtype;

/// How a file stores its numbers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Precision {
    /// 32-bit floats: exact.
    #[default]
    F32,
    /// 16-bit floats: half the size.
    F16,
}

impl Precision {
    /// The name used on the command line (`f32`, `f16`).
    pub fn name(self) -> &'static str {
        match self {
            Self::F32 => "f32",
            Self::F16 => "f16",
        }
    }

    /// Parses [`Precision::name`].
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "f32" => Some(Self::F32),
            "f16" => Some(Self::F16),
            _ => None,
        }
    }
}

/// `values` as little-endian bytes in `precision`.
pub(crate) fn to_bytes(values: &[f32], precision: Precision) -> (Dtype, Vec<u8>) {
    match precision {
        Precision::F32 => (
            Dtype::F32,
            values.iter().flat_map(|v| v.to_le_bytes()).collect(),
        ),
        Precision::F16 => (
            Dtype::F16,
            values
                .iter()
                .flat_map(|v| f16::from_f32(*v).to_le_bytes())
                .collect(),
        ),
    }
}

/// Reads stored numbers as `f32`; `None` for formats a LoRA file should not hold.
pub(crate) fn to_f32(dtype: Dtype, bytes: &[u8]) -> Option<Vec<f32>> {
    match dtype {
        Dtype::F32 => Some(
            bytes
                .chunks_exact(4)
                .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect(),
        ),
        Dtype::F16 => Some(
            bytes
                .chunks_exact(2)
                .map(|c| f16::from_le_bytes([c[0], c[1]]).to_f32())
                .collect(),
        ),
        Dtype::BF16 => Some(
            bytes
                .chunks_exact(2)
                .map(|c| bf16::from_le_bytes([c[0], c[1]]).to_f32())
                .collect(),
        ),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_precision_keeps_three_digits() {
        let values = [0.0, 1.0, -0.333_333, 1e-3, 12.5];
        let (dtype, bytes) = to_bytes(&values, Precision::F16);
        assert_eq!(dtype, Dtype::F16);
        assert_eq!(bytes.len(), 2 * values.len());
        let back = to_f32(dtype, &bytes).expect("readable");
        for (a, b) in values.iter().zip(&back) {
            assert!((a - b).abs() <= a.abs() * 1e-3, "{a} became {b}");
        }
        assert_eq!(to_f32(Dtype::I64, &[0; 8]), None);
    }
}
