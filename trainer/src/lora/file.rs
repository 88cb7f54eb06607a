//! LoRA files: `.safetensors` in the `fal` or `comfy` layout, with metadata.
//!
//! Loading never guesses and never half-applies: every tensor must name a layer
//! of this painter with the right shape, or the file is refused with a message
//! that says what is wrong. A LoRA that loads "fine" and changes nothing is the
//! most reported failure in real trainers' issue trackers; here it cannot happen.
//!
//! Bytes in, bytes out: reading and writing files is the binaries' job.

use std::collections::{BTreeMap, HashMap};

use burn::module::Param;
use burn::tensor::{TensorData, backend::Backend};
use safetensors::tensor::{Dtype, SafeTensors, TensorView};
use serde::{Deserialize, Serialize};

use super::adapter::{BlockLora, LoraAdapter, LoraPair, Target};
use super::layout::{self, Layout, Part};
use super::precision::{self, Precision};

pub use super::convert::{Inspection, convert, inspect};
use crate::TrainerError;
use crate::model::PainterConfig;

/// What a LoRA file says about itself (stored as JSON under `sweetspot.meta`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LoraMeta {
    /// The painter preset it was trained on (`tiny`, `small`).
    pub preset: String,
    /// Hash of the base weights it was trained against.
    pub base_hash: String,
    /// Thickness.
    pub rank: usize,
    /// Strength numerator.
    pub alpha: f32,
    /// Layers it sits beside.
    pub targets: Vec<Target>,
    /// The call word or phrase to put in prompts.
    pub trigger: String,
    /// Training step it was saved at.
    pub step: u32,
    /// Training seed.
    pub seed: u64,
    /// The whole training configuration, as JSON.
    pub training_config: String,
}

/// A decoded file.
#[derive(Debug)]
pub struct LoraFile<B: Backend> {
    /// The bracelet.
    pub adapter: LoraAdapter<B>,
    /// Its metadata.
    pub meta: LoraMeta,
    /// The layout the file was written in.
    pub layout: Layout,
}

/// The two halves of one pair as read from a file, and its rank.
#[derive(Default)]
struct PairParts {
    down: Option<Vec<f32>>,
    up: Option<Vec<f32>>,
    rank: usize,
}

type Pairs = BTreeMap<(usize, Target), PairParts>;

const META_KEY: &str = "sweetspot.meta";

fn fail<T>(message: String) -> Result<T, TrainerError> {
    Err(TrainerError::LoraFile(message))
}

/// Tensors to write: name → (format, shape, little-endian bytes).
pub(super) type Stored = BTreeMap<String, (Dtype, Vec<usize>, Vec<u8>)>;

/// Writes `adapter` in `layout`, exactly (`f32`).
pub fn encode<B: Backend>(
    adapter: &LoraAdapter<B>,
    layout: Layout,
    meta: &LoraMeta,
) -> Result<Vec<u8>, TrainerError> {
    encode_as(adapter, layout, meta, Precision::F32)
}

/// Writes `adapter` in `layout` with its numbers in `precision`.
pub fn encode_as<B: Backend>(
    adapter: &LoraAdapter<B>,
    layout: Layout,
    meta: &LoraMeta,
    precision: Precision,
) -> Result<Vec<u8>, TrainerError> {
    let mut tensors = Stored::new();
    for (index, block) in adapter.blocks.iter().enumerate() {
        for target in Target::ALL {
            let Some(pair) = block.get(target) else {
                continue;
            };
            for (part, tensor) in [(Part::Down, pair.a.val()), (Part::Up, pair.b.val())] {
                let stored = tensor.transpose(); // files keep PyTorch's [out, in] orientation
                let shape = stored.dims().to_vec();
                let values = stored.into_data().to_vec::<f32>().map_err(|e| {
                    TrainerError::LoraFile(format!("cannot read adapter values: {e:?}"))
                })?;
                let (dtype, bytes) = precision::to_bytes(&values, precision);
                tensors.insert(
                    layout::key(layout, index, target, part),
                    (dtype, shape, bytes),
                );
            }
            if layout == Layout::Comfy {
                tensors.insert(
                    layout::key(layout, index, target, Part::Alpha),
                    (Dtype::F32, vec![], f32_bytes(&[adapter.alpha])),
                );
            }
        }
    }
    if let Some(reference) = &adapter.reference {
        let stored = reference.val().transpose(); // [hidden, patch_dim]
        let shape = stored.dims().to_vec();
        let values = stored
            .into_data()
            .to_vec::<f32>()
            .map_err(|e| TrainerError::LoraFile(format!("cannot read adapter values: {e:?}")))?;
        let (dtype, bytes) = precision::to_bytes(&values, precision);
        tensors.insert(
            layout::reference_key(layout).to_owned(),
            (dtype, shape, bytes),
        );
    }
    write(tensors, layout, meta)
}

pub(super) fn write(
    tensors: Stored,
    layout: Layout,
    meta: &LoraMeta,
) -> Result<Vec<u8>, TrainerError> {
    let mut views = Vec::with_capacity(tensors.len());
    for (name, (dtype, shape, bytes)) in &tensors {
        let view = TensorView::new(*dtype, shape.clone(), bytes)
            .map_err(|e| TrainerError::LoraFile(format!("tensor `{name}`: {e}")))?;
        views.push((name.clone(), view));
    }
    let mut info = HashMap::new();
    let json = serde_json::to_string(meta).map_err(|e| TrainerError::LoraFile(e.to_string()))?;
    info.insert(META_KEY.to_owned(), json);
    info.insert("sweetspot.layout".to_owned(), layout.name().to_owned());
    info.insert("ss_network_dim".to_owned(), meta.rank.to_string());
    info.insert("ss_network_alpha".to_owned(), meta.alpha.to_string());
    safetensors::serialize(views, Some(info)).map_err(|e| TrainerError::LoraFile(e.to_string()))
}

/// Decodes a file for a painter of shape `painter`, refusing anything that does
/// not fit it exactly. With `expect`, a file in the other layout is refused too.
pub fn decode<B: Backend>(
    bytes: &[u8],
    painter: &PainterConfig,
    expect: Option<Layout>,
    device: &B::Device,
) -> Result<LoraFile<B>, TrainerError> {
    let file = open(bytes)?;
    let meta = read_meta(bytes)?;
    let names = sorted_names(&file);
    let layout = detect(&names)?;
    if let Some(wanted) = expect.filter(|w| *w != layout) {
        return fail(format!(
            "this file is in the {} layout, not {}: convert it with `trainer convert --to {}`",
            layout.name(),
            wanted.name(),
            wanted.name()
        ));
    }
    // Names first: a file that only partly matches is the silent failure we refuse.
    let reference_key = layout::reference_key(layout);
    if let Some(stranger) = names
        .iter()
        .find(|n| *n != reference_key && layout::parse(layout, n).is_none())
    {
        return Err(unmatched(&names, layout, stranger));
    }
    let mut pairs = Pairs::new();
    let mut reference = None;
    for name in &names {
        if name == reference_key {
            reference = Some(read_reference(&file, name, painter)?);
            continue;
        }
        let (block, target, part) =
            layout::parse(layout, name).ok_or_else(|| unmatched(&names, layout, name))?;
        if block >= painter.depth {
            return fail(format!(
                "tensor `{name}` is for block {block}, but this painter has {} blocks: the file was trained for another model (preset `{}`)",
                painter.depth, meta.preset
            ));
        }
        let view = file
            .tensor(name)
            .map_err(|e| TrainerError::LoraFile(format!("`{name}`: {e}")))?;
        let Some(values) = precision::to_f32(view.dtype(), view.data()) else {
            return fail(format!(
                "tensor `{name}` holds {:?} numbers; LoRA files here hold F32, F16 or BF16",
                view.dtype()
            ));
        };
        let (d_in, d_out) = target.dims(painter);
        let shape = view.shape().to_vec();
        let entry = pairs.entry((block, target)).or_default();
        let rank = match part {
            Part::Alpha => continue,
            Part::Down => shape.first().copied().unwrap_or(0),
            Part::Up => shape.get(1).copied().unwrap_or(0),
        };
        let expected = match part {
            Part::Down => vec![rank, d_in],
            _ => vec![d_out, rank],
        };
        if shape != expected || rank == 0 {
            return fail(format!(
                "tensor `{name}` has shape {shape:?}, but this painter's `{}` needs {expected:?}: the file was trained for another model size (preset `{}`)",
                target.path(),
                meta.preset
            ));
        }
        match part {
            Part::Down => entry.down = Some(values),
            _ => entry.up = Some(values),
        }
        entry.rank = rank;
    }
    build(pairs, reference, painter, layout, meta, device)
}

/// An edit bracelet's reference weights, `[hidden, patch_dim]` in the file,
/// returned in the adapter's `[patch_dim, hidden]` orientation.
fn read_reference(
    file: &SafeTensors<'_>,
    name: &str,
    painter: &PainterConfig,
) -> Result<Vec<f32>, TrainerError> {
    let view = file
        .tensor(name)
        .map_err(|e| TrainerError::LoraFile(format!("`{name}`: {e}")))?;
    let expected = vec![painter.hidden, painter.patch_dim()];
    if view.shape() != expected.as_slice() {
        return fail(format!(
            "tensor `{name}` has shape {:?}, but this painter reads start pictures with {expected:?}",
            view.shape()
        ));
    }
    let Some(values) = precision::to_f32(view.dtype(), view.data()) else {
        return fail(format!(
            "tensor `{name}` holds {:?} numbers; LoRA files here hold F32, F16 or BF16",
            view.dtype()
        ));
    };
    Ok(transpose(&values, painter.hidden, painter.patch_dim()))
}

fn build<B: Backend>(
    pairs: Pairs,
    reference: Option<Vec<f32>>,
    painter: &PainterConfig,
    layout: Layout,
    meta: LoraMeta,
    device: &B::Device,
) -> Result<LoraFile<B>, TrainerError> {
    let mut blocks: Vec<BlockLora<B>> = (0..painter.depth).map(|_| BlockLora::empty()).collect();
    let mut rank = None;
    for ((block, target), PairParts { down, up, rank: r }) in pairs {
        let (Some(down), Some(up)) = (down, up) else {
            return fail(format!(
                "block {block} `{}` has only half of its pair (A and B are both needed)",
                target.path()
            ));
        };
        if *rank.get_or_insert(r) != r {
            return fail(format!(
                "block {block} `{}` has rank {r}, other layers rank {}",
                target.path(),
                rank.unwrap_or(0)
            ));
        }
        let (d_in, d_out) = target.dims(painter);
        // Transposed on the CPU so the parameters are fresh leaves for autodiff.
        let a = TensorData::new(transpose(&down, r, d_in), [d_in, r]);
        let b = TensorData::new(transpose(&up, d_out, r), [r, d_out]);
        *blocks[block].slot(target) = Some(LoraPair {
            a: Param::from_data(a, device),
            b: Param::from_data(b, device),
        });
    }
    let Some(rank) = rank else {
        return fail("the file holds no LoRA tensors".into());
    };
    if rank != meta.rank {
        return fail(format!(
            "the tensors have rank {rank} but the metadata says {}",
            meta.rank
        ));
    }
    Ok(LoraFile {
        adapter: LoraAdapter {
            blocks,
            rank,
            alpha: meta.alpha,
            reference: reference.map(|values| {
                let dims = [painter.patch_dim(), painter.hidden];
                Param::from_data(TensorData::new(values, dims), device)
            }),
        },
        meta,
        layout,
    })
}

/// Tensor names in a fixed order, so every message about a file is reproducible.
pub(super) fn sorted_names(file: &SafeTensors<'_>) -> Vec<String> {
    let mut names: Vec<String> = file.names().into_iter().map(str::to_owned).collect();
    names.sort();
    names
}

pub(super) fn open(bytes: &[u8]) -> Result<SafeTensors<'_>, TrainerError> {
    SafeTensors::deserialize(bytes)
        .map_err(|e| TrainerError::LoraFile(format!("not a readable .safetensors file: {e}")))
}

pub(super) fn read_meta(bytes: &[u8]) -> Result<LoraMeta, TrainerError> {
    let (_, header) = SafeTensors::read_metadata(bytes)
        .map_err(|e| TrainerError::LoraFile(format!("not a readable .safetensors file: {e}")))?;
    let json = header
        .metadata()
        .as_ref()
        .and_then(|m| m.get(META_KEY))
        .ok_or_else(|| {
            TrainerError::LoraFile(format!(
                "the file has no `{META_KEY}` metadata: it was not written by this trainer"
            ))
        })?;
    serde_json::from_str(json)
        .map_err(|e| TrainerError::LoraFile(format!("`{META_KEY}` metadata is damaged: {e}")))
}

/// The layout most keys follow; an error if no key follows either.
pub(super) fn detect(names: &[String]) -> Result<Layout, TrainerError> {
    let count = |layout| {
        names
            .iter()
            .filter(|n| layout::parse(layout, n).is_some())
            .count()
    };
    let (fal, comfy) = (count(Layout::Fal), count(Layout::Comfy));
    if fal == 0 && comfy == 0 {
        return fail(format!(
            "0 of {} tensors matched: the keys follow neither the fal layout (like `{}`) nor the comfy layout (like `{}`); the first key is `{}`",
            names.len(),
            Layout::Fal.example(),
            Layout::Comfy.example(),
            names.first().map_or("", String::as_str)
        ));
    }
    Ok(if fal >= comfy {
        Layout::Fal
    } else {
        Layout::Comfy
    })
}

pub(super) fn unmatched(names: &[String], layout: Layout, example: &str) -> TrainerError {
    let matched = names
        .iter()
        .filter(|n| layout::parse(layout, n).is_some())
        .count();
    TrainerError::LoraFile(format!(
        "{matched} of {} tensors matched the {} layout; the others name no layer of this painter (e.g. `{example}`): refusing a file that would load partly and silently do less",
        names.len(),
        layout.name()
    ))
}

/// `rows × cols` row-major → `cols × rows` row-major.
fn transpose(values: &[f32], rows: usize, cols: usize) -> Vec<f32> {
    let mut out = vec![0.0; values.len()];
    for r in 0..rows {
        for c in 0..cols {
            out[c * rows + r] = values[r * cols + c];
        }
    }
    out
}

pub(crate) fn f32_bytes(values: &[f32]) -> Vec<u8> {
    values.iter().flat_map(|v| v.to_le_bytes()).collect()
}
