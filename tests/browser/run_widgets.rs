//! The run widgets answer the keyboard in the real page: the two-bracelet mixer
//! (chapter 8), the loss rhythms (chapter 6) and the pair-making stages
//! (chapter 10). Each control is focused and moved with keys only, and what a
//! screen reader would read follows the real data.

use anyhow::ensure;
use e2e::{BrowserOptions, Site, fetch, open_hydrated, press, with_browser};
use fantoccini::Client;
use fantoccini::key::Key;
use serde_json::{Value, json};

/// Focuses the first element matching `css` inside widget `widget`.
async fn focus(client: &Client, widget: &str, css: &str, nth: usize) -> anyhow::Result<()> {
    client
        .execute(
            "const [w, css, n] = arguments;
             document.querySelectorAll(`[data-widget=${w}] ${css}`)[n].focus();",
            vec![json!(widget), json!(css), json!(nth)],
        )
        .await?;
    Ok(())
}

/// Runs `script` with the widget's root as `w` and returns its answer.
async fn read(client: &Client, widget: &str, script: &str) -> anyhow::Result<Value> {
    let body = format!("const w = document.querySelector('[data-widget={widget}]'); {script}");
    Ok(client.execute(&body, vec![]).await?)
}

#[tokio::test]
async fn the_run_widgets_answer_the_keyboard() -> anyhow::Result<()> {
    let site = Site::start().await?;
    with_browser(BrowserOptions::default(), |client| async move {
        // Chapter 8: both bracelets start at scale 1; TOK up a notch, style down one.
        open_hydrated(&client, &site.url("/learn/style-loras")).await?;
        let mixer = "return { texts: [...w.querySelectorAll('input[type=range]')].map(i => i.getAttribute('aria-valuetext')),
                              view: w.querySelector('svg.crop').getAttribute('viewBox'),
                              verdict: w.querySelector('.mix-verdict').textContent,
                              current: w.querySelector('.mix-cell.current').textContent };";
        let start = read(&client, "style-mixer", mixer).await?;
        ensure!(start["texts"] == json!(["scale 1.0", "scale 1.0"]), "{start}");
        focus(&client, "style-mixer", "input[type=range]", 0).await?;
        press(&client, Key::Right).await?;
        focus(&client, "style-mixer", "input[type=range]", 1).await?;
        press(&client, Key::Left).await?;
        let moved = read(&client, "style-mixer", mixer).await?;
        ensure!(moved["texts"] == json!(["scale 1.5", "scale 0.5"]), "{moved}");
        // Row 3 (TOK 1.5), column 1 (style 0.5) of the grid picture.
        ensure!(moved["view"] == json!("36 104 32 32"), "{moved}");
        ensure!(moved["verdict"] != start["verdict"], "{moved}");
        let verdict = moved["verdict"].as_str().unwrap_or("");
        let cell = moved["current"].as_str().unwrap_or("");
        let tok = cell.split(" TOK").next().unwrap_or("?");
        ensure!(verdict.contains(tok), "the verdict and the table agree: {moved}");

        // Chapter 6: the rhythms are a radio group; an arrow key picks the next.
        open_hydrated(&client, &site.url("/learn/inside-the-run")).await?;
        let rhythms = "return { caption: w.querySelector('figcaption').textContent,
                                story: w.querySelector('.rhythm-story').textContent,
                                dots: w.querySelector('path.loss-dots').getAttribute('d').length };";
        let healthy = read(&client, "loss-rhythms", rhythms).await?;
        ensure!(healthy["caption"].as_str().is_some_and(|c| c.contains("Real run steps-1000")), "{healthy}");
        focus(&client, "loss-rhythms", "input[type=radio]", 0).await?;
        press(&client, Key::Right).await?;
        let eager = read(&client, "loss-rhythms", rhythms).await?;
        ensure!(eager["caption"].as_str().is_some_and(|c| c.contains("Real run lr-frantic")), "{eager}");
        ensure!(eager["story"].as_str().is_some_and(|s| s.contains("climbs")), "{eager}");

        // Chapter 10: the stage slider walks from the scene to the overlay.
        open_hydrated(&client, &site.url("/learn/making-pairs")).await?;
        let stages = "return { text: w.querySelector('input[type=range]').getAttribute('aria-valuetext'),
                               words: w.querySelector('.stage-words').textContent,
                               view: w.querySelector('svg.crop').getAttribute('viewBox') };";
        focus(&client, "pair-pipeline", "input[type=range]", 0).await?;
        press(&client, Key::End).await?;
        let last = read(&client, "pair-pipeline", stages).await?;
        ensure!(last["text"] == json!("sketch laid over painting"), "{last}");
        ensure!(last["words"].as_str().is_some_and(|w| w.starts_with("The check")), "{last}");
        ensure!(last["view"] == json!("166 1 32 32"), "{last}");

        // The sheets the widgets frame are served by the built site.
        for sheet in [
            "/assets/experiments/mix-grid.png",
            "/assets/experiments/one-step/levels.png",
            "/assets/experiments/one-step/picture.png",
            "/assets/albums/pairs/pairs.png",
            "/assets/experiments/rank-64/samples/probe-001000.png",
        ] {
            let got = fetch(&site.url(sheet)).await?;
            ensure!(got.status == 200, "{sheet} answers {}", got.status);
        }
        Ok(())
    })
    .await
}
