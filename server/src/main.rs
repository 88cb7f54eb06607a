//! `server`: binds the course to an address and serves it until told to stop.

use std::time::Duration;

use anyhow::Context;
use clap::Parser;
use server::{AppState, Config, app};
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .init();
    let config = Config::parse();

    let bundle = config.site_root.join("pkg").join("course_bg.wasm");
    if !bundle.exists() {
        tracing::warn!(
            "no hydrate bundle at {}: pages will render but stay static. Run `cargo xtask serve` to build it.",
            bundle.display()
        );
    }
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .with_context(|| format!("cannot listen on {}", config.addr))?;
    tracing::info!(
        "serving the course at http://{} (site files from {})",
        config.addr,
        config.site_root.display()
    );
    axum::serve(listener, app(AppState::new(&config.site_root)))
        .with_graceful_shutdown(shutdown_signal())
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
        tokio::time::sleep(Duration::from_secs(10)).await;
        tracing::warn!("connections still open after 10 s; exiting anyway");
        std::process::exit(0);
    });
}
