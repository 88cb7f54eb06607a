//! The parameter planner's view: a small form, and the plan it produces.
//!
//! One [`FormState`] signal holds the reader's raw text; [`crate::planner`] turns
//! it into a [`Plan`]. While a field holds something unusable the plan keeps that
//! field's last good value and the live region says what to type instead.

use leptos::prelude::*;

use crate::planner::{self, FormState, Kind, MAX_IMAGES, MAX_REPEATS, PlannerSpec};
use crate::planner::{Plan, album_check};
use crate::planner_results::PlanResults;

/// The planner: album kind and size in, steps, learning rate, rank and
/// checkpoint interval out, each with its reason.
///
/// ## Usage
/// In a chapter:
///
/// ````markdown
/// ```widget planner
/// kind = subject
/// images = 20
/// ```
/// ````
///
/// ## Accessibility
/// The kinds are a radio group (arrow keys move between them); the counts are
/// number inputs (arrow keys step them). A polite live region announces the plan
/// in one sentence after every change, or what to fix when a count is unusable.
///
/// ## Server-side rendering
/// The starting album's whole plan is rendered on the server, so it reads without
/// JavaScript; the form answers the reader once the page has hydrated.
#[component]
pub fn Planner(
    /// The album the planner starts with.
    spec: PlannerSpec,
    /// Unique prefix for element ids.
    #[prop(into)]
    id: String,
) -> impl IntoView {
    let start = spec.album;
    let form = RwSignal::new(FormState::new(start));
    let plan: Memo<Plan> = Memo::new(move |_| planner::plan(form.with(FormState::album)));

    // Every changing text and attribute is a `Signal<String>`: one type, so the
    // bundle carries its effect code once (see `planner_html` on bundle size).
    let summary = Signal::derive(move || match form.with(FormState::error) {
        Some(error) => error.to_string(),
        None => plan.with(Plan::summary),
    });
    let flag = |bad: fn(&FormState) -> bool| Signal::derive(move || form.with(bad).to_string());
    let invalid = flag(|f| f.error().is_some());
    let images_bad = flag(FormState::images_bad);
    let repeats_bad = flag(FormState::repeats_bad);
    let kind = move || form.with(|f| f.kind);
    let images_label =
        Signal::derive(move || format!("{}s in the album", capitalised(kind().item())));
    let images_hint = Signal::derive(move || album_check::usual(kind()).to_owned());

    // One listener for the whole form: `input` bubbles from the radios and the
    // number fields alike, and the field's name says what changed.
    let on_input = move |event: leptos::ev::Event| {
        let field = event_target::<leptos::web_sys::HtmlInputElement>(&event);
        form.update(|form| form.set(&field.name(), field.value()));
    };

    let ids = Ids::new(&id);
    let kinds = Kind::ALL
        .into_iter()
        .map(|choice| {
            view! {
                <label class="planner-kind">
                    <input
                        type="radio"
                        name="kind"
                        value=choice.as_str()
                        checked=choice == start.kind
                    />
                    <span class="planner-kind-name">{choice.label()}</span>
                    <span class="planner-kind-hint">{choice.hint()}</span>
                </label>
            }
        })
        .collect_view();

    let fields = view! {
        <form class="planner-form" on:input=on_input on:submit=|event| event.prevent_default()>
            <fieldset class="planner-kinds">
                <legend>"What does the album teach?"</legend>
                {kinds}
            </fieldset>
            <div class="planner-field">
                <label for=ids.images.clone()>{images_label}</label>
                <input
                    id=ids.images.clone()
                    name="images"
                    type="number"
                    inputmode="numeric"
                    min="1"
                    max=MAX_IMAGES
                    step="1"
                    required
                    value=start.images
                    aria-invalid=images_bad
                    aria-describedby=format!("{} {}", ids.images_hint, ids.summary)
                />
                <p id=ids.images_hint.clone() class="planner-hint">{images_hint}</p>
            </div>
            <div class="planner-field">
                <label for=ids.repeats.clone()>"Repeats"</label>
                <input
                    id=ids.repeats.clone()
                    name="repeats"
                    type="number"
                    inputmode="numeric"
                    min="1"
                    max=MAX_REPEATS
                    step="1"
                    required
                    value=start.repeats
                    aria-invalid=repeats_bad
                    aria-describedby=format!("{} {}", ids.repeats_hint, ids.summary)
                />
                <p id=ids.repeats_hint.clone() class="planner-hint">
                    "How many times the trainer lists each picture; 1 means no repeats."
                </p>
            </div>
        </form>
    }
    // Erasing the form's type keeps the widget within the compiler's type-depth
    // limit, and measured smaller in the bundle than leaving it inline.
    .into_any();
    view! {
        <section class="widget planner" data-widget="planner" aria-label="Parameter planner">
            {fields}
            <p
                id=ids.summary.clone()
                class="planner-summary"
                role="status"
                aria-live="polite"
                aria-atomic="true"
                data-invalid=invalid
            >
                {summary}
            </p>
            <PlanResults plan/>
        </section>
    }
}

/// The element ids one planner uses, all under its prefix. The radios share
/// the name `kind`; radio groups are scoped to their form, so two planners on
/// one page never mix.
struct Ids {
    images: String,
    images_hint: String,
    repeats: String,
    repeats_hint: String,
    summary: String,
}

impl Ids {
    fn new(prefix: &str) -> Self {
        let id = |suffix: &str| format!("{prefix}-{suffix}");
        Self {
            images: id("images"),
            images_hint: id("images-hint"),
            repeats: id("repeats"),
            repeats_hint: id("repeats-hint"),
            summary: id("summary"),
        }
    }
}

/// `photo` → `Photo` (the planner's nouns are ASCII).
fn capitalised(word: &str) -> String {
    let mut word = word.to_owned();
    if let Some(first) = word.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    word
}
