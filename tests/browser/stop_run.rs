//! *Stop the run*, played in Chromium: the lab engine starts in its worker,
//! downloads the painter and the judges, trains a real LoRA with a falling
//! loss and validation pictures; the test stops it, the reveal runs and the
//! score and explanation appear. A reload remembers the round.

use std::time::{Duration, Instant};

use anyhow::{Context, bail, ensure};
use e2e::{BrowserOptions, Site, open_hydrated, screenshot, text_of, with_browser};
use fantoccini::key::Key;
use fantoccini::{Client, Locator};

/// How long the engine may take to download and load the weights.
pub(crate) const LOAD: Duration = Duration::from_secs(120);
/// How long a short round may take, stop and reveal included.
pub(crate) const ROUND: Duration = Duration::from_secs(420);

pub(crate) async fn wait_for(
    client: &Client,
    what: &str,
    limit: Duration,
    mut done: impl AsyncFnMut(&Client) -> anyhow::Result<bool>,
) -> anyhow::Result<()> {
    let start = Instant::now();
    while start.elapsed() < limit {
        if done(client).await? {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    let status = text_of(client, ".stop-run-status")
        .await
        .unwrap_or_default();
    screenshot(client, "stop-run-timeout").await.ok();
    bail!("waited {limit:?} for {what}; the status says {status:?}")
}

pub(crate) async fn status(client: &Client) -> anyhow::Result<String> {
    text_of(client, ".stop-run-status").await
}

/// The step in "Step N of at most M · …", if training.
pub(crate) fn step_of(status: &str) -> Option<u32> {
    status
        .strip_prefix("Step ")?
        .split(' ')
        .next()?
        .parse()
        .ok()
}

#[tokio::test]
async fn a_round_of_stop_the_run_is_played_in_the_browser() -> anyhow::Result<()> {
    let site = Site::start().await?;
    with_browser(BrowserOptions::default(), |client| async move {
        open_hydrated(&client, &site.url("/labs/stop-the-run?steps=300")).await?;
        wait_for(&client, "the engine to be ready", LOAD, async |c| {
            let s = status(c).await?;
            ensure!(!s.starts_with("The lab engine failed"), "{s}");
            Ok(s.starts_with("Ready"))
        })
        .await?;
        // The painter alone paints the trial's prompt once ready; a typo is
        // caught with a suggestion.
        wait_for(&client, "the bare picture", LOAD, async |c| {
            Ok(c.find(Locator::Css(".bracelet-trial-pair img"))
                .await
                .is_ok())
        })
        .await?;
        let prompt = client.find(Locator::Css("#bracelet-trial-prompt")).await?;
        // Select all, then type over it.
        let over = |text: &str| format!("{}a{}{text}", Key::Control, Key::Null);
        prompt.send_keys(&over("a photo of a dgo")).await?;
        wait_for(&client, "the vocabulary check", LOAD, async |c| {
            Ok(text_of(c, ".bracelet-trial-problem")
                .await?
                .contains("`dog`"))
        })
        .await?;
        prompt
            .send_keys(&over("a photo of TOK ceramic cat figurine on a beach"))
            .await?;
        let bench = text_of(&client, ".stop-run-bench").await?;
        ensure!(
            bench.contains("CPU"),
            "the engine says where it runs: {bench:?}"
        );

        client
            .find(Locator::Css(".stop-run-start"))
            .await?
            .click()
            .await?;
        let mut seen = 0;
        wait_for(&client, "the first validation", ROUND, async |c| {
            let s = status(c).await?;
            ensure!(!s.starts_with("The lab engine failed"), "{s}");
            seen = step_of(&s).unwrap_or(seen);
            Ok(seen > 100 && c.find(Locator::Css(".stop-run-samples img")).await.is_ok())
        })
        .await?;
        // The speed the reader sees, for the log.
        println!("stop the run, live in Chromium: {}", status(&client).await?);
        let pictures = client
            .find_all(Locator::Css(".stop-run-samples img"))
            .await?;
        ensure!(
            pictures.len() == 3,
            "three validation pictures, got {}",
            pictures.len()
        );
        let alt = pictures[1].attr("alt").await?.unwrap_or_default();
        ensure!(
            alt.contains("on a beach"),
            "alt text names the prompt: {alt:?}"
        );
        let dots = client
            .find(Locator::Css(".stop-run-chart path.loss-dots"))
            .await?
            .attr("d")
            .await?
            .unwrap_or_default();
        ensure!(dots.matches('M').count() > 100, "a dot per step");
        ensure!(
            client
                .find(Locator::Css(".stop-run-chart .quality"))
                .await
                .is_err(),
            "quality stays hidden while training"
        );

        // Stop with the keyboard shortcut.
        client
            .find(Locator::Css("body"))
            .await?
            .send_keys("s")
            .await?;
        wait_for(&client, "the reveal and the score", ROUND, async |c| {
            let s = status(c).await?;
            ensure!(!s.starts_with("The lab engine failed"), "{s}");
            Ok(s.starts_with("Round over"))
        })
        .await?;
        let points = text_of(&client, ".stop-run-points").await?;
        ensure!(points.contains("points"), "a score: {points:?}");
        let verdict = text_of(&client, ".stop-run-verdict").await?;
        ensure!(verdict.contains("You stopped at step"), "{verdict}");
        let quality = client
            .find(Locator::Css(".stop-run-chart .quality"))
            .await
            .context("the quality curve is revealed")?
            .attr("points")
            .await?
            .unwrap_or_default();
        ensure!(
            quality.split(' ').count() == 3,
            "validations at 100, 200, 300: {quality}"
        );
        client
            .execute(
                "document.querySelector('.stop-run').scrollIntoView()",
                vec![],
            )
            .await?;
        screenshot(&client, "stop-the-run-judged").await?;

        // The bracelet kept is worn beside the bare painter, and the scale
        // slider answers the keyboard with a new picture.
        wait_for(&client, "the picture with the bracelet", LOAD, async |c| {
            Ok(c.find_all(Locator::Css(".bracelet-trial-pair img"))
                .await?
                .len()
                == 2)
        })
        .await?;
        let with = async |c: &Client| -> anyhow::Result<String> {
            let all = c.find_all(Locator::Css(".bracelet-trial-pair img")).await?;
            Ok(all[1].attr("src").await?.unwrap_or_default())
        };
        let before = with(&client).await?;
        let slider = client.find(Locator::Css("#bracelet-trial-scale")).await?;
        slider.send_keys(&Key::Right.to_string().repeat(8)).await?;
        wait_for(&client, "a picture at a higher scale", LOAD, async |c| {
            Ok(with(c).await? != before)
        })
        .await?;
        let caption = text_of(&client, ".bracelet-trial-pair figure:last-child figcaption").await?;
        ensure!(
            caption.contains("scale 3"),
            "the caption follows the slider: {caption:?}"
        );
        client
            .execute(
                "document.querySelector('.bracelet-trial').scrollIntoView()",
                vec![],
            )
            .await?;
        screenshot(&client, "stop-the-run-bracelet").await?;

        // The round is remembered.
        open_hydrated(&client, &site.url("/labs/stop-the-run?steps=300")).await?;
        wait_for(&client, "the rounds table", LOAD, async |c| {
            Ok(text_of(c, ".stop-run-rounds caption")
                .await
                .is_ok_and(|t| t.starts_with("Rounds played: 1")))
        })
        .await?;
        // The home page shows the games played.
        open_hydrated(&client, &site.url("/")).await?;
        wait_for(&client, "the games-played line", LOAD, async |c| {
            Ok(text_of(c, "[data-testid='games-played']")
                .await
                .is_ok_and(|t| t.starts_with("Stop the run: 1 round played")))
        })
        .await?;
        Ok(())
    })
    .await
}

#[tokio::test]
async fn a_chapter_loads_the_engine_only_when_asked() -> anyhow::Result<()> {
    let site = Site::start().await?;
    with_browser(BrowserOptions::default(), |client| async move {
        open_hydrated(&client, &site.url("/learn/inside-the-run")).await?;
        ensure!(
            client.find(Locator::Css(".stop-run-status")).await.is_err(),
            "no engine is started before the reader asks"
        );
        let workers: i64 = client
            .execute(
                "return performance.getEntriesByType('resource').filter(e => e.name.includes('/pkg/engine')).length",
                vec![],
            )
            .await?
            .as_i64()
            .unwrap_or(-1);
        ensure!(workers == 0, "the chapter downloaded {workers} engine files unasked");
        client
            .find(Locator::Css(".stop-run-load"))
            .await
            .context("the chapter offers to load the engine")?
            .click()
            .await?;
        wait_for(&client, "the engine to be ready", LOAD, async |c| {
            Ok(status(c).await.is_ok_and(|s| s.starts_with("Ready")))
        })
        .await
    })
    .await
}

#[tokio::test]
async fn a_recorded_run_can_be_played_without_training() -> anyhow::Result<()> {
    let site = Site::start().await?;
    with_browser(BrowserOptions::default(), |client| async move {
        open_hydrated(&client, &site.url("/labs/stop-the-run")).await?;
        client
            .find(Locator::Css(".stop-run-recorded"))
            .await?
            .click()
            .await?;
        let mut seen = 0;
        wait_for(
            &client,
            "the recorded run to pass step 200",
            ROUND,
            async |c| {
                seen = step_of(&status(c).await?).unwrap_or(seen);
                Ok(seen > 200)
            },
        )
        .await?;
        let bench = text_of(&client, ".stop-run-bench").await?;
        ensure!(
            bench.starts_with("Recorded run:"),
            "labelled as recorded: {bench:?}"
        );
        ensure!(
            client
                .find_all(Locator::Css(".stop-run-samples img"))
                .await?
                .len()
                == 3,
            "the recorded validation pictures are shown"
        );
        client
            .find(Locator::Css(".stop-run-stop"))
            .await?
            .click()
            .await?;
        wait_for(&client, "the score", LOAD, async |c| {
            Ok(status(c).await?.starts_with("Round over"))
        })
        .await?;
        let points = text_of(&client, ".stop-run-points").await?;
        ensure!(points.contains("points"), "{points:?}");
        let quality = client
            .find(Locator::Css(".stop-run-chart .quality"))
            .await?
            .attr("points")
            .await?
            .unwrap_or_default();
        ensure!(
            quality.split(' ').count() >= 15,
            "the whole recorded curve is revealed: {quality}"
        );
        Ok(())
    })
    .await
}
