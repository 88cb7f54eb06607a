//! The parameter planner answers the keyboard once hydrated.

use anyhow::ensure;
use e2e::{BrowserOptions, Site, open_hydrated, screenshot, text_of, with_browser};
use fantoccini::key::Key;
use fantoccini::{Client, Locator};

const SUMMARY: &str = ".planner .planner-summary";

fn key(k: Key) -> String {
    char::from(k).to_string()
}

async fn steps_shown(client: &Client) -> anyhow::Result<String> {
    text_of(client, ".planner [data-pick='steps'] .planner-value").await
}

#[tokio::test]
async fn planner_follows_the_keyboard() -> anyhow::Result<()> {
    let site = Site::start().await?;
    with_browser(BrowserOptions::default(), |client| async move {
        open_hydrated(&client, &site.url("/labs/planner")).await?;
        let summary = text_of(&client, SUMMARY).await?;
        ensure!(
            summary.starts_with("20 photos (subject): 1,000 steps at learning rate 5e-5, rank 16"),
            "default plan: {summary:?}"
        );

        // Twelve presses of the down arrow: 20 photos become 8.
        let images = client
            .find(Locator::Css(".planner input[id$='-images']"))
            .await?;
        images.send_keys(&key(Key::Down).repeat(12)).await?;
        let summary = text_of(&client, SUMMARY).await?;
        ensure!(
            summary.starts_with("8 photos (subject): 500 steps"),
            "eight photos: {summary:?}"
        );
        ensure!(
            steps_shown(&client).await? == "500",
            "the steps pick follows"
        );

        // The right arrow moves the radio group from subject to style.
        let subject = client
            .find(Locator::Css(
                ".planner input[type='radio'][value='subject']",
            ))
            .await?;
        subject.send_keys(&key(Key::Right)).await?;
        let summary = text_of(&client, SUMMARY).await?;
        ensure!(
            summary.starts_with("8 images (style): 500 steps at learning rate 5e-5, rank 32"),
            "style: {summary:?}"
        );

        // Select the count and type a new one.
        let select_all = format!("{}a{}", key(Key::Control), key(Key::Null));
        images.send_keys(&format!("{select_all}40")).await?;
        let summary = text_of(&client, SUMMARY).await?;
        ensure!(
            summary.starts_with("40 images (style): 1,300 steps"),
            "forty images: {summary:?}"
        );

        // Nine presses up: 10 repeats, and the trap is worked out on our album.
        let repeats = client
            .find(Locator::Css(".planner input[id$='-repeats']"))
            .await?;
        repeats.send_keys(&key(Key::Up).repeat(9)).await?;
        let first = text_of(&client, ".planner-repeats li").await?;
        ensure!(
            first.contains("40 images × 10 repeats = 400 entries"),
            "repeats trap: {first:?}"
        );

        // An empty count is refused out loud; the last good plan stays.
        images
            .send_keys(&format!("{select_all}{}", key(Key::Backspace)))
            .await?;
        let summary = text_of(&client, SUMMARY).await?;
        ensure!(
            summary == "Enter a whole number of images from 1 to 500.",
            "empty count: {summary:?}"
        );
        let invalid = images.attr("aria-invalid").await?.unwrap_or_default();
        ensure!(
            invalid == "true",
            "the field is marked invalid: {invalid:?}"
        );
        ensure!(
            steps_shown(&client).await? == "1,300",
            "the last plan stays"
        );
        let live = client
            .find(Locator::Css(SUMMARY))
            .await?
            .attr("aria-live")
            .await?
            .unwrap_or_default();
        ensure!(live == "polite", "the summary is a live region");
        let shot = screenshot(&client, "planner").await?;
        println!("planner screenshot: {}", shot.display());
        Ok(())
    })
    .await
}
