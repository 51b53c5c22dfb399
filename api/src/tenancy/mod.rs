//! Associations, apart: where each association's records are, how a request
//! finds its association, and the one way a handler reaches a database.
//!
//! Every association has a database of its own: on SQLite a file
//! (`associations/{code}.db` beside the main file), on PostgreSQL a schema
//! (`association_{code}`) in the one database, reached through the one pool
//! with every checkout set to that schema's search path and that
//! association's own role, which holds privileges on its schema and nothing
//! else. The association a deployment had before associations existed keeps
//! its records where they were (the main file, the `public` schema), so an
//! upgrade moves nothing. The platform's own table (which associations
//! there are) lives apart too: `platform.db`, the `endorse_platform` schema.
//!
//! A handler reaches records only through a [`Tenant`], which
//! [`resolve`] builds for each request from its host name or its
//! `/a/{code}/` path before any route runs; `AppState` has no database.
//! Queries need no `WHERE association = …` to forget: there is nothing else
//! in the database they run against. On PostgreSQL the role is the second
//! wall: a query that somehow named another association's schema is refused
//! by the server.

mod context;
pub mod operators;
pub mod recognition;
pub mod settings;
pub mod shared_registry;

pub use context::{resolve, Tenant};

use crate::clock::Clock;
use crate::config::{DatabaseUrl, Settings};
use crate::db::platform::{self, Association};
use crate::db::{self, Db, DbError, Scope};
use anyhow::Context as _;
use endorse_shared::i18n::Text;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::RwLock;

/// The PostgreSQL schema of the platform's own tables.
pub const PLATFORM_SCHEMA: &str = "endorse_platform";

/// The associations a deployment serves and the databases of each.
pub struct Associations {
    platform: Db,
    backend: Backend,
    /// Each association's handle, by storage, opened on first use.
    open: RwLock<HashMap<String, Db>>,
    wait_ms: u32,
}

enum Backend {
    Sqlite {
        /// The main file (the first association's records).
        main: PathBuf,
    },
    Postgres {
        /// The one pool, unscoped.
        shared: Db,
        /// What each association's role is called before its code, or none
        /// when the login role may not make roles (then the search path alone
        /// scopes, and start-up says so).
        role_prefix: Option<String>,
    },
}

/// Where one association's records are, resolved from its `storage`.
enum Place {
    File(PathBuf),
    Schema(String),
}

impl Associations {
    /// Connects to the platform database and brings it up to date.
    pub fn open(settings: &Settings) -> anyhow::Result<Self> {
        let wait_ms = settings.database_wait_ms;
        let mut set_up = SetUpLock(None);
        let (platform, backend) = match &settings.database {
            DatabaseUrl::Sqlite(main) => {
                let platform = Db::connect_waiting(
                    &DatabaseUrl::Sqlite(sibling(main, "platform.db")),
                    wait_ms,
                )?;
                (platform, Backend::Sqlite { main: main.clone() })
            }
            DatabaseUrl::Postgres(_) => {
                let shared = Db::connect_waiting(&settings.database, wait_ms)?;
                set_up = SetUpLock::postgres(&shared)?;
                let role_prefix = postgres_role_prefix(&shared)?;
                {
                    use diesel::connection::SimpleConnection;
                    let mut conn = shared.get()?;
                    conn.batch_execute(&format!("CREATE SCHEMA IF NOT EXISTS {PLATFORM_SCHEMA}"))
                        .context("cannot make the platform's schema")?;
                }
                let platform = shared.scoped(Scope::new(PLATFORM_SCHEMA, None));
                (
                    platform,
                    Backend::Postgres {
                        shared,
                        role_prefix,
                    },
                )
            }
        };
        let applied = db::run_platform_migrations(&mut *platform.get()?)
            .context("cannot migrate the platform database")?;
        drop(set_up);
        if applied > 0 {
            tracing::info!(applied, "platform migrations applied");
        }
        if let Backend::Postgres {
            role_prefix: None, ..
        } = &backend
        {
            tracing::warn!(
                "the PostgreSQL user may not create roles (CREATEROLE): associations are kept \
                 apart by their schemas only, without a role of their own each"
            );
        }
        Ok(Self {
            platform,
            backend,
            open: RwLock::new(HashMap::new()),
            wait_ms,
        })
    }

    /// The platform database (which associations there are).
    pub fn platform(&self) -> &Db {
        &self.platform
    }

    /// Where a new association with this code keeps its records.
    pub fn storage_for(&self, code: &str) -> String {
        match self.backend {
            Backend::Sqlite { .. } => format!("associations/{code}.db"),
            Backend::Postgres { .. } => format!("association_{code}"),
        }
    }

    fn place(&self, storage: &str) -> Place {
        match &self.backend {
            Backend::Sqlite { main } if storage.is_empty() => Place::File(main.clone()),
            Backend::Sqlite { main } => Place::File(sibling(main, storage)),
            Backend::Postgres { .. } if storage.is_empty() => Place::Schema("public".into()),
            Backend::Postgres { .. } => Place::Schema(storage.to_string()),
        }
    }

    /// The role of an association (PostgreSQL, when roles can be made).
    fn role(&self, code: &str) -> Option<String> {
        match &self.backend {
            Backend::Postgres {
                role_prefix: Some(prefix),
                ..
            } => Some(format!("{prefix}_{code}")),
            _ => None,
        }
    }

    /// The handle requests of `association` use: its file's pool, or the
    /// shared pool scoped to its schema and role.
    pub fn db(&self, association: &Association) -> db::DbResult<Db> {
        if let Some(db) = self
            .open
            .read()
            .map_err(|_| DbError::Corrupt("the association pools' lock is poisoned".into()))?
            .get(&association.storage)
        {
            return Ok(db.clone());
        }
        let db = match (self.place(&association.storage), &self.backend) {
            (Place::File(path), _) => Db::connect_waiting(&DatabaseUrl::Sqlite(path), self.wait_ms)
                .map_err(|error| DbError::Unavailable(format!("{error:#}")))?,
            (Place::Schema(schema), Backend::Postgres { shared, .. }) => {
                shared.scoped(Scope::new(&schema, self.role(&association.code).as_deref()))
            }
            (Place::Schema(_), Backend::Sqlite { .. }) => {
                return Err(DbError::Corrupt("a schema on SQLite".into()))
            }
        };
        let mut open = self
            .open
            .write()
            .map_err(|_| DbError::Corrupt("the association pools' lock is poisoned".into()))?;
        Ok(open
            .entry(association.storage.clone())
            .or_insert(db)
            .clone())
    }

    /// Makes an association's storage if it is new and brings it up to date:
    /// migrations (as the owner), its role and grants (PostgreSQL), the
    /// default rulebook, the signing key and stored search names. Runs at
    /// start-up for every association and before a new one is listed, so a
    /// request never meets a half-made one.
    pub fn prepare(
        &self,
        association: &Association,
        settings: &Settings,
        clock: &dyn Clock,
    ) -> anyhow::Result<()> {
        let code = &association.code;
        let _set_up = SetUpLock::take(&self.backend)?;
        let owner = match (self.place(&association.storage), &self.backend) {
            (Place::File(path), _) => {
                if let Some(dir) = path.parent() {
                    std::fs::create_dir_all(dir).with_context(|| {
                        format!("cannot make the directory of {}", path.display())
                    })?;
                }
                self.db(association)?
            }
            (Place::Schema(schema), Backend::Postgres { shared, .. }) => {
                use diesel::connection::SimpleConnection;
                shared
                    .get()?
                    .batch_execute(&format!("CREATE SCHEMA IF NOT EXISTS \"{schema}\""))
                    .with_context(|| format!("association {code}: cannot make its schema"))?;
                shared.scoped(Scope::new(&schema, None))
            }
            (Place::Schema(_), Backend::Sqlite { .. }) => anyhow::bail!("a schema on SQLite"),
        };
        let mut conn = owner.get()?;
        let applied = db::run_migrations(&mut conn)
            .with_context(|| format!("association {code}: cannot migrate its database"))?;
        if applied > 0 {
            tracing::info!(association = %code, applied, "database migrations applied");
        }
        if let (Place::Schema(schema), Some(role)) =
            (self.place(&association.storage), self.role(code))
        {
            use diesel::connection::SimpleConnection;
            conn.batch_execute(&grants(&schema, &role))
                .with_context(|| format!("association {code}: cannot give its role its rights"))?;
        }
        // What is checked, then written, in one transaction: on SQLite it
        // holds the write lock, so processes starting together take turns.
        db::write::<_, anyhow::Error, _>(&mut conn, |conn| {
            db::users::fill_search_names(conn)
                .with_context(|| format!("association {code}: cannot fill in search names"))?;
            db::rulebooks::ensure_default(conn).with_context(|| {
                format!("association {code}: cannot publish the default rulebook")
            })?;
            issuer_of(settings, association)
                .ensure_key(conn, clock.now())
                .with_context(|| format!("association {code}: cannot prepare its signing key"))?;
            Ok(())
        })
    }

    /// Every association, prepared (start-up); the deployment's first
    /// association is made from the settings when there is none, with the
    /// records already in the main database.
    pub fn prepare_all(
        &self,
        settings: &Settings,
        clock: &dyn Clock,
    ) -> anyhow::Result<Vec<Association>> {
        let mut conn = self.platform.get()?;
        if platform::list(&mut conn)?.is_empty() {
            let first = first_association(settings, clock);
            if platform::insert_if_absent(&mut conn, &first)? {
                tracing::info!(association = %first.code, "the deployment's first association was made");
            }
        }
        let all = platform::list(&mut conn)?;
        drop(conn);
        for association in &all {
            self.prepare(association, settings, clock)?;
        }
        Ok(all)
    }

    /// Makes a new association: checks what it is given, makes and
    /// migrates its storage, and only then lists it, so no request meets it
    /// half made. Its mail and colours start from the deployment's; its
    /// admins set them up.
    pub fn create(
        &self,
        new: &NewAssociation,
        settings: &Settings,
        clock: &dyn Clock,
    ) -> Result<Association, CreateError> {
        use endorse_shared::associations::{is_code, is_host, CODE_MAX_CHARS};
        let code = new.code.trim().to_string();
        if !is_code(&code) {
            return Err(CreateError::Invalid(
                "code",
                Text::new("association-code-rule")
                    .with("code", code.clone())
                    .with("max", CODE_MAX_CHARS.to_string()),
            ));
        }
        let name = new.name.trim().to_string();
        if name.is_empty() || name.chars().count() > 120 || name.chars().any(char::is_control) {
            return Err(CreateError::Invalid(
                "name",
                Text::new("association-name-rule"),
            ));
        }
        let host = new.host.as_deref().map(|h| h.trim().to_ascii_lowercase());
        if let Some(host) = &host {
            if !is_host(host) {
                return Err(CreateError::Invalid(
                    "host",
                    Text::new("association-host-rule").with("host", host),
                ));
            }
        }
        let time_zone = new.time_zone.trim().to_string();
        if time_zone.parse::<chrono_tz::Tz>().is_err() {
            return Err(CreateError::Invalid(
                "time_zone",
                Text::new("association-time-zone-rule").with("zone", time_zone),
            ));
        }
        let now = clock.now().naive_utc();
        let mail_from = format!(
            "{code}@{}",
            settings
                .mail
                .from
                .rsplit_once('@')
                .map_or("endorse.localhost", |(_, domain)| domain)
        );
        let association = Association {
            storage: self.storage_for(&code),
            code: code.clone(),
            host,
            is_default: false,
            time_zone,
            currency: "USD".into(),
            language: "en".into(),
            primary_colour: DEFAULT_PRIMARY.into(),
            accent_colour: DEFAULT_ACCENT.into(),
            logo: None,
            mail_reply_to: mail_from.clone(),
            mail_from,
            mail_signature: format!("The {name} endorsement team"),
            name,
            smtp_url_sealed: None,
            registry_shared: false,
            version: 1,
            created_at: now,
            updated_at: now,
        };
        {
            let mut conn = self.platform.get()?;
            if platform::by_code(&mut conn, &code)?.is_some() {
                return Err(CreateError::Taken(
                    "code",
                    Text::new("association-code-taken").with("code", code),
                ));
            }
            if let Some(host) = &association.host {
                if platform::by_host(&mut conn, host)?.is_some() {
                    return Err(CreateError::Taken(
                        "host",
                        Text::new("association-host-taken").with("host", host),
                    ));
                }
            }
        }
        self.prepare(&association, settings, clock)
            .map_err(CreateError::Storage)?;
        match platform::insert(&mut *self.platform.get()?, &association) {
            Ok(()) => Ok(association),
            Err(DbError::UniqueViolation(_)) => Err(CreateError::Taken(
                "code",
                Text::new("association-taken-meanwhile").with("code", code),
            )),
            Err(other) => Err(other.into()),
        }
    }

    /// Every association (the worker's rounds).
    pub fn list(&self) -> db::DbResult<Vec<Association>> {
        platform::list(&mut *self.platform.get()?)
    }

    /// What this database's association roles are called before their code
    /// (PostgreSQL with roles), for tests that clean the cluster up.
    pub fn role_prefix(&self) -> Option<&str> {
        match &self.backend {
            Backend::Postgres { role_prefix, .. } => role_prefix.as_deref(),
            Backend::Sqlite { .. } => None,
        }
    }
}

/// Held while this process sets up storage (migrations, roles, grants). On
/// PostgreSQL it is a session advisory lock, so processes starting together
/// on one database take turns: two runs of the migrations would race to
/// make the same table, and two GRANTs on one object at once fail ("tuple
/// concurrently updated"). Released when dropped, or by PostgreSQL when
/// the process dies. On SQLite each file's write lock orders them already.
struct SetUpLock(Option<diesel::r2d2::PooledConnection<db::ConnectionFactory>>);

/// The advisory lock's key: "endorse" and "set-up", as a number.
const SET_UP_LOCK: i64 = 0x656e_646f_7273_6501;

impl SetUpLock {
    fn take(backend: &Backend) -> anyhow::Result<Self> {
        match backend {
            Backend::Postgres { shared, .. } => Self::postgres(shared),
            Backend::Sqlite { .. } => Ok(Self(None)),
        }
    }

    fn postgres(shared: &Db) -> anyhow::Result<Self> {
        use diesel::connection::SimpleConnection;
        let mut conn = shared.get()?;
        conn.batch_execute(&format!("SELECT pg_advisory_lock({SET_UP_LOCK})"))
            .context("cannot take the set-up lock")?;
        Ok(Self(Some(conn)))
    }
}

impl Drop for SetUpLock {
    fn drop(&mut self) {
        use diesel::connection::SimpleConnection;
        if let Some(conn) = &mut self.0 {
            if let Err(error) =
                conn.batch_execute(&format!("SELECT pg_advisory_unlock({SET_UP_LOCK})"))
            {
                tracing::warn!(%error, "the set-up lock could not be released; its session ends it");
            }
        }
    }
}

/// What an association starts with.
#[derive(Debug, Clone)]
pub struct NewAssociation {
    /// Its code.
    pub code: String,
    /// Its name.
    pub name: String,
    /// Its own host name, or none (then `/a/{code}/`).
    pub host: Option<String>,
    /// The IANA time zone of its days.
    pub time_zone: String,
}

/// Why an association could not be made.
#[derive(Debug, thiserror::Error)]
pub enum CreateError {
    /// A value is not acceptable: the field and why.
    #[error("{0}: {1}")]
    Invalid(&'static str, Text),
    /// The code or host is another association's.
    #[error("{0}: {1}")]
    Taken(&'static str, Text),
    /// Its storage could not be made.
    #[error("{0:#}")]
    Storage(anyhow::Error),
    /// The platform database failed.
    #[error(transparent)]
    Db(#[from] DbError),
}

/// `name` in the directory of `file`.
/// Every database file of a SQLite deployment whose main file is `main`:
/// that one, the platform's beside it, and each association's own.
pub fn sqlite_files(main: &std::path::Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut files = vec![main.to_path_buf()];
    let platform = sibling(main, "platform.db");
    if platform.is_file() {
        let db = Db::connect(&DatabaseUrl::Sqlite(platform.clone()))?;
        let associations = db::platform::list(&mut *db.get()?)?;
        files.push(platform);
        for association in associations {
            if !association.storage.is_empty() {
                let file = sibling(main, &association.storage);
                if file.is_file() && !files.contains(&file) {
                    files.push(file);
                }
            }
        }
    }
    Ok(files)
}

fn sibling(file: &std::path::Path, name: &str) -> PathBuf {
    file.parent()
        .map_or_else(|| PathBuf::from(name), |dir| dir.join(name))
}

/// The prefix of association roles in this PostgreSQL database, when the
/// login role may make roles. Roles belong to the cluster, so the prefix
/// carries a hash of the database's name: two deployments (or two test
/// databases) on one cluster never share a role.
fn postgres_role_prefix(shared: &Db) -> anyhow::Result<Option<String>> {
    use diesel::sql_types::{Bool, Text};
    use diesel::RunQueryDsl;
    #[derive(diesel::QueryableByName)]
    struct Facts {
        #[diesel(sql_type = Text)]
        database: String,
        #[diesel(sql_type = Bool)]
        may_create_roles: bool,
    }
    let mut conn = shared.get()?;
    let facts: Facts = diesel::sql_query(
        "SELECT current_database()::text AS database, \
         (rolsuper OR rolcreaterole) AS may_create_roles \
         FROM pg_roles WHERE rolname = current_user",
    )
    .get_result(&mut **conn)
    .context("cannot read the PostgreSQL user's rights")?;
    Ok(facts
        .may_create_roles
        .then(|| role_prefix_for(&facts.database)))
}

/// The role prefix of the database named `database`.
pub fn role_prefix_for(database: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(database.as_bytes());
    let tag: String = digest[..5].iter().map(|b| format!("{b:02x}")).collect();
    format!("endorse_{tag}")
}

/// The statements that make `role` (if it is new) and give it the use of
/// `schema`'s tables and nothing else. The login role becomes a member, so
/// it may `SET ROLE` to it.
fn grants(schema: &str, role: &str) -> String {
    format!(
        "DO $$ BEGIN CREATE ROLE \"{role}\" NOLOGIN; \
         EXCEPTION WHEN duplicate_object THEN NULL; END $$; \
         GRANT \"{role}\" TO CURRENT_USER; \
         GRANT USAGE ON SCHEMA \"{schema}\" TO \"{role}\"; \
         GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA \"{schema}\" TO \"{role}\"; \
         GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA \"{schema}\" TO \"{role}\";"
    )
}

/// The issuer of an association.
pub fn issuer_of(settings: &Settings, association: &Association) -> crate::issuer::Issuer {
    crate::issuer::Issuer::new(
        &settings.signing_key_secret,
        &public_url(settings, association),
        (&association.name, &association.mail_reply_to),
        crate::calendar::Calendar::new(&association.time_zone),
    )
}

/// Where people reach an association: its own host (on the deployment's
/// scheme and port), or `/a/{code}` on the deployment's address; the
/// default association without a host of its own is the bare address.
pub fn public_url(settings: &Settings, association: &Association) -> String {
    let deployment = settings.public_url.trim_end_matches('/');
    match &association.host {
        Some(host) => {
            let (scheme, rest) = deployment
                .split_once("://")
                .unwrap_or(("https", deployment));
            let authority = rest.split('/').next().unwrap_or(rest);
            let port = authority
                .rsplit_once(':')
                .filter(|(_, port)| port.chars().all(|c| c.is_ascii_digit()))
                .map_or(String::new(), |(_, port)| format!(":{port}"));
            format!("{scheme}://{host}{port}")
        }
        None => format!("{deployment}{}", base_path(association)),
    }
}

/// The path an association's app and API live under on its address.
pub fn base_path(association: &Association) -> String {
    if association.host.is_some() || association.is_default {
        String::new()
    } else {
        format!("/a/{}", association.code)
    }
}

/// The deployment's first association, from the settings it ran with
/// before there were associations.
fn first_association(settings: &Settings, clock: &dyn Clock) -> Association {
    let now = clock.now().naive_utc();
    Association {
        code: settings.association_code.clone(),
        name: settings.mail.association_name.clone(),
        host: None,
        storage: String::new(),
        is_default: true,
        time_zone: settings.time_zone.clone(),
        currency: "USD".into(),
        language: "en".into(),
        primary_colour: DEFAULT_PRIMARY.into(),
        accent_colour: DEFAULT_ACCENT.into(),
        logo: None,
        mail_from: settings.mail.from.clone(),
        mail_reply_to: settings.mail.reply_to.clone(),
        mail_signature: settings.mail.signature.clone(),
        smtp_url_sealed: None,
        registry_shared: false,
        version: 1,
        created_at: now,
        updated_at: now,
    }
}

/// The app's own colours, for an association that has not chosen.
pub const DEFAULT_PRIMARY: &str = "#1f5f5b";
/// The app's second colour.
pub const DEFAULT_ACCENT: &str = "#154441";
