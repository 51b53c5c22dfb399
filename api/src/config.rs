//! Settings: read once at start-up from the environment (and command-line flags),
//! validated, then passed down explicitly. Nothing here is global or mutable.
//!
//! A bad value stops start-up with a message that names the variable.

use anyhow::{bail, Context};
use clap::Args;
use rand::RngCore;
use std::fmt;
use std::fs;
use std::io::Write;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

/// The raw configuration: every option is a flag with an `ENDORSE_*` variable behind
/// it. `Settings::from_args` turns it into checked settings.
#[derive(Args, Debug, Clone, Default)]
pub struct ConfigArgs {
    /// Address and port to listen on [env: ENDORSE_BIND] [default: 127.0.0.1:8080]
    #[arg(long, env = "ENDORSE_BIND", global = true, hide_env = true)]
    pub bind: Option<String>,
    /// Directory for the SQLite database and generated secrets [env: ENDORSE_DATA_DIR] [default: ./data]
    #[arg(long, env = "ENDORSE_DATA_DIR", global = true, hide_env = true)]
    pub data_dir: Option<PathBuf>,
    /// Database URL: a SQLite file path (or sqlite://path), or postgres://... [env: ENDORSE_DATABASE_URL] [default: <data dir>/endorse.db]
    #[arg(long, env = "ENDORSE_DATABASE_URL", global = true, hide_env = true)]
    pub database_url: Option<String>,
    /// Directory of the built single-page app [env: ENDORSE_STATIC_DIR] [default: ./frontend/dist]
    #[arg(long, env = "ENDORSE_STATIC_DIR", global = true, hide_env = true)]
    pub static_dir: Option<PathBuf>,
    /// Secret that signs access tokens, at least 32 bytes [env: ENDORSE_JWT_SECRET] [default: generated into the data dir]
    #[arg(long, env = "ENDORSE_JWT_SECRET", global = true, hide_env = true)]
    pub jwt_secret: Option<String>,
    /// Secret that seals the credential signing keys kept in the database, at least 32 bytes [env: ENDORSE_SIGNING_KEY_SECRET] [default: generated into the data dir]
    #[arg(
        long,
        env = "ENDORSE_SIGNING_KEY_SECRET",
        global = true,
        hide_env = true
    )]
    pub signing_key_secret: Option<String>,
    /// The address people use to reach Endorse; https:// makes cookies Secure [env: ENDORSE_PUBLIC_URL] [default: http://<bind>]
    #[arg(long, env = "ENDORSE_PUBLIC_URL", global = true, hide_env = true)]
    pub public_url: Option<String>,
    /// Where uploaded documents are kept: a directory (or file://dir), or memory:// [env: ENDORSE_DOCUMENT_STORE] [default: <data dir>/documents]
    #[arg(long, env = "ENDORSE_DOCUMENT_STORE", global = true, hide_env = true)]
    pub document_store: Option<String>,
    /// E-mail of the admin created on first start when there is none [env: ENDORSE_ADMIN_EMAIL] [default: admin@endorse.localhost]
    #[arg(long, env = "ENDORSE_ADMIN_EMAIL", global = true, hide_env = true)]
    pub admin_email: Option<String>,
    /// Mail server: smtp://[user:pass@]host[:port][?tls=required], or smtps://...; unset writes mail to the log and the admins' outbox page [env: ENDORSE_SMTP_URL]
    #[arg(long, env = "ENDORSE_SMTP_URL", global = true, hide_env = true)]
    pub smtp_url: Option<String>,
    /// The association's name, used in every e-mail and on the referee's page [env: ENDORSE_ASSOCIATION_NAME] [default: Endorsement Association]
    #[arg(long, env = "ENDORSE_ASSOCIATION_NAME", global = true, hide_env = true)]
    pub association_name: Option<String>,
    /// The short code of the deployment's first association, made on first start (or on the upgrade of a deployment made before associations) [env: ENDORSE_ASSOCIATION_CODE] [default: main]
    #[arg(long, env = "ENDORSE_ASSOCIATION_CODE", global = true, hide_env = true)]
    pub association_code: Option<String>,
    /// The time zone of the first association's days, an IANA name such as America/Detroit [env: ENDORSE_TIME_ZONE] [default: UTC]
    #[arg(long, env = "ENDORSE_TIME_ZONE", global = true, hide_env = true)]
    pub time_zone: Option<String>,
    /// The sender of every e-mail [env: ENDORSE_MAIL_FROM] [default: endorse@<public host>]
    #[arg(long, env = "ENDORSE_MAIL_FROM", global = true, hide_env = true)]
    pub mail_from: Option<String>,
    /// Where replies to e-mails go, and whom referees are told to contact [env: ENDORSE_MAIL_REPLY_TO] [default: the sender address]
    #[arg(long, env = "ENDORSE_MAIL_REPLY_TO", global = true, hide_env = true)]
    pub mail_reply_to: Option<String>,
    /// The signature under every e-mail [env: ENDORSE_MAIL_SIGNATURE] [default: The <association> endorsement team]
    #[arg(long, env = "ENDORSE_MAIL_SIGNATURE", global = true, hide_env = true)]
    pub mail_signature: Option<String>,
    /// Days a referee's link stays valid [env: ENDORSE_REFERENCE_LINK_DAYS] [default: 30]
    #[arg(
        long,
        env = "ENDORSE_REFERENCE_LINK_DAYS",
        global = true,
        hide_env = true
    )]
    pub reference_link_days: Option<u32>,
    /// Reverse proxies whose X-Forwarded-For is believed: IP addresses or CIDR ranges, comma-separated [env: ENDORSE_TRUSTED_PROXIES] [default: none]
    #[arg(long, env = "ENDORSE_TRUSTED_PROXIES", global = true, hide_env = true)]
    pub trusted_proxies: Option<String>,
    /// Whether each admin gets a daily e-mail of what waits on them, when something does: on or off [env: ENDORSE_ADMIN_DIGEST] [default: on]
    #[arg(long, env = "ENDORSE_ADMIN_DIGEST", global = true, hide_env = true)]
    pub admin_digest: Option<String>,
    /// Whether admins must use a second factor: `required` (every admin enrolls before any admin page answers) or `enrolled` (each chooses; once enrolled, sign-in asks for it) [env: ENDORSE_ADMIN_MFA] [default: enrolled]
    #[arg(long, env = "ENDORSE_ADMIN_MFA", global = true, hide_env = true)]
    pub admin_mfa: Option<String>,
    /// Stripe's secret API key (`sk_live_…`, `sk_test_…`); without it, fees are paid offline only [env: ENDORSE_STRIPE_SECRET_KEY] [default: none]
    #[arg(
        long,
        env = "ENDORSE_STRIPE_SECRET_KEY",
        global = true,
        hide_env = true
    )]
    pub stripe_secret_key: Option<String>,
    /// The signing secret of the Stripe webhook endpoint (`whsec_…`), which every event must be signed with [env: ENDORSE_STRIPE_WEBHOOK_SECRET] [default: none; required with the secret key]
    #[arg(
        long,
        env = "ENDORSE_STRIPE_WEBHOOK_SECRET",
        global = true,
        hide_env = true
    )]
    pub stripe_webhook_secret: Option<String>,
    /// Where Stripe's API is (a local stand-in in tests) [env: ENDORSE_STRIPE_API_BASE] [default: https://api.stripe.com]
    #[arg(long, env = "ENDORSE_STRIPE_API_BASE", global = true, hide_env = true)]
    pub stripe_api_base: Option<String>,
}

/// Online payment through Stripe Checkout.
#[derive(Clone, Debug)]
pub struct StripeSettings {
    /// The secret API key.
    pub secret_key: Secret,
    /// The webhook endpoint's signing secret.
    pub webhook_secret: Secret,
    /// Where the API is, without a trailing slash.
    pub api_base: String,
}

/// Reverse proxies whose `X-Forwarded-For` header is believed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<(std::net::IpAddr, u8)>);

impl TrustedProxies {
    /// Parses `10.0.0.1, 10.1.0.0/16, ::1`.
    pub fn parse(raw: &str) -> anyhow::Result<Self> {
        let mut ranges = Vec::new();
        for part in raw.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (address, bits) = part.split_once('/').unwrap_or((part, ""));
            let address: std::net::IpAddr = address.parse().map_err(|_| {
                anyhow::anyhow!(
                    "ENDORSE_TRUSTED_PROXIES: '{part}' is not an IP address or CIDR range"
                )
            })?;
            let max = if address.is_ipv4() { 32 } else { 128 };
            let bits = if bits.is_empty() {
                max
            } else {
                bits.parse::<u8>()
                    .ok()
                    .filter(|b| *b <= max)
                    .ok_or_else(|| {
                        anyhow::anyhow!(
                            "ENDORSE_TRUSTED_PROXIES: '{part}' has a prefix length past {max}"
                        )
                    })?
            };
            ranges.push((address, bits));
        }
        Ok(Self(ranges))
    }

    /// Whether `address` is one of the proxies.
    pub fn contains(&self, address: std::net::IpAddr) -> bool {
        use std::net::IpAddr;
        self.0.iter().any(|(range, bits)| match (range, address) {
            (IpAddr::V4(range), IpAddr::V4(address)) => {
                let mask = u32::MAX.checked_shl(32 - u32::from(*bits)).unwrap_or(0);
                u32::from(*range) & mask == u32::from(address) & mask
            }
            (IpAddr::V6(range), IpAddr::V6(address)) => {
                let mask = u128::MAX.checked_shl(128 - u32::from(*bits)).unwrap_or(0);
                u128::from(*range) & mask == u128::from(address) & mask
            }
            _ => false,
        })
    }

    /// The client's address: the socket peer, unless the peer is a trusted
    /// proxy; then the nearest address in `X-Forwarded-For` that is not one.
    pub fn client(
        &self,
        peer: Option<std::net::IpAddr>,
        forwarded_for: Option<&str>,
    ) -> Option<std::net::IpAddr> {
        let peer = peer?;
        if !self.contains(peer) {
            return Some(peer);
        }
        let hops: Vec<std::net::IpAddr> = forwarded_for
            .unwrap_or_default()
            .split(',')
            .filter_map(|hop| hop.trim().parse().ok())
            .collect();
        Some(
            hops.iter()
                .rev()
                .copied()
                .find(|hop| !self.contains(*hop))
                .or_else(|| hops.first().copied())
                .unwrap_or(peer),
        )
    }
}

/// How e-mail leaves Endorse, and what it says about the association.
#[derive(Clone, Debug)]
pub struct MailSettings {
    /// The SMTP server's URL; none writes mail to the log and the outbox page.
    pub smtp_url: Option<SmtpUrl>,
    /// The association's name.
    pub association_name: String,
    /// The sender address.
    pub from: String,
    /// The reply-to address, also the contact shown to referees.
    pub reply_to: String,
    /// The signature under every message.
    pub signature: String,
    /// Days a referee's link stays valid.
    pub reference_link_days: u32,
    /// Seconds between two runs of the background mail worker; none runs no
    /// worker (tests drive it by hand).
    pub worker_interval_seconds: Option<u64>,
    /// Delivery attempts before a message is given up.
    pub max_attempts: u32,
    /// Seconds before the first retry; each further retry waits twice as long.
    pub retry_base_seconds: u64,
}

/// An SMTP URL that never prints its password.
#[derive(Clone)]
pub struct SmtpUrl(String);

impl SmtpUrl {
    /// Checks the scheme and the host.
    pub fn parse(raw: &str) -> anyhow::Result<Self> {
        let raw = raw.trim();
        let Some((scheme, rest)) = raw.split_once("://") else {
            bail!(
                "ENDORSE_SMTP_URL: '{}' must start with smtp:// or smtps://",
                Self(raw.into()).redacted()
            );
        };
        if scheme != "smtp" && scheme != "smtps" {
            bail!("ENDORSE_SMTP_URL: unsupported scheme '{scheme}://' (use smtp:// or smtps://)");
        }
        let host = rest.rsplit_once('@').map_or(rest, |(_, host)| host);
        if host.is_empty() || host.starts_with([':', '/', '?']) {
            bail!(
                "ENDORSE_SMTP_URL: must name a host, e.g. smtp://mail.example.org:587?tls=required"
            );
        }
        Ok(Self(raw.to_string()))
    }

    /// The URL, with its password; call only where the transport is built.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The URL without its password.
    pub fn redacted(&self) -> String {
        match (self.0.find("://"), self.0.rfind('@')) {
            (Some(start), Some(at)) if at > start => {
                let user = self.0[start + 3..at].split(':').next().unwrap_or_default();
                format!("{}{}@{}", &self.0[..start + 3], user, &self.0[at + 1..])
            }
            _ => self.0.clone(),
        }
    }
}

impl fmt::Debug for SmtpUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.redacted())
    }
}

/// Which database engine, and where.
#[derive(Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    /// A SQLite database file.
    Sqlite(PathBuf),
    /// A PostgreSQL connection URL.
    Postgres(String),
}

impl DatabaseUrl {
    /// Parses `ENDORSE_DATABASE_URL`.
    pub fn parse(raw: &str) -> anyhow::Result<Self> {
        let raw = raw.trim();
        if raw.is_empty() {
            bail!("ENDORSE_DATABASE_URL: must not be empty");
        }
        if raw.starts_with("postgres://") || raw.starts_with("postgresql://") {
            if cfg!(feature = "postgres") {
                return Ok(Self::Postgres(raw.to_string()));
            }
            bail!(
                "ENDORSE_DATABASE_URL: this build of endorse has no PostgreSQL support; \
                 build it with `--features postgres`"
            );
        }
        if let Some((scheme, _)) = raw.split_once("://") {
            if scheme != "sqlite" {
                bail!("ENDORSE_DATABASE_URL: unsupported scheme '{scheme}://' (use a SQLite file path, sqlite://path or postgres://...)");
            }
        }
        let path = raw.strip_prefix("sqlite://").unwrap_or(raw);
        Ok(Self::Sqlite(PathBuf::from(path)))
    }
}

impl fmt::Debug for DatabaseUrl {
    // A PostgreSQL URL may carry a password: never print it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Sqlite(path) => write!(f, "sqlite:{}", path.display()),
            Self::Postgres(url) => {
                let without_password = match (url.find("://"), url.rfind('@')) {
                    (Some(start), Some(at)) if at > start => {
                        let user_info = &url[start + 3..at];
                        let user = user_info.split(':').next().unwrap_or_default();
                        format!("{}{}@{}", &url[..start + 3], user, &url[at + 1..])
                    }
                    _ => url.clone(),
                };
                write!(f, "{without_password}")
            }
        }
    }
}

/// Where uploaded documents are kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DocumentStore {
    /// A local directory.
    Directory(PathBuf),
    /// In memory: gone when the process stops (tests, demos).
    Memory,
    /// An S3-compatible bucket, `s3://bucket[/prefix]`; credentials, region and
    /// endpoint come from the usual `AWS_*` variables.
    S3 {
        /// The bucket URL, `s3://bucket`.
        bucket: String,
        /// A path inside the bucket, possibly empty.
        prefix: String,
    },
}

impl DocumentStore {
    /// Parses `ENDORSE_DOCUMENT_STORE`.
    pub fn parse(raw: &str) -> anyhow::Result<Self> {
        let raw = raw.trim();
        if raw == "memory://" {
            return Ok(Self::Memory);
        }
        if let Some(rest) = raw.strip_prefix("s3://") {
            if !cfg!(feature = "s3") {
                bail!("ENDORSE_DOCUMENT_STORE: this build of endorse has no S3 support; build it with `--features s3`");
            }
            let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
            if bucket.is_empty() {
                bail!("ENDORSE_DOCUMENT_STORE: 's3://' must name a bucket, e.g. s3://endorse-documents");
            }
            return Ok(Self::S3 {
                bucket: format!("s3://{bucket}"),
                prefix: prefix.trim_matches('/').to_string(),
            });
        }
        if let Some((scheme, _)) = raw.split_once("://") {
            if scheme != "file" {
                bail!("ENDORSE_DOCUMENT_STORE: unsupported store '{scheme}://' (use a directory, file://dir or memory://)");
            }
        }
        let path = raw.strip_prefix("file://").unwrap_or(raw);
        if path.is_empty() {
            bail!("ENDORSE_DOCUMENT_STORE: must name a directory");
        }
        Ok(Self::Directory(PathBuf::from(path)))
    }
}

/// A secret that never shows up in logs or debug output.
#[derive(Clone)]
pub struct Secret(Vec<u8>);

impl Secret {
    /// Wraps secret bytes.
    pub fn new(bytes: Vec<u8>) -> Self {
        Self(bytes)
    }

    /// The secret bytes; call only where they are used.
    pub fn expose(&self) -> &[u8] {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret([redacted])")
    }
}

/// Limits on how fast one client may try things.
#[derive(Clone, Debug)]
pub struct RateLimits {
    /// Failed sign-ins allowed per account from one address within the window.
    pub login_failures_per_account: usize,
    /// Failed sign-ins allowed per IP address within the window.
    pub login_failures_per_ip: usize,
    /// Registrations allowed per IP address within the window.
    pub registrations_per_ip: usize,
    /// Unknown referee links allowed per IP address within the window.
    pub referee_misses_per_ip: usize,
    /// New-password links asked for per e-mail address within the window
    /// (so nobody can flood a person's inbox).
    pub password_resets_per_email: usize,
    /// New-password links asked for per IP address within the window.
    pub password_resets_per_ip: usize,
    /// The sliding window, in seconds.
    pub window_seconds: u64,
}

impl RateLimits {
    /// The window every limit counts within.
    pub fn window(&self) -> std::time::Duration {
        std::time::Duration::from_secs(self.window_seconds)
    }
}

impl Default for RateLimits {
    fn default() -> Self {
        Self {
            login_failures_per_account: 5,
            login_failures_per_ip: 20,
            registrations_per_ip: 20,
            referee_misses_per_ip: 20,
            password_resets_per_email: 3,
            password_resets_per_ip: 10,
            window_seconds: 15 * 60,
        }
    }
}

/// Checked settings for one run of the server.
#[derive(Clone, Debug)]
pub struct Settings {
    /// Where to listen. Port 0 picks a free port (tests do this).
    pub bind: SocketAddr,
    /// Where the SQLite database and generated secrets live.
    pub data_dir: PathBuf,
    /// The database.
    pub database: DatabaseUrl,
    /// The built single-page app, if there is one.
    pub static_dir: PathBuf,
    /// Signs access tokens.
    pub jwt_secret: Secret,
    /// Seals the credential signing keys in the database.
    pub signing_key_secret: Secret,
    /// The address people use to reach Endorse, without a trailing slash.
    pub public_url: String,
    /// The e-mail of the first admin.
    pub admin_email: String,
    /// Where uploaded documents are kept.
    pub document_store: DocumentStore,
    /// Brute-force limits.
    pub rate_limits: RateLimits,
    /// Access token lifetime in seconds.
    pub access_token_seconds: u64,
    /// Refresh token lifetime in seconds.
    pub refresh_token_seconds: u64,
    /// E-mail.
    pub mail: MailSettings,
    /// How long a write waits for a database lock before it is answered 503.
    pub database_wait_ms: u32,
    /// Reverse proxies whose `X-Forwarded-For` is believed.
    pub trusted_proxies: TrustedProxies,
    /// The code of the first association (made when there is none).
    pub association_code: String,
    /// The time zone of the first association's days.
    pub time_zone: String,
    /// Whether admins get the daily digest of what waits on them.
    pub admin_digest: bool,
    /// Whether admins must use a second factor.
    pub admin_mfa: crate::auth::mfa::AdminMfa,
    /// Online payment, when configured.
    pub stripe: Option<StripeSettings>,
}

/// Stripe's settings: none without a secret key; with one, the webhook's
/// secret is required (an event that cannot be verified is never believed).
fn stripe_settings(args: &ConfigArgs) -> anyhow::Result<Option<StripeSettings>> {
    let given = |value: &Option<String>| {
        value
            .as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_string)
    };
    let Some(secret_key) = given(&args.stripe_secret_key) else {
        if given(&args.stripe_webhook_secret).is_some() {
            bail!("ENDORSE_STRIPE_WEBHOOK_SECRET is set without ENDORSE_STRIPE_SECRET_KEY");
        }
        return Ok(None);
    };
    if !secret_key.starts_with("sk_") && !secret_key.starts_with("rk_") {
        bail!("ENDORSE_STRIPE_SECRET_KEY: a Stripe secret key starts with sk_ (or rk_ for a restricted key)");
    }
    let Some(webhook_secret) = given(&args.stripe_webhook_secret) else {
        bail!("ENDORSE_STRIPE_WEBHOOK_SECRET: required with ENDORSE_STRIPE_SECRET_KEY (the signing secret of the webhook endpoint, whsec_…)");
    };
    let api_base = given(&args.stripe_api_base)
        .unwrap_or_else(|| "https://api.stripe.com".to_string())
        .trim_end_matches('/')
        .to_string();
    if !(api_base.starts_with("https://") || api_base.starts_with("http://")) {
        bail!("ENDORSE_STRIPE_API_BASE: '{api_base}' is not an http(s) address");
    }
    Ok(Some(StripeSettings {
        secret_key: Secret::new(secret_key.into_bytes()),
        webhook_secret: Secret::new(webhook_secret.into_bytes()),
        api_base,
    }))
}

/// The file in the data dir that keeps a generated JWT secret.
const JWT_SECRET_FILE: &str = "jwt_secret";
/// The file in the data dir that keeps a generated signing-key secret.
const SIGNING_KEY_SECRET_FILE: &str = "signing_key_secret";

impl Settings {
    /// Checks every option and fills in defaults. May create the data directory
    /// and the generated JWT secret file.
    pub fn from_args(args: &ConfigArgs) -> anyhow::Result<Self> {
        let bind_raw = args.bind.as_deref().unwrap_or("127.0.0.1:8080");
        let bind: SocketAddr = bind_raw.trim().parse().map_err(|_| {
            anyhow::anyhow!(
                "ENDORSE_BIND: '{bind_raw}' is not an address and port such as 127.0.0.1:8080"
            )
        })?;

        let data_dir = args
            .data_dir
            .clone()
            .unwrap_or_else(|| PathBuf::from("data"));
        if data_dir.as_os_str().is_empty() {
            bail!("ENDORSE_DATA_DIR: must not be empty");
        }
        fs::create_dir_all(&data_dir).with_context(|| {
            format!(
                "ENDORSE_DATA_DIR: cannot create directory '{}'",
                data_dir.display()
            )
        })?;

        let database = match &args.database_url {
            Some(raw) => DatabaseUrl::parse(raw)?,
            None => DatabaseUrl::Sqlite(data_dir.join("endorse.db")),
        };

        let static_dir = args
            .static_dir
            .clone()
            .unwrap_or_else(|| PathBuf::from("frontend/dist"));

        let jwt_secret = match &args.jwt_secret {
            Some(secret) if secret.len() < 32 => {
                bail!("ENDORSE_JWT_SECRET: must be at least 32 bytes long (it is {})", secret.len())
            }
            Some(secret) => Secret::new(secret.as_bytes().to_vec()),
            None => load_or_create_secret(&data_dir.join(JWT_SECRET_FILE))
                .context("ENDORSE_JWT_SECRET is unset and the generated secret could not be kept in ENDORSE_DATA_DIR")?,
        };

        let signing_key_secret = match &args.signing_key_secret {
            Some(secret) if secret.len() < 32 => {
                bail!(
                    "ENDORSE_SIGNING_KEY_SECRET: must be at least 32 bytes long (it is {})",
                    secret.len()
                )
            }
            Some(secret) => Secret::new(secret.as_bytes().to_vec()),
            None => load_or_create_secret(&data_dir.join(SIGNING_KEY_SECRET_FILE))
                .context("ENDORSE_SIGNING_KEY_SECRET is unset and the generated secret could not be kept in ENDORSE_DATA_DIR")?,
        };

        let public_url = match &args.public_url {
            Some(url) => {
                let url = url.trim().trim_end_matches('/');
                if !(url.starts_with("http://") || url.starts_with("https://"))
                    || url.len() <= "https://".len()
                {
                    bail!("ENDORSE_PUBLIC_URL: '{url}' must start with http:// or https://");
                }
                url.to_string()
            }
            None => format!("http://{bind}"),
        };

        let admin_email = endorse_shared::validation::normalize_email(
            args.admin_email
                .as_deref()
                .unwrap_or("admin@endorse.localhost"),
        );
        if !validator::ValidateEmail::validate_email(&admin_email) {
            bail!("ENDORSE_ADMIN_EMAIL: '{admin_email}' is not a valid e-mail address");
        }

        let document_store = match &args.document_store {
            Some(raw) => DocumentStore::parse(raw)?,
            None => DocumentStore::Directory(data_dir.join("documents")),
        };

        let mail = mail_settings(args, &public_url)?;

        let association_code = args
            .association_code
            .as_deref()
            .map(str::trim)
            .unwrap_or("main")
            .to_string();
        if !endorse_shared::associations::is_code(&association_code) {
            bail!(
                "ENDORSE_ASSOCIATION_CODE: '{association_code}' must be 2 to {} lowercase letters and digits, starting with a letter",
                endorse_shared::associations::CODE_MAX_CHARS
            );
        }
        let time_zone = args
            .time_zone
            .as_deref()
            .map(str::trim)
            .unwrap_or("UTC")
            .to_string();
        if time_zone.parse::<chrono_tz::Tz>().is_err() {
            bail!(
                "ENDORSE_TIME_ZONE: '{time_zone}' is not an IANA time zone such as America/Detroit"
            );
        }

        let admin_digest = match args.admin_digest.as_deref().map(str::trim) {
            None | Some("on" | "true" | "1" | "yes") => true,
            Some("off" | "false" | "0" | "no") => false,
            Some(other) => bail!("ENDORSE_ADMIN_DIGEST: '{other}' is neither on nor off"),
        };

        let admin_mfa = args
            .admin_mfa
            .as_deref()
            .unwrap_or_default()
            .parse()
            .map_err(anyhow::Error::msg)?;

        let stripe = stripe_settings(args)?;

        Ok(Self {
            stripe,
            association_code,
            time_zone,
            admin_digest,
            admin_mfa,
            mail,
            document_store,
            bind,
            data_dir,
            database,
            static_dir,
            jwt_secret,
            signing_key_secret,
            public_url,
            admin_email,
            rate_limits: RateLimits::default(),
            access_token_seconds: 15 * 60,
            refresh_token_seconds: 30 * 24 * 60 * 60,
            database_wait_ms: crate::db::BUSY_TIMEOUT_MS,
            trusted_proxies: args
                .trusted_proxies
                .as_deref()
                .map(TrustedProxies::parse)
                .transpose()?
                .unwrap_or_default(),
        })
    }

    /// Whether cookies must be marked Secure (the public address is https).
    pub fn secure_cookies(&self) -> bool {
        self.public_url.starts_with("https://")
    }
}

fn mail_settings(args: &ConfigArgs, public_url: &str) -> anyhow::Result<MailSettings> {
    let smtp_url = args.smtp_url.as_deref().map(SmtpUrl::parse).transpose()?;
    let association_name = args
        .association_name
        .as_deref()
        .map(str::trim)
        .unwrap_or("Endorsement Association")
        .to_string();
    if association_name.is_empty() || association_name.chars().count() > 120 {
        bail!("ENDORSE_ASSOCIATION_NAME: must be between 1 and 120 characters");
    }
    let host = public_url
        .split_once("://")
        .map_or(public_url, |(_, rest)| rest)
        .split([':', '/'])
        .next()
        .unwrap_or("localhost");
    let host = if host.parse::<std::net::IpAddr>().is_ok() || !host.contains('.') {
        "endorse.localhost"
    } else {
        host
    };
    let address = |name: &str, raw: Option<&String>, default: String| -> anyhow::Result<String> {
        let value = raw.map_or(default, |v| endorse_shared::validation::normalize_email(v));
        if !validator::ValidateEmail::validate_email(&value) {
            bail!("{name}: '{value}' is not a valid e-mail address");
        }
        Ok(value)
    };
    let from = address(
        "ENDORSE_MAIL_FROM",
        args.mail_from.as_ref(),
        format!("endorse@{host}"),
    )?;
    // Replies go to the association's own address: never, by default, an
    // admin's sign-in address, which referees would otherwise be shown.
    let reply_to = address(
        "ENDORSE_MAIL_REPLY_TO",
        args.mail_reply_to.as_ref(),
        from.clone(),
    )?;
    let signature = args.mail_signature.as_deref().map(str::trim).map_or_else(
        || format!("The {association_name} endorsement team"),
        str::to_string,
    );
    let reference_link_days = args.reference_link_days.unwrap_or(30);
    if !(2..=365).contains(&reference_link_days) {
        bail!(
            "ENDORSE_REFERENCE_LINK_DAYS: must be between 2 and 365 (it is {reference_link_days})"
        );
    }
    Ok(MailSettings {
        smtp_url,
        association_name,
        from,
        reply_to,
        signature,
        reference_link_days,
        worker_interval_seconds: Some(5),
        max_attempts: 8,
        retry_base_seconds: 60,
    })
}

/// Reads the generated secret, or creates it (64 random bytes, hex, mode 0600).
fn load_or_create_secret(path: &Path) -> anyhow::Result<Secret> {
    match fs::read_to_string(path) {
        Ok(text) => {
            let text = text.trim();
            if text.len() < 32 {
                bail!(
                    "the secret in '{}' is too short; delete the file to generate a new one",
                    path.display()
                );
            }
            Ok(Secret::new(text.as_bytes().to_vec()))
        }
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            let mut bytes = [0u8; 64];
            rand::rngs::OsRng.fill_bytes(&mut bytes);
            let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
            let mut options = fs::OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt;
                options.mode(0o600);
            }
            let mut file = options
                .open(path)
                .with_context(|| format!("cannot create '{}'", path.display()))?;
            file.write_all(hex.as_bytes())?;
            file.sync_all()?;
            Ok(Secret::new(hex.into_bytes()))
        }
        Err(error) => Err(error).with_context(|| format!("cannot read '{}'", path.display())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args_in(dir: &Path) -> ConfigArgs {
        ConfigArgs {
            data_dir: Some(dir.to_path_buf()),
            ..ConfigArgs::default()
        }
    }

    #[test]
    fn defaults_use_sqlite_in_the_data_dir_and_localhost() {
        let dir = tempfile::tempdir().unwrap();
        let settings = Settings::from_args(&args_in(dir.path())).unwrap();
        assert_eq!(settings.bind.to_string(), "127.0.0.1:8080");
        assert_eq!(
            settings.database,
            DatabaseUrl::Sqlite(dir.path().join("endorse.db"))
        );
        assert_eq!(settings.public_url, "http://127.0.0.1:8080");
        assert!(!settings.secure_cookies());
    }

    #[test]
    fn only_trusted_proxies_name_the_client() {
        let proxies = TrustedProxies::parse("10.0.0.1, 192.168.0.0/16, ::1").unwrap();
        let ip = |s: &str| Some(s.parse::<std::net::IpAddr>().unwrap());
        // A client that is not a proxy is itself, whatever it claims.
        assert_eq!(
            proxies.client(ip("203.0.113.9"), Some("1.2.3.4")),
            ip("203.0.113.9")
        );
        // Through trusted proxies: the nearest hop that is not one.
        assert_eq!(
            proxies.client(ip("10.0.0.1"), Some("1.2.3.4, 198.51.100.7, 192.168.4.4")),
            ip("198.51.100.7")
        );
        assert_eq!(proxies.client(ip("::1"), None), ip("::1"));
        assert_eq!(
            TrustedProxies::default().client(ip("10.0.0.1"), Some("1.2.3.4")),
            ip("10.0.0.1")
        );
        for bad in ["10.0.0", "10.0.0.0/33", "::1/129", "proxy.example.org"] {
            assert!(TrustedProxies::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn mail_defaults_to_the_log_and_smtp_urls_hide_their_password() {
        let dir = tempfile::tempdir().unwrap();
        let settings = Settings::from_args(&args_in(dir.path())).unwrap();
        assert!(settings.mail.smtp_url.is_none());
        assert_eq!(settings.mail.reply_to, "endorse@endorse.localhost");
        assert_ne!(settings.mail.reply_to, settings.admin_email);
        assert_eq!(settings.mail.reference_link_days, 30);
        let url =
            SmtpUrl::parse("smtp://mailer:hunter2@mail.example.org:587?tls=required").unwrap();
        assert_eq!(
            format!("{url:?}"),
            "smtp://mailer@mail.example.org:587?tls=required"
        );
        for bad in [
            "mail.example.org",
            "http://mail.example.org",
            "smtp://",
            "smtp://user:pw@",
        ] {
            let error = SmtpUrl::parse(bad).unwrap_err().to_string();
            assert!(error.starts_with("ENDORSE_SMTP_URL:"), "{bad}: {error}");
            assert!(!error.contains("pw"), "{error}");
        }
        let args = ConfigArgs {
            reference_link_days: Some(0),
            ..args_in(dir.path())
        };
        let error = Settings::from_args(&args).unwrap_err().to_string();
        assert!(error.starts_with("ENDORSE_REFERENCE_LINK_DAYS:"), "{error}");
    }

    #[test]
    fn the_admin_digest_is_on_unless_turned_off_and_nonsense_names_the_variable() {
        let dir = tempfile::tempdir().unwrap();
        assert!(
            Settings::from_args(&args_in(dir.path()))
                .unwrap()
                .admin_digest
        );
        let off = ConfigArgs {
            admin_digest: Some("off".into()),
            ..args_in(dir.path())
        };
        assert!(!Settings::from_args(&off).unwrap().admin_digest);
        let bad = ConfigArgs {
            admin_digest: Some("sometimes".into()),
            ..args_in(dir.path())
        };
        let error = Settings::from_args(&bad).unwrap_err().to_string();
        assert!(error.starts_with("ENDORSE_ADMIN_DIGEST:"), "{error}");
    }

    #[test]
    fn a_bad_bind_address_names_the_variable() {
        let dir = tempfile::tempdir().unwrap();
        let args = ConfigArgs {
            bind: Some("localhost".into()),
            ..args_in(dir.path())
        };
        let error = Settings::from_args(&args).unwrap_err().to_string();
        assert!(error.starts_with("ENDORSE_BIND:"), "{error}");
    }

    #[test]
    fn a_short_jwt_secret_names_the_variable() {
        let dir = tempfile::tempdir().unwrap();
        let args = ConfigArgs {
            jwt_secret: Some("too short".into()),
            ..args_in(dir.path())
        };
        let error = Settings::from_args(&args).unwrap_err().to_string();
        assert!(error.starts_with("ENDORSE_JWT_SECRET:"), "{error}");
    }

    #[test]
    fn an_unknown_database_scheme_names_the_variable() {
        let error = DatabaseUrl::parse("mysql://x").unwrap_err().to_string();
        assert!(error.starts_with("ENDORSE_DATABASE_URL:"), "{error}");
    }

    #[test]
    fn the_generated_jwt_secret_is_private_and_reused() {
        let dir = tempfile::tempdir().unwrap();
        let first = Settings::from_args(&args_in(dir.path())).unwrap();
        let second = Settings::from_args(&args_in(dir.path())).unwrap();
        assert_eq!(first.jwt_secret.expose(), second.jwt_secret.expose());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(dir.path().join(JWT_SECRET_FILE))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn document_stores_parse_from_their_urls() {
        assert_eq!(
            DocumentStore::parse("memory://").unwrap(),
            DocumentStore::Memory
        );
        assert_eq!(
            DocumentStore::parse("file:///srv/endorse").unwrap(),
            DocumentStore::Directory(PathBuf::from("/srv/endorse"))
        );
        let error = DocumentStore::parse("ftp://x").unwrap_err().to_string();
        assert!(error.starts_with("ENDORSE_DOCUMENT_STORE:"), "{error}");
        let s3 = DocumentStore::parse("s3://endorse-docs/michigan/");
        if cfg!(feature = "s3") {
            assert_eq!(
                s3.unwrap(),
                DocumentStore::S3 {
                    bucket: "s3://endorse-docs".into(),
                    prefix: "michigan".into()
                }
            );
        } else {
            assert!(s3.unwrap_err().to_string().contains("--features s3"));
        }
    }

    #[test]
    fn postgres_passwords_never_appear_in_debug_output() {
        let url = DatabaseUrl::Postgres("postgres://ada:hunter2@db.example/endorse".into());
        let shown = format!("{url:?}");
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(shown.contains("ada@db.example/endorse"), "{shown}");
    }
}
