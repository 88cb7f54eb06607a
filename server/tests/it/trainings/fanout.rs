//! Many watchers on one job: 200 SSE clients connected before it starts all get
//! every event, in the same order; and the job list answers quickly. Prints the
//! numbers the issue asks for.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::http::StatusCode;
use server::auth::AuthSettings;
use server::trainings::pool::Pool;
use server::trainings::progress::Timing;

use super::lifecycle::events;
use super::support::{Harness, tiny_form};

fn resident_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmRSS:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

#[tokio::test]
async fn two_hundred_watchers_get_every_event_in_order() {
    const CLIENTS: usize = 200;
    let timing = Timing {
        lease: Duration::from_secs(30),
        report_every: Duration::from_millis(50),
    };
    let harness = Harness::with(0, timing, AuthSettings::default(), None);
    let cookie = harness.login().await;
    let id = harness.create_job(&cookie, &tiny_form(30, 10)).await;
    let before = resident_kib();
    let started = Instant::now();
    let watchers =
        futures_util::future::join_all((0..CLIENTS).map(|_| events(&harness, &id, None)));
    let trainings = Arc::clone(&harness.trainings);
    let (streams, pool) = tokio::join!(watchers, async move {
        tokio::time::sleep(Duration::from_millis(100)).await;
        Pool::start(trainings, 1, "fan").expect("pool")
    });
    let elapsed = started.elapsed();
    pool.shutdown();
    let first: Vec<i64> = streams[0].iter().map(|e| e.id).collect();
    assert!(first.len() > 30, "every step and more: {}", first.len());
    for stream in &streams {
        assert_eq!(stream.iter().map(|e| e.id).collect::<Vec<_>>(), first);
    }
    let delivered: usize = streams.iter().map(Vec::len).sum();
    println!(
        "SSE fan-out: {CLIENTS} clients, {delivered} events delivered ({} each) in {:.2} s, resident memory {} → {} KiB",
        first.len(),
        elapsed.as_secs_f64(),
        before,
        resident_kib()
    );

    let started = Instant::now();
    let requests = 300;
    for _ in 0..requests {
        let reply = harness.get("/api/jobs", Some(&cookie)).await;
        assert_eq!(reply.status, StatusCode::OK);
    }
    println!(
        "job list: {:.0} requests/s (one client, in-process, debug build)",
        f64::from(requests) / started.elapsed().as_secs_f64()
    );
}
