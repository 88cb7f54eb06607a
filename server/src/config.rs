//! Server settings from flags and environment variables, and the `admin`
//! subcommands.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::trainings::DeviceChoice;

/// The `server` command line.
#[derive(Clone, Debug, Parser)]
#[command(
    name = "server",
    about = "Serves the Sweet Spot course and instructor trainings"
)]
pub struct Cli {
    /// How to run.
    #[command(flatten)]
    pub config: Config,
    /// A maintenance task instead of serving.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Maintenance tasks.
#[derive(Clone, Debug, Subcommand)]
pub enum Command {
    /// Accounts.
    Admin {
        /// What to do.
        #[command(subcommand)]
        task: AdminTask,
    },
}

/// Account tasks.
#[derive(Clone, Debug, Subcommand)]
pub enum AdminTask {
    /// Creates an instructor; the password is read from standard input (one
    /// line, at least 12 characters). There is no default account or password.
    CreateInstructor {
        /// Login name.
        #[arg(long)]
        username: String,
    },
}

/// How to run the server. Every flag has an environment variable too.
#[derive(Clone, Debug, Parser)]
pub struct Config {
    /// Address to listen on.
    #[arg(long, env = "SWEETSPOT_ADDR", default_value = "127.0.0.1:3000")]
    pub addr: SocketAddr,

    /// Folder with the built site: `pkg/course.js`, `pkg/course_bg.wasm`, `pkg/course.css`.
    #[arg(long, env = "SWEETSPOT_SITE_ROOT", default_value = "target/site")]
    pub site_root: PathBuf,

    /// Where the job store, uploads and job folders live (never inside the site root).
    #[arg(long, env = "SWEETSPOT_DATA_DIR", default_value = "data")]
    pub data_dir: PathBuf,

    /// The course's built-in albums (`NAME.zip`).
    #[arg(long, env = "SWEETSPOT_ALBUMS_DIR", default_value = "assets/albums")]
    pub albums_dir: PathBuf,

    /// The base painter's weights (`.safetensors`). Without it, an untrained
    /// `tiny` painter is used, which paints noise: fine for trying the pipeline.
    #[arg(long, env = "SWEETSPOT_BASE")]
    pub base: Option<PathBuf>,

    /// Training workers (one per GPU; 0 serves without training).
    #[arg(long, env = "SWEETSPOT_WORKERS", default_value_t = 1)]
    pub workers: usize,

    /// Backend to train on (default: the best this build has).
    #[arg(long, env = "SWEETSPOT_DEVICE", value_enum)]
    pub device: Option<DeviceChoice>,

    /// Largest album upload, in bytes.
    #[arg(long, env = "SWEETSPOT_MAX_UPLOAD_BYTES", default_value_t = 50_000_000)]
    pub max_upload_bytes: u64,

    /// Seconds a worker's lease lasts without a heartbeat before its job is rescued.
    #[arg(long, env = "SWEETSPOT_LEASE_SECONDS", default_value_t = 30.0)]
    pub lease_seconds: f64,

    /// The site's public origin, e.g. `https://course.example`. When it is
    /// `https`, session cookies are marked `Secure`; state-changing requests must
    /// come from exactly this origin.
    #[arg(long, env = "SWEETSPOT_PUBLIC_ORIGIN")]
    pub public_origin: Option<String>,
}
