//! Training runs: one run's page (`/runs/:id`) and the class page students open
//! from their instructor's link (`/class/:token`). A live run's page follows the
//! job's event stream (see [`crate::runs::follow`]): the progress, curves,
//! samples and checkpoints move as the run does. Its instructor also gets stop,
//! cancel and resume buttons and the bench filled with the run's settings
//! ("duplicate with changes"): plain forms, so they work without JavaScript.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::bench::{bench_form, knob};
use crate::api::{get_class, get_run};
use crate::pages::NotFound;
use crate::runs::follow::follow;
use crate::runs::{RunList, RunView, SampleRow};
use labs::chart::{Frame, range, smooth};

/// `/runs/:id`.
#[component]
pub fn RunPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let run = Resource::new(id, get_run);
    view! {
        <Suspense fallback=|| view! { <p class="loading">"Loading the run…"</p> }>
            {move || Suspend::new(async move {
                match run.await {
                    Ok(Some(view)) => view! { <RunBody run=view/> }.into_any(),
                    Ok(None) => view! { <NotFound/> }.into_any(),
                    Err(error) => view! {
                        <p class="load-error" role="alert">"This run could not be loaded: " {error.to_string()}</p>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn RunBody(run: RunView) -> impl IntoView {
    let owned = run.owned;
    let duplicate = owned.then(|| view! { <Duplicate run=run.clone()/> });
    let run = RwSignal::new(run);
    follow(run);
    let samples = Memo::new(move |_| run.with(|r| r.samples.clone()));
    let prompts = run.with_untracked(|r| r.prompts.clone());
    view! {
        <Title text=move || run.with(|r| format!("Run {} · {}", r.trigger, r.state))/>
        <article class="run" data-run=move || run.with(|r| r.id.clone()) data-state=move || run.with(|r| r.state.clone())>
            {move || view! { <RunHead run=run.get()/> }}
            {move || view! { <Curves run=run.get()/> }}
            <Samples samples prompts/>
            {move || view! { <Checkpoints run=run.get()/> }}
            {duplicate}
        </article>
    }
}

/// The bench filled with this run's settings, for a new run that changes some.
#[component]
fn Duplicate(run: RunView) -> AnyView {
    let values = run.settings;
    let name = values
        .album
        .split_once(':')
        .map_or(String::new(), |(_, name)| name.to_owned());
    let album = view! {
        <input type="hidden" name="album" value=values.album.clone()/>
        {knob("Album", view! { <output>{name}</output> }.into_any(),
            "The same album as this run; pick another on the Teach page.")}
    }
    .into_any();
    view! {
        <details class="run-bench run-duplicate">
            <summary>"Duplicate with changes"</summary>
            {bench_form(album, values, "Start the new run")}
        </details>
    }
    .into_any()
}

/// Title, state, progress bar, speed, and the finished LoRA's links.
#[component]
fn RunHead(run: RunView) -> AnyView {
    let percent = run.percent();
    let speed = run.steps_per_second.map(|s| format!(" · {s:.1} steps/s"));
    let base = format!("/api/jobs/{}", run.id);
    let finished = (run.state == "succeeded").then(|| {
        view! {
            <p class="run-lora">
                "The LoRA: "
                <a href=format!("{base}/lora?layout=fal") download>"fal layout"</a> " · "
                <a href=format!("{base}/lora?layout=comfy") download>"comfy layout"</a>
            </p>
        }
    });
    let line = format!(
        "step {} of {} ({percent}%){}{}{}",
        run.step,
        run.steps,
        run.device
            .as_deref()
            .map(|d| format!(" · {d}"))
            .unwrap_or_default(),
        speed.unwrap_or_default(),
        if run.attempts > 1 {
            format!(" · resumed {} time(s)", run.attempts - 1)
        } else {
            String::new()
        },
    );
    view! {
        <header class="chapter-head">
            <p class="eyebrow">"Training run"</p>
            <h1>{format!("Teaching {}", run.trigger)}</h1>
            <p class="lede">
                <span class="run-state">{run.state.clone()}</span>
                {run.reason.clone().map(|r| format!(": {r}"))}
            </p>
        </header>
        <div class="run-progress">
            <progress max=run.steps value=run.step aria-label="Steps done"></progress>
            <p class="progress-line">{line}</p>
        </div>
        <ErrorNote/>
        {finished}
        {run.owned.then(|| view! { <Controls run=run.clone()/> })}
    }
    .into_any()
}

/// The instructor's buttons: stop (after a checkpoint), cancel, resume.
#[component]
fn Controls(run: RunView) -> AnyView {
    let id = run.id.clone();
    let button = move |action: &str, label: &'static str| {
        view! {
            <form method="post" action=format!("/api/jobs/{id}/{action}")>
                <button type="submit">{label}</button>
            </form>
        }
    };
    view! {
        <div class="run-controls">
            {run.live().then(|| button("stop", "Stop (saves a checkpoint)"))}
            {run.live().then(|| button("cancel", "Cancel now"))}
            {(run.state == "stopped").then(|| button("resume", "Resume from the last checkpoint"))}
        </div>
    }
    .into_any()
}

/// The message a refused form sent back in `?error=`.
#[component]
pub(super) fn ErrorNote() -> impl IntoView {
    let query = leptos_router::hooks::use_query_map();
    move || {
        query
            .read()
            .get("error")
            .map(|message| view! { <p class="load-error" role="alert">{message}</p> })
    }
}

/// Every saved LoRA, in both layouts.
#[component]
fn Checkpoints(run: RunView) -> AnyView {
    let base = format!("/api/jobs/{}", run.id);
    view! {
        <section class="run-checkpoints">
            <h2>"Checkpoints"</h2>
            <ul>
                {run.checkpoints.iter().map(|step| view! {
                    <li>
                        {format!("step {step}: ")}
                        <a href=format!("{base}/checkpoints/{step}?layout=fal") download>"fal"</a> " · "
                        <a href=format!("{base}/checkpoints/{step}?layout=comfy") download>"comfy"</a>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
    .into_any()
}

/// The loss per step (raw and smoothed) and the stable validation loss.
#[component]
fn Curves(run: RunView) -> AnyView {
    let raw: Vec<f32> = run.losses.iter().map(|(_, l)| *l).collect();
    let smoothed = smooth(&raw, 0.9);
    let values = raw
        .iter()
        .chain(run.val_losses.iter().map(|(_, v)| v))
        .copied();
    let Some(y) = range(values) else {
        return view! { <p class="run-curves">"No steps yet."</p> }.into_any();
    };
    let frame = Frame {
        width: 600.0,
        height: 200.0,
        steps: run.steps,
        y,
    };
    let steps: Vec<u32> = run.losses.iter().map(|(s, _)| *s).collect();
    view! {
        <figure class="run-curves">
            <svg viewBox="0 0 600 200" role="img" aria-label="Loss per step, smoothed, and the stable validation loss">
                <polyline class="loss-raw" fill="none" stroke="currentColor" stroke-opacity="0.3" points=frame.polyline(run.losses.iter().copied())/>
                <polyline class="loss-smoothed" fill="none" stroke="currentColor" stroke-width="2" points=frame.polyline(steps.into_iter().zip(smoothed))/>
                <polyline class="loss-validation" fill="none" stroke="#c8643b" stroke-width="2" points=frame.polyline(run.val_losses.iter().copied())/>
            </svg>
            <figcaption>{format!("Loss from {:.3} to {:.3}: raw (faint), smoothed, and the stable validation loss (orange).", y.0, y.1)}</figcaption>
        </figure>
    }
    .into_any()
}

/// One prompt walked through the run: the arrow keys move between validations
/// (left, right, Home, End) and prompts (up, down). Until a key moves it, it
/// shows the newest validation, so a live run's walker follows along.
#[component]
fn Walker(samples: Memo<Vec<SampleRow>>, prompts: Vec<String>) -> AnyView {
    use crate::runs::walk::{direction, moved};
    let row = RwSignal::new(None::<usize>);
    let prompt = RwSignal::new(0usize);
    let prompt_count = prompts.len();
    let shown = move || {
        let count = samples.with(Vec::len);
        row.get()
            .unwrap_or(count.saturating_sub(1))
            .min(count.saturating_sub(1))
    };
    let on_key = move |event: leptos::ev::KeyboardEvent| {
        if let Some((rows_by, prompts_by)) = direction(&event.key()) {
            event.prevent_default();
            let count = samples.with_untracked(Vec::len);
            row.set(Some(moved(shown(), rows_by, count)));
            prompt.update(|p| *p = moved(*p, prompts_by, prompt_count));
        }
    };
    let picture = move || {
        samples.with(|rows| {
            rows.get(shown())
                .and_then(|r| r.urls.get(prompt.get()))
                .cloned()
                .unwrap_or_default()
        })
    };
    let caption = move || {
        let step = samples.with(|rows| rows.get(shown()).map_or(0, |r| r.step));
        let text = prompts.get(prompt.get()).cloned().unwrap_or_default();
        format!("step {step}: {text}")
    };
    view! {
        <figure class="run-walker" tabindex="0" on:keydown=on_key
            aria-label="A prompt through the run; arrow keys move between steps and prompts">
            <img src=picture alt=caption.clone() width="128" height="128"/>
            <figcaption aria-live="polite">{caption}</figcaption>
        </figure>
    }
    .into_any()
}

/// The validation pictures: one row per validation, one column per prompt.
#[component]
fn Samples(samples: Memo<Vec<SampleRow>>, prompts: Vec<String>) -> impl IntoView {
    let heads = prompts.clone();
    // Only the first validation re-renders the section; later ones add rows
    // below a walker that keeps its place.
    let empty = Memo::new(move |_| samples.with(Vec::is_empty));
    move || {
        if empty.get() {
            return ().into_any();
        }
        view! {
            <section class="run-samples">
                <h2>"Samples"</h2>
                <Walker samples prompts=prompts.clone()/>
                <table>
                    <thead><tr><th>"step"</th>{heads.iter().map(|p| view! { <th>{p.clone()}</th> }).collect_view()}</tr></thead>
                    <tbody>
                        {move || samples.get().into_iter().map(|row| view! {
                            <tr>
                                <th>{row.step}</th>
                                {row.urls.iter().map(|url| view! {
                                    <td><img src=url.clone() alt=format!("sample at step {}", row.step) width="64" height="64"/></td>
                                }).collect_view()}
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </section>
        }
        .into_any()
    }
}

/// `/class/:token`: a class's runs, for students.
#[component]
pub fn ClassPage() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let list = Resource::new(token, get_class);
    view! {
        <Suspense fallback=|| view! { <p class="loading">"Loading the class…"</p> }>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(Some(list)) => view! { <Runs list heading="Class runs"/> }.into_any(),
                    Ok(None) => view! { <NotFound/> }.into_any(),
                    Err(error) => view! { <p class="load-error" role="alert">{error.to_string()}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// A list of runs with their progress bars.
#[component]
pub(super) fn Runs(list: RunList, heading: &'static str) -> impl IntoView {
    view! {
        <Title text=heading/>
        <section class="hero">
            <p class="eyebrow">{list.instructor.clone()}</p>
            <h1>{heading}</h1>
            {list.class_token.clone().map(|token| view! {
                <p class="lede">"Class link for your students: " <a href=format!("/class/{token}")>{format!("/class/{token}")}</a></p>
            })}
        </section>
        <ul class="run-list">
            {list.runs.into_iter().map(|run| {
                let percent = if run.steps == 0 { 0 } else { u64::from(run.step) * 100 / u64::from(run.steps) };
                view! {
                    <li data-state=run.state.clone()>
                        <a href=format!("/runs/{}", run.id)>{format!("{} · {}", run.trigger, run.state)}</a>
                        <progress max=run.steps value=run.step aria-label="Steps done"></progress>
                        <span class="progress-line">{format!("{} / {} ({percent}%)", run.step, run.steps)}</span>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}
