//! Reading a LoRA file's layout and metadata without building it, and rewriting
//! it in the other layout: the `trainer inspect` and `trainer convert` commands.

use std::collections::BTreeMap;

use safetensors::tensor::Dtype;

use super::file::{LoraMeta, detect, f32_bytes, open, read_meta, sorted_names, unmatched, write};
use super::layout::{self, Layout, Part};
use crate::TrainerError;

/// What [`inspect`] reports.
#[derive(Clone, Debug, PartialEq)]
pub struct Inspection {
    /// The layout the keys follow.
    pub layout: Layout,
    /// The file's metadata.
    pub meta: LoraMeta,
    /// Every tensor's name and shape, sorted by name.
    pub tensors: Vec<(String, Vec<usize>)>,
}

/// Reads the layout and metadata without building anything.
pub fn inspect(bytes: &[u8]) -> Result<Inspection, TrainerError> {
    let file = open(bytes)?;
    let names = sorted_names(&file);
    let layout = detect(&names)?;
    let meta = read_meta(bytes)?;
    let mut shapes: Vec<(String, Vec<usize>)> = file
        .iter()
        .map(|(n, v)| (n.to_owned(), v.shape().to_vec()))
        .collect();
    shapes.sort();
    Ok(Inspection {
        layout,
        meta,
        tensors: shapes,
    })
}

/// Rewrites a file in another layout (names change, values and metadata do not).
pub fn convert(bytes: &[u8], to: Layout) -> Result<Vec<u8>, TrainerError> {
    let file = open(bytes)?;
    let meta = read_meta(bytes)?;
    let names = sorted_names(&file);
    let from = detect(&names)?;
    let mut tensors = BTreeMap::new();
    let mut modules = Vec::new();
    for name in &names {
        if name == layout::reference_key(from) {
            let view = file
                .tensor(name)
                .map_err(|e| TrainerError::LoraFile(format!("`{name}`: {e}")))?;
            let stored = (view.dtype(), view.shape().to_vec(), view.data().to_vec());
            tensors.insert(layout::reference_key(to).to_owned(), stored);
            continue;
        }
        let (block, target, part) =
            layout::parse(from, name).ok_or_else(|| unmatched(&names, from, name))?;
        if part == Part::Alpha {
            continue;
        }
        let view = file
            .tensor(name)
            .map_err(|e| TrainerError::LoraFile(format!("`{name}`: {e}")))?;
        tensors.insert(
            layout::key(to, block, target, part),
            (view.dtype(), view.shape().to_vec(), view.data().to_vec()),
        );
        modules.push((block, target));
    }
    if to == Layout::Comfy {
        for (block, target) in modules {
            tensors.insert(
                layout::key(to, block, target, Part::Alpha),
                (Dtype::F32, vec![], f32_bytes(&[meta.alpha])),
            );
        }
    }
    write(tensors, to, &meta)
}
