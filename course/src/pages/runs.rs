//! Training runs: one run's page (`/runs/:id`) and the class page students open
//! from their instructor's link (`/class/:token`). A live run's page reloads its
//! data every two seconds. Its instructor also gets stop, cancel and resume
//! buttons: plain forms, so they work without JavaScript.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::{get_class, get_run};
use crate::pages::NotFound;
use crate::runs::chart::{Frame, range, smooth};
use crate::runs::{RunList, RunView};

/// `/runs/:id`.
#[component]
pub fn RunPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let run = Resource::new(id, get_run);
    Effect::new(move |_| {
        if let Ok(handle) = set_interval_with_handle(
            move || {
                if run
                    .get_untracked()
                    .and_then(Result::ok)
                    .flatten()
                    .is_some_and(|r| r.live())
                {
                    run.refetch();
                }
            },
            std::time::Duration::from_secs(2),
        ) {
            on_cleanup(move || handle.clear());
        }
    });
    view! {
        <Transition fallback=|| view! { <p class="loading">"Loading the run…"</p> }>
            {move || Suspend::new(async move {
                match run.await {
                    Ok(Some(view)) => view! { <RunBody run=view/> }.into_any(),
                    Ok(None) => view! { <NotFound/> }.into_any(),
                    Err(error) => view! {
                        <p class="load-error" role="alert">"This run could not be loaded: " {error.to_string()}</p>
                    }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn RunBody(run: RunView) -> impl IntoView {
    let (id, state) = (run.id.clone(), run.state.clone());
    view! {
        <Title text=format!("Run {} · {}", run.trigger, run.state)/>
        <article class="run" data-run=id data-state=state>
            <RunHead run=run.clone()/>
            <Curves run=run.clone()/>
            <Samples run=run.clone()/>
            <Checkpoints run/>
        </article>
    }
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
/// (left, right, Home, End) and prompts (up, down).
#[component]
fn Walker(run: RunView) -> AnyView {
    use crate::runs::walk::{direction, moved};
    let rows = run.samples;
    let prompts = run.prompts;
    let row = RwSignal::new(rows.len().saturating_sub(1));
    let prompt = RwSignal::new(0usize);
    let (row_count, prompt_count) = (rows.len(), prompts.len());
    let on_key = move |event: leptos::ev::KeyboardEvent| {
        if let Some((rows_by, prompts_by)) = direction(&event.key()) {
            event.prevent_default();
            row.update(|r| *r = moved(*r, rows_by, row_count));
            prompt.update(|p| *p = moved(*p, prompts_by, prompt_count));
        }
    };
    let picture = {
        let rows = rows.clone();
        move || {
            rows.get(row.get())
                .and_then(|r| r.urls.get(prompt.get()))
                .cloned()
                .unwrap_or_default()
        }
    };
    let caption = move || {
        let step = rows.get(row.get()).map_or(0, |r| r.step);
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
fn Samples(run: RunView) -> AnyView {
    if run.samples.is_empty() {
        return ().into_any();
    }
    {
        view! {
            <section class="run-samples">
                <h2>"Samples"</h2>
                <Walker run=run.clone()/>
                <table>
                    <thead><tr><th>"step"</th>{run.prompts.iter().map(|p| view! { <th>{p.clone()}</th> }).collect_view()}</tr></thead>
                    <tbody>
                        {run.samples.iter().map(|row| view! {
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
