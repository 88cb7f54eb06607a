//! LoRA files: round trips, conversion, and every refusal the loader promises.

use std::collections::HashMap;

use safetensors::tensor::{Dtype, TensorView};

use super::file::{self, LoraMeta};
use super::*;
use crate::TestBackend;
use crate::model::PainterConfig;
use crate::test_util::{randomise_b, small_config, values};

type B = TestBackend;

fn meta(rank: usize, alpha: f32) -> LoraMeta {
    LoraMeta {
        preset: "test".into(),
        base_hash: "0123abcd".into(),
        rank,
        alpha,
        targets: Target::ALL.to_vec(),
        trigger: "TOK".into(),
        step: 500,
        seed: 42,
        training_config: "{}".into(),
    }
}

fn adapter() -> LoraAdapter<B> {
    let config = LoraConfig::new()
        .with_rank(4)
        .with_alpha(8.0)
        .with_targets(Target::ALL.to_vec());
    // B values of spread one: a transposition mistake cannot hide behind zeros.
    randomise_b(
        config.init::<B>(&small_config(), 5, &Default::default()),
        8,
        1.0,
    )
}

/// Decodes for the small test painter, optionally requiring a layout.
fn decode(bytes: &[u8], expect: Option<Layout>) -> Result<LoraFile<B>, crate::TrainerError> {
    file::decode(bytes, &small_config(), expect, &Default::default())
}

fn refused(result: Result<LoraFile<B>, crate::TrainerError>) -> String {
    result
        .map(|_| ())
        .expect_err("the file must be refused")
        .to_string()
}

#[test]
fn both_layouts_round_trip_exactly() {
    let original = adapter();
    for layout in [Layout::Fal, Layout::Comfy] {
        let bytes = file::encode(&original, layout, &meta(4, 8.0)).expect("encodes");
        let loaded = decode(&bytes, None).expect("decodes");
        assert_eq!(loaded.layout, layout);
        assert_eq!(loaded.meta, meta(4, 8.0));
        assert_eq!((loaded.adapter.rank, loaded.adapter.alpha), (4, 8.0));
        assert_eq!(
            values(&loaded.adapter),
            values(&original),
            "{layout:?} keeps every value"
        );
    }
}

#[test]
fn an_edit_bracelet_keeps_its_reference_weights_in_both_layouts() {
    let mut original = adapter();
    let (patch, hidden) = (small_config().patch_dim(), small_config().hidden);
    let weights: Vec<f32> = (0..patch * hidden)
        .map(|i| (i % 17) as f32 / 17.0 - 0.5)
        .collect();
    original.reference = Some(burn::module::Param::from_data(
        burn::tensor::TensorData::new(weights, [patch, hidden]),
        &Default::default(),
    ));
    for layout in [Layout::Fal, Layout::Comfy] {
        let bytes = file::encode(&original, layout, &meta(4, 8.0)).expect("encodes");
        let key = super::layout::reference_key(layout);
        let shapes = file::inspect(&bytes).expect("inspects").tensors;
        assert!(
            shapes
                .iter()
                .any(|(k, s)| k == key && s == &vec![hidden, patch]),
            "{layout:?}"
        );
        assert_eq!(
            values(&decode(&bytes, None).expect("decodes").adapter),
            values(&original)
        );
        let other = file::convert(&bytes, Layout::Fal).expect("converts");
        assert_eq!(
            values(&decode(&other, None).expect("decodes").adapter),
            values(&original)
        );
    }
    // A reference for a painter with other patches is refused by name.
    let bytes = file::encode(&original, Layout::Fal, &meta(4, 8.0)).expect("encodes");
    let other_painter = PainterConfig {
        patch_size: 2,
        ..small_config()
    };
    let err = file::decode::<B>(&bytes, &other_painter, None, &Default::default())
        .map(|_| ())
        .expect_err("another patch size");
    assert!(err.to_string().contains("reference_embed"), "{err}");
}

#[test]
fn conversion_goes_both_ways_without_loss() {
    let original = adapter();
    let fal = file::encode(&original, Layout::Fal, &meta(4, 8.0)).expect("encodes");
    let comfy = file::convert(&fal, Layout::Comfy).expect("fal → comfy");
    let file::Inspection {
        layout,
        tensors: shapes,
        ..
    } = file::inspect(&comfy).expect("inspects");
    assert_eq!(layout, Layout::Comfy);
    assert!(
        shapes
            .iter()
            .any(|(k, s)| k == "lora_unet_blocks_1_mlp_fc2.alpha" && s.is_empty())
    );
    assert!(
        shapes.iter().any(
            |(k, s)| k == "lora_unet_blocks_0_attn_to_q.lora_down.weight" && s == &vec![4, 32]
        )
    );
    let back = file::convert(&comfy, Layout::Fal).expect("comfy → fal");
    let loaded = decode(&back, Some(Layout::Fal)).expect("decodes");
    assert_eq!(values(&loaded.adapter), values(&original));
}

#[test]
fn a_file_in_the_other_layout_is_refused_when_one_is_required() {
    let comfy = file::encode(&adapter(), Layout::Comfy, &meta(4, 8.0)).expect("encodes");
    let err = refused(decode(&comfy, Some(Layout::Fal)));
    assert_eq!(
        err,
        "LoRA file refused: this file is in the comfy layout, not fal: convert it with `trainer convert --to fal`"
    );
}

/// A file written for some other model: its keys follow neither layout.
fn foreign_file(names: &[&str]) -> Vec<u8> {
    let bytes = vec![0u8; 4 * 4 * 32];
    let views: Vec<(String, TensorView<'_>)> = names
        .iter()
        .map(|n| {
            (
                (*n).to_owned(),
                TensorView::new(Dtype::F32, vec![4, 32], &bytes).expect("view"),
            )
        })
        .collect();
    let mut info = HashMap::new();
    info.insert(
        "sweetspot.meta".to_owned(),
        serde_json::to_string(&meta(4, 4.0)).expect("json"),
    );
    safetensors::serialize(views, Some(info)).expect("serialises")
}

#[test]
fn keys_for_another_model_are_refused_loudly() {
    let bytes = foreign_file(&[
        "diffusion_model.input_blocks.1.attn.to_q.weight",
        "diffusion_model.out.weight",
    ]);
    let err = refused(decode(&bytes, None));
    assert!(
        err.starts_with(
            "LoRA file refused: 0 of 2 tensors matched: the keys follow neither the fal layout"
        ),
        "{err}"
    );

    let bytes = foreign_file(&[
        "transformer.blocks.0.attn.to_q.lora_A.weight",
        "transformer.blocks.0.attn.to_q.lora_B.weight",
        "transformer.blocks.0.attn.to_qkv.lora_A.weight",
    ]);
    let err = refused(decode(&bytes, None));
    assert!(
        err.starts_with("LoRA file refused: 2 of 3 tensors matched the fal layout"),
        "{err}"
    );
}

#[test]
fn a_file_for_another_painter_size_is_refused() {
    let bytes = file::encode(&adapter(), Layout::Fal, &meta(4, 8.0)).expect("encodes");
    let wider = PainterConfig::new(16, 64, 2, 2, 32);
    let err = refused(file::decode(&bytes, &wider, None, &Default::default()));
    assert!(
        err.contains("transformer.blocks.0.attn.to_k.lora_A.weight` has shape [4, 32], but this painter's `attn.to_k` needs [4, 64]"),
        "{err}"
    );
    let shallower = PainterConfig::new(16, 32, 1, 2, 32);
    let err = refused(file::decode(&bytes, &shallower, None, &Default::default()));
    assert!(
        err.contains("is for block 1, but this painter has 1 blocks"),
        "{err}"
    );
}

#[test]
fn damaged_or_foreign_files_are_refused() {
    let bytes = file::encode(&adapter(), Layout::Fal, &meta(4, 8.0)).expect("encodes");
    let err = refused(decode(&bytes[..bytes.len() / 2], None));
    assert!(
        err.starts_with("LoRA file refused: not a readable .safetensors file"),
        "{err}"
    );
    let bare =
        safetensors::serialize(Vec::<(String, TensorView<'_>)>::new(), None).expect("empty file");
    let err = refused(decode(&bare, None));
    assert!(err.contains("has no `sweetspot.meta` metadata"), "{err}");
}

#[test]
fn half_precision_files_are_half_the_size_and_paint_the_same() {
    let original = adapter();
    let full = file::encode(&original, Layout::Comfy, &meta(4, 8.0)).expect("f32");
    let half =
        file::encode_as(&original, Layout::Comfy, &meta(4, 8.0), Precision::F16).expect("f16");
    // Every number saves two bytes; only the header's offsets differ besides.
    let numbers: usize = values(&original).iter().map(Vec::len).sum();
    let saved = full.len() - half.len();
    assert!(
        saved.abs_diff(2 * numbers) < 256,
        "saved {saved} bytes for {numbers} numbers"
    );
    let loaded = decode(&half, Some(Layout::Comfy)).expect("f16 decodes");
    for (a, b) in values(&original).iter().zip(values(&loaded.adapter).iter()) {
        for (x, y) in a.iter().zip(b) {
            assert!((x - y).abs() <= x.abs() * 1e-3 + 1e-6, "{x} became {y}");
        }
    }
    // Conversion keeps the stored format.
    let converted = file::convert(&half, Layout::Fal).expect("converts");
    assert!(converted.len() < full.len(), "conversion kept f16");
    assert!(decode(&converted, Some(Layout::Fal)).is_ok());
}
