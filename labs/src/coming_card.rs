//! What a reader sees where a widget is planned but not built yet.
//!
//! The card says plainly that the widget is coming, what it will show, and that it
//! will be made from real training runs. It never shows a picture: nothing on the
//! course is staged, so an empty, labelled space is the honest placeholder.

use content::widgets::WidgetSpec;
use leptos::prelude::*;

/// A labelled "coming" card for a catalog entry whose status is `Coming`.
///
/// ## Accessibility
/// The card is a `note` named by its title, so screen readers announce it as
/// "Coming: <title>" and read the description after it. It holds nothing to
/// focus or operate, so keyboard users pass it with one Tab like the prose around
/// it.
#[component]
pub fn ComingCard(
    /// The catalog entry the directive names.
    spec: &'static WidgetSpec,
    /// Unique prefix for element ids.
    #[prop(into)]
    id: String,
) -> impl IntoView {
    let title_id = format!("{id}-title");
    let labelled_by = title_id.clone();
    view! {
        <div
            class="widget widget-coming"
            data-widget=spec.name
            data-status="coming"
            role="note"
            aria-labelledby=labelled_by
        >
            <p class="coming-head" id=title_id>
                <span class="tag">"Coming"</span>
                <span class="visually-hidden">": "</span>
                <strong>{spec.title}</strong>
            </p>
            <p class="coming-summary">{spec.summary}</p>
            <p class="coming-note">
                "This widget is still being built. It will be drawn from real training runs of our miniature painter, so until those runs are ready this space stays empty rather than show a picture we made up."
            </p>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn says_what_is_coming_without_a_picture() {
        let spec = content::widgets::spec("learning-arc").expect("in the catalog");
        let html = Owner::new().with(|| view! { <ComingCard spec id="w3"/> }.to_html());
        assert!(html.contains("data-widget=\"learning-arc\""), "{html}");
        assert!(html.contains("role=\"note\""), "{html}");
        assert!(html.contains("aria-labelledby=\"w3-title\""), "{html}");
        assert!(html.contains("id=\"w3-title\""), "{html}");
        assert!(html.contains("Coming"), "{html}");
        assert!(
            html.contains(spec.title) && html.contains(spec.summary),
            "{html}"
        );
        assert!(html.contains("real training runs"), "{html}");
        assert!(!html.contains("<img") && !html.contains("<svg"), "{html}");
    }
}
