//! The painter's weights as `.safetensors` bytes, with its shape in the metadata.
//!
//! Loading checks that every tensor in the file found its place and that no layer
//! of the painter was left without one; anything else is refused. The hash of the
//! bytes identifies a base painter in LoRA files and manifests.

use burn::tensor::backend::Backend;
use burn_store::{ModuleSnapshot, SafetensorsStore};
use sha2::{Digest, Sha256};

use super::{Painter, PainterConfig};
use crate::TrainerError;

const CONFIG_KEY: &str = "sweetspot.painter";

fn fail<T>(message: String) -> Result<T, TrainerError> {
    Err(TrainerError::Weights(message))
}

/// Writes the painter's weights, with `config` as JSON metadata.
pub fn save<B: Backend>(
    painter: &Painter<B>,
    config: &PainterConfig,
) -> Result<Vec<u8>, TrainerError> {
    let json = serde_json::to_string(config).map_err(|e| TrainerError::Weights(e.to_string()))?;
    let mut store = SafetensorsStore::from_bytes(None).metadata(CONFIG_KEY, json);
    painter
        .save_into(&mut store)
        .map_err(|e| TrainerError::Weights(format!("cannot serialise the painter: {e}")))?;
    store
        .get_bytes()
        .map_err(|e| TrainerError::Weights(format!("cannot serialise the painter: {e}")))
}

/// The shape stored in a weights file.
pub fn config_of(bytes: &[u8]) -> Result<PainterConfig, TrainerError> {
    let (_, header) = safetensors::SafeTensors::read_metadata(bytes)
        .map_err(|e| TrainerError::Weights(format!("not a readable .safetensors file: {e}")))?;
    let Some(json) = header.metadata().as_ref().and_then(|m| m.get(CONFIG_KEY)) else {
        return fail(format!(
            "the file has no `{CONFIG_KEY}` metadata: it does not hold a Sweet Spot painter"
        ));
    };
    let config: PainterConfig = serde_json::from_str(json)
        .map_err(|e| TrainerError::Weights(format!("`{CONFIG_KEY}` is damaged: {e}")))?;
    config.validate()?;
    Ok(config)
}

/// Builds the painter stored in `bytes`, refusing files that do not fill it exactly.
pub fn load<B: Backend>(
    bytes: &[u8],
    device: &B::Device,
) -> Result<(Painter<B>, PainterConfig), TrainerError> {
    let config = config_of(bytes)?;
    let mut painter = config.init::<B>(device);
    let mut store = SafetensorsStore::from_bytes(Some(bytes.to_vec())).allow_partial(true);
    let result = painter
        .load_from(&mut store)
        .map_err(|e| TrainerError::Weights(format!("cannot read the weights: {e}")))?;
    if let Some((path, _)) = result.missing.first() {
        return fail(format!(
            "{} of the painter's tensors are missing from the file, e.g. `{path}`",
            result.missing.len()
        ));
    }
    if let Some(name) = result.unused.first() {
        return fail(format!(
            "{} tensors in the file fit no layer of this painter, e.g. `{name}`",
            result.unused.len()
        ));
    }
    if let Some(error) = result.errors.first() {
        return fail(format!(
            "{} tensors could not be applied, e.g. {error:?}",
            result.errors.len()
        ));
    }
    Ok((painter, config))
}

/// The base painter's identity: SHA-256 over every tensor's name, shape and data,
/// in name order, hex-encoded. The file's header is left out because its metadata
/// map has no fixed order, so two saves of one painter differ byte for byte.
pub fn hash(bytes: &[u8]) -> Result<String, TrainerError> {
    let file = safetensors::SafeTensors::deserialize(bytes)
        .map_err(|e| TrainerError::Weights(format!("not a readable .safetensors file: {e}")))?;
    let mut names = file.names();
    names.sort();
    let mut hasher = Sha256::new();
    for name in names {
        let view = file
            .tensor(name)
            .map_err(|e| TrainerError::Weights(format!("`{name}`: {e}")))?;
        hasher.update(name.as_bytes());
        hasher.update(format!("{:?}{:?}", view.dtype(), view.shape()).as_bytes());
        hasher.update(view.data());
    }
    Ok(hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect())
}

#[cfg(all(test, feature = "flex"))]
mod tests {
    use super::*;
    use crate::TestBackend;
    use crate::test_util::{jittered_painter, small_config, values};

    #[test]
    fn weights_round_trip_exactly() {
        let painter = jittered_painter();
        let bytes = save(&painter, &small_config()).expect("saves");
        let (loaded, config) = load::<TestBackend>(&bytes, &Default::default()).expect("loads");
        assert_eq!(config, small_config());
        assert_eq!(values(&loaded), values(&painter));
        let again = save(&loaded, &config).expect("saves again");
        assert_eq!(
            hash(&bytes).expect("hashes"),
            hash(&again).expect("hashes"),
            "same weights, same identity"
        );
        assert_eq!(hash(&bytes).expect("hashes").len(), 64);
        let other = save(
            &crate::model::PainterConfig::new(16, 32, 2, 2, 32)
                .init::<TestBackend>(&Default::default()),
            &config,
        )
        .expect("saves");
        assert_ne!(
            hash(&bytes).expect("hashes"),
            hash(&other).expect("hashes"),
            "other weights, other identity"
        );
    }

    #[test]
    fn a_file_for_another_shape_is_refused() {
        let painter = jittered_painter();
        let mut other = small_config();
        other.depth = 3; // the metadata claims a deeper painter than the tensors hold
        let bytes = save(&painter, &other).expect("saves");
        let err = load::<TestBackend>(&bytes, &Default::default())
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            err.contains("of the painter's tensors are missing from the file, e.g. `blocks.2."),
            "{err}"
        );
        let err = load::<TestBackend>(b"junk", &Default::default())
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("not a readable .safetensors file"), "{err}");
    }
}
