use crate::auth::AuthUser;
use crate::db::exams::{self, Exam};
use crate::db::{AnyConnection, DbResult};
use crate::error::{ApiError, ApiResult};
use crate::http::versioning::{self, etag, IfMatch};
use crate::tenancy::Tenant;
use crate::workflow::exams::{not_yours, open_attempt, rule, view, wrong_status, Audience};
use crate::workflow::process::note;
use crate::workflow::Judged;
use actix_web::{web, HttpResponse};
use chrono::{DateTime, Utc};
use endorse_shared::applications::ApplicationStatus;
use endorse_shared::exam::{AccommodationsRequest, ExamView, VignetteAnswers};
use endorse_shared::i18n::{format, Text};
use endorse_shared::rulebook::ExamRule;
use endorse_shared::{ApplicationId, Problem, Role, UserId};

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
    tenant: Tenant,
    AuthUser(user): AuthUser,
    id: web::Path<ApplicationId>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let view = tenant
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
    tenant: Tenant,
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
    let now = tenant.clock.now();
    let view = tenant
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
                    Text::new("exam-wrong-accommodations"),
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
        return Err(wrong_status(judged, Text::new("exam-wrong-answers")));
    }
    let Some(exam) = exam.filter(|e| e.result.is_none()) else {
        return Err(wrong_status(judged, Text::new("exam-wrong-none")));
    };
    let (Some(starts), Some(ends)) = (exam.starts_at, exam.ends_at) else {
        return Err(wrong_status(judged, Text::new("exam-wrong-none")));
    };
    if exam.answers_submitted_at.is_some() {
        return Err(ApiError::Conflict(Text::new(
            "err-your-answers-are-handed-can-no",
        )));
    }
    if now < starts || now > ends {
        return Err(ApiError::Conflict(
            Text::new("err-answers-are-written-during-exam-window")
                .with(
                    "starts",
                    format::date_time(starts.naive_utc(), crate::http::language::current()),
                )
                .with(
                    "ends",
                    format::date_time(ends.naive_utc(), crate::http::language::current()),
                ),
        ));
    }
    Ok(exam.clone())
}

async fn write_answers(
    tenant: Tenant,
    user: UserId,
    id: ApplicationId,
    expected: i64,
    answers: VignetteAnswers,
    submit: bool,
) -> ApiResult<HttpResponse> {
    let now = tenant.clock.now();
    let view = tenant
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
    tenant: Tenant,
    AuthUser(user): AuthUser,
    if_match: IfMatch,
    id: web::Path<ApplicationId>,
    body: web::Json<VignetteAnswers>,
) -> ApiResult<HttpResponse> {
    let expected = if_match.version()?;
    write_answers(
        tenant,
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
    tenant: Tenant,
    AuthUser(user): AuthUser,
    if_match: IfMatch,
    id: web::Path<ApplicationId>,
    body: web::Json<VignetteAnswers>,
) -> ApiResult<HttpResponse> {
    let expected = if_match.version()?;
    write_answers(
        tenant,
        user.id,
        id.into_inner(),
        expected,
        body.into_inner(),
        true,
    )
    .await
}
