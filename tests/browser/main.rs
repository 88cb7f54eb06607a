//! The browser suite: the real server, real headless Chromium, the real wasm bundle.
//!
//! Run it with `cargo xtask test`, which builds the hydrate bundle first.

mod a11y;
mod chapter;
mod edit_canvas;
mod engine_agree;
mod engine_errors;
mod glossary;
mod home;
mod learning_arc;
mod not_found;
mod planner;
mod run_widgets;
mod stop_run;
mod trainings;
mod webgpu;
mod widgets;
