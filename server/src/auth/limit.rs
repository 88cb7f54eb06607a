//! Login rate limiting: at most `max` attempts per key in a sliding window, with
//! keys for the account name and for the client's address, so neither one
//! password guesser nor one targeted account gets far.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// A sliding-window counter per key.
#[derive(Debug)]
pub struct RateLimit {
    max: usize,
    window: Duration,
    seen: Mutex<HashMap<String, VecDeque<Instant>>>,
}

impl RateLimit {
    /// At most `max` attempts per key per `window`.
    pub fn new(max: usize, window: Duration) -> Self {
        Self {
            max,
            window,
            seen: Mutex::new(HashMap::new()),
        }
    }

    /// Counts an attempt for every key; `Err(wait)` if any key is over its
    /// limit (the attempt is then not counted).
    pub fn check(&self, keys: &[String]) -> Result<(), Duration> {
        let now = Instant::now();
        let mut seen = self
            .seen
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if seen.len() > 10_000 {
            seen.retain(|_, times| {
                times
                    .back()
                    .is_some_and(|t| now.duration_since(*t) < self.window)
            });
        }
        let mut wait = Duration::ZERO;
        for key in keys {
            let times = seen.entry(key.clone()).or_default();
            while times
                .front()
                .is_some_and(|t| now.duration_since(*t) >= self.window)
            {
                times.pop_front();
            }
            if times.len() >= self.max
                && let Some(oldest) = times.front()
            {
                wait = wait.max(self.window.saturating_sub(now.duration_since(*oldest)));
            }
        }
        if wait > Duration::ZERO {
            return Err(wait);
        }
        for key in keys {
            seen.entry(key.clone()).or_default().push_back(now);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_past_the_limit_per_key() {
        let limit = RateLimit::new(2, Duration::from_secs(60));
        let a = ["user:a".to_owned()];
        assert!(limit.check(&a).is_ok());
        assert!(limit.check(&a).is_ok());
        let wait = limit.check(&a).expect_err("third attempt refused");
        assert!(wait > Duration::from_secs(59));
        assert!(
            limit.check(&["user:b".to_owned()]).is_ok(),
            "other keys unaffected"
        );
    }
}
