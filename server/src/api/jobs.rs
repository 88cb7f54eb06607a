//! Jobs: create one from the bench, list an instructor's, show one, and stop,
//! cancel or resume it.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Form, Json};
use serde_json::{Value, json};
use trainer::album::{self, AlbumOptions};
use trainer::text::Tokenizer;

use crate::auth::SignedIn;
use crate::bench::{self, AlbumFacts, BenchForm, HtmlBench, Rules};
use crate::error::{AppError, blocking};
use crate::store::{Job, StopKind};
use crate::trainings::runner::{self, control};
use crate::trainings::spec::{AlbumRef, JobSpec};
use crate::trainings::{Trainings, is_builtin_name};

use super::Services;
use super::body::{JsonBody, answer, is_form, see_other, with_error};

/// Loads the form's album as the job would, and says what it holds.
fn album_facts(
    trainings: &Trainings,
    form: &BenchForm,
    instructor_id: i64,
) -> Result<AlbumFacts, String> {
    let known = match &form.album {
        AlbumRef::Builtin(name) => {
            is_builtin_name(name) && trainings.paths.album_file(&form.album).is_file()
        }
        AlbumRef::Upload(id) => {
            crate::ids::is_id(id, 32)
                && matches!(trainings.store.album_of(id, instructor_id), Ok(Some(_)))
        }
    };
    if !known {
        return Err("no such album".into());
    }
    let bytes = std::fs::read(trainings.paths.album_file(&form.album))
        .map_err(|_| "the album file cannot be read".to_owned())?;
    let resolution = u32::try_from(trainings.base_shape.image_size).unwrap_or(u32::MAX);
    let kind = if form.is_style {
        trainer::album::AlbumKind::Style
    } else {
        trainer::album::AlbumKind::Subject
    };
    let mut options = AlbumOptions::new(kind, resolution);
    if let Some(caption) = form
        .default_caption
        .as_deref()
        .filter(|c| !c.trim().is_empty())
    {
        options = options.with_default_caption(caption.trim());
    }
    let album = album::load_zip(&bytes, &options).map_err(|e| e.to_string())?;
    let summary = album.summary();
    let trigger = form.trigger_phrase.trim();
    Ok(AlbumFacts {
        examples: summary.examples,
        captions_from_files: summary.captions_from_files,
        trigger_in_captions: !trigger.is_empty()
            && album.examples.iter().any(|e| e.caption.contains(trigger)),
        vocabulary_problems: album
            .check_vocabulary(&Tokenizer::default())
            .iter()
            .map(ToString::to_string)
            .collect(),
    })
}

/// `POST /api/jobs`: validates the bench form and queues the job.
pub(super) async fn create(
    State(services): State<Arc<Services>>,
    SignedIn(instructor): SignedIn,
    JsonBody(form): JsonBody<BenchForm>,
) -> Result<(StatusCode, Json<Value>), AppError> {
    queue(services, instructor.id, form).await
}

/// `POST /api/jobs/form`: the bench as the course's page posts it; answers with
/// a redirect to the new run's page, or back to `/teach` with the refusal.
pub(super) async fn create_from_form(
    State(services): State<Arc<Services>>,
    SignedIn(instructor): SignedIn,
    Form(posted): Form<HtmlBench>,
) -> Response {
    let form = match posted.into_form() {
        Ok(form) => form,
        Err(message) => {
            return see_other(&with_error("/teach", &AppError::BadRequest(message)), None);
        }
    };
    match queue(services, instructor.id, form).await {
        Ok((_, Json(created))) => {
            let id = created["job"]["id"].as_str().unwrap_or_default();
            see_other(&format!("/runs/{id}"), None)
        }
        Err(error) => see_other(&with_error("/teach", &error), None),
    }
}

/// `POST /api/jobs/{id}/duplicate`: a new job with the settings of one of the
/// instructor's jobs, changed by the fields the body gives (a partial bench form).
pub(super) async fn duplicate(
    State(services): State<Arc<Services>>,
    SignedIn(instructor): SignedIn,
    Path(id): Path<String>,
    JsonBody(changes): JsonBody<Value>,
) -> Result<(StatusCode, Json<Value>), AppError> {
    let Value::Object(changes) = changes else {
        return Err(AppError::BadRequest(
            "send the fields to change as a JSON object".into(),
        ));
    };
    let original = find(&services, id).await?;
    if original.instructor_id != instructor.id {
        return Err(AppError::NotFound);
    }
    let spec: JobSpec = serde_json::from_value(original.spec).map_err(AppError::internal)?;
    let mut form = bench::form_of(&spec);
    if let Value::Object(fields) = &mut form {
        fields.extend(changes);
    }
    let form: BenchForm = serde_json::from_value(form).map_err(|e| {
        AppError::BadRequest(format!("the changed settings do not fit the form: {e}"))
    })?;
    queue(services, instructor.id, form).await
}

async fn queue(
    services: Arc<Services>,
    instructor_id: i64,
    form: BenchForm,
) -> Result<(StatusCode, Json<Value>), AppError> {
    let trainings = Arc::clone(&services.trainings);
    let (job, warnings) = blocking(move || {
        let facts = album_facts(&trainings, &form, instructor_id);
        let rules = Rules::for_preset(runner::preset_name(&trainings.base_shape));
        let (spec, warnings) = bench::check(&form, facts.as_ref().map_err(Clone::clone), &rules)
            .map_err(|r| AppError::Invalid {
                errors: r.errors,
                warnings: r.warnings,
            })?;
        let id = crate::ids::random_hex(16);
        let spec_json = serde_json::to_value(&spec).map_err(AppError::internal)?;
        let (job, events) =
            trainings
                .store
                .create_job(&id, instructor_id, &spec_json, spec.steps)?;
        trainings.hub.publish(events);
        trainings.doorbell.ring();
        Ok((job, warnings))
    })
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(json!({ "job": job, "warnings": warnings })),
    ))
}

/// `GET /api/jobs`: the signed-in instructor's jobs, newest first.
pub(super) async fn list(
    State(services): State<Arc<Services>>,
    SignedIn(instructor): SignedIn,
) -> Result<Json<Value>, AppError> {
    let store = Arc::clone(&services.trainings.store);
    let jobs = blocking(move || Ok(store.jobs_of(instructor.id)?)).await?;
    Ok(Json(json!({ "jobs": jobs })))
}

/// `GET /api/classes/{token}`: a class's runs, newest first, for students.
pub(super) async fn class(
    State(services): State<Arc<Services>>,
    Path(token): Path<String>,
) -> Result<Json<Value>, AppError> {
    if !crate::ids::is_id(&token, 32) {
        return Err(AppError::NotFound);
    }
    let store = Arc::clone(&services.trainings.store);
    let (instructor, jobs) = blocking(move || {
        let instructor = store
            .instructor_by_class(&token)?
            .ok_or(AppError::NotFound)?;
        let jobs = store.jobs_of(instructor.id)?;
        Ok((instructor, jobs))
    })
    .await?;
    Ok(Json(
        json!({ "instructor": instructor.username, "jobs": jobs }),
    ))
}

/// Looks up a job by an id from the URL (malformed ids are simply not found).
pub(super) async fn find(services: &Services, id: String) -> Result<Job, AppError> {
    if !crate::ids::is_id(&id, 32) {
        return Err(AppError::NotFound);
    }
    let store = Arc::clone(&services.trainings.store);
    blocking(move || store.job(&id)?.ok_or(AppError::NotFound)).await
}

/// `GET /api/jobs/{id}`: one job; its id is the class link's secret.
pub(super) async fn show(
    State(services): State<Arc<Services>>,
    Path(id): Path<String>,
) -> Result<Json<Job>, AppError> {
    Ok(Json(find(&services, id).await?))
}

async fn halt(
    services: Arc<Services>,
    instructor: i64,
    id: String,
    kind: StopKind,
) -> Result<Json<Job>, AppError> {
    if !crate::ids::is_id(&id, 32) {
        return Err(AppError::NotFound);
    }
    let trainings = Arc::clone(&services.trainings);
    let job = blocking(move || {
        let (job, events) = trainings.store.request_stop(&id, instructor, kind)?;
        trainings.hub.publish(events);
        trainings.signal(
            &id,
            match kind {
                StopKind::Stop => control::STOP,
                StopKind::Cancel => control::CANCEL,
            },
        );
        Ok(job)
    })
    .await?;
    Ok(Json(job))
}

/// `POST /api/jobs/{id}/stop`: final checkpoint, then stopped.
pub(super) async fn stop(
    State(services): State<Arc<Services>>,
    SignedIn(instructor): SignedIn,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    let back = format!("/runs/{id}");
    let result = halt(services, instructor.id, id, StopKind::Stop).await;
    answer(
        is_form(&headers),
        result.map(IntoResponse::into_response),
        &back,
        &back,
    )
}

/// `POST /api/jobs/{id}/cancel`: stopped now.
pub(super) async fn cancel(
    State(services): State<Arc<Services>>,
    SignedIn(instructor): SignedIn,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    let back = format!("/runs/{id}");
    let result = halt(services, instructor.id, id, StopKind::Cancel).await;
    answer(
        is_form(&headers),
        result.map(IntoResponse::into_response),
        &back,
        &back,
    )
}

/// `POST /api/jobs/{id}/resume`: a stopped job back in the queue.
pub(super) async fn resume(
    State(services): State<Arc<Services>>,
    SignedIn(instructor): SignedIn,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    let back = format!("/runs/{id}");
    let result = requeue(services, instructor.id, id).await;
    answer(
        is_form(&headers),
        result.map(IntoResponse::into_response),
        &back,
        &back,
    )
}

async fn requeue(
    services: Arc<Services>,
    instructor_id: i64,
    id: String,
) -> Result<Json<Job>, AppError> {
    if !crate::ids::is_id(&id, 32) {
        return Err(AppError::NotFound);
    }
    let trainings = Arc::clone(&services.trainings);
    let job = blocking(move || {
        let (job, events) = trainings.store.requeue(&id, instructor_id)?;
        trainings.hub.publish(events);
        trainings.doorbell.ring();
        Ok(job)
    })
    .await?;
    Ok(Json(job))
}
