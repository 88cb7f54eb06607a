//! The store's guarantees, against a real SQLite file.

use std::time::Duration;

use serde_json::json;

use super::*;

fn temp_store() -> (Store, std::path::PathBuf) {
    let dir = std::env::temp_dir().join(format!("sweetspot-store-{}", crate::ids::random_hex(6)));
    std::fs::create_dir_all(&dir).expect("dir");
    let store = Store::open(&dir.join("test.db")).expect("open");
    (store, dir)
}

fn with_job(store: &Store) -> String {
    let who = store.create_instructor("ada", "hash").expect("instructor");
    let id = crate::ids::random_hex(16);
    store.create_job(&id, who.id, &json!({}), 10).expect("job");
    id
}

#[test]
fn opens_in_wal_with_full_sync_and_reopens_at_the_same_version() {
    let (store, dir) = temp_store();
    assert_eq!(store.pragma("journal_mode").expect("mode"), "wal");
    assert_eq!(store.pragma("synchronous").expect("sync"), "2", "FULL");
    assert_eq!(store.pragma("user_version").expect("version"), "1");
    drop(store);
    let again = Store::open(&dir.join("test.db")).expect("reopen");
    assert_eq!(again.pragma("user_version").expect("version"), "1");
}

#[test]
fn a_lease_is_exclusive_and_a_stale_token_changes_nothing() {
    let (store, _dir) = temp_store();
    let id = with_job(&store);
    let lease = Duration::from_millis(50);
    let (first, _) = store.claim("a", lease).expect("claim").expect("a job");
    assert!(store.claim("b", lease).expect("claim").is_none(), "held");
    std::thread::sleep(Duration::from_millis(80));
    let (second, events) = store.claim("b", lease).expect("claim").expect("rescued");
    assert_eq!(second.job.id, id);
    assert!(second.token > first.token, "a new fencing token");
    assert_eq!(second.job.attempts, 2);
    assert_eq!(events[0].data["attempt"], 2);
    let stale = store.report(
        &id,
        first.token,
        lease,
        Report {
            step: 9,
            ..Report::default()
        },
    );
    assert!(matches!(stale, Err(StoreError::LeaseLost(_))));
    let stale = store.finish(&id, first.token, JobState::Succeeded, None, Vec::new());
    assert!(matches!(stale, Err(StoreError::LeaseLost(_))));
    store
        .report(
            &id,
            second.token,
            lease,
            Report {
                step: 3,
                checkpoint: Some((3, "s".into())),
                ..Report::default()
            },
        )
        .expect("current holder reports");
    let job = store.job(&id).expect("read").expect("job");
    assert_eq!(
        (job.step, job.checkpoint_step, job.state),
        (3, 3, JobState::Running)
    );
}

#[test]
fn cancel_revokes_the_lease_and_stop_asks_the_worker() {
    let (store, _dir) = temp_store();
    let id = with_job(&store);
    let owner = store.job(&id).expect("read").expect("job").instructor_id;
    let lease = Duration::from_secs(30);
    let (claim, _) = store.claim("a", lease).expect("claim").expect("job");
    let (job, _) = store
        .request_stop(&id, owner, StopKind::Stop)
        .expect("stop");
    assert_eq!(job.control, Some(StopKind::Stop));
    let (asked, _) = store
        .report(&id, claim.token, lease, Report::default())
        .expect("report");
    assert_eq!(asked, Some(StopKind::Stop));
    let (job, _) = store
        .request_stop(&id, owner, StopKind::Cancel)
        .expect("cancel");
    assert_eq!(job.state, JobState::Stopped);
    assert!(matches!(
        store.report(&id, claim.token, lease, Report::default()),
        Err(StoreError::LeaseLost(_))
    ));
    assert!(matches!(
        store.request_stop(&id, owner + 1, StopKind::Cancel),
        Err(StoreError::NotFound)
    ));
    let (job, _) = store.requeue(&id, owner).expect("resume");
    assert_eq!(job.state, JobState::Queued);
    let events = store.events_after(&id, 0, 100).expect("events");
    let states: Vec<_> = events
        .iter()
        .filter(|e| e.kind == "state")
        .map(|e| e.data["state"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(states, ["queued", "running", "stopped", "queued"]);
}
