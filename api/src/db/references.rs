//! Queries on `reference_requests`: what the applicant asked (`body`), the
//! referee's secret link (a nonce and the token's hash), the draft, and the final
//! answer. Every change of state is a guarded update, so two racing requests
//! (a double submit, a cancel during a submit) cannot both win.

use super::{AnyConnection, DbError, DbResult};
use crate::schema::reference_requests;
use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use diesel::prelude::*;
use endorse_shared::i18n::Lang;
use endorse_shared::portfolio::{Entry, Reference};
use endorse_shared::references::{
    engine_data, GivenRating, ImportedRating, RatingAnswer, RatingDraft, ReferenceRequestInput,
};
use endorse_shared::rulebook::Rulebook;
use endorse_shared::{EntryId, UserId};
use serde::{Deserialize, Serialize};

/// Where a stored request stands (delivery and expiry are worked out elsewhere).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Waiting for the referee.
    Pending,
    /// The referee declined.
    Declined,
    /// The rating arrived.
    Received,
    /// Cancelled or replaced by the applicant.
    Cancelled,
}

impl Stage {
    fn as_str(self) -> &'static str {
        match self {
            Stage::Pending => "pending",
            Stage::Declined => "declined",
            Stage::Received => "received",
            Stage::Cancelled => "cancelled",
        }
    }

    fn parse(raw: &str) -> DbResult<Self> {
        Ok(match raw {
            "pending" => Stage::Pending,
            "declined" => Stage::Declined,
            "received" => Stage::Received,
            "cancelled" => Stage::Cancelled,
            other => return Err(DbError::Corrupt(format!("reference status '{other}'"))),
        })
    }
}

/// The referee's final word.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Response {
    /// A rating.
    Rated(RatingAnswer),
    /// A refusal, with the reason.
    Declined(String),
    /// A rating brought in from the association's earlier records.
    Imported(ImportedRating),
}

/// A request as stored, parsed.
#[derive(Clone, Debug)]
pub struct StoredReference {
    /// Its id.
    pub id: EntryId,
    /// The applicant.
    pub applicant: UserId,
    /// What the applicant asked.
    pub request: ReferenceRequestInput,
    /// Where it stands.
    pub stage: Stage,
    /// The nonce the current link is made from.
    pub link_nonce: Option<String>,
    /// How many links were made (the first is 1).
    pub link_generation: i64,
    /// When the current link stops working.
    pub expires_at: Option<DateTime<Utc>>,
    /// When the referee first opened the link.
    pub opened_at: Option<DateTime<Utc>>,
    /// When the referee answered.
    pub answered_at: Option<DateTime<Utc>>,
    /// The day the rating was given, the association's (its time zone).
    pub given_on: Option<NaiveDate>,
    /// When it was requested.
    pub created_at: DateTime<Utc>,
    /// The referee's draft.
    pub draft: Option<RatingDraft>,
    /// The referee's final word.
    pub response: Option<Response>,
    /// Where the applicant asked from.
    pub requested_ip: Option<String>,
    /// Where the referee answered from.
    pub answer_ip: Option<String>,
    /// The SHA-256 of the device cookie of the browser the referee answered from.
    pub answer_device_hash: Option<String>,
    /// Whether the answer carried the applicant's own session.
    pub answer_in_applicant_session: bool,
    /// The request that replaced this one.
    pub replaced_by: Option<EntryId>,
}

/// Where an answer came from, as [`answer`] records it.
#[derive(Clone, Debug, Default)]
pub struct AnsweredFrom {
    /// The IP address.
    pub ip: Option<String>,
    /// The SHA-256 of the browser's device cookie.
    pub device_hash: Option<String>,
    /// Whether the request carried the applicant's own signed-in session.
    pub applicant_session: bool,
}

impl StoredReference {
    /// The rating, if one was given.
    pub fn rating(&self) -> Option<GivenRating> {
        match (&self.response, self.given_on) {
            (Some(Response::Rated(answer)), Some(given_on)) => {
                Some(GivenRating::of(answer, given_on))
            }
            (Some(Response::Imported(rating)), _) => Some(GivenRating::imported(rating)),
            _ => None,
        }
    }

    /// Whether the link works at `now`.
    pub fn is_live(&self, now: DateTime<Utc>) -> bool {
        self.stage == Stage::Pending && self.expires_at.is_some_and(|at| at > now)
    }
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = reference_requests)]
struct Row {
    id: String,
    applicant_id: String,
    body: String,
    created_at: NaiveDateTime,
    status: String,
    link_nonce: Option<String>,
    link_generation: i64,
    expires_at: Option<NaiveDateTime>,
    opened_at: Option<NaiveDateTime>,
    answered_at: Option<NaiveDateTime>,
    draft: Option<String>,
    answer: Option<String>,
    requested_ip: Option<String>,
    answer_ip: Option<String>,
    replaced_by: Option<String>,
    answer_device_hash: Option<String>,
    answer_in_applicant_session: bool,
    given_on: Option<NaiveDateTime>,
    language: Option<String>,
}

fn corrupt(what: &str, id: &str, error: impl std::fmt::Display) -> DbError {
    DbError::Corrupt(format!("reference {id}: {what}: {error}"))
}

impl Row {
    fn parse(self) -> DbResult<StoredReference> {
        let id = &self.id;
        let json = |what: &str, text: &str| -> DbResult<serde_json::Value> {
            serde_json::from_str(text).map_err(|error| corrupt(what, id, error))
        };
        let utc = |at: NaiveDateTime| at.and_utc();
        Ok(StoredReference {
            id: id.parse().map_err(|_| corrupt("id", id, "not an id"))?,
            applicant: self
                .applicant_id
                .parse()
                .map_err(|_| corrupt("applicant", id, "not an id"))?,
            request: {
                let mut request: ReferenceRequestInput =
                    serde_json::from_value(json("body", &self.body)?)
                        .map_err(|error| corrupt("body", id, error))?;
                // The column is the language now (the referee may change it).
                request.language = self.language.as_deref().and_then(|l| l.parse().ok());
                request
            },
            stage: Stage::parse(&self.status)?,
            link_nonce: self.link_nonce,
            link_generation: self.link_generation,
            expires_at: self.expires_at.map(utc),
            opened_at: self.opened_at.map(utc),
            answered_at: self.answered_at.map(utc),
            given_on: self.given_on.map(|at| at.date()),
            created_at: utc(self.created_at),
            draft: match &self.draft {
                Some(text) => Some(
                    serde_json::from_value(json("draft", text)?)
                        .map_err(|error| corrupt("draft", id, error))?,
                ),
                None => None,
            },
            response: match &self.answer {
                Some(text) => Some(
                    serde_json::from_value(json("answer", text)?)
                        .map_err(|error| corrupt("answer", id, error))?,
                ),
                None => None,
            },
            requested_ip: self.requested_ip,
            answer_ip: self.answer_ip,
            answer_device_hash: self.answer_device_hash,
            answer_in_applicant_session: self.answer_in_applicant_session,
            replaced_by: match self.replaced_by {
                Some(other) => Some(
                    other
                        .parse()
                        .map_err(|_| corrupt("replaced_by", id, "not an id"))?,
                ),
                None => None,
            },
        })
    }
}

fn to_json<T: Serialize>(value: &T) -> DbResult<String> {
    serde_json::to_string(value).map_err(|error| DbError::Corrupt(error.to_string()))
}

/// Every request of an applicant, oldest first.
pub fn list_for(conn: &mut AnyConnection, applicant: UserId) -> DbResult<Vec<StoredReference>> {
    reference_requests::table
        .filter(reference_requests::applicant_id.eq(applicant.to_string()))
        .order((
            reference_requests::created_at.asc(),
            reference_requests::id.asc(),
        ))
        .select(Row::as_select())
        .load(conn)?
        .into_iter()
        .map(Row::parse)
        .collect()
}

/// The reference requests of many applicants at once, by applicant.
pub fn list_for_many(
    conn: &mut AnyConnection,
    applicants: &[UserId],
) -> DbResult<std::collections::HashMap<UserId, Vec<StoredReference>>> {
    let mut found: std::collections::HashMap<UserId, Vec<StoredReference>> =
        std::collections::HashMap::new();
    for chunk in applicants.chunks(super::IN_LIST) {
        let ids: Vec<String> = chunk.iter().map(ToString::to_string).collect();
        let rows: Vec<Row> = reference_requests::table
            .filter(reference_requests::applicant_id.eq_any(ids))
            .order((
                reference_requests::created_at.asc(),
                reference_requests::id.asc(),
            ))
            .select(Row::as_select())
            .load(conn)?;
        for row in rows {
            let stored = row.parse()?;
            found.entry(stored.applicant).or_default().push(stored);
        }
    }
    Ok(found)
}

/// What the engine weighs of an applicant's references: every request not
/// cancelled, with its rating once received (see [`weighed`]; `rulebook` is the
/// one in force).
pub fn list(
    conn: &mut AnyConnection,
    applicant: UserId,
    rulebook: &Rulebook,
) -> DbResult<Vec<Reference>> {
    Ok(weighed(&list_for(conn, applicant)?, rulebook))
}

/// The engine's view of stored requests: cancelled ones are left out, and for
/// waived ratings the count of "not enough information" answers is withheld
/// (only whether it reaches the limit of the request's category is kept), so no
/// report or snapshot the applicant sees tells anything of the answers.
pub fn weighed(stored: &[StoredReference], rulebook: &Rulebook) -> Vec<Reference> {
    stored
        .iter()
        .filter(|r| r.stage != Stage::Cancelled)
        .map(|r| {
            let limit = rulebook
                .category(&r.request.category)
                .map(|c| c.references.not_enough_information_limit)
                .or_else(|| {
                    rulebook
                        .categories
                        .iter()
                        .map(|c| c.references.not_enough_information_limit)
                        .min()
                });
            Entry {
                id: r.id,
                data: engine_data(&r.request, r.rating().as_ref(), limit),
            }
        })
        .collect()
}

/// One request.
pub fn get(conn: &mut AnyConnection, id: EntryId) -> DbResult<Option<StoredReference>> {
    reference_requests::table
        .find(id.to_string())
        .select(Row::as_select())
        .first(conn)
        .optional()?
        .map(Row::parse)
        .transpose()
}

/// The request whose current link has this token hash.
pub fn find_by_token_hash(
    conn: &mut AnyConnection,
    token_hash: &str,
) -> DbResult<Option<StoredReference>> {
    reference_requests::table
        .filter(reference_requests::token_hash.eq(token_hash))
        .select(Row::as_select())
        .first(conn)
        .optional()?
        .map(Row::parse)
        .transpose()
}

/// A new link for a request: what is stored of it.
pub struct StoredLink<'a> {
    /// The nonce.
    pub nonce: &'a str,
    /// The token's hash.
    pub token_hash: &'a str,
    /// When it stops working.
    pub expires_at: DateTime<Utc>,
}

/// Records a new request with its first link.
pub fn insert(
    conn: &mut AnyConnection,
    applicant: UserId,
    request: &ReferenceRequestInput,
    link: &StoredLink<'_>,
    now: DateTime<Utc>,
    ip: Option<&str>,
) -> DbResult<EntryId> {
    let id = EntryId::from_uuid(uuid::Uuid::new_v4());
    diesel::insert_into(reference_requests::table)
        .values((
            reference_requests::id.eq(id.to_string()),
            reference_requests::applicant_id.eq(applicant.to_string()),
            reference_requests::body.eq(to_json(&ReferenceRequestInput {
                language: None,
                ..request.clone()
            })?),
            reference_requests::language.eq(request.language.map(Lang::code)),
            reference_requests::version.eq(1i64),
            reference_requests::created_at.eq(now.naive_utc()),
            reference_requests::updated_at.eq(now.naive_utc()),
            reference_requests::status.eq(Stage::Pending.as_str()),
            reference_requests::token_hash.eq(link.token_hash),
            reference_requests::link_nonce.eq(link.nonce),
            reference_requests::link_generation.eq(1i64),
            reference_requests::expires_at.eq(link.expires_at.naive_utc()),
            reference_requests::requested_ip.eq(ip),
        ))
        .execute(conn)?;
    Ok(id)
}

/// Sets the language of the referee's page and mail (the referee chose it).
pub fn set_language(conn: &mut AnyConnection, id: EntryId, language: Lang) -> DbResult<()> {
    diesel::update(reference_requests::table.find(id.to_string()))
        .set(reference_requests::language.eq(language.code()))
        .execute(conn)?;
    Ok(())
}

/// Records a rating given outside the link flow (tests of what depends on
/// ratings).
pub fn insert_received(
    conn: &mut AnyConnection,
    applicant: UserId,
    request: &ReferenceRequestInput,
    answer: &RatingAnswer,
    (answered_at, given_on): (DateTime<Utc>, NaiveDate),
) -> DbResult<EntryId> {
    insert_answered(
        conn,
        applicant,
        request,
        &Response::Rated(answer.clone()),
        (answered_at, given_on),
    )
}

/// Records a rating brought in from the association's earlier records,
/// dated the day it was given there (answered at noon UTC that day, so
/// that every time zone near it reads the same day).
pub fn insert_imported(
    conn: &mut AnyConnection,
    applicant: UserId,
    request: &ReferenceRequestInput,
    rating: &ImportedRating,
) -> DbResult<EntryId> {
    insert_answered(
        conn,
        applicant,
        request,
        &Response::Imported(rating.clone()),
        (noon_of(rating.given_on), rating.given_on),
    )
}

fn noon_of(day: NaiveDate) -> DateTime<Utc> {
    day.and_time(NaiveTime::from_hms_opt(12, 0, 0).unwrap_or(NaiveTime::MIN))
        .and_utc()
}

/// Changes an imported rating (a corrected file). False when the request
/// is not an imported rating.
pub fn update_imported(
    conn: &mut AnyConnection,
    id: EntryId,
    request: &ReferenceRequestInput,
    rating: &ImportedRating,
    now: DateTime<Utc>,
) -> DbResult<bool> {
    let changed = diesel::update(
        reference_requests::table
            .find(id.to_string())
            .filter(reference_requests::status.eq(Stage::Received.as_str()))
            .filter(reference_requests::answer.like("{\"imported\"%")),
    )
    .set((
        reference_requests::body.eq(to_json(request)?),
        reference_requests::answer.eq(to_json(&Response::Imported(rating.clone()))?),
        reference_requests::answered_at.eq(noon_of(rating.given_on).naive_utc()),
        reference_requests::given_on.eq(rating.given_on.and_time(NaiveTime::MIN)),
        reference_requests::updated_at.eq(now.naive_utc()),
        reference_requests::version.eq(reference_requests::version + 1i64),
    ))
    .execute(conn)?;
    Ok(changed == 1)
}

fn insert_answered(
    conn: &mut AnyConnection,
    applicant: UserId,
    request: &ReferenceRequestInput,
    response: &Response,
    (answered_at, given_on): (DateTime<Utc>, NaiveDate),
) -> DbResult<EntryId> {
    let id = EntryId::from_uuid(uuid::Uuid::new_v4());
    let at = answered_at.naive_utc();
    diesel::insert_into(reference_requests::table)
        .values((
            reference_requests::id.eq(id.to_string()),
            reference_requests::applicant_id.eq(applicant.to_string()),
            reference_requests::body.eq(to_json(request)?),
            reference_requests::version.eq(1i64),
            reference_requests::created_at.eq(at),
            reference_requests::updated_at.eq(at),
            reference_requests::status.eq(Stage::Received.as_str()),
            reference_requests::answered_at.eq(at),
            reference_requests::given_on.eq(given_on.and_time(NaiveTime::MIN)),
            reference_requests::answer.eq(to_json(response)?),
        ))
        .execute(conn)?;
    Ok(id)
}

/// Gives a pending request a new link (the old one dies). False when the request
/// is no longer pending.
pub fn renew_link(
    conn: &mut AnyConnection,
    id: EntryId,
    link: &StoredLink<'_>,
    now: DateTime<Utc>,
) -> DbResult<bool> {
    let changed = diesel::update(
        reference_requests::table
            .find(id.to_string())
            .filter(reference_requests::status.eq(Stage::Pending.as_str())),
    )
    .set((
        reference_requests::token_hash.eq(link.token_hash),
        reference_requests::link_nonce.eq(link.nonce),
        reference_requests::link_generation.eq(reference_requests::link_generation + 1i64),
        reference_requests::expires_at.eq(link.expires_at.naive_utc()),
        reference_requests::updated_at.eq(now.naive_utc()),
        reference_requests::version.eq(reference_requests::version + 1i64),
    ))
    .execute(conn)?;
    Ok(changed == 1)
}

/// Corrects the referee's e-mail address of a pending request. False when
/// the request is no longer pending.
pub fn correct_email(
    conn: &mut AnyConnection,
    id: EntryId,
    request: &ReferenceRequestInput,
    now: DateTime<Utc>,
) -> DbResult<bool> {
    let changed = diesel::update(
        reference_requests::table
            .find(id.to_string())
            .filter(reference_requests::status.eq(Stage::Pending.as_str())),
    )
    .set((
        reference_requests::body.eq(to_json(request)?),
        reference_requests::updated_at.eq(now.naive_utc()),
        reference_requests::version.eq(reference_requests::version + 1i64),
    ))
    .execute(conn)?;
    Ok(changed == 1)
}

/// Cancels a request: its link dies at once. Only a pending request can be
/// cancelled, unless it is being replaced (`replaced_by`), which also retires a
/// declined or received one. False when nothing changed.
pub fn cancel(
    conn: &mut AnyConnection,
    id: EntryId,
    replaced_by: Option<EntryId>,
    now: DateTime<Utc>,
) -> DbResult<bool> {
    let target = reference_requests::table.find(id.to_string());
    let set = (
        reference_requests::status.eq(Stage::Cancelled.as_str()),
        reference_requests::replaced_by.eq(replaced_by.map(|r| r.to_string())),
        reference_requests::updated_at.eq(now.naive_utc()),
        reference_requests::version.eq(reference_requests::version + 1i64),
    );
    let changed = if replaced_by.is_some() {
        diesel::update(target.filter(reference_requests::status.ne(Stage::Cancelled.as_str())))
            .set(set)
            .execute(conn)?
    } else {
        diesel::update(target.filter(reference_requests::status.eq(Stage::Pending.as_str())))
            .set(set)
            .execute(conn)?
    };
    Ok(changed == 1)
}

/// Notes the first time the referee opened the link.
pub fn mark_opened(conn: &mut AnyConnection, id: EntryId, now: DateTime<Utc>) -> DbResult<()> {
    diesel::update(
        reference_requests::table
            .find(id.to_string())
            .filter(reference_requests::opened_at.is_null()),
    )
    .set(reference_requests::opened_at.eq(now.naive_utc()))
    .execute(conn)?;
    Ok(())
}

/// Keeps the referee's draft. False when the request is no longer pending.
pub fn save_draft(
    conn: &mut AnyConnection,
    id: EntryId,
    draft: &RatingDraft,
    now: DateTime<Utc>,
) -> DbResult<bool> {
    let changed = diesel::update(
        reference_requests::table
            .find(id.to_string())
            .filter(reference_requests::status.eq(Stage::Pending.as_str())),
    )
    .set((
        reference_requests::draft.eq(to_json(draft)?),
        reference_requests::updated_at.eq(now.naive_utc()),
    ))
    .execute(conn)?;
    Ok(changed == 1)
}

/// Records the referee's final word; the link stops working. False when the
/// request was no longer pending (answered twice, or cancelled meanwhile).
pub fn answer(
    conn: &mut AnyConnection,
    id: EntryId,
    response: &Response,
    (now, today): (DateTime<Utc>, NaiveDate),
    from: &AnsweredFrom,
) -> DbResult<bool> {
    let stage = match response {
        Response::Rated(_) | Response::Imported(_) => Stage::Received,
        Response::Declined(_) => Stage::Declined,
    };
    let changed = diesel::update(
        reference_requests::table
            .find(id.to_string())
            .filter(reference_requests::status.eq(Stage::Pending.as_str())),
    )
    .set((
        reference_requests::status.eq(stage.as_str()),
        reference_requests::answer.eq(to_json(response)?),
        reference_requests::draft.eq(None::<String>),
        reference_requests::answered_at.eq(now.naive_utc()),
        reference_requests::given_on.eq(today.and_time(NaiveTime::MIN)),
        reference_requests::answer_ip.eq(from.ip.as_deref()),
        reference_requests::answer_device_hash.eq(from.device_hash.as_deref()),
        reference_requests::answer_in_applicant_session.eq(from.applicant_session),
        reference_requests::updated_at.eq(now.naive_utc()),
        reference_requests::version.eq(reference_requests::version + 1i64),
    ))
    .execute(conn)?;
    Ok(changed == 1)
}

/// Pending requests whose link expires after `now` and no later than `until`:
/// the ones a reminder may be due for.
pub fn expiring(
    conn: &mut AnyConnection,
    now: DateTime<Utc>,
    until: DateTime<Utc>,
) -> DbResult<Vec<StoredReference>> {
    reference_requests::table
        .filter(reference_requests::status.eq(Stage::Pending.as_str()))
        .filter(reference_requests::expires_at.gt(now.naive_utc()))
        .filter(reference_requests::expires_at.le(until.naive_utc()))
        .order(reference_requests::expires_at.asc())
        .select(Row::as_select())
        .load(conn)?
        .into_iter()
        .map(Row::parse)
        .collect()
}
