//! *Stop the run* on the page: the bench, the live loss chart, the validation
//! samples, the Stop button (and the `S` key), then the reveal, the score and
//! the rounds played. All rules live in [`crate::stop_run`]; this module draws
//! a [`Game`] and forwards messages between it and the engine.

use lab_engine::ToEngine;
use leptos::prelude::*;

use crate::bracelet_trial::Trial;
use crate::bracelet_trial_view::BraceletTrial;
use crate::engine_client::EngineSlot;
use crate::recorded::fetch_recording;
use crate::stop_run::game::PROMPTS;
use crate::stop_run::replay::Replay;
use crate::stop_run::{Game, History, Phase};
use crate::stop_run_chart::RoundChart;

/// The game, with its engine started once the page is in the browser.
#[component]
pub fn StopTheRun(
    /// Cap every round at this many steps (a short demonstration round);
    /// `None` plays rounds at their full length.
    max_steps: Option<u32>,
    /// Start the engine (and its download) as soon as the page is ready; if
    /// false, a button asks first (chapters, where readers may only be reading).
    autostart: bool,
) -> impl IntoView {
    let game = RwSignal::new(Game {
        max_steps,
        ..Game::new(History::default())
    });
    let trial = RwSignal::new(Trial::new(PROMPTS[1]));
    let client = EngineSlot::new();
    let send = move |message: ToEngine| client.send(&message);
    let send_all = move |messages: Vec<ToEngine>| messages.into_iter().for_each(send);
    let wanted = RwSignal::new(autostart);
    Effect::new(move |started: Option<bool>| {
        if started == Some(true) || !wanted.get() {
            return wanted.get_untracked();
        }
        game.update(|g| g.history = storage::load());
        let on_message = move |answer| {
            if trial.try_update(|t| t.apply(&answer)).unwrap_or(false) {
                return;
            }
            let before = game.with_untracked(|g| g.phase.clone());
            let reply = game.try_update(|g| g.apply(answer)).flatten();
            if let Some(reply) = reply {
                send(reply);
            }
            let after = game.with_untracked(|g| g.phase.clone());
            match (&before, &after) {
                (Phase::Judged, _) => {}
                (_, Phase::Judged) => {
                    game.with_untracked(|g| storage::save(&g.history));
                    trial.update(|t| t.has_bracelet = true);
                    send_all(trial.try_update(Trial::paint).unwrap_or_default());
                }
                (Phase::Ready, _) | (_, Phase::Training) => {}
                (_, Phase::Ready) => send_all(trial.try_update(Trial::paint).unwrap_or_default()),
                _ => {}
            }
        };
        if let Err(message) = client.start(on_message) {
            game.update(|g| g.phase = Phase::Failed(message));
        }
        true
    });
    let start = move |_| {
        let session = storage::session_seed();
        if let Some(message) = game.try_update(|g| g.start_round(session)).flatten() {
            send(message);
        }
    };
    // A recorded round in progress, and the timer handing out its messages.
    #[cfg(feature = "hydrate")]
    let replay = StoredValue::new_local(None::<(Replay, IntervalHandle)>);
    #[cfg(not(feature = "hydrate"))]
    let replay = StoredValue::new(None::<(Replay, IntervalHandle)>);
    let end_replay = move || {
        if let Some((_, timer)) = replay.try_update_value(Option::take).flatten() {
            timer.clear();
        }
    };
    let feed = move |messages: Vec<lab_engine::FromEngine>| {
        for message in messages {
            game.update(|g| {
                g.apply(message);
            });
        }
        if game.with_untracked(|g| g.phase == Phase::Judged) {
            end_replay();
            game.with_untracked(|g| storage::save(&g.history));
        }
    };
    let watch = move |_| {
        let round = game.with_untracked(|g| g.history.next_round());
        leptos::task::spawn_local(async move {
            match fetch_recording(round).await {
                Err(message) => game.update(|g| g.explanation = vec![message]),
                Ok(recording) => {
                    if !game
                        .try_update(|g| g.start_recorded(&recording))
                        .unwrap_or(false)
                    {
                        return;
                    }
                    end_replay();
                    // About 30 steps a second, the pace of a quick CPU.
                    let tick = move || {
                        let next = replay
                            .try_update_value(|r| r.as_mut().map(|(r, _)| r.next(3)))
                            .flatten()
                            .unwrap_or_default();
                        feed(next);
                    };
                    if let Ok(timer) =
                        set_interval_with_handle(tick, std::time::Duration::from_millis(100))
                    {
                        replay.set_value(Some((Replay::new(recording), timer)));
                    }
                }
            }
        });
    };
    let stop = move || {
        let Some(message) = game.try_update(Game::stop).flatten() else {
            return;
        };
        let rest = replay
            .try_update_value(|r| r.as_mut().map(|(r, _)| r.rest()))
            .flatten();
        match rest {
            Some(rest) => feed(rest),
            None => send(message),
        }
    };
    // The `S` key stops the run from anywhere on the page (in the browser only:
    // a window listener has no meaning while rendering on the server).
    #[cfg(feature = "hydrate")]
    let keys = window_event_listener(leptos::ev::keydown, move |event| {
        let plain = !(event.ctrl_key() || event.meta_key() || event.alt_key());
        if plain && (event.key() == "s" || event.key() == "S") {
            stop();
        }
    });
    #[cfg(feature = "hydrate")]
    on_cleanup(move || keys.remove());
    view! {
        <section class="stop-run" data-widget="stop-the-run" aria-labelledby="stop-run-title">
            <h2 id="stop-run-title">"Your run"</h2>
            <Show when=move || !wanted.get()>
                <p class="stop-run-invite">
                    <button type="button" class="stop-run-load" on:click=move |_| wanted.set(true)>
                        "Load the lab engine"
                    </button>
                    " It downloads about 7 MB once (the painter and its judges) and trains in the background."
                </p>
            </Show>
            <Show when=move || wanted.get()>
                <Status game=game/>
            </Show>
            <div class="stop-run-controls">
                <button type="button" class="stop-run-start" on:click=start
                    disabled=move || !game.with(Game::can_start)>
                    {move || if game.with(|g| g.history.played == 0 && g.verdict.is_none()) { "Start a round" } else { "Next round" }}
                </button>
                <button type="button" class="stop-run-stop" on:click=move |_| stop() aria-keyshortcuts="S"
                    disabled=move || game.with(|g| g.phase != Phase::Training)>
                    "Stop (S)"
                </button>
                <button type="button" class="stop-run-recorded" on:click=watch
                    disabled=move || game.with(|g| matches!(g.phase, Phase::Training | Phase::Revealing))>
                    "Play a recorded run"
                </button>
            </div>
            <RoundChart game=game/>
            <Samples game=game/>
            <Verdict game=game/>
            <Rounds game=game/>
            <BraceletTrial trial=trial send=Callback::new(send)/>
        </section>
    }
    .into_any()
}

/// One line on the games played, for the home page; nothing until a round has
/// been played (read from the browser's storage once hydrated).
#[component]
pub fn GamesPlayed() -> impl IntoView {
    let history = RwSignal::new(History::default());
    Effect::new(move |_| history.set(storage::load()));
    move || {
        history.with(|h| {
            (h.played > 0).then(|| {
                let rounds = if h.played == 1 { "round" } else { "rounds" };
                view! {
                    <p class="games-played" data-testid="games-played">
                        {format!(
                            "Stop the run: {} {rounds} played, best {} points.",
                            h.played,
                            h.best().unwrap_or(0)
                        )}
                    </p>
                }
            })
        })
    }
}

/// The engine's state, the bench and the training's speed.
#[component]
fn Status(game: RwSignal<Game>) -> impl IntoView {
    let line = move || {
        game.with(|g| match &g.phase {
            Phase::Starting => "Starting the lab engine…".to_owned(),
            Phase::Loading { what, .. } => format!("Downloading {what}…"),
            Phase::Ready => "Ready. Start a round when you are.".to_owned(),
            Phase::Training => format!(
                "Step {} of at most {} · {:.1} steps/s",
                g.step(),
                g.setup.map_or(0, |s| s.max_steps),
                g.speed
            ),
            Phase::Revealing => {
                let at = g.hidden.last().map_or(0, |p| p.step);
                format!(
                    "Stopped at step {}. Measuring what came next (step {at})…",
                    g.stop_step.unwrap_or(0)
                )
            }
            Phase::Judged => "Round over.".to_owned(),
            Phase::Failed(message) => format!("The lab engine failed: {message}"),
        })
    };
    let progress = move || {
        game.with(|g| match &g.phase {
            Phase::Loading {
                done,
                total: Some(total),
                ..
            } if *total > 0 => Some((*done as f64 / *total as f64 * 100.0).round()),
            _ => None,
        })
    };
    view! {
        <p class="stop-run-status" role="status" aria-live="polite">{line}</p>
        {move || progress().map(|p| view! {
            <progress class="stop-run-download" max="100" value=p aria-label="Download progress"></progress>
        })}
        <p class="stop-run-bench">
            {move || game.with(|g| {
                let device = g.device.clone().unwrap_or_else(|| "the engine".into());
                match (g.setup, &g.recorded) {
                    (Some(setup), Some((label, made_on))) => format!("Recorded run: {label}, seed {} · made on {made_on}", setup.seed),
                    (Some(setup), None) => format!("This round: {} · on {device}", setup.summary()),
                    (None, _) => format!("Computing on {device}."),
                }
            })}
        </p>
    }
}

/// The newest validation's pictures, one per prompt.
#[component]
fn Samples(game: RwSignal<Game>) -> impl IntoView {
    let latest = move || game.with(|g| g.samples.last().cloned());
    view! {
        <div class="stop-run-samples" aria-live="off">
            {move || match latest() {
                None => view! { <p>"Validation samples appear every 100 steps."</p> }.into_any(),
                Some((step, pictures)) => view! {
                    <p>{format!("Validation at step {step} (same prompts and seed each time):")}</p>
                    <ul>
                        {pictures.into_iter().zip(PROMPTS).map(|(picture, prompt)| view! {
                            <li>
                                <img src=crate::picture::data_url(picture.size, &picture.rgb)
                                    alt=format!("Step {step}: {prompt}") width="96" height="96"/>
                                <span>{prompt.trim_start_matches("a photo of TOK ceramic cat figurine ").to_owned()}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any(),
            }}
        </div>
    }
}

/// The score and what the curves showed.
#[component]
fn Verdict(game: RwSignal<Game>) -> impl IntoView {
    move || {
        game.with(|g| {
            (g.phase == Phase::Judged).then(|| {
                let headline = g.verdict.map_or_else(
                    || "No score this round.".to_owned(),
                    |v| format!("{} points: you kept {} % of the best quality.", v.points, 100 - (v.lost * 100.0).round() as u32),
                );
                view! {
                    <div class="stop-run-verdict" role="region" aria-label="Your result">
                        <p class="stop-run-points">{headline}</p>
                        {g.explanation.iter().map(|line| view! { <p>{line.clone()}</p> }).collect_view()}
                    </div>
                }
            })
        })
    }
}

/// The rounds played so far.
#[component]
fn Rounds(game: RwSignal<Game>) -> impl IntoView {
    move || {
        game.with(|g| {
            (!g.history.rounds.is_empty()).then(|| view! {
                <table class="stop-run-rounds">
                    <caption>{format!(
                        "Rounds played: {} · average {:.0} points",
                        g.history.played,
                        g.history.average().unwrap_or(0.0)
                    )}</caption>
                    <thead><tr><th>"Round"</th><th>"Setup"</th><th>"Stopped"</th><th>"Best"</th><th>"Points"</th></tr></thead>
                    <tbody>
                        {g.history.rounds.iter().rev().take(10).map(|r| view! {
                            <tr>
                                <td>{r.setup.round + 1}</td>
                                <td>{r.setup.summary()}</td>
                                <td>{r.stop_step}</td>
                                <td>{r.best_step}</td>
                                <td>{r.points}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            })
        })
    }
}

/// The rounds played, kept in `localStorage`.
mod storage {
    use crate::stop_run::History;

    #[cfg(feature = "hydrate")]
    fn local() -> Option<leptos::web_sys::Storage> {
        leptos::web_sys::window()?.local_storage().ok()?
    }

    pub(super) fn load() -> History {
        #[cfg(feature = "hydrate")]
        if let Some(text) = local().and_then(|s| s.get_item(History::STORAGE_KEY).ok().flatten()) {
            return History::from_json(&text);
        }
        History::default()
    }

    pub(super) fn save(history: &History) {
        #[cfg(feature = "hydrate")]
        if let Some(storage) = local() {
            // A full or disabled storage only costs the player their record.
            let _ = storage.set_item(History::STORAGE_KEY, &history.to_json());
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = history;
    }

    /// A seed for this visit's rounds, so two visits do not replay each other.
    pub(super) fn session_seed() -> u64 {
        #[cfg(feature = "hydrate")]
        {
            (leptos::web_sys::js_sys::Math::random() * 9.0e15) as u64
        }
        #[cfg(not(feature = "hydrate"))]
        0
    }
}
