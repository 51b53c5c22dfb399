//! Queries on `applications` and `application_snapshots`.

use super::{AnyConnection, DbError, DbResult};
use crate::calendar::Calendar;
use crate::schema::{application_snapshots, applications, users};
use chrono::{NaiveDateTime, Utc};
use diesel::prelude::*;
use endorse_shared::applications::{
    Applicant, ApplicationStatus, ApplicationSummary, ListApplicationsQuery, Snapshot,
};
use endorse_shared::{ApplicationId, UserId};

/// An application row.
#[derive(Debug, Clone)]
pub struct Application {
    /// Its id.
    pub id: ApplicationId,
    /// Who applies.
    pub applicant: Applicant,
    /// The category code.
    pub category: String,
    /// The rulebook version it is judged by.
    pub rulebook_version: i64,
    /// Where it stands.
    pub status: ApplicationStatus,
    /// Optimistic-concurrency version.
    pub version: i64,
    /// Started.
    pub created_at: NaiveDateTime,
    /// Last submitted.
    pub submitted_at: Option<NaiveDateTime>,
}

impl Application {
    /// The list form.
    pub fn summary(&self) -> ApplicationSummary {
        ApplicationSummary {
            id: self.id,
            applicant: self.applicant.clone(),
            category: self.category.clone(),
            rulebook_version: self.rulebook_version,
            status: self.status,
            created_at: self.created_at.and_utc(),
            submitted_at: self.submitted_at.map(|at| at.and_utc()),
        }
    }
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = applications)]
struct Row {
    id: String,
    category: String,
    rulebook_version: i64,
    status: String,
    version: i64,
    created_at: NaiveDateTime,
    submitted_at: Option<NaiveDateTime>,
}

type Joined = (Row, (String, String, String));

fn from_joined((row, (user_id, name, email)): Joined) -> DbResult<Application> {
    Ok(Application {
        id: row
            .id
            .parse()
            .map_err(|_| DbError::Corrupt(format!("application id '{}'", row.id)))?,
        applicant: Applicant {
            id: user_id
                .parse()
                .map_err(|_| DbError::Corrupt(format!("user id '{user_id}'")))?,
            name,
            email,
        },
        category: row.category,
        rulebook_version: row.rulebook_version,
        status: row.status.parse().map_err(DbError::Corrupt)?,
        version: row.version,
        created_at: row.created_at,
        submitted_at: row.submitted_at,
    })
}

/// Starts a draft. A second open application for the category is
/// [`DbError::UniqueViolation`] (the partial unique index).
pub fn insert(
    conn: &mut AnyConnection,
    applicant: UserId,
    category: &str,
    rulebook_version: i64,
) -> DbResult<ApplicationId> {
    let id = ApplicationId::from_uuid(uuid::Uuid::new_v4());
    let now = Utc::now().naive_utc();
    diesel::insert_into(applications::table)
        .values((
            applications::id.eq(id.to_string()),
            applications::applicant_id.eq(applicant.to_string()),
            applications::category.eq(category),
            applications::rulebook_version.eq(rulebook_version),
            applications::status.eq(ApplicationStatus::Draft.as_str()),
            applications::version.eq(1i64),
            applications::created_at.eq(now),
            applications::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(id)
}

/// One application, with its applicant.
pub fn get(conn: &mut AnyConnection, id: ApplicationId) -> DbResult<Option<Application>> {
    applications::table
        .inner_join(users::table)
        .filter(applications::id.eq(id.to_string()))
        .select((Row::as_select(), (users::id, users::name, users::email)))
        .first::<Joined>(conn)
        .optional()?
        .map(from_joined)
        .transpose()
}

/// A person's applications, newest first.
pub fn list_for(conn: &mut AnyConnection, applicant: UserId) -> DbResult<Vec<Application>> {
    applications::table
        .inner_join(users::table)
        .filter(applications::applicant_id.eq(applicant.to_string()))
        .order((applications::created_at.desc(), applications::id.asc()))
        .select((Row::as_select(), (users::id, users::name, users::email)))
        .load::<Joined>(conn)?
        .into_iter()
        .map(from_joined)
        .collect()
}

/// The admins' list: filtered, newest first, one page, and the total.
/// The submission days of the filter are the association's (`calendar`).
pub fn list(
    conn: &mut AnyConnection,
    query: &ListApplicationsQuery,
    calendar: Calendar,
) -> DbResult<(Vec<Application>, u64)> {
    let offset = i64::from(query.page().saturating_sub(1)) * i64::from(query.per_page());
    list_slice(conn, query, calendar, (offset, i64::from(query.per_page())))
}

/// Every application the filters match (the page is ignored), newest first,
/// at most `cap` of them, and the total.
pub fn list_all(
    conn: &mut AnyConnection,
    query: &ListApplicationsQuery,
    calendar: Calendar,
    cap: i64,
) -> DbResult<(Vec<Application>, u64)> {
    list_slice(conn, query, calendar, (0, cap))
}

fn list_slice(
    conn: &mut AnyConnection,
    query: &ListApplicationsQuery,
    calendar: Calendar,
    (offset, limit): (i64, i64),
) -> DbResult<(Vec<Application>, u64)> {
    let filtered = || {
        let mut q = applications::table.inner_join(users::table).into_boxed();
        if let Some(search) = query.q.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            let (name, email) = super::users::search_patterns(search);
            q = q.filter(
                users::search_name
                    .like(name)
                    .escape('\\')
                    .or(users::email.like(email).escape('\\')),
            );
        }
        if let Some(status) = query.status {
            q = q.filter(applications::status.eq(status.as_str()));
        }
        if let Some(category) = &query.category {
            q = q.filter(applications::category.eq(category.clone()));
        }
        if let Some(version) = query.rulebook_version {
            q = q.filter(applications::rulebook_version.eq(version));
        }
        if let Some(from) = query.submitted_from {
            q = q.filter(applications::submitted_at.ge(calendar.start_of(from).naive_utc()));
        }
        if let Some(to) = query.submitted_to.and_then(|d| d.succ_opt()) {
            q = q.filter(applications::submitted_at.lt(calendar.start_of(to).naive_utc()));
        }
        q
    };
    let total: i64 = filtered().count().get_result(conn)?;
    let rows = filtered()
        .order((applications::created_at.desc(), applications::id.asc()))
        .limit(limit)
        .offset(offset)
        .select((Row::as_select(), (users::id, users::name, users::email)))
        .load::<Joined>(conn)?;
    let items = rows
        .into_iter()
        .map(from_joined)
        .collect::<DbResult<Vec<_>>>()?;
    Ok((items, u64::try_from(total).unwrap_or_default()))
}

/// Every application's status and when it entered it (its latest transition in
/// the audit log, else its last change). Two queries, one row per application.
pub fn statuses_since(
    conn: &mut AnyConnection,
) -> DbResult<Vec<(ApplicationId, ApplicationStatus, chrono::NaiveDateTime)>> {
    use crate::schema::audit_events;
    let entered: std::collections::HashMap<String, chrono::NaiveDateTime> = audit_events::table
        .filter(audit_events::to_status.is_not_null())
        .group_by(audit_events::application_id)
        .select((
            audit_events::application_id,
            diesel::dsl::max(audit_events::at).assume_not_null(),
        ))
        .load::<(String, chrono::NaiveDateTime)>(conn)?
        .into_iter()
        .collect();
    applications::table
        .select((
            applications::id,
            applications::status,
            applications::updated_at,
        ))
        .load::<(String, String, chrono::NaiveDateTime)>(conn)?
        .into_iter()
        .map(|(id, status, updated)| {
            let since = entered.get(&id).copied().unwrap_or(updated);
            Ok((
                id.parse()
                    .map_err(|_| DbError::Corrupt(format!("application id '{id}'")))?,
                status.parse().map_err(DbError::Corrupt)?,
                since,
            ))
        })
        .collect()
}

/// Moves an application from `from` to `to` (a transition of the process) if it
/// is still in `from` at version `expected`. False when it was not (someone moved
/// or changed it meanwhile). Entering `submitted` sets the submission time.
pub fn transition(
    conn: &mut AnyConnection,
    id: ApplicationId,
    (from, expected): (ApplicationStatus, i64),
    to: ApplicationStatus,
    now: chrono::DateTime<Utc>,
) -> DbResult<bool> {
    let target = applications::table
        .filter(applications::id.eq(id.to_string()))
        .filter(applications::status.eq(from.as_str()))
        .filter(applications::version.eq(expected));
    let now = now.naive_utc();
    let changed = if to == ApplicationStatus::Submitted {
        diesel::update(target)
            .set((
                applications::status.eq(to.as_str()),
                applications::version.eq(applications::version + 1i64),
                applications::updated_at.eq(now),
                applications::submitted_at.eq(Some(now)),
            ))
            .execute(conn)?
    } else {
        diesel::update(target)
            .set((
                applications::status.eq(to.as_str()),
                applications::version.eq(applications::version + 1i64),
                applications::updated_at.eq(now),
            ))
            .execute(conn)?
    };
    Ok(changed == 1)
}

/// Pins an application to another rulebook version.
pub fn set_rulebook_version(
    conn: &mut AnyConnection,
    id: ApplicationId,
    expected: i64,
    rulebook_version: i64,
) -> DbResult<bool> {
    let changed = diesel::update(
        applications::table
            .filter(applications::id.eq(id.to_string()))
            .filter(applications::version.eq(expected)),
    )
    .set((
        applications::rulebook_version.eq(rulebook_version),
        applications::version.eq(expected + 1),
        applications::updated_at.eq(Utc::now().naive_utc()),
    ))
    .execute(conn)?;
    Ok(changed == 1)
}

/// Stores the snapshot of a submission round.
pub fn insert_snapshot(
    conn: &mut AnyConnection,
    id: ApplicationId,
    snapshot: &Snapshot,
) -> DbResult<()> {
    let body =
        serde_json::to_string(snapshot).map_err(|error| DbError::Corrupt(error.to_string()))?;
    diesel::insert_into(application_snapshots::table)
        .values((
            application_snapshots::application_id.eq(id.to_string()),
            application_snapshots::round.eq(snapshot.round),
            application_snapshots::taken_at.eq(snapshot.taken_at.naive_utc()),
            application_snapshots::body.eq(body),
        ))
        .execute(conn)?;
    Ok(())
}

/// The latest snapshot of an application.
pub fn latest_snapshot(conn: &mut AnyConnection, id: ApplicationId) -> DbResult<Option<Snapshot>> {
    let body: Option<String> = application_snapshots::table
        .filter(application_snapshots::application_id.eq(id.to_string()))
        .order(application_snapshots::round.desc())
        .select(application_snapshots::body)
        .first(conn)
        .optional()?;
    body.map(|body| {
        serde_json::from_str(&body).map_err(|error| DbError::Corrupt(format!("snapshot: {error}")))
    })
    .transpose()
}

/// How many snapshots an application has.
pub fn snapshot_count(conn: &mut AnyConnection, id: ApplicationId) -> DbResult<i64> {
    Ok(application_snapshots::table
        .filter(application_snapshots::application_id.eq(id.to_string()))
        .count()
        .get_result(conn)?)
}
