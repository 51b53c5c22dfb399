//! Queries on `endorsements` and `endorsement_sequences`.

use super::{AnyConnection, DbError, DbResult};
use crate::schema::{endorsement_sequences, endorsements, registry_counts, users};
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;
use endorse_shared::endorsements::{
    number, sequence_key, EndorsementOrigin, EndorsementStatus, RegistryQuery,
};
use endorse_shared::{ApplicationId, UserId};

/// An endorsement as stored, with its holder's name.
#[derive(Clone, Debug)]
pub struct Endorsement {
    /// The row's identifier.
    pub id: String,
    /// The readable number.
    pub number: String,
    /// The holder.
    pub holder: UserId,
    /// The holder's name.
    pub holder_name: String,
    /// The holder's e-mail address (for mail; never shown to the public).
    pub holder_email: String,
    /// The application that earned it (none for one recognised from
    /// another association).
    pub application: Option<ApplicationId>,
    /// How it came to be.
    pub origin: EndorsementOrigin,
    /// The category's code.
    pub category: String,
    /// Awarded at.
    pub awarded_at: DateTime<Utc>,
    /// Renewal due.
    pub renewal_due: chrono::NaiveDate,
    /// Where it stands.
    pub status: EndorsementStatus,
    /// Listed in the public registry.
    pub listed: bool,
    /// Optimistic-concurrency version.
    pub version: i64,
    /// Its bit in the status lists (given when its first credential is issued).
    pub status_index: Option<i64>,
    /// The code that lets whoever holds its certificate fetch its credential.
    pub verify_code: Option<String>,
    /// When it was last renewed (or reinstated).
    pub renewed_at: Option<DateTime<Utc>>,
    /// When it lapsed, while it is lapsed.
    pub lapsed_at: Option<DateTime<Utc>>,
}

impl Endorsement {
    /// The wire form, its category named in `lang`.
    pub fn view(
        self,
        rulebook: &endorse_shared::rulebook::Rulebook,
        lang: endorse_shared::i18n::Lang,
    ) -> endorse_shared::endorsements::EndorsementView {
        endorse_shared::endorsements::EndorsementView {
            category_name: rulebook
                .category(&self.category)
                .map_or_else(|| self.category.clone(), |c| c.name.get(lang).to_string()),
            number: self.number,
            holder: self.holder,
            holder_name: self.holder_name,
            category: self.category,
            application: self.application,
            origin: self.origin,
            awarded_at: self.awarded_at,
            renewal_due: self.renewal_due,
            status: self.status,
            listed: self.listed,
            version: self.version,
        }
    }
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = endorsements)]
struct Row {
    id: String,
    number: String,
    holder_id: String,
    application_id: Option<String>,
    origin: String,
    category: String,
    awarded_at: NaiveDateTime,
    renewal_due: NaiveDateTime,
    status: String,
    listed: bool,
    version: i64,
    status_index: Option<i64>,
    verify_code: Option<String>,
    renewed_at: Option<NaiveDateTime>,
    lapsed_at: Option<NaiveDateTime>,
}

fn from_row((row, name, email): (Row, String, String)) -> DbResult<Endorsement> {
    let corrupt = |what: &str, value: &str| DbError::Corrupt(format!("{what} '{value}'"));
    Ok(Endorsement {
        holder: row
            .holder_id
            .parse()
            .map_err(|_| corrupt("user id", &row.holder_id))?,
        holder_name: name,
        holder_email: email,
        application: row
            .application_id
            .as_deref()
            .map(|id| id.parse().map_err(|_| corrupt("application id", id)))
            .transpose()?,
        origin: EndorsementOrigin::parse(&row.origin)
            .ok_or_else(|| corrupt("endorsement origin", &row.origin))?,
        awarded_at: row.awarded_at.and_utc(),
        renewal_due: row.renewal_due.date(),
        status: EndorsementStatus::parse(&row.status)
            .ok_or_else(|| corrupt("endorsement status", &row.status))?,
        listed: row.listed,
        version: row.version,
        status_index: row.status_index,
        verify_code: row.verify_code,
        renewed_at: row.renewed_at.map(|at| at.and_utc()),
        lapsed_at: row.lapsed_at.map(|at| at.and_utc()),
        id: row.id,
        category: row.category,
        number: row.number,
    })
}

macro_rules! joined {
    () => {
        endorsements::table
            .inner_join(users::table.on(users::id.eq(endorsements::holder_id)))
            .select((Row::as_select(), users::name, users::email))
    };
}

/// The next number under `prefix`, `category` and `year`. The counter row is
/// updated before it is read, so two transactions never get the same number:
/// the second waits for the first's row lock (PostgreSQL) or for the one
/// writer (SQLite; the update comes first so its busy timeout applies). The
/// unique index on `number` stands behind it.
pub fn next_number(
    conn: &mut AnyConnection,
    prefix: &str,
    category: &str,
    year: i32,
) -> DbResult<String> {
    let last = next_in_sequence(conn, &sequence_key(prefix, category, year))?;
    Ok(number(prefix, category, year, last))
}

/// The sequence that numbers endorsements' bits in the status lists.
pub const STATUS_INDEX_SEQUENCE: &str = "status-list";

/// The next value of the counter `key` (1 for a new one): updated before it
/// is read, so two transactions never get the same value.
pub fn next_in_sequence(conn: &mut AnyConnection, key: &str) -> DbResult<i64> {
    let bump = |conn: &mut AnyConnection| -> DbResult<usize> {
        Ok(diesel::update(endorsement_sequences::table.find(key))
            .set(endorsement_sequences::last.eq(endorsement_sequences::last + 1i64))
            .execute(conn)?)
    };
    if bump(conn)? == 0 && !create_counter(conn, key, 1)? {
        // Another transaction made it first: count on from it.
        bump(conn)?;
    }
    Ok(endorsement_sequences::table
        .find(key)
        .select(endorsement_sequences::last)
        .first(conn)?)
}

/// Makes the counter `key` at `value`. False when another transaction made
/// it first: a savepoint keeps that unique violation from spoiling this
/// transaction, and the caller goes on with the counter as it is.
fn create_counter(conn: &mut AnyConnection, key: &str, value: i64) -> DbResult<bool> {
    let created = crate::db::write::<_, DbError, _>(conn, |conn| {
        diesel::insert_into(endorsement_sequences::table)
            .values((
                endorsement_sequences::key.eq(key),
                endorsement_sequences::last.eq(value),
            ))
            .execute(conn)?;
        Ok(())
    });
    match created {
        Ok(()) => Ok(true),
        Err(DbError::UniqueViolation(_)) => Ok(false),
        Err(other) => Err(other),
    }
}

/// A new endorsement.
pub struct NewEndorsement<'a> {
    /// The number (from [`next_number`]).
    pub number: &'a str,
    /// The holder.
    pub holder: UserId,
    /// The application that earned it, if one did.
    pub application: Option<ApplicationId>,
    /// How it came to be (an application exactly when `application` is
    /// given; the database checks it).
    pub origin: EndorsementOrigin,
    /// The category.
    pub category: &'a str,
    /// When renewal is due.
    pub renewal_due: chrono::NaiveDate,
}

/// Stores an active, unlisted endorsement. A second one for the same
/// application is [`DbError::UniqueViolation`].
pub fn insert(
    conn: &mut AnyConnection,
    new: &NewEndorsement<'_>,
    now: DateTime<Utc>,
) -> DbResult<()> {
    diesel::insert_into(endorsements::table)
        .values((
            endorsements::id.eq(uuid::Uuid::new_v4().to_string()),
            endorsements::number.eq(new.number),
            endorsements::holder_id.eq(new.holder.to_string()),
            endorsements::application_id.eq(new.application.map(|a| a.to_string())),
            endorsements::origin.eq(new.origin.as_str()),
            endorsements::category.eq(new.category),
            endorsements::awarded_at.eq(now.naive_utc()),
            endorsements::renewal_due.eq(new.renewal_due.and_time(chrono::NaiveTime::MIN)),
            endorsements::status.eq(EndorsementStatus::Active.as_str()),
            endorsements::listed.eq(false),
            endorsements::version.eq(1i64),
            endorsements::updated_at.eq(now.naive_utc()),
        ))
        .execute(conn)?;
    Ok(())
}

/// An endorsement brought in by an import, as the file names it.
pub struct ImportedEndorsement<'a> {
    /// Its number, kept exactly.
    pub number: &'a str,
    /// The holder.
    pub holder: UserId,
    /// The category.
    pub category: &'a str,
    /// When it was awarded.
    pub awarded_at: DateTime<Utc>,
    /// When its renewal falls due.
    pub renewal_due: NaiveDate,
    /// Where it stands.
    pub status: EndorsementStatus,
    /// Since when it is lapsed, if it is.
    pub lapsed_at: Option<DateTime<Utc>>,
    /// The import.
    pub import_id: &'a str,
}

/// Stores an imported endorsement, unlisted (the holder decides), and moves
/// the counter its number is of past it ([`count_past`]).
pub fn insert_imported(
    conn: &mut AnyConnection,
    new: &ImportedEndorsement<'_>,
    now: DateTime<Utc>,
) -> DbResult<()> {
    diesel::insert_into(endorsements::table)
        .values((
            endorsements::id.eq(uuid::Uuid::new_v4().to_string()),
            endorsements::number.eq(new.number),
            endorsements::holder_id.eq(new.holder.to_string()),
            endorsements::application_id.eq(None::<String>),
            endorsements::origin.eq(EndorsementOrigin::Import.as_str()),
            endorsements::category.eq(new.category),
            endorsements::awarded_at.eq(new.awarded_at.naive_utc()),
            endorsements::renewal_due.eq(new.renewal_due.and_time(chrono::NaiveTime::MIN)),
            endorsements::status.eq(new.status.as_str()),
            endorsements::lapsed_at.eq(new.lapsed_at.map(|at| at.naive_utc())),
            endorsements::listed.eq(false),
            endorsements::version.eq(1i64),
            endorsements::updated_at.eq(now.naive_utc()),
            endorsements::import_id.eq(new.import_id),
        ))
        .execute(conn)?;
    count_past(conn, new.number)
}

/// Changes an imported endorsement's dates and status (a corrected file).
pub fn update_imported(
    conn: &mut AnyConnection,
    new: &ImportedEndorsement<'_>,
    now: DateTime<Utc>,
) -> DbResult<bool> {
    let changed = diesel::update(
        endorsements::table
            .filter(endorsements::number.eq(new.number))
            .filter(endorsements::origin.eq(EndorsementOrigin::Import.as_str())),
    )
    .set((
        endorsements::awarded_at.eq(new.awarded_at.naive_utc()),
        endorsements::renewal_due.eq(new.renewal_due.and_time(chrono::NaiveTime::MIN)),
        endorsements::status.eq(new.status.as_str()),
        endorsements::lapsed_at.eq(new.lapsed_at.map(|at| at.naive_utc())),
        endorsements::import_id.eq(new.import_id),
        endorsements::version.eq(endorsements::version + 1i64),
        endorsements::updated_at.eq(now.naive_utc()),
    ))
    .execute(conn)?;
    Ok(changed == 1)
}

/// Moves the counter a number is of past it, so that the numbers Endorse
/// gives never repeat one brought in: `MI-IFS-2019-0042` is the 42nd of
/// the counter `MI-IFS-2019`. A number of another shape is nobody's
/// counter (the unique index still stands behind it).
pub fn count_past(conn: &mut AnyConnection, number: &str) -> DbResult<()> {
    let Some((key, sequence)) = counter_of(number) else {
        return Ok(());
    };
    let raise = |conn: &mut AnyConnection| -> DbResult<usize> {
        Ok(diesel::update(
            endorsement_sequences::table
                .find(&key)
                .filter(endorsement_sequences::last.lt(sequence)),
        )
        .set(endorsement_sequences::last.eq(sequence))
        .execute(conn)?)
    };
    if raise(conn)? == 0 {
        let exists = endorsement_sequences::table
            .find(&key)
            .count()
            .get_result::<i64>(conn)?
            > 0;
        if !exists && !create_counter(conn, &key, sequence)? {
            raise(conn)?;
        }
    }
    Ok(())
}

/// The counter a number is of, and its place in it: everything before the
/// last `-` when that ends in a four-digit year, and the number after it.
fn counter_of(number: &str) -> Option<(String, i64)> {
    let (key, sequence) = number.rsplit_once('-')?;
    let (_, year) = key.rsplit_once('-')?;
    let is_year = year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit());
    let digits = !sequence.is_empty() && sequence.bytes().all(|b| b.is_ascii_digit());
    (is_year && digits && sequence.len() <= 12)
        .then(|| Some((key.to_string(), sequence.parse().ok()?)))
        .flatten()
}

/// One endorsement by number.
pub fn get(conn: &mut AnyConnection, number: &str) -> DbResult<Option<Endorsement>> {
    joined!()
        .filter(endorsements::number.eq(number))
        .first::<(Row, String, String)>(conn)
        .optional()?
        .map(from_row)
        .transpose()
}

/// The endorsement an application earned, if any.
pub fn for_application(
    conn: &mut AnyConnection,
    application: ApplicationId,
) -> DbResult<Option<Endorsement>> {
    joined!()
        .filter(endorsements::application_id.eq(application.to_string()))
        .first::<(Row, String, String)>(conn)
        .optional()?
        .map(from_row)
        .transpose()
}

/// A holder's endorsements, the newest first.
pub fn for_holder(conn: &mut AnyConnection, holder: UserId) -> DbResult<Vec<Endorsement>> {
    joined!()
        .filter(endorsements::holder_id.eq(holder.to_string()))
        .order((endorsements::awarded_at.desc(), endorsements::number.asc()))
        .load::<(Row, String, String)>(conn)?
        .into_iter()
        .map(from_row)
        .collect()
}

/// Moves an endorsement from `from` at `expected` to `to`. False if it changed.
pub fn set_status(
    conn: &mut AnyConnection,
    number: &str,
    (from, expected): (EndorsementStatus, i64),
    to: EndorsementStatus,
    now: DateTime<Utc>,
) -> DbResult<bool> {
    let changed = diesel::update(
        endorsements::table
            .filter(endorsements::number.eq(number))
            .filter(endorsements::status.eq(from.as_str()))
            .filter(endorsements::version.eq(expected)),
    )
    .set((
        endorsements::status.eq(to.as_str()),
        endorsements::version.eq(expected + 1),
        endorsements::updated_at.eq(now.naive_utc()),
    ))
    .execute(conn)?;
    Ok(changed == 1)
}

/// Sets the holder's listing choice at `expected`. False if it changed.
pub fn set_listed(
    conn: &mut AnyConnection,
    number: &str,
    listed: bool,
    expected: i64,
    now: DateTime<Utc>,
) -> DbResult<bool> {
    let changed = diesel::update(
        endorsements::table
            .filter(endorsements::number.eq(number))
            .filter(endorsements::version.eq(expected)),
    )
    .set((
        endorsements::listed.eq(listed),
        endorsements::version.eq(expected + 1),
        endorsements::updated_at.eq(now.naive_utc()),
    ))
    .execute(conn)?;
    Ok(changed == 1)
}

/// Every endorsement in one of these statuses whose renewal is due by `day`.
pub fn due_by(
    conn: &mut AnyConnection,
    statuses: &[EndorsementStatus],
    day: chrono::NaiveDate,
) -> DbResult<Vec<Endorsement>> {
    let names: Vec<&str> = statuses.iter().map(|s| s.as_str()).collect();
    joined!()
        .filter(endorsements::status.eq_any(names))
        .filter(endorsements::renewal_due.le(day.and_time(chrono::NaiveTime::MIN)))
        .order(endorsements::number.asc())
        .load::<(Row, String, String)>(conn)?
        .into_iter()
        .map(from_row)
        .collect()
}

/// Moves an endorsement from `from` to `to` on the association's own
/// schedule (renewal opening, lapse), whatever its version. A lapse is dated
/// `lapsed_on` (the day after the grace period), not the day the schedule
/// noticed it. False if it was no longer `from`.
pub fn move_by_schedule(
    conn: &mut AnyConnection,
    number: &str,
    (from, to): (EndorsementStatus, EndorsementStatus),
    lapsed_on: Option<NaiveDate>,
    now: DateTime<Utc>,
) -> DbResult<bool> {
    let lapsed_at = lapsed_on
        .filter(|_| to == EndorsementStatus::Lapsed)
        .map(|day| day.and_time(chrono::NaiveTime::MIN));
    let changed = diesel::update(
        endorsements::table
            .filter(endorsements::number.eq(number))
            .filter(endorsements::status.eq(from.as_str())),
    )
    .set((
        endorsements::status.eq(to.as_str()),
        endorsements::lapsed_at.eq(lapsed_at),
        endorsements::version.eq(endorsements::version + 1i64),
        endorsements::updated_at.eq(now.naive_utc()),
    ))
    .execute(conn)?;
    Ok(changed == 1)
}

/// Renews (or reinstates) an endorsement in `from`: active again, due next on
/// `due`. False if it was no longer `from`.
pub fn renew(
    conn: &mut AnyConnection,
    number: &str,
    from: EndorsementStatus,
    due: chrono::NaiveDate,
    now: DateTime<Utc>,
) -> DbResult<bool> {
    let changed = diesel::update(
        endorsements::table
            .filter(endorsements::number.eq(number))
            .filter(endorsements::status.eq(from.as_str())),
    )
    .set((
        endorsements::status.eq(EndorsementStatus::Active.as_str()),
        endorsements::renewal_due.eq(due.and_time(chrono::NaiveTime::MIN)),
        endorsements::renewed_at.eq(Some(now.naive_utc())),
        endorsements::lapsed_at.eq(None::<NaiveDateTime>),
        endorsements::version.eq(endorsements::version + 1i64),
        endorsements::updated_at.eq(now.naive_utc()),
    ))
    .execute(conn)?;
    Ok(changed == 1)
}

/// Gives an endorsement its status-list bit and verification code, once.
pub fn set_credential_facts(
    conn: &mut AnyConnection,
    id: &str,
    status_index: i64,
    verify_code: &str,
) -> DbResult<()> {
    diesel::update(
        endorsements::table
            .find(id)
            .filter(endorsements::status_index.is_null()),
    )
    .set((
        endorsements::status_index.eq(status_index),
        endorsements::verify_code.eq(verify_code),
    ))
    .execute(conn)?;
    Ok(())
}

/// The status-list bits of every endorsement in one of these statuses.
pub fn status_indexes(
    conn: &mut AnyConnection,
    statuses: &[EndorsementStatus],
) -> DbResult<Vec<(EndorsementStatus, i64)>> {
    let names: Vec<&str> = statuses.iter().map(|s| s.as_str()).collect();
    let rows: Vec<(String, Option<i64>)> = endorsements::table
        .filter(endorsements::status.eq_any(names))
        .filter(endorsements::status_index.is_not_null())
        .select((endorsements::status, endorsements::status_index))
        .load(conn)?;
    rows.into_iter()
        .filter_map(|(status, index)| index.map(|i| (status, i)))
        .map(|(status, index)| {
            let status = EndorsementStatus::parse(&status)
                .ok_or_else(|| DbError::Corrupt(format!("endorsement status '{status}'")))?;
            Ok((status, index))
        })
        .collect()
}

/// The public registry: listed endorsements in good standing, by name.
pub fn registry(
    conn: &mut AnyConnection,
    query: &RegistryQuery,
) -> DbResult<(Vec<Endorsement>, u64)> {
    let per_page = i64::from(RegistryQuery::PER_PAGE);
    registry_slice(
        conn,
        query,
        (i64::from(query.page() - 1) * per_page, per_page),
    )
}

/// [`registry`], from `offset`, at most `limit` (the search across
/// associations takes each one's first pages at once).
pub fn registry_slice(
    conn: &mut AnyConnection,
    query: &RegistryQuery,
    (offset, limit): (i64, i64),
) -> DbResult<(Vec<Endorsement>, u64)> {
    let standing: Vec<&str> = EndorsementStatus::ALL
        .iter()
        .filter(|s| s.in_good_standing())
        .map(|s| s.as_str())
        .collect();
    // A holder whose name contains what was typed, through the
    // users' trigram index, or the endorsement of exactly that number.
    let search = query
        .q
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(|text| {
            let names = super::users::search_sql(conn, text, super::users::SearchIn::Name);
            (names, text.to_uppercase())
        });
    let category = query
        .category
        .as_deref()
        .filter(|c| !c.is_empty())
        .map(str::to_uppercase);
    let filtered = || {
        let mut found = endorsements::table
            .inner_join(users::table.on(users::id.eq(endorsements::holder_id)))
            .filter(endorsements::listed.eq(true))
            .filter(endorsements::status.eq_any(standing.clone()))
            .into_boxed();
        if let Some((names, number)) = &search {
            // Each side by its own index: the holders the name search finds,
            // or the one number.
            found = found.filter(
                person_found_by!("endorsements.holder_id", names)
                    .or(endorsements::number.eq(number.clone())),
            );
        }
        if let Some(category) = &category {
            found = found.filter(endorsements::category.eq(category.clone()));
        }
        found
    };
    // Without a search, the kept counts answer (a row per category);
    // a search counts its matches.
    let total: i64 = if search.is_none() {
        let mut kept = registry_counts::table.into_boxed();
        if let Some(category) = &category {
            kept = kept.filter(registry_counts::category.eq(category.clone()));
        }
        kept.select(registry_counts::count)
            .load::<i64>(conn)?
            .into_iter()
            .sum()
    } else {
        filtered().count().get_result(conn)?
    };
    let rows = filtered()
        .select((Row::as_select(), users::name, users::email))
        .order((users::search_name.asc(), endorsements::number.asc()))
        .limit(limit)
        .offset(offset)
        .load::<(Row, String, String)>(conn)?;
    let items = rows
        .into_iter()
        .map(from_row)
        .collect::<DbResult<Vec<_>>>()?;
    Ok((items, u64::try_from(total).unwrap_or_default()))
}

#[cfg(test)]
mod tests {
    use super::counter_of;

    #[test]
    fn a_number_names_its_counter_only_when_it_has_the_shape_endorse_gives() {
        assert_eq!(
            counter_of("MI-IFS-2019-0042"),
            Some(("MI-IFS-2019".into(), 42))
        );
        assert_eq!(
            counter_of("AL-IMHM-C-2026-0001"),
            Some(("AL-IMHM-C-2026".into(), 1))
        );
        assert_eq!(counter_of("12345"), None);
        assert_eq!(counter_of("MI-IFS-19-0042"), None);
        assert_eq!(counter_of("MI-IFS-2019-"), None);
        assert_eq!(counter_of("MI-IFS-2019-12a"), None);
    }
}
