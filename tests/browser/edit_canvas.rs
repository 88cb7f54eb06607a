//! Chapter 9's canvas in the real page: a sketch drawn with the keyboard only
//! (Shift+arrows draw, Space inks a dot) changes the sheet, and "Paint it"
//! starts the lab engine, loads the edit bracelet and paints the sketch.

use std::time::{Duration, Instant};

use anyhow::{Context, bail, ensure};
use e2e::{BrowserOptions, Site, open_hydrated, press, press_shifted, screenshot, with_browser};
use fantoccini::key::Key;
use fantoccini::{Client, Locator};
use serde_json::Value;

/// The sheet's picture, the result's (if any) and the status line.
async fn state(client: &Client) -> anyhow::Result<Value> {
    Ok(client
        .execute(
            "const w = document.querySelector('[data-widget=edit-canvas]');
             const result = w.querySelector('img.canvas-result');
             return { sheet: w.querySelector('img.canvas-sheet').getAttribute('src'),
                      result: result ? result.getAttribute('src') : null,
                      status: w.querySelector('.canvas-status').textContent };",
            vec![],
        )
        .await?)
}

#[tokio::test]
async fn a_sketch_drawn_by_keyboard_is_painted_in_the_page() -> anyhow::Result<()> {
    let site = Site::start().await?;
    with_browser(BrowserOptions::default(), |client| async move {
        open_hydrated(&client, &site.url("/learn/edit-loras")).await?;
        client
            .find(Locator::Css("[data-widget=edit-canvas] button"))
            .await
            .context("a Clear button")?
            .click()
            .await?;
        let blank = state(&client).await?;
        client
            .execute("document.querySelector('img.canvas-sheet').focus()", vec![])
            .await?;
        // Shift+Right four times draws a line; Space inks one more dot below.
        for _ in 0..4 {
            press_shifted(&client, Key::Right).await?;
        }
        press(&client, Key::Down).await?;
        press(&client, Key::Space).await?;
        let drawn = state(&client).await?;
        ensure!(
            drawn["sheet"] != blank["sheet"],
            "the keys drew on the sheet"
        );
        ensure!(drawn["result"].is_null(), "nothing painted before asking");

        client
            .find(Locator::Css("[data-widget=edit-canvas] button.primary"))
            .await?
            .click()
            .await?;
        let start = Instant::now();
        loop {
            let now = state(&client).await?;
            if now["result"]
                .as_str()
                .is_some_and(|s| s.starts_with("data:image/"))
            {
                let status = now["status"].as_str().unwrap_or("");
                ensure!(status.starts_with("Painted in your browser"), "{now}");
                client
                    .execute(
                        "document.querySelector('[data-widget=edit-canvas]').scrollIntoView()",
                        vec![],
                    )
                    .await?;
                screenshot(&client, "edit-canvas").await?;
                return Ok(());
            }
            if start.elapsed() > Duration::from_secs(180) {
                bail!("no painting within three minutes: {now}");
            }
            tokio::time::sleep(Duration::from_millis(500)).await;
        }
    })
    .await
}
