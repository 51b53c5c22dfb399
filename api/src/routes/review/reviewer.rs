use crate::auth::RequireReviewer;
use crate::calendar::Calendar;
use crate::db::applications::{self, Application};
use crate::db::assignments::{self, Assignment, IN_REVIEW};
use crate::db::users::{self};
use crate::db::{information, outbox, portfolio, rulebooks};
use crate::db::{AnyConnection, DbError, DbResult};
use crate::error::{ApiError, ApiResult};
use crate::http::client::peer_ip;
use crate::http::versioning::{self, etag, IfMatch};
use crate::tenancy::Tenant;
use crate::workflow::process::{note, take_action};
use crate::workflow::reviewers::{blind, conflicted_with, own_assignment, reference};
use crate::workflow::Judged;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};
use endorse_shared::applications::{ApplicationStatus, Snapshot};
use endorse_shared::i18n::{LocalText, Text};
use endorse_shared::process::{self, Action};
use endorse_shared::review::{
    self as rules, AssignmentState, InformationItem, InformationRequest, MyAssignment, PeerReview,
    ReasonRequest, ReviewForm, ReviewPacket,
};
use endorse_shared::{ApplicationId, AssignmentId, Problem, Role, UserId};
use std::collections::HashMap;

fn no_assignment() -> ApiError {
    ApiError::NotFound(Text::new("err-there-no-such-review-yours"))
}

fn mine(
    assignment: &Assignment,
    application: &Application,
    category_name: &str,
    blind: bool,
    now: DateTime<Utc>,
) -> MyAssignment {
    MyAssignment {
        id: assignment.id,
        category: application.category.clone(),
        category_name: category_name.to_string(),
        applicant: (!blind).then(|| application.applicant.name.clone()),
        reference: reference(&application.category, application.id),
        round: assignment.round,
        assigned_at: assignment.assigned_at,
        due_at: assignment.due_at,
        overdue: assignment.overdue(now) && IN_REVIEW.contains(&application.status),
        state: assignment.state,
        application_status: application.status,
    }
}

/// Reviewers: their assignments, the soonest due first.
#[utoipa::path(
    get,
    path = "/api/v1/reviews",
    tag = "review",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Every assignment not released", body = Vec<MyAssignment>),
        (status = 403, description = "Not a reviewer", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list_my_reviews(
    tenant: Tenant,
    RequireReviewer(reviewer): RequireReviewer,
) -> ApiResult<web::Json<Vec<MyAssignment>>> {
    let calendar = tenant.calendar;
    let now = tenant.clock.now();
    let list = tenant
        .db
        .run(move |conn| {
            let blind = blind(conn)?;
            let mine_all = assignments::for_reviewer(conn, reviewer.id)?;
            let ids: Vec<ApplicationId> = mine_all.iter().map(|a| a.application).collect();
            let found = applications::get_many(conn, &ids)?;
            // Conflicts are weighed only where no admin overrode them.
            let mut weighed: Vec<UserId> = mine_all
                .iter()
                .filter(|a| a.override_reason.is_none())
                .filter_map(|a| found.get(&a.application).map(|app| app.applicant.id))
                .collect();
            weighed.sort_unstable();
            weighed.dedup();
            let conflicted = conflicted_with(conn, reviewer.id, &weighed, calendar.day_of(now))?;
            // Each rulebook version read once, for its categories' names.
            let mut names: HashMap<(i64, String), LocalText> = HashMap::new();
            let mut list = Vec::with_capacity(mine_all.len());
            for assignment in &mine_all {
                let application = found
                    .get(&assignment.application)
                    .ok_or(DbError::NotFound)?;
                if assignment.override_reason.is_none()
                    && conflicted.contains(&application.applicant.id)
                {
                    continue;
                }
                let key = (application.rulebook_version, application.category.clone());
                if !names.contains_key(&key) {
                    let rulebook = rulebooks::get(conn, application.rulebook_version)?
                        .ok_or(DbError::NotFound)?
                        .rulebook;
                    for category in &rulebook.categories {
                        names.insert(
                            (application.rulebook_version, category.code.clone()),
                            category.name.clone(),
                        );
                    }
                }
                let name = names.get(&key).ok_or_else(|| {
                    DbError::Corrupt(format!(
                        "category {} missing from rulebook {}",
                        application.category, application.rulebook_version
                    ))
                })?;
                list.push(mine(assignment, application, name, blind, now));
            }
            Ok(list)
        })
        .await?;
    Ok(web::Json(list))
}

/// The submitted snapshot with amended entries replaced by their latest
/// answered version.
fn amended(mut snapshot: Snapshot, items: &[InformationItem]) -> Snapshot {
    for item in items.iter().filter(|i| i.answered_at.is_some()) {
        if let Some(entry) = snapshot.entries.iter_mut().find(|e| e.id == item.entry) {
            if let Some(after) = &item.after {
                entry.data = after.clone();
            }
        }
    }
    snapshot
}

fn packet(
    conn: &mut AnyConnection,
    assignment: Assignment,
    judged: &Judged,
    now: DateTime<Utc>,
    calendar: Calendar,
) -> DbResult<ReviewPacket> {
    let blind = blind(conn)?;
    let application = &judged.application;
    let items = information::for_application(conn, application.id)?;
    let snapshot = applications::latest_snapshot(conn, application.id)?.ok_or_else(|| {
        DbError::Corrupt(format!("application {} has no snapshot", application.id))
    })?;
    let applicant = users::find(conn, application.applicant.id)?.ok_or(DbError::NotFound)?;
    let references = crate::workflow::references::reviewed(
        conn,
        &applicant,
        crate::workflow::references::Reader::Reviewer,
        now,
        calendar,
    )?;
    let peers = if assignment.state == AssignmentState::Submitted {
        assignments::for_application(conn, application.id)?
            .into_iter()
            .filter(|a| {
                a.id != assignment.id
                    && a.round == assignment.round
                    && a.state == AssignmentState::Submitted
            })
            .filter_map(|a| {
                a.submitted_at.map(|submitted_at| PeerReview {
                    submitted_at,
                    review: a.review,
                })
            })
            .collect()
    } else {
        Vec::new()
    };
    let actions = if assignment.state == AssignmentState::Active {
        process::allowed(application.status, Role::Reviewer, judged.track())
    } else {
        Vec::new()
    };
    let mut snapshot = amended(snapshot, &items);
    let mut items = items;
    if blind {
        for entry in &mut snapshot.entries {
            rules::blinded(&mut entry.data);
        }
        for item in &mut items {
            item.before
                .iter_mut()
                .chain(item.after.iter_mut())
                .for_each(rules::blinded);
        }
    }
    Ok(ReviewPacket {
        assignment: mine(&assignment, application, &judged.category.name, blind, now),
        snapshot,
        references,
        notes: portfolio::notes(conn, application.applicant.id)?,
        rules: judged.rules(),
        review: assignment.review.clone(),
        version: assignment.version,
        peers,
        information_requests: items,
        actions,
    })
}

/// Reviewers: everything needed to review one assignment. Another reviewer's
/// review shows only once one's own is submitted.
#[utoipa::path(
    get,
    path = "/api/v1/reviews/{id}",
    tag = "review",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The assignment")),
    responses(
        (status = 200, description = "The packet; its version is also the ETag", body = ReviewPacket),
        (status = 403, description = "Not a reviewer", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not an assignment of yours", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_review(
    tenant: Tenant,
    RequireReviewer(reviewer): RequireReviewer,
    id: web::Path<AssignmentId>,
) -> ApiResult<HttpResponse> {
    let calendar = tenant.calendar;
    let id = id.into_inner();
    let now = tenant.clock.now();
    let packet = tenant
        .db
        .run(move |conn| {
            let Some((assignment, judged)) = own_assignment(conn, reviewer.id, id, now, calendar)?
            else {
                return Ok(None);
            };
            Ok(Some(packet(conn, assignment, &judged, now, calendar)?))
        })
        .await?
        .ok_or_else(no_assignment)?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(packet.version))
        .json(packet))
}

/// The version of a saved draft.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct SavedReview {
    /// Send it back in `If-Match` with the next change.
    pub version: i64,
}

/// Reviewers: save the draft review. It may be incomplete, never wrong.
#[utoipa::path(
    put,
    path = "/api/v1/reviews/{id}",
    tag = "review",
    security(("bearer" = [])),
    params(
        ("id" = String, Path, description = "The assignment"),
        ("If-Match" = String, Header, description = "The version you loaded"),
    ),
    request_body = ReviewForm,
    responses(
        (status = 200, description = "Saved", body = SavedReview),
        (status = 403, description = "Not a reviewer", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not an assignment of yours", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Submitted already", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since loaded", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A score or field is wrong", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "No If-Match", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn save_review(
    tenant: Tenant,
    RequireReviewer(reviewer): RequireReviewer,
    if_match: IfMatch,
    id: web::Path<AssignmentId>,
    body: web::Json<ReviewForm>,
) -> ApiResult<HttpResponse> {
    let calendar = tenant.calendar;
    let expected = if_match.version()?;
    let id = id.into_inner();
    let form = body.into_inner();
    let now = tenant.clock.now();
    let version = tenant
        .db
        .attempt(move |conn| {
            let Some((assignment, judged)) = own_assignment(conn, reviewer.id, id, now, calendar)?
            else {
                return Ok(Err(no_assignment()));
            };
            if assignment.state != AssignmentState::Active {
                return Ok(Err(ApiError::Conflict(Text::new(
                    "err-review-submitted-can-no-longer-change",
                ))));
            }
            let problems = form.problems(&judged.rules(), false);
            if !problems.is_empty() {
                return Ok(Err(ApiError::Validation(problems)));
            }
            Ok(versioning::guarded(
                assignments::save_review(conn, id, &form, expected, now)?,
                "review",
                no_assignment,
            ))
        })
        .await??;
    Ok(HttpResponse::Ok()
        .insert_header(etag(version))
        .json(SavedReview { version }))
}

/// Reviewers: submit the review (complete), after which it is final and the
/// other reviewer's review shows.
#[utoipa::path(
    post,
    path = "/api/v1/reviews/{id}/submit",
    tag = "review",
    security(("bearer" = [])),
    params(
        ("id" = String, Path, description = "The assignment"),
        ("If-Match" = String, Header, description = "The version you loaded"),
    ),
    request_body = ReviewForm,
    responses(
        (status = 200, description = "Submitted", body = ReviewPacket),
        (status = 403, description = "Not a reviewer", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not an assignment of yours", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Submitted already, or the application is not in review", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since loaded", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Something is missing or wrong, by field", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "No If-Match", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn submit_review(
    tenant: Tenant,
    RequireReviewer(reviewer): RequireReviewer,
    request: HttpRequest,
    if_match: IfMatch,
    id: web::Path<AssignmentId>,
    body: web::Json<ReviewForm>,
) -> ApiResult<HttpResponse> {
    let calendar = tenant.calendar;
    let expected = if_match.version()?;
    let id = id.into_inner();
    let form = body.into_inner();
    let now = tenant.clock.now();
    let ip = peer_ip(&request);
    let packet = tenant
        .db
        .attempt(move |conn| {
            let Some((assignment, judged)) = own_assignment(conn, reviewer.id, id, now, calendar)?
            else {
                return Ok(Err(no_assignment()));
            };
            if assignment.state != AssignmentState::Active {
                return Ok(Err(ApiError::Conflict(Text::new(
                    "err-review-submitted-already",
                ))));
            }
            if judged.application.status != ApplicationStatus::UnderReview {
                return Ok(Err(ApiError::Conflict(
                    Text::new("err-review-submitted-while-application-under-review")
                        .with("status", judged.application.status.text()),
                )));
            }
            let problems = form.problems(&judged.rules(), true);
            if !problems.is_empty() {
                return Ok(Err(ApiError::Validation(problems)));
            }
            let version = match versioning::guarded(
                assignments::save_review(conn, id, &form, expected, now)?,
                "review",
                no_assignment,
            ) {
                Ok(version) => version,
                Err(refused) => return Ok(Err(refused)),
            };
            if !assignments::submit(conn, id, version, now)? {
                return Err(DbError::Conflict);
            }
            let recommendation = form.recommendation.map_or("none", |r| r.label());
            note(
                conn,
                judged.application.id,
                (Role::Reviewer, reviewer.id),
                ip.as_deref(),
                "submit_review",
                None,
                format!(
                    "{} submitted a review recommending \u{201c}{recommendation}\u{201d}.",
                    reviewer.name
                ),
                now,
            )?;
            let assignment = assignments::get(conn, id)?.ok_or(DbError::NotFound)?;
            Ok(Ok(packet(conn, assignment, &judged, now, calendar)?))
        })
        .await??;
    Ok(HttpResponse::Ok()
        .insert_header(etag(packet.version))
        .json(packet))
}

/// Reviewers: ask the applicant about single entries. The application moves
/// to "revision requested"; the applicant is told by mail, never by whom.
#[utoipa::path(
    post,
    path = "/api/v1/reviews/{id}/information-requests",
    tag = "review",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The assignment")),
    request_body = InformationRequest,
    responses(
        (status = 200, description = "Asked", body = ReviewPacket),
        (status = 403, description = "Not a reviewer", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not an assignment of yours", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not possible in the application's status, which the problem names, or the review is submitted", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A flag is wrong, by field", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn request_information(
    tenant: Tenant,
    RequireReviewer(reviewer): RequireReviewer,
    request: HttpRequest,
    id: web::Path<AssignmentId>,
    body: web::Json<InformationRequest>,
) -> ApiResult<web::Json<ReviewPacket>> {
    let calendar = tenant.calendar;
    let id = id.into_inner();
    let body = body.into_inner();
    let now = tenant.clock.now();
    let ip = peer_ip(&request);
    let inner = tenant.clone();
    let packet = tenant
        .db
        .attempt(move |conn| {
            let Some((assignment, judged)) = own_assignment(conn, reviewer.id, id, now, calendar)?
            else {
                return Ok(Err(no_assignment()));
            };
            if assignment.state != AssignmentState::Active {
                return Ok(Err(ApiError::Conflict(Text::new(
                    "err-your-review-submitted-admin-takes-from",
                ))));
            }
            let items = information::for_application(conn, judged.application.id)?;
            let snapshot = amended(
                applications::latest_snapshot(conn, judged.application.id)?
                    .ok_or(DbError::NotFound)?,
                &items,
            );
            let problems = body.problems(|entry| snapshot.entries.iter().any(|e| e.id == entry));
            if !problems.is_empty() {
                return Ok(Err(ApiError::Validation(problems)));
            }
            let messages: Vec<&str> = body.flags.iter().map(|f| f.message.trim()).collect();
            let details = format!(
                "{} asked for more information on {} entr{}: {}",
                reviewer.name,
                body.flags.len(),
                if body.flags.len() == 1 { "y" } else { "ies" },
                messages.join(" / ")
            );
            let reason = format!("{} entries flagged", body.flags.len());
            if let Err(refused) = take_action(
                conn,
                &judged,
                Action::RequestRevision,
                (Role::Reviewer, reviewer.id),
                ip.as_deref(),
                Some(&reason),
                details,
                now,
            )? {
                return Ok(Err(refused));
            }
            let new: Vec<information::NewItem<'_>> = body
                .flags
                .iter()
                .filter_map(|flag| {
                    snapshot
                        .entries
                        .iter()
                        .find(|e| e.id == flag.entry)
                        .map(|entry| information::NewItem {
                            section: entry.data.section(),
                            entry: entry.id,
                            message: flag.message.trim(),
                            before: Some(&entry.data),
                        })
                })
                .collect();
            information::insert(conn, judged.application.id, id, judged.round, &new, now)?;
            let reads = users::reader_of(conn, &judged.application.applicant.email)?;
            let message = inner.mail().to(reads).information_requested(
                &judged.application.applicant.email,
                &judged.application.applicant.name,
                &judged.category.name,
                &messages,
            );
            outbox::enqueue(conn, &message, now)?;
            let judged = Judged::load(conn, judged.application.id)?.ok_or(DbError::NotFound)?;
            let assignment = assignments::get(conn, id)?.ok_or(DbError::NotFound)?;
            Ok(Ok(packet(conn, assignment, &judged, now, calendar)?))
        })
        .await??;
    Ok(web::Json(packet))
}

/// Reviewers: declare a conflict of interest. The reviewer is released at
/// once and never assigned to this applicant again without an override.
#[utoipa::path(
    post,
    path = "/api/v1/reviews/{id}/conflict",
    tag = "review",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The assignment")),
    request_body = ReasonRequest,
    responses(
        (status = 204, description = "Declared and released"),
        (status = 403, description = "Not a reviewer", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not an assignment of yours", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The review is submitted", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No reason", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn declare_conflict(
    tenant: Tenant,
    RequireReviewer(reviewer): RequireReviewer,
    request: HttpRequest,
    id: web::Path<AssignmentId>,
    body: web::Json<ReasonRequest>,
) -> ApiResult<HttpResponse> {
    let calendar = tenant.calendar;
    let id = id.into_inner();
    let reason = body.checked().map_err(ApiError::Validation)?;
    let now = tenant.clock.now();
    let ip = peer_ip(&request);
    tenant
        .db
        .attempt(move |conn| {
            let Some((assignment, judged)) = own_assignment(conn, reviewer.id, id, now, calendar)?
            else {
                return Ok(Err(no_assignment()));
            };
            if !assignments::release(conn, id, &format!("Conflict of interest: {reason}"), now)? {
                return Ok(Err(ApiError::Conflict(Text::new(
                    "err-your-review-submitted-write-association-instead",
                ))));
            }
            assignments::declare_conflict(
                conn,
                reviewer.id,
                judged.application.applicant.id,
                &reason,
                now,
            )?;
            note(
                conn,
                assignment.application,
                (Role::Reviewer, reviewer.id),
                ip.as_deref(),
                "declare_conflict",
                Some(&reason),
                format!(
                    "{} declared a conflict of interest and was released.",
                    reviewer.name
                ),
                now,
            )?;
            Ok(Ok(()))
        })
        .await??;
    Ok(HttpResponse::NoContent().finish())
}
