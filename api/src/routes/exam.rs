//! The exam: admins schedule it, record Part 1 and choose two scorers; the
//! applicant asks for accommodations and writes Part 2's answers in the app
//! during the window; scorers mark the answers without knowing whose they
//! are; the result follows from both parts. A failed exam may be retaken
//! after the rulebook's wait.

use crate::auth::{AuthUser, RequireAdmin, RequireReviewer};
use crate::db::exams::{self, Exam, Scoring};
use crate::db::{outbox, AnyConnection, DbError, DbResult};
use crate::error::{ApiError, ApiResult};
use crate::mail::templates::Context;
use crate::routes::auth::peer_ip;
use crate::routes::review::{candidates, note, reference, take_action, Judged};
use crate::routes::versioning::{self, etag, IfMatch};
use crate::state::AppState;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};
use endorse_shared::applications::ApplicationStatus;
use endorse_shared::exam::{
    self as rules, AccommodationsRequest, ExamView, Outcome, Part1Request, ScheduleExamRequest,
    ScorerView, ScoringPacket, ScoringSummary, VignetteAnswers, VignetteScores,
};
use endorse_shared::process::Action;
use endorse_shared::review::AssignRequest;
use endorse_shared::rulebook::ExamRule;
use endorse_shared::{ApplicationId, AssignmentId, Problem, Role, UserId};

/// Scorers per attempt.
const SCORERS: usize = 2;

fn no_application() -> ApiError {
    ApiError::NotFound("There is no such application.".into())
}

fn not_yours() -> ApiError {
    ApiError::NotFound("There is no such application of yours.".into())
}

fn no_scoring() -> ApiError {
    ApiError::NotFound("There is no such exam for you to score.".into())
}

fn rule(judged: &Judged) -> Result<ExamRule, ApiError> {
    judged.category.exam.clone().ok_or_else(|| {
        ApiError::Conflict(format!(
            "The {} category has no exam.",
            judged.category.code
        ))
    })
}

fn wrong_status(judged: &Judged, what: &str) -> ApiError {
    ApiError::Conflict(format!(
        "{what}; the application is {}.",
        judged.application.status.label()
    ))
}

/// The attempt being prepared or sat: the latest undecided one, else a new one.
fn open_attempt(
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
fn retake_wait(
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
enum Audience {
    Admin,
    Applicant,
}

fn view(
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
fn judged_with_rule(
    conn: &mut AnyConnection,
    id: ApplicationId,
) -> DbResult<Result<(Judged, ExamRule), ApiError>> {
    let Some(judged) = Judged::load(conn, id)? else {
        return Ok(Err(no_application()));
    };
    Ok(rule(&judged).map(|rule| (judged, rule)))
}

/// Admins: the exam of an application (the latest attempt).
#[utoipa::path(
    get,
    path = "/api/v1/applications/{id}/exam",
    tag = "exam",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The application")),
    responses(
        (status = 200, description = "The latest attempt, or an empty first one", body = ExamView),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such application", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The category has no exam", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_exam(
    state: web::Data<AppState>,
    _admin: RequireAdmin,
    id: web::Path<ApplicationId>,
) -> ApiResult<web::Json<ExamView>> {
    let id = id.into_inner();
    let view = state
        .db
        .run(move |conn| {
            let (judged, rule) = match judged_with_rule(conn, id)? {
                Ok(found) => found,
                Err(refused) => return Ok(Err(refused)),
            };
            Ok(Ok(view(conn, &judged, &rule, Audience::Admin)?))
        })
        .await??;
    Ok(web::Json(view))
}

fn decision_mail(
    state: &AppState,
    conn: &mut AnyConnection,
    judged: &Judged,
    outcome: &str,
    feedback: Option<&str>,
    now: DateTime<Utc>,
) -> DbResult<()> {
    let message = Context {
        mail: &state.settings.mail,
        public_url: &state.settings.public_url,
    }
    .decision(
        &judged.application.applicant.email,
        &judged.application.applicant.name,
        &judged.category.name,
        outcome,
        feedback,
    );
    outbox::enqueue(conn, &message, now)?;
    Ok(())
}

/// Admins: schedule the exam (first sitting, or a retake once the wait is
/// over). The applicant is told by mail.
#[utoipa::path(
    post,
    path = "/api/v1/applications/{id}/exam",
    tag = "exam",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The application")),
    request_body = ScheduleExamRequest,
    responses(
        (status = 200, description = "Scheduled", body = ExamView),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such application", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not approved for the exam, no exam in the category, or the retake wait is not over (the problem says until when)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field is wrong", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn schedule_exam(
    state: web::Data<AppState>,
    RequireAdmin(admin): RequireAdmin,
    request: HttpRequest,
    id: web::Path<ApplicationId>,
    body: web::Json<ScheduleExamRequest>,
) -> ApiResult<web::Json<ExamView>> {
    let id = id.into_inner();
    let body = body.into_inner();
    let now = state.clock.now();
    let problems = body.problems(now);
    if !problems.is_empty() {
        return Err(ApiError::Validation(problems));
    }
    let ip = peer_ip(&request);
    let app_state = state.clone();
    let view = state
        .db
        .attempt(move |conn| {
            let (judged, rule) = match judged_with_rule(conn, id)? {
                Ok(found) => found,
                Err(refused) => return Ok(Err(refused)),
            };
            if !matches!(
                judged.application.status,
                ApplicationStatus::ApprovedForExam | ApplicationStatus::ExamFailed
            ) {
                return Ok(Err(wrong_status(
                    &judged,
                    "The exam is scheduled once the applicant is approved for it (or failed it and may retake)",
                )));
            }
            if let Some(from) = retake_wait(conn, &judged, &rule, now)? {
                return Ok(Err(ApiError::Conflict(format!(
                    "A failed exam may be retaken from {} (the rulebook's wait is {} days).",
                    from.format("%B %-d, %Y"),
                    rule.retake_after_days
                ))));
            }
            let exam = open_attempt(conn, id, now)?;
            exams::schedule(conn, &exam.id, &body, now)?;
            let when = body.starts_at.format("%B %-d, %Y at %H:%M UTC").to_string();
            if let Err(refused) = take_action(
                conn,
                &judged,
                Action::ScheduleExam,
                (Role::Admin, admin.id),
                ip.as_deref(),
                None,
                format!(
                    "Exam attempt {} scheduled for {when} ({}).",
                    exam.attempt,
                    body.mode.label()
                ),
                now,
            )? {
                return Ok(Err(refused));
            }
            let mut details = format!("{}; {}", body.mode.label(), body.location.trim());
            if !body.accommodations.trim().is_empty() {
                details.push_str(&format!(
                    ". Accommodations: {}",
                    body.accommodations.trim()
                ));
            }
            decision_mail(
                &app_state,
                conn,
                &judged,
                &format!("scheduled to sit the exam on {when}"),
                Some(&details),
                now,
            )?;
            let judged = Judged::load(conn, id)?.ok_or(DbError::NotFound)?;
            Ok(Ok(view(conn, &judged, &rule, Audience::Admin)?))
        })
        .await??;
    Ok(web::Json(view))
}

/// Admins: record Part 1's score (correct answers out of the questions).
#[utoipa::path(
    post,
    path = "/api/v1/applications/{id}/exam/part1",
    tag = "exam",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The application")),
    request_body = Part1Request,
    responses(
        (status = 200, description = "Recorded", body = ExamView),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such application", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "No exam is scheduled", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "More than the questions", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn record_part1(
    state: web::Data<AppState>,
    RequireAdmin(admin): RequireAdmin,
    request: HttpRequest,
    id: web::Path<ApplicationId>,
    body: web::Json<Part1Request>,
) -> ApiResult<web::Json<ExamView>> {
    let id = id.into_inner();
    let score = body.score;
    let now = state.clock.now();
    let ip = peer_ip(&request);
    let view = state
        .db
        .attempt(move |conn| {
            let (judged, rule) = match judged_with_rule(conn, id)? {
                Ok(found) => found,
                Err(refused) => return Ok(Err(refused)),
            };
            if judged.application.status != ApplicationStatus::ExamScheduled {
                return Ok(Err(wrong_status(
                    &judged,
                    "Part 1 is recorded once the exam is scheduled",
                )));
            }
            if score > rule.part1_questions {
                return Ok(Err(ApiError::field(
                    "score",
                    &format!("must be between 0 and {}", rule.part1_questions),
                )));
            }
            let exam = open_attempt(conn, id, now)?;
            if !exams::set_part1(conn, &exam.id, score, now)? {
                return Err(DbError::Conflict);
            }
            note(
                conn,
                id,
                (Role::Admin, admin.id),
                ip.as_deref(),
                "record_part1",
                None,
                format!(
                    "Part 1 of attempt {}: {score} of {} (pass mark {}).",
                    exam.attempt,
                    rule.part1_questions,
                    rules::part1_pass_mark(&rule)
                ),
                now,
            )?;
            Ok(Ok(view(conn, &judged, &rule, Audience::Admin)?))
        })
        .await??;
    Ok(web::Json(view))
}

/// Admins: choose a reviewer to score Part 2 (two per attempt; eligibility
/// and conflicts as for reviews, without override).
#[utoipa::path(
    post,
    path = "/api/v1/applications/{id}/exam/scorers",
    tag = "exam",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The application")),
    request_body = AssignRequest,
    responses(
        (status = 200, description = "Added", body = ExamView),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such application", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "No exam is scheduled, both scorers are chosen, or this one already is", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not an eligible reviewer free of conflicts", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn add_scorer(
    state: web::Data<AppState>,
    RequireAdmin(admin): RequireAdmin,
    request: HttpRequest,
    id: web::Path<ApplicationId>,
    body: web::Json<AssignRequest>,
) -> ApiResult<web::Json<ExamView>> {
    let id = id.into_inner();
    let reviewer = body.reviewer;
    let now = state.clock.now();
    let ip = peer_ip(&request);
    let view = state
        .db
        .attempt(move |conn| {
            let (judged, rule) = match judged_with_rule(conn, id)? {
                Ok(found) => found,
                Err(refused) => return Ok(Err(refused)),
            };
            if judged.application.status != ApplicationStatus::ExamScheduled {
                return Ok(Err(wrong_status(
                    &judged,
                    "Scorers are chosen once the exam is scheduled",
                )));
            }
            let exam = open_attempt(conn, id, now)?;
            let current = exams::scorers(conn, &exam.id)?;
            if current.iter().any(|s| s.reviewer == reviewer) {
                return Ok(Err(ApiError::Conflict(
                    "This reviewer already scores this exam.".into(),
                )));
            }
            if current.len() >= SCORERS {
                return Ok(Err(ApiError::Conflict(format!(
                    "Part 2 is scored by {SCORERS} reviewers, and both are chosen."
                ))));
            }
            let people = candidates(conn, &judged, &[], now)?;
            let Some(candidate) = people.iter().find(|c| c.reviewer == reviewer) else {
                return Ok(Err(ApiError::field("reviewer", "is not a peer reviewer")));
            };
            if let Some(why) = &candidate.ineligible {
                return Ok(Err(ApiError::field(
                    "reviewer",
                    &format!("may not score: {why}"),
                )));
            }
            if let Some(conflict) = candidate.conflicts.first() {
                return Ok(Err(ApiError::field(
                    "reviewer",
                    &format!("has a conflict of interest: {}", conflict.describe()),
                )));
            }
            match exams::add_scorer(conn, &exam.id, reviewer, now) {
                Ok(_) => {}
                Err(DbError::UniqueViolation(_)) => {
                    return Ok(Err(ApiError::Conflict(
                        "This reviewer already scores this exam.".into(),
                    )))
                }
                Err(other) => return Err(other),
            }
            note(
                conn,
                id,
                (Role::Admin, admin.id),
                ip.as_deref(),
                "add_scorer",
                None,
                format!(
                    "{} will score Part 2 of attempt {}.",
                    candidate.name, exam.attempt
                ),
                now,
            )?;
            Ok(Ok(view(conn, &judged, &rule, Audience::Admin)?))
        })
        .await??;
    Ok(web::Json(view))
}

/// Admins: record the result, which follows from both parts: Part 1's
/// score against the pass mark, Part 2's mean mark against the rulebook's.
#[utoipa::path(
    post,
    path = "/api/v1/applications/{id}/exam/result",
    tag = "exam",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The application")),
    responses(
        (status = 200, description = "Recorded; the application is now exam passed or exam failed", body = ExamView),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such application", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not everything is in yet (the problem says what is missing)", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn record_result(
    state: web::Data<AppState>,
    RequireAdmin(admin): RequireAdmin,
    request: HttpRequest,
    id: web::Path<ApplicationId>,
) -> ApiResult<web::Json<ExamView>> {
    let id = id.into_inner();
    let now = state.clock.now();
    let ip = peer_ip(&request);
    let app_state = state.clone();
    let view = state
        .db
        .attempt(move |conn| {
            let (judged, rule) = match judged_with_rule(conn, id)? {
                Ok(found) => found,
                Err(refused) => return Ok(Err(refused)),
            };
            if judged.application.status != ApplicationStatus::ExamScheduled {
                return Ok(Err(wrong_status(&judged, "A result is recorded for a scheduled exam")));
            }
            let exam = open_attempt(conn, id, now)?;
            let scorings = exams::scorers(conn, &exam.id)?;
            let marks: Vec<&VignetteScores> = scorings
                .iter()
                .filter(|s| s.submitted_at.is_some())
                .map(|s| &s.marks)
                .collect();
            let mut missing = Vec::new();
            if exam.part1_score.is_none() {
                missing.push("Part 1's score".to_string());
            }
            if marks.len() < SCORERS {
                missing.push(format!(
                    "{} of {SCORERS} scorers' marks",
                    SCORERS - marks.len()
                ));
            }
            let (Some(score), Some((part2, mean)), true) = (
                exam.part1_score,
                rules::part2_outcome(&rule, &marks),
                missing.is_empty(),
            ) else {
                if missing.is_empty() {
                    missing.push("Part 2's marks".into());
                }
                return Ok(Err(ApiError::Conflict(format!(
                    "The result needs {} first.",
                    missing.join(" and ")
                ))));
            };
            let part1 = rules::part1_outcome(&rule, score);
            let result = rules::result(part1, part2);
            let words = |o: Outcome| match o {
                Outcome::Passed => "passed",
                Outcome::Failed => "not passed",
            };
            let details = format!(
                "Attempt {}: Part 1 {score} of {} (pass mark {}), {}; Part 2 mean {mean:.2} (pass {}), {}.",
                exam.attempt,
                rule.part1_questions,
                rules::part1_pass_mark(&rule),
                words(part1),
                rule.part2_pass_score,
                words(part2),
            );
            let action = match result {
                Outcome::Passed => Action::RecordExamPassed,
                Outcome::Failed => Action::RecordExamFailed,
            };
            if let Err(refused) = take_action(
                conn,
                &judged,
                action,
                (Role::Admin, admin.id),
                ip.as_deref(),
                None,
                details,
                now,
            )? {
                return Ok(Err(refused));
            }
            if !exams::decide(conn, &exam.id, result, now)? {
                return Err(DbError::Conflict);
            }
            let (outcome, feedback) = match result {
                Outcome::Passed => ("passed the exam".to_string(), None),
                Outcome::Failed => (
                    "did not pass the exam".to_string(),
                    Some(format!(
                        "Part 1: {}. Part 2: {}. You may sit the exam again from {}.",
                        words(part1),
                        words(part2),
                        rules::retake_from(&rule, now).format("%B %-d, %Y")
                    )),
                ),
            };
            decision_mail(&app_state, conn, &judged, &outcome, feedback.as_deref(), now)?;
            let judged = Judged::load(conn, id)?.ok_or(DbError::NotFound)?;
            Ok(Ok(view(conn, &judged, &rule, Audience::Admin)?))
        })
        .await??;
    Ok(web::Json(view))
}

// ---------------------------------------------------------------------------
// The applicant's side

fn own(
    conn: &mut AnyConnection,
    owner: UserId,
    id: ApplicationId,
) -> DbResult<Result<(Judged, ExamRule), ApiError>> {
    let Some(judged) = Judged::load(conn, id)?.filter(|j| j.application.applicant.id == owner)
    else {
        return Ok(Err(not_yours()));
    };
    Ok(rule(&judged).map(|rule| (judged, rule)))
}

/// Applicants: their exam (the latest attempt).
#[utoipa::path(
    get,
    path = "/api/v1/me/applications/{id}/exam",
    tag = "exam",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The application")),
    responses(
        (status = 200, description = "The exam; its version is also the ETag", body = ExamView),
        (status = 404, description = "No such application of yours", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The category has no exam", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_my_exam(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    id: web::Path<ApplicationId>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let view = state
        .db
        .run(move |conn| {
            let (judged, rule) = match own(conn, user.id, id)? {
                Ok(found) => found,
                Err(refused) => return Ok(Err(refused)),
            };
            Ok(Ok(view(conn, &judged, &rule, Audience::Applicant)?))
        })
        .await??;
    Ok(HttpResponse::Ok()
        .insert_header(etag(view.version))
        .json(view))
}

/// Applicants: ask for accommodations (before the exam starts).
#[utoipa::path(
    put,
    path = "/api/v1/me/applications/{id}/exam/accommodations",
    tag = "exam",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The application")),
    request_body = AccommodationsRequest,
    responses(
        (status = 200, description = "Recorded", body = ExamView),
        (status = 404, description = "No such application of yours", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not approved for the exam, or it has started", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Too long", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn request_accommodations(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    id: web::Path<ApplicationId>,
    body: web::Json<AccommodationsRequest>,
) -> ApiResult<web::Json<ExamView>> {
    let id = id.into_inner();
    let body = body.into_inner();
    let problems = body.problems();
    if !problems.is_empty() {
        return Err(ApiError::Validation(problems));
    }
    let now = state.clock.now();
    let view = state
        .db
        .attempt(move |conn| {
            let (judged, rule) = match own(conn, user.id, id)? {
                Ok(found) => found,
                Err(refused) => return Ok(Err(refused)),
            };
            let exam = exams::latest(conn, id)?.filter(|e| e.result.is_none());
            let open = match judged.application.status {
                ApplicationStatus::ApprovedForExam | ApplicationStatus::ExamFailed => true,
                ApplicationStatus::ExamScheduled => exam
                    .as_ref()
                    .and_then(|e| e.starts_at)
                    .is_some_and(|starts| now < starts),
                _ => false,
            };
            if !open {
                return Ok(Err(wrong_status(
                    &judged,
                    "Accommodations are asked for after approval for the exam and before it starts",
                )));
            }
            let exam = open_attempt(conn, id, now)?;
            exams::request_accommodations(conn, &exam.id, body.accommodations.trim(), now)?;
            Ok(Ok(view(conn, &judged, &rule, Audience::Applicant)?))
        })
        .await??;
    Ok(web::Json(view))
}

fn answers_open(
    judged: &Judged,
    exam: Option<&Exam>,
    now: DateTime<Utc>,
) -> Result<Exam, ApiError> {
    if judged.application.status != ApplicationStatus::ExamScheduled {
        return Err(wrong_status(
            judged,
            "Answers are written during a scheduled exam",
        ));
    }
    let Some(exam) = exam.filter(|e| e.result.is_none()) else {
        return Err(wrong_status(judged, "No exam is scheduled"));
    };
    let (Some(starts), Some(ends)) = (exam.starts_at, exam.ends_at) else {
        return Err(wrong_status(judged, "No exam is scheduled"));
    };
    if exam.answers_submitted_at.is_some() {
        return Err(ApiError::Conflict(
            "Your answers are handed in and can no longer change.".into(),
        ));
    }
    if now < starts || now > ends {
        return Err(ApiError::Conflict(format!(
            "Answers are written during the exam window, from {} to {} (UTC).",
            starts.format("%B %-d, %Y %H:%M"),
            ends.format("%B %-d, %Y %H:%M")
        )));
    }
    Ok(exam.clone())
}

async fn write_answers(
    state: web::Data<AppState>,
    user: UserId,
    id: ApplicationId,
    expected: i64,
    answers: VignetteAnswers,
    submit: bool,
) -> ApiResult<HttpResponse> {
    let now = state.clock.now();
    let view = state
        .db
        .attempt(move |conn| {
            let (judged, rule) = match own(conn, user, id)? {
                Ok(found) => found,
                Err(refused) => return Ok(Err(refused)),
            };
            let exam = match answers_open(&judged, exams::latest(conn, id)?.as_ref(), now) {
                Ok(exam) => exam,
                Err(refused) => return Ok(Err(refused)),
            };
            let problems = answers.problems(&rule, submit);
            if !problems.is_empty() {
                return Ok(Err(ApiError::Validation(problems)));
            }
            if let Err(refused) = versioning::guarded(
                exams::save_answers(conn, &exam.id, &answers, expected, submit, now)?,
                "exam",
                not_yours,
            ) {
                return Ok(Err(refused));
            }
            if submit {
                note(
                    conn,
                    id,
                    (Role::Applicant, user),
                    None,
                    "submit_exam_answers",
                    None,
                    format!(
                        "Part 2 answers handed in for attempt {} (vignettes {}).",
                        exam.attempt,
                        answers
                            .answers
                            .keys()
                            .map(ToString::to_string)
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                    now,
                )?;
            }
            Ok(Ok(view(conn, &judged, &rule, Audience::Applicant)?))
        })
        .await??;
    Ok(HttpResponse::Ok()
        .insert_header(etag(view.version))
        .json(view))
}

/// Applicants: save Part 2's answers during the exam window.
#[utoipa::path(
    put,
    path = "/api/v1/me/applications/{id}/exam/answers",
    tag = "exam",
    security(("bearer" = [])),
    params(
        ("id" = String, Path, description = "The application"),
        ("If-Match" = String, Header, description = "The exam's version"),
    ),
    request_body = VignetteAnswers,
    responses(
        (status = 200, description = "Saved", body = ExamView),
        (status = 404, description = "No such application of yours", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Outside the window (the problem gives it), or handed in", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since loaded", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A vignette or answer is wrong", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn save_answers(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    if_match: IfMatch,
    id: web::Path<ApplicationId>,
    body: web::Json<VignetteAnswers>,
) -> ApiResult<HttpResponse> {
    let expected = if_match.version()?;
    write_answers(
        state,
        user.id,
        id.into_inner(),
        expected,
        body.into_inner(),
        false,
    )
    .await
}

/// Applicants: hand in Part 2's answers (final).
#[utoipa::path(
    post,
    path = "/api/v1/me/applications/{id}/exam/answers/submit",
    tag = "exam",
    security(("bearer" = [])),
    params(
        ("id" = String, Path, description = "The application"),
        ("If-Match" = String, Header, description = "The exam's version"),
    ),
    request_body = VignetteAnswers,
    responses(
        (status = 200, description = "Handed in", body = ExamView),
        (status = 404, description = "No such application of yours", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Outside the window (the problem gives it), or handed in", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since loaded", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not the right number of answers, or one is blank", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn submit_answers(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    if_match: IfMatch,
    id: web::Path<ApplicationId>,
    body: web::Json<VignetteAnswers>,
) -> ApiResult<HttpResponse> {
    let expected = if_match.version()?;
    write_answers(
        state,
        user.id,
        id.into_inner(),
        expected,
        body.into_inner(),
        true,
    )
    .await
}

// ---------------------------------------------------------------------------
// The scorer's side

/// Whether the answers can be scored: handed in, or the window closed.
fn ready(exam: &Exam, now: DateTime<Utc>) -> bool {
    exam.answers_submitted_at.is_some() || exam.ends_at.is_some_and(|ends| now > ends)
}

/// Reviewers: the exams they score, newest first.
#[utoipa::path(
    get,
    path = "/api/v1/exam-scoring",
    tag = "exam",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Every exam to score", body = Vec<ScoringSummary>),
        (status = 403, description = "Not a reviewer", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list_scoring(
    state: web::Data<AppState>,
    RequireReviewer(reviewer): RequireReviewer,
) -> ApiResult<web::Json<Vec<ScoringSummary>>> {
    let now = state.clock.now();
    let list = state
        .db
        .run(move |conn| {
            let mut list = Vec::new();
            for scoring in exams::for_reviewer(conn, reviewer.id)? {
                let exam = exams::get(conn, &scoring.exam)?.ok_or(DbError::NotFound)?;
                let application = crate::db::applications::get(conn, exam.application)?
                    .ok_or(DbError::NotFound)?;
                list.push(ScoringSummary {
                    id: scoring.id,
                    category: application.category.clone(),
                    reference: format!(
                        "{}-{}",
                        reference(&application.category, application.id),
                        exam.attempt
                    ),
                    ready: ready(&exam, now),
                    submitted_at: scoring.submitted_at,
                });
            }
            Ok(list)
        })
        .await?;
    Ok(web::Json(list))
}

fn own_scoring(
    conn: &mut AnyConnection,
    reviewer: UserId,
    id: AssignmentId,
) -> DbResult<Option<(Scoring, Exam, Judged)>> {
    let Some(scoring) = exams::scoring_by_id(conn, id)?.filter(|s| s.reviewer == reviewer) else {
        return Ok(None);
    };
    let exam = exams::get(conn, &scoring.exam)?.ok_or(DbError::NotFound)?;
    let judged = Judged::load(conn, exam.application)?.ok_or(DbError::NotFound)?;
    Ok(Some((scoring, exam, judged)))
}

fn scoring_packet(
    scoring: &Scoring,
    exam: &Exam,
    judged: &Judged,
    now: DateTime<Utc>,
) -> ScoringPacket {
    ScoringPacket {
        id: scoring.id,
        category: judged.category.code.clone(),
        category_name: judged.category.name.clone(),
        reference: format!(
            "{}-{}",
            reference(&judged.category.code, exam.application),
            exam.attempt
        ),
        answers: if ready(exam, now) {
            exam.answers.clone()
        } else {
            VignetteAnswers::default()
        },
        rubric: judged.rulebook.review.rubric.clone(),
        marks: scoring.marks.clone(),
        version: scoring.version,
        submitted_at: scoring.submitted_at,
    }
}

/// Reviewers: one exam to score: the answers (once handed in), never whose.
#[utoipa::path(
    get,
    path = "/api/v1/exam-scoring/{id}",
    tag = "exam",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The scoring assignment")),
    responses(
        (status = 200, description = "The packet; its version is also the ETag", body = ScoringPacket),
        (status = 403, description = "Not a reviewer", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not yours to score", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_scoring(
    state: web::Data<AppState>,
    RequireReviewer(reviewer): RequireReviewer,
    id: web::Path<AssignmentId>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let now = state.clock.now();
    let packet = state
        .db
        .run(move |conn| {
            Ok(own_scoring(conn, reviewer.id, id)?
                .map(|(scoring, exam, judged)| scoring_packet(&scoring, &exam, &judged, now)))
        })
        .await?
        .ok_or_else(no_scoring)?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(packet.version))
        .json(packet))
}

async fn write_marks(
    state: web::Data<AppState>,
    reviewer: UserId,
    id: AssignmentId,
    expected: i64,
    marks: VignetteScores,
    submit: bool,
) -> ApiResult<HttpResponse> {
    let now = state.clock.now();
    let packet = state
        .db
        .attempt(move |conn| {
            let Some((scoring, exam, judged)) = own_scoring(conn, reviewer, id)? else {
                return Ok(Err(no_scoring()));
            };
            if scoring.submitted_at.is_some() {
                return Ok(Err(ApiError::Conflict(
                    "Your marks are submitted and can no longer change.".into(),
                )));
            }
            if !ready(&exam, now) {
                return Ok(Err(ApiError::Conflict(
                    "The answers are not handed in yet; scoring opens then.".into(),
                )));
            }
            let answered: Vec<u32> = exam.answers.answers.keys().copied().collect();
            let problems = marks.problems(&judged.rulebook.review.rubric, &answered, submit);
            if !problems.is_empty() {
                return Ok(Err(ApiError::Validation(problems)));
            }
            if let Err(refused) = versioning::guarded(
                exams::save_marks(conn, id, &marks, expected, submit, now)?,
                "scoring",
                no_scoring,
            ) {
                return Ok(Err(refused));
            }
            if submit {
                note(
                    conn,
                    exam.application,
                    (Role::Reviewer, reviewer),
                    None,
                    "submit_exam_marks",
                    None,
                    format!(
                        "{} submitted Part 2 marks for attempt {}.",
                        scoring.reviewer_name, exam.attempt
                    ),
                    now,
                )?;
            }
            let scoring = exams::scoring_by_id(conn, id)?.ok_or(DbError::NotFound)?;
            Ok(Ok(scoring_packet(&scoring, &exam, &judged, now)))
        })
        .await??;
    Ok(HttpResponse::Ok()
        .insert_header(etag(packet.version))
        .json(packet))
}

/// Reviewers: save marks as a draft.
#[utoipa::path(
    put,
    path = "/api/v1/exam-scoring/{id}",
    tag = "exam",
    security(("bearer" = [])),
    params(
        ("id" = String, Path, description = "The scoring assignment"),
        ("If-Match" = String, Header, description = "The version you loaded"),
    ),
    request_body = VignetteScores,
    responses(
        (status = 200, description = "Saved", body = ScoringPacket),
        (status = 403, description = "Not a reviewer", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not yours to score", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not ready, or submitted", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since loaded", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A mark is wrong", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn save_marks(
    state: web::Data<AppState>,
    RequireReviewer(reviewer): RequireReviewer,
    if_match: IfMatch,
    id: web::Path<AssignmentId>,
    body: web::Json<VignetteScores>,
) -> ApiResult<HttpResponse> {
    let expected = if_match.version()?;
    write_marks(
        state,
        reviewer.id,
        id.into_inner(),
        expected,
        body.into_inner(),
        false,
    )
    .await
}

/// Reviewers: submit marks (final): a score on every vignette answered.
#[utoipa::path(
    post,
    path = "/api/v1/exam-scoring/{id}/submit",
    tag = "exam",
    security(("bearer" = [])),
    params(
        ("id" = String, Path, description = "The scoring assignment"),
        ("If-Match" = String, Header, description = "The version you loaded"),
    ),
    request_body = VignetteScores,
    responses(
        (status = 200, description = "Submitted", body = ScoringPacket),
        (status = 403, description = "Not a reviewer", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not yours to score", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not ready, or submitted", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since loaded", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A mark is missing or wrong", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn submit_marks(
    state: web::Data<AppState>,
    RequireReviewer(reviewer): RequireReviewer,
    if_match: IfMatch,
    id: web::Path<AssignmentId>,
    body: web::Json<VignetteScores>,
) -> ApiResult<HttpResponse> {
    let expected = if_match.version()?;
    write_marks(
        state,
        reviewer.id,
        id.into_inner(),
        expected,
        body.into_inner(),
        true,
    )
    .await
}
