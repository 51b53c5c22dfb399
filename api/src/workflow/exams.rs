//! The exam's rules and its views for each audience: the open attempt, the
//! wait before a retake, and what admins, the applicant and scorers see.

use crate::db::exams::{self, Exam};
use crate::db::{AnyConnection, DbResult};
use crate::error::ApiError;
use crate::workflow::Judged;
use chrono::{DateTime, Utc};
use endorse_shared::exam::{self as rules, ExamView, Outcome, ScorerView, VignetteScores};
use endorse_shared::i18n::Text;
use endorse_shared::rulebook::ExamRule;
use endorse_shared::ApplicationId;

pub fn no_application() -> ApiError {
    ApiError::NotFound(Text::new("err-there-no-such-application"))
}

pub use super::not_yours;

pub fn no_scoring() -> ApiError {
    ApiError::NotFound(Text::new("err-there-no-such-exam-you-score"))
}

pub fn rule(judged: &Judged) -> Result<ExamRule, ApiError> {
    judged.category.exam.clone().ok_or_else(|| {
        ApiError::Conflict(
            Text::new("err-category-has-no-exam").with("code", (judged.category.code).to_string()),
        )
    })
}

pub fn wrong_status(judged: &Judged, what: Text) -> ApiError {
    ApiError::Conflict(what.with("status", judged.application.status.text()))
}

/// The attempt being prepared or sat: the latest undecided one, else a new one.
pub fn open_attempt(
    conn: &mut AnyConnection,
    application: ApplicationId,
    now: DateTime<Utc>,
) -> DbResult<Exam> {
    match exams::latest(conn, application)? {
        Some(exam) if exam.result.is_none() => Ok(exam),
        Some(exam) => exams::create(conn, application, exam.attempt + 1, now),
        None => exams::create(conn, application, 1, now),
    }
}

/// When a failed applicant may sit the exam again, if they must still wait.
pub fn retake_wait(
    conn: &mut AnyConnection,
    judged: &Judged,
    rule: &ExamRule,
    now: DateTime<Utc>,
) -> DbResult<Option<DateTime<Utc>>> {
    let last = exams::latest(conn, judged.application.id)?;
    Ok(last
        .filter(|exam| exam.result == Some(Outcome::Failed))
        .and_then(|exam| exam.decided_at)
        .map(|failed_at| rules::retake_from(rule, failed_at))
        .filter(|from| *from > now))
}

/// Who sees the exam.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    Admin,
    Applicant,
}

pub fn view(
    conn: &mut AnyConnection,
    judged: &Judged,
    rule: &ExamRule,
    audience: Audience,
) -> DbResult<ExamView> {
    let exam = exams::latest(conn, judged.application.id)?;
    let scorings = match &exam {
        Some(exam) => exams::scorers(conn, &exam.id)?,
        None => Vec::new(),
    };
    let submitted: Vec<&VignetteScores> = scorings
        .iter()
        .filter(|s| s.submitted_at.is_some())
        .map(|s| &s.marks)
        .collect();
    let part2 = if submitted.len() >= SCORERS {
        rules::part2_outcome(rule, &submitted)
    } else {
        None
    };
    let decided = exam.as_ref().and_then(|e| e.result);
    let admin = audience == Audience::Admin;
    let exam = exam.as_ref();
    Ok(ExamView {
        attempt: exam.map_or(1, |e| e.attempt),
        accommodations_requested: exam
            .map(|e| e.accommodations_requested.clone())
            .unwrap_or_default(),
        starts_at: exam.and_then(|e| e.starts_at),
        ends_at: exam.and_then(|e| e.ends_at),
        mode: exam.and_then(|e| e.mode),
        location: exam.map(|e| e.location.clone()).unwrap_or_default(),
        accommodations: exam.map(|e| e.accommodations.clone()).unwrap_or_default(),
        part1_score: exam.and_then(|e| e.part1_score),
        part1_pass_mark: rules::part1_pass_mark(rule),
        part1_questions: rule.part1_questions,
        vignettes_offered: rule.part2_vignettes_offered,
        vignettes_answered: rule.part2_vignettes_answered,
        answers: exam.map(|e| e.answers.clone()).unwrap_or_default(),
        answers_submitted_at: exam.and_then(|e| e.answers_submitted_at),
        version: exam.map_or(0, |e| e.version),
        part1: exam
            .and_then(|e| e.part1_score)
            .map(|score| rules::part1_outcome(rule, score)),
        part2: part2
            .map(|(outcome, _)| outcome)
            .filter(|_| admin || decided.is_some()),
        part2_mean: part2.map(|(_, mean)| mean).filter(|_| admin),
        result: decided,
        scorers: if admin {
            scorings
                .iter()
                .map(|s| ScorerView {
                    id: s.id,
                    reviewer: s.reviewer,
                    reviewer_name: s.reviewer_name.clone(),
                    marks: s.submitted_at.map(|_| s.marks.clone()),
                    submitted_at: s.submitted_at,
                })
                .collect()
        } else {
            Vec::new()
        },
        retake_from: exam
            .filter(|e| e.result == Some(Outcome::Failed))
            .and_then(|e| e.decided_at)
            .map(|at| rules::retake_from(rule, at)),
    })
}

/// Loads the application for an admin, with its exam rule.
pub fn judged_with_rule(
    conn: &mut AnyConnection,
    id: ApplicationId,
) -> DbResult<Result<(Judged, ExamRule), ApiError>> {
    let Some(judged) = Judged::load(conn, id)? else {
        return Ok(Err(no_application()));
    };
    Ok(rule(&judged).map(|rule| (judged, rule)))
}

/// Scorers per attempt.
pub const SCORERS: usize = 2;
