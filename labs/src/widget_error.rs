//! What a reader sees instead of a widget whose directive is broken.
//!
//! The course's tests refuse such chapters, so this is a last line of defence:
//! a visible, explained card rather than a silent blank.

use leptos::prelude::*;

use crate::registry::WidgetError;

/// A card saying which widget failed and why.
#[component]
pub fn WidgetErrorCard(
    /// What went wrong.
    error: WidgetError,
) -> impl IntoView {
    view! {
        <aside class="widget widget-error" role="note">
            <strong>"This widget could not be shown. "</strong>
            {error.to_string()}
        </aside>
    }
}
