//! The round's chart: what a trainer shows while the run goes (the loss as raw
//! dots and a smoothed trend), then, once the round is judged, what the judges
//! measured on the same steps: quality on new prompts, album leak, the sweet
//! spot, the best moment and where the player stopped.

use leptos::prelude::*;

use crate::chart::{Frame, robust_range, smooth};
use crate::stop_run::{Game, Phase};

const WIDTH: f32 = 800.0;
const HEIGHT: f32 = 220.0;

/// The chart of the current round.
#[component]
pub fn RoundChart(
    /// The game whose round is drawn.
    game: RwSignal<Game>,
) -> impl IntoView {
    move || game.with(draw)
}

fn draw(game: &Game) -> AnyView {
    let Some(setup) = game.setup else {
        return view! { <p class="stop-run-chart-empty">"The loss chart appears when a round starts."</p> }
            .into_any();
    };
    let steps = setup.max_steps;
    let loss_frame = Frame {
        width: WIDTH,
        height: HEIGHT,
        steps,
        y: robust_range(&game.losses).unwrap_or((0.0, 1.0)),
    };
    let numbered = |values: &[f32]| -> Vec<(u32, f32)> {
        values
            .iter()
            .enumerate()
            .map(|(i, v)| (i as u32 + 1, *v))
            .collect()
    };
    let dots = loss_frame.dots(numbered(&game.losses));
    let trend = loss_frame.polyline(numbered(&smooth(&game.losses, 0.95)));
    let judged = game.phase == Phase::Judged;
    let (band, lines) = match judged.then(|| reveal(game, steps)) {
        Some(r) => (Some(r.band), Some(r.lines)),
        None => (None, None),
    };
    let label = if judged {
        "Loss per step (dots and smoothed trend), with the judges' quality on new prompts, album leak, the sweet spot and your stop"
    } else {
        "Loss per step: raw dots and the smoothed trend"
    };
    view! {
        <figure class="stop-run-chart">
            <svg viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img" aria-label=label>
                {band}
                <path class="loss-dots" d=dots fill="none" stroke="currentColor" stroke-opacity="0.35"
                    stroke-width="2.5" stroke-linecap="round"/>
                <polyline class="loss-trend" points=trend fill="none" stroke="currentColor" stroke-width="2"/>
                {lines}
                <g class="axis" font-size="13" fill="currentColor" fill-opacity="0.7">
                    <text x="4" y="14">{format!("loss {:.3}", loss_frame.y.1)}</text>
                    <text x="4" y=HEIGHT - 6.0>{format!("{:.3}", loss_frame.y.0)}</text>
                    <text x=WIDTH / 2.0 y=HEIGHT - 6.0 text-anchor="middle">{format!("step {}", steps / 2)}</text>
                    <text x=WIDTH - 4.0 y=HEIGHT - 6.0 text-anchor="end">{format!("step {steps}")}</text>
                    {judged.then(|| view! { <text x=WIDTH - 4.0 y="14" text-anchor="end" fill="#2e9e6a">"quality 100 %"</text> })}
                </g>
            </svg>
            <figcaption>{caption(game)}</figcaption>
        </figure>
    }
    .into_any()
}

struct Reveal {
    band: AnyView,
    lines: AnyView,
}

fn reveal(game: &Game, steps: u32) -> Reveal {
    let share = Frame {
        width: WIDTH,
        height: HEIGHT,
        steps,
        y: (0.0, 1.0),
    };
    let quality = share.polyline(game.hidden.iter().map(|p| (p.step, p.quality())));
    let leak = share.polyline(game.hidden.iter().map(|p| (p.step, p.leak)));
    let stop_x = share.point(game.stop_step.unwrap_or(0), 0.0).0;
    let band = game.verdict.map(|v| {
        let (from, to) = (share.point(v.window.0, 0.0).0, share.point(v.window.1, 0.0).0);
        view! { <rect class="sweet-spot" x=from y="0" width=(to - from).max(2.0) height=HEIGHT fill="#2e9e6a" fill-opacity="0.15"/> }
    });
    let best = game.verdict.map(|v| {
        let (x, y) = share.point(v.best.step, v.best.quality());
        view! { <circle class="best-moment" cx=x cy=y r="6" fill="#2e9e6a"/> }
    });
    Reveal {
        band: view! { {band} }.into_any(),
        lines: view! {
            <polyline class="quality" points=quality fill="none" stroke="#2e9e6a" stroke-width="3"/>
            <polyline class="leak" points=leak fill="none" stroke="#c8643b" stroke-width="2" stroke-dasharray="6 4"/>
            <line class="stop-line" x1=stop_x x2=stop_x y1="0" y2=HEIGHT stroke="#444" stroke-width="2"/>
            {best}
        }
        .into_any(),
    }
}

fn caption(game: &Game) -> String {
    match (game.phase == Phase::Judged, game.verdict) {
        (true, Some(v)) => format!(
            "Revealed: quality on new prompts (green, 0 to 100 %), album leak (orange, dashed), \
             the sweet spot (steps {} to {}, shaded), the best moment (step {}, dot) and your \
             stop (step {}, line).",
            v.window.0, v.window.1, v.best.step, v.stop_step
        ),
        _ => "The loss: faint dots for each step, the line for its smoothed trend. \
              Quality stays hidden until you stop."
            .to_owned(),
    }
}
