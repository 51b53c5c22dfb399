//! Moving an application through the process: each step checked against the
//! state machine in `shared::process`, written with its audit event.

use super::issuing::issue;
use super::Judged;
use crate::db::applications;
use crate::db::audit::{self, NewEvent};
use crate::db::{outbox, users, AnyConnection, DbResult};
use crate::error::ApiError;
use crate::issuer::Issuer;
use crate::mail::templates::Context;
use chrono::{DateTime, Utc};
use endorse_shared::applications::ApplicationStatus;
use endorse_shared::i18n::Text;
use endorse_shared::process::{self, Action};
use endorse_shared::{ApplicationId, Role, UserId};

/// Where `action` takes the application when `role` takes it now, or why it
/// may not: 403 for the wrong role, 409 naming the status.
pub fn allowed(judged: &Judged, action: Action, role: Role) -> Result<ApplicationStatus, ApiError> {
    process::apply(judged.application.status, action, role, judged.track()).map_err(|refusal| {
        match refusal {
            process::Refusal::NotYours { .. } => ApiError::Forbidden(refusal.describe()),
            _ => ApiError::Conflict(refusal.describe()),
        }
    })
}

/// Moves an application through the process as `role`, with its audit event.
/// The error says why not (409 naming the status, 403 for the wrong role).
#[allow(clippy::too_many_arguments)]
pub fn take_action(
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
    let to = match allowed(judged, action, role) {
        Ok(to) => to,
        Err(refused) => return Ok(Err(refused)),
    };
    if !applications::transition(
        conn,
        application.id,
        (application.status, application.version),
        to,
        now,
    )? {
        return Ok(Err(ApiError::Conflict(Text::new(
            "err-application-changed-meanwhile-reload-try-again",
        ))));
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
pub fn note(
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

/// An admin's step in the process (`action`), with its audit event: an
/// endorsement earned is issued (numbered, with its signed credential), and
/// a decision (endorsed, declined, deferred…) is mailed to the applicant with
/// the reason. The exam's steps have their own operations.
pub fn decide(
    conn: &mut AnyConnection,
    (mail, issuer): (&Context<'_>, &Issuer),
    judged: &Judged,
    action: Action,
    (admin, ip): (UserId, Option<&str>),
    reason: Option<&str>,
    now: DateTime<Utc>,
) -> DbResult<Result<ApplicationStatus, ApiError>> {
    let application = &judged.application;
    let to = match allowed(judged, action, Role::Admin) {
        Ok(to) => to,
        Err(refused) => return Ok(Err(refused)),
    };
    let details = format!(
        "{}: {} \u{2192} {}.",
        action.label(),
        application.status.label(),
        to.label()
    );
    let to = match take_action(
        conn,
        judged,
        action,
        (Role::Admin, admin),
        ip,
        reason,
        details,
        now,
    )? {
        Ok(to) => to,
        Err(refused) => return Ok(Err(refused)),
    };
    if action == Action::Endorse {
        let number = issue(conn, issuer, application, now)?;
        note(
            conn,
            application.id,
            (Role::Admin, admin),
            ip,
            "issue",
            None,
            format!("Endorsement {number} issued."),
            now,
        )?;
    }
    if let Some(outcome) = action.outcome() {
        let reason = reason.map(Text::plain);
        tell_decision(conn, mail, judged, &outcome, reason.as_ref(), now)?;
    }
    Ok(Ok(to))
}

/// Mails the applicant a decision on their application, with its reason.
pub fn tell_decision(
    conn: &mut AnyConnection,
    mail: &Context<'_>,
    judged: &Judged,
    outcome: &Text,
    reason: Option<&Text>,
    now: DateTime<Utc>,
) -> DbResult<()> {
    let applicant = &judged.application.applicant;
    let reads = users::reader_of(conn, &applicant.email)?;
    let message = mail.to(reads).decision(
        &judged.application.applicant.email,
        &judged.application.applicant.name,
        &judged.category.name,
        outcome,
        reason,
    );
    outbox::enqueue(conn, &message, now)?;
    Ok(())
}
