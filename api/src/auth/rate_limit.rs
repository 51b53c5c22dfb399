//! Limits that slow down password guessing and link guessing: at most so
//! many events per key within a sliding window. The events are kept in the
//! database (`db::rate_limits`), so every server process sharing it counts
//! the same ones and a lock-out holds whichever process the next attempt
//! reaches.

use crate::db::rate_limits;
use crate::db::{AnyConnection, DbResult};
use crate::error::ApiError;
use chrono::NaiveDateTime;
use std::time::Duration;

/// One limit: `limit` events per key per `window`, under its own name (so
/// two limits never count each other's events).
#[derive(Debug, Clone)]
pub struct RateLimiter {
    name: &'static str,
    limit: usize,
    window: chrono::Duration,
}

impl RateLimiter {
    /// A limit named `name` allowing `limit` events per key per `window`.
    pub fn new(name: &'static str, limit: usize, window: Duration) -> Self {
        Self {
            name,
            limit,
            window: chrono::Duration::from_std(window).unwrap_or(chrono::Duration::MAX),
        }
    }

    /// The stored key of `key` under this limit.
    pub fn key(&self, key: &str) -> String {
        format!("{}:{key}", self.name)
    }

    /// The limit and its window, as `db::rate_limits` takes them.
    pub fn bound(&self) -> (usize, chrono::Duration) {
        (self.limit, self.window)
    }

    /// `Ok(Err(wait))` when `key` has used up its events in the window.
    pub fn check(
        &self,
        conn: &mut AnyConnection,
        key: &str,
        now: NaiveDateTime,
    ) -> DbResult<Result<(), ApiError>> {
        Ok(rate_limits::check(conn, &self.key(key), self.bound(), now)?.map_err(too_many))
    }

    /// Counts one event for `key`.
    pub fn record(&self, conn: &mut AnyConnection, key: &str, now: NaiveDateTime) -> DbResult<()> {
        rate_limits::record(conn, &self.key(key), now).map(|_| ())
    }
}

/// The 429 for a limit reached, with the wait until its oldest event leaves
/// the window.
pub fn too_many(wait: chrono::Duration) -> ApiError {
    ApiError::TooManyRequests {
        retry_after: retry_after_seconds(wait.to_std().unwrap_or_default()),
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
    fn retry_after_is_at_least_one_second() {
        assert_eq!(retry_after_seconds(Duration::ZERO), 1);
        assert_eq!(retry_after_seconds(Duration::from_millis(1500)), 2);
        assert_eq!(retry_after_seconds(Duration::from_secs(3)), 3);
    }

    #[test]
    fn two_limits_never_share_a_key() {
        let a = RateLimiter::new("login-ip", 3, Duration::from_secs(60));
        let b = RateLimiter::new("register-ip", 3, Duration::from_secs(60));
        assert_ne!(a.key("ip:1.2.3.4"), b.key("ip:1.2.3.4"));
        assert_eq!(a.bound(), (3, chrono::Duration::seconds(60)));
    }
}
