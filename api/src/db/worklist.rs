//! Counting what waits on the admins (`endorse_shared::worklist`): one query
//! per kind of work, none per row.

use super::assignments::IN_REVIEW;
use super::{AnyConnection, DbError, DbResult};
use crate::schema::{
    application_snapshots, applications, assignments, exams, outbox, portfolio_entries,
    recognitions, renewals, users,
};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;
use endorse_shared::applications::ApplicationStatus;
use endorse_shared::entries::EntryData;
use endorse_shared::worklist::{WorkItem, WorkKind, WorkList, WorkPerson, WORK_PEOPLE_SHOWN};
use std::collections::{HashMap, HashSet};

fn count(n: i64) -> u64 {
    u64::try_from(n).unwrap_or_default()
}

/// Everything that waits, at `now` (`today` in the association's days).
pub fn work_list(
    conn: &mut AnyConnection,
    now: DateTime<Utc>,
    today: NaiveDate,
) -> DbResult<WorkList> {
    let (memberships, providers) = to_verify(conn, today)?;
    let mut items = vec![memberships, providers];
    let plain = |kind, count| WorkItem {
        kind,
        count,
        people: Vec::new(),
    };
    items.push(plain(
        WorkKind::ApplicationsWithoutReviewers,
        without_reviewers(conn)?,
    ));
    let in_review: Vec<&str> = IN_REVIEW.iter().map(|s| s.as_str()).collect();
    let overdue: i64 = assignments::table
        .inner_join(applications::table.on(applications::id.eq(assignments::application_id)))
        .filter(assignments::state.eq("active"))
        .filter(assignments::due_at.lt(now.naive_utc()))
        .filter(applications::status.eq_any(&in_review))
        .count()
        .get_result(conn)?;
    items.push(plain(WorkKind::ReviewsOverdue, count(overdue)));
    let to_schedule: i64 = exams::table
        .inner_join(applications::table.on(applications::id.eq(exams::application_id)))
        .filter(exams::starts_at.is_null())
        .filter(exams::result.is_null())
        .filter(applications::status.eq(ApplicationStatus::ApprovedForExam.as_str()))
        .count()
        .get_result(conn)?;
    items.push(plain(WorkKind::ExamsToSchedule, count(to_schedule)));
    let to_score: i64 = exams::table
        .filter(exams::answers_submitted_at.is_not_null())
        .filter(exams::result.is_null())
        .count()
        .get_result(conn)?;
    items.push(plain(WorkKind::ExamsToScore, count(to_score)));
    let renewals_waiting: i64 = renewals::table
        .filter(renewals::status.eq("submitted"))
        .count()
        .get_result(conn)?;
    items.push(plain(WorkKind::RenewalsWaiting, count(renewals_waiting)));
    let recognitions_waiting: i64 = recognitions::table
        .filter(recognitions::status.eq("pending"))
        .count()
        .get_result(conn)?;
    items.push(plain(
        WorkKind::RecognitionsWaiting,
        count(recognitions_waiting),
    ));
    let failed: i64 = outbox::table
        .filter(outbox::status.eq("failed"))
        .count()
        .get_result(conn)?;
    items.push(plain(WorkKind::MailFailed, count(failed)));
    Ok(WorkList { items })
}

/// Current memberships not verified, and RSC providers (not endorsed
/// themselves) not vetted, with the people they wait on (the longest
/// waiting first). A provider counts once per person.
fn to_verify(conn: &mut AnyConnection, today: NaiveDate) -> DbResult<(WorkItem, WorkItem)> {
    let rows: Vec<(String, String, NaiveDateTime, String, Option<NaiveDateTime>)> =
        portfolio_entries::table
            .inner_join(users::table.on(users::id.eq(portfolio_entries::owner_id)))
            .filter(portfolio_entries::section.eq_any(["membership", "rsc"]))
            .order((
                portfolio_entries::updated_at.asc(),
                portfolio_entries::id.asc(),
            ))
            .select((
                portfolio_entries::owner_id,
                portfolio_entries::body,
                portfolio_entries::updated_at,
                users::name,
                users::disabled_at,
            ))
            .load(conn)?;
    let mut memberships = (0u64, Vec::<WorkPerson>::new());
    let mut providers = (0u64, Vec::<WorkPerson>::new());
    let mut vet_seen = HashSet::new();
    for (owner, body, _, name, disabled) in rows {
        if disabled.is_some() {
            continue;
        }
        let data: EntryData = serde_json::from_str(&body)
            .map_err(|error| DbError::Corrupt(format!("entry of {owner}: {error}")))?;
        let target = match &data {
            EntryData::Membership(m) if !m.verified && m.expires_on >= today => &mut memberships,
            EntryData::Rsc(r) if r.provider_category.is_none() && !r.provider_vetted => {
                if !vet_seen.insert((owner.clone(), r.provider_name.trim().to_lowercase())) {
                    continue;
                }
                &mut providers
            }
            _ => continue,
        };
        target.0 += 1;
        let id = owner
            .parse()
            .map_err(|_| DbError::Corrupt(format!("user id '{owner}'")))?;
        if target.1.len() < WORK_PEOPLE_SHOWN && !target.1.iter().any(|p| p.id == id) {
            target.1.push(WorkPerson { id, name });
        }
    }
    Ok((
        WorkItem {
            kind: WorkKind::MembershipsToVerify,
            count: memberships.0,
            people: memberships.1,
        },
        WorkItem {
            kind: WorkKind::ProvidersToVet,
            count: providers.0,
            people: providers.1,
        },
    ))
}

/// Applications submitted or under review with no live reviewer (working
/// or done) on their newest round.
fn without_reviewers(conn: &mut AnyConnection) -> DbResult<u64> {
    let waiting = [
        ApplicationStatus::Submitted.as_str(),
        ApplicationStatus::UnderReview.as_str(),
    ];
    let ids: Vec<String> = applications::table
        .filter(applications::status.eq_any(waiting))
        .select(applications::id)
        .load(conn)?;
    if ids.is_empty() {
        return Ok(0);
    }
    let rounds: Vec<(String, Option<i64>)> = application_snapshots::table
        .filter(application_snapshots::application_id.eq_any(&ids))
        .group_by(application_snapshots::application_id)
        .select((
            application_snapshots::application_id,
            diesel::dsl::max(application_snapshots::round),
        ))
        .load(conn)?;
    let newest: HashMap<String, i64> = rounds
        .into_iter()
        .filter_map(|(id, round)| round.map(|round| (id, round)))
        .collect();
    let live: HashSet<(String, i64)> = assignments::table
        .filter(assignments::application_id.eq_any(&ids))
        .filter(assignments::state.eq_any(["active", "submitted"]))
        .select((assignments::application_id, assignments::round))
        .load::<(String, i64)>(conn)?
        .into_iter()
        .collect();
    let unassigned = ids
        .iter()
        .filter(|id| {
            let round = newest.get(*id).copied().unwrap_or(1);
            !live.contains(&((*id).clone(), round))
        })
        .count();
    Ok(u64::try_from(unassigned).unwrap_or_default())
}
