//! Queries on `reviewer_profiles`: one JSON document per reviewer, versioned.

use super::{AnyConnection, DbError, DbResult, Guarded};
use crate::schema::reviewer_profiles;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use endorse_shared::reviewers::ReviewerProfile;
use endorse_shared::UserId;

/// The stored profile and its version, if one was saved.
pub fn get(conn: &mut AnyConnection, user: UserId) -> DbResult<Option<(ReviewerProfile, i64)>> {
    let row: Option<(String, i64)> = reviewer_profiles::table
        .find(user.to_string())
        .select((reviewer_profiles::body, reviewer_profiles::version))
        .first(conn)
        .optional()?;
    row.map(|(body, version)| {
        serde_json::from_str(&body)
            .map(|profile| (profile, version))
            .map_err(|error| DbError::Corrupt(format!("reviewer profile {user}: {error}")))
    })
    .transpose()
}

/// Saves the profile if the stored version is `expected` (0: none yet).
/// Returns the new version.
pub fn put(
    conn: &mut AnyConnection,
    user: UserId,
    profile: &ReviewerProfile,
    expected: i64,
    now: DateTime<Utc>,
) -> DbResult<Guarded<i64>> {
    let body =
        serde_json::to_string(profile).map_err(|error| DbError::Corrupt(error.to_string()))?;
    let current: Option<i64> = reviewer_profiles::table
        .find(user.to_string())
        .select(reviewer_profiles::version)
        .first(conn)
        .optional()?;
    match current {
        None if expected == 0 => {
            diesel::insert_into(reviewer_profiles::table)
                .values((
                    reviewer_profiles::user_id.eq(user.to_string()),
                    reviewer_profiles::body.eq(body),
                    reviewer_profiles::version.eq(1i64),
                    reviewer_profiles::updated_at.eq(now.naive_utc()),
                ))
                .execute(conn)?;
            Ok(Guarded::Done(1))
        }
        Some(version) if version == expected => {
            let changed = diesel::update(
                reviewer_profiles::table
                    .find(user.to_string())
                    .filter(reviewer_profiles::version.eq(expected)),
            )
            .set((
                reviewer_profiles::body.eq(body),
                reviewer_profiles::version.eq(expected + 1),
                reviewer_profiles::updated_at.eq(now.naive_utc()),
            ))
            .execute(conn)?;
            if changed == 1 {
                Ok(Guarded::Done(expected + 1))
            } else {
                Ok(Guarded::Stale {
                    current: expected + 1,
                })
            }
        }
        current => Ok(Guarded::Stale {
            current: current.unwrap_or(0),
        }),
    }
}

/// Every saved profile, by reviewer.
pub fn all(
    conn: &mut AnyConnection,
) -> DbResult<std::collections::HashMap<UserId, ReviewerProfile>> {
    let rows: Vec<(String, String)> = reviewer_profiles::table
        .select((reviewer_profiles::user_id, reviewer_profiles::body))
        .load(conn)?;
    rows.into_iter()
        .map(|(user, body)| {
            let id: UserId = user
                .parse()
                .map_err(|_| DbError::Corrupt(format!("user id '{user}'")))?;
            let profile = serde_json::from_str(&body)
                .map_err(|error| DbError::Corrupt(format!("reviewer profile {user}: {error}")))?;
            Ok((id, profile))
        })
        .collect()
}
