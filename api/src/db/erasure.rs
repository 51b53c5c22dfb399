//! Erasing a person on request: what must be kept stays (issued
//! endorsements and their credentials, the records of their applications
//! and of what the association decided, the audit trail); everything else
//! about them goes, and their account keeps only its id.

use super::{AnyConnection, DbResult};
use crate::schema::{
    account_links, application_snapshots, applications, audit_events, documents, endorsements,
    exams, import_rows, imports, information_items, outbox, portfolio_entries, portfolio_notes,
    recognitions, recovery_codes, reference_requests, refresh_tokens, renewals, reviewer_profiles,
    users,
};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use endorse_shared::applications::ApplicationStatus;
use endorse_shared::users::{ErasureCounts, ErasurePreview};
use endorse_shared::UserId;

fn count(n: i64) -> u64 {
    u64::try_from(n).unwrap_or_default()
}

fn application_ids(conn: &mut AnyConnection, person: &str) -> DbResult<Vec<(String, String)>> {
    Ok(applications::table
        .filter(applications::applicant_id.eq(person))
        .select((applications::id, applications::status))
        .load(conn)?)
}

/// What erasing `person` would keep and remove, and the open applications
/// (past their draft) that stand in its way.
pub fn preview(conn: &mut AnyConnection, user: UserId) -> DbResult<ErasurePreview> {
    let person = user.to_string();
    let applications = application_ids(conn, &person)?;
    let ids: Vec<String> = applications.iter().map(|(id, _)| id.clone()).collect();
    let blocking = applications
        .iter()
        .filter(|(_, status)| {
            status
                .parse::<ApplicationStatus>()
                .is_ok_and(|s| s.is_open() && s != ApplicationStatus::Draft)
        })
        .filter_map(|(id, _)| id.parse().ok())
        .collect();
    let endorsements: Vec<String> = endorsements::table
        .filter(endorsements::holder_id.eq(&person))
        .order(endorsements::number.asc())
        .select(endorsements::number)
        .load(conn)?;
    let audit: i64 = audit_events::table
        .filter(audit_events::application_id.eq_any(&ids))
        .count()
        .get_result(conn)?;
    let email: String = users::table
        .find(&person)
        .select(users::email)
        .first(conn)?;
    let erased = ErasureCounts {
        portfolio_entries: count(
            portfolio_entries::table
                .filter(portfolio_entries::owner_id.eq(&person))
                .count()
                .get_result(conn)?,
        ),
        documents: count(
            documents::table
                .filter(documents::owner_id.eq(&person))
                .count()
                .get_result(conn)?,
        ),
        references: count(
            reference_requests::table
                .filter(reference_requests::applicant_id.eq(&person))
                .count()
                .get_result(conn)?,
        ),
        snapshots: count(
            application_snapshots::table
                .filter(application_snapshots::application_id.eq_any(&ids))
                .count()
                .get_result(conn)?,
        ),
        mails: count(
            outbox::table
                .filter(outbox::to_address.eq(&email))
                .count()
                .get_result(conn)?,
        ),
    };
    Ok(ErasurePreview {
        endorsements_kept: endorsements,
        applications_kept: u64::try_from(ids.len()).unwrap_or_default(),
        audit_events_kept: count(audit),
        erased,
        blocking,
    })
}

/// Erases `user` as [`preview`] describes (the caller has checked that
/// nothing blocks it), at `now`; answers the object-store keys of the
/// documents to delete once this commits. Drafts are withdrawn by the
/// caller beforehand, in the audit log.
pub fn erase(conn: &mut AnyConnection, user: UserId, now: DateTime<Utc>) -> DbResult<Vec<String>> {
    let person = user.to_string();
    let at = now.naive_utc();
    let ids: Vec<String> = application_ids(conn, &person)?
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    let (email, pending): (String, Option<String>) = users::table
        .find(&person)
        .select((users::email, users::pending_email))
        .first(conn)?;
    let documents: Vec<String> = documents::table
        .filter(documents::owner_id.eq(&person))
        .select(documents::id)
        .load(conn)?;
    let references: Vec<String> = reference_requests::table
        .filter(reference_requests::applicant_id.eq(&person))
        .select(reference_requests::id)
        .load(conn)?;
    // Mail: to them, and to their referees about them.
    let mut addresses = vec![email];
    addresses.extend(pending);
    diesel::delete(
        outbox::table.filter(
            outbox::to_address
                .eq_any(&addresses)
                .or(outbox::reference_id.eq_any(&references)),
        ),
    )
    .execute(conn)?;
    // What imports keep of them: the rows that named their address (the
    // counts stay), and the text of files not yet written.
    for address in &addresses {
        let pattern = format!("%{}%", super::users::escape_like(address));
        diesel::update(
            import_rows::table.filter(
                import_rows::subject
                    .like(&pattern)
                    .escape('\\')
                    .or(import_rows::detail.like(&pattern).escape('\\')),
            ),
        )
        .set((
            import_rows::subject.eq(super::users::ERASED_NAME),
            import_rows::detail.eq("{}"),
        ))
        .execute(conn)?;
        diesel::update(imports::table.filter(imports::content.like(&pattern).escape('\\')))
            .set(imports::content.eq(""))
            .execute(conn)?;
    }
    diesel::delete(reference_requests::table.filter(reference_requests::id.eq_any(&references)))
        .execute(conn)?;
    diesel::delete(portfolio_entries::table.filter(portfolio_entries::owner_id.eq(&person)))
        .execute(conn)?;
    diesel::delete(portfolio_notes::table.filter(portfolio_notes::owner_id.eq(&person)))
        .execute(conn)?;
    diesel::delete(documents::table.filter(documents::owner_id.eq(&person))).execute(conn)?;
    diesel::delete(
        application_snapshots::table.filter(application_snapshots::application_id.eq_any(&ids)),
    )
    .execute(conn)?;
    // What they answered to reviewers and wrote in exams; the questions,
    // scores and results stay with the association's decision.
    diesel::update(information_items::table.filter(information_items::application_id.eq_any(&ids)))
        .set((
            information_items::before_data.eq(None::<String>),
            information_items::after_data.eq(None::<String>),
            information_items::answer.eq(None::<String>),
        ))
        .execute(conn)?;
    let empty = serde_json::to_string(&endorse_shared::exam::VignetteAnswers::default())
        .map_err(|error| super::DbError::Corrupt(error.to_string()))?;
    diesel::update(exams::table.filter(exams::application_id.eq_any(&ids)))
        .set((
            exams::answers.eq(empty),
            exams::accommodations_requested.eq(""),
            exams::accommodations.eq(""),
        ))
        .execute(conn)?;
    diesel::delete(
        recognitions::table
            .filter(recognitions::holder_id.eq(&person))
            .filter(recognitions::endorsement_id.is_null()),
    )
    .execute(conn)?;
    diesel::delete(renewals::table.filter(renewals::holder_id.eq(&person))).execute(conn)?;
    diesel::update(endorsements::table.filter(endorsements::holder_id.eq(&person)))
        .set(endorsements::listed.eq(false))
        .execute(conn)?;
    diesel::delete(refresh_tokens::table.filter(refresh_tokens::user_id.eq(&person)))
        .execute(conn)?;
    diesel::delete(account_links::table.filter(account_links::user_id.eq(&person)))
        .execute(conn)?;
    diesel::delete(recovery_codes::table.filter(recovery_codes::user_id.eq(&person)))
        .execute(conn)?;
    diesel::delete(reviewer_profiles::table.filter(reviewer_profiles::user_id.eq(&person)))
        .execute(conn)?;
    // The account keeps its id (the trail and the endorsements name it) and
    // nothing else: no name, no address, no way to sign in.
    let erased_address = format!("erased-{person}@erased.invalid");
    diesel::update(users::table.find(&person))
        .set((
            users::name.eq(super::users::ERASED_NAME),
            users::search_name.eq(super::users::ERASED_NAME.to_lowercase()),
            users::email.eq(&erased_address),
            users::password_hash.eq("!erased"),
            users::must_change_password.eq(false),
            users::language.eq(None::<String>),
            users::email_verified_at.eq(None::<chrono::NaiveDateTime>),
            users::pending_email.eq(None::<String>),
            users::disabled_at.eq(Some(at)),
            users::disabled_reason.eq(Some("Erased on request")),
            users::totp_secret_sealed.eq(None::<String>),
            users::totp_pending_sealed.eq(None::<String>),
            users::totp_enrolled_at.eq(None::<chrono::NaiveDateTime>),
            users::erased_at.eq(Some(at)),
            users::updated_at.eq(at),
        ))
        .execute(conn)?;
    Ok(documents
        .into_iter()
        .filter_map(|id| id.parse().ok())
        .map(|id| super::documents::key(user, id))
        .collect())
}
