use crate::auth::RequireAdmin;
use crate::db::exams::{self};
use crate::db::DbError;
use crate::error::{ApiError, ApiResult};
use crate::http::client::peer_ip;
use crate::tenancy::Tenant;
use crate::workflow::exams::{
    judged_with_rule, open_attempt, retake_wait, view, wrong_status, Audience, SCORERS,
};
use crate::workflow::process::{note, take_action, tell_decision};
use crate::workflow::reviewers::candidates;
use crate::workflow::Judged;
use actix_web::{web, HttpRequest};
use endorse_shared::applications::ApplicationStatus;
use endorse_shared::exam::{
    self as rules, ExamView, Outcome, Part1Request, ScheduleExamRequest, VignetteScores,
};
use endorse_shared::i18n::Text;
use endorse_shared::process::Action;
use endorse_shared::review::AssignRequest;
use endorse_shared::{ApplicationId, Problem, Role};

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
    tenant: Tenant,
    _admin: RequireAdmin,
    id: web::Path<ApplicationId>,
) -> ApiResult<web::Json<ExamView>> {
    let id = id.into_inner();
    let view = tenant
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
        (status = 409, description = "Not approved for the exam, no exam in the category, the retake wait is not over (the problem says until when), or an exam fee that blocks scheduling is unpaid", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field is wrong", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn schedule_exam(
    tenant: Tenant,
    RequireAdmin(admin): RequireAdmin,
    request: HttpRequest,
    id: web::Path<ApplicationId>,
    body: web::Json<ScheduleExamRequest>,
) -> ApiResult<web::Json<ExamView>> {
    let id = id.into_inner();
    let body = body.into_inner();
    let now = tenant.clock.now();
    let problems = body.problems(now);
    if !problems.is_empty() {
        return Err(ApiError::Validation(problems));
    }
    let ip = peer_ip(&request);
    let inner = tenant.clone();
    let view = tenant
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
                return Ok(Err(wrong_status(&judged, Text::new("exam-wrong-schedule"))));
            }
            let fees = crate::workflow::fees::of_person(
                conn,
                judged.application.applicant.id,
                &inner.association.currency,
                inner.calendar.day_of(now),
                inner.calendar,
            )?;
            if let Some(unpaid) = crate::workflow::fees::unpaid(
                &fees,
                &[endorse_shared::fees::FeeKind::Exam],
                crate::locale::current(),
            ) {
                return Ok(Err(unpaid));
            }
            if let Some(from) = retake_wait(conn, &judged, &rule, now)? {
                return Ok(Err(ApiError::Conflict(
                    Text::new("err-failed-exam-may-retaken-from-rulebooks")
                        .with("day", from.date_naive())
                        .with("retake-after-days", (rule.retake_after_days).to_string()),
                )));
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
            let mut details = vec![Text::new("mail-exam-where")
                .with("mode", body.mode.text())
                .with("location", body.location.trim())];
            if !body.accommodations.trim().is_empty() {
                details.push(
                    Text::new("mail-exam-accommodations")
                        .with("accommodations", body.accommodations.trim()),
                );
            }
            tell_decision(
                conn,
                &inner.mail(),
                &judged,
                &Text::new("outcome-exam-scheduled").with("when", body.starts_at.naive_utc()),
                Some(&Text::sentences(details)),
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
    tenant: Tenant,
    RequireAdmin(admin): RequireAdmin,
    request: HttpRequest,
    id: web::Path<ApplicationId>,
    body: web::Json<Part1Request>,
) -> ApiResult<web::Json<ExamView>> {
    let id = id.into_inner();
    let score = body.score;
    let now = tenant.clock.now();
    let ip = peer_ip(&request);
    let view = tenant
        .db
        .attempt(move |conn| {
            let (judged, rule) = match judged_with_rule(conn, id)? {
                Ok(found) => found,
                Err(refused) => return Ok(Err(refused)),
            };
            if judged.application.status != ApplicationStatus::ExamScheduled {
                return Ok(Err(wrong_status(&judged, Text::new("exam-wrong-part1"))));
            }
            if score > rule.part1_questions {
                return Ok(Err(ApiError::field(
                    "score",
                    Text::new("err-must-between-0-part1-questions")
                        .with("part1-questions", (rule.part1_questions).to_string()),
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
    tenant: Tenant,
    RequireAdmin(admin): RequireAdmin,
    request: HttpRequest,
    id: web::Path<ApplicationId>,
    body: web::Json<AssignRequest>,
) -> ApiResult<web::Json<ExamView>> {
    let calendar = tenant.calendar;
    let id = id.into_inner();
    let reviewer = body.reviewer;
    let now = tenant.clock.now();
    let ip = peer_ip(&request);
    let view = tenant
        .db
        .attempt(move |conn| {
            let (judged, rule) = match judged_with_rule(conn, id)? {
                Ok(found) => found,
                Err(refused) => return Ok(Err(refused)),
            };
            if judged.application.status != ApplicationStatus::ExamScheduled {
                return Ok(Err(wrong_status(&judged, Text::new("exam-wrong-scorers"))));
            }
            let exam = open_attempt(conn, id, now)?;
            let current = exams::scorers(conn, &exam.id)?;
            if current.iter().any(|s| s.reviewer == reviewer) {
                return Ok(Err(ApiError::Conflict(Text::new(
                    "err-reviewer-already-scores-exam",
                ))));
            }
            if current.len() >= SCORERS {
                return Ok(Err(ApiError::Conflict(
                    Text::new("err-part-2-scored-by-reviewers-both")
                        .with("scorers", (SCORERS).to_string()),
                )));
            }
            let people = candidates(conn, &judged, &[], now, calendar)?;
            let Some(candidate) = people.iter().find(|c| c.reviewer == reviewer) else {
                return Ok(Err(ApiError::field(
                    "reviewer",
                    Text::new("err-not-peer-reviewer"),
                )));
            };
            if let Some(why) = &candidate.ineligible {
                return Ok(Err(ApiError::field(
                    "reviewer",
                    Text::new("err-may-not-score").with("why", (why).to_string()),
                )));
            }
            if let Some(conflict) = candidate.conflicts.first() {
                return Ok(Err(ApiError::field(
                    "reviewer",
                    Text::new("err-has-conflict-interest").with("conflict", conflict.describe()),
                )));
            }
            match exams::add_scorer(conn, &exam.id, reviewer, now) {
                Ok(_) => {}
                Err(DbError::UniqueViolation(_)) => {
                    return Ok(Err(ApiError::Conflict(Text::new(
                        "err-reviewer-already-scores-exam",
                    ))))
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
    tenant: Tenant,
    RequireAdmin(admin): RequireAdmin,
    request: HttpRequest,
    id: web::Path<ApplicationId>,
) -> ApiResult<web::Json<ExamView>> {
    let id = id.into_inner();
    let now = tenant.clock.now();
    let ip = peer_ip(&request);
    let inner = tenant.clone();
    let view = tenant
        .db
        .attempt(move |conn| {
            let (judged, rule) = match judged_with_rule(conn, id)? {
                Ok(found) => found,
                Err(refused) => return Ok(Err(refused)),
            };
            if judged.application.status != ApplicationStatus::ExamScheduled {
                return Ok(Err(wrong_status(&judged, Text::new("exam-wrong-result"))));
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
                missing.push(Text::new("exam-missing-part1"));
            }
            if marks.len() < SCORERS {
                missing.push(
                    Text::new("exam-missing-marks")
                        .with("missing", SCORERS - marks.len())
                        .with("scorers", SCORERS),
                );
            }
            let (Some(score), Some((part2, mean)), true) = (
                exam.part1_score,
                rules::part2_outcome(&rule, &marks),
                missing.is_empty(),
            ) else {
                if missing.is_empty() {
                    missing.push(Text::new("exam-missing-part2"));
                }
                return Ok(Err(ApiError::Conflict(Text::new("err-result-needs-first").with("missing", Text::sentences(missing)))));
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
                Outcome::Passed => (Text::new("outcome-exam-passed"), None),
                Outcome::Failed => (
                    Text::new("outcome-exam-failed"),
                    Some(
                        Text::new("mail-exam-failed-feedback")
                            .with("part1", part1.text())
                            .with("part2", part2.text())
                            .with("from", rules::retake_from(&rule, now).date_naive()),
                    ),
                ),
            };
            tell_decision(conn, &inner.mail(), &judged, &outcome, feedback.as_ref(), now)?;
            let judged = Judged::load(conn, id)?.ok_or(DbError::NotFound)?;
            Ok(Ok(view(conn, &judged, &rule, Audience::Admin)?))
        })
        .await??;
    Ok(web::Json(view))
}
