//! The interactive parts of the course: widgets embedded in chapters, and the labs.
//!
//! # Brief overview
//!
//! - [`registry`] turns a chapter's [`content::WidgetCall`] into a component
//!   ([`registry::Widget`]) and checks calls ahead of time ([`registry::validate`]).
//! - Each widget lives in its own module as a pair: pure logic (plain Rust, no DOM,
//!   unit-tested natively) and a Leptos view over it: [`scale`] with
//!   [`scale_slider`], and [`planner`] with [`planner_view`] (its results panel in
//!   [`planner_results`], drawn as HTML text by [`planner_html`]).
//! - [`arc`] is the learning arc's data (one real run's checkpoints, compiled
//!   in) and [`learning_arc`] its slider, probe pictures and meters;
//!   [`eagerness`] and [`eagerness_knob`] the same for three learning rates.
//! - [`stop_run`] holds the rules of the *stop the run* game and its state
//!   ([`stop_run::Game`]); [`stop_run_view`] and [`stop_run_chart`] draw it, and
//!   [`engine_client`] starts the lab engine's Web Worker (`lab-engine`) that
//!   trains for it. [`picture`] turns engine pictures into `<img>` sources.
//! - Widgets the catalog marks `Coming` render as a [`coming_card::ComingCard`]:
//!   what they will show, plainly labelled, never a stand-in picture.
//! - [`catalog`] lists the labs shown on `/labs`, with whether each is live yet.
//!
//! **Invariant:** logic modules never name DOM or Leptos types, so games and widget
//! rules run and are tested without a browser.

pub mod arc;
pub mod bicycle;
pub mod bicycle_test;
pub mod bracelet_trial;
pub mod bracelet_trial_view;
pub mod catalog;
pub mod chart;
pub mod coming_card;
pub mod crop;
pub mod eagerness;
pub mod eagerness_knob;
pub mod edit_canvas;
pub mod edit_trial;
pub mod edit_trial_view;
pub mod engine_client;
pub mod index_slider;
pub mod learning_arc;
pub mod loss_rhythms;
pub mod mix;
pub mod one_step;
pub mod opened;
pub mod pair_pipeline;
pub mod pairs;
pub mod picture;
pub mod planner;
pub mod planner_html;
pub mod planner_results;
pub mod planner_view;
pub mod rank_compare;
pub mod ranks;
pub mod recorded;
pub mod registry;
pub mod rhythms;
pub mod run_choice;
pub mod scale;
pub mod scale_slider;
pub mod sketchpad;
pub mod stop_run;
pub mod stop_run_chart;
pub mod stop_run_view;
pub mod style_mixer;
pub mod widget_error;
pub mod widget_runs;

pub use planner_view::Planner;
pub use registry::Widget;
pub use scale_slider::ScaleSlider;
pub use stop_run_view::{GamesPlayed, StopTheRun};
