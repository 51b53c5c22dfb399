//! The database layer: one connection type for SQLite and PostgreSQL, the pool,
//! the embedded migrations, and the queries (one submodule per table).
//!
//! This layer knows nothing of HTTP. Every call into it from a handler goes through
//! [`Db::run`], which runs the synchronous diesel code on actix's blocking pool,
//! never on an async worker.
//!
//! Every transaction is opened by [`write`] (`Db::transaction` and
//! `Db::attempt` call it; clippy refuses `Connection::transaction` elsewhere).
//! On SQLite it begins with `BEGIN IMMEDIATE`, so a transaction holds the one
//! write lock from its first statement, and a second writer waits for it (the
//! busy timeout) instead of failing with "database is locked" when its earlier
//! read turns into a write. Reads outside transactions keep running beside it
//! under WAL. On PostgreSQL a rule checked before a write is kept by locking
//! its owner's row first ([`lock_owner`]), or by a unique index.

/// The condition "the user's folded name or e-mail contains what was typed",
/// on `users` (alone or joined), as an expression for a query's `filter`:
/// `matches_search!(&users::search_sql(conn, "hernan"))`, which picks the
/// backend's trigram index.
macro_rules! matches_search {
    ($search:expr) => {{
        let search: &$crate::db::users::SearchSql = $search;
        diesel::dsl::sql::<diesel::sql_types::Bool>(&search.sql[0])
            .bind::<diesel::sql_types::Text, _>(search.binds[0].clone())
            .sql(&search.sql[1])
            .bind::<diesel::sql_types::Text, _>(search.binds[1].clone())
            .sql(&search.sql[2])
    }};
}

/// `$column IN (SELECT users.id FROM users WHERE <the search>)`: rows whose
/// person the search finds, the search answered first by its trigram index
/// (see [`users::search_sql`]) and the rows then by `$column`'s index, so the
/// cost follows the matches, not the table. `$column` is SQL text naming a
/// column that holds a user id.
macro_rules! person_found_by {
    ($column:expr, $search:expr) => {{
        let search: &$crate::db::users::SearchSql = $search;
        diesel::dsl::sql::<diesel::sql_types::Bool>("(")
            .sql($column)
            .sql(" IN (SELECT users.id FROM users WHERE ")
            .sql(&search.sql[0])
            .bind::<diesel::sql_types::Text, _>(search.binds[0].clone())
            .sql(&search.sql[1])
            .bind::<diesel::sql_types::Text, _>(search.binds[1].clone())
            .sql(&search.sql[2])
            .sql("))")
    }};
}

pub mod account_links;
pub mod applications;
pub mod assignments;
pub mod association_log;
pub mod audit;
pub mod credentials;
pub mod documents;
pub mod endorsements;
pub mod erasure;
pub mod exams;
pub mod health;
pub mod imports;
pub mod information;
pub mod leases;
pub mod mfa;
pub mod outbox;
pub mod payments;
pub mod platform;
pub mod portfolio;
pub mod rate_limits;
pub mod recognitions;
pub mod references;
pub mod refresh_tokens;
pub mod renewals;
pub mod reviewers;
pub mod rulebooks;
pub mod trail;
pub mod users;
pub mod worklist;

use crate::config::DatabaseUrl;
use diesel::connection::SimpleConnection;
use diesel::connection::{AnsiTransactionManager, TransactionManager};
use diesel::r2d2::{self, ManageConnection, R2D2Connection};
use diesel::Connection;
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};
use std::time::Duration;

/// One connection to whichever backend is configured. Queries are written once
/// against this type; diesel dispatches them to the backend inside.
#[derive(diesel::MultiConnection)]
pub enum AnyConnection {
    /// PostgreSQL (compiled in with the `postgres` feature).
    #[cfg(feature = "postgres")]
    Postgresql(diesel::PgConnection),
    /// SQLite, bundled: the default.
    Sqlite(diesel::SqliteConnection),
}

/// SQLite's migrations, embedded in the binary.
pub const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../migrations/sqlite");
/// PostgreSQL's migrations, embedded in the binary.
#[cfg(feature = "postgres")]
pub const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../migrations/postgres");

/// The platform's migrations on SQLite (its own file).
pub const PLATFORM_SQLITE_MIGRATIONS: EmbeddedMigrations =
    embed_migrations!("../migrations/platform/sqlite");
/// The platform's migrations on PostgreSQL (its own schema).
#[cfg(feature = "postgres")]
pub const PLATFORM_POSTGRES_MIGRATIONS: EmbeddedMigrations =
    embed_migrations!("../migrations/platform/postgres");

/// Everything that can go wrong in the database layer.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// No connection could be had from the pool.
    #[error("no database connection: {0}")]
    Pool(#[from] r2d2::PoolError),
    /// The database is there but did not let us in within the bound (SQLite's
    /// write lock held past the busy timeout, a lost PostgreSQL connection).
    #[error("the database is busy or unreachable: {0}")]
    Unavailable(String),
    /// A unique constraint refused the write.
    #[error("a unique constraint was violated: {0}")]
    UniqueViolation(String),
    /// The row asked for does not exist.
    #[error("not found")]
    NotFound,
    /// Any other database failure.
    #[error("database error: {0}")]
    Query(diesel::result::Error),
    /// A stored value could not be read back (a bug or a hand-edited database).
    #[error("corrupt stored value: {0}")]
    Corrupt(String),
    /// The blocking pool is gone (the server is shutting down).
    #[error("the blocking thread pool is unavailable")]
    Blocking,
    /// A migration failed.
    #[error("migration failed: {0}")]
    Migration(String),
    /// A guarded change found the row changed meanwhile; the transaction is rolled back.
    #[error("the record changed meanwhile")]
    Conflict,
}

impl From<diesel::result::Error> for DbError {
    fn from(error: diesel::result::Error) -> Self {
        use diesel::result::{DatabaseErrorKind, Error};
        match error {
            Error::NotFound => DbError::NotFound,
            Error::DatabaseError(DatabaseErrorKind::UniqueViolation, info) => {
                DbError::UniqueViolation(info.message().to_string())
            }
            Error::DatabaseError(DatabaseErrorKind::ClosedConnection, info) => {
                DbError::Unavailable(info.message().to_string())
            }
            // PostgreSQL gave up one of two transactions that waited on each
            // other: nothing was written, and the client may try again.
            Error::DatabaseError(DatabaseErrorKind::SerializationFailure, info) => {
                DbError::Unavailable(info.message().to_string())
            }
            // SQLite's SQLITE_BUSY and SQLITE_LOCKED, and PostgreSQL's
            // deadlock_detected, which diesel reports by their message only.
            Error::DatabaseError(_, info)
                if info.message().contains("deadlock detected")
                    || info.message().contains("lock timeout")
                    || info.message().contains("database is locked")
                    || info.message().contains("database table is locked")
                    || info.message().contains("database is busy") =>
            {
                DbError::Unavailable(info.message().to_string())
            }
            other => DbError::Query(other),
        }
    }
}

/// The result of a change guarded by a version (optimistic concurrency).
#[derive(Debug)]
pub enum Guarded<T> {
    /// Done.
    Done(T),
    /// There is no such row (for this owner).
    Missing,
    /// The stored version is another one.
    Stale {
        /// The version stored now.
        current: i64,
    },
}

/// The result of a database call.
pub type DbResult<T> = Result<T, DbError>;

/// How long a writer waits for a lock (SQLite's write lock, a PostgreSQL row
/// lock) before the request is answered 503 (Retry-After), unless
/// `Settings::database_wait_ms` says otherwise.
pub const BUSY_TIMEOUT_MS: u32 = 10_000;

/// How many values one `IN (…)` list holds at most: lookups of many rows at
/// once go in chunks of this size, well inside either backend's limit on bound
/// parameters.
pub const IN_LIST: usize = 1_000;

/// Opens connections of the configured backend and prepares each one.
#[derive(Debug, Clone)]
pub struct ConnectionFactory {
    url: DatabaseUrl,
    /// How long a statement waits for a lock before it gives up.
    wait_ms: u32,
}

impl ConnectionFactory {
    fn establish(&self) -> Result<AnyConnection, diesel::ConnectionError> {
        match &self.url {
            DatabaseUrl::Sqlite(path) => {
                let mut conn = diesel::SqliteConnection::establish(&path.to_string_lossy())?;
                // WAL lets readers run beside the one writer; the busy timeout makes
                // a second writer wait instead of failing; foreign keys are off by
                // default in SQLite.
                // `synchronous = FULL`: a commit is on disk before it is
                // acknowledged, so it survives a power loss, not only a crash.
                let setup = format!(
                    "PRAGMA busy_timeout = {}; PRAGMA journal_mode = WAL; \
                     PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;",
                    self.wait_ms
                );
                // Turning a new file to WAL takes a lock SQLite does not wait
                // for (no busy handler): a process starting beside another
                // tries again for as long as a write would wait.
                let deadline =
                    std::time::Instant::now() + Duration::from_millis(u64::from(self.wait_ms));
                loop {
                    match conn.batch_execute(&setup) {
                        Ok(()) => break,
                        Err(error)
                            if error.to_string().contains("locked")
                                && std::time::Instant::now() < deadline =>
                        {
                            std::thread::sleep(Duration::from_millis(20));
                        }
                        Err(error) => {
                            return Err(diesel::ConnectionError::CouldntSetupConfiguration(error))
                        }
                    }
                }
                Ok(AnyConnection::Sqlite(conn))
            }
            #[cfg(feature = "postgres")]
            DatabaseUrl::Postgres(url) => {
                let mut conn = diesel::PgConnection::establish(url)?;
                // A row lock waited for past the bound gives up (503), like
                // SQLite's busy timeout, instead of holding the request.
                conn.batch_execute(&format!(
                    "SET TIME ZONE 'UTC'; SET lock_timeout = {}",
                    self.wait_ms
                ))
                .map_err(diesel::ConnectionError::CouldntSetupConfiguration)?;
                Ok(AnyConnection::Postgresql(conn))
            }
            #[cfg(not(feature = "postgres"))]
            DatabaseUrl::Postgres(_) => Err(diesel::ConnectionError::InvalidConnectionUrl(
                "this build has no PostgreSQL support".into(),
            )),
        }
    }
}

impl ManageConnection for ConnectionFactory {
    type Connection = Pooled;
    type Error = r2d2::Error;

    fn connect(&self) -> Result<Self::Connection, Self::Error> {
        let conn = self.establish().map_err(r2d2::Error::ConnectionError)?;
        Ok(Pooled { conn, scope: None })
    }

    fn is_valid(&self, conn: &mut Self::Connection) -> Result<(), Self::Error> {
        conn.conn.ping().map_err(r2d2::Error::QueryError)
    }

    fn has_broken(&self, conn: &mut Self::Connection) -> bool {
        conn.conn.is_broken()
    }
}

/// A connection in the pool, and the scope (PostgreSQL schema and role) it
/// was last set to, so a checkout for the same association skips the `SET`.
pub struct Pooled {
    conn: AnyConnection,
    scope: Option<std::sync::Arc<str>>,
}

impl std::ops::Deref for Pooled {
    type Target = AnyConnection;
    fn deref(&self) -> &AnyConnection {
        &self.conn
    }
}

impl std::ops::DerefMut for Pooled {
    fn deref_mut(&mut self) -> &mut AnyConnection {
        &mut self.conn
    }
}

/// Where a checkout of a shared PostgreSQL pool points: the statements that
/// set the role and the schema, run when a connection comes out of the pool
/// last set to another scope. See [`Db::scoped`].
#[derive(Debug)]
pub struct Scope {
    key: std::sync::Arc<str>,
    sql: String,
}

impl Scope {
    /// Every statement on the connection runs in `schema` (and nowhere else:
    /// the search path holds only it) as `role`, or as the login role when
    /// `role` is `None`. Both are checked identifiers (see
    /// [`crate::tenancy`]).
    pub fn new(schema: &str, role: Option<&str>) -> Self {
        let role_sql = match role {
            Some(role) => format!("SET ROLE \"{role}\""),
            None => "RESET ROLE".to_string(),
        };
        let sql = format!("{role_sql}; SET search_path TO \"{schema}\"");
        Self {
            key: sql.clone().into(),
            sql,
        }
    }
}

/// A pool of connections: cheap to clone, shared by every request. On
/// PostgreSQL one pool serves every association, each `Db` handle scoped to
/// one of them ([`Db::scoped`]); on SQLite each association has a file and a
/// pool of its own.
#[derive(Clone)]
pub struct Db {
    pool: r2d2::Pool<ConnectionFactory>,
    scope: Option<std::sync::Arc<Scope>>,
}

impl Db {
    /// Connects to the database. SQLite gets a small pool (one writer at a time
    /// anyway); PostgreSQL a larger one.
    pub fn connect(url: &DatabaseUrl) -> anyhow::Result<Self> {
        Self::connect_waiting(url, BUSY_TIMEOUT_MS)
    }

    /// [`Db::connect`], with a statement waiting at most `wait_ms` for a lock
    /// (SQLite's write lock, a PostgreSQL row lock) before the request is
    /// answered 503.
    pub fn connect_waiting(url: &DatabaseUrl, wait_ms: u32) -> anyhow::Result<Self> {
        // SQLite: a small pool per association (one writer at a time anyway),
        // kept open one connection at rest, since a deployment may have forty.
        let (max_size, min_idle) = match url {
            DatabaseUrl::Sqlite(_) => (8, 1),
            DatabaseUrl::Postgres(_) => (32, 4),
        };
        let factory = ConnectionFactory {
            url: url.clone(),
            wait_ms,
        };
        // One connection first, so a wrong URL fails at once with its own words
        // instead of after the pool's retries.
        factory.establish().map_err(|error| {
            anyhow::anyhow!("ENDORSE_DATABASE_URL: cannot connect to {url:?}: {error}")
        })?;
        let pool = r2d2::Pool::builder()
            .max_size(max_size)
            .min_idle(Some(min_idle))
            .connection_timeout(Duration::from_secs(10))
            .build(factory)
            .map_err(|error| {
                anyhow::anyhow!("ENDORSE_DATABASE_URL: cannot connect to {url:?}: {error}")
            })?;
        Ok(Self { pool, scope: None })
    }

    /// This pool, with every checkout set to `scope` first (PostgreSQL).
    pub fn scoped(&self, scope: Scope) -> Self {
        Self {
            pool: self.pool.clone(),
            scope: Some(std::sync::Arc::new(scope)),
        }
    }

    /// A connection for start-up work and the command line (blocking).
    pub fn get(&self) -> DbResult<r2d2::PooledConnection<ConnectionFactory>> {
        checkout(&self.pool, self.scope.as_deref())
    }

    /// Runs `work` with a pooled connection on the blocking thread pool.
    pub async fn run<T, F>(&self, work: F) -> DbResult<T>
    where
        F: FnOnce(&mut AnyConnection) -> DbResult<T> + Send + 'static,
        T: Send + 'static,
    {
        let pool = self.pool.clone();
        let scope = self.scope.clone();
        let lang = crate::locale::current();
        actix_web::web::block(move || {
            crate::locale::within(lang, || {
                let mut conn = checkout(&pool, scope.as_deref())?;
                work(&mut conn)
            })
        })
        .await
        .map_err(|_| DbError::Blocking)?
    }

    /// Runs `work` inside one transaction on the blocking thread pool.
    pub async fn transaction<T, F>(&self, work: F) -> DbResult<T>
    where
        F: FnOnce(&mut AnyConnection) -> DbResult<T> + Send + 'static,
        T: Send + 'static,
    {
        self.run(move |conn| write(conn, work)).await
    }

    /// Runs `work` inside one transaction that commits only when it succeeds:
    /// a refusal (`Ok(Err(_))`, e.g. a 409 found after a first write) rolls
    /// back everything written before it and is returned as it is.
    pub async fn attempt<T, E, F>(&self, work: F) -> DbResult<Result<T, E>>
    where
        F: FnOnce(&mut AnyConnection) -> DbResult<Result<T, E>> + Send + 'static,
        T: Send + 'static,
        E: Send + 'static,
    {
        self.run(move |conn| {
            let outcome = write::<T, Rollback<E>, _>(conn, |conn| match work(conn) {
                Ok(Ok(value)) => Ok(value),
                Ok(Err(refusal)) => Err(Rollback::Refused(refusal)),
                Err(error) => Err(Rollback::Failed(error)),
            });
            match outcome {
                Ok(value) => Ok(Ok(value)),
                Err(Rollback::Refused(refusal)) => Ok(Err(refusal)),
                Err(Rollback::Failed(error)) => Err(error),
            }
        })
        .await
    }
}

/// A connection from `pool`, set to `scope` unless it already is.
fn checkout(
    pool: &r2d2::Pool<ConnectionFactory>,
    scope: Option<&Scope>,
) -> DbResult<r2d2::PooledConnection<ConnectionFactory>> {
    let mut conn = pool.get()?;
    if let Some(scope) = scope {
        if conn.scope.as_deref() != Some(&*scope.key) {
            conn.scope = None;
            conn.conn.batch_execute(&scope.sql)?;
            conn.scope = Some(scope.key.clone());
        }
    }
    Ok(conn)
}

/// Why [`Db::attempt`] rolled back.
enum Rollback<E> {
    Refused(E),
    Failed(DbError),
}

impl<E> From<diesel::result::Error> for Rollback<E> {
    fn from(error: diesel::result::Error) -> Self {
        Rollback::Failed(error.into())
    }
}

/// Runs `work` in one transaction that commits when it returns `Ok` and rolls
/// back otherwise. At the top level on SQLite it begins `IMMEDIATE`: the write
/// lock is taken (or waited for, up to [`BUSY_TIMEOUT_MS`]) before the first
/// read, so what the transaction read still holds when it writes. Inside
/// another transaction it is a savepoint.
pub fn write<T, E, F>(conn: &mut AnyConnection, work: F) -> Result<T, E>
where
    F: FnOnce(&mut AnyConnection) -> Result<T, E>,
    E: From<diesel::result::Error>,
{
    type Manager = <AnyConnection as Connection>::TransactionManager;
    let began = match conn {
        AnyConnection::Sqlite(inner) => {
            AnsiTransactionManager::begin_transaction_sql(inner, "BEGIN IMMEDIATE")
        }
        #[cfg(feature = "postgres")]
        AnyConnection::Postgresql(_) => Err(diesel::result::Error::AlreadyInTransaction),
    };
    match began {
        Ok(()) => {}
        // Nested, or PostgreSQL: diesel's own BEGIN or SAVEPOINT.
        #[allow(clippy::disallowed_methods)]
        Err(diesel::result::Error::AlreadyInTransaction) => return conn.transaction(work),
        Err(error) => return Err(error.into()),
    }
    match work(conn) {
        Ok(value) => {
            Manager::commit_transaction(conn)?;
            Ok(value)
        }
        Err(user_error) => match Manager::rollback_transaction(conn) {
            Ok(()) | Err(diesel::result::Error::BrokenTransactionManager) => Err(user_error),
            Err(rollback_error) => Err(rollback_error.into()),
        },
    }
}

/// Locks the row of the person whose records a transaction is about to check
/// and change, until it ends: on PostgreSQL `SELECT … FOR UPDATE`, so two
/// transactions for the same person run one after the other and a rule
/// checked before a write (no duplicate entry, at most 24 hours of RSC a day,
/// one open renewal) holds when they race. On SQLite the transaction already
/// holds the database's one write lock ([`write`]), so there is nothing more
/// to take. Call it first in the transaction, before reading what is checked.
pub fn lock_owner(conn: &mut AnyConnection, owner: endorse_shared::UserId) -> DbResult<()> {
    lock_rows(conn, Lockable::Users, vec![owner.to_string()])
}

/// The tables whose rows a transaction locks before it checks and changes
/// what hangs off them. A person is locked before their own applications (a
/// portfolio change writes to their audit logs); an application before its
/// reviewers (assignment checks their load). Two transactions that still wait
/// on each other are ended by PostgreSQL's deadlock check: one answers 503,
/// with nothing written.
#[derive(Debug, Clone, Copy)]
pub enum Lockable {
    /// An application: its status, reviewers and exam.
    Applications,
    /// A person: their portfolio, documents, references and renewals.
    Users,
    /// An import: how far its writing got.
    Imports,
}

/// Locks rows by id, in the order of their ids, until the transaction ends
/// (see [`lock_owner`]).
pub fn lock_rows(conn: &mut AnyConnection, table: Lockable, mut ids: Vec<String>) -> DbResult<()> {
    ids.sort();
    ids.dedup();
    match conn {
        AnyConnection::Sqlite(_) => {
            let _ = (table, ids);
            Ok(())
        }
        #[cfg(feature = "postgres")]
        AnyConnection::Postgresql(pg) => {
            use diesel::RunQueryDsl;
            let sql = match table {
                Lockable::Applications => {
                    "SELECT id FROM applications WHERE id = ANY($1) ORDER BY id FOR UPDATE"
                }
                Lockable::Users => "SELECT id FROM users WHERE id = ANY($1) ORDER BY id FOR UPDATE",
                Lockable::Imports => {
                    "SELECT id FROM imports WHERE id = ANY($1) ORDER BY id FOR UPDATE"
                }
            };
            diesel::sql_query(sql)
                .bind::<diesel::sql_types::Array<diesel::sql_types::Text>, _>(ids)
                .execute(pg)?;
            Ok(())
        }
    }
}

/// Applies every pending migration of the connection's backend.
pub fn run_migrations(conn: &mut AnyConnection) -> DbResult<usize> {
    match conn {
        AnyConnection::Sqlite(_) => sqlite_pending(conn, SQLITE_MIGRATIONS),
        #[cfg(feature = "postgres")]
        AnyConnection::Postgresql(conn) => conn
            .run_pending_migrations(POSTGRES_MIGRATIONS)
            .map(|applied| applied.len())
            .map_err(|error| DbError::Migration(error.to_string())),
    }
}

/// Applies every pending migration of the platform database.
pub fn run_platform_migrations(conn: &mut AnyConnection) -> DbResult<usize> {
    match conn {
        AnyConnection::Sqlite(_) => sqlite_pending(conn, PLATFORM_SQLITE_MIGRATIONS),
        #[cfg(feature = "postgres")]
        AnyConnection::Postgresql(conn) => conn
            .run_pending_migrations(PLATFORM_POSTGRES_MIGRATIONS)
            .map(|applied| applied.len())
            .map_err(|error| DbError::Migration(error.to_string())),
    }
}

/// Runs SQLite's pending migrations in one `IMMEDIATE` transaction (each
/// migration a savepoint in it), so processes starting together on a new
/// file take turns: the second finds nothing pending instead of making the
/// same tables again. (On PostgreSQL the set-up lock of
/// [`crate::tenancy`] orders them.)
fn sqlite_pending(conn: &mut AnyConnection, migrations: EmbeddedMigrations) -> DbResult<usize> {
    write::<_, DbError, _>(conn, |conn| match conn {
        AnyConnection::Sqlite(sqlite) => sqlite
            .run_pending_migrations(migrations)
            .map(|applied| applied.len())
            .map_err(|error| DbError::Migration(error.to_string())),
        #[cfg(feature = "postgres")]
        AnyConnection::Postgresql(_) => Err(DbError::Corrupt("not a SQLite database".into())),
    })
}

/// Reverts every applied migration, newest first (used by the migration test).
pub fn revert_all_migrations(conn: &mut AnyConnection) -> DbResult<usize> {
    let reverted = match conn {
        AnyConnection::Sqlite(conn) => conn.revert_all_migrations(SQLITE_MIGRATIONS),
        #[cfg(feature = "postgres")]
        AnyConnection::Postgresql(conn) => conn.revert_all_migrations(POSTGRES_MIGRATIONS),
    }
    .map_err(|error| DbError::Migration(error.to_string()))?;
    Ok(reverted.len())
}

/// Answers whether the database responds (for `/readyz`).
pub fn ping(conn: &mut AnyConnection) -> DbResult<()> {
    conn.ping()?;
    Ok(())
}
