//! A trainings server for one test: its own data folder, store, workers and
//! signed-in instructor.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use server::api::Services;
use server::auth::{AuthSettings, password};
use server::store::{Job, JobState};
use server::trainings::pool::Pool;
use server::trainings::progress::Timing;
use server::trainings::{DeviceChoice, Paths, Trainings};
use server::{AppState, app};
use tower::ServiceExt;
use trainer::model::{PainterConfig, weights};

/// The test instructor's password.
pub(crate) const PASSWORD: &str = "a long test password";

/// A response, read whole.
pub(crate) struct Reply {
    pub(crate) status: StatusCode,
    pub(crate) headers: axum::http::HeaderMap,
    pub(crate) bytes: Vec<u8>,
}

impl Reply {
    pub(crate) fn json(&self) -> Value {
        serde_json::from_slice(&self.bytes)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.bytes)))
    }

    pub(crate) fn text(&self) -> String {
        String::from_utf8_lossy(&self.bytes).into_owned()
    }
}

/// A painter small enough that a step takes milliseconds: 16×16, two blocks.
pub(crate) fn test_base() -> Vec<u8> {
    let shape = PainterConfig::new(16, 32, 2, 2, 32);
    let painter = shape.init_jittered::<burn::backend::Flex>(99, &Default::default());
    weights::save(&painter, &shape).expect("base weights")
}

/// The course's built-in albums.
pub(crate) fn builtin_albums() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../assets/albums")
}

/// One test's server.
pub(crate) struct Harness {
    pub(crate) app: Router,
    pub(crate) trainings: Arc<Trainings>,
    pub(crate) dir: PathBuf,
    pub(crate) pool: Option<Pool>,
}

impl Harness {
    /// A server with `workers` workers (0: none yet) and an instructor `teacher`.
    pub(crate) fn new(workers: usize) -> Self {
        Self::with(workers, Timing::default(), AuthSettings::default(), None)
    }

    /// A server in `dir` (reused to simulate a restart) with these settings.
    pub(crate) fn with(
        workers: usize,
        timing: Timing,
        auth: AuthSettings,
        dir: Option<PathBuf>,
    ) -> Self {
        let dir = dir.unwrap_or_else(|| {
            std::env::temp_dir().join(format!("sweetspot-it-{}", server::ids::random_hex(6)))
        });
        let paths = Paths::create(&dir, &builtin_albums()).expect("data dir");
        let trainings = Arc::new(
            Trainings::open(paths, test_base(), timing, DeviceChoice::Cpu, 2_000_000)
                .expect("trainings"),
        );
        if trainings
            .store
            .instructor_by_name("teacher")
            .expect("read")
            .is_none()
        {
            let hash = password::hash(PASSWORD).expect("hash");
            trainings
                .store
                .create_instructor("teacher", &hash)
                .expect("instructor");
        }
        let services = Arc::new(Services::new(Arc::clone(&trainings), auth));
        let site = dir.join("site");
        let app = app(AppState::new(&site).with_api(services));
        let mut harness = Self {
            app,
            trainings,
            dir,
            pool: None,
        };
        if workers > 0 {
            harness.start_workers(workers, "first");
        }
        harness
    }

    /// Starts the worker pool.
    pub(crate) fn start_workers(&mut self, workers: usize, name: &str) {
        self.pool = Some(Pool::start(Arc::clone(&self.trainings), workers, name).expect("pool"));
    }

    /// Sends a request.
    pub(crate) async fn send(&self, request: Request<Body>) -> Reply {
        let response = self.app.clone().oneshot(request).await.expect("infallible");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes()
            .to_vec();
        Reply {
            status,
            headers,
            bytes,
        }
    }

    /// GET with an optional cookie.
    pub(crate) async fn get(&self, path: &str, cookie: Option<&str>) -> Reply {
        let mut request = Request::get(path).header(header::HOST, "localhost");
        if let Some(cookie) = cookie {
            request = request.header(header::COOKIE, cookie);
        }
        self.send(request.body(Body::empty()).expect("request"))
            .await
    }

    /// POST JSON from the site's own origin.
    pub(crate) async fn post(&self, path: &str, body: &Value, cookie: Option<&str>) -> Reply {
        let mut request = Request::post(path)
            .header(header::HOST, "localhost")
            .header(header::ORIGIN, "http://localhost")
            .header(header::CONTENT_TYPE, "application/json");
        if let Some(cookie) = cookie {
            request = request.header(header::COOKIE, cookie);
        }
        self.send(request.body(Body::from(body.to_string())).expect("request"))
            .await
    }

    /// Logs in as `teacher` and returns the cookie to send back.
    pub(crate) async fn login(&self) -> String {
        let reply = self
            .post(
                "/api/auth/login",
                &json!({ "username": "teacher", "password": PASSWORD }),
                None,
            )
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
        let set = reply.headers[header::SET_COOKIE]
            .to_str()
            .expect("ascii")
            .to_owned();
        set.split(';').next().expect("pair").to_owned()
    }

    /// Queues a job from `form` and returns its id.
    pub(crate) async fn create_job(&self, cookie: &str, form: &Value) -> String {
        let reply = self.post("/api/jobs", form, Some(cookie)).await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
        reply.json()["job"]["id"].as_str().expect("id").to_owned()
    }

    /// The job as stored.
    pub(crate) fn job(&self, id: &str) -> Job {
        self.trainings
            .store
            .job(id)
            .expect("read")
            .expect("job exists")
    }

    /// Waits until `done(job)` holds (panics after 60 s).
    pub(crate) fn wait_for(&self, id: &str, what: &str, done: impl Fn(&Job) -> bool) -> Job {
        let start = Instant::now();
        loop {
            let job = self.job(id);
            if done(&job) {
                return job;
            }
            assert!(
                start.elapsed() < Duration::from_secs(60),
                "timed out waiting for {what}: {job:?}"
            );
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// Waits for the job to end.
    pub(crate) fn wait_until_ended(&self, id: &str) -> Job {
        self.wait_for(id, "the end", |j| {
            matches!(
                j.state,
                JobState::Succeeded | JobState::Failed | JobState::Stopped
            )
        })
    }
}

impl Drop for Harness {
    fn drop(&mut self) {
        if let Some(pool) = self.pool.take() {
            pool.shutdown();
        }
    }
}

/// A tiny run on the built-in `tok-8` album: `steps` steps, validation and
/// checkpoints every `every`.
pub(crate) fn tiny_form(steps: u32, every: u32) -> Value {
    json!({
        "album": { "source": "builtin", "name": "tok-8" },
        "trigger_phrase": "TOK",
        "steps": steps,
        "learning_rate": 1e-3,
        "rank": 4,
        "validation_prompts": ["a photo of TOK on a beach"],
        "validation_every": every,
        "checkpoint_every": every,
        "output_lora_format": "fal",
        "seed": 7
    })
}
