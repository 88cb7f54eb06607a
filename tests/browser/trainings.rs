//! An instructor trains a LoRA from the site, and a student watches: sign in,
//! queue a tiny run on a built-in album with the bench, see the progress bar
//! and the loss chart move, download the LoRA; then the class link shows the
//! same run without an account.

use std::time::{Duration, Instant};

use anyhow::{Context, bail, ensure};
use e2e::{BrowserOptions, Site, fetch, open_hydrated, screenshot, wait_hydrated, with_browser};
use fantoccini::{Client, Locator};

const PASSWORD: &str = "a long browser-test password";

/// Sets a form field's value.
async fn fill(client: &Client, css: &str, value: &str) -> anyhow::Result<()> {
    let field = client
        .find(Locator::Css(css))
        .await
        .with_context(|| format!("no {css}"))?;
    field.clear().await?;
    field.send_keys(value).await?;
    Ok(())
}

/// The run page's progress value, the loss chart's point count and the run's
/// state, read in one script so that the three belong to the same moment (read
/// one by one, a step can land between them).
async fn progress(client: &Client) -> anyhow::Result<(u64, usize, String)> {
    let read = client
        .execute(
            "const bar = document.querySelector('.run-progress progress');
             const line = document.querySelector('polyline.loss-raw');
             const run = document.querySelector('article.run');
             const points = line ? (line.getAttribute('points') || '').trim() : '';
             return [
               bar ? Number(bar.getAttribute('value') || 0) : 0,
               points ? points.split(/\\s+/).length : 0,
               run ? run.getAttribute('data-state') || '' : ''
             ];",
            vec![],
        )
        .await?;
    let (step, points, state): (f64, usize, String) =
        serde_json::from_value(read).context("the run page's progress")?;
    Ok((step as u64, points, state))
}

#[tokio::test]
async fn an_instructor_trains_a_lora_and_a_student_watches() -> anyhow::Result<()> {
    let site = Site::start_trainings("ada", PASSWORD).await?;
    with_browser(BrowserOptions::default(), |client| async move {
        open_hydrated(&client, &site.url("/teach")).await?;
        fill(&client, "input[name='username']", "ada").await?;
        fill(&client, "input[name='password']", PASSWORD).await?;
        client
            .find(Locator::Css("form.bench button[type='submit']"))
            .await?
            .click()
            .await?;
        client
            .wait()
            .at_most(Duration::from_secs(30))
            .for_element(Locator::Css("form[action='/api/jobs/form']"))
            .await
            .context("signed in, the bench shows")?;
        client
            .find(Locator::Css(
                "select[name='album'] option[value='builtin:tok-8']",
            ))
            .await?
            .click()
            .await?;
        fill(&client, "input[name='steps']", "100").await?;
        fill(&client, "input[name='validation_every']", "50").await?;
        client
            .find(Locator::Css(
                "form[action='/api/jobs/form'] button[type='submit']",
            ))
            .await?
            .click()
            .await?;
        client
            .wait()
            .at_most(Duration::from_secs(30))
            .for_element(Locator::Css("article.run"))
            .await
            .context("the bench leads to the run's page")?;
        wait_hydrated(&client).await?;
        let run_url = client.current_url().await?.to_string();

        // The page follows the run by itself: the bar and the chart move.
        let start = Instant::now();
        let mut seen = Vec::new();
        loop {
            let now = progress(&client).await?;
            if seen.last() != Some(&now) {
                seen.push(now.clone());
            }
            if now.2 == "succeeded" {
                break;
            }
            ensure!(now.2 != "failed", "the run failed: {seen:?}");
            if start.elapsed() > Duration::from_secs(180) {
                bail!("the run did not finish in time: {seen:?}");
            }
            tokio::time::sleep(Duration::from_millis(300)).await;
        }
        let moving: Vec<_> = seen
            .iter()
            .filter(|(step, _, _)| *step > 0 && *step < 100)
            .collect();
        ensure!(
            !moving.is_empty(),
            "the bar was seen between the ends: {seen:?}"
        );
        let last = seen.last().context("observations")?;
        ensure!(
            last.0 == 100 && last.1 == 100,
            "100 steps, 100 chart points: {last:?}"
        );
        println!("run page observations (step, chart points, state): {seen:?}");
        screenshot(&client, "run").await?;

        let link = client
            .find(Locator::Css("a[href$='/lora?layout=comfy']"))
            .await?
            .attr("href")
            .await?
            .context("a download link")?;
        let lora = fetch(&site.url(&link)).await?;
        ensure!(
            lora.status == 200 && lora.body.len() > 1000,
            "the LoRA downloads ({} bytes)",
            lora.body.len()
        );

        // A student follows the class link, with no account.
        client.goto(&site.url("/teach")).await?;
        let class = client
            .find(Locator::Css("a[href^='/class/']"))
            .await?
            .attr("href")
            .await?
            .context("the class link")?;
        client.delete_all_cookies().await?;
        open_hydrated(&client, &site.url(&class)).await?;
        let run_path = run_url.trim_start_matches(&site.base).to_owned();
        client
            .find(Locator::Css(&format!("a[href='{run_path}']")))
            .await
            .context("the class page lists the run")?
            .click()
            .await?;
        client
            .wait()
            .at_most(Duration::from_secs(30))
            .for_element(Locator::Css(
                "article.run[data-state='succeeded'] polyline.loss-raw",
            ))
            .await
            .context("the student sees the run and its chart")?;
        let buttons = client.find_all(Locator::Css(".run-controls form")).await?;
        ensure!(buttons.is_empty(), "students get no buttons");
        screenshot(&client, "class-run").await?;
        Ok(())
    })
    .await
}
