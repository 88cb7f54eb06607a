//! Instructor trainings: the job store's users in this process.
//!
//! [`Trainings`] holds what handlers and workers share: the store, the live
//! event [`hub::Hub`], the data directory's layout, the base painter and the
//! controls of the jobs running here. [`pool::Pool`] is the worker threads that
//! claim jobs and run them ([`runner`]).

pub mod files;
pub mod hub;
pub mod pool;
pub mod progress;
pub mod runner;
pub mod spec;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use trainer::model::PainterConfig;

use crate::store::{Store, StoreError};
use hub::Hub;
use progress::Timing;
use spec::AlbumRef;

/// The backend workers train on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum DeviceChoice {
    /// burn's pure-Rust CPU backend.
    Cpu,
    /// GPUs through wgpu (server feature `wgpu`).
    Wgpu,
    /// NVIDIA GPUs through CUDA (server feature `cuda`).
    Cuda,
}

impl DeviceChoice {
    /// The best backend this build has: CUDA, then wgpu, then the CPU.
    pub fn best_built() -> Self {
        if cfg!(feature = "cuda") {
            Self::Cuda
        } else if cfg!(feature = "wgpu") {
            Self::Wgpu
        } else {
            Self::Cpu
        }
    }

    /// Whether this build has the backend.
    pub fn built(self) -> bool {
        match self {
            Self::Cpu => true,
            Self::Wgpu => cfg!(feature = "wgpu"),
            Self::Cuda => cfg!(feature = "cuda"),
        }
    }

    /// Runs one small computation on the backend, to learn whether it works on
    /// this machine (a GPU backend built in may find no GPU).
    pub fn probe(self) -> Result<(), String> {
        fn sum<B: burn::tensor::backend::Backend>() -> f32 {
            use burn::tensor::{ElementConversion, Tensor};
            let device = B::Device::default();
            Tensor::<B, 1>::from_floats([1.0, 2.0, 3.0], &device)
                .sum()
                .into_scalar()
                .elem()
        }
        let run = move || match self {
            #[cfg(feature = "cuda")]
            Self::Cuda => sum::<burn::backend::Cuda>(),
            #[cfg(feature = "wgpu")]
            Self::Wgpu => sum::<burn::backend::Wgpu>(),
            _ => sum::<burn::backend::Flex>(),
        };
        let answer =
            std::thread::spawn(move || std::panic::catch_unwind(std::panic::AssertUnwindSafe(run)))
                .join()
                .map_err(|_| "the probe thread died".to_owned())?
                .map_err(|panic| {
                    panic
                        .downcast_ref::<String>()
                        .cloned()
                        .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                        .unwrap_or_else(|| "the backend panicked".to_owned())
                })?;
        if (answer - 6.0).abs() > 1e-6 {
            return Err(format!("1 + 2 + 3 came out as {answer}"));
        }
        Ok(())
    }

    /// The name recorded on jobs.
    pub fn name(self) -> &'static str {
        match self {
            Self::Cpu => "cpu (flex)",
            Self::Wgpu => "wgpu",
            Self::Cuda => "cuda",
        }
    }
}

/// Where things live under the data directory.
#[derive(Clone, Debug)]
pub struct Paths {
    /// The data directory itself (`sweetspot.db` is here).
    pub data: PathBuf,
    /// `data/jobs`: one folder per job.
    pub jobs: PathBuf,
    /// `data/albums`: uploads, as `ID.zip`.
    pub uploads: PathBuf,
    /// The course's built-in albums (`NAME.zip`).
    pub builtin_albums: PathBuf,
}

impl Paths {
    /// The layout under `data`, with built-in albums from `builtin_albums`;
    /// creates the folders.
    pub fn create(data: &Path, builtin_albums: &Path) -> std::io::Result<Self> {
        let paths = Self {
            data: data.to_path_buf(),
            jobs: data.join("jobs"),
            uploads: data.join("albums"),
            builtin_albums: builtin_albums.to_path_buf(),
        };
        for dir in [&paths.jobs, &paths.uploads, &paths.uploads.join("incoming")] {
            std::fs::create_dir_all(dir)?;
        }
        Ok(paths)
    }

    /// The built-in albums' names, sorted (file stems of lowercase letters,
    /// digits and `-`, so safe to join to the folder).
    pub fn builtin_names(&self) -> Vec<String> {
        let Ok(entries) = std::fs::read_dir(&self.builtin_albums) else {
            return Vec::new();
        };
        let mut names: Vec<String> = entries
            .filter_map(Result::ok)
            .filter_map(|e| {
                let name = e.file_name().into_string().ok()?;
                let stem = name.strip_suffix(".zip")?;
                is_builtin_name(stem).then(|| stem.to_owned())
            })
            .collect();
        names.sort();
        names
    }

    /// The zip an album reference names (ids and names are checked where they
    /// enter, so they are safe file names here).
    pub fn album_file(&self, album: &AlbumRef) -> PathBuf {
        match album {
            AlbumRef::Builtin(name) => self.builtin_albums.join(format!("{name}.zip")),
            AlbumRef::Upload(id) => self.uploads.join(format!("{id}.zip")),
        }
    }
}

/// Whether `name` can be a built-in album's name (and so a safe file stem).
pub fn is_builtin_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Wakes idle workers when a job is queued.
#[derive(Debug, Default)]
pub struct Doorbell {
    rings: Mutex<u64>,
    bell: Condvar,
}

impl Doorbell {
    /// Wakes every waiting worker.
    pub fn ring(&self) {
        let mut rings = self
            .rings
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        *rings += 1;
        self.bell.notify_all();
    }

    /// Waits for a ring, at most `timeout`.
    pub fn wait(&self, timeout: Duration) {
        let rings = self
            .rings
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let seen = *rings;
        let _ = self.bell.wait_timeout_while(rings, timeout, |r| *r == seen);
    }
}

/// What handlers and workers share.
pub struct Trainings {
    /// The durable store.
    pub store: Arc<Store>,
    /// Live events.
    pub hub: Hub,
    /// The data directory's layout.
    pub paths: Paths,
    /// The base painter's `.safetensors` bytes.
    pub base: Vec<u8>,
    /// Its shape.
    pub base_shape: PainterConfig,
    /// Lease length and report interval.
    pub timing: Timing,
    /// The backend jobs train on.
    pub device: DeviceChoice,
    /// Largest upload accepted, in bytes.
    pub max_upload_bytes: u64,
    /// Rung when a job is queued.
    pub doorbell: Doorbell,
    controls: Mutex<HashMap<String, Arc<AtomicU8>>>,
}

impl Trainings {
    /// Opens the store in `paths.data` and checks the base painter.
    pub fn open(
        paths: Paths,
        base: Vec<u8>,
        timing: Timing,
        device: DeviceChoice,
        max_upload_bytes: u64,
    ) -> Result<Self, TrainingsError> {
        if !device.built() {
            return Err(TrainingsError::Device(device.name()));
        }
        let base_shape = trainer::model::weights::config_of(&base)?;
        let store = Arc::new(Store::open(&paths.data.join("sweetspot.db"))?);
        Ok(Self {
            store,
            hub: Hub::default(),
            paths,
            base,
            base_shape,
            timing,
            device,
            max_upload_bytes,
            doorbell: Doorbell::default(),
            controls: Mutex::new(HashMap::new()),
        })
    }

    /// Registers a job running in this process and returns its control.
    pub(crate) fn register(&self, job_id: &str) -> Arc<AtomicU8> {
        let control = Arc::new(AtomicU8::new(runner::control::RUN));
        self.lock_controls()
            .insert(job_id.to_owned(), Arc::clone(&control));
        control
    }

    /// Forgets a job that stopped running here.
    pub(crate) fn unregister(&self, job_id: &str) {
        self.lock_controls().remove(job_id);
    }

    /// Tells the job's worker, if it runs in this process, to do `what` now
    /// rather than at its next report.
    pub fn signal(&self, job_id: &str, what: u8) {
        if let Some(control) = self.lock_controls().get(job_id) {
            control.store(what, Ordering::Release);
        }
    }

    /// Tells every job running in this process to do `what`.
    pub fn signal_all(&self, what: u8) {
        for control in self.lock_controls().values() {
            control.store(what, Ordering::Release);
        }
    }

    fn lock_controls(&self) -> std::sync::MutexGuard<'_, HashMap<String, Arc<AtomicU8>>> {
        self.controls
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl std::fmt::Debug for Trainings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The base painter's bytes are left out: megabytes of numbers.
        f.debug_struct("Trainings")
            .field("paths", &self.paths)
            .field("base_shape", &self.base_shape)
            .field("timing", &self.timing)
            .field("device", &self.device)
            .field("max_upload_bytes", &self.max_upload_bytes)
            .finish_non_exhaustive()
    }
}

/// Why trainings could not start.
#[derive(Debug, thiserror::Error)]
pub enum TrainingsError {
    /// The base painter file is unusable.
    #[error("base painter: {0}")]
    Base(#[from] trainer::TrainerError),
    /// The device asked for is not in this build.
    #[error(
        "this server was built without the `{0}` backend: rebuild with `--features wgpu` or `--features cuda`"
    )]
    Device(&'static str),
    /// The store could not be opened.
    #[error(transparent)]
    Store(#[from] StoreError),
}
