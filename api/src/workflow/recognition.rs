//! Reciprocity, inside the recognising association: an admin's decision on
//! a holder's request, and the endorsement it issues. (Reading the other
//! association's credential is [`crate::tenancy::recognition`]'s.)

use super::issuing;
use crate::db::audit::{self, EndorsementEvent};
use crate::db::recognitions;
use crate::db::users::User;
use crate::db::{endorsements, outbox, rulebooks, AnyConnection, DbError, DbResult};
use crate::error::ApiError;
use crate::issuer::Issuer;
use crate::mail::templates::Context;
use chrono::{DateTime, Utc};
use endorse_shared::i18n::Text;
use endorse_shared::recognitions::{RecognitionDecision, RecognitionStatus, RecognitionView};
use endorse_shared::rulebook::Rulebook;
use endorse_shared::Role;

/// The 404 for a request that does not exist (or is not the caller's).
pub fn no_recognition() -> ApiError {
    ApiError::NotFound(Text::new("err-there-no-such-request-recognition"))
}

/// A request with its category's name as the current rulebook gives it.
pub fn named(mut view: RecognitionView, rulebook: &Rulebook) -> RecognitionView {
    if let Some(category) = rulebook.category(&view.category) {
        view.category_name = category.name.get(crate::locale::current()).to_string();
    }
    view
}

/// What the admin decides, and who.
pub struct Deciding<'a> {
    /// The request.
    pub id: &'a str,
    /// The version the admin loaded.
    pub expected: i64,
    /// The decision.
    pub decision: &'a RecognitionDecision,
    /// The admin.
    pub admin: &'a User,
    /// From where.
    pub ip: Option<&'a str>,
}

/// Decides a pending request, in the caller's transaction: a grant issues
/// an endorsement here (numbered, dated and signed like any other, with no
/// application behind it) and a decline needs a reason. Both are in the
/// association's log and mailed to the holder.
pub fn decide(
    conn: &mut AnyConnection,
    (issuer, mail): (&Issuer, &Context<'_>),
    deciding: Deciding<'_>,
    now: DateTime<Utc>,
) -> DbResult<Result<RecognitionView, ApiError>> {
    let Some(current) = recognitions::get(conn, deciding.id)? else {
        return Ok(Err(no_recognition()));
    };
    if current.version != deciding.expected {
        return Ok(Err(ApiError::stale(
            "request for recognition",
            current.version,
        )));
    }
    if current.status != RecognitionStatus::Pending {
        return Ok(Err(ApiError::Conflict(
            Text::new("err-request-was-decided-already").with("status", current.status.text()),
        )));
    }
    let decision = deciding.decision;
    let reason = decision
        .reason
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty());
    let rulebook = rulebooks::current(conn)?.rulebook;
    let recognised = (
        current.from_association_name.as_str(),
        current.from_number.as_str(),
    );
    let granted = if decision.grant {
        let category = decision
            .category
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map_or_else(|| current.category.clone(), str::to_uppercase);
        let Some(rules) = rulebook.category(&category) else {
            return Ok(Err(ApiError::field(
                "category",
                Text::new("err-rulebook-has-no-category").with("category", (category).to_string()),
            )));
        };
        // Two grants for one holder (recognising two associations'
        // endorsements of one category) take turns here, so the second
        // sees the first's endorsement (PostgreSQL; SQLite's transaction
        // holds the write lock already).
        crate::db::lock_rows(
            conn,
            crate::db::Lockable::Users,
            vec![current.holder.to_string()],
        )?;
        if let Some(held) = endorsements::for_holder(conn, current.holder)?
            .into_iter()
            .find(|e| e.category == category && e.status.in_good_standing())
        {
            return Ok(Err(ApiError::Conflict(
                Text::new("err-holder-name-holds-endorsement-here-already")
                    .with("holder-name", (current.holder_name).to_string())
                    .with("name", (rules.name).to_string())
                    .with("number", (held.number).to_string()),
            )));
        }
        let mut endorsement =
            issuing::record_recognised(conn, issuer, current.holder, &category, now)?;
        if !recognitions::decide(
            conn,
            deciding.id,
            deciding.expected,
            (RecognitionStatus::Granted, reason, Some(&endorsement.id)),
            deciding.admin.id,
            now,
        )? {
            return Err(DbError::Conflict);
        }
        // Signed once it is linked, so its credential names what it recognises.
        issuing::sign(conn, issuer, &mut endorsement, now)?;
        audit::record_endorsement(
            conn,
            EndorsementEvent {
                application: None,
                number: Some(&endorsement.number),
                actor: Some(deciding.admin.id),
                actor_name: &deciding.admin.name,
                role: Role::Admin,
                ip: deciding.ip,
                action: "recognition_granted",
                reason,
                details: format!(
                    "Endorsement {} ({}) for {}, in recognition of endorsement {} from {}.",
                    endorsement.number,
                    rules.name,
                    current.holder_name,
                    current.from_number,
                    current.from_association_name
                ),
            },
            now,
        )?;
        Some(endorsement.number)
    } else {
        let Some(reason) = reason else {
            return Ok(Err(ApiError::field(
                "reason",
                Text::new("err-say-why-endorsement-not-recognised"),
            )));
        };
        if !recognitions::decide(
            conn,
            deciding.id,
            deciding.expected,
            (RecognitionStatus::Declined, Some(reason), None),
            deciding.admin.id,
            now,
        )? {
            return Err(DbError::Conflict);
        }
        audit::record_endorsement(
            conn,
            EndorsementEvent {
                application: None,
                number: None,
                actor: Some(deciding.admin.id),
                actor_name: &deciding.admin.name,
                role: Role::Admin,
                ip: deciding.ip,
                action: "recognition_declined",
                reason: Some(reason),
                details: format!(
                    "Not recognised for {}: endorsement {} from {}.",
                    current.holder_name, current.from_number, current.from_association_name
                ),
            },
            now,
        )?;
        None
    };
    let reads = crate::db::users::reader_of(conn, &current.holder_email)?;
    let message = mail.to(reads).recognition_decision(
        &current.holder_email,
        &current.holder_name,
        recognised,
        granted.as_deref(),
        reason,
    );
    outbox::enqueue(conn, &message, now)?;
    let decided = recognitions::get(conn, deciding.id)?.ok_or(DbError::NotFound)?;
    Ok(Ok(named(decided, &rulebook)))
}
