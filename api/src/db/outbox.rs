//! Queries on `outbox` and `outbox_attempts`: the durable queue of e-mail.
//!
//! A message is written in the same transaction as the change that causes it,
//! so a request is never recorded without its mail, nor mail without its
//! request. The worker claims a due message with a lease (a guarded update, so
//! two workers never both take it), delivers it, then records the attempt. A
//! worker that dies mid-delivery leaves the lease to run out, and the message is
//! taken again: nothing is dropped.

use super::{AnyConnection, DbError, DbResult};
use crate::schema::{outbox, outbox_attempts};
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use endorse_shared::mail::{MailAttempt, MailKind, MailStatus, MailSummary, OutboxQuery};
use endorse_shared::references::{Delivery, DeliveryState};
use endorse_shared::EntryId;
use std::collections::HashMap;

/// A message to queue.
#[derive(Clone, Debug)]
pub struct NewMessage {
    /// What it is.
    pub kind: MailKind,
    /// The recipient's address.
    pub to_address: String,
    /// The recipient's name.
    pub to_name: String,
    /// Subject.
    pub subject: String,
    /// The plain-text body; `{referee_link}` stands for the link, made at delivery.
    pub body_text: String,
    /// The HTML body, likewise.
    pub body_html: String,
    /// The reference request it is about.
    pub reference: Option<EntryId>,
    /// The account link it carries (`db::account_links`), made at delivery.
    pub account_link: Option<String>,
    /// Makes the message unique (reminders): queued at most once per key.
    pub dedupe_key: Option<String>,
    /// Not delivered before then (an import's invitations go out in
    /// batches); none: at once.
    pub not_before: Option<DateTime<Utc>>,
}

/// A stored message.
#[derive(Clone, Debug, Queryable, Selectable)]
#[diesel(table_name = outbox)]
pub struct MessageRow {
    /// Id.
    pub id: String,
    /// Unique key, for reminders.
    pub dedupe_key: Option<String>,
    /// Kind.
    pub kind: String,
    /// Recipient.
    pub to_address: String,
    /// Recipient's name.
    pub to_name: String,
    /// Subject.
    pub subject: String,
    /// Text body.
    pub body_text: String,
    /// HTML body.
    pub body_html: String,
    /// The reference request.
    pub reference_id: Option<String>,
    /// pending, sent, failed or skipped.
    pub status: String,
    /// Attempts made.
    pub attempts: i64,
    /// When the next attempt is due.
    pub next_attempt_at: NaiveDateTime,
    /// Claimed by a worker until then.
    pub locked_until: Option<NaiveDateTime>,
    /// The last failure.
    pub last_error: Option<String>,
    /// Queued at.
    pub created_at: NaiveDateTime,
    /// Delivered at.
    pub sent_at: Option<NaiveDateTime>,
    /// The account link it carries.
    pub account_link_id: Option<String>,
}

impl MessageRow {
    /// The kind, parsed.
    pub fn kind(&self) -> DbResult<MailKind> {
        MailKind::parse(&self.kind)
            .ok_or_else(|| DbError::Corrupt(format!("mail kind '{}'", self.kind)))
    }

    /// The status, parsed.
    pub fn status(&self) -> DbResult<MailStatus> {
        MailStatus::parse(&self.status)
            .ok_or_else(|| DbError::Corrupt(format!("mail status '{}'", self.status)))
    }

    /// The reference request, parsed.
    pub fn reference(&self) -> DbResult<Option<EntryId>> {
        self.reference_id
            .as_deref()
            .map(|id| {
                id.parse()
                    .map_err(|_| DbError::Corrupt(format!("mail reference '{id}'")))
            })
            .transpose()
    }

    /// The summary admins see.
    pub fn summary(&self) -> DbResult<MailSummary> {
        Ok(MailSummary {
            id: self
                .id
                .parse()
                .map_err(|_| DbError::Corrupt(format!("mail id '{}'", self.id)))?,
            kind: self.kind()?,
            to_address: self.to_address.clone(),
            to_name: self.to_name.clone(),
            subject: self.subject.clone(),
            status: self.status()?,
            attempts: u32::try_from(self.attempts).unwrap_or(u32::MAX),
            next_attempt_at: self.next_attempt_at.and_utc(),
            last_error: self.last_error.clone(),
            created_at: self.created_at.and_utc(),
            sent_at: self.sent_at.map(|at| at.and_utc()),
        })
    }
}

/// Queues a message. False when a message with the same dedupe key exists.
pub fn enqueue(
    conn: &mut AnyConnection,
    message: &NewMessage,
    now: DateTime<Utc>,
) -> DbResult<bool> {
    if let Some(key) = &message.dedupe_key {
        let exists: i64 = outbox::table
            .filter(outbox::dedupe_key.eq(key))
            .count()
            .get_result(conn)?;
        if exists > 0 {
            return Ok(false);
        }
    }
    let now = now.naive_utc();
    diesel::insert_into(outbox::table)
        .values((
            outbox::id.eq(uuid::Uuid::new_v4().to_string()),
            outbox::dedupe_key.eq(&message.dedupe_key),
            outbox::kind.eq(message.kind.as_str()),
            outbox::to_address.eq(&message.to_address),
            outbox::to_name.eq(&message.to_name),
            outbox::subject.eq(&message.subject),
            outbox::body_text.eq(&message.body_text),
            outbox::body_html.eq(&message.body_html),
            outbox::reference_id.eq(message.reference.map(|r| r.to_string())),
            outbox::account_link_id.eq(&message.account_link),
            outbox::status.eq(MailStatus::Pending.as_str()),
            outbox::attempts.eq(0i64),
            outbox::next_attempt_at
                .eq(message.not_before.map_or(now, |at| at.naive_utc().max(now))),
            outbox::created_at.eq(now),
        ))
        .execute(conn)?;
    Ok(true)
}

/// Ids of messages due at `now` and not claimed by a live lease, oldest first.
pub fn due(conn: &mut AnyConnection, now: DateTime<Utc>, limit: i64) -> DbResult<Vec<String>> {
    let now = now.naive_utc();
    Ok(outbox::table
        .filter(outbox::status.eq(MailStatus::Pending.as_str()))
        .filter(outbox::next_attempt_at.le(now))
        .filter(
            outbox::locked_until
                .is_null()
                .or(outbox::locked_until.le(now)),
        )
        .order((outbox::next_attempt_at.asc(), outbox::id.asc()))
        .limit(limit)
        .select(outbox::id)
        .load(conn)?)
}

/// Claims a due message until `lease_until`. None when another worker has it or
/// it is no longer due.
pub fn claim(
    conn: &mut AnyConnection,
    id: &str,
    now: DateTime<Utc>,
    lease_until: DateTime<Utc>,
) -> DbResult<Option<MessageRow>> {
    let now = now.naive_utc();
    let changed = diesel::update(
        outbox::table
            .find(id)
            .filter(outbox::status.eq(MailStatus::Pending.as_str()))
            .filter(outbox::next_attempt_at.le(now))
            .filter(
                outbox::locked_until
                    .is_null()
                    .or(outbox::locked_until.le(now)),
            ),
    )
    .set(outbox::locked_until.eq(lease_until.naive_utc()))
    .execute(conn)?;
    if changed != 1 {
        return Ok(None);
    }
    Ok(Some(
        outbox::table
            .find(id)
            .select(MessageRow::as_select())
            .first(conn)?,
    ))
}

/// What happened to one delivery attempt.
pub enum Outcome {
    /// Delivered.
    Sent,
    /// Not sent, and never will be (the request was cancelled or answered).
    Skipped(String),
    /// Failed; retry at the given time, or give up when none.
    Failed {
        /// What went wrong.
        error: String,
        /// When to try again; none gives up.
        retry_at: Option<DateTime<Utc>>,
    },
}

/// Records an attempt and its outcome, and releases the lease.
pub fn record(
    conn: &mut AnyConnection,
    id: &str,
    transport: &str,
    outcome: &Outcome,
    now: DateTime<Utc>,
) -> DbResult<()> {
    let at = now.naive_utc();
    let target = outbox::table.find(id);
    let (ok, error) = match outcome {
        Outcome::Sent => {
            diesel::update(target)
                .set((
                    outbox::status.eq(MailStatus::Sent.as_str()),
                    outbox::attempts.eq(outbox::attempts + 1i64),
                    outbox::sent_at.eq(at),
                    outbox::locked_until.eq(None::<NaiveDateTime>),
                ))
                .execute(conn)?;
            (true, None)
        }
        Outcome::Skipped(why) => {
            diesel::update(target)
                .set((
                    outbox::status.eq(MailStatus::Skipped.as_str()),
                    outbox::last_error.eq(why),
                    outbox::locked_until.eq(None::<NaiveDateTime>),
                ))
                .execute(conn)?;
            return Ok(());
        }
        Outcome::Failed { error, retry_at } => {
            let status = if retry_at.is_some() {
                MailStatus::Pending
            } else {
                MailStatus::Failed
            };
            diesel::update(target)
                .set((
                    outbox::status.eq(status.as_str()),
                    outbox::attempts.eq(outbox::attempts + 1i64),
                    outbox::last_error.eq(error),
                    outbox::next_attempt_at.eq(retry_at.map_or(at, |r| r.naive_utc())),
                    outbox::locked_until.eq(None::<NaiveDateTime>),
                ))
                .execute(conn)?;
            (false, Some(error.as_str()))
        }
    };
    diesel::insert_into(outbox_attempts::table)
        .values((
            outbox_attempts::id.eq(uuid::Uuid::new_v4().to_string()),
            outbox_attempts::message_id.eq(id),
            outbox_attempts::attempted_at.eq(at),
            outbox_attempts::transport.eq(transport),
            outbox_attempts::ok.eq(ok),
            outbox_attempts::error.eq(error),
        ))
        .execute(conn)?;
    Ok(())
}

/// One message.
pub fn get(conn: &mut AnyConnection, id: &str) -> DbResult<Option<MessageRow>> {
    Ok(outbox::table
        .find(id)
        .select(MessageRow::as_select())
        .first(conn)
        .optional()?)
}

/// The attempts on one message, oldest first.
pub fn attempts(conn: &mut AnyConnection, id: &str) -> DbResult<Vec<MailAttempt>> {
    let rows: Vec<(NaiveDateTime, String, bool, Option<String>)> = outbox_attempts::table
        .filter(outbox_attempts::message_id.eq(id))
        .order((
            outbox_attempts::attempted_at.asc(),
            outbox_attempts::id.asc(),
        ))
        .select((
            outbox_attempts::attempted_at,
            outbox_attempts::transport,
            outbox_attempts::ok,
            outbox_attempts::error,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(at, transport, ok, error)| MailAttempt {
            attempted_at: at.and_utc(),
            transport,
            ok,
            error,
        })
        .collect())
}

/// A page of messages, newest first, and how many match.
pub fn list(conn: &mut AnyConnection, query: &OutboxQuery) -> DbResult<(Vec<MessageRow>, i64)> {
    let filtered = || {
        let mut q = outbox::table.into_boxed();
        if let Some(status) = query.status {
            q = q.filter(outbox::status.eq(status.as_str()));
        }
        if let Some(to) = query.to.as_deref().filter(|t| !t.is_empty()) {
            q = q.filter(outbox::to_address.eq(endorse_shared::validation::normalize_email(to)));
        }
        q
    };
    let total: i64 = filtered().count().get_result(conn)?;
    let rows = filtered()
        .order((outbox::created_at.desc(), outbox::id.desc()))
        .limit(query.per_page())
        .offset(query.offset())
        .select(MessageRow::as_select())
        .load(conn)?;
    Ok((rows, total))
}

/// Every message to these addresses, oldest first.
pub fn to_addresses(conn: &mut AnyConnection, addresses: &[String]) -> DbResult<Vec<MessageRow>> {
    Ok(outbox::table
        .filter(outbox::to_address.eq_any(addresses))
        .order((outbox::created_at.asc(), outbox::id.asc()))
        .select(MessageRow::as_select())
        .load(conn)?)
}

/// Puts a failed message back in the queue. False when it had not failed.
pub fn retry(conn: &mut AnyConnection, id: &str, now: DateTime<Utc>) -> DbResult<bool> {
    let changed = diesel::update(
        outbox::table
            .find(id)
            .filter(outbox::status.eq(MailStatus::Failed.as_str())),
    )
    .set((
        outbox::status.eq(MailStatus::Pending.as_str()),
        outbox::next_attempt_at.eq(now.naive_utc()),
    ))
    .execute(conn)?;
    Ok(changed == 1)
}

/// How the latest request e-mail (first request or re-send) of each reference fared.
pub fn deliveries(
    conn: &mut AnyConnection,
    references: &[EntryId],
) -> DbResult<HashMap<EntryId, Delivery>> {
    if references.is_empty() {
        return Ok(HashMap::new());
    }
    let ids: Vec<String> = references.iter().map(ToString::to_string).collect();
    let rows: Vec<MessageRow> = outbox::table
        .filter(outbox::reference_id.eq_any(ids))
        .filter(outbox::kind.eq(MailKind::ReferenceRequest.as_str()))
        .order((outbox::created_at.asc(), outbox::id.asc()))
        .select(MessageRow::as_select())
        .load(conn)?;
    let mut latest = HashMap::new();
    for row in rows {
        let Some(reference) = row.reference()? else {
            continue;
        };
        let state = match row.status()? {
            MailStatus::Pending => DeliveryState::Pending,
            MailStatus::Sent => DeliveryState::Sent,
            MailStatus::Failed => DeliveryState::Failed,
            MailStatus::Skipped => DeliveryState::Skipped,
        };
        latest.insert(
            reference,
            Delivery {
                state,
                attempts: u32::try_from(row.attempts).unwrap_or(u32::MAX),
                last_error: row.last_error.clone(),
                sent_at: row.sent_at.map(|at| at.and_utc()),
            },
        );
    }
    Ok(latest)
}
