//! How LoRA files name their tensors, in the two layouts real trainers use.
//!
//! - `fal` (diffusers / PEFT style): `transformer.blocks.3.attn.to_q.lora_A.weight`
//!   `[rank, in]` and `….lora_B.weight` `[out, rank]`.
//! - `comfy` (kohya style): `lora_unet_blocks_3_attn_to_q.lora_down.weight`
//!   `[rank, in]`, `….lora_up.weight` `[out, rank]` and a scalar `….alpha`.

use serde::{Deserialize, Serialize};

use super::adapter::Target;

/// A key-naming convention for LoRA files.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Layout {
    /// diffusers / PEFT names.
    Fal,
    /// kohya / ComfyUI names.
    Comfy,
}

impl Layout {
    /// The name used on the command line and in metadata.
    pub fn name(self) -> &'static str {
        match self {
            Self::Fal => "fal",
            Self::Comfy => "comfy",
        }
    }

    /// Parses `fal` or `comfy`.
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "fal" => Some(Self::Fal),
            "comfy" => Some(Self::Comfy),
            _ => None,
        }
    }

    /// An example key, for error messages.
    pub fn example(self) -> &'static str {
        match self {
            Self::Fal => "transformer.blocks.3.attn.to_q.lora_A.weight",
            Self::Comfy => "lora_unet_blocks_3_attn_to_q.lora_down.weight",
        }
    }
}

/// Which tensor of a pair a key holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Part {
    /// `A` (`lora_A` / `lora_down`), stored `[rank, in]`.
    Down,
    /// `B` (`lora_B` / `lora_up`), stored `[out, rank]`.
    Up,
    /// The comfy layout's per-module alpha scalar.
    Alpha,
}

/// The file key for `part` of `target` in block `block`.
pub fn key(layout: Layout, block: usize, target: Target, part: Part) -> String {
    let path = target.path();
    match (layout, part) {
        (Layout::Fal, Part::Down) => format!("transformer.blocks.{block}.{path}.lora_A.weight"),
        (Layout::Fal, Part::Up) => format!("transformer.blocks.{block}.{path}.lora_B.weight"),
        (Layout::Fal, Part::Alpha) => format!("transformer.blocks.{block}.{path}.alpha"),
        (Layout::Comfy, part) => {
            let module = format!("lora_unet_blocks_{block}_{}", path.replace('.', "_"));
            match part {
                Part::Down => format!("{module}.lora_down.weight"),
                Part::Up => format!("{module}.lora_up.weight"),
                Part::Alpha => format!("{module}.alpha"),
            }
        }
    }
}

/// The key of an edit bracelet's reference weights (stored `[hidden, patch_dim]`,
/// like a widened input layer), outside the per-block pairs.
pub fn reference_key(layout: Layout) -> &'static str {
    match layout {
        Layout::Fal => "transformer.reference_embed.weight",
        Layout::Comfy => "lora_unet_reference_embed.weight",
    }
}

/// Reads a key in `layout`: `(block, target, part)`, or `None` if it names nothing
/// this painter has.
pub fn parse(layout: Layout, key: &str) -> Option<(usize, Target, Part)> {
    match layout {
        Layout::Fal => {
            let rest = key.strip_prefix("transformer.blocks.")?;
            let (block, rest) = rest.split_once('.')?;
            let (path, part) = if let Some(path) = rest.strip_suffix(".lora_A.weight") {
                (path, Part::Down)
            } else if let Some(path) = rest.strip_suffix(".lora_B.weight") {
                (path, Part::Up)
            } else {
                return None;
            };
            let target = Target::ALL.into_iter().find(|t| t.path() == path)?;
            Some((block.parse().ok()?, target, part))
        }
        Layout::Comfy => {
            let rest = key.strip_prefix("lora_unet_blocks_")?;
            let (module, part) = if let Some(m) = rest.strip_suffix(".lora_down.weight") {
                (m, Part::Down)
            } else if let Some(m) = rest.strip_suffix(".lora_up.weight") {
                (m, Part::Up)
            } else if let Some(m) = rest.strip_suffix(".alpha") {
                (m, Part::Alpha)
            } else {
                return None;
            };
            let (block, path) = module.split_once('_')?;
            let target = Target::ALL
                .into_iter()
                .find(|t| t.path().replace('.', "_") == path)?;
            Some((block.parse().ok()?, target, part))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_in_both_layouts() {
        for layout in [Layout::Fal, Layout::Comfy] {
            for target in Target::ALL {
                for part in [Part::Down, Part::Up] {
                    let k = key(layout, 3, target, part);
                    assert_eq!(parse(layout, &k), Some((3, target, part)), "{k}");
                }
            }
        }
        assert_eq!(
            key(Layout::Fal, 3, Target::ToQ, Part::Down),
            Layout::Fal.example()
        );
        assert_eq!(
            key(Layout::Comfy, 3, Target::ToQ, Part::Down),
            Layout::Comfy.example()
        );
        assert_eq!(
            parse(Layout::Comfy, "lora_unet_blocks_0_mlp_fc1.alpha"),
            Some((0, Target::Fc1, Part::Alpha))
        );
    }

    #[test]
    fn foreign_keys_parse_to_nothing() {
        assert_eq!(
            parse(Layout::Fal, "lora_unet_blocks_3_attn_to_q.lora_down.weight"),
            None
        );
        assert_eq!(
            parse(
                Layout::Comfy,
                "transformer.blocks.3.attn.to_q.lora_A.weight"
            ),
            None
        );
        assert_eq!(
            parse(Layout::Fal, "transformer.blocks.3.attn.to_z.lora_A.weight"),
            None
        );
        assert_eq!(
            parse(
                Layout::Fal,
                "diffusion_model.blocks.3.attn.to_q.lora_A.weight"
            ),
            None
        );
    }
}
