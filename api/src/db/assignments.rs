//! Queries on `assignments` (a reviewer on one round of an application, with
//! the review written on it) and `conflict_declarations`.

use super::{AnyConnection, DbError, DbResult, Guarded};
use crate::schema::{applications, assignments, conflict_declarations, users};
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use endorse_shared::applications::ApplicationStatus;
use endorse_shared::review::{AssignmentState, AssignmentView, ReviewForm};
use endorse_shared::{ApplicationId, AssignmentId, UserId};
use std::collections::HashMap;

/// Statuses in which an open assignment is work to do.
pub const IN_REVIEW: [ApplicationStatus; 4] = [
    ApplicationStatus::Submitted,
    ApplicationStatus::UnderReview,
    ApplicationStatus::RevisionRequested,
    ApplicationStatus::OnHold,
];

/// An assignment as stored, with the reviewer's name and e-mail.
#[derive(Clone, Debug)]
pub struct Assignment {
    /// Its id.
    pub id: AssignmentId,
    /// The application.
    pub application: ApplicationId,
    /// The reviewer.
    pub reviewer: UserId,
    /// The reviewer's name.
    pub reviewer_name: String,
    /// The reviewer's e-mail.
    pub reviewer_email: String,
    /// Whether an admin disabled the reviewer's account.
    pub reviewer_disabled: bool,
    /// The submission round.
    pub round: i64,
    /// Given at.
    pub assigned_at: DateTime<Utc>,
    /// Due at.
    pub due_at: DateTime<Utc>,
    /// Why an admin assigned despite a conflict.
    pub override_reason: Option<String>,
    /// Where it stands.
    pub state: AssignmentState,
    /// Why it was released.
    pub released_reason: Option<String>,
    /// The review, draft or submitted.
    pub review: ReviewForm,
    /// Submitted at.
    pub submitted_at: Option<DateTime<Utc>>,
    /// Optimistic-concurrency version of the review.
    pub version: i64,
}

impl Assignment {
    /// Whether the review is late at `now`.
    pub fn overdue(&self, now: DateTime<Utc>) -> bool {
        self.state == AssignmentState::Active && now > self.due_at
    }

    /// The staff's view.
    pub fn view(&self, now: DateTime<Utc>) -> AssignmentView {
        AssignmentView {
            id: self.id,
            application: self.application,
            reviewer: self.reviewer,
            reviewer_name: self.reviewer_name.clone(),
            reviewer_disabled: self.reviewer_disabled,
            round: self.round,
            assigned_at: self.assigned_at,
            due_at: self.due_at,
            state: self.state,
            overdue: self.overdue(now),
            submitted_at: self.submitted_at,
            override_reason: self.override_reason.clone(),
            released_reason: self.released_reason.clone(),
        }
    }
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = assignments)]
struct Row {
    id: String,
    application_id: String,
    reviewer_id: String,
    round: i64,
    assigned_at: NaiveDateTime,
    due_at: NaiveDateTime,
    override_reason: Option<String>,
    state: String,
    released_reason: Option<String>,
    review: String,
    submitted_at: Option<NaiveDateTime>,
    version: i64,
}

fn corrupt(what: &str, value: &str) -> DbError {
    DbError::Corrupt(format!("{what} '{value}'"))
}

type Who = (String, String, Option<NaiveDateTime>);

fn from_row((row, (name, email, disabled_at)): (Row, Who)) -> DbResult<Assignment> {
    Ok(Assignment {
        id: row
            .id
            .parse()
            .map_err(|_| corrupt("assignment id", &row.id))?,
        application: row
            .application_id
            .parse()
            .map_err(|_| corrupt("application id", &row.application_id))?,
        reviewer: row
            .reviewer_id
            .parse()
            .map_err(|_| corrupt("user id", &row.reviewer_id))?,
        reviewer_name: name,
        reviewer_email: email,
        reviewer_disabled: disabled_at.is_some(),
        round: row.round,
        assigned_at: row.assigned_at.and_utc(),
        due_at: row.due_at.and_utc(),
        override_reason: row.override_reason,
        state: AssignmentState::parse(&row.state)
            .ok_or_else(|| corrupt("assignment state", &row.state))?,
        released_reason: row.released_reason,
        review: serde_json::from_str(&row.review)
            .map_err(|error| DbError::Corrupt(format!("review of {}: {error}", row.id)))?,
        submitted_at: row.submitted_at.map(|at| at.and_utc()),
        version: row.version,
    })
}

/// Assignments with their reviewer.
macro_rules! joined {
    () => {
        assignments::table.inner_join(users::table.on(users::id.eq(assignments::reviewer_id)))
    };
}

/// A new assignment.
pub struct NewAssignment<'a> {
    /// The application.
    pub application: ApplicationId,
    /// The reviewer.
    pub reviewer: UserId,
    /// The round.
    pub round: i64,
    /// The admin assigning.
    pub assigned_by: UserId,
    /// When the review is due.
    pub due_at: DateTime<Utc>,
    /// Why, despite a conflict.
    pub override_reason: Option<&'a str>,
}

/// Stores an assignment. A live one for the same reviewer, application and
/// round is [`DbError::UniqueViolation`].
pub fn insert(
    conn: &mut AnyConnection,
    new: &NewAssignment<'_>,
    now: DateTime<Utc>,
) -> DbResult<AssignmentId> {
    let id = AssignmentId::from_uuid(uuid::Uuid::new_v4());
    let empty = serde_json::to_string(&ReviewForm::default())
        .map_err(|error| DbError::Corrupt(error.to_string()))?;
    diesel::insert_into(assignments::table)
        .values((
            assignments::id.eq(id.to_string()),
            assignments::application_id.eq(new.application.to_string()),
            assignments::reviewer_id.eq(new.reviewer.to_string()),
            assignments::round.eq(new.round),
            assignments::assigned_by.eq(new.assigned_by.to_string()),
            assignments::assigned_at.eq(now.naive_utc()),
            assignments::due_at.eq(new.due_at.naive_utc()),
            assignments::override_reason.eq(new.override_reason),
            assignments::state.eq(AssignmentState::Active.as_str()),
            assignments::review.eq(empty),
            assignments::version.eq(1i64),
            assignments::updated_at.eq(now.naive_utc()),
        ))
        .execute(conn)?;
    Ok(id)
}

/// One assignment.
pub fn get(conn: &mut AnyConnection, id: AssignmentId) -> DbResult<Option<Assignment>> {
    joined!()
        .filter(assignments::id.eq(id.to_string()))
        .select((
            Row::as_select(),
            (users::name, users::email, users::disabled_at),
        ))
        .first::<(Row, Who)>(conn)
        .optional()?
        .map(from_row)
        .transpose()
}

/// Every assignment of an application, oldest first.
pub fn for_application(
    conn: &mut AnyConnection,
    application: ApplicationId,
) -> DbResult<Vec<Assignment>> {
    joined!()
        .filter(assignments::application_id.eq(application.to_string()))
        .order((assignments::assigned_at.asc(), assignments::id.asc()))
        .select((
            Row::as_select(),
            (users::name, users::email, users::disabled_at),
        ))
        .load::<(Row, Who)>(conn)?
        .into_iter()
        .map(from_row)
        .collect()
}

/// A reviewer's assignments that are not released, the soonest due first.
pub fn for_reviewer(conn: &mut AnyConnection, reviewer: UserId) -> DbResult<Vec<Assignment>> {
    joined!()
        .filter(assignments::reviewer_id.eq(reviewer.to_string()))
        .filter(assignments::state.ne(AssignmentState::Released.as_str()))
        .order((assignments::due_at.asc(), assignments::id.asc()))
        .select((
            Row::as_select(),
            (users::name, users::email, users::disabled_at),
        ))
        .load::<(Row, Who)>(conn)?
        .into_iter()
        .map(from_row)
        .collect()
}

/// Open reviews per reviewer: active assignments on applications still in
/// review.
pub fn loads(conn: &mut AnyConnection) -> DbResult<HashMap<UserId, u32>> {
    let statuses: Vec<&str> = IN_REVIEW.iter().map(|s| s.as_str()).collect();
    let rows: Vec<String> = assignments::table
        .inner_join(applications::table)
        .filter(assignments::state.eq(AssignmentState::Active.as_str()))
        .filter(applications::status.eq_any(statuses))
        .select(assignments::reviewer_id)
        .load(conn)?;
    let mut loads = HashMap::new();
    for reviewer in rows {
        let id: UserId = reviewer
            .parse()
            .map_err(|_| corrupt("user id", &reviewer))?;
        *loads.entry(id).or_insert(0) += 1;
    }
    Ok(loads)
}

/// Active assignments on applications in review that are due before
/// `before`, with the application's category (for reminders and the overdue
/// count).
pub fn active_due_before(
    conn: &mut AnyConnection,
    before: DateTime<Utc>,
) -> DbResult<Vec<DueAssignment>> {
    let statuses: Vec<&str> = IN_REVIEW.iter().map(|s| s.as_str()).collect();
    let applicant = diesel::alias!(users as applicant);
    let rows: Vec<(Row, Who, String, String)> = assignments::table
        .inner_join(users::table.on(users::id.eq(assignments::reviewer_id)))
        .inner_join(applications::table)
        .inner_join(applicant.on(applicant.field(users::id).eq(applications::applicant_id)))
        .filter(assignments::state.eq(AssignmentState::Active.as_str()))
        .filter(applications::status.eq_any(statuses))
        .filter(assignments::due_at.lt(before.naive_utc()))
        .order(assignments::due_at.asc())
        .select((
            Row::as_select(),
            (users::name, users::email, users::disabled_at),
            applications::category,
            applicant.field(users::name),
        ))
        .load(conn)?;
    rows.into_iter()
        .map(|(row, who, category, applicant_name)| {
            Ok(DueAssignment {
                assignment: from_row((row, who))?,
                category,
                applicant_name,
            })
        })
        .collect()
}

/// An active assignment with its due date near or past, with what the
/// reminders and the overview need of its application (one query for all).
#[derive(Clone, Debug)]
pub struct DueAssignment {
    /// The assignment, with its reviewer.
    pub assignment: Assignment,
    /// The application's category code.
    pub category: String,
    /// The applicant's name.
    pub applicant_name: String,
}

/// Saves a draft review if the assignment is active and at `expected`.
pub fn save_review(
    conn: &mut AnyConnection,
    id: AssignmentId,
    review: &ReviewForm,
    expected: i64,
    now: DateTime<Utc>,
) -> DbResult<Guarded<i64>> {
    let body =
        serde_json::to_string(review).map_err(|error| DbError::Corrupt(error.to_string()))?;
    let changed = diesel::update(
        assignments::table
            .filter(assignments::id.eq(id.to_string()))
            .filter(assignments::state.eq(AssignmentState::Active.as_str()))
            .filter(assignments::version.eq(expected)),
    )
    .set((
        assignments::review.eq(body),
        assignments::version.eq(expected + 1),
        assignments::updated_at.eq(now.naive_utc()),
    ))
    .execute(conn)?;
    if changed == 1 {
        return Ok(Guarded::Done(expected + 1));
    }
    let current: Option<i64> = assignments::table
        .filter(assignments::id.eq(id.to_string()))
        .select(assignments::version)
        .first(conn)
        .optional()?;
    Ok(match current {
        None => Guarded::Missing,
        Some(current) => Guarded::Stale { current },
    })
}

/// Marks an active assignment at `expected` submitted. False if it changed.
pub fn submit(
    conn: &mut AnyConnection,
    id: AssignmentId,
    expected: i64,
    now: DateTime<Utc>,
) -> DbResult<bool> {
    let changed = diesel::update(
        assignments::table
            .filter(assignments::id.eq(id.to_string()))
            .filter(assignments::state.eq(AssignmentState::Active.as_str()))
            .filter(assignments::version.eq(expected)),
    )
    .set((
        assignments::state.eq(AssignmentState::Submitted.as_str()),
        assignments::submitted_at.eq(Some(now.naive_utc())),
        assignments::version.eq(expected + 1),
        assignments::updated_at.eq(now.naive_utc()),
    ))
    .execute(conn)?;
    Ok(changed == 1)
}

/// Releases an active assignment. False if it was not active.
pub fn release(
    conn: &mut AnyConnection,
    id: AssignmentId,
    reason: &str,
    now: DateTime<Utc>,
) -> DbResult<bool> {
    let changed = diesel::update(
        assignments::table
            .filter(assignments::id.eq(id.to_string()))
            .filter(assignments::state.eq(AssignmentState::Active.as_str())),
    )
    .set((
        assignments::state.eq(AssignmentState::Released.as_str()),
        assignments::released_reason.eq(Some(reason)),
        assignments::version.eq(assignments::version + 1),
        assignments::updated_at.eq(now.naive_utc()),
    ))
    .execute(conn)?;
    Ok(changed == 1)
}

/// Records a conflict a reviewer declared with an applicant.
pub fn declare_conflict(
    conn: &mut AnyConnection,
    reviewer: UserId,
    applicant: UserId,
    reason: &str,
    now: DateTime<Utc>,
) -> DbResult<()> {
    diesel::insert_into(conflict_declarations::table)
        .values((
            conflict_declarations::id.eq(uuid::Uuid::new_v4().to_string()),
            conflict_declarations::reviewer_id.eq(reviewer.to_string()),
            conflict_declarations::applicant_id.eq(applicant.to_string()),
            conflict_declarations::reason.eq(reason),
            conflict_declarations::declared_at.eq(now.naive_utc()),
        ))
        .execute(conn)?;
    Ok(())
}

/// The conflicts declared with an applicant: which reviewer, and why.
pub fn declared_conflicts(
    conn: &mut AnyConnection,
    applicant: UserId,
) -> DbResult<Vec<(UserId, String)>> {
    Ok(declared_conflicts_of(conn, &[applicant])?
        .remove(&applicant)
        .unwrap_or_default())
}

/// The conflicts declared with many applicants at once, by applicant, each in
/// the order declared.
pub fn declared_conflicts_of(
    conn: &mut AnyConnection,
    applicants: &[UserId],
) -> DbResult<HashMap<UserId, Vec<(UserId, String)>>> {
    let mut found: HashMap<UserId, Vec<(UserId, String)>> = HashMap::new();
    for chunk in applicants.chunks(super::IN_LIST) {
        let ids: Vec<String> = chunk.iter().map(ToString::to_string).collect();
        let rows: Vec<(String, String, String)> = conflict_declarations::table
            .filter(conflict_declarations::applicant_id.eq_any(ids))
            .order(conflict_declarations::declared_at.asc())
            .select((
                conflict_declarations::applicant_id,
                conflict_declarations::reviewer_id,
                conflict_declarations::reason,
            ))
            .load(conn)?;
        for (applicant, reviewer, reason) in rows {
            let applicant: UserId = applicant
                .parse()
                .map_err(|_| corrupt("user id", &applicant))?;
            let reviewer: UserId = reviewer
                .parse()
                .map_err(|_| corrupt("user id", &reviewer))?;
            found.entry(applicant).or_default().push((reviewer, reason));
        }
    }
    Ok(found)
}
