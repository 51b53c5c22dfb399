//! "Download my data": everything Endorse holds about a person, gathered in
//! one read (the archive's JSON), with the documents to put beside it.

use crate::calendar::Calendar;
use crate::db::users::User;
use crate::db::{
    applications, credentials, documents, endorsements, outbox, portfolio, recognitions, rulebooks,
    trail, AnyConnection, DbResult,
};
use crate::workflow::references::{views, Audience};
use crate::workflow::weighing::Loader;
use chrono::{DateTime, NaiveDate, Utc};
use endorse_shared::documents::download_name;
use endorse_shared::entries::PortfolioResponse;
use endorse_shared::export::{
    ArchivedDocument, HeldCredential, MailToPerson, PersonalData, FORMAT,
};
use endorse_shared::trail::TrailKind;
use endorse_shared::Role;

/// The person's data, and the documents to archive: each one's key in the
/// document store and its path in the archive.
pub struct Gathered {
    /// The JSON.
    pub data: PersonalData,
    /// `(store key, archive path)` of each document.
    pub files: Vec<(String, String)>,
}

/// Everything about `user`, as of `now` (`today` in `calendar`'s days).
pub fn gather(
    conn: &mut AnyConnection,
    user: &User,
    (association, currency): (&str, &str),
    (now, today, calendar): (DateTime<Utc>, NaiveDate, Calendar),
) -> DbResult<Gathered> {
    let owner = user.id;
    let rulebook = rulebooks::current(conn)?.rulebook;
    let portfolio = PortfolioResponse {
        entries: portfolio::list(conn, owner)?,
        notes: portfolio::notes(conn, owner)?,
        references: crate::db::references::list(conn, owner, &rulebook)?,
    };
    let mut files = Vec::new();
    let documents = documents::list(conn, owner)?
        .into_iter()
        .map(|facts| {
            let id = facts.id.to_string();
            let path = format!(
                "documents/{}-{}",
                &id[..8],
                download_name(&facts.file_name, &facts.content_type)
            );
            files.push((documents::key(owner, facts.id), path.clone()));
            ArchivedDocument { facts, path }
        })
        .collect();
    let mut loader = Loader::on(today, Role::Applicant, currency);
    let applications = applications::list_for(conn, owner)?
        .into_iter()
        .map(|application| loader.respond(conn, application))
        .collect::<DbResult<Vec<_>>>()?;
    let (_, references) = views(conn, owner, Audience::Applicant, now, calendar)?;
    let held = endorsements::for_holder(conn, owner)?;
    let mut credentials = Vec::new();
    for endorsement in &held {
        if let Some(credential) = credentials::latest(conn, &endorsement.id)? {
            credentials.push(HeldCredential {
                number: endorsement.number.clone(),
                issued_at: credential.issued_at.and_utc(),
                valid_until: credential.valid_until.and_utc(),
                jwt: credential.jwt,
            });
        }
    }
    let lang = crate::locale::current();
    let endorsements = held.into_iter().map(|e| e.view(&rulebook, lang)).collect();
    let mut addresses = vec![user.email.clone()];
    addresses.extend(user.pending_email.clone());
    let mail = outbox::to_addresses(conn, &addresses)?
        .into_iter()
        .map(|row| MailToPerson {
            created_at: row.created_at.and_utc(),
            sent_at: row.sent_at.map(|at| at.and_utc()),
            to: row.to_address,
            kind: row.kind,
            status: row.status,
            subject: row.subject,
            text: row.body_text,
        })
        .collect();
    let account_events = trail::page(
        conn,
        &trail::Filter {
            subject: Some(owner.to_string()),
            kind: Some(TrailKind::User),
            ..trail::Filter::default()
        },
        10_000,
    )?;
    Ok(Gathered {
        data: PersonalData {
            format: FORMAT.to_string(),
            exported_at: now,
            association: association.to_string(),
            account: user.to_response(),
            portfolio,
            documents,
            applications,
            references,
            endorsements,
            credentials,
            recognitions: recognitions::for_holder(conn, owner)?,
            fees: super::fees::of_person(conn, owner, currency, today, calendar)?,
            mail,
            account_events,
        },
        files,
    })
}
