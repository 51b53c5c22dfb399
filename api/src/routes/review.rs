//! Peer review: admins assign reviewers (by hand or from Endorse's proposal,
//! with eligibility, conflicts and load checked), reviewers write and submit
//! their review and ask the applicant about single entries, and the applicant
//! answers.
//!
//! A reviewer reaches an application only through their own live assignment;
//! anything else is a 404. With blind review, nothing a reviewer receives
//! names the applicant.

use crate::auth::{AuthUser, RequireAdmin, RequireReviewer};
use crate::db::applications::{self, Application};
use crate::db::assignments::{self, Assignment, NewAssignment, IN_REVIEW};
use crate::db::audit::{self, NewEvent};
use crate::db::references::Stage;
use crate::db::users::{self, UserFilter};
use crate::db::{information, outbox, portfolio, references, reviewers, rulebooks};
use crate::db::{AnyConnection, DbError, DbResult};
use crate::error::{ApiError, ApiResult};
use crate::mail::templates::Context;
use crate::routes::auth::peer_ip;
use crate::routes::versioning::{self, etag, IfMatch};
use crate::state::AppState;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::{DateTime, Duration, Utc};
use endorse_shared::applications::{ApplicationResponse, ApplicationStatus, Snapshot};
use endorse_shared::entries::EntryData;
use endorse_shared::portfolio::WorkData;
use endorse_shared::process::{self, Action, Track};
use endorse_shared::review::{
    self as rules, AnswerRequest, ApplicantFacts, ApplicationReview, AssignRequest,
    AssignmentState, Candidate, CandidateView, InformationItem, InformationRequest, MyAssignment,
    PeerReview, Period, Provider, ReasonRequest, Referee, ReviewForm, ReviewPacket, ReviewRules,
    ReviewerFacts, SubmittedReview,
};
use endorse_shared::rulebook::{CategoryRules, Rulebook};
use endorse_shared::{ApplicationId, AssignmentId, Problem, Role, UserId};

/// An application with the rules it is judged by.
pub(crate) struct Judged {
    pub(crate) application: Application,
    pub(crate) rulebook: Rulebook,
    pub(crate) category: CategoryRules,
    /// The latest submission round (0 before the first submission).
    pub(crate) round: i64,
}

impl Judged {
    /// Loads the application with its rulebook. Inside a transaction, the
    /// application stays locked until it ends, so what a change checks (its
    /// status, its reviewers, its exam) holds when it writes.
    pub(crate) fn load(conn: &mut AnyConnection, id: ApplicationId) -> DbResult<Option<Self>> {
        crate::db::lock_rows(
            conn,
            crate::db::Lockable::Applications,
            vec![id.to_string()],
        )?;
        let Some(application) = applications::get(conn, id)? else {
            return Ok(None);
        };
        let rulebook = rulebooks::get(conn, application.rulebook_version)?
            .ok_or(DbError::NotFound)?
            .rulebook;
        let category = rulebook
            .category(&application.category)
            .cloned()
            .ok_or_else(|| {
                DbError::Corrupt(format!(
                    "category {} missing from rulebook {}",
                    application.category, application.rulebook_version
                ))
            })?;
        let round = applications::snapshot_count(conn, id)?;
        Ok(Some(Self {
            application,
            rulebook,
            category,
            round,
        }))
    }

    fn track(&self) -> Track {
        Track::of(&self.category)
    }

    fn rules(&self) -> ReviewRules {
        ReviewRules::of(&self.rulebook, &self.category)
    }
}

fn no_application() -> ApiError {
    ApiError::NotFound("There is no such application.".into())
}

fn no_assignment() -> ApiError {
    ApiError::NotFound("There is no such review of yours.".into())
}

/// Moves an application through the process as `role`, with its audit event.
/// The error says why not (409 naming the status, 403 for the wrong role).
#[allow(clippy::too_many_arguments)]
pub(crate) fn take_action(
    conn: &mut AnyConnection,
    judged: &Judged,
    action: Action,
    (role, actor): (Role, UserId),
    ip: Option<&str>,
    reason: Option<&str>,
    details: String,
    now: DateTime<Utc>,
) -> DbResult<Result<ApplicationStatus, ApiError>> {
    let application = &judged.application;
    let to = match process::apply(application.status, action, role, judged.track()) {
        Ok(to) => to,
        Err(refusal @ process::Refusal::NotYours { .. }) => {
            return Ok(Err(ApiError::Forbidden(refusal.describe())))
        }
        Err(refusal) => return Ok(Err(ApiError::Conflict(refusal.describe()))),
    };
    if !applications::transition(
        conn,
        application.id,
        (application.status, application.version),
        to,
        now,
    )? {
        return Ok(Err(ApiError::Conflict(
            "The application changed meanwhile; reload it and try again.".into(),
        )));
    }
    audit::record(
        conn,
        &NewEvent {
            application: application.id,
            actor: Some(actor),
            role,
            ip,
            action: action.as_str(),
            from: Some(application.status),
            to: Some(to),
            reason,
            details,
        },
        now,
    )?;
    Ok(Ok(to))
}

/// An audit event that does not move the application.
#[allow(clippy::too_many_arguments)]
pub(crate) fn note(
    conn: &mut AnyConnection,
    application: ApplicationId,
    (role, actor): (Role, UserId),
    ip: Option<&str>,
    action: &str,
    reason: Option<&str>,
    details: String,
    now: DateTime<Utc>,
) -> DbResult<()> {
    audit::record(
        conn,
        &NewEvent {
            application,
            actor: Some(actor),
            role,
            ip,
            action,
            from: None,
            to: None,
            reason,
            details,
        },
        now,
    )
}

fn work_periods(entries: &[endorse_shared::entries::PortfolioEntry]) -> Vec<Period> {
    entries
        .iter()
        .filter_map(|entry| match &entry.data {
            EntryData::Work(WorkData {
                employer,
                start,
                end,
                ..
            }) => Some(Period {
                employer: employer.clone(),
                start: *start,
                end: *end,
            }),
            _ => None,
        })
        .collect()
}

/// What is known of the applicant for conflicts, without declarations.
fn applicant_facts(conn: &mut AnyConnection, applicant: UserId) -> DbResult<ApplicantFacts> {
    let entries = portfolio::list(conn, applicant)?;
    let providers = entries
        .iter()
        .filter_map(|entry| match &entry.data {
            EntryData::Rsc(rsc) => Some(Provider {
                name: rsc.provider_name.clone(),
                number: rsc.provider_number.clone(),
            }),
            _ => None,
        })
        .collect();
    let referees = references::list_for(conn, applicant)?
        .into_iter()
        .filter(|r| r.stage != Stage::Cancelled)
        .map(|r| Referee {
            email: r.request.referee_email,
            relationship: r.request.relationship,
        })
        .collect();
    Ok(ApplicantFacts {
        referees,
        providers,
        work: work_periods(&entries),
        declared: Vec::new(),
    })
}

/// A reviewer's conflicts with an applicant: detected from both portfolios,
/// and declared.
fn conflicts_of(
    person: &users::User,
    profile: &endorse_shared::reviewers::ReviewerProfile,
    work: &[endorse_shared::entries::PortfolioEntry],
    applicant: &ApplicantFacts,
    declared: &[(UserId, String)],
    today: chrono::NaiveDate,
) -> Vec<endorse_shared::review::Conflict> {
    let reviewer = ReviewerFacts {
        email: person.email.clone(),
        name: person.name.clone(),
        numbers: profile
            .endorsements
            .iter()
            .map(|e| e.number.clone())
            .collect(),
        work: work_periods(work),
    };
    let facts = ApplicantFacts {
        declared: declared
            .iter()
            .filter(|(who, _)| *who == person.id)
            .map(|(_, reason)| reason.clone())
            .collect(),
        ..applicant.clone()
    };
    rules::conflicts(&reviewer, &facts, today)
}

/// Whether a reviewer is conflicted with the application's applicant now
/// (an admin's override aside).
fn conflicted(
    conn: &mut AnyConnection,
    reviewer: UserId,
    judged: &Judged,
    today: chrono::NaiveDate,
) -> DbResult<bool> {
    let Some(person) = users::find(conn, reviewer)? else {
        return Ok(true);
    };
    let profile = reviewers::get(conn, reviewer)?
        .map(|(profile, _)| profile)
        .unwrap_or_default();
    let facts = applicant_facts(conn, judged.application.applicant.id)?;
    let declared = assignments::declared_conflicts(conn, judged.application.applicant.id)?;
    let work = portfolio::list(conn, reviewer)?;
    Ok(!conflicts_of(&person, &profile, &work, &facts, &declared, today).is_empty())
}

/// Every reviewer with what stands between them and this application, and
/// Endorse's proposal for the places still open.
pub(crate) fn candidates(
    conn: &mut AnyConnection,
    judged: &Judged,
    live: &[&Assignment],
    now: DateTime<Utc>,
) -> DbResult<Vec<CandidateView>> {
    let today = now.date_naive();
    let (people, _) = users::list(
        conn,
        &UserFilter {
            search: None,
            role: Some(Role::Reviewer),
            page: 1,
            per_page: 100_000,
        },
    )?;
    let loads = assignments::loads(conn)?;
    let facts = applicant_facts(conn, judged.application.applicant.id)?;
    let declared = assignments::declared_conflicts(conn, judged.application.applicant.id)?;
    // Every reviewer's profile and work in two queries, however many there are.
    let mut profiles = reviewers::all(conn)?;
    let ids: Vec<UserId> = people.iter().map(|p| p.id).collect();
    let work = portfolio::work_of(conn, &ids)?;
    let mut weighed = Vec::with_capacity(people.len());
    for person in people {
        let profile = profiles.remove(&person.id).unwrap_or_default();
        let conflicts = conflicts_of(
            &person,
            &profile,
            work.get(&person.id).map_or(&[][..], Vec::as_slice),
            &facts,
            &declared,
            today,
        );
        let ineligible = rules::eligibility(&judged.category, &profile).err();
        let view = CandidateView {
            reviewer: person.id,
            name: person.name,
            email: person.email,
            load: loads.get(&person.id).copied().unwrap_or(0),
            max_load: profile.max_load,
            ineligible,
            conflicts,
            assigned: live.iter().any(|a| a.reviewer == person.id),
            proposed: false,
        };
        weighed.push(view);
    }
    let open = (judged.category.review.reviewers as usize).saturating_sub(live.len());
    let proposal = rules::propose(
        open,
        &weighed
            .iter()
            .map(|c| Candidate {
                reviewer: c.reviewer,
                name: c.name.clone(),
                eligible: c.ineligible.is_none(),
                conflicted: !c.conflicts.is_empty(),
                assigned: c.assigned,
                load: c.load,
                max_load: c.max_load,
            })
            .collect::<Vec<_>>(),
    );
    for candidate in &mut weighed {
        candidate.proposed = proposal.contains(&candidate.reviewer);
    }
    // Proposed first, then whoever could be assigned, then the rest; by name.
    weighed.sort_by_key(|c| {
        (
            !c.proposed,
            c.ineligible.is_some() || !c.conflicts.is_empty() || c.assigned,
            c.name.to_lowercase(),
        )
    });
    Ok(weighed)
}

/// The live (not released) assignments of the current round.
fn live(all: &[Assignment], round: i64) -> Vec<&Assignment> {
    all.iter()
        .filter(|a| a.round == round && a.state != AssignmentState::Released)
        .collect()
}

/// The admins' view of an application's review.
fn admin_view(
    conn: &mut AnyConnection,
    judged: &Judged,
    now: DateTime<Utc>,
) -> DbResult<ApplicationReview> {
    let all = assignments::for_application(conn, judged.application.id)?;
    let current = live(&all, judged.round);
    let candidates = candidates(conn, judged, &current, now)?;
    let reviews: Vec<SubmittedReview> = current
        .iter()
        .filter_map(|a| {
            a.submitted_at.map(|submitted_at| SubmittedReview {
                assignment: a.id,
                reviewer_name: a.reviewer_name.clone(),
                submitted_at,
                review: a.review.clone(),
            })
        })
        .collect();
    let disagreement = match reviews.as_slice() {
        [a, b, ..] => {
            rules::disagreement(&a.review, &b.review, &judged.rulebook.competency_domains)
        }
        _ => Vec::new(),
    };
    Ok(ApplicationReview {
        needed: judged.category.review.reviewers,
        assignments: all.iter().map(|a| a.view(now)).collect(),
        candidates,
        reviews,
        disagreement,
        information_requests: information::for_application(conn, judged.application.id)?,
        rules: judged.rules(),
    })
}

/// Admins: an application's review: assignments, candidates with Endorse's
/// proposal, submitted reviews, disagreement, requests for information.
#[utoipa::path(
    get,
    path = "/api/v1/applications/{id}/review",
    tag = "review",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The application")),
    responses(
        (status = 200, description = "The review", body = ApplicationReview),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such application", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_application_review(
    state: web::Data<AppState>,
    _admin: RequireAdmin,
    id: web::Path<ApplicationId>,
) -> ApiResult<web::Json<ApplicationReview>> {
    let id = id.into_inner();
    let now = state.clock.now();
    let view = state
        .db
        .run(move |conn| {
            let Some(judged) = Judged::load(conn, id)? else {
                return Ok(None);
            };
            Ok(Some(admin_view(conn, &judged, now)?))
        })
        .await?
        .ok_or_else(no_application)?;
    Ok(web::Json(view))
}

/// Assigns one reviewer, with every check; starts the review of a submitted
/// application.
#[allow(clippy::too_many_arguments)]
fn assign(
    conn: &mut AnyConnection,
    state: &AppState,
    judged: &Judged,
    reviewer: UserId,
    override_reason: Option<&str>,
    (admin, ip): (UserId, Option<&str>),
    blind: bool,
    now: DateTime<Utc>,
) -> DbResult<Result<(), ApiError>> {
    let application = &judged.application;
    if !IN_REVIEW.contains(&application.status) {
        return Ok(Err(ApiError::Conflict(format!(
            "Reviewers are assigned to submitted applications; this one is {}.",
            application.status.label()
        ))));
    }
    // The reviewer's load is checked, then written: nobody else assigns them
    // meanwhile (the application itself is locked by `Judged::load`).
    crate::db::lock_owner(conn, reviewer)?;
    let Some(person) = users::find(conn, reviewer)? else {
        return Ok(Err(ApiError::field("reviewer", "is not an account")));
    };
    if person.role != Role::Reviewer {
        return Ok(Err(ApiError::field("reviewer", "is not a peer reviewer")));
    }
    let all = assignments::for_application(conn, application.id)?;
    let current = live(&all, judged.round);
    if current.iter().any(|a| a.reviewer == reviewer) {
        return Ok(Err(ApiError::Conflict(format!(
            "{} is already assigned to this application.",
            person.name
        ))));
    }
    let needed = judged.category.review.reviewers as usize;
    if current.len() >= needed {
        return Ok(Err(ApiError::Conflict(format!(
            "The category needs {needed} reviewer(s) and has them; release one first."
        ))));
    }
    let candidates = candidates(conn, judged, &current, now)?;
    let Some(candidate) = candidates.iter().find(|c| c.reviewer == reviewer) else {
        return Ok(Err(ApiError::field("reviewer", "is not a peer reviewer")));
    };
    if let Some(why) = &candidate.ineligible {
        return Ok(Err(ApiError::field(
            "reviewer",
            &format!("may not review: {why}"),
        )));
    }
    let mut obstacles: Vec<String> = candidate.conflicts.iter().map(|c| c.describe()).collect();
    if candidate.load >= candidate.max_load {
        obstacles.push(format!(
            "Has {} open reviews, the most they take",
            candidate.load
        ));
    }
    let override_reason = override_reason.map(str::trim).filter(|r| !r.is_empty());
    if let Some(reason) = override_reason {
        if reason.chars().count() > 2000 {
            return Ok(Err(ApiError::field(
                "override_reason",
                "must be at most 2000 characters",
            )));
        }
    }
    if !obstacles.is_empty() && override_reason.is_none() {
        return Ok(Err(ApiError::field(
            "override_reason",
            &format!("give a reason to assign despite: {}", obstacles.join("; ")),
        )));
    }
    // A reason given where nothing stands in the way is not an override.
    let override_reason = override_reason.filter(|_| !obstacles.is_empty());
    let due_at = now + Duration::days(i64::from(judged.rulebook.review.due_days));
    match assignments::insert(
        conn,
        &NewAssignment {
            application: application.id,
            reviewer,
            round: judged.round,
            assigned_by: admin,
            due_at,
            override_reason,
        },
        now,
    ) {
        Ok(_) => {}
        Err(DbError::UniqueViolation(_)) => {
            return Ok(Err(ApiError::Conflict(format!(
                "{} is already assigned to this application.",
                person.name
            ))))
        }
        Err(other) => return Err(other),
    }
    let mut details = format!(
        "Assigned {} to review round {}, due {}.",
        person.name,
        judged.round,
        due_at.format("%Y-%m-%d")
    );
    if override_reason.is_some() {
        details.push_str(&format!(" Despite: {}.", obstacles.join("; ")));
    }
    note(
        conn,
        application.id,
        (Role::Admin, admin),
        ip,
        "assign",
        override_reason,
        details,
        now,
    )?;
    if application.status == ApplicationStatus::Submitted {
        if let Err(refused) = take_action(
            conn,
            judged,
            Action::StartReview,
            (Role::Admin, admin),
            ip,
            None,
            "Review started: a reviewer was assigned.".into(),
            now,
        )? {
            return Ok(Err(refused));
        }
    }
    let message = Context {
        mail: &state.settings.mail,
        public_url: &state.settings.public_url,
    }
    .review_assigned(
        &person.email,
        &person.name,
        &judged.category.name,
        (!blind).then_some(application.applicant.name.as_str()),
        due_at,
    );
    outbox::enqueue(conn, &message, now)?;
    Ok(Ok(()))
}

fn blind(conn: &mut AnyConnection) -> DbResult<bool> {
    Ok(rulebooks::current(conn)?.rulebook.review.blind)
}

/// Admins: assign a reviewer. Conflicts of interest and a full load need an
/// `override_reason`, kept in the audit log; eligibility has no override.
#[utoipa::path(
    post,
    path = "/api/v1/applications/{id}/assignments",
    tag = "review",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The application")),
    request_body = AssignRequest,
    responses(
        (status = 200, description = "Assigned; the review as it now stands", body = ApplicationReview),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such application", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not in review, already assigned, or all places taken", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not a reviewer, not eligible, or a conflict without an override reason", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn assign_reviewer(
    state: web::Data<AppState>,
    RequireAdmin(admin): RequireAdmin,
    request: HttpRequest,
    id: web::Path<ApplicationId>,
    body: web::Json<AssignRequest>,
) -> ApiResult<web::Json<ApplicationReview>> {
    let id = id.into_inner();
    let body = body.into_inner();
    let now = state.clock.now();
    let ip = peer_ip(&request);
    let app_state = state.clone();
    let view = state
        .db
        .attempt(move |conn| {
            let Some(judged) = Judged::load(conn, id)? else {
                return Ok(Err(no_application()));
            };
            let blind = blind(conn)?;
            if let Err(refused) = assign(
                conn,
                &app_state,
                &judged,
                body.reviewer,
                body.override_reason.as_deref(),
                (admin.id, ip.as_deref()),
                blind,
                now,
            )? {
                return Ok(Err(refused));
            }
            let judged = Judged::load(conn, id)?.ok_or(DbError::NotFound)?;
            Ok(Ok(admin_view(conn, &judged, now)?))
        })
        .await??;
    tracing::info!(application_id = %id, reviewer = %body.reviewer, "reviewer assigned");
    Ok(web::Json(view))
}

/// Admins: assign every reviewer Endorse proposes for the open places.
#[utoipa::path(
    post,
    path = "/api/v1/applications/{id}/assignments/proposed",
    tag = "review",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The application")),
    responses(
        (status = 200, description = "Assigned; the review as it now stands", body = ApplicationReview),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such application", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not in review, or no reviewer is available", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn assign_proposed(
    state: web::Data<AppState>,
    RequireAdmin(admin): RequireAdmin,
    request: HttpRequest,
    id: web::Path<ApplicationId>,
) -> ApiResult<web::Json<ApplicationReview>> {
    let id = id.into_inner();
    let now = state.clock.now();
    let ip = peer_ip(&request);
    let app_state = state.clone();
    let view = state
        .db
        .attempt(move |conn| {
            let Some(judged) = Judged::load(conn, id)? else {
                return Ok(Err(no_application()));
            };
            if !IN_REVIEW.contains(&judged.application.status) {
                return Ok(Err(ApiError::Conflict(format!(
                    "Reviewers are assigned to submitted applications; this one is {}.",
                    judged.application.status.label()
                ))));
            }
            let all = assignments::for_application(conn, id)?;
            let proposed: Vec<UserId> = candidates(conn, &judged, &live(&all, judged.round), now)?
                .into_iter()
                .filter(|c| c.proposed)
                .map(|c| c.reviewer)
                .collect();
            if proposed.is_empty() {
                return Ok(Err(ApiError::Conflict(
                    "No reviewer is available: every place is taken, or nobody eligible is free of conflicts and under their load.".into(),
                )));
            }
            let blind = blind(conn)?;
            for reviewer in proposed {
                // Each assignment may start the review: reload between them.
                let judged = Judged::load(conn, id)?.ok_or(DbError::NotFound)?;
                if let Err(refused) = assign(
                    conn,
                    &app_state,
                    &judged,
                    reviewer,
                    None,
                    (admin.id, ip.as_deref()),
                    blind,
                    now,
                )? {
                    // Someone changed meanwhile: undo every assignment of this call.
                    tracing::warn!(%refused, "a proposed reviewer was refused");
                    return Err(DbError::Conflict);
                }
            }
            let judged = Judged::load(conn, id)?.ok_or(DbError::NotFound)?;
            Ok(Ok(admin_view(conn, &judged, now)?))
        })
        .await??;
    Ok(web::Json(view))
}

/// Admins: release a reviewer whose review is not submitted, with a reason.
#[utoipa::path(
    post,
    path = "/api/v1/assignments/{id}/release",
    tag = "review",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The assignment")),
    request_body = ReasonRequest,
    responses(
        (status = 200, description = "Released; the review as it now stands", body = ApplicationReview),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such assignment", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Submitted or released already", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No reason", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn release_assignment(
    state: web::Data<AppState>,
    RequireAdmin(admin): RequireAdmin,
    request: HttpRequest,
    id: web::Path<AssignmentId>,
    body: web::Json<ReasonRequest>,
) -> ApiResult<web::Json<ApplicationReview>> {
    let id = id.into_inner();
    let reason = body.checked().map_err(ApiError::Validation)?;
    let now = state.clock.now();
    let ip = peer_ip(&request);
    let view = state
        .db
        .attempt(move |conn| {
            let Some(assignment) = assignments::get(conn, id)? else {
                return Ok(Err(ApiError::NotFound(
                    "There is no such assignment.".into(),
                )));
            };
            if !assignments::release(conn, id, &reason, now)? {
                return Ok(Err(ApiError::Conflict(format!(
                    "This assignment is {} and cannot be released.",
                    assignment.state.label().to_lowercase()
                ))));
            }
            note(
                conn,
                assignment.application,
                (Role::Admin, admin.id),
                ip.as_deref(),
                "release",
                Some(&reason),
                format!("Released {} from the review.", assignment.reviewer_name),
                now,
            )?;
            let judged = Judged::load(conn, assignment.application)?.ok_or(DbError::NotFound)?;
            Ok(Ok(admin_view(conn, &judged, now)?))
        })
        .await??;
    Ok(web::Json(view))
}

// ---------------------------------------------------------------------------
// The reviewer's side

/// A short reference for an application that names no one, e.g. `IFS-3F2A9C`.
pub(crate) fn reference(category: &str, id: ApplicationId) -> String {
    let hex = id.as_uuid().simple().to_string();
    format!("{category}-{}", hex[..6].to_uppercase())
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
    state: web::Data<AppState>,
    RequireReviewer(reviewer): RequireReviewer,
) -> ApiResult<web::Json<Vec<MyAssignment>>> {
    let now = state.clock.now();
    let list = state
        .db
        .run(move |conn| {
            let blind = blind(conn)?;
            let mut list = Vec::new();
            for assignment in assignments::for_reviewer(conn, reviewer.id)? {
                let judged =
                    Judged::load(conn, assignment.application)?.ok_or(DbError::NotFound)?;
                if assignment.override_reason.is_none()
                    && conflicted(conn, reviewer.id, &judged, now.date_naive())?
                {
                    continue;
                }
                list.push(mine(
                    &assignment,
                    &judged.application,
                    &judged.category.name,
                    blind,
                    now,
                ));
            }
            Ok(list)
        })
        .await?;
    Ok(web::Json(list))
}

/// The caller's own live assignment with its application, or none.
fn own_assignment(
    conn: &mut AnyConnection,
    reviewer: UserId,
    id: AssignmentId,
    now: DateTime<Utc>,
) -> DbResult<Option<(Assignment, Judged)>> {
    let Some(assignment) = assignments::get(conn, id)? else {
        return Ok(None);
    };
    if assignment.reviewer != reviewer || assignment.state == AssignmentState::Released {
        return Ok(None);
    }
    let judged = Judged::load(conn, assignment.application)?.ok_or(DbError::NotFound)?;
    // A conflict that came to light after assignment (say the applicant asked
    // the reviewer for a reference) hides the application, unless an admin
    // assigned knowing of a conflict.
    if assignment.override_reason.is_none()
        && conflicted(conn, reviewer, &judged, now.date_naive())?
    {
        return Ok(None);
    }
    Ok(Some((assignment, judged)))
}

/// Whether a reviewer may read one of `owner`'s documents: it belongs to an
/// entry of an application they review now (submitted or amended). Returns
/// whether review is blind (then the file name is withheld), or None.
pub(crate) fn reviewer_document(
    conn: &mut AnyConnection,
    reviewer: UserId,
    owner: UserId,
    document: endorse_shared::DocumentId,
    now: DateTime<Utc>,
) -> DbResult<Option<bool>> {
    let names = |data: &EntryData| match data {
        EntryData::Education(e) => e.transcript == Some(document),
        EntryData::Training(t) => t.certificate == Some(document),
        _ => false,
    };
    for assignment in assignments::for_reviewer(conn, reviewer)? {
        let Some((assignment, judged)) = own_assignment(conn, reviewer, assignment.id, now)? else {
            continue;
        };
        if judged.application.applicant.id != owner {
            continue;
        }
        let items = information::for_application(conn, assignment.application)?;
        let in_snapshot = applications::latest_snapshot(conn, assignment.application)?
            .is_some_and(|snapshot| snapshot.entries.iter().any(|e| names(&e.data)));
        let amended = items
            .iter()
            .filter_map(|item| item.after.as_ref())
            .any(names);
        if in_snapshot || amended {
            return Ok(Some(blind(conn)?));
        }
    }
    Ok(None)
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
) -> DbResult<ReviewPacket> {
    let blind = blind(conn)?;
    let application = &judged.application;
    let items = information::for_application(conn, application.id)?;
    let snapshot = applications::latest_snapshot(conn, application.id)?.ok_or_else(|| {
        DbError::Corrupt(format!("application {} has no snapshot", application.id))
    })?;
    let applicant = users::find(conn, application.applicant.id)?.ok_or(DbError::NotFound)?;
    let references = crate::routes::references::reviewed(
        conn,
        &applicant,
        crate::routes::references::Reader::Reviewer,
        now,
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
    state: web::Data<AppState>,
    RequireReviewer(reviewer): RequireReviewer,
    id: web::Path<AssignmentId>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let now = state.clock.now();
    let packet = state
        .db
        .run(move |conn| {
            let Some((assignment, judged)) = own_assignment(conn, reviewer.id, id, now)? else {
                return Ok(None);
            };
            Ok(Some(packet(conn, assignment, &judged, now)?))
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
    state: web::Data<AppState>,
    RequireReviewer(reviewer): RequireReviewer,
    if_match: IfMatch,
    id: web::Path<AssignmentId>,
    body: web::Json<ReviewForm>,
) -> ApiResult<HttpResponse> {
    let expected = if_match.version()?;
    let id = id.into_inner();
    let form = body.into_inner();
    let now = state.clock.now();
    let version = state
        .db
        .attempt(move |conn| {
            let Some((assignment, judged)) = own_assignment(conn, reviewer.id, id, now)? else {
                return Ok(Err(no_assignment()));
            };
            if assignment.state != AssignmentState::Active {
                return Ok(Err(ApiError::Conflict(
                    "This review is submitted and can no longer change.".into(),
                )));
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
    state: web::Data<AppState>,
    RequireReviewer(reviewer): RequireReviewer,
    request: HttpRequest,
    if_match: IfMatch,
    id: web::Path<AssignmentId>,
    body: web::Json<ReviewForm>,
) -> ApiResult<HttpResponse> {
    let expected = if_match.version()?;
    let id = id.into_inner();
    let form = body.into_inner();
    let now = state.clock.now();
    let ip = peer_ip(&request);
    let packet = state
        .db
        .attempt(move |conn| {
            let Some((assignment, judged)) = own_assignment(conn, reviewer.id, id, now)? else {
                return Ok(Err(no_assignment()));
            };
            if assignment.state != AssignmentState::Active {
                return Ok(Err(ApiError::Conflict(
                    "This review is submitted already.".into(),
                )));
            }
            if judged.application.status != ApplicationStatus::UnderReview {
                return Ok(Err(ApiError::Conflict(format!(
                    "A review is submitted while the application is under review; it is {}.",
                    judged.application.status.label()
                ))));
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
            Ok(Ok(packet(conn, assignment, &judged, now)?))
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
    state: web::Data<AppState>,
    RequireReviewer(reviewer): RequireReviewer,
    request: HttpRequest,
    id: web::Path<AssignmentId>,
    body: web::Json<InformationRequest>,
) -> ApiResult<web::Json<ReviewPacket>> {
    let id = id.into_inner();
    let body = body.into_inner();
    let now = state.clock.now();
    let ip = peer_ip(&request);
    let app_state = state.clone();
    let packet = state
        .db
        .attempt(move |conn| {
            let Some((assignment, judged)) = own_assignment(conn, reviewer.id, id, now)? else {
                return Ok(Err(no_assignment()));
            };
            if assignment.state != AssignmentState::Active {
                return Ok(Err(ApiError::Conflict(
                    "Your review is submitted; the admin takes it from here.".into(),
                )));
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
            let message = Context {
                mail: &app_state.settings.mail,
                public_url: &app_state.settings.public_url,
            }
            .information_requested(
                &judged.application.applicant.email,
                &judged.application.applicant.name,
                &judged.category.name,
                &messages,
            );
            outbox::enqueue(conn, &message, now)?;
            let judged = Judged::load(conn, judged.application.id)?.ok_or(DbError::NotFound)?;
            let assignment = assignments::get(conn, id)?.ok_or(DbError::NotFound)?;
            Ok(Ok(packet(conn, assignment, &judged, now)?))
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
    state: web::Data<AppState>,
    RequireReviewer(reviewer): RequireReviewer,
    request: HttpRequest,
    id: web::Path<AssignmentId>,
    body: web::Json<ReasonRequest>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let reason = body.checked().map_err(ApiError::Validation)?;
    let now = state.clock.now();
    let ip = peer_ip(&request);
    state
        .db
        .attempt(move |conn| {
            let Some((assignment, judged)) = own_assignment(conn, reviewer.id, id, now)? else {
                return Ok(Err(no_assignment()));
            };
            if !assignments::release(conn, id, &format!("Conflict of interest: {reason}"), now)? {
                return Ok(Err(ApiError::Conflict(
                    "Your review is submitted; write to the association instead.".into(),
                )));
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

// ---------------------------------------------------------------------------
// The applicant's answer

/// Applicants: answer every open request for information, after amending
/// the entries. The entries as they stand now are kept beside the submitted
/// ones, and the review continues.
#[utoipa::path(
    post,
    path = "/api/v1/me/applications/{id}/answer",
    tag = "applications",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The application")),
    request_body = AnswerRequest,
    responses(
        (status = 200, description = "Answered; back under review", body = ApplicationResponse),
        (status = 404, description = "No such application of yours", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Nothing was asked (the problem names the status)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "An answer is missing or wrong, by field", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn answer_information(
    state: web::Data<AppState>,
    AuthUser(user): AuthUser,
    request: HttpRequest,
    id: web::Path<ApplicationId>,
    body: web::Json<AnswerRequest>,
) -> ApiResult<web::Json<ApplicationResponse>> {
    let id = id.into_inner();
    let body = body.into_inner();
    let now = state.clock.now();
    let ip = peer_ip(&request);
    state
        .db
        .attempt(move |conn| {
            let Some(judged) =
                Judged::load(conn, id)?.filter(|j| j.application.applicant.id == user.id)
            else {
                return Ok(Err(ApiError::NotFound(
                    "There is no such application of yours.".into(),
                )));
            };
            if judged.application.status != ApplicationStatus::RevisionRequested {
                return Ok(Err(ApiError::Conflict(format!(
                    "Nothing is asked of you now: the application is {}.",
                    judged.application.status.label()
                ))));
            }
            let open: Vec<InformationItem> = information::for_application(conn, id)?
                .into_iter()
                .filter(|i| i.answered_at.is_none())
                .collect();
            let ids: Vec<_> = open.iter().map(|i| i.id).collect();
            let problems = body.problems(&ids);
            if !problems.is_empty() {
                return Ok(Err(ApiError::Validation(problems)));
            }
            let mut amended = 0;
            for item in &open {
                let after = portfolio::get(conn, user.id, item.entry)?.map(|entry| entry.data);
                if after != item.before {
                    amended += 1;
                }
                let answer = body.answers.get(&item.id).map_or("", |a| a.trim());
                if !information::answer(conn, item.id, answer, after.as_ref(), now)? {
                    return Err(DbError::Conflict);
                }
            }
            if let Err(refused) = take_action(
                conn,
                &judged,
                Action::AnswerRevision,
                (Role::Applicant, user.id),
                ip.as_deref(),
                None,
                format!(
                    "Answered {} request{}; {amended} entr{} amended.",
                    open.len(),
                    if open.len() == 1 { "" } else { "s" },
                    if amended == 1 { "y" } else { "ies" },
                ),
                now,
            )? {
                return Ok(Err(refused));
            }
            Ok(Ok(()))
        })
        .await??;
    crate::routes::applications::my_application(&state, user.id, id)
        .await
        .map(web::Json)
}
