//! What each reader sees of an applicant's reference requests: status,
//! delivery, whether a rating counts, and, for staff, the signals that a
//! rating may not be what it seems. Where the applicant waived access, the
//! applicant's view never holds the answers.

use crate::calendar::Calendar;
use crate::db::references::{self, Response, Stage, StoredReference};
use crate::db::{outbox, portfolio, refresh_tokens, rulebooks, users, AnyConnection, DbResult};
use crate::error::ApiError;
use chrono::{DateTime, Utc};
use endorse_shared::eligibility::evaluate;
use endorse_shared::i18n::Text;
use endorse_shared::references::{
    signals, AnswerTrace, Counting, DeliveryState, ReferenceStatus, ReferenceView,
    ReviewedReference,
};
use endorse_shared::rulebook::Rulebook;
use endorse_shared::{EntryId, UserId};

/// Who may see a rating's answers.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// The applicant: not where access was waived.
    Applicant,
    /// Reviewers and admins: always.
    Staff,
}

/// Builds the views of an applicant's requests: status, delivery, whether each
/// received rating counts for its category. Four queries, however many requests.
pub fn views(
    conn: &mut AnyConnection,
    applicant: UserId,
    audience: Audience,
    now: DateTime<Utc>,
    calendar: Calendar,
) -> DbResult<(Vec<StoredReference>, Vec<ReferenceView>)> {
    let stored = references::list_for(conn, applicant)?;
    let ids: Vec<EntryId> = stored.iter().map(|r| r.id).collect();
    let deliveries = outbox::deliveries(conn, &ids)?;
    let rulebook = rulebooks::current(conn)?.rulebook;
    // The requests are already loaded: weigh them with the entries, without
    // reading them a second time through `portfolio::weighable`.
    let mut weighed = endorse_shared::entries::to_portfolio(&portfolio::list(conn, applicant)?);
    weighed.references = references::weighed(&stored, &rulebook);
    let views = stored
        .iter()
        .map(|r| {
            view(
                r,
                deliveries.get(&r.id).cloned(),
                counting(r, &rulebook, &weighed, now, calendar),
                audience,
                now,
            )
        })
        .collect();
    Ok((stored, views))
}

fn counting(
    reference: &StoredReference,
    rulebook: &Rulebook,
    portfolio: &endorse_shared::portfolio::Portfolio,
    now: DateTime<Utc>,
    calendar: Calendar,
) -> Option<Counting> {
    if reference.stage != Stage::Received {
        return None;
    }
    let Some(rules) = rulebook.category(&reference.request.category) else {
        return Some(Counting {
            counts: false,
            reasons: vec![endorse_shared::i18n::Text::new("counting-no-category")
                .with("category", &reference.request.category)
                .say(crate::locale::current())],
        });
    };
    let report = evaluate(
        rules,
        portfolio,
        calendar.day_of(now),
        crate::locale::current(),
    );
    let verdict = report.entries.iter().find(|v| v.entry == reference.id)?;
    let mut reasons = verdict.reasons.clone();
    reasons.extend(verdict.notes.iter().cloned());
    Some(Counting {
        counts: verdict.counts,
        reasons,
    })
}

fn view(
    reference: &StoredReference,
    delivery: Option<endorse_shared::references::Delivery>,
    counting: Option<Counting>,
    audience: Audience,
    now: DateTime<Utc>,
) -> ReferenceView {
    let status = match reference.stage {
        Stage::Cancelled => ReferenceStatus::Cancelled,
        Stage::Declined => ReferenceStatus::Declined,
        Stage::Received => ReferenceStatus::Received,
        Stage::Pending if !reference.is_live(now) => ReferenceStatus::Expired,
        Stage::Pending if reference.opened_at.is_some() => ReferenceStatus::Opened,
        Stage::Pending => match delivery.as_ref().map(|d| d.state) {
            Some(DeliveryState::Sent) => ReferenceStatus::Sent,
            Some(DeliveryState::Failed) => ReferenceStatus::DeliveryFailed,
            _ => ReferenceStatus::Queued,
        },
    };
    let visible = audience == Audience::Staff || !reference.request.waive_access;
    let (answer, imported, declined_reason) = match &reference.response {
        Some(Response::Rated(answer)) => (visible.then(|| answer.clone()), None, None),
        Some(Response::Imported(rating)) => (None, visible.then(|| rating.clone()), None),
        Some(Response::Declined(reason)) => (None, None, Some(reason.clone())),
        None => (None, None, None),
    };
    ReferenceView {
        id: reference.id,
        request: reference.request.clone(),
        status,
        delivery,
        requested_at: reference.created_at,
        expires_at: reference.expires_at,
        opened_at: reference.opened_at,
        answered_at: reference.answered_at,
        declined_reason,
        counting,
        answer,
        imported,
        replaced_by: reference.replaced_by,
    }
}

/// Who reads the staff view of references.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    /// Admins: everything, the referee's address included.
    Admin,
    /// Reviewers: the answers and the signals, but no IP address.
    Reviewer,
}

/// An applicant's requests as staff see them: every answer, and the signals
/// that a rating may not be what it seems (a shared or the applicant's own
/// address, an answer from the applicant's address, browser or session).
pub fn reviewed(
    conn: &mut AnyConnection,
    applicant: &users::User,
    reader: Reader,
    now: DateTime<Utc>,
    calendar: Calendar,
) -> DbResult<Vec<ReviewedReference>> {
    let ips = refresh_tokens::ips_of(conn, applicant.id)?;
    let devices = refresh_tokens::devices_of(conn, applicant.id)?;
    let (stored, views) = views(conn, applicant.id, Audience::Staff, now, calendar)?;
    let keys: Vec<(EntryId, &str, AnswerTrace<'_>)> = stored
        .iter()
        .map(|r| {
            (
                r.id,
                r.request.referee_email.as_str(),
                AnswerTrace {
                    ip: r.answer_ip.as_deref(),
                    device: r.answer_device_hash.as_deref(),
                    applicant_session: r.answer_in_applicant_session,
                },
            )
        })
        .collect();
    let mut found = signals(&applicant.email, &ips, &devices, &keys);
    // A disabled applicant's requests are flagged, each of them.
    if applicant.is_disabled() {
        for signals in &mut found {
            signals.push(endorse_shared::references::ReferenceSignal::ApplicantDisabled);
        }
    }
    Ok(views
        .into_iter()
        .zip(stored.iter().zip(found))
        .map(|(reference, (stored, signals))| match reader {
            Reader::Admin => ReviewedReference {
                reference,
                answer_ip: stored.answer_ip.clone(),
                signals,
            },
            Reader::Reviewer => ReviewedReference {
                reference,
                answer_ip: None,
                signals: signals
                    .into_iter()
                    .map(endorse_shared::references::ReferenceSignal::for_reviewer)
                    .collect(),
            },
        })
        .collect())
}

pub fn dead_link_conflict(stored: &StoredReference, now: DateTime<Utc>) -> ApiError {
    let why = match stored.stage {
        Stage::Received => "the referee has already answered",
        Stage::Declined => "the referee declined",
        Stage::Cancelled => "the request was cancelled",
        Stage::Pending if !stored.is_live(now) => {
            "the link has expired; re-send the request for a new one"
        }
        Stage::Pending => "the request has no link",
    };
    ApiError::Conflict(
        Text::new("err-requests-link-no-longer-works").with("why", (why).to_string()),
    )
}
