use crate::auth::RequireReviewer;
use crate::db::exams::{self, Exam, Scoring};
use crate::db::{AnyConnection, DbError, DbResult};
use crate::error::{ApiError, ApiResult};
use crate::http::versioning::{self, etag, IfMatch};
use crate::tenancy::Tenant;
use crate::workflow::exams::no_scoring;
use crate::workflow::process::note;
use crate::workflow::reviewers::reference;
use crate::workflow::Judged;
use actix_web::{web, HttpResponse};
use chrono::{DateTime, Utc};
use endorse_shared::exam::{ScoringPacket, ScoringSummary, VignetteAnswers, VignetteScores};
use endorse_shared::i18n::Text;
use endorse_shared::{ApplicationId, AssignmentId, Problem, Role, UserId};

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
    tenant: Tenant,
    RequireReviewer(reviewer): RequireReviewer,
) -> ApiResult<web::Json<Vec<ScoringSummary>>> {
    let now = tenant.clock.now();
    let list = tenant
        .db
        .run(move |conn| {
            // Three queries however many exams: the scorings, their exams,
            // and the exams' applications.
            let scorings = exams::for_reviewer(conn, reviewer.id)?;
            let ids: Vec<String> = scorings.iter().map(|s| s.exam.clone()).collect();
            let found = exams::get_many(conn, &ids)?;
            let of: Vec<ApplicationId> = found.values().map(|e| e.application).collect();
            let applications = crate::db::applications::get_many(conn, &of)?;
            let mut list = Vec::with_capacity(scorings.len());
            for scoring in scorings {
                let exam = found.get(&scoring.exam).ok_or(DbError::NotFound)?;
                let application = applications
                    .get(&exam.application)
                    .ok_or(DbError::NotFound)?;
                list.push(ScoringSummary {
                    id: scoring.id,
                    category: application.category.clone(),
                    reference: format!(
                        "{}-{}",
                        reference(&application.category, application.id),
                        exam.attempt
                    ),
                    ready: ready(exam, now),
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
        category_name: judged
            .category
            .name
            .get(crate::locale::current())
            .to_string(),
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
    tenant: Tenant,
    RequireReviewer(reviewer): RequireReviewer,
    id: web::Path<AssignmentId>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let now = tenant.clock.now();
    let packet = tenant
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
    tenant: Tenant,
    reviewer: UserId,
    id: AssignmentId,
    expected: i64,
    marks: VignetteScores,
    submit: bool,
) -> ApiResult<HttpResponse> {
    let now = tenant.clock.now();
    let packet = tenant
        .db
        .attempt(move |conn| {
            let Some((scoring, exam, judged)) = own_scoring(conn, reviewer, id)? else {
                return Ok(Err(no_scoring()));
            };
            if scoring.submitted_at.is_some() {
                return Ok(Err(ApiError::Conflict(Text::new(
                    "err-your-marks-are-submitted-can-no",
                ))));
            }
            if !ready(&exam, now) {
                return Ok(Err(ApiError::Conflict(Text::new(
                    "err-answers-are-not-handed-yet-scoring",
                ))));
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
    tenant: Tenant,
    RequireReviewer(reviewer): RequireReviewer,
    if_match: IfMatch,
    id: web::Path<AssignmentId>,
    body: web::Json<VignetteScores>,
) -> ApiResult<HttpResponse> {
    let expected = if_match.version()?;
    write_marks(
        tenant,
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
    tenant: Tenant,
    RequireReviewer(reviewer): RequireReviewer,
    if_match: IfMatch,
    id: web::Path<AssignmentId>,
    body: web::Json<VignetteScores>,
) -> ApiResult<HttpResponse> {
    let expected = if_match.version()?;
    write_marks(
        tenant,
        reviewer.id,
        id.into_inner(),
        expected,
        body.into_inner(),
        true,
    )
    .await
}
