//! `GET /api/jobs/{id}/events`: a job's events as Server-Sent Events.
//!
//! The stream replays the job's recorded events after `Last-Event-ID` (or, for
//! a page that already shows the events up to some id, after `?after=ID`; or
//! from the start), then forwards live ones from the hub, skipping any it already
//! sent; a client that falls too far behind the hub catches up from the store.
//! A comment every 15 s keeps proxies from closing a quiet stream. After a
//! terminal state (`succeeded`, `failed`, `stopped`) the stream ends, so a
//! finished job's page does not reconnect forever.

use std::collections::VecDeque;
use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use futures_util::Stream;
use tokio::sync::broadcast::{self, error::RecvError};

use crate::error::{AppError, blocking};
use crate::store::{Event, Store};

use super::Services;
use super::jobs::find;

/// Events read from the store per query while catching up.
const PAGE: usize = 500;

struct Cursor {
    store: Arc<Store>,
    job_id: String,
    last_sent: i64,
    queue: VecDeque<Event>,
    catching_up: bool,
    live: broadcast::Receiver<Arc<Event>>,
    ended: bool,
    closed: bool,
}

fn terminal(event: &Event) -> Option<bool> {
    (event.kind == "state").then(|| {
        matches!(
            event.data.get("state").and_then(|s| s.as_str()),
            Some("succeeded" | "failed" | "stopped")
        )
    })
}

impl Cursor {
    /// The next event to send, or `None` when the stream should end.
    async fn next(&mut self) -> Option<Event> {
        loop {
            if self.closed {
                return None;
            }
            if let Some(event) = self.queue.pop_front() {
                if event.id <= self.last_sent {
                    continue;
                }
                self.last_sent = event.id;
                if let Some(ended) = terminal(&event) {
                    self.ended = ended;
                    // Live, a terminal state is the last word.
                    self.closed = ended && !self.catching_up;
                }
                return Some(event);
            }
            if self.catching_up {
                let store = Arc::clone(&self.store);
                let (job_id, after) = (self.job_id.clone(), self.last_sent);
                let page = blocking(move || Ok(store.events_after(&job_id, after, PAGE)?)).await;
                match page {
                    Ok(page) if page.is_empty() => {
                        self.catching_up = false;
                        if self.ended {
                            return None;
                        }
                    }
                    Ok(page) => self.queue.extend(page),
                    Err(_) => return None,
                }
                continue;
            }
            match self.live.recv().await {
                Ok(event) => self.queue.push_back(Event::clone(&event)),
                Err(RecvError::Lagged(_)) => self.catching_up = true,
                Err(RecvError::Closed) => return None,
            }
        }
    }
}

fn to_sse(event: &Event) -> SseEvent {
    SseEvent::default()
        .id(event.id.to_string())
        .event(event.kind.as_str())
        .data(event.data.to_string())
}

/// Where a stream starts when the client sends no `Last-Event-ID`.
#[derive(serde::Deserialize)]
pub(super) struct Start {
    after: Option<i64>,
}

/// `GET /api/jobs/{id}/events`.
pub(super) async fn stream(
    State(services): State<Arc<Services>>,
    Path(id): Path<String>,
    Query(start): Query<Start>,
    headers: HeaderMap,
) -> Result<Sse<impl Stream<Item = Result<SseEvent, Infallible>>>, AppError> {
    let job = find(&services, id).await?;
    // A reconnecting EventSource sends the header, which then wins over the
    // query it was first opened with.
    let after = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<i64>().ok())
        .or(start.after)
        .unwrap_or(0);
    // Subscribe before reading the backlog, so nothing falls between the two.
    let live = services.trainings.hub.subscribe(&job.id);
    let cursor = Cursor {
        store: Arc::clone(&services.trainings.store),
        job_id: job.id,
        last_sent: after,
        queue: VecDeque::new(),
        catching_up: true,
        live,
        ended: false,
        closed: false,
    };
    let events = futures_util::stream::unfold(cursor, |mut cursor| async move {
        let event = cursor.next().await?;
        Some((Ok(to_sse(&event)), cursor))
    });
    Ok(Sse::new(events).keep_alive(KeepAlive::new().interval(Duration::from_secs(15))))
}
