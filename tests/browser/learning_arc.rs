//! Chapter 4 read by keyboard alone: Tab reaches the learning arc's slider, the
//! arrow, Home and End keys move it, the meters' values (what a screen reader
//! announces) follow the real run's checkpoints, and the captions' choice swaps
//! in the same run with full captions.

use anyhow::{Context, ensure};
use e2e::{BrowserOptions, Site, open_hydrated, press, press_shifted, with_browser};
use fantoccini::Client;
use fantoccini::key::Key;
use serde_json::{Value, json};

/// The focused element's id.
async fn focused_id(client: &Client) -> anyhow::Result<String> {
    let id = client
        .execute(
            "return document.activeElement ? document.activeElement.id : ''",
            vec![],
        )
        .await?;
    Ok(id.as_str().unwrap_or("").to_owned())
}

/// What assistive technology reads in the widget: the slider's value text, each
/// meter's label and value, and the picture's source and load state.
async fn reading(client: &Client) -> anyhow::Result<Value> {
    Ok(client
        .execute(
            "const w = document.querySelector('[data-widget=learning-arc]');
             const slider = w.querySelector('input[type=range]');
             const img = w.querySelector('img');
             return {
               valuetext: slider.getAttribute('aria-valuetext'),
               meters: [...w.querySelectorAll('meter')].map(m => ({
                 label: m.getAttribute('aria-label'), value: m.value })),
               texts: [...w.querySelectorAll('.arc-meter-value')].map(s => s.textContent),
               src: img.getAttribute('src'),
               loaded: img.complete && img.naturalWidth > 0,
               caption: w.querySelector('figcaption').textContent,
             };",
            vec![],
        )
        .await?)
}

fn meter(reading: &Value, index: usize) -> anyhow::Result<f64> {
    reading["meters"][index]["value"]
        .as_f64()
        .with_context(|| format!("meter {index} has a value: {reading}"))
}

#[tokio::test]
async fn chapter_four_reads_the_learning_arc_by_keyboard() -> anyhow::Result<()> {
    let site = Site::start().await?;
    with_browser(BrowserOptions::default(), |client| async move {
        open_hydrated(&client, &site.url("/learn/steps")).await?;
        let mut reached = false;
        for _ in 0..400 {
            press(&client, Key::Tab).await?;
            if focused_id(&client).await?.ends_with("-checkpoint") {
                reached = true;
                break;
            }
        }
        ensure!(reached, "Tab reaches the learning arc's slider");
        let best = reading(&client).await?;
        ensure!(
            best["meters"][0]["label"] == json!("Looks like TOK (unseen prompts)"),
            "{best}"
        );

        press(&client, Key::Home).await?;
        let start = reading(&client).await?;
        ensure!(start["valuetext"] == json!("step 0"), "{start}");
        ensure!(meter(&start, 0)? < 0.1, "no TOK before training: {start}");
        ensure!(
            start["texts"][0]
                .as_str()
                .is_some_and(|t| t.contains("not TOK yet")),
            "{start}"
        );
        ensure!(
            start["caption"]
                .as_str()
                .is_some_and(|c| c.contains("Real run arc-trigger-only"))
        );

        press(&client, Key::Right).await?;
        let next = reading(&client).await?;
        ensure!(
            next["valuetext"] != start["valuetext"],
            "Right moves one checkpoint: {next}"
        );
        ensure!(
            next["src"] != start["src"],
            "the pictures follow the slider"
        );

        press(&client, Key::End).await?;
        let end = reading(&client).await?;
        ensure!(end["valuetext"] == json!("step 5000"), "{end}");
        ensure!(
            meter(&end, 0)? > meter(&start, 0)?,
            "TOK was learned: {end}"
        );
        let mut loaded = false;
        for _ in 0..50 {
            if reading(&client).await?["loaded"] == json!(true) {
                loaded = true;
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        ensure!(loaded, "the last checkpoint's pictures did not load: {end}");

        // Shift+Tab goes back to the captions; an arrow key chooses the other
        // ones, and the slider now walks the run with full captions.
        press_shifted(&client, Key::Tab).await?;
        ensure!(
            focused_id(&client).await?.ends_with("-captions-0"),
            "Shift+Tab reaches the captions' choice"
        );
        press(&client, Key::Down).await?;
        let full = reading(&client).await?;
        ensure!(
            full["caption"]
                .as_str()
                .is_some_and(|c| c.contains("Real run arc-5000")),
            "the other captions' run: {full}"
        );
        ensure!(full["src"] != end["src"], "its own pictures: {full}");
        Ok(())
    })
    .await
}
