//! The platform's own tables: the associations one deployment serves. These
//! live in the platform database (SQLite: `platform.db` beside the main
//! file; PostgreSQL: the `endorse_platform` schema), never in an
//! association's, and only [`crate::tenancy`] reads them.

use super::{AnyConnection, DbResult};
use chrono::NaiveDateTime;
use diesel::prelude::*;

diesel::table! {
    /// The associations (see the platform migration).
    associations (code) {
        code -> Text,
        name -> Text,
        host -> Nullable<Text>,
        storage -> Text,
        is_default -> Bool,
        time_zone -> Text,
        currency -> Text,
        language -> Text,
        primary_colour -> Text,
        accent_colour -> Text,
        logo -> Nullable<Text>,
        mail_from -> Text,
        mail_reply_to -> Text,
        mail_signature -> Text,
        smtp_url_sealed -> Nullable<Text>,
        registry_shared -> Bool,
        version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

/// One association, as the platform keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = associations)]
pub struct Association {
    /// The short code.
    pub code: String,
    /// Its name.
    pub name: String,
    /// Its own host name, if it has one.
    pub host: Option<String>,
    /// Where its records are (`""`: the deployment's own database).
    pub storage: String,
    /// Whether the deployment's bare address serves it.
    pub is_default: bool,
    /// The IANA time zone of its days.
    pub time_zone: String,
    /// The ISO 4217 currency of its fees.
    pub currency: String,
    /// The language people see before they choose.
    pub language: String,
    /// Main colour.
    pub primary_colour: String,
    /// Second colour.
    pub accent_colour: String,
    /// Logo (`data:` URL).
    pub logo: Option<String>,
    /// Mail's From address.
    pub mail_from: String,
    /// Mail's Reply-To address.
    pub mail_reply_to: String,
    /// The signature under every message.
    pub mail_signature: String,
    /// Its own SMTP server's URL, sealed; none: the deployment's.
    pub smtp_url_sealed: Option<String>,
    /// Whether its registry is in the search across associations.
    pub registry_shared: bool,
    /// Bumped by every change.
    pub version: i64,
    /// When it joined.
    pub created_at: NaiveDateTime,
    /// When it last changed.
    pub updated_at: NaiveDateTime,
}

/// Every association, by code.
pub fn list(conn: &mut AnyConnection) -> DbResult<Vec<Association>> {
    Ok(associations::table
        .order(associations::code.asc())
        .select(Association::as_select())
        .load(conn)?)
}

/// The association with this code.
pub fn by_code(conn: &mut AnyConnection, code: &str) -> DbResult<Option<Association>> {
    Ok(associations::table
        .find(code)
        .select(Association::as_select())
        .first(conn)
        .optional()?)
}

/// The association whose own host name this is.
pub fn by_host(conn: &mut AnyConnection, host: &str) -> DbResult<Option<Association>> {
    Ok(associations::table
        .filter(associations::host.eq(host))
        .select(Association::as_select())
        .first(conn)
        .optional()?)
}

/// The association the bare address serves, if any.
pub fn default(conn: &mut AnyConnection) -> DbResult<Option<Association>> {
    Ok(associations::table
        .filter(associations::is_default.eq(true))
        .select(Association::as_select())
        .first(conn)
        .optional()?)
}

/// Adds an association. A taken code, host or storage is a
/// [`super::DbError::UniqueViolation`].
pub fn insert(conn: &mut AnyConnection, association: &Association) -> DbResult<()> {
    diesel::insert_into(associations::table)
        .values(association)
        .execute(conn)?;
    Ok(())
}

/// Adds the association unless one with its code (or any other unique
/// value) is there: two processes starting on a new database at once make
/// one. Whether this call made it.
pub fn insert_if_absent(conn: &mut AnyConnection, association: &Association) -> DbResult<bool> {
    // In a savepoint of its own, so that losing the race leaves a
    // surrounding transaction usable (PostgreSQL).
    match super::write::<_, super::DbError, _>(conn, |conn| insert(conn, association)) {
        Ok(()) => Ok(true),
        Err(super::DbError::UniqueViolation(_)) => Ok(false),
        Err(other) => Err(other),
    }
}

/// The associations a request could be for: the one with its host name, the
/// one its path names, and the default (see [`crate::tenancy::resolve`]).
pub fn candidates(
    conn: &mut AnyConnection,
    host: Option<&str>,
    code: Option<&str>,
) -> DbResult<Vec<Association>> {
    let mut query = associations::table
        .filter(associations::is_default.eq(true))
        .into_boxed();
    if let Some(host) = host {
        query = query.or_filter(associations::host.eq(host));
    }
    if let Some(code) = code {
        query = query.or_filter(associations::code.eq(code));
    }
    Ok(query.select(Association::as_select()).load(conn)?)
}

diesel::table! {
    /// Platform operators.
    operators (id) {
        id -> Text,
        email -> Text,
        name -> Text,
        password_hash -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    /// Support access an association's admin gave an operator.
    support_grants (id) {
        id -> Text,
        association_code -> Text,
        operator_id -> Text,
        granted_by -> Text,
        granted_by_name -> Text,
        reason -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    /// What operators did.
    platform_events (id) {
        id -> Text,
        at -> Timestamp,
        operator_id -> Nullable<Text>,
        association_code -> Nullable<Text>,
        action -> Text,
        details -> Text,
    }
}

diesel::allow_tables_to_appear_in_same_query!(associations, operators, support_grants);

/// An operator (without the password hash, which only [`operator_credentials`] returns).
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = operators)]
pub struct Operator {
    /// Their id (a UUID).
    pub id: String,
    /// Their sign-in address, lowercase.
    pub email: String,
    /// Their name.
    pub name: String,
    /// When they were made.
    pub created_at: NaiveDateTime,
}

/// Adds an operator. A taken e-mail is a [`super::DbError::UniqueViolation`].
pub fn insert_operator(
    conn: &mut AnyConnection,
    (email, name, password_hash): (&str, &str, &str),
    now: NaiveDateTime,
) -> DbResult<Operator> {
    let id = uuid::Uuid::new_v4().to_string();
    diesel::insert_into(operators::table)
        .values((
            operators::id.eq(&id),
            operators::email.eq(email),
            operators::name.eq(name),
            operators::password_hash.eq(password_hash),
            operators::created_at.eq(now),
        ))
        .execute(conn)?;
    Ok(Operator {
        id,
        email: email.to_string(),
        name: name.to_string(),
        created_at: now,
    })
}

/// An operator and their password hash, by e-mail (sign-in).
pub fn operator_credentials(
    conn: &mut AnyConnection,
    email: &str,
) -> DbResult<Option<(Operator, String)>> {
    Ok(operators::table
        .filter(operators::email.eq(email))
        .select((Operator::as_select(), operators::password_hash))
        .first(conn)
        .optional()?)
}

/// An operator by id.
pub fn operator(conn: &mut AnyConnection, id: &str) -> DbResult<Option<Operator>> {
    Ok(operators::table
        .find(id)
        .select(Operator::as_select())
        .first(conn)
        .optional()?)
}

/// A support grant.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = support_grants)]
pub struct SupportGrant {
    /// Its id.
    pub id: String,
    /// The association that gave it.
    pub association_code: String,
    /// To whom.
    pub operator_id: String,
    /// The admin who gave it (their id in the association).
    pub granted_by: String,
    /// Their name.
    pub granted_by_name: String,
    /// Why.
    pub reason: String,
    /// When.
    pub created_at: NaiveDateTime,
    /// Until when.
    pub expires_at: NaiveDateTime,
    /// When it was taken back, if it was.
    pub revoked_at: Option<NaiveDateTime>,
}

impl SupportGrant {
    /// Whether it lets its operator in at `now`.
    pub fn is_live(&self, now: NaiveDateTime) -> bool {
        self.revoked_at.is_none() && now < self.expires_at
    }
}

/// Adds a grant.
pub fn insert_grant(conn: &mut AnyConnection, grant: &SupportGrant) -> DbResult<()> {
    diesel::insert_into(support_grants::table)
        .values((
            support_grants::id.eq(&grant.id),
            support_grants::association_code.eq(&grant.association_code),
            support_grants::operator_id.eq(&grant.operator_id),
            support_grants::granted_by.eq(&grant.granted_by),
            support_grants::granted_by_name.eq(&grant.granted_by_name),
            support_grants::reason.eq(&grant.reason),
            support_grants::created_at.eq(grant.created_at),
            support_grants::expires_at.eq(grant.expires_at),
            support_grants::revoked_at.eq(grant.revoked_at),
        ))
        .execute(conn)?;
    Ok(())
}

/// An association's grants, newest first, with their operators.
pub fn grants_of(conn: &mut AnyConnection, code: &str) -> DbResult<Vec<(SupportGrant, Operator)>> {
    Ok(support_grants::table
        .inner_join(operators::table.on(operators::id.eq(support_grants::operator_id)))
        .filter(support_grants::association_code.eq(code))
        .order(support_grants::created_at.desc())
        .select((SupportGrant::as_select(), Operator::as_select()))
        .load(conn)?)
}

/// One grant of an association.
pub fn grant(conn: &mut AnyConnection, code: &str, id: &str) -> DbResult<Option<SupportGrant>> {
    Ok(support_grants::table
        .find(id)
        .filter(support_grants::association_code.eq(code))
        .select(SupportGrant::as_select())
        .first(conn)
        .optional()?)
}

/// Takes a grant back (once). Whether this call did.
pub fn revoke_grant(
    conn: &mut AnyConnection,
    code: &str,
    id: &str,
    now: NaiveDateTime,
) -> DbResult<bool> {
    Ok(diesel::update(
        support_grants::table
            .find(id)
            .filter(support_grants::association_code.eq(code))
            .filter(support_grants::revoked_at.is_null()),
    )
    .set(support_grants::revoked_at.eq(now))
    .execute(conn)?
        == 1)
}

/// Adds an event to the platform's log.
pub fn record_event(
    conn: &mut AnyConnection,
    (operator, code): (Option<&str>, Option<&str>),
    (action, details): (&str, &str),
    now: NaiveDateTime,
) -> DbResult<()> {
    diesel::insert_into(platform_events::table)
        .values((
            // Time-ordered (UUID v7), so events of one instant keep their order.
            platform_events::id.eq(uuid::Uuid::now_v7().to_string()),
            platform_events::at.eq(now),
            platform_events::operator_id.eq(operator),
            platform_events::association_code.eq(code),
            platform_events::action.eq(action),
            platform_events::details.eq(details),
        ))
        .execute(conn)?;
    Ok(())
}

/// One platform event.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = platform_events)]
pub struct PlatformEvent {
    /// Its id.
    pub id: String,
    /// When.
    pub at: NaiveDateTime,
    /// Which operator, if one.
    pub operator_id: Option<String>,
    /// Which association, if one.
    pub association_code: Option<String>,
    /// What, as a code.
    pub action: String,
    /// What, in words.
    pub details: String,
}

/// The newest `limit` platform events, newest first.
pub fn recent_events(conn: &mut AnyConnection, limit: i64) -> DbResult<Vec<PlatformEvent>> {
    Ok(platform_events::table
        .order((platform_events::at.desc(), platform_events::id.desc()))
        .limit(limit)
        .select(PlatformEvent::as_select())
        .load(conn)?)
}

/// What an association's admins may change about it.
#[derive(Debug, Clone, PartialEq, Eq, AsChangeset)]
#[diesel(table_name = associations)]
#[diesel(treat_none_as_null = true)]
pub struct SettingsChange {
    /// Name.
    pub name: String,
    /// Time zone.
    pub time_zone: String,
    /// Currency.
    pub currency: String,
    /// Language.
    pub language: String,
    /// Main colour.
    pub primary_colour: String,
    /// Second colour.
    pub accent_colour: String,
    /// Logo.
    pub logo: Option<String>,
    /// Sender.
    pub mail_from: String,
    /// Reply-To.
    pub mail_reply_to: String,
    /// Signature.
    pub mail_signature: String,
    /// Own SMTP server, sealed.
    pub smtp_url_sealed: Option<String>,
    /// In the shared registry search.
    pub registry_shared: bool,
}

/// Applies a change to an association at version `expected`.
pub fn update_settings(
    conn: &mut AnyConnection,
    code: &str,
    expected: i64,
    change: &SettingsChange,
    now: NaiveDateTime,
) -> DbResult<super::Guarded<Association>> {
    let changed = diesel::update(
        associations::table
            .find(code)
            .filter(associations::version.eq(expected)),
    )
    .set((
        change,
        associations::version.eq(associations::version + 1i64),
        associations::updated_at.eq(now),
    ))
    .execute(conn)?;
    match by_code(conn, code)? {
        None => Ok(super::Guarded::Missing),
        Some(found) if changed == 1 => Ok(super::Guarded::Done(found)),
        Some(found) => Ok(super::Guarded::Stale {
            current: found.version,
        }),
    }
}

diesel::table! {
    /// Endorsements awarded in recognition of another association's.
    recognitions (to_association, to_number) {
        to_association -> Text,
        to_number -> Text,
        from_association -> Text,
        from_number -> Text,
        recognised_at -> Timestamp,
    }
}

/// One recognition: an association's endorsement awarded in recognition
/// of another's.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = recognitions)]
pub struct Recognition {
    /// The association that recognised.
    pub to_association: String,
    /// The endorsement it issued.
    pub to_number: String,
    /// The association whose endorsement it recognised.
    pub from_association: String,
    /// That endorsement's number.
    pub from_number: String,
    /// When.
    pub recognised_at: NaiveDateTime,
}

/// Adds a recognition; one already there (the same endorsement issued) is
/// left as it is.
pub fn insert_recognition(conn: &mut AnyConnection, recognition: &Recognition) -> DbResult<()> {
    match super::write::<_, super::DbError, _>(conn, |conn| {
        diesel::insert_into(recognitions::table)
            .values(recognition)
            .execute(conn)?;
        Ok(())
    }) {
        Ok(()) | Err(super::DbError::UniqueViolation(_)) => Ok(()),
        Err(other) => Err(other),
    }
}

/// The recognitions an association's endorsements `numbers` take part in,
/// either way.
pub fn recognitions_of(
    conn: &mut AnyConnection,
    code: &str,
    numbers: &[String],
) -> DbResult<Vec<Recognition>> {
    if numbers.is_empty() {
        return Ok(Vec::new());
    }
    Ok(recognitions::table
        .filter(
            recognitions::to_association
                .eq(code)
                .and(recognitions::to_number.eq_any(numbers))
                .or(recognitions::from_association
                    .eq(code)
                    .and(recognitions::from_number.eq_any(numbers))),
        )
        .order(recognitions::recognised_at.asc())
        .select(Recognition::as_select())
        .load(conn)?)
}
