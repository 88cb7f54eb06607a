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

/// `data` shown by `show`, or, when a widget's compiled-in data cannot be
/// read, the card naming `widget` and the reason.
pub fn shown_or_error<T>(
    widget: &str,
    data: Result<T, String>,
    show: impl FnOnce(T) -> AnyView,
) -> AnyView {
    match data {
        Ok(data) => show(data),
        Err(reason) => {
            let error = WidgetError::new(widget, reason);
            view! { <WidgetErrorCard error/> }.into_any()
        }
    }
}
