//! Reviewers and applications: who may review which (eligibility, conflicts
//! of interest, load), Endorse's proposal, assigning, and what a reviewer may
//! reach through their own live assignment.

use super::process::{note, take_action};
use super::Judged;
use crate::calendar::Calendar;
use crate::db::applications;
use crate::db::assignments::{self, Assignment, NewAssignment, IN_REVIEW};
use crate::db::references::Stage;
use crate::db::users::{self, UserFilter};
use crate::db::{information, outbox, portfolio, references, reviewers, rulebooks};
use crate::db::{AnyConnection, DbError, DbResult};
use crate::error::ApiError;
use crate::mail::templates::Context;
use chrono::{DateTime, Duration, Utc};
use endorse_shared::applications::ApplicationStatus;
use endorse_shared::entries::{EditableSection, EntryData};
use endorse_shared::i18n::{Lang, Text};
use endorse_shared::portfolio::WorkData;
use endorse_shared::process::Action;
use endorse_shared::review::{
    self as rules, ApplicantFacts, AssignmentState, Candidate, CandidateView, Period, Provider,
    Referee, ReviewerFacts,
};
use endorse_shared::{ApplicationId, AssignmentId, Role, UserId};
use std::collections::{HashMap, HashSet};

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

/// What is known of many applicants for conflicts, without declarations, by
/// applicant: their RSC providers, referees and work, in two queries however
/// many applicants there are.
fn applicant_facts_of(
    conn: &mut AnyConnection,
    applicants: &[UserId],
) -> DbResult<HashMap<UserId, ApplicantFacts>> {
    let mut entries = portfolio::sections_of(
        conn,
        applicants,
        &[EditableSection::Rsc, EditableSection::Work],
    )?;
    let mut requests = references::list_for_many(conn, applicants)?;
    Ok(applicants
        .iter()
        .map(|applicant| {
            let entries = entries.remove(applicant).unwrap_or_default();
            let requests = requests.remove(applicant).unwrap_or_default();
            (*applicant, facts_from(&entries, requests))
        })
        .collect())
}

fn facts_from(
    entries: &[endorse_shared::entries::PortfolioEntry],
    requests: Vec<references::StoredReference>,
) -> ApplicantFacts {
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
    let referees = requests
        .into_iter()
        .filter(|r| r.stage != Stage::Cancelled)
        .map(|r| Referee {
            email: r.request.referee_email,
            relationship: r.request.relationship,
        })
        .collect();
    ApplicantFacts {
        referees,
        providers,
        work: work_periods(entries),
        declared: Vec::new(),
    }
}

/// What is known of one applicant for conflicts, without declarations.
fn applicant_facts(conn: &mut AnyConnection, applicant: UserId) -> DbResult<ApplicantFacts> {
    Ok(applicant_facts_of(conn, &[applicant])?
        .remove(&applicant)
        .unwrap_or_default())
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

/// Whether the reviewer has a conflict with the application's applicant (a
/// reviewer who no longer exists has one with everybody).
pub fn conflicted(
    conn: &mut AnyConnection,
    reviewer: UserId,
    judged: &Judged,
    today: chrono::NaiveDate,
) -> DbResult<bool> {
    let applicant = judged.application.applicant.id;
    Ok(conflicted_with(conn, reviewer, &[applicant], today)?.contains(&applicant))
}

/// Which of these applicants the reviewer has a conflict with, in a fixed
/// number of queries however many applicants are asked about (a reviewer who
/// no longer exists has one with everybody).
pub fn conflicted_with(
    conn: &mut AnyConnection,
    reviewer: UserId,
    applicants: &[UserId],
    today: chrono::NaiveDate,
) -> DbResult<HashSet<UserId>> {
    let Some(person) = users::find(conn, reviewer)? else {
        return Ok(applicants.iter().copied().collect());
    };
    let profile = reviewers::get(conn, reviewer)?
        .map(|(profile, _)| profile)
        .unwrap_or_default();
    let work = portfolio::work_of(conn, &[reviewer])?
        .remove(&reviewer)
        .unwrap_or_default();
    let facts = applicant_facts_of(conn, applicants)?;
    let mut declared = assignments::declared_conflicts_of(conn, applicants)?;
    Ok(facts
        .into_iter()
        .filter(|(applicant, facts)| {
            let declared = declared.remove(applicant).unwrap_or_default();
            !conflicts_of(&person, &profile, &work, facts, &declared, today).is_empty()
        })
        .map(|(applicant, _)| applicant)
        .collect())
}

/// Every reviewer with what stands between them and this application, and
/// Endorse's proposal for the places still open.
pub fn candidates(
    conn: &mut AnyConnection,
    judged: &Judged,
    live: &[&Assignment],
    now: DateTime<Utc>,
    calendar: Calendar,
) -> DbResult<Vec<CandidateView>> {
    let today = calendar.day_of(now);
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
        let ineligible = rules::eligibility(&judged.category, &profile)
            .err()
            .map(|why| why.say(crate::locale::current()));
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
pub fn live(all: &[Assignment], round: i64) -> Vec<&Assignment> {
    all.iter()
        .filter(|a| a.round == round && a.state != AssignmentState::Released)
        .collect()
}

/// Assigns one reviewer, with every check; starts the review of a submitted
/// application.
#[allow(clippy::too_many_arguments)]
pub fn assign(
    conn: &mut AnyConnection,
    mail: &Context<'_>,
    judged: &Judged,
    reviewer: UserId,
    override_reason: Option<&str>,
    (admin, ip): (UserId, Option<&str>),
    blind: bool,
    now: DateTime<Utc>,
    calendar: Calendar,
) -> DbResult<Result<(), ApiError>> {
    let application = &judged.application;
    if !IN_REVIEW.contains(&application.status) {
        return Ok(Err(ApiError::Conflict(
            Text::new("err-reviewers-are-assigned-submitted-applications-one")
                .with("status", application.status.text()),
        )));
    }
    // The reviewer's load is checked, then written: nobody else assigns them
    // meanwhile (the application itself is locked by `Judged::load`).
    crate::db::lock_owner(conn, reviewer)?;
    let Some(person) = users::find(conn, reviewer)? else {
        return Ok(Err(ApiError::field(
            "reviewer",
            Text::new("err-not-account"),
        )));
    };
    if person.role != Role::Reviewer {
        return Ok(Err(ApiError::field(
            "reviewer",
            Text::new("err-not-peer-reviewer"),
        )));
    }
    let all = assignments::for_application(conn, application.id)?;
    let current = live(&all, judged.round);
    if current.iter().any(|a| a.reviewer == reviewer) {
        return Ok(Err(ApiError::Conflict(
            Text::new("err-already-assigned-application").with("name", (person.name).to_string()),
        )));
    }
    let needed = judged.category.review.reviewers as usize;
    if current.len() >= needed {
        return Ok(Err(ApiError::Conflict(
            Text::new("err-category-needs-reviewer-s-has-them")
                .with("needed", (needed).to_string()),
        )));
    }
    let candidates = candidates(conn, judged, &current, now, calendar)?;
    let Some(candidate) = candidates.iter().find(|c| c.reviewer == reviewer) else {
        return Ok(Err(ApiError::field(
            "reviewer",
            Text::new("err-not-peer-reviewer"),
        )));
    };
    if let Some(why) = &candidate.ineligible {
        return Ok(Err(ApiError::field(
            "reviewer",
            Text::new("err-may-not-review").with("why", why),
        )));
    }
    let mut obstacles: Vec<Text> = candidate.conflicts.iter().map(|c| c.describe()).collect();
    if candidate.load >= candidate.max_load {
        obstacles.push(Text::new("reviewer-at-load").with("load", candidate.load));
    }
    let override_reason = override_reason.map(str::trim).filter(|r| !r.is_empty());
    if let Some(reason) = override_reason {
        if reason.chars().count() > 2000 {
            return Ok(Err(ApiError::field(
                "override_reason",
                Text::new("err-must-at-most-2000-characters"),
            )));
        }
    }
    if !obstacles.is_empty() && override_reason.is_none() {
        return Ok(Err(ApiError::field(
            "override_reason",
            Text::new("err-give-reason-assign-despite")
                .with("obstacles", Text::sentences(obstacles.clone())),
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
            return Ok(Err(ApiError::Conflict(
                Text::new("err-already-assigned-application")
                    .with("name", (person.name).to_string()),
            )))
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
        let said = endorse_shared::i18n::say_all(&obstacles, Lang::En);
        details.push_str(&format!(" Despite: {}.", said.join("; ")));
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
    let reads = users::reader_of(conn, &person.email)?;
    let message = mail.to(reads).review_assigned(
        &person.email,
        &person.name,
        &judged.category.name,
        (!blind).then_some(application.applicant.name.as_str()),
        due_at,
    );
    outbox::enqueue(conn, &message, now)?;
    Ok(Ok(()))
}

pub fn blind(conn: &mut AnyConnection) -> DbResult<bool> {
    Ok(rulebooks::current(conn)?.rulebook.review.blind)
}

/// A short reference for an application that names no one, e.g. `IFS-3F2A9C`.
pub fn reference(category: &str, id: ApplicationId) -> String {
    let hex = id.as_uuid().simple().to_string();
    format!("{category}-{}", hex[..6].to_uppercase())
}

/// The caller's own live assignment with its application, or none.
pub fn own_assignment(
    conn: &mut AnyConnection,
    reviewer: UserId,
    id: AssignmentId,
    now: DateTime<Utc>,
    calendar: Calendar,
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
        && conflicted(conn, reviewer, &judged, calendar.day_of(now))?
    {
        return Ok(None);
    }
    Ok(Some((assignment, judged)))
}

/// Whether a reviewer may read one of `owner`'s documents: it belongs to an
/// entry of an application they review now (submitted or amended). Returns
/// whether review is blind (then the file name is withheld), or None.
pub fn reviewer_document(
    conn: &mut AnyConnection,
    reviewer: UserId,
    owner: UserId,
    document: endorse_shared::DocumentId,
    now: DateTime<Utc>,
    calendar: Calendar,
) -> DbResult<Option<bool>> {
    let names = |data: &EntryData| data.document().is_some_and(|(_, d)| d == document);
    for assignment in assignments::for_reviewer(conn, reviewer)? {
        let Some((assignment, judged)) =
            own_assignment(conn, reviewer, assignment.id, now, calendar)?
        else {
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
