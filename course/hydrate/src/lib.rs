//! The browser entry point: takes over the server-rendered page.
//!
//! Built for `wasm32-unknown-unknown` by `cargo xtask build`, which runs
//! wasm-bindgen on it and places `course.js` / `course_bg.wasm` under `/pkg`.

use wasm_bindgen::prelude::wasm_bindgen;

/// Called by the hydration script that the server puts in every page's head.
#[wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(course::App);
}
