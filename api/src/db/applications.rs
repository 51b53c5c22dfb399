//! Queries on `applications` and `application_snapshots`.

use super::{AnyConnection, DbError, DbResult};
use crate::calendar::Calendar;
use crate::schema::{application_snapshots, application_stage_days, applications, users};
use chrono::{NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;
use endorse_shared::applications::{
    Applicant, ApplicationStatus, ApplicationSummary, ListApplicationsQuery, ListCursor,
    PipelineStage, Snapshot, COUNT_LIMIT,
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
            applications::status_since.eq(now),
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

/// Many applications at once, with their applicants, by id (the ones that
/// do not exist are left out).
pub fn get_many(
    conn: &mut AnyConnection,
    ids: &[ApplicationId],
) -> DbResult<std::collections::HashMap<ApplicationId, Application>> {
    let mut found = std::collections::HashMap::with_capacity(ids.len());
    for chunk in ids.chunks(super::IN_LIST) {
        let keys: Vec<String> = chunk.iter().map(ToString::to_string).collect();
        let rows = applications::table
            .inner_join(users::table)
            .filter(applications::id.eq_any(keys))
            .select((Row::as_select(), (users::id, users::name, users::email)))
            .load::<Joined>(conn)?;
        for row in rows {
            let application = from_joined(row)?;
            found.insert(application.id, application);
        }
    }
    Ok(found)
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

/// The admins' filters, on a boxed query over `applications` (alone or
/// joined with its applicant).
macro_rules! filtered {
    ($q:expr, $query:expr, $calendar:expr) => {{
        let (query, calendar): (&ListApplicationsQuery, Calendar) = ($query, $calendar);
        let mut q = $q;
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
    }};
}

/// One page of the admins' list.
#[derive(Debug)]
pub struct ListPage {
    /// The applications, newest first.
    pub items: Vec<Application>,
    /// How many match, over all pages (at most [`COUNT_LIMIT`] unless the
    /// kept counts answer).
    pub total: u64,
    /// Whether more than `total` match (counting stopped).
    pub total_is_lower_bound: bool,
    /// Whether more follow the last of `items`.
    pub more: bool,
}

/// The admins' list: filtered, newest first, one page (from `query.after`,
/// else the page's offset), and the total. The submission days of the filter
/// are the association's (`calendar`).
pub fn list(
    conn: &mut AnyConnection,
    query: &ListApplicationsQuery,
    calendar: Calendar,
    after: Option<ListCursor>,
) -> DbResult<ListPage> {
    let offset = match after {
        Some(_) => 0,
        None => i64::from(query.page().saturating_sub(1)) * i64::from(query.per_page()),
    };
    let (items, more) = slice(
        conn,
        query,
        calendar,
        (after, offset),
        i64::from(query.per_page()),
    )?;
    let (total, total_is_lower_bound) = count(conn, query, calendar)?;
    Ok(ListPage {
        items,
        total,
        total_is_lower_bound,
        more,
    })
}

/// At most `limit` applications the filters match, newest first, after
/// `after` (walking the index from there, however far in) and then `offset`
/// more; and whether more follow.
pub fn slice(
    conn: &mut AnyConnection,
    query: &ListApplicationsQuery,
    calendar: Calendar,
    (after, offset): (Option<ListCursor>, i64),
    limit: i64,
) -> DbResult<(Vec<Application>, bool)> {
    let search = search_of(conn, query);
    let mut q = filtered!(
        applications::table.inner_join(users::table).into_boxed(),
        query,
        calendar
    );
    if let Some(search) = &search {
        q = q.filter(person_found_by!("applications.applicant_id", search));
    }
    if let Some(after) = after {
        // A row-value comparison, which both backends answer from the
        // index's order (a range), not by reading the rows before it.
        q = q.filter(
            diesel::dsl::sql::<diesel::sql_types::Bool>(
                "(applications.created_at, applications.id) < (",
            )
            .bind::<diesel::sql_types::Timestamp, _>(after.started.naive_utc())
            .sql(", ")
            .bind::<diesel::sql_types::Text, _>(after.id.to_string())
            .sql(")"),
        );
    }
    let mut rows = q
        .order((applications::created_at.desc(), applications::id.desc()))
        .limit(limit.saturating_add(1))
        .offset(offset)
        .select((Row::as_select(), (users::id, users::name, users::email)))
        .load::<Joined>(conn)?;
    let more = i64::try_from(rows.len()).unwrap_or(i64::MAX) > limit;
    rows.truncate(usize::try_from(limit).unwrap_or_default());
    let items = rows
        .into_iter()
        .map(from_joined)
        .collect::<DbResult<Vec<_>>>()?;
    Ok((items, more))
}

/// How many applications the filters match, and whether more do. With no
/// filter or only a status, the kept counts answer exactly; a search or
/// another filter counts index entries up to [`COUNT_LIMIT`], without reading
/// the applicants, so no count costs more at 100,000 than at 1,000.
pub fn count(
    conn: &mut AnyConnection,
    query: &ListApplicationsQuery,
    calendar: Calendar,
) -> DbResult<(u64, bool)> {
    let search = search_of(conn, query);
    let only_status = search.is_none()
        && query.category.is_none()
        && query.rulebook_version.is_none()
        && query.submitted_from.is_none()
        && query.submitted_to.is_none();
    if only_status {
        let mut kept = application_stage_days::table.into_boxed();
        if let Some(status) = query.status {
            kept = kept.filter(application_stage_days::status.eq(status.as_str()));
        }
        // A row per status and day: a few thousand at most, whatever the
        // number of applications.
        let total: i64 = kept
            .select(application_stage_days::count)
            .load::<i64>(conn)?
            .into_iter()
            .sum();
        return Ok((u64::try_from(total).unwrap_or_default(), false));
    }
    let mut q = filtered!(applications::table.into_boxed(), query, calendar);
    if let Some(search) = &search {
        q = q.filter(person_found_by!("applications.applicant_id", search));
    }
    let limit = i64::try_from(COUNT_LIMIT).unwrap_or(i64::MAX);
    let found = q
        .select(applications::id)
        .limit(limit.saturating_add(1))
        .load::<String>(conn)?
        .len();
    let found = u64::try_from(found).unwrap_or(u64::MAX);
    Ok((found.min(COUNT_LIMIT), found > COUNT_LIMIT))
}

/// The search of the admins' list, if one was typed.
fn search_of(
    conn: &AnyConnection,
    query: &ListApplicationsQuery,
) -> Option<super::users::SearchSql> {
    query
        .q
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|search| super::users::search_sql(conn, search, super::users::SearchIn::NameOrEmail))
}

/// Every application's status and when it entered it: a scan of them all,
/// the definition the pipeline's kept counts are checked against (tests), not
/// for answering requests.
pub fn statuses_since(
    conn: &mut AnyConnection,
) -> DbResult<Vec<(ApplicationId, ApplicationStatus, NaiveDateTime)>> {
    applications::table
        .select((
            applications::id,
            applications::status,
            applications::status_since,
        ))
        .load::<(String, String, NaiveDateTime)>(conn)?
        .into_iter()
        .map(|(id, status, since)| {
            Ok((
                id.parse()
                    .map_err(|_| DbError::Corrupt(format!("application id '{id}'")))?,
                status.parse().map_err(DbError::Corrupt)?,
                since,
            ))
        })
        .collect()
}

/// The admins' overview, read from the kept counts (`application_stage_days`,
/// how many entered each status on each day) and a few indexed lookups per
/// open status: its cost does not grow with the number of applications. Equal
/// to [`endorse_shared::applications::pipeline`] over every application
/// (tested).
pub fn pipeline_stages(
    conn: &mut AnyConnection,
    now: chrono::DateTime<Utc>,
) -> DbResult<Vec<PipelineStage>> {
    let mut days: std::collections::HashMap<ApplicationStatus, Vec<(NaiveDate, i64)>> =
        std::collections::HashMap::new();
    for (status, day, count) in stage_counts(conn)? {
        days.entry(status).or_default().push((day, count));
    }
    let wait = |since: NaiveDateTime| (now - since.and_utc()).num_days().max(0);
    let mut stages = Vec::with_capacity(ApplicationStatus::ALL.len());
    for status in ApplicationStatus::ALL {
        let mut buckets = days.remove(&status).unwrap_or_default();
        // Newest day first: the shortest waits first.
        buckets.sort_by_key(|&(day, _)| std::cmp::Reverse(day));
        let total: i64 = buckets.iter().map(|(_, n)| n.max(&0)).sum();
        let count = u64::try_from(total).unwrap_or_default();
        if !status.is_open() || total == 0 {
            stages.push(PipelineStage {
                status,
                count,
                median_days: None,
                oldest_days: None,
                oldest: None,
            });
            continue;
        }
        let middle = total / 2;
        let median = if total % 2 == 1 {
            nth_newest_entry(conn, status, &buckets, middle)?.map(wait)
        } else {
            let lower = nth_newest_entry(conn, status, &buckets, middle - 1)?.map(wait);
            let upper = nth_newest_entry(conn, status, &buckets, middle)?.map(wait);
            lower.zip(upper).map(|(a, b)| (a + b) / 2)
        };
        let oldest = applications::table
            .filter(applications::status.eq(status.as_str()))
            .order((applications::status_since.asc(), applications::id.desc()))
            .select((applications::id, applications::status_since))
            .first::<(String, NaiveDateTime)>(conn)
            .optional()?;
        let (oldest, oldest_days) = match oldest {
            Some((id, since)) => (
                Some(
                    id.parse()
                        .map_err(|_| DbError::Corrupt(format!("application id '{id}'")))?,
                ),
                Some(wait(since)),
            ),
            None => (None, None),
        };
        stages.push(PipelineStage {
            status,
            count,
            median_days: median,
            oldest_days,
            oldest,
        });
    }
    Ok(stages)
}

/// The kept counts: how many applications entered each status on each day
/// (UTC) and are still in it.
pub fn stage_counts(
    conn: &mut AnyConnection,
) -> DbResult<Vec<(ApplicationStatus, NaiveDate, i64)>> {
    application_stage_days::table
        .select((
            application_stage_days::status,
            application_stage_days::day,
            application_stage_days::count,
        ))
        .order((application_stage_days::status, application_stage_days::day))
        .load::<(String, NaiveDate, i64)>(conn)?
        .into_iter()
        .map(|(status, day, count)| Ok((status.parse().map_err(DbError::Corrupt)?, day, count)))
        .collect()
}

/// When the `index`-th most recent entrant of `status` (from 0) entered it:
/// the day's bucket is found from the counts, then the entry within that day
/// from the index (a walk no longer than one day's entrants).
fn nth_newest_entry(
    conn: &mut AnyConnection,
    status: ApplicationStatus,
    newest_first: &[(NaiveDate, i64)],
    index: i64,
) -> DbResult<Option<NaiveDateTime>> {
    let mut before = 0;
    for (day, count) in newest_first {
        if index < before + count {
            let start = day.and_hms_opt(0, 0, 0).unwrap_or_default();
            let end = day
                .succ_opt()
                .and_then(|d| d.and_hms_opt(0, 0, 0))
                .unwrap_or(NaiveDateTime::MAX);
            return Ok(applications::table
                .filter(applications::status.eq(status.as_str()))
                .filter(applications::status_since.ge(start))
                .filter(applications::status_since.lt(end))
                .order((applications::status_since.desc(), applications::id.desc()))
                .select(applications::status_since)
                .offset(index - before)
                .first::<NaiveDateTime>(conn)
                .optional()?);
        }
        before += count;
    }
    Ok(None)
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
                applications::status_since.eq(now),
                applications::submitted_at.eq(Some(now)),
            ))
            .execute(conn)?
    } else {
        diesel::update(target)
            .set((
                applications::status.eq(to.as_str()),
                applications::version.eq(applications::version + 1i64),
                applications::updated_at.eq(now),
                applications::status_since.eq(now),
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
