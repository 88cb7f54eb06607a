//! Chapter pages: server rendering, hydration, navigation and reading progress.

use anyhow::{Context, ensure};
use e2e::{
    BrowserOptions, Site, fetch, open_hydrated, screenshot, text_of, wait_hydrated, with_browser,
};
use fantoccini::{Client, Locator};

#[tokio::test]
async fn chapter_renders_on_the_server_then_hydrates() -> anyhow::Result<()> {
    let site = Site::start().await?;
    // Before any JavaScript: the HTML as the server sends it.
    let page = fetch(&site.url("/learn/steps")).await?;
    ensure!(page.status == 200, "status {}", page.status);
    for expected in [
        "Chapter 4 of 10",
        "<h1>Steps</h1>",
        "A run passes through four ages, and the art is to stop in the third.",
        "<title>Steps · Sweet Spot</title>",
        "On this page",
        "rel=\"prev\"",
        "rel=\"next\"",
    ] {
        ensure!(
            page.body.contains(expected),
            "server HTML lacks {expected:?}"
        );
    }
    ensure!(
        !page.body.contains("data-hydrated"),
        "the hydration mark must only be set by the browser"
    );
    with_browser(BrowserOptions::default(), |client| async move {
        open_hydrated(&client, &site.url("/learn/steps")).await?;
        let eyebrow = text_of(&client, ".chapter-head .eyebrow").await?;
        ensure!(eyebrow == "Chapter 4 of 10", "eyebrow {eyebrow:?}");
        let shot = screenshot(&client, "chapter").await?;
        println!("chapter screenshot: {}", shot.display());
        Ok(())
    })
    .await
}

async fn heading(client: &Client) -> anyhow::Result<String> {
    text_of(client, "article.chapter h1").await
}

async fn wait_for_heading(client: &Client, expected: &str) -> anyhow::Result<()> {
    for _ in 0..100 {
        if heading(client).await.is_ok_and(|h| h == expected) {
            return Ok(());
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    anyhow::bail!(
        "heading never became {expected:?} (now {:?})",
        heading(client).await.ok()
    )
}

#[tokio::test]
async fn previous_and_next_links_walk_the_course() -> anyhow::Result<()> {
    let site = Site::start().await?;
    with_browser(BrowserOptions::default(), |client| async move {
        open_hydrated(&client, &site.url("/learn/painter-and-bracelet")).await?;
        ensure!(
            client
                .find_all(Locator::Css("a[rel='prev']"))
                .await?
                .is_empty(),
            "chapter 1 has no previous chapter"
        );
        client
            .find(Locator::Css("a[rel='next']"))
            .await?
            .click()
            .await?;
        wait_for_heading(&client, "The album").await?;
        let url = client.current_url().await?;
        ensure!(url.path() == "/learn/the-album", "next went to {url}");
        let eyebrow = text_of(&client, ".chapter-head .eyebrow").await?;
        ensure!(eyebrow == "Chapter 2 of 10", "eyebrow {eyebrow:?}");
        client
            .find(Locator::Css("a[rel='prev']"))
            .await?
            .click()
            .await?;
        wait_for_heading(&client, "The painter and the bracelet").await?;
        open_hydrated(&client, &site.url("/learn/making-pairs")).await?;
        ensure!(
            client
                .find_all(Locator::Css("a[rel='next']"))
                .await?
                .is_empty(),
            "chapter 10 has no next chapter"
        );
        Ok(())
    })
    .await
}

#[tokio::test]
async fn reading_progress_survives_a_reload() -> anyhow::Result<()> {
    let site = Site::start().await?;
    with_browser(BrowserOptions::default(), |client| async move {
        open_hydrated(&client, &site.url("/")).await?;
        let line = progress_line(&client).await?;
        ensure!(
            line.starts_with("0 of 10 chapters read"),
            "fresh profile: {line:?}"
        );

        open_hydrated(&client, &site.url("/learn/painter-and-bracelet")).await?;
        client
            .execute(
                "window.scrollTo(0, document.documentElement.scrollHeight);",
                vec![],
            )
            .await?;
        // The page records the finished chapter from its scroll handler; leave
        // only once it has (a loaded machine can take a moment).
        let mut stored = serde_json::Value::Null;
        for _ in 0..50 {
            stored = client
                .execute(
                    "return window.localStorage.getItem('sweetspot.progress.v1');",
                    vec![],
                )
                .await?;
            if stored
                .as_str()
                .is_some_and(|s| s.contains("painter-and-bracelet"))
            {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        ensure!(
            stored
                .as_str()
                .is_some_and(|s| s.contains("painter-and-bracelet")),
            "reading to the end is recorded: {stored:?}"
        );

        client.goto(&site.url("/")).await?;
        client.refresh().await?;
        wait_hydrated(&client).await?;
        let mut line = String::new();
        for _ in 0..50 {
            line = progress_line(&client).await?;
            if line.starts_with("1 of 10") {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        ensure!(
            line.starts_with("1 of 10 chapters read"),
            "after reading chapter 1: {line:?}"
        );
        ensure!(
            line.contains("Continue with chapter 2: The album"),
            "suggests the next chapter: {line:?}"
        );
        let first = client.find(Locator::Css(".chapter-card")).await?;
        let status = first
            .attr("data-status")
            .await?
            .context("card has a status")?;
        ensure!(status == "finished", "chapter 1 card status {status:?}");
        let cards = client.find_all(Locator::Css(".chapter-card")).await?;
        let status = cards[1]
            .attr("data-status")
            .await?
            .context("card has a status")?;
        ensure!(status == "unread", "chapter 2 was never opened: {status:?}");
        Ok(())
    })
    .await
}

async fn progress_line(client: &Client) -> anyhow::Result<String> {
    text_of(client, "[data-testid='progress-line']").await
}
