//! Queries on `exams` (one row per attempt) and `exam_scorings` (a reviewer
//! scoring one attempt's Part 2).

use super::{AnyConnection, DbError, DbResult, Guarded};
use crate::schema::{exam_scorings, exams, users};
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use endorse_shared::exam::{
    ExamMode, Outcome, ScheduleExamRequest, VignetteAnswers, VignetteScores,
};
use endorse_shared::{ApplicationId, AssignmentId, UserId};

/// One attempt.
#[derive(Clone, Debug)]
pub struct Exam {
    /// Its id.
    pub id: String,
    /// The application.
    pub application: ApplicationId,
    /// From 1.
    pub attempt: i64,
    /// What the applicant asked for.
    pub accommodations_requested: String,
    /// Start, once scheduled.
    pub starts_at: Option<DateTime<Utc>>,
    /// End of the answer window.
    pub ends_at: Option<DateTime<Utc>>,
    /// Mode.
    pub mode: Option<ExamMode>,
    /// Where.
    pub location: String,
    /// Accommodations granted.
    pub accommodations: String,
    /// Part 1's score.
    pub part1_score: Option<u32>,
    /// Part 2's answers.
    pub answers: VignetteAnswers,
    /// When they were handed in.
    pub answers_submitted_at: Option<DateTime<Utc>>,
    /// The result, once decided.
    pub result: Option<Outcome>,
    /// When it was decided.
    pub decided_at: Option<DateTime<Utc>>,
    /// Version of the answers.
    pub version: i64,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = exams)]
struct Row {
    id: String,
    application_id: String,
    attempt: i64,
    accommodations_requested: String,
    starts_at: Option<NaiveDateTime>,
    ends_at: Option<NaiveDateTime>,
    mode: Option<String>,
    location: String,
    accommodations: String,
    part1_score: Option<i64>,
    answers: String,
    answers_submitted_at: Option<NaiveDateTime>,
    result: Option<String>,
    decided_at: Option<NaiveDateTime>,
    version: i64,
}

fn corrupt(what: &str, value: &str) -> DbError {
    DbError::Corrupt(format!("{what} '{value}'"))
}

fn outcome(raw: &str) -> Option<Outcome> {
    match raw {
        "passed" => Some(Outcome::Passed),
        "failed" => Some(Outcome::Failed),
        _ => None,
    }
}

fn outcome_str(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Passed => "passed",
        Outcome::Failed => "failed",
    }
}

impl TryFrom<Row> for Exam {
    type Error = DbError;

    fn try_from(row: Row) -> DbResult<Self> {
        Ok(Exam {
            application: row
                .application_id
                .parse()
                .map_err(|_| corrupt("application id", &row.application_id))?,
            attempt: row.attempt,
            accommodations_requested: row.accommodations_requested,
            starts_at: row.starts_at.map(|at| at.and_utc()),
            ends_at: row.ends_at.map(|at| at.and_utc()),
            mode: row
                .mode
                .map(|m| ExamMode::parse(&m).ok_or_else(|| corrupt("exam mode", &m)))
                .transpose()?,
            location: row.location,
            accommodations: row.accommodations,
            part1_score: row
                .part1_score
                .map(|s| u32::try_from(s).map_err(|_| corrupt("part 1 score", &s.to_string())))
                .transpose()?,
            answers: serde_json::from_str(&row.answers)
                .map_err(|error| DbError::Corrupt(format!("exam answers {}: {error}", row.id)))?,
            answers_submitted_at: row.answers_submitted_at.map(|at| at.and_utc()),
            result: row
                .result
                .map(|r| outcome(&r).ok_or_else(|| corrupt("exam result", &r)))
                .transpose()?,
            decided_at: row.decided_at.map(|at| at.and_utc()),
            version: row.version,
            id: row.id,
        })
    }
}

/// The latest attempt of an application.
pub fn latest(conn: &mut AnyConnection, application: ApplicationId) -> DbResult<Option<Exam>> {
    exams::table
        .filter(exams::application_id.eq(application.to_string()))
        .order(exams::attempt.desc())
        .select(Row::as_select())
        .first(conn)
        .optional()?
        .map(Exam::try_from)
        .transpose()
}

/// One attempt by id.
pub fn get(conn: &mut AnyConnection, id: &str) -> DbResult<Option<Exam>> {
    exams::table
        .find(id)
        .select(Row::as_select())
        .first(conn)
        .optional()?
        .map(Exam::try_from)
        .transpose()
}

/// Many exams at once, by id (the ones that do not exist are left out).
pub fn get_many(
    conn: &mut AnyConnection,
    ids: &[String],
) -> DbResult<std::collections::HashMap<String, Exam>> {
    let mut found = std::collections::HashMap::with_capacity(ids.len());
    for chunk in ids.chunks(super::IN_LIST) {
        let rows: Vec<(String, Row)> = exams::table
            .filter(exams::id.eq_any(chunk))
            .select((exams::id, Row::as_select()))
            .load(conn)?;
        for (id, row) in rows {
            found.insert(id, Exam::try_from(row)?);
        }
    }
    Ok(found)
}

/// Starts attempt `attempt` (not yet scheduled).
pub fn create(
    conn: &mut AnyConnection,
    application: ApplicationId,
    attempt: i64,
    now: DateTime<Utc>,
) -> DbResult<Exam> {
    let id = uuid::Uuid::new_v4().to_string();
    let empty = serde_json::to_string(&VignetteAnswers::default())
        .map_err(|error| DbError::Corrupt(error.to_string()))?;
    diesel::insert_into(exams::table)
        .values((
            exams::id.eq(&id),
            exams::application_id.eq(application.to_string()),
            exams::attempt.eq(attempt),
            exams::accommodations_requested.eq(""),
            exams::location.eq(""),
            exams::accommodations.eq(""),
            exams::answers.eq(empty),
            exams::version.eq(1i64),
            exams::updated_at.eq(now.naive_utc()),
        ))
        .execute(conn)?;
    get(conn, &id)?.ok_or(DbError::NotFound)
}

/// Records the applicant's request for accommodations.
pub fn request_accommodations(
    conn: &mut AnyConnection,
    id: &str,
    text: &str,
    now: DateTime<Utc>,
) -> DbResult<()> {
    diesel::update(exams::table.find(id))
        .set((
            exams::accommodations_requested.eq(text),
            exams::updated_at.eq(now.naive_utc()),
        ))
        .execute(conn)?;
    Ok(())
}

/// Books the attempt.
pub fn schedule(
    conn: &mut AnyConnection,
    id: &str,
    request: &ScheduleExamRequest,
    now: DateTime<Utc>,
) -> DbResult<()> {
    diesel::update(exams::table.find(id))
        .set((
            exams::starts_at.eq(Some(request.starts_at.naive_utc())),
            exams::ends_at.eq(Some(request.ends_at.naive_utc())),
            exams::mode.eq(Some(request.mode.as_str())),
            exams::location.eq(request.location.trim()),
            exams::accommodations.eq(request.accommodations.trim()),
            exams::updated_at.eq(now.naive_utc()),
        ))
        .execute(conn)?;
    Ok(())
}

/// Records Part 1's score on an undecided attempt. False if decided.
pub fn set_part1(
    conn: &mut AnyConnection,
    id: &str,
    score: u32,
    now: DateTime<Utc>,
) -> DbResult<bool> {
    let changed = diesel::update(exams::table.find(id).filter(exams::result.is_null()))
        .set((
            exams::part1_score.eq(Some(i64::from(score))),
            exams::updated_at.eq(now.naive_utc()),
        ))
        .execute(conn)?;
    Ok(changed == 1)
}

/// Saves the answers (not yet handed in) if at `expected`.
pub fn save_answers(
    conn: &mut AnyConnection,
    id: &str,
    answers: &VignetteAnswers,
    expected: i64,
    submit: bool,
    now: DateTime<Utc>,
) -> DbResult<Guarded<i64>> {
    let body =
        serde_json::to_string(answers).map_err(|error| DbError::Corrupt(error.to_string()))?;
    let target = exams::table
        .find(id)
        .filter(exams::answers_submitted_at.is_null())
        .filter(exams::version.eq(expected));
    let changed = if submit {
        diesel::update(target)
            .set((
                exams::answers.eq(body),
                exams::answers_submitted_at.eq(Some(now.naive_utc())),
                exams::version.eq(expected + 1),
                exams::updated_at.eq(now.naive_utc()),
            ))
            .execute(conn)?
    } else {
        diesel::update(target)
            .set((
                exams::answers.eq(body),
                exams::version.eq(expected + 1),
                exams::updated_at.eq(now.naive_utc()),
            ))
            .execute(conn)?
    };
    if changed == 1 {
        return Ok(Guarded::Done(expected + 1));
    }
    Ok(match get(conn, id)? {
        None => Guarded::Missing,
        Some(exam) => Guarded::Stale {
            current: exam.version,
        },
    })
}

/// Records the result of an undecided attempt. False if decided.
pub fn decide(
    conn: &mut AnyConnection,
    id: &str,
    result: Outcome,
    now: DateTime<Utc>,
) -> DbResult<bool> {
    let changed = diesel::update(exams::table.find(id).filter(exams::result.is_null()))
        .set((
            exams::result.eq(Some(outcome_str(result))),
            exams::decided_at.eq(Some(now.naive_utc())),
            exams::updated_at.eq(now.naive_utc()),
        ))
        .execute(conn)?;
    Ok(changed == 1)
}

/// A reviewer scoring an attempt.
#[derive(Clone, Debug)]
pub struct Scoring {
    /// Its id.
    pub id: AssignmentId,
    /// The attempt.
    pub exam: String,
    /// The scorer.
    pub reviewer: UserId,
    /// Their name.
    pub reviewer_name: String,
    /// The marks so far.
    pub marks: VignetteScores,
    /// When submitted.
    pub submitted_at: Option<DateTime<Utc>>,
    /// Version of the marks.
    pub version: i64,
}

type ScoringRow = (
    String,
    String,
    String,
    String,
    String,
    Option<NaiveDateTime>,
    i64,
);

fn scoring(row: ScoringRow) -> DbResult<Scoring> {
    let (id, exam, reviewer, name, marks, submitted_at, version) = row;
    Ok(Scoring {
        id: id.parse().map_err(|_| corrupt("scoring id", &id))?,
        reviewer: reviewer
            .parse()
            .map_err(|_| corrupt("user id", &reviewer))?,
        reviewer_name: name,
        marks: serde_json::from_str(&marks)
            .map_err(|error| DbError::Corrupt(format!("marks {id}: {error}")))?,
        submitted_at: submitted_at.map(|at| at.and_utc()),
        version,
        exam,
    })
}

macro_rules! scorings {
    () => {
        exam_scorings::table
            .inner_join(users::table.on(users::id.eq(exam_scorings::reviewer_id)))
            .select((
                exam_scorings::id,
                exam_scorings::exam_id,
                exam_scorings::reviewer_id,
                users::name,
                exam_scorings::marks,
                exam_scorings::submitted_at,
                exam_scorings::version,
            ))
    };
}

/// Adds a scorer. Twice is [`DbError::UniqueViolation`].
pub fn add_scorer(
    conn: &mut AnyConnection,
    exam: &str,
    reviewer: UserId,
    now: DateTime<Utc>,
) -> DbResult<AssignmentId> {
    let id = AssignmentId::from_uuid(uuid::Uuid::new_v4());
    let empty = serde_json::to_string(&VignetteScores::default())
        .map_err(|error| DbError::Corrupt(error.to_string()))?;
    diesel::insert_into(exam_scorings::table)
        .values((
            exam_scorings::id.eq(id.to_string()),
            exam_scorings::exam_id.eq(exam),
            exam_scorings::reviewer_id.eq(reviewer.to_string()),
            exam_scorings::assigned_at.eq(now.naive_utc()),
            exam_scorings::marks.eq(empty),
            exam_scorings::version.eq(1i64),
            exam_scorings::updated_at.eq(now.naive_utc()),
        ))
        .execute(conn)?;
    Ok(id)
}

/// The scorers of an attempt.
pub fn scorers(conn: &mut AnyConnection, exam: &str) -> DbResult<Vec<Scoring>> {
    scorings!()
        .filter(exam_scorings::exam_id.eq(exam))
        .order((exam_scorings::assigned_at.asc(), exam_scorings::id.asc()))
        .load::<ScoringRow>(conn)?
        .into_iter()
        .map(scoring)
        .collect()
}

/// One scoring.
pub fn scoring_by_id(conn: &mut AnyConnection, id: AssignmentId) -> DbResult<Option<Scoring>> {
    scorings!()
        .filter(exam_scorings::id.eq(id.to_string()))
        .first::<ScoringRow>(conn)
        .optional()?
        .map(scoring)
        .transpose()
}

/// A reviewer's scorings, newest first.
pub fn for_reviewer(conn: &mut AnyConnection, reviewer: UserId) -> DbResult<Vec<Scoring>> {
    scorings!()
        .filter(exam_scorings::reviewer_id.eq(reviewer.to_string()))
        .order((exam_scorings::assigned_at.desc(), exam_scorings::id.asc()))
        .load::<ScoringRow>(conn)?
        .into_iter()
        .map(scoring)
        .collect()
}

/// Saves marks (not yet submitted) if at `expected`; `submit` makes them final.
pub fn save_marks(
    conn: &mut AnyConnection,
    id: AssignmentId,
    marks: &VignetteScores,
    expected: i64,
    submit: bool,
    now: DateTime<Utc>,
) -> DbResult<Guarded<i64>> {
    let body = serde_json::to_string(marks).map_err(|error| DbError::Corrupt(error.to_string()))?;
    let target = exam_scorings::table
        .filter(exam_scorings::id.eq(id.to_string()))
        .filter(exam_scorings::submitted_at.is_null())
        .filter(exam_scorings::version.eq(expected));
    let changed = if submit {
        diesel::update(target)
            .set((
                exam_scorings::marks.eq(body),
                exam_scorings::submitted_at.eq(Some(now.naive_utc())),
                exam_scorings::version.eq(expected + 1),
                exam_scorings::updated_at.eq(now.naive_utc()),
            ))
            .execute(conn)?
    } else {
        diesel::update(target)
            .set((
                exam_scorings::marks.eq(body),
                exam_scorings::version.eq(expected + 1),
                exam_scorings::updated_at.eq(now.naive_utc()),
            ))
            .execute(conn)?
    };
    if changed == 1 {
        return Ok(Guarded::Done(expected + 1));
    }
    Ok(match scoring_by_id(conn, id)? {
        None => Guarded::Missing,
        Some(found) => Guarded::Stale {
            current: found.version,
        },
    })
}
