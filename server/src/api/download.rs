//! A job's files: the finished LoRA and each checkpoint as `.safetensors`, in the
//! job's layout or converted to the other on demand, and the validation samples.
//! These never change once written, so they are served with long caching.

use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Value, json};
use trainer::lora::{Layout, file};

use crate::error::{AppError, blocking};
use crate::store::JobState;
use crate::trainings::files::{self, JobDir};
use crate::trainings::spec::JobSpec;

use super::Services;
use super::jobs::find;

const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// `?layout=fal|comfy`.
#[derive(Deserialize)]
pub(super) struct LayoutQuery {
    #[serde(default)]
    layout: Option<String>,
}

async fn serve_lora(
    services: &Services,
    id: String,
    relative: String,
    query: LayoutQuery,
    name: String,
) -> Result<Response, AppError> {
    let job = find(services, id).await?;
    let spec: JobSpec = serde_json::from_value(job.spec.clone()).map_err(AppError::internal)?;
    let wanted = match query.layout.as_deref() {
        None => spec.layout(),
        Some(text) => Layout::parse(text).ok_or_else(|| {
            AppError::BadRequest(format!("layout must be `fal` or `comfy`, not `{text}`"))
        })?,
    };
    let path = JobDir::at(&services.trainings.paths.jobs, &job.id).path(&relative);
    let bytes = blocking(move || {
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(AppError::NotFound),
            Err(e) => return Err(AppError::internal(e)),
        };
        if wanted == spec.layout() {
            Ok(bytes)
        } else {
            file::convert(&bytes, wanted).map_err(AppError::internal)
        }
    })
    .await?;
    let disposition = format!(
        "attachment; filename=\"{name}-{}.safetensors\"",
        wanted.name()
    );
    Ok((
        [
            (header::CONTENT_TYPE, "application/octet-stream".to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, IMMUTABLE.to_owned()),
        ],
        bytes,
    )
        .into_response())
}

/// `GET /api/jobs/{id}/lora`: the finished LoRA.
pub(super) async fn lora(
    State(services): State<Arc<Services>>,
    Path(id): Path<String>,
    Query(query): Query<LayoutQuery>,
) -> Result<Response, AppError> {
    let job = find(&services, id.clone()).await?;
    if job.state != JobState::Succeeded {
        return Err(AppError::Conflict(format!(
            "the LoRA is ready when the job has succeeded; it is {}",
            job.state.as_str()
        )));
    }
    let name = format!("lora-{}", &job.id[..8]);
    serve_lora(&services, id, JobDir::FINAL.to_owned(), query, name).await
}

/// `GET /api/jobs/{id}/checkpoints/{step}`: the LoRA saved at `step`.
pub(super) async fn checkpoint(
    State(services): State<Arc<Services>>,
    Path((id, step)): Path<(String, u32)>,
    Query(query): Query<LayoutQuery>,
) -> Result<Response, AppError> {
    let name = format!("lora-{}-step-{step}", id.get(..8).unwrap_or("job"));
    serve_lora(&services, id, JobDir::checkpoint(step), query, name).await
}

/// `GET /api/jobs/{id}/checkpoints`: the job's saved LoRAs, oldest first, with
/// their addresses in the job's layout and the other one.
pub(super) async fn checkpoints(
    State(services): State<Arc<Services>>,
    Path(id): Path<String>,
) -> Result<Json<Value>, AppError> {
    let job = find(&services, id).await?;
    let folder = JobDir::at(&services.trainings.paths.jobs, &job.id).path("checkpoints");
    let mut steps: Vec<u32> = blocking(move || match std::fs::read_dir(&folder) {
        Ok(entries) => Ok(entries
            .filter_map(Result::ok)
            .filter_map(|e| {
                let name = e.file_name().into_string().ok()?;
                name.strip_prefix("lora-step-")?
                    .strip_suffix(".safetensors")?
                    .parse()
                    .ok()
            })
            .collect()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(AppError::internal(e)),
    })
    .await?;
    steps.sort_unstable();
    let base = format!("/api/jobs/{}/checkpoints", job.id);
    let list: Vec<Value> = steps
        .iter()
        .map(|step| {
            json!({
                "step": step,
                "fal": format!("{base}/{step}?layout=fal"),
                "comfy": format!("{base}/{step}?layout=comfy"),
            })
        })
        .collect();
    Ok(Json(json!({ "checkpoints": list })))
}

/// `GET /api/jobs/{id}/samples/{name}`: a validation picture.
pub(super) async fn sample(
    State(services): State<Arc<Services>>,
    Path((id, name)): Path<(String, String)>,
) -> Result<Response, AppError> {
    if !files::is_sample_name(&name) {
        return Err(AppError::NotFound);
    }
    let job = find(&services, id).await?;
    let path = JobDir::at(&services.trainings.paths.jobs, &job.id).path(&format!("samples/{name}"));
    let bytes = blocking(move || match std::fs::read(&path) {
        Ok(bytes) => Ok(bytes),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(AppError::NotFound),
        Err(e) => Err(AppError::internal(e)),
    })
    .await?;
    Ok((
        [
            (header::CONTENT_TYPE, "image/png"),
            (header::CACHE_CONTROL, IMMUTABLE),
        ],
        bytes,
    )
        .into_response())
}
