//! Albums: the course's built-in ones, and uploads streamed to disk under a size
//! limit, judged by the trainer's album loader, and kept outside the static root
//! under generated names.

use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

use axum::Json;
use axum::body::Body;
use axum::extract::multipart::MultipartError;
use axum::extract::{Multipart, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::Response;
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
use super::body::{see_other, with_error};

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

/// `subject` (default) or `style`.
fn parse_kind(kind: Option<&str>) -> Result<AlbumKind, AppError> {
    match kind.map(str::trim) {
        None | Some("" | "subject") => Ok(AlbumKind::Subject),
        Some("style") => Ok(AlbumKind::Style),
        Some(other) => Err(AppError::BadRequest(format!(
            "kind must be `subject` or `style`, not `{other}`"
        ))),
    }
}

/// An upload on disk, not yet judged.
struct Received {
    id: String,
    temp: TempFile,
    size: u64,
    sha256: String,
}

/// Streams `chunks` into `albums/incoming/` under the size limit.
async fn receive<S, E>(services: &Services, mut chunks: S) -> Result<Received, AppError>
where
    S: futures_util::Stream<Item = Result<axum::body::Bytes, E>> + Unpin,
    E: std::fmt::Display,
{
    let limit = services.trainings.max_upload_bytes;
    let id = crate::ids::random_hex(16);
    let incoming = services
        .trainings
        .paths
        .uploads
        .join("incoming")
        .join(format!("{id}.partial"));
    let temp = TempFile(Some(incoming.clone()));
    let mut file = std::fs::File::create_new(&incoming).map_err(AppError::internal)?;
    let mut hasher = Sha256::new();
    let mut size: u64 = 0;
    while let Some(chunk) = chunks.next().await {
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
    Ok(Received {
        id,
        temp,
        size,
        sha256: format!("{:x}", hasher.finalize()),
    })
}

/// Judges a received zip with the album loader and keeps it as `albums/ID.zip`.
async fn keep(
    services: &Services,
    instructor_id: i64,
    mut received: Received,
    kind: AlbumKind,
    default_caption: Option<String>,
    name: Option<String>,
) -> Result<(UploadedAlbum, Vec<String>), AppError> {
    let resolution = u32::try_from(services.trainings.base_shape.image_size).unwrap_or(u32::MAX);
    let mut options = AlbumOptions::new(kind, resolution);
    if let Some(caption) = default_caption.filter(|c| !c.trim().is_empty()) {
        options = options.with_default_caption(caption);
    }
    let incoming = received
        .temp
        .0
        .clone()
        .ok_or_else(|| AppError::internal("upload lost"))?;
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
        id: received.id.clone(),
        instructor_id,
        original_name: name
            .unwrap_or_else(|| "album.zip".into())
            .chars()
            .take(200)
            .collect(),
        bytes: received.size,
        sha256: received.sha256.clone(),
        summary: serde_json::to_value(album.summary()).map_err(AppError::internal)?,
        created_at: now_ms(),
    };
    let store = Arc::clone(&services.trainings.store);
    let target = services
        .trainings
        .paths
        .uploads
        .join(format!("{}.zip", received.id));
    let stored = record.clone();
    blocking(move || {
        std::fs::rename(&incoming, &target).map_err(AppError::internal)?;
        store.add_album(&stored)?;
        Ok(())
    })
    .await?;
    received.temp.0 = None;
    Ok((record, warnings))
}

/// `POST /api/albums`: the body is the zip itself; `?kind=`, `?default_caption=`
/// and `?name=` say how to judge and show it.
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
    let kind = parse_kind(query.kind.as_deref())?;
    let received = receive(&services, body.into_data_stream()).await?;
    let (record, warnings) = keep(
        &services,
        instructor.id,
        received,
        kind,
        query.default_caption,
        query.name,
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(json!({ "album": record, "warnings": warnings })),
    ))
}

/// `POST /api/albums/form`: the course's upload form (multipart: the file as
/// `album`, then `kind` and `default_caption`); answers with a redirect to
/// `/teach`, where the bench now offers the album.
pub(super) async fn upload_form(
    State(services): State<Arc<Services>>,
    SignedIn(instructor): SignedIn,
    mut form: Multipart,
) -> Response {
    let limit = services.trainings.max_upload_bytes;
    let refused = |e: MultipartError| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            AppError::TooLarge(limit)
        } else {
            AppError::BadRequest(e.body_text())
        }
    };
    let result = async {
        let (mut received, mut name, mut kind, mut caption) = (None, None, None, None);
        while let Some(field) = form.next_field().await.map_err(refused)? {
            match field.name() {
                Some("album") => {
                    name = field.file_name().map(str::to_owned);
                    received = Some(receive(&services, field).await?);
                }
                Some("kind") => kind = Some(field.text().await.map_err(refused)?),
                Some("default_caption") => {
                    caption = Some(field.text().await.map_err(refused)?);
                }
                _ => {}
            }
        }
        let received =
            received.ok_or_else(|| AppError::BadRequest("choose a zip file to upload".into()))?;
        let kind = parse_kind(kind.as_deref())?;
        keep(&services, instructor.id, received, kind, caption, name).await
    }
    .await;
    match result {
        Ok(_) => see_other("/teach", None),
        Err(error) => see_other(&with_error("/teach", &error), None),
    }
}
