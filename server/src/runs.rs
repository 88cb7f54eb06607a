//! The course's run pages read the job store through this: the server's side of
//! `course::runs::RunSource`, provided to the pages as Leptos context.

use std::sync::Arc;

use axum::http::{HeaderMap, HeaderValue, header};
use course::runs::{RunList, RunSource, RunSummary, RunView};

use crate::auth;
use crate::store::{Instructor, Store, StoreError};
use crate::trainings::Paths;

/// Run pages from the store.
#[derive(Debug)]
pub struct StoreRuns {
    store: Arc<Store>,
    paths: Paths,
}

impl StoreRuns {
    /// Pages over `store`, offering the built-in albums in `paths`.
    pub fn new(store: Arc<Store>, paths: Paths) -> Self {
        Self { store, paths }
    }
}

/// The instructor these cookies sign in, if any.
fn signed_in(store: &Store, cookies: &str) -> Result<Option<Instructor>, StoreError> {
    let mut headers = HeaderMap::new();
    if let Ok(value) = HeaderValue::from_str(cookies) {
        headers.insert(header::COOKIE, value);
    }
    match auth::session_token(&headers) {
        Some(token) => store.session(&auth::token_hash(&token)),
        None => Ok(None),
    }
}

type Pending<T> = std::pin::Pin<Box<dyn std::future::Future<Output = T> + Send>>;

/// Runs `work` on a blocking thread; store errors are logged and read as "none".
fn off_thread<T: Send + 'static>(
    work: impl FnOnce() -> Result<Option<T>, StoreError> + Send + 'static,
) -> Pending<Option<T>> {
    Box::pin(async move {
        match tokio::task::spawn_blocking(work).await {
            Ok(Ok(found)) => found,
            Ok(Err(err)) => {
                tracing::error!("run page: {err}");
                None
            }
            Err(err) => {
                tracing::error!("run page: {err}");
                None
            }
        }
    })
}

fn list(
    store: &Store,
    instructor: &Instructor,
    albums: Option<&Paths>,
) -> Result<RunList, StoreError> {
    let runs = store
        .jobs_of(instructor.id)?
        .iter()
        .map(|job| serde_json::to_value(job).map(|v| RunSummary::from_job(&v)))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(RunList {
        instructor: instructor.username.clone(),
        class_token: albums.map(|_| instructor.class_token.clone()),
        runs,
        albums: albums.map(Paths::builtin_names).unwrap_or_default(),
        uploads: match albums {
            Some(_) => store.albums_of(instructor.id)?,
            None => Vec::new(),
        },
    })
}

impl RunSource for StoreRuns {
    fn run(&self, id: String, cookies: String) -> Pending<Option<RunView>> {
        let store = Arc::clone(&self.store);
        off_thread(move || {
            if !crate::ids::is_id(&id, 32) {
                return Ok(None);
            }
            let Some(job) = store.job(&id)? else {
                return Ok(None);
            };
            let recorded = store.events_after(&id, 0, usize::MAX)?;
            let last_event = recorded.last().map_or(0, |e| e.id);
            let events: Vec<(String, serde_json::Value)> =
                recorded.into_iter().map(|e| (e.kind, e.data)).collect();
            let mut view = RunView::from_parts(&serde_json::to_value(&job)?, &events);
            view.last_event = last_event;
            view.owned = signed_in(&store, &cookies)?.is_some_and(|i| i.id == job.instructor_id);
            Ok(Some(view))
        })
    }

    fn class(&self, token: String) -> Pending<Option<RunList>> {
        let store = Arc::clone(&self.store);
        off_thread(move || {
            if !crate::ids::is_id(&token, 32) {
                return Ok(None);
            }
            match store.instructor_by_class(&token)? {
                Some(instructor) => Ok(Some(list(&store, &instructor, None)?)),
                None => Ok(None),
            }
        })
    }

    fn mine(&self, cookies: String) -> Pending<Option<RunList>> {
        let store = Arc::clone(&self.store);
        let paths = self.paths.clone();
        off_thread(move || match signed_in(&store, &cookies)? {
            Some(instructor) => Ok(Some(list(&store, &instructor, Some(&paths))?)),
            None => Ok(None),
        })
    }
}
