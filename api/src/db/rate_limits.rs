//! Queries on `rate_limit_events`: one row per counted event (a failed
//! sign-in, a registration, an unknown referee link) under a key, so every
//! server process sharing the database counts the same events.
//!
//! A limit is held by taking a slot before the attempt ([`take`]), in one
//! transaction with the key locked: twenty attempts racing for the last slot
//! get one slot between them. An attempt that turns out not to count (the
//! right password) gives its slot back ([`give_back`]).

use super::{write, AnyConnection, DbError, DbResult};
use crate::schema::rate_limit_events;
use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

/// Counts `key`'s events since `now - window`: their number and the oldest.
fn in_window(
    conn: &mut AnyConnection,
    key: &str,
    window: Duration,
    now: NaiveDateTime,
) -> DbResult<(i64, Option<NaiveDateTime>)> {
    Ok(rate_limit_events::table
        .filter(rate_limit_events::key.eq(key))
        .filter(rate_limit_events::at.gt(window_start(now, window)))
        .select((
            diesel::dsl::count_star(),
            diesel::dsl::min(rate_limit_events::at),
        ))
        .get_result(conn)?)
}

/// How long until the oldest event in the window leaves it (at least a
/// second's worth, never negative).
fn wait(oldest: Option<NaiveDateTime>, window: Duration, now: NaiveDateTime) -> Duration {
    let left = oldest.map_or(window, |oldest| window - (now - oldest));
    left.max(Duration::zero())
}

/// `Err(wait)` when `key` already has `limit` events in the window.
pub fn check(
    conn: &mut AnyConnection,
    key: &str,
    (limit, window): (usize, Duration),
    now: NaiveDateTime,
) -> DbResult<Result<(), Duration>> {
    let (count, oldest) = in_window(conn, key, window, now)?;
    if usize::try_from(count).unwrap_or(usize::MAX) >= limit {
        return Ok(Err(wait(oldest, window, now)));
    }
    Ok(Ok(()))
}

/// Counts one event for `key`.
pub fn record(conn: &mut AnyConnection, key: &str, now: NaiveDateTime) -> DbResult<String> {
    let id = uuid::Uuid::new_v4().to_string();
    diesel::insert_into(rate_limit_events::table)
        .values((
            rate_limit_events::id.eq(&id),
            rate_limit_events::key.eq(key),
            rate_limit_events::at.eq(now),
        ))
        .execute(conn)?;
    Ok(id)
}

/// Takes a slot under each of `limits` (a key with its limit and window) at
/// once, or none: `Ok(ids)` to give back later, or `Err(wait)` for the
/// longest wait among the full ones. Atomic across processes: the keys are
/// locked (PostgreSQL advisory locks, in key order; SQLite's one write lock)
/// from the count to the insert.
pub fn take(
    conn: &mut AnyConnection,
    limits: &[(&str, (usize, Duration))],
    now: NaiveDateTime,
) -> DbResult<Result<Vec<String>, Duration>> {
    write::<_, DbError, _>(conn, |conn| {
        let mut keys: Vec<&str> = limits.iter().map(|(key, _)| *key).collect();
        keys.sort_unstable();
        keys.dedup();
        for key in keys {
            lock_key(conn, key)?;
        }
        let mut longest: Option<Duration> = None;
        for (key, limit) in limits {
            if let Err(wait) = check(conn, key, *limit, now)? {
                longest = Some(longest.map_or(wait, |l| l.max(wait)));
            }
        }
        if let Some(wait) = longest {
            return Ok(Err(wait));
        }
        let mut ids = Vec::with_capacity(limits.len());
        for (key, _) in limits {
            ids.push(record(conn, key, now)?);
        }
        Ok(Ok(ids))
    })
}

/// Gives back slots taken by [`take`]: the attempt did not count.
pub fn give_back(conn: &mut AnyConnection, ids: &[String]) -> DbResult<()> {
    diesel::delete(rate_limit_events::table.filter(rate_limit_events::id.eq_any(ids)))
        .execute(conn)?;
    Ok(())
}

/// Forgets every event of `key` (a successful sign-in clears its account's
/// failures).
pub fn clear(conn: &mut AnyConnection, key: &str) -> DbResult<()> {
    diesel::delete(rate_limit_events::table.filter(rate_limit_events::key.eq(key)))
        .execute(conn)?;
    Ok(())
}

/// Deletes events that a `window` ending `now` no longer reaches.
pub fn sweep(conn: &mut AnyConnection, now: NaiveDateTime, window: Duration) -> DbResult<usize> {
    let before = window_start(now, window);
    Ok(
        diesel::delete(rate_limit_events::table.filter(rate_limit_events::at.lt(before)))
            .execute(conn)?,
    )
}

/// Where a `window` ending `now` starts (the beginning of time for a window
/// longer than the calendar).
fn window_start(now: NaiveDateTime, window: Duration) -> NaiveDateTime {
    now.checked_sub_signed(window).unwrap_or(NaiveDateTime::MIN)
}

/// Holds `key` until the transaction ends, so a count and the insert that
/// follows it are not interleaved with another process's.
fn lock_key(conn: &mut AnyConnection, key: &str) -> DbResult<()> {
    match conn {
        AnyConnection::Sqlite(_) => {
            // The transaction holds SQLite's one write lock (`db::write`).
            let _ = key;
            Ok(())
        }
        #[cfg(feature = "postgres")]
        AnyConnection::Postgresql(pg) => {
            diesel::sql_query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))")
                .bind::<diesel::sql_types::Text, _>(key)
                .execute(pg)?;
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_window_longer_than_the_calendar_starts_at_the_beginning_of_time() {
        let now = chrono::DateTime::from_timestamp(1_800_000_000, 0)
            .unwrap()
            .naive_utc();
        assert_eq!(window_start(now, Duration::MAX), NaiveDateTime::MIN);
        assert_eq!(
            window_start(now, Duration::minutes(15)),
            now - Duration::minutes(15)
        );
    }

    #[test]
    fn the_wait_is_what_is_left_of_the_oldest_events_window_and_never_negative() {
        let now = chrono::DateTime::from_timestamp(1_800_000_000, 0)
            .unwrap()
            .naive_utc();
        let window = Duration::minutes(15);
        assert_eq!(
            wait(Some(now - Duration::minutes(10)), window, now),
            Duration::minutes(5)
        );
        assert_eq!(
            wait(Some(now - Duration::hours(1)), window, now),
            Duration::zero()
        );
        assert_eq!(wait(None, window, now), window);
    }
}
