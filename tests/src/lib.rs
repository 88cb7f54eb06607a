//! Harness for the browser suite: the real server binary and real headless Chromium.
//!
//! # Brief overview
//!
//! - [`Site`] starts `target/<profile>/server` on a free port against the built site
//!   (`cargo xtask test` builds the hydrate bundle first) and stops it on drop.
//! - [`with_browser`] starts ChromeDriver and a headless Chromium with a fresh
//!   profile, hands a [`fantoccini::Client`] to the test, and closes both after it,
//!   whether the test passed or not.
//! - [`fetch`] reads a page over plain HTTP, as a browser without JavaScript would.
//! - [`axe`] injects the pinned axe-core (`SWEETSPOT_AXE_JS`, fetched by
//!   `cargo xtask test`) into a page and reads its violations.
//!
//! Browser tests take a process-wide lock so that only one Chromium runs at a time
//! on a two-core machine.

pub mod axe;
mod http;
mod process;

use std::future::Future;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Context, bail};
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;

pub use http::{Fetched, fetch};
use process::{Guard, free_port, wait_until_up};

/// How long a page may take to hydrate before a test gives up.
pub const HYDRATE_TIMEOUT: Duration = Duration::from_secs(30);

static ONE_BROWSER_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// A running course server.
pub struct Site {
    _process: Guard,
    _data: TempDir,
    /// `http://127.0.0.1:PORT`, without a trailing slash.
    pub base: String,
}

impl Site {
    /// Starts the server binary against the built site, with no training workers.
    pub async fn start() -> anyhow::Result<Self> {
        Self::launch(0, None).await
    }

    /// Starts the server with one training worker (the untrained `tiny` painter
    /// as base, the course's albums) and an instructor `username` with `password`,
    /// made with `server admin create-instructor`.
    pub async fn start_trainings(username: &str, password: &str) -> anyhow::Result<Self> {
        Self::launch(1, Some((username, password))).await
    }

    async fn launch(workers: usize, instructor: Option<(&str, &str)>) -> anyhow::Result<Self> {
        let paths = Paths::discover()?;
        // Its own data folder (job store, uploads) outside the source tree.
        let data = tempdir("data")?;
        if let Some((username, password)) = instructor {
            process::create_instructor(&paths.server, &data.0, username, password)?;
        }
        let port = free_port()?;
        let base = format!("http://127.0.0.1:{port}");
        let albums = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../assets/albums");
        let mut cmd = std::process::Command::new(&paths.server);
        cmd.arg("--addr")
            .arg(format!("127.0.0.1:{port}"))
            .arg("--site-root")
            .arg(&paths.site_root)
            .arg("--data-dir")
            .arg(&data.0)
            .arg("--albums-dir")
            .arg(albums)
            .arg("--workers")
            .arg(workers.to_string())
            .env("RUST_LOG", "warn");
        let process = Guard::spawn("server", &mut cmd)?;
        wait_until_up(&format!("{base}/healthz"), Duration::from_secs(30)).await?;
        Ok(Self {
            _process: process,
            _data: data,
            base,
        })
    }

    /// The absolute URL of `path` on this site.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

/// Browser features a test needs.
#[derive(Clone, Copy, Debug, Default)]
pub struct BrowserOptions {
    /// Start Chromium with `--enable-unsafe-webgpu` (SwiftShader's CPU adapter).
    pub webgpu: bool,
    /// Start Chromium with `--force-dark-mode`, so pages see
    /// `prefers-color-scheme: dark` and draw their dark palette.
    pub dark: bool,
}

impl BrowserOptions {
    /// WebGPU on (SwiftShader's adapter), the light colour scheme.
    pub fn webgpu() -> Self {
        Self {
            webgpu: true,
            ..Self::default()
        }
    }
}

/// Lets scripts run by `execute_async` take up to `limit` (WebDriver's default
/// is 30 s; the lab engine on a software GPU needs minutes).
pub async fn allow_long_scripts(client: &Client, limit: Duration) -> anyhow::Result<()> {
    client
        .update_timeouts(fantoccini::wd::TimeoutConfiguration::new(
            Some(limit),
            None,
            None,
        ))
        .await?;
    Ok(())
}

/// Runs `test` with a fresh headless Chromium, then closes it.
pub async fn with_browser<F, Fut>(options: BrowserOptions, test: F) -> anyhow::Result<()>
where
    F: FnOnce(Client) -> Fut,
    Fut: Future<Output = anyhow::Result<()>>,
{
    let _turn = ONE_BROWSER_AT_A_TIME.lock().await;
    let paths = Paths::discover()?;
    let port = free_port()?;
    let mut cmd = std::process::Command::new(&paths.chromedriver);
    cmd.arg(format!("--port={port}"));
    let _driver = Guard::spawn("chromedriver", &mut cmd)?;
    let driver_url = format!("http://127.0.0.1:{port}");
    wait_until_up(&format!("{driver_url}/status"), Duration::from_secs(30)).await?;

    let profile = tempdir("chromium-profile")?;
    let mut args = vec![
        "--headless=new".to_owned(),
        "--no-sandbox".to_owned(),
        "--disable-gpu".to_owned(),
        "--disable-dev-shm-usage".to_owned(),
        "--disable-background-networking".to_owned(),
        "--disable-component-update".to_owned(),
        "--disable-sync".to_owned(),
        "--no-first-run".to_owned(),
        "--window-size=1280,900".to_owned(),
        format!("--user-data-dir={}", profile.0.display()),
    ];
    if options.webgpu {
        args.push("--enable-unsafe-webgpu".to_owned());
        // Debian's Chromium 148 offers no adapter without it (156 did); ANGLE on
        // SwiftShader gives WebGPU its CPU adapter either way.
        args.push("--use-angle=swiftshader".to_owned());
    }
    if options.dark {
        args.push("--force-dark-mode".to_owned());
    }
    let capabilities = json!({
        "goog:chromeOptions": { "binary": paths.chromium, "args": args }
    });
    let serde_json::Value::Object(capabilities) = capabilities else {
        bail!("capabilities must be a JSON object");
    };
    let client = ClientBuilder::new(HttpConnector::new())
        .capabilities(capabilities)
        .connect(&driver_url)
        .await
        .context("cannot open a Chromium session through ChromeDriver")?;
    let outcome = test(client.clone()).await;
    let closed = client.close().await;
    outcome?;
    closed.context("cannot close the Chromium session")
}

/// Opens `url` and waits until the app has hydrated (the `data-hydrated` mark).
pub async fn open_hydrated(client: &Client, url: &str) -> anyhow::Result<()> {
    client
        .goto(url)
        .await
        .with_context(|| format!("cannot open {url}"))?;
    wait_hydrated(client).await
}

/// Waits for the hydration mark on the current page.
pub async fn wait_hydrated(client: &Client) -> anyhow::Result<()> {
    client
        .wait()
        .at_most(HYDRATE_TIMEOUT)
        .for_element(Locator::Css("html[data-hydrated='true']"))
        .await
        .context("the page did not hydrate in time (is the wasm bundle built and served?)")?;
    Ok(())
}

/// Presses one key on whatever element has the focus, as a keyboard user would.
pub async fn press(client: &Client, key: fantoccini::key::Key) -> anyhow::Result<()> {
    client
        .active_element()
        .await?
        .send_keys(&char::from(key).to_string())
        .await?;
    Ok(())
}

/// Sends `key` with Shift held to the focused element (Shift+Tab, Shift+Right).
pub async fn press_shifted(client: &Client, key: fantoccini::key::Key) -> anyhow::Result<()> {
    client
        .active_element()
        .await?
        .send_keys(&format!(
            "{}{}",
            char::from(fantoccini::key::Key::Shift),
            char::from(key)
        ))
        .await?;
    Ok(())
}

/// The text content of the first element matching `css`, as written in the page
/// (rendered text would follow CSS such as `text-transform`).
pub async fn text_of(client: &Client, css: &str) -> anyhow::Result<String> {
    let element = client
        .find(Locator::Css(css))
        .await
        .with_context(|| format!("no element matches {css}"))?;
    content_of(&element).await
}

/// The text content of `element`, whitespace-trimmed.
pub async fn content_of(element: &fantoccini::elements::Element) -> anyhow::Result<String> {
    Ok(element
        .prop("textContent")
        .await?
        .unwrap_or_default()
        .trim()
        .to_owned())
}

/// Saves a PNG screenshot of the current page into the test output folder.
pub async fn screenshot(client: &Client, name: &str) -> anyhow::Result<PathBuf> {
    let png = client
        .screenshot()
        .await
        .context("cannot take a screenshot")?;
    let dir = output_dir();
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let path = dir.join(format!("{name}.png"));
    std::fs::write(&path, png).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(path)
}

/// Where screenshots go: `SWEETSPOT_TEST_OUT`, else `target/e2e-output`.
pub fn output_dir() -> PathBuf {
    std::env::var_os("SWEETSPOT_TEST_OUT")
        .map(PathBuf::from)
        .unwrap_or_else(|| target_dir().join("e2e-output"))
}

/// Binaries and folders the suite uses, overridable through the environment.
struct Paths {
    server: PathBuf,
    site_root: PathBuf,
    chromium: String,
    chromedriver: String,
}

impl Paths {
    fn discover() -> anyhow::Result<Self> {
        let profile_dir = profile_dir();
        let server = env_path("SWEETSPOT_SERVER_BIN").unwrap_or_else(|| profile_dir.join("server"));
        let site_root =
            env_path("SWEETSPOT_SITE_ROOT").unwrap_or_else(|| target_dir().join("site"));
        if !server.exists() {
            bail!(
                "no server binary at {}: run the suite with `cargo xtask test`",
                server.display()
            );
        }
        let bundle = site_root.join("pkg/course_bg.wasm");
        if !bundle.exists() {
            bail!(
                "no hydrate bundle at {}: run the suite with `cargo xtask test`, which builds it first",
                bundle.display()
            );
        }
        let chromium =
            std::env::var("SWEETSPOT_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".to_owned());
        let chromedriver = std::env::var("SWEETSPOT_CHROMEDRIVER")
            .unwrap_or_else(|_| "/usr/bin/chromedriver".to_owned());
        for tool in [&chromium, &chromedriver] {
            if !std::path::Path::new(tool).exists() {
                bail!(
                    "{tool} is missing: `cargo xtask test` installs chromium and chromium-driver"
                );
            }
        }
        Ok(Self {
            server,
            site_root,
            chromium,
            chromedriver,
        })
    }
}

fn env_path(name: &str) -> Option<PathBuf> {
    std::env::var_os(name).map(PathBuf::from)
}

/// `target/debug` (or whichever profile built this test): the test binary lives
/// in its `deps` folder.
fn profile_dir() -> PathBuf {
    std::env::current_exe()
        .ok()
        .and_then(|exe| Some(exe.parent()?.parent()?.to_path_buf()))
        .unwrap_or_else(|| PathBuf::from("target/debug"))
}

fn target_dir() -> PathBuf {
    profile_dir()
        .parent()
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("target"))
}

/// A temporary folder removed on drop.
struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn tempdir(what: &str) -> anyhow::Result<TempDir> {
    use std::sync::atomic::{AtomicU32, Ordering};
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("sweetspot-{what}-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    Ok(TempDir(dir))
}
