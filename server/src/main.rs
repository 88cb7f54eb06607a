//! `server`: binds the course and the instructor trainings to an address and
//! serves them until told to stop; `server admin …` manages accounts.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use clap::Parser;
use server::api::Services;
use server::auth::AuthSettings;
use server::trainings::pool::Pool;
use server::trainings::progress::Timing;
use server::trainings::{DeviceChoice, Paths, Trainings};
use server::{AdminTask, AppState, Cli, Command, Config, app};
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Admin {
            task: AdminTask::CreateInstructor { username },
        }) => admin(&cli.config, &username),
        None => serve(cli.config).await,
    }
}

fn admin(config: &Config, username: &str) -> anyhow::Result<()> {
    std::fs::create_dir_all(&config.data_dir)
        .with_context(|| format!("cannot create {}", config.data_dir.display()))?;
    eprintln!("password for {username} (one line, at least 12 characters):");
    let password = server::admin::read_password(std::io::stdin().lock())?;
    let db = config.data_dir.join("sweetspot.db");
    let instructor = server::admin::create_instructor(&db, username, &password)?;
    println!(
        "created instructor {} (id {}) in {}",
        instructor.username,
        instructor.id,
        db.display()
    );
    Ok(())
}

/// The base painter's bytes: the file asked for, or an untrained `tiny` one.
fn base_painter(config: &Config) -> anyhow::Result<Vec<u8>> {
    if let Some(path) = &config.base {
        return std::fs::read(path).with_context(|| format!("cannot read {}", path.display()));
    }
    tracing::warn!(
        "no --base given: training on an untrained tiny painter (it paints noise); pass --base with pretrained weights"
    );
    let shape = trainer::model::PainterConfig::tiny();
    let painter = shape.init_jittered::<burn::backend::Flex>(0, &Default::default());
    Ok(trainer::model::weights::save(&painter, &shape)?)
}

async fn serve(config: Config) -> anyhow::Result<()> {
    let bundle = config.site_root.join("pkg").join("course_bg.wasm");
    if !bundle.exists() {
        tracing::warn!(
            "no hydrate bundle at {}: pages will render but stay static. Run `cargo xtask serve` to build it.",
            bundle.display()
        );
    }
    let paths = Paths::create(&config.data_dir, &config.albums_dir).with_context(|| {
        format!(
            "cannot create the data directory {}",
            config.data_dir.display()
        )
    })?;
    let timing = Timing {
        lease: Duration::from_secs_f64(config.lease_seconds.max(1.0)),
        ..Timing::default()
    };
    let device = match config.device {
        Some(asked) => {
            asked
                .probe()
                .map_err(|e| anyhow::anyhow!("cannot train on {}: {e}", asked.name()))?;
            asked
        }
        None => {
            let best = DeviceChoice::best_built();
            match best.probe() {
                Ok(()) => best,
                Err(e) => {
                    tracing::warn!(
                        "{} does not work here ({e}); training on the CPU",
                        best.name()
                    );
                    DeviceChoice::Cpu
                }
            }
        }
    };
    let trainings = Arc::new(Trainings::open(
        paths,
        base_painter(&config)?,
        timing,
        device,
        config.max_upload_bytes,
    )?);
    tracing::info!(
        "data in {} (database sweetspot.db, journal {}), built-in albums from {}, {} worker(s) on {}",
        config.data_dir.display(),
        trainings.store.pragma("journal_mode")?,
        config.albums_dir.display(),
        config.workers,
        device.name()
    );
    let auth = AuthSettings {
        secure_cookies: config
            .public_origin
            .as_deref()
            .is_some_and(|o| o.starts_with("https://")),
        public_origin: config.public_origin.clone(),
        ..AuthSettings::default()
    };
    let services = Arc::new(Services::new(Arc::clone(&trainings), auth));
    let name = format!("{}-{}", std::process::id(), server::ids::random_hex(3));
    let pool = Pool::start(Arc::clone(&trainings), config.workers, &name)
        .context("cannot start the training workers")?;

    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .with_context(|| format!("cannot listen on {}", config.addr))?;
    tracing::info!(
        "serving the course at http://{} (site files from {})",
        config.addr,
        config.site_root.display()
    );
    let state = AppState::new(&config.site_root).with_api(services);
    let stopping = async move {
        shutdown_signal().await;
        // Running jobs checkpoint and go back to the queue; then live event
        // streams end, so open connections let the server stop.
        tracing::info!("saving running jobs for the next start");
        if tokio::task::spawn_blocking(move || pool.shutdown())
            .await
            .is_err()
        {
            tracing::error!("the workers did not stop cleanly");
        }
        trainings.hub.close_all();
    };
    axum::serve(
        listener,
        app(state).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(stopping)
    .await
    .context("server stopped with an error")?;
    tracing::info!("stopped");
    Ok(())
}

/// Resolves on Ctrl-C or SIGTERM; open requests then get a few seconds to finish.
async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(err) = tokio::signal::ctrl_c().await {
            tracing::error!("cannot listen for Ctrl-C: {err}");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(err) => {
                tracing::error!("cannot listen for SIGTERM: {err}");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
    // Give the process a hard deadline so a stuck connection cannot hold it open.
    tokio::spawn(async {
        tokio::time::sleep(Duration::from_secs(30)).await;
        tracing::warn!("still not stopped after 30 s; exiting anyway");
        std::process::exit(0);
    });
}
