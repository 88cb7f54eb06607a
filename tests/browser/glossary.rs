//! Glossary terms in a chapter: the tooltip by keyboard, Escape and touch, and
//! the glossary page the link leads to.

use std::time::Duration;

use anyhow::{Context, ensure};
use e2e::{BrowserOptions, Site, open_hydrated, press, press_shifted, screenshot, with_browser};
use fantoccini::actions::{InputSource, PointerAction, TouchActions};
use fantoccini::key::Key;
use fantoccini::{Client, Locator};
use serde_json::json;

/// Whether the tooltip with this id is shown, as CSS decides.
async fn tip_shown(client: &Client, tip: &str) -> anyhow::Result<bool> {
    let display = client
        .execute(
            "return getComputedStyle(document.getElementById(arguments[0])).display",
            vec![json!(tip)],
        )
        .await?;
    Ok(display.as_str() != Some("none"))
}

/// The `data-term` of the focused element, if it is a glossary link.
async fn focused_term(client: &Client) -> anyhow::Result<Option<String>> {
    let term = client
        .execute(
            "return document.activeElement && document.activeElement.dataset.term || null",
            vec![],
        )
        .await?;
    Ok(term.as_str().map(str::to_owned))
}

#[tokio::test]
async fn a_term_tooltip_answers_the_keyboard() -> anyhow::Result<()> {
    let site = Site::start().await?;
    with_browser(BrowserOptions::default(), |client| async move {
        open_hydrated(&client, &site.url("/learn/steps")).await?;
        let link = client
            .find(Locator::Css("a.term[data-term='step']"))
            .await?;
        let tip = link
            .attr("aria-describedby")
            .await?
            .context("the term names its tooltip for screen readers")?;
        let role = client.find(Locator::Id(&tip)).await?.attr("role").await?;
        ensure!(role.as_deref() == Some("tooltip"), "role {role:?}");
        ensure!(!tip_shown(&client, &tip).await?, "hidden until asked for");

        let mut reached = false;
        for _ in 0..40 {
            press(&client, Key::Tab).await?;
            if focused_term(&client).await?.as_deref() == Some("step") {
                reached = true;
                break;
            }
        }
        ensure!(reached, "Tab reaches the term `step`");
        ensure!(tip_shown(&client, &tip).await?, "focus shows the tooltip");
        let shot = screenshot(&client, "glossary-tooltip").await?;
        println!("tooltip screenshot: {}", shot.display());

        press(&client, Key::Escape).await?;
        ensure!(!tip_shown(&client, &tip).await?, "Escape hides it");
        ensure!(
            focused_term(&client).await?.as_deref() == Some("step"),
            "Escape leaves focus where it was"
        );
        press(&client, Key::Tab).await?;
        press_shifted(&client, Key::Tab).await?;
        ensure!(
            focused_term(&client).await?.as_deref() == Some("step"),
            "Shift+Tab comes back"
        );
        ensure!(
            tip_shown(&client, &tip).await?,
            "coming back shows it again"
        );
        Ok(())
    })
    .await
}

#[tokio::test]
async fn a_tap_opens_the_tooltip_and_a_second_tap_follows_the_link() -> anyhow::Result<()> {
    let site = Site::start().await?;
    with_browser(BrowserOptions::default(), |client| async move {
        let chapter = site.url("/learn/steps");
        open_hydrated(&client, &chapter).await?;
        let tap = |element| {
            TouchActions::new("finger".to_owned())
                .then(PointerAction::MoveToElement {
                    element,
                    duration: None,
                    x: 0.0,
                    y: 0.0,
                })
                .then(PointerAction::Down { button: 0 })
                .then(PointerAction::Up { button: 0 })
        };
        let link = client
            .find(Locator::Css("a.term[data-term='step']"))
            .await?;
        client.perform_actions(tap(link.clone())).await?;
        tokio::time::sleep(Duration::from_millis(300)).await;
        let url = client.current_url().await?;
        ensure!(
            url.as_str() == chapter,
            "the first tap stays on the page: {url}"
        );
        ensure!(
            tip_shown(&client, "glossary-tip-step").await?,
            "the first tap shows the tooltip"
        );

        client.perform_actions(tap(link)).await?;
        let target = site.url("/glossary#step");
        let mut arrived = false;
        for _ in 0..100 {
            if client.current_url().await?.as_str() == target {
                arrived = true;
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        ensure!(arrived, "the second tap opens the glossary at the term");
        client
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Css("dt#step"))
            .await
            .context("the glossary shows the term")?;
        Ok(())
    })
    .await
}
