//! Server settings from flags and environment variables.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::Parser;

/// How to run the server. Every flag has an environment variable too.
#[derive(Clone, Debug, Parser)]
#[command(name = "server", about = "Serves the Sweet Spot course")]
pub struct Config {
    /// Address to listen on.
    #[arg(long, env = "SWEETSPOT_ADDR", default_value = "127.0.0.1:3000")]
    pub addr: SocketAddr,

    /// Folder with the built site: `pkg/course.js`, `pkg/course_bg.wasm`, `pkg/course.css`.
    #[arg(long, env = "SWEETSPOT_SITE_ROOT", default_value = "target/site")]
    pub site_root: PathBuf,
}
