//! The parameter planner's view: a small form, and the plan it produces.
//!
//! The form owns the reader's raw text; [`crate::planner`] turns it into a
//! [`Plan`]. While a field holds something unusable the last good plan stays on
//! screen and the live region says what to type instead.

use leptos::prelude::*;

use crate::planner::{self, Album, InputError, Kind, MAX_IMAGES, MAX_REPEATS, PlannerSpec};
use crate::planner::{Plan, album_check};
use crate::planner_results::{PlanDetails, PlanPicks};

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
    let kind = RwSignal::new(start.kind);
    let images = RwSignal::new(start.images.to_string());
    let repeats = RwSignal::new(start.repeats.to_string());
    let parsed = Memo::new(move |_| Album::parse(kind.get(), &images.get(), &repeats.get()));
    let album = Memo::new(move |previous: Option<&Album>| match parsed.get() {
        Ok(album) => album,
        Err(_) => previous.copied().unwrap_or(start),
    });
    let plan: Memo<Plan> = Memo::new(move |_| planner::plan(album.get()));

    let images_bad = move || matches!(parsed.get(), Err(InputError::Images { .. }));
    let repeats_bad = move || matches!(parsed.get(), Err(InputError::Repeats));
    let summary = move || match parsed.get() {
        Ok(_) => plan.get().summary(),
        Err(error) => error.to_string(),
    };

    let ids = Ids::new(&id);
    let kinds = Kind::ALL
        .into_iter()
        .map(|choice| {
            view! {
                <label class="planner-kind">
                    <input
                        type="radio"
                        name=ids.group.clone()
                        value=choice.as_str()
                        checked=choice == start.kind
                        on:change=move |_| kind.set(choice)
                    />
                    <span class="planner-kind-name">{choice.label()}</span>
                    <span class="planner-kind-hint">{choice.hint()}</span>
                </label>
            }
        })
        .collect_view();

    let form = view! {
            <form class="planner-form" on:submit=|event| event.prevent_default()>
                <fieldset class="planner-kinds">
                    <legend>"What does the album teach?"</legend>
                    {kinds}
                </fieldset>
                <div class="planner-fields">
                    <div class="planner-field">
                        <label for=ids.images.clone()>
                            {move || format!("{}s in the album", capitalised(kind.get().item()))}
                        </label>
                        <input
                            id=ids.images.clone()
                            type="number"
                            inputmode="numeric"
                            min="1"
                            max=MAX_IMAGES
                            step="1"
                            required
                            value=start.images
                            aria-invalid=move || images_bad().to_string()
                            aria-describedby=format!("{} {}", ids.images_hint, ids.summary)
                            on:input=move |event| images.set(event_target_value(&event))
                        />
                        <p id=ids.images_hint.clone() class="planner-hint">
                            {move || album_check::usual(kind.get())}
                        </p>
                    </div>
                    <div class="planner-field">
                        <label for=ids.repeats.clone()>"Repeats"</label>
                        <input
                            id=ids.repeats.clone()
                            type="number"
                            inputmode="numeric"
                            min="1"
                            max=MAX_REPEATS
                            step="1"
                            required
                            value=start.repeats
                            aria-invalid=move || repeats_bad().to_string()
                            aria-describedby=format!("{} {}", ids.repeats_hint, ids.summary)
                            on:input=move |event| repeats.set(event_target_value(&event))
                        />
                        <p id=ids.repeats_hint.clone() class="planner-hint">
                            "How many times the trainer lists each picture; 1 means no repeats."
                        </p>
                    </div>
                </div>
            </form>
    }
    .into_any();
    view! {
        <section class="widget planner" data-widget="planner" aria-label="Parameter planner">
            {form}
            <p
                id=ids.summary.clone()
                class="planner-summary"
                role="status"
                aria-live="polite"
                aria-atomic="true"
                data-invalid=move || parsed.get().is_err().to_string()
            >
                {summary}
            </p>
            <PlanPicks plan/>
            <PlanDetails plan/>
        </section>
    }
}

/// The element ids one planner uses, all under its prefix.
struct Ids {
    group: String,
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
            group: id("kind"),
            images: id("images"),
            images_hint: id("images-hint"),
            repeats: id("repeats"),
            repeats_hint: id("repeats-hint"),
            summary: id("summary"),
        }
    }
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
