//! Sliding-window counters that slow down password guessing, kept in memory.
//!
//! In memory is right for one server process; several processes behind a load
//! balancer would each count on their own (the limits then multiply by the
//! number of processes, which still stops brute force).

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Past this many keys, expired ones are swept on the next record.
const SWEEP_THRESHOLD: usize = 10_000;

/// Counts events per key within a window; refuses once a key reaches the limit.
#[derive(Debug)]
pub struct RateLimiter {
    limit: usize,
    window: Duration,
    events: Mutex<HashMap<String, VecDeque<Instant>>>,
}

impl RateLimiter {
    /// A limiter allowing `limit` events per key per `window`.
    pub fn new(limit: usize, window: Duration) -> Self {
        Self {
            limit,
            window,
            events: Mutex::new(HashMap::new()),
        }
    }

    /// `Err(retry_after)` when the key has used up its events in the window.
    pub fn check(&self, key: &str) -> Result<(), Duration> {
        let now = Instant::now();
        let mut events = self.lock();
        let Some(times) = events.get_mut(key) else {
            return Ok(());
        };
        Self::expire(times, now, self.window);
        if times.len() >= self.limit {
            let oldest = times.front().copied().unwrap_or(now);
            return Err(self.window.saturating_sub(now.duration_since(oldest)));
        }
        Ok(())
    }

    /// Counts one event for the key.
    pub fn record(&self, key: &str) {
        let now = Instant::now();
        let mut events = self.lock();
        if events.len() >= SWEEP_THRESHOLD {
            let window = self.window;
            events.retain(|_, times| {
                Self::expire(times, now, window);
                !times.is_empty()
            });
        }
        let times = events.entry(key.to_string()).or_default();
        Self::expire(times, now, self.window);
        times.push_back(now);
    }

    /// Forgets the key (after a successful sign-in).
    pub fn clear(&self, key: &str) {
        self.lock().remove(key);
    }

    fn expire(times: &mut VecDeque<Instant>, now: Instant, window: Duration) {
        while times
            .front()
            .is_some_and(|t| now.duration_since(*t) >= window)
        {
            times.pop_front();
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, VecDeque<Instant>>> {
        // A panic while holding the lock cannot leave the map inconsistent.
        self.events
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// Whole seconds to wait, at least one.
pub fn retry_after_seconds(wait: Duration) -> u64 {
    wait.as_secs() + u64::from(wait.subsec_nanos() > 0).max(u64::from(wait.as_secs() == 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_refused_once_it_reaches_the_limit_and_others_are_not() {
        let limiter = RateLimiter::new(2, Duration::from_secs(60));
        limiter.record("a");
        assert!(limiter.check("a").is_ok());
        limiter.record("a");
        let wait = limiter.check("a").unwrap_err();
        assert!(wait <= Duration::from_secs(60) && wait > Duration::from_secs(50));
        assert!(limiter.check("b").is_ok());
        limiter.clear("a");
        assert!(limiter.check("a").is_ok());
    }

    #[test]
    fn events_leave_the_window() {
        let limiter = RateLimiter::new(1, Duration::ZERO);
        limiter.record("a");
        assert!(limiter.check("a").is_ok());
    }

    #[test]
    fn retry_after_is_at_least_one_second() {
        assert_eq!(retry_after_seconds(Duration::ZERO), 1);
        assert_eq!(retry_after_seconds(Duration::from_millis(1500)), 2);
        assert_eq!(retry_after_seconds(Duration::from_secs(3)), 3);
    }
}
