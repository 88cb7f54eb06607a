//! axe-core over the course's main pages: no serious or critical violation.
//!
//! Each page is opened and hydrated, axe runs every default rule, and one line
//! per page (violations by impact) goes to `axe-summary.txt` in the test output
//! folder, which `cargo xtask test` prints after the suite.

use anyhow::{Context, bail, ensure};
use e2e::axe::{Impact, Violation, axe_source, check_page, summary_line};
use e2e::{BrowserOptions, Site, open_hydrated, output_dir, with_browser};
use fantoccini::Client;

/// The pages checked: home, the chapters with run widgets, the labs, the
/// planner, the reference pages.
const PAGES: &[&str] = &[
    "/",
    "/learn/steps",
    "/learn/learning-rate",
    "/learn/inside-the-run",
    "/learn/rank-and-scale",
    "/learn/style-loras",
    "/learn/edit-loras",
    "/learn/making-pairs",
    "/labs",
    "/labs/planner",
    "/labs/stop-the-run",
    "/glossary",
    "/field-guide",
];

#[tokio::test]
async fn main_pages_have_no_serious_accessibility_violations() -> anyhow::Result<()> {
    let source = axe_source()?;
    let site = Site::start().await?;
    let mut lines = Vec::new();
    let mut failures: Vec<(String, Violation)> = Vec::new();
    for (scheme, dark) in [("light", false), ("dark", true)] {
        let options = BrowserOptions {
            dark,
            ..BrowserOptions::default()
        };
        let (page_lines, page_failures) = with_browser_collecting(options, |client| {
            check_pages(client, &site, &source, scheme)
        })
        .await?;
        lines.extend(page_lines);
        failures.extend(page_failures);
    }
    let dir = output_dir();
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let file = dir.join("axe-summary.txt");
    std::fs::write(&file, lines.join("\n") + "\n")
        .with_context(|| format!("cannot write {}", file.display()))?;
    if failures.is_empty() {
        return Ok(());
    }
    let report: Vec<String> = failures
        .iter()
        .map(|(page, violation)| format!("{page}: {violation}"))
        .collect();
    bail!(
        "{} serious or critical accessibility violations:\n{}",
        failures.len(),
        report.join("\n")
    )
}

/// Summary lines and failing violations of one browser's pass over the pages.
type Findings = (Vec<String>, Vec<(String, Violation)>);

/// `with_browser` for a test that hands back what it found.
async fn with_browser_collecting<F, Fut>(
    options: BrowserOptions,
    test: F,
) -> anyhow::Result<Findings>
where
    F: FnOnce(Client) -> Fut,
    Fut: std::future::Future<Output = anyhow::Result<Findings>>,
{
    let mut found = None;
    with_browser(options, |client| async {
        found = Some(test(client).await?);
        Ok(())
    })
    .await?;
    found.context("the browser pass ended without findings")
}

/// Opens every page in `scheme` (light or dark) and runs axe on it.
async fn check_pages(
    client: Client,
    site: &Site,
    source: &str,
    scheme: &str,
) -> anyhow::Result<Findings> {
    let mut lines = Vec::new();
    let mut failures = Vec::new();
    for path in PAGES {
        let started = std::time::Instant::now();
        open_hydrated(&client, &site.url(path)).await?;
        let dark = client
            .execute(
                "return matchMedia('(prefers-color-scheme: dark)').matches;",
                vec![],
            )
            .await?;
        ensure!(
            dark.as_bool() == Some(scheme == "dark"),
            "the browser does not prefer the {scheme} scheme"
        );
        let check = check_page(&client, source)
            .await
            .with_context(|| format!("checking {path} ({scheme})"))?;
        let page = format!("{path} ({scheme})");
        let line = summary_line(&page, &check);
        println!("{line} [{:.1} s]", started.elapsed().as_secs_f64());
        lines.push(line);
        for item in &check.to_review {
            println!("  to review: {page}: {item}");
        }
        failures.extend(
            check
                .violations
                .into_iter()
                .filter(|v| v.impact.fails_the_page())
                .map(|v| (page.clone(), v)),
        );
    }
    let page = format!("/ ({scheme}, one chapter read, one started)");
    let check = home_with_progress(&client, site, source).await?;
    let line = summary_line(&page, &check);
    println!("{line}");
    lines.push(line);
    failures.extend(
        check
            .violations
            .into_iter()
            .filter(|v| v.impact.fails_the_page())
            .map(|v| (page.clone(), v)),
    );
    planted_violation_is_caught(&client, source).await?;
    Ok((lines, failures))
}

/// Progress as `course::reading` stores it: chapter 1 read, chapter 2 opened.
const PROGRESS: &str =
    r#"{"started":["painter-and-bracelet","the-album"],"finished":["painter-and-bracelet"]}"#;

/// The home page once the reader has progress, so the "Read" and "Started"
/// badges and the progress line are checked too.
async fn home_with_progress(
    client: &Client,
    site: &Site,
    source: &str,
) -> anyhow::Result<e2e::axe::PageCheck> {
    client
        .execute(
            "localStorage.setItem('sweetspot.progress.v1', arguments[0]);",
            vec![PROGRESS.into()],
        )
        .await
        .context("cannot store reading progress")?;
    open_hydrated(client, &site.url("/")).await?;
    client
        .wait()
        .at_most(e2e::HYDRATE_TIMEOUT)
        .for_element(fantoccini::Locator::Css(
            ".chapter-card[data-status='started']",
        ))
        .await
        .context("the home page did not show the stored progress")?;
    let line = e2e::text_of(client, "[data-testid='progress-line']").await?;
    ensure!(
        line.starts_with("1 of 10 chapters read"),
        "progress line: {line:?}"
    );
    let badge = e2e::text_of(
        client,
        ".chapter-card[data-status='finished'] .chapter-badge",
    )
    .await?;
    ensure!(badge == "Read", "the read chapter's badge says {badge:?}");
    check_page(client, source).await
}

/// Proves the check is awake: an image without alternative text, planted in the
/// current page, must come back as a critical `image-alt` violation.
async fn planted_violation_is_caught(client: &Client, source: &str) -> anyhow::Result<()> {
    client
        .execute(
            "const img = document.createElement('img'); img.id = 'planted-for-axe'; \
             img.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw='; \
             document.querySelector('main').appendChild(img);",
            vec![],
        )
        .await
        .context("cannot plant an image in the page")?;
    let check = check_page(client, source).await?;
    let caught = check.violations.iter().any(|v| {
        v.rule == "image-alt"
            && v.impact == Impact::Critical
            && v.targets.iter().any(|t| t.contains("planted-for-axe"))
    });
    ensure!(
        caught,
        "axe did not report an image without alt text: {:?}",
        check.violations
    );
    Ok(())
}
