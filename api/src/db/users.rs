//! Queries on `users`. Returns domain values; the password hash leaves this module
//! only through [`find_credentials`], never inside a [`User`].

use super::{AnyConnection, DbError, DbResult};
use crate::schema::users;
use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use endorse_shared::i18n::Lang;
use endorse_shared::text::fold;
use endorse_shared::users::{Role, UserResponse};
use endorse_shared::UserId;

/// The name an erased account keeps.
pub const ERASED_NAME: &str = "Erased account";

/// A user account, without secrets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    /// The account's id.
    pub id: UserId,
    /// Lower-case e-mail.
    pub email: String,
    /// Full name.
    pub name: String,
    /// Role.
    pub role: Role,
    /// Set while a password chosen by someone else must be replaced.
    pub must_change_password: bool,
    /// When the account was created.
    pub created_at: DateTime<Utc>,
    /// The language the person chose, if they did.
    pub language: Option<Lang>,
    /// When the person confirmed the address (from a mailed link).
    pub email_verified_at: Option<DateTime<Utc>>,
    /// An address asked for and not yet confirmed.
    pub pending_email: Option<String>,
    /// When an admin disabled the account, and why.
    pub disabled: Option<(DateTime<Utc>, String)>,
    /// When the person turned on a second factor.
    pub mfa_enrolled_at: Option<DateTime<Utc>>,
    /// When the person was erased on request.
    pub erased_at: Option<DateTime<Utc>>,
}

impl User {
    /// How the person reads mail.
    pub fn reader(&self) -> crate::mail::templates::Reader {
        crate::mail::templates::Reader {
            lang: self.language,
            unconfirmed: !self.email_verified(),
        }
    }

    /// Whether the person confirmed the address the account has now.
    pub fn email_verified(&self) -> bool {
        self.email_verified_at.is_some()
    }

    /// Whether an admin disabled the account.
    pub fn is_disabled(&self) -> bool {
        self.disabled.is_some()
    }

    /// The wire form.
    pub fn to_response(&self) -> UserResponse {
        UserResponse {
            id: self.id,
            email: self.email.clone(),
            name: self.name.clone(),
            role: self.role,
            must_change_password: self.must_change_password,
            created_at: self.created_at,
            language: self.language,
            email_verified: self.email_verified(),
            pending_email: self.pending_email.clone(),
            disabled_at: self.disabled.as_ref().map(|(at, _)| *at),
            disabled_reason: self.disabled.as_ref().map(|(_, why)| why.clone()),
            mfa_enabled: self.mfa_enrolled_at.is_some(),
            erased_at: self.erased_at,
        }
    }
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = users)]
struct UserRow {
    id: String,
    email: String,
    name: String,
    role: String,
    must_change_password: bool,
    created_at: NaiveDateTime,
    language: Option<String>,
    email_verified_at: Option<NaiveDateTime>,
    pending_email: Option<String>,
    disabled_at: Option<NaiveDateTime>,
    disabled_reason: Option<String>,
    totp_enrolled_at: Option<NaiveDateTime>,
    erased_at: Option<NaiveDateTime>,
}

impl TryFrom<UserRow> for User {
    type Error = DbError;

    fn try_from(row: UserRow) -> Result<Self, Self::Error> {
        Ok(User {
            id: row
                .id
                .parse()
                .map_err(|_| DbError::Corrupt(format!("user id '{}'", row.id)))?,
            email: row.email,
            name: row.name,
            role: row
                .role
                .parse()
                .map_err(|_| DbError::Corrupt(format!("role '{}'", row.role)))?,
            must_change_password: row.must_change_password,
            created_at: row.created_at.and_utc(),
            language: row.language.as_deref().and_then(|l| l.parse().ok()),
            email_verified_at: row.email_verified_at.map(|at| at.and_utc()),
            pending_email: row.pending_email,
            disabled: row
                .disabled_at
                .map(|at| (at.and_utc(), row.disabled_reason.unwrap_or_default())),
            mfa_enrolled_at: row.totp_enrolled_at.map(|at| at.and_utc()),
            erased_at: row.erased_at.map(|at| at.and_utc()),
        })
    }
}

/// A new account, its password already hashed.
#[derive(Debug, Clone)]
pub struct NewUser {
    /// Lower-case e-mail.
    pub email: String,
    /// Full name, trimmed.
    pub name: String,
    /// Role.
    pub role: Role,
    /// The argon2id PHC string.
    pub password_hash: String,
    /// Whether the password must be replaced at first sign-in.
    pub must_change_password: bool,
}

/// Creates an account. A taken e-mail is [`DbError::UniqueViolation`].
pub fn insert(conn: &mut AnyConnection, new: NewUser) -> DbResult<User> {
    let id = UserId::from_uuid(uuid::Uuid::new_v4());
    let now = Utc::now().naive_utc();
    diesel::insert_into(users::table)
        .values((
            users::id.eq(id.to_string()),
            users::email.eq(&new.email),
            users::name.eq(&new.name),
            users::search_name.eq(fold(&new.name)),
            users::role.eq(new.role.as_str()),
            users::password_hash.eq(&new.password_hash),
            users::must_change_password.eq(new.must_change_password),
            users::created_at.eq(now),
            users::updated_at.eq(now),
        ))
        .execute(conn)?;
    find(conn, id)?.ok_or(DbError::NotFound)
}

/// The account with this id, if any.
pub fn find(conn: &mut AnyConnection, id: UserId) -> DbResult<Option<User>> {
    users::table
        .find(id.to_string())
        .select(UserRow::as_select())
        .first(conn)
        .optional()?
        .map(User::try_from)
        .transpose()
}

/// How the person with this e-mail reads mail: the language they chose (if
/// they have an account and chose one), and whether the address is theirs
/// unconfirmed.
pub fn reader_of(
    conn: &mut AnyConnection,
    email: &str,
) -> DbResult<crate::mail::templates::Reader> {
    let found: Option<(Option<String>, Option<NaiveDateTime>)> = users::table
        .filter(users::email.eq(endorse_shared::validation::normalize_email(email)))
        .select((users::language, users::email_verified_at))
        .first(conn)
        .optional()?;
    Ok(match found {
        Some((language, verified)) => crate::mail::templates::Reader {
            lang: language.and_then(|code| code.parse().ok()),
            unconfirmed: verified.is_none(),
        },
        None => crate::mail::templates::Reader::default(),
    })
}

/// The account with this (normalised) e-mail and its password hash, if any.
pub fn find_credentials(conn: &mut AnyConnection, email: &str) -> DbResult<Option<(User, String)>> {
    let found: Option<(UserRow, String)> = users::table
        .filter(users::email.eq(email))
        .select((UserRow::as_select(), users::password_hash))
        .first(conn)
        .optional()?;
    found
        .map(|(row, hash)| Ok((User::try_from(row)?, hash)))
        .transpose()
}

/// The names of these accounts, by id (one query; an id not found is
/// left out).
pub fn names_of(
    conn: &mut AnyConnection,
    ids: Vec<String>,
) -> DbResult<std::collections::HashMap<String, String>> {
    if ids.is_empty() {
        return Ok(std::collections::HashMap::new());
    }
    Ok(users::table
        .filter(users::id.eq_any(ids))
        .select((users::id, users::name))
        .load::<(String, String)>(conn)?
        .into_iter()
        .collect())
}

/// The password hash of an account.
pub fn password_hash(conn: &mut AnyConnection, id: UserId) -> DbResult<String> {
    Ok(users::table
        .find(id.to_string())
        .select(users::password_hash)
        .first(conn)?)
}

/// Replaces the password hash and whether it must be changed.
pub fn set_password(
    conn: &mut AnyConnection,
    id: UserId,
    password_hash: &str,
    must_change_password: bool,
) -> DbResult<()> {
    let updated = diesel::update(users::table.find(id.to_string()))
        .set((
            users::password_hash.eq(password_hash),
            users::must_change_password.eq(must_change_password),
            users::updated_at.eq(Utc::now().naive_utc()),
        ))
        .execute(conn)?;
    if updated == 0 {
        return Err(DbError::NotFound);
    }
    Ok(())
}

/// What an admin may change on an account.
#[derive(Debug, Clone, Default)]
pub struct UserChanges {
    /// A new name.
    pub name: Option<String>,
    /// A new role.
    pub role: Option<Role>,
}

#[derive(AsChangeset)]
#[diesel(table_name = users)]
struct UserChangeset<'a> {
    name: Option<&'a str>,
    search_name: Option<String>,
    role: Option<&'a str>,
    updated_at: NaiveDateTime,
}

/// Applies changes to an account and returns it as it now is.
pub fn update(conn: &mut AnyConnection, id: UserId, changes: &UserChanges) -> DbResult<User> {
    let changeset = UserChangeset {
        name: changes.name.as_deref(),
        search_name: changes.name.as_deref().map(fold),
        role: changes.role.map(Role::as_str),
        updated_at: Utc::now().naive_utc(),
    };
    let updated = diesel::update(users::table.find(id.to_string()))
        .set(changeset)
        .execute(conn)?;
    if updated == 0 {
        return Err(DbError::NotFound);
    }
    find(conn, id)?.ok_or(DbError::NotFound)
}

/// Disables the account (with `Some(reason)`) or enables it again (with
/// `None`). Returns it as it now is.
pub fn set_disabled(
    conn: &mut AnyConnection,
    id: UserId,
    disabled: Option<&str>,
    now: NaiveDateTime,
) -> DbResult<User> {
    let updated = diesel::update(users::table.find(id.to_string()))
        .set((
            users::disabled_at.eq(disabled.map(|_| now)),
            users::disabled_reason.eq(disabled),
            users::updated_at.eq(now),
        ))
        .execute(conn)?;
    if updated == 0 {
        return Err(DbError::NotFound);
    }
    find(conn, id)?.ok_or(DbError::NotFound)
}

/// Notes (or, with none, forgets) an address waiting for confirmation.
pub fn set_pending_email(
    conn: &mut AnyConnection,
    id: UserId,
    email: Option<&str>,
    now: NaiveDateTime,
) -> DbResult<()> {
    let updated = diesel::update(users::table.find(id.to_string()))
        .set((users::pending_email.eq(email), users::updated_at.eq(now)))
        .execute(conn)?;
    if updated == 0 {
        return Err(DbError::NotFound);
    }
    Ok(())
}

/// Gives the account this address, confirmed at `verified` (or not yet,
/// with none), and forgets any address waiting. A taken address is
/// [`DbError::UniqueViolation`].
pub fn set_email(
    conn: &mut AnyConnection,
    id: UserId,
    email: &str,
    verified: Option<NaiveDateTime>,
    now: NaiveDateTime,
) -> DbResult<User> {
    let updated = diesel::update(users::table.find(id.to_string()))
        .set((
            users::email.eq(email),
            users::email_verified_at.eq(verified),
            users::pending_email.eq(None::<String>),
            users::updated_at.eq(now),
        ))
        .execute(conn)?;
    if updated == 0 {
        return Err(DbError::NotFound);
    }
    find(conn, id)?.ok_or(DbError::NotFound)
}

/// The account with this (normalised) address, if any.
pub fn by_email(conn: &mut AnyConnection, email: &str) -> DbResult<Option<User>> {
    users::table
        .filter(users::email.eq(email))
        .select(UserRow::as_select())
        .first(conn)
        .optional()?
        .map(User::try_from)
        .transpose()
}

/// Renames an account (an import's corrected file).
pub fn set_name(
    conn: &mut AnyConnection,
    id: UserId,
    name: &str,
    now: NaiveDateTime,
) -> DbResult<()> {
    diesel::update(users::table.find(id.to_string()))
        .set((
            users::name.eq(name),
            users::search_name.eq(fold(name)),
            users::updated_at.eq(now),
        ))
        .execute(conn)?;
    Ok(())
}

/// Marks the account's address confirmed at `now`, unless it was already.
pub fn mark_verified(conn: &mut AnyConnection, id: UserId, now: NaiveDateTime) -> DbResult<()> {
    diesel::update(
        users::table
            .find(id.to_string())
            .filter(users::email_verified_at.is_null()),
    )
    .set(users::email_verified_at.eq(Some(now)))
    .execute(conn)?;
    Ok(())
}

/// Whether some account has this (normalised) address.
pub fn email_taken(conn: &mut AnyConnection, email: &str) -> DbResult<bool> {
    let count: i64 = users::table
        .filter(users::email.eq(email))
        .count()
        .get_result(conn)?;
    Ok(count > 0)
}

/// Saves (or, with none, forgets) the language the person chose.
pub fn set_language(
    conn: &mut AnyConnection,
    id: UserId,
    language: Option<Lang>,
) -> DbResult<User> {
    let updated = diesel::update(users::table.find(id.to_string()))
        .set((
            users::language.eq(language.map(Lang::code)),
            users::updated_at.eq(Utc::now().naive_utc()),
        ))
        .execute(conn)?;
    if updated == 0 {
        return Err(DbError::NotFound);
    }
    find(conn, id)?.ok_or(DbError::NotFound)
}

/// Locks every account with this role until the transaction ends (see
/// [`super::lock_owner`]): a rule about how many there are (at least one
/// admin) then holds when two changes race.
pub fn lock_role(conn: &mut AnyConnection, role: Role) -> DbResult<()> {
    let ids: Vec<String> = users::table
        .filter(users::role.eq(role.as_str()))
        .select(users::id)
        .load(conn)?;
    super::lock_rows(conn, super::Lockable::Users, ids)
}

/// How many accounts have this role.
pub fn count_with_role(conn: &mut AnyConnection, role: Role) -> DbResult<u64> {
    let count: i64 = users::table
        .filter(users::role.eq(role.as_str()))
        .count()
        .get_result(conn)?;
    Ok(u64::try_from(count).unwrap_or_default())
}

/// Every account with this role that is not disabled, by name.
pub fn enabled_with_role(conn: &mut AnyConnection, role: Role) -> DbResult<Vec<User>> {
    users::table
        .filter(users::role.eq(role.as_str()))
        .filter(users::disabled_at.is_null())
        .order((users::search_name.asc(), users::id.asc()))
        .select(UserRow::as_select())
        .load(conn)?
        .into_iter()
        .map(User::try_from)
        .collect()
}

/// How many accounts have this role and are not disabled.
pub fn count_enabled_with_role(conn: &mut AnyConnection, role: Role) -> DbResult<u64> {
    let count: i64 = users::table
        .filter(users::role.eq(role.as_str()))
        .filter(users::disabled_at.is_null())
        .count()
        .get_result(conn)?;
    Ok(u64::try_from(count).unwrap_or_default())
}

/// The admins' user list: a search over name and e-mail, a role filter, a page.
#[derive(Debug, Clone, Default)]
pub struct UserFilter {
    /// Text to find in the name or e-mail, any case.
    pub search: Option<String>,
    /// Only this role.
    pub role: Option<Role>,
    /// Page number from 1.
    pub page: u32,
    /// Page size.
    pub per_page: u32,
}

/// One page of users ordered by name, and the number of all matches.
pub fn list(conn: &mut AnyConnection, filter: &UserFilter) -> DbResult<(Vec<User>, u64)> {
    let search = filter
        .search
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|search| search_sql(conn, search, SearchIn::NameOrEmail));
    let query = || {
        let mut query = users::table.into_boxed();
        if let Some(search) = &search {
            query = query.filter(matches_search!(search));
        }
        if let Some(role) = filter.role {
            query = query.filter(users::role.eq(role.as_str()));
        }
        query
    };
    let total: i64 = query().count().get_result(conn)?;
    let offset = i64::from(filter.page.saturating_sub(1)) * i64::from(filter.per_page);
    let rows = query()
        .select(UserRow::as_select())
        .order((users::search_name.asc(), users::id.asc()))
        .limit(i64::from(filter.per_page))
        .offset(offset)
        .load(conn)?;
    let users = rows
        .into_iter()
        .map(User::try_from)
        .collect::<DbResult<Vec<_>>>()?;
    Ok((users, u64::try_from(total).unwrap_or_default()))
}

/// The SQL of [`matches_search!`]: three pieces of text around two bound
/// values, in parentheses (diesel joins filters with a bare `AND`, and an
/// `OR` inside would otherwise swallow the conditions after it). The text is
/// one of a few constants; what was typed is only ever bound.
pub struct SearchSql {
    /// The text before, between and after the bound values.
    pub sql: [&'static str; 3],
    /// The bound values.
    pub binds: [String; 2],
}

/// What a search looks in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SearchIn {
    /// The folded name and the e-mail address (staff's lists).
    NameOrEmail,
    /// The folded name only (the public registry: an address is not public).
    Name,
}

/// How to find users whose folded name (or e-mail) contains `search`, each
/// backend by its trigram index: on SQLite the FTS5 table `users_search`
/// (trigram tokenizer; a phrase of three characters or more is a substring
/// match), on PostgreSQL `LIKE`, which pg_trgm's GIN indexes answer. Shorter
/// searches, which no trigram index can answer, are a `LIKE` over the table.
pub fn search_sql(conn: &AnyConnection, search: &str, within: SearchIn) -> SearchSql {
    let name = fold(search);
    let (email_column, email) = match within {
        SearchIn::NameOrEmail => ("email", search.to_lowercase()),
        SearchIn::Name => ("search_name", name.clone()),
    };
    let trigrams = |text: &str| text.chars().count() >= 3;
    // A whole address is looked up as such, by the unique index: its
    // trigrams would include the common ones of its domain (`gma`, `com`),
    // which every other address shares.
    if within == SearchIn::NameOrEmail && is_whole_address(&email) {
        return SearchSql {
            sql: ["(users.search_name = ", " OR users.email = ", ")"],
            binds: [name, email],
        };
    }
    match conn {
        AnyConnection::Sqlite(_) if trigrams(&name) && trigrams(&email) => {
            let phrase =
                |column: &str, text: &str| format!("{column} : \"{}\"", text.replace('"', "\"\""));
            SearchSql {
                sql: [
                    "(users.rowid IN (SELECT rowid FROM users_search WHERE users_search MATCH ",
                    ") OR users.rowid IN (SELECT rowid FROM users_search WHERE users_search MATCH ",
                    "))",
                ],
                binds: [phrase("search_name", &name), phrase(email_column, &email)],
            }
        }
        _ => SearchSql {
            sql: [
                "(users.search_name LIKE ",
                match within {
                    SearchIn::NameOrEmail => " ESCAPE '\\' OR users.email LIKE ",
                    SearchIn::Name => " ESCAPE '\\' OR users.search_name LIKE ",
                },
                " ESCAPE '\\')",
            ],
            binds: [
                format!("%{}%", escape_like(&name)),
                format!("%{}%", escape_like(&email)),
            ],
        },
    }
}

/// Whether a search is a whole e-mail address (`someone@example.org`), not a
/// part of one.
fn is_whole_address(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.split('.').filter(|part| !part.is_empty()).count() >= 2
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !text.chars().any(char::is_whitespace)
}

/// Fills in the search key of accounts made before it existed (start-up;
/// idempotent: only rows whose key is still empty).
pub fn fill_search_names(conn: &mut AnyConnection) -> DbResult<usize> {
    let missing: Vec<(String, String)> = users::table
        .filter(users::search_name.eq(""))
        .filter(users::name.ne(""))
        .select((users::id, users::name))
        .load(conn)?;
    for (id, name) in &missing {
        diesel::update(users::table.find(id))
            .set(users::search_name.eq(fold(name)))
            .execute(conn)?;
    }
    Ok(missing.len())
}

/// Escapes LIKE's wildcards so a search for `50%` finds the text `50%`.
pub(crate) fn escape_like(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::escape_like;

    #[test]
    fn like_wildcards_are_escaped() {
        assert_eq!(escape_like(r"50%_a\b"), r"50\%\_a\\b");
    }
}
