//! Live delivery of job events to SSE clients in this process.
//!
//! Events are recorded in the store first and only then published here, with
//! their store ids, so a client that falls behind (or reconnects) can always fill
//! the gap from the store: the hub is a doorbell with the news attached, never
//! the record.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tokio::sync::broadcast;

use crate::store::Event;

/// Events buffered per job for slow clients before they must catch up from the
/// store.
const CAPACITY: usize = 256;

/// One broadcast channel per job that someone is watching.
#[derive(Debug, Default)]
pub struct Hub {
    channels: Mutex<HashMap<String, broadcast::Sender<Arc<Event>>>>,
}

impl Hub {
    /// Delivers recorded `events` to the job's watchers, if any.
    pub fn publish(&self, events: Vec<Event>) {
        let mut channels = self
            .channels
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        for event in events {
            let Some(sender) = channels.get(&event.job_id) else {
                continue;
            };
            let job_id = event.job_id.clone();
            if sender.send(Arc::new(event)).is_err() {
                // Nobody listens any more.
                channels.remove(&job_id);
            }
        }
    }

    /// Ends every live stream (the server is shutting down); clients reconnect
    /// to the next server with `Last-Event-ID`.
    pub fn close_all(&self) {
        self.channels
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clear();
    }

    /// Starts receiving the job's events from now on.
    pub fn subscribe(&self, job_id: &str) -> broadcast::Receiver<Arc<Event>> {
        let mut channels = self
            .channels
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        channels
            .entry(job_id.to_owned())
            .or_insert_with(|| broadcast::channel(CAPACITY).0)
            .subscribe()
    }
}
