//! From a chapter's widget directive to a component.
//!
//! Every name in [`content::widgets::CATALOG`] is registered here; a test keeps
//! the two in step. A live widget has its own arm in [`validate`] and [`Widget`];
//! a widget the catalog marks `Coming` renders as a [`ComingCard`] until its
//! author adds the arm and switches the catalog entry to `Live`.

use content::WidgetCall;
use content::widgets::{self, WidgetSpec, WidgetStatus};
use leptos::prelude::*;

use crate::bicycle_test::BicycleTest;
use crate::coming_card::ComingCard;
use crate::eagerness_knob::EagernessKnob;
use crate::edit_canvas::EditCanvas;
use crate::edit_trial_view::EditTrialWidget;
use crate::learning_arc::LearningArc;
use crate::loss_rhythms::LossRhythms;
use crate::one_step::OneStep;
use crate::pair_pipeline::PairPipeline;
use crate::planner::PlannerSpec;
use crate::planner_view::Planner;
use crate::rank_compare::RankCompare;
use crate::scale::SliderSpec;
use crate::scale_slider::ScaleSlider;
use crate::stop_run::setup::GameSpec;
use crate::stop_run_view::StopTheRun;
use crate::style_mixer::StyleMixer;
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

/// The names this registry can render, live or coming, in catalog order.
pub const REGISTERED: &[&str] = &[
    "scale-slider",
    "planner",
    "learning-arc",
    "bicycle-test",
    "eagerness-knob",
    "one-step",
    "loss-rhythms",
    "rank-compare",
    "style-mixer",
    "edit-trial",
    "edit-canvas",
    "pair-pipeline",
    "stop-the-run",
];

fn game_spec(call: &WidgetCall) -> Result<GameSpec, WidgetError> {
    GameSpec::from_param(call.param("steps")).map_err(|why| WidgetError::new(&call.name, why))
}

/// Checks a directive's parameters without rendering it, so the course's tests can
/// refuse a bad chapter before any reader sees it.
pub fn validate(call: &WidgetCall) -> Result<(), WidgetError> {
    match call.name.as_str() {
        "scale-slider" => SliderSpec::from_call(call).map(|_| ()),
        "planner" => PlannerSpec::from_call(call).map(|_| ()),
        "stop-the-run" => game_spec(call).map(|_| ()),
        name if WITHOUT_PARAMS.contains(&name) => no_params(call),
        other => coming(other).map(|_| ()),
    }
}

/// The live widgets that take no parameters: each shows its real runs whole.
const WITHOUT_PARAMS: &[&str] = &[
    "learning-arc",
    "bicycle-test",
    "eagerness-knob",
    "one-step",
    "loss-rhythms",
    "rank-compare",
    "style-mixer",
    "pair-pipeline",
    "edit-trial",
    "edit-canvas",
];

/// A widget that takes no parameters: any is a mistake in the chapter.
fn no_params(call: &WidgetCall) -> Result<(), WidgetError> {
    match call.params.first() {
        Some((key, _)) => Err(WidgetError::new(
            &call.name,
            format!("it takes no parameters, not `{key}`"),
        )),
        None => Ok(()),
    }
}

/// The catalog entry of a widget with no arm of its own: fine while it is
/// `Coming`, an error once the catalog calls it `Live` or does not list it.
fn coming(name: &str) -> Result<&'static WidgetSpec, WidgetError> {
    match widgets::spec(name) {
        Some(spec) if spec.status == WidgetStatus::Coming => Ok(spec),
        Some(_) => Err(WidgetError::new(
            name,
            "the catalog marks it live, but the labs registry has no component for it".to_owned(),
        )),
        None => Err(WidgetError::new(
            name,
            "no such widget in the labs registry".to_owned(),
        )),
    }
}

/// One of [`WITHOUT_PARAMS`], rendered.
fn run_figure(name: &str, id: String) -> AnyView {
    match name {
        "learning-arc" => view! { <LearningArc id/> }.into_any(),
        "bicycle-test" => view! { <BicycleTest id/> }.into_any(),
        "eagerness-knob" => view! { <EagernessKnob id/> }.into_any(),
        "one-step" => view! { <OneStep id/> }.into_any(),
        "loss-rhythms" => view! { <LossRhythms id/> }.into_any(),
        "rank-compare" => view! { <RankCompare id/> }.into_any(),
        "style-mixer" => view! { <StyleMixer id/> }.into_any(),
        "pair-pipeline" => view! { <PairPipeline id/> }.into_any(),
        "edit-trial" => view! { <EditTrialWidget id/> }.into_any(),
        "edit-canvas" => view! { <EditCanvas id/> }.into_any(),
        other => {
            let error =
                WidgetError::new(other, "listed without parameters but not rendered".into());
            view! { <WidgetErrorCard error/> }.into_any()
        }
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
        "stop-the-run" => match game_spec(&call) {
            Ok(spec) => view! { <StopTheRun max_steps=spec.max_steps autostart=false/> }.into_any(),
            Err(error) => view! { <WidgetErrorCard error/> }.into_any(),
        },
        name if WITHOUT_PARAMS.contains(&name) => match no_params(&call) {
            Ok(()) => run_figure(name, id),
            Err(error) => view! { <WidgetErrorCard error/> }.into_any(),
        },
        other => match coming(other) {
            Ok(spec) => view! { <ComingCard spec id/> }.into_any(),
            Err(error) => view! { <WidgetErrorCard error/> }.into_any(),
        },
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
        let html = Owner::new().with(|| view! { <Widget call id="w0"/> }.to_html());
        assert!(html.contains("widget-error"), "{html}");
    }

    #[test]
    fn live_widgets_have_their_own_arm() {
        for spec in content::widgets::CATALOG {
            let from_coming = coming(spec.name);
            match spec.status {
                WidgetStatus::Coming => assert!(from_coming.is_ok(), "{}", spec.name),
                WidgetStatus::Live => assert!(
                    from_coming.is_err(),
                    "{} is live: it never reaches the coming card",
                    spec.name
                ),
            }
        }
    }

    #[test]
    fn coming_widgets_render_their_card() {
        for spec in content::widgets::CATALOG {
            let call = WidgetCall {
                name: spec.name.to_owned(),
                params: vec![],
            };
            // Signals need an owner (and, with `sandboxed-arenas`, its arena).
            let html = Owner::new().with(|| view! { <Widget call id="w1"/> }.to_html());
            assert!(
                html.contains(&format!("data-widget=\"{}\"", spec.name)),
                "{html}"
            );
            let is_card = html.contains("widget-coming");
            assert_eq!(is_card, spec.status == WidgetStatus::Coming, "{html}");
        }
    }

    /// Every figure made from real runs says where it comes from, and every
    /// picture in it is described for screen readers.
    #[test]
    fn run_figures_carry_provenance_and_alt_text() {
        for name in WITHOUT_PARAMS {
            let call = WidgetCall {
                name: (*name).to_owned(),
                params: vec![],
            };
            let html = Owner::new().with(|| view! { <Widget call id="w2"/> }.to_html());
            assert!(
                html.contains(r#"<figcaption class="provenance">Real "#),
                "{name} names its real source: {html}"
            );
            for img in html.split("<img").skip(1) {
                let alt = img
                    .split("alt=\"")
                    .nth(1)
                    .and_then(|rest| rest.split('"').next());
                assert!(
                    alt.is_some_and(|a| a.len() > 20),
                    "{name}: an <img> without a real alt"
                );
            }
            for svg in html.split("role=\"img\"").skip(1) {
                let tag = svg.split('>').next().unwrap_or("");
                assert!(
                    tag.contains("aria-label=\""),
                    "{name}: a picture without a label"
                );
            }
        }
    }
}
