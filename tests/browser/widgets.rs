//! Widgets embedded in chapters respond once hydrated.

use anyhow::ensure;
use e2e::{BrowserOptions, Site, open_hydrated, text_of, with_browser};
use fantoccini::key::Key;
use fantoccini::{Client, Locator};

async fn shown(client: &Client) -> anyhow::Result<(String, String)> {
    let value = text_of(client, ".scale-slider output").await?;
    let meaning = text_of(client, ".scale-slider .scale-meaning").await?;
    Ok((value, meaning))
}

#[tokio::test]
async fn scale_slider_answers_the_keyboard() -> anyhow::Result<()> {
    let site = Site::start().await?;
    with_browser(BrowserOptions::default(), |client| async move {
        open_hydrated(&client, &site.url("/learn/rank-and-scale")).await?;
        let (value, _) = shown(&client).await?;
        ensure!(value == "1.0×", "starts at 1.0×, shows {value:?}");

        let slider = client
            .find(Locator::Css(".scale-slider input[type='range']"))
            .await?;
        let right = char::from(Key::Right).to_string();
        slider.send_keys(&right.repeat(3)).await?;
        let (value, meaning) = shown(&client).await?;
        ensure!(
            value == "1.3×",
            "three right arrows give 1.3×, shows {value:?}"
        );
        ensure!(
            meaning.starts_with("The lesson as it was trained"),
            "meaning {meaning:?}"
        );

        slider.send_keys(&char::from(Key::End).to_string()).await?;
        let (value, meaning) = shown(&client).await?;
        ensure!(value == "4.0×", "End goes to 4.0×, shows {value:?}");
        ensure!(meaning.starts_with("Caricature"), "meaning {meaning:?}");

        slider.send_keys(&char::from(Key::Home).to_string()).await?;
        let (value, meaning) = shown(&client).await?;
        ensure!(value == "0.0×", "Home goes to 0.0×, shows {value:?}");
        ensure!(meaning.starts_with("Bracelet off"), "meaning {meaning:?}");

        let valuetext = slider.attr("aria-valuetext").await?.unwrap_or_default();
        ensure!(
            valuetext.starts_with("0.0×"),
            "screen readers hear the value: {valuetext:?}"
        );
        Ok(())
    })
    .await
}
