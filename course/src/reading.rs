//! Reading progress as a reactive value, kept in the browser's `localStorage`.
//!
//! Storage is the source of truth: every change loads, edits and saves, so two
//! components updating in any order never lose each other's marks. On the server
//! there is no storage and progress is always empty; the browser fills it in after
//! hydration, so the server's HTML and the first client render agree.

use leptos::prelude::*;

use crate::progress::Progress;

/// The reader's progress, shared through context by [`crate::App`].
#[derive(Clone, Copy)]
pub(crate) struct Reading(RwSignal<Progress>);

impl Reading {
    /// Creates the shared value and loads the stored progress once hydrated.
    pub(crate) fn provide() -> Self {
        let reading = Self(RwSignal::new(Progress::default()));
        provide_context(reading);
        Effect::new(move |_| reading.0.set(storage::load()));
        reading
    }

    /// The value [`Reading::provide`] put in context.
    pub(crate) fn from_context() -> Self {
        use_context().unwrap_or_else(|| Self(RwSignal::new(Progress::default())))
    }

    /// The current progress, tracked.
    pub(crate) fn get(self) -> Progress {
        self.0.get()
    }

    /// The current progress, untracked.
    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    pub(crate) fn get_untracked(self) -> Progress {
        self.0.get_untracked()
    }

    /// Applies `change` to the stored progress and publishes the result.
    pub(crate) fn update(self, change: impl FnOnce(&mut Progress)) {
        let mut progress = storage::load();
        change(&mut progress);
        storage::save(&progress);
        self.0.set(progress);
    }
}

#[cfg(feature = "hydrate")]
mod storage {
    use crate::progress::Progress;

    const KEY: &str = "sweetspot.progress.v1";

    fn local() -> Option<web_sys::Storage> {
        web_sys::window()?.local_storage().ok()?
    }

    pub(super) fn load() -> Progress {
        local()
            .and_then(|s| s.get_item(KEY).ok().flatten())
            .map(|text| Progress::from_json(&text))
            .unwrap_or_default()
    }

    pub(super) fn save(progress: &Progress) {
        // A full or disabled storage only costs the reader their marks.
        if let Some(storage) = local() {
            let _ = storage.set_item(KEY, &progress.to_json());
        }
    }
}

#[cfg(not(feature = "hydrate"))]
mod storage {
    use crate::progress::Progress;

    pub(super) fn load() -> Progress {
        Progress::default()
    }

    pub(super) fn save(_: &Progress) {}
}

/// Whether the reader has scrolled to (or can already see) the end of the page.
#[cfg(feature = "hydrate")]
pub(crate) fn reached_end() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let Some(root) = window.document().and_then(|d| d.document_element()) else {
        return false;
    };
    let viewport = window
        .inner_height()
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(0.0);
    let scrolled = window.scroll_y().unwrap_or(0.0);
    viewport + scrolled >= f64::from(root.scroll_height()) - 120.0
}
