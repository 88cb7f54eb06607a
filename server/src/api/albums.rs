//! Albums: the course's built-in ones, and uploads streamed to disk under a size
//! limit, judged by the trainer's album loader, and kept outside the static root
//! under generated names.

use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

use axum::Json;
use axum::body::Body;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use futures_util::StreamExt;
use serde::Deserialize;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use trainer::album::{self, AlbumKind, AlbumOptions};
use trainer::text::Tokenizer;

use crate::auth::SignedIn;
use crate::error::{AppError, blocking};
use crate::store::{UploadedAlbum, now_ms};

use super::Services;

/// `GET /api/albums/builtin`: the course's albums.
pub(super) async fn builtin(State(services): State<Arc<Services>>) -> Json<Value> {
    Json(json!({ "albums": services.trainings.paths.builtin_names() }))
}

/// How to judge an upload.
#[derive(Deserialize)]
pub(super) struct UploadQuery {
    /// `subject` (default) or `style`.
    #[serde(default)]
    kind: Option<String>,
    /// Caption for images without one.
    #[serde(default)]
    default_caption: Option<String>,
    /// The file's name on the instructor's computer (shown only).
    #[serde(default)]
    name: Option<String>,
}

/// Removes a file when dropped, unless kept.
struct TempFile(Option<PathBuf>);

impl Drop for TempFile {
    fn drop(&mut self) {
        if let Some(path) = self.0.take() {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// `POST /api/albums`: the body is the zip itself.
pub(super) async fn upload(
    State(services): State<Arc<Services>>,
    SignedIn(instructor): SignedIn,
    Query(query): Query<UploadQuery>,
    headers: HeaderMap,
    body: Body,
) -> Result<(StatusCode, Json<Value>), AppError> {
    let limit = services.trainings.max_upload_bytes;
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit) {
        return Err(AppError::TooLarge(limit));
    }
    let kind = match query.kind.as_deref() {
        None | Some("subject") => AlbumKind::Subject,
        Some("style") => AlbumKind::Style,
        Some(other) => {
            return Err(AppError::BadRequest(format!(
                "kind must be `subject` or `style`, not `{other}`"
            )));
        }
    };
    let paths = services.trainings.paths.clone();
    let id = crate::ids::random_hex(16);
    let incoming = paths.uploads.join("incoming").join(format!("{id}.partial"));
    let mut temp = TempFile(Some(incoming.clone()));
    let mut file = std::fs::File::create_new(&incoming).map_err(AppError::internal)?;
    let mut hasher = Sha256::new();
    let mut size: u64 = 0;
    let mut stream = body.into_data_stream();
    while let Some(chunk) = stream.next().await {
        let chunk =
            chunk.map_err(|e| AppError::BadRequest(format!("the upload broke off: {e}")))?;
        size = size.saturating_add(chunk.len() as u64);
        if size > limit {
            return Err(AppError::TooLarge(limit));
        }
        hasher.update(&chunk);
        file.write_all(&chunk).map_err(AppError::internal)?;
    }
    file.sync_all().map_err(AppError::internal)?;
    drop(file);
    let resolution = u32::try_from(services.trainings.base_shape.image_size).unwrap_or(u32::MAX);
    let mut options = AlbumOptions::new(kind, resolution);
    if let Some(caption) = query.default_caption.filter(|c| !c.trim().is_empty()) {
        options = options.with_default_caption(caption);
    }
    let path = incoming.clone();
    let loaded = blocking(move || {
        let bytes = std::fs::read(&path).map_err(AppError::internal)?;
        Ok(album::load_zip(&bytes, &options))
    })
    .await?;
    let album = loaded.map_err(|e| AppError::Invalid {
        errors: vec![format!("album refused: {e}")],
        warnings: Vec::new(),
    })?;
    let warnings: Vec<String> = album
        .check_vocabulary(&Tokenizer::default())
        .iter()
        .map(ToString::to_string)
        .collect();
    let record = UploadedAlbum {
        id: id.clone(),
        instructor_id: instructor.id,
        original_name: query
            .name
            .unwrap_or_else(|| "album.zip".into())
            .chars()
            .take(200)
            .collect(),
        bytes: size,
        sha256: format!("{:x}", hasher.finalize()),
        summary: serde_json::to_value(album.summary()).map_err(AppError::internal)?,
        created_at: now_ms(),
    };
    let store = Arc::clone(&services.trainings.store);
    let target = paths.uploads.join(format!("{id}.zip"));
    let stored = record.clone();
    blocking(move || {
        std::fs::rename(&incoming, &target).map_err(AppError::internal)?;
        store.add_album(&stored)?;
        Ok(())
    })
    .await?;
    temp.0 = None;
    Ok((
        StatusCode::CREATED,
        Json(json!({ "album": record, "warnings": warnings })),
    ))
}
