//! Queries on `leases`: work that must run in one process at a time (the
//! renewal schedule) is done by whoever holds its lease; the others skip it
//! until the lease expires.

use super::{write, AnyConnection, DbError, DbResult};
use crate::schema::leases;
use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

/// Takes (or renews) the lease `name` for `holder` until `now + ttl`, if it
/// is free, expired, or already theirs. Whether `holder` holds it now.
pub fn take(
    conn: &mut AnyConnection,
    name: &str,
    holder: &str,
    now: NaiveDateTime,
    ttl: Duration,
) -> DbResult<bool> {
    write::<_, DbError, _>(conn, |conn| {
        let renewed = diesel::update(
            leases::table
                .filter(leases::name.eq(name))
                .filter(leases::expires_at.le(now).or(leases::holder.eq(holder))),
        )
        .set((leases::holder.eq(holder), leases::expires_at.eq(now + ttl)))
        .execute(conn)?;
        if renewed == 1 {
            return Ok(true);
        }
        // No row yet, or someone else's live lease: a first insert wins; in
        // a savepoint, so that losing the race leaves the transaction usable.
        let inserted = write::<_, DbError, _>(conn, |conn| {
            Ok(diesel::insert_into(leases::table)
                .values((
                    leases::name.eq(name),
                    leases::holder.eq(holder),
                    leases::expires_at.eq(now + ttl),
                ))
                .execute(conn)?)
        });
        match inserted {
            Ok(_) => Ok(true),
            Err(DbError::UniqueViolation(_)) => Ok(false),
            Err(other) => Err(other),
        }
    })
}

/// Who holds the lease `name` at `now`, if anyone.
pub fn holder(
    conn: &mut AnyConnection,
    name: &str,
    now: NaiveDateTime,
) -> DbResult<Option<String>> {
    Ok(leases::table
        .filter(leases::name.eq(name))
        .filter(leases::expires_at.gt(now))
        .select(leases::holder)
        .first(conn)
        .optional()?)
}

/// Gives up the lease `name` if `holder` has it.
pub fn release(conn: &mut AnyConnection, name: &str, holder: &str) -> DbResult<()> {
    diesel::delete(
        leases::table
            .filter(leases::name.eq(name))
            .filter(leases::holder.eq(holder)),
    )
    .execute(conn)?;
    Ok(())
}
