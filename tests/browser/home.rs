//! The home page's course map.

use anyhow::ensure;
use e2e::{BrowserOptions, Site, content_of, open_hydrated, screenshot, text_of, with_browser};
use fantoccini::Locator;

#[tokio::test]
async fn home_lists_ten_chapters_and_the_labs() -> anyhow::Result<()> {
    let site = Site::start().await?;
    with_browser(BrowserOptions::default(), |client| async move {
        open_hydrated(&client, &site.url("/")).await?;
        let cards = client.find_all(Locator::Css(".chapter-card")).await?;
        ensure!(
            cards.len() == 10,
            "expected 10 chapter cards, found {}",
            cards.len()
        );
        for (index, card) in cards.iter().enumerate() {
            let text = content_of(card).await?;
            ensure!(
                text.contains(&format!("Chapter {}", index + 1)),
                "card {index} reads {text:?}"
            );
        }
        let first = content_of(&cards[0]).await?;
        ensure!(
            first.contains("The painter and the bracelet"),
            "first card: {first:?}"
        );
        let labs = client
            .find_all(Locator::Css(".labs-teaser .lab-chip"))
            .await?;
        ensure!(
            labs.len() >= 2,
            "the labs are listed ({} found)",
            labs.len()
        );
        let nav = text_of(&client, "header nav a[href='/labs']").await?;
        ensure!(nav == "Labs", "header links to the labs");
        let shot = screenshot(&client, "home").await?;
        println!("home screenshot: {}", shot.display());
        Ok(())
    })
    .await
}
