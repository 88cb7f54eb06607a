//! From a chapter's widget directive to a component.
//!
//! Every name in [`content::widgets::CATALOG`] has exactly one arm here; a test
//! keeps the two in step.

use content::WidgetCall;
use leptos::prelude::*;

use crate::planner::PlannerSpec;
use crate::planner_view::Planner;
use crate::scale::SliderSpec;
use crate::scale_slider::ScaleSlider;
use crate::widget_error::WidgetErrorCard;

/// A widget directive whose parameters a widget cannot use.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("widget `{widget}`: {reason}")]
pub struct WidgetError {
    /// The widget's name.
    pub widget: String,
    /// What is wrong with the parameters.
    pub reason: String,
}

impl WidgetError {
    pub(crate) fn new(widget: &str, reason: String) -> Self {
        Self {
            widget: widget.to_owned(),
            reason,
        }
    }
}

/// The names this registry can render.
pub const REGISTERED: &[&str] = &["scale-slider", "planner"];

/// Checks a directive's parameters without rendering it, so the course's tests can
/// refuse a bad chapter before any reader sees it.
pub fn validate(call: &WidgetCall) -> Result<(), WidgetError> {
    match call.name.as_str() {
        "scale-slider" => SliderSpec::from_call(call).map(|_| ()),
        "planner" => PlannerSpec::from_call(call).map(|_| ()),
        other => Err(WidgetError::new(
            other,
            "no such widget in the labs registry".to_owned(),
        )),
    }
}

/// Renders the widget a directive names.
///
/// `id` must be unique on the page; it prefixes the ids of the widget's elements.
///
/// ## Server-side rendering
/// The widget renders its initial state on the server, so readers without
/// JavaScript see it; it becomes interactive once the page hydrates.
#[component]
pub fn Widget(
    /// The directive from the chapter.
    call: WidgetCall,
    /// Unique prefix for element ids.
    #[prop(into)]
    id: String,
) -> impl IntoView {
    match call.name.as_str() {
        "scale-slider" => match SliderSpec::from_call(&call) {
            Ok(spec) => view! { <ScaleSlider spec id/> }.into_any(),
            Err(error) => view! { <WidgetErrorCard error/> }.into_any(),
        },
        "planner" => match PlannerSpec::from_call(&call) {
            Ok(spec) => view! { <Planner spec id/> }.into_any(),
            Err(error) => view! { <WidgetErrorCard error/> }.into_any(),
        },
        other => {
            let error = WidgetError::new(other, "no such widget in the labs registry".to_owned());
            view! { <WidgetErrorCard error/> }.into_any()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_matches_the_catalog() {
        let catalog: Vec<&str> = content::widgets::CATALOG.iter().map(|w| w.name).collect();
        assert_eq!(
            catalog, REGISTERED,
            "every catalog entry needs a component and vice versa"
        );
        for name in REGISTERED {
            let call = WidgetCall {
                name: (*name).to_owned(),
                params: vec![],
            };
            assert_eq!(validate(&call), Ok(()), "{name} works with its defaults");
        }
    }

    #[test]
    fn unknown_names_are_errors() {
        let call = WidgetCall {
            name: "nope".into(),
            params: vec![],
        };
        assert!(validate(&call).is_err());
    }
}
