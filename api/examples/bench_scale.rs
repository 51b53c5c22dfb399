//! `cargo xtask bench`, the scale part: every list at 1,000, 10,000 and
//! 100,000 applications, on SQLite and on PostgreSQL.
//!
//! Each size is seeded twice: in one association, and spread over 40 (each
//! holding a fortieth). Every applicant has an application (at every stage)
//! and a portfolio of 8 entries; as many holders again are listed in the
//! registry, with an endorsement and one entry each. Rows are written in
//! batched `INSERT`s, straight into the tables (the triggers that keep the
//! search index and the pipeline's counts run as for any write).
//!
//! At each size a release `endorse serve` process answers; each request is
//! measured sequentially (p50, p95), and the growth exponent of each is the
//! slope of log p50 against log size (0 is flat, 1 is linear). At the largest
//! size it also measures: 64 connections fetching an application with a
//! 200-entry portfolio against `/healthz` in the same run, 64 connections
//! writing (no 5xx), the delay a compressed answer adds, and the server's
//! peak resident memory. It exits non-zero when a budget is missed.
//!
//! Needs `ENDORSE_BENCH_SERVER` (the `endorse` binary, built with
//! PostgreSQL); PostgreSQL is measured when `ENDORSE_BENCH_POSTGRES_URL`
//! names a server where a database may be made (dropped at the end).
//! `ENDORSE_BENCH_QUICK=1` stops at 10,000. Everything talks to 127.0.0.1.

use anyhow::{bail, Context, Result};
use chrono::{DateTime, Duration as Span, NaiveDateTime, Utc};
use diesel::connection::SimpleConnection;
use diesel::{Connection, RunQueryDsl};
use endorse_api::auth::passwords;
use endorse_api::clock::SystemClock;
use endorse_api::config::{ConfigArgs, DatabaseUrl, Secret};
use endorse_api::db::{applications, portfolio, rulebooks, users, Db};
use endorse_api::tenancy::NewAssociation;
use endorse_api::{Application, Settings};
use endorse_shared::entries::EntryData;
use endorse_shared::text::fold;
use endorse_shared::Role;
use serde_json::json;
use std::fmt::Write as _;
use std::time::{Duration, Instant};

const SPREAD: usize = 40;
const SAMPLES: usize = 60;
const PASSWORD: &str = "bench password 1234";
const JWT_SECRET: &str = "bench-jwt-secret-of-at-least-32-bytes!!";
const SEAL_SECRET: &str = "bench-seal-secret-of-at-least-32-bytes!";
/// Rows per `INSERT`.
const BATCH: usize = 500;

/// The budgets.
const P95_MS: f64 = 50.0;
const GROWTH: f64 = 0.2;
const CSV_FIRST_BYTE_MS: f64 = 100.0;
const FETCH_RATIO: f64 = 0.15;
const RSS_MB: f64 = 100.0;
const COMPRESSION_DELAY_MS: f64 = 5.0;

fn sizes() -> Vec<usize> {
    if std::env::var_os("ENDORSE_BENCH_QUICK").is_some() {
        vec![1_000, 10_000]
    } else {
        vec![1_000, 10_000, 100_000]
    }
}

const FIRST: [&str; 16] = [
    "Ada", "Grace", "María", "Lucía", "Amara", "Noor", "Hana", "Inés", "Kai", "Rosa", "Sam",
    "Tess", "José", "Zoë", "Björn", "Aoife",
];
const SYLLABLES: [&str; 16] = [
    "gar", "ci", "ok", "a", "for", "lin", "dq", "ist", "mo", "reau", "ha", "dad", "ko", "wal",
    "sk", "ñez",
];

/// A surname from `n`: 4,096 of them, so that a search by one finds a few
/// dozen people at 100,000, as a real one does.
fn surname(n: usize) -> String {
    let n = n % 4096;
    let mut name: String = [n % 16, (n / 16) % 16, (n / 256) % 16]
        .iter()
        .map(|i| SYLLABLES[*i])
        .collect();
    if let Some(first) = name.get(..1) {
        name = first.to_uppercase() + &name[1..];
    }
    name
}

fn name(n: usize) -> String {
    format!("{} {}", FIRST[(n / 4096) % FIRST.len()], surname(n))
}

/// One kind of seeded row, for its id.
#[derive(Clone, Copy)]
enum Kind {
    Applicant = 1,
    Holder = 2,
    Application = 3,
    Endorsement = 4,
    Entry = 5,
}

/// A fixed id for the `n`th row of a kind in association `place`.
fn id(place: usize, kind: Kind, n: usize, sub: usize) -> String {
    let value =
        ((place as u128) << 96) | ((kind as u128) << 88) | ((sub as u128) << 64) | n as u128;
    uuid::Uuid::from_u128(value | (4 << 76) | (1 << 63)).to_string()
}

/// The bench's clock: the newest seeded row is a day old.
struct Times {
    newest: DateTime<Utc>,
}

impl Times {
    /// When the `n`th applicant started: one every 20 minutes, the newest
    /// the highest `n` (100,000 reach back almost four years).
    fn started(&self, n: usize, largest: usize) -> NaiveDateTime {
        let back = i64::try_from(largest - n).unwrap_or_default() * 20;
        (self.newest - Span::minutes(back)).naive_utc()
    }
}

const STATUSES: [&str; 20] = [
    "draft",
    "draft",
    "draft",
    "draft",
    "draft",
    "submitted",
    "submitted",
    "submitted",
    "under_review",
    "under_review",
    "under_review",
    "revision_requested",
    "on_hold",
    "approved_for_exam",
    "exam_scheduled",
    "endorsed",
    "endorsed",
    "withdrawn",
    "not_endorsed",
    "deferred",
];
const CATEGORIES: [&str; 4] = ["IFA", "IFS", "IFRS", "IMHS"];

fn quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

fn stamp(at: NaiveDateTime) -> String {
    quote(&at.format("%Y-%m-%d %H:%M:%S%.6f").to_string())
}

/// An applicant's portfolio: 8 entries of every kind the checklist weighs.
fn portfolio_bodies() -> Result<Vec<(String, String)>> {
    let rsc = |date: &str| {
        json!({ "section": "rsc", "data": { "date": date, "hours": 12, "format": "individual",
            "provider_name": "Dr. Rivera", "provider_category": "IFRS", "provider_number": null,
            "provider_vetted": false, "about_providing": false }})
    };
    let values = vec![
        json!({ "section": "education", "data": {
            "credential": { "kind": "degree", "level": "bachelor" }, "field": "Psychology",
            "institution": "State University", "year": 2015 }}),
        json!({ "section": "work", "data": {
            "employer": "Family Center", "position": "Home visitor", "start": "2019-01-01", "end": null,
            "hours_per_week": 40, "employment": "paid", "age_ranges": ["prenatal_to_three"],
            "families_served": 12, "kinds": ["direct_service"] }}),
        json!({ "section": "work", "data": {
            "employer": "Early Head Start", "position": "Family advocate", "start": "2016-06-01",
            "end": "2018-12-31", "hours_per_week": 30, "employment": "paid",
            "age_ranges": ["prenatal_to_three"], "families_served": 20, "kinds": ["direct_service"] }}),
        json!({ "section": "training", "data": {
            "title": "Foundations of IECMH", "provider": "Institute", "date": "2024-01-10", "hours": 30,
            "domains": ["reflection"], "topics": [] }}),
        json!({ "section": "training", "data": {
            "title": "Attachment", "provider": "University", "date": "2023-05-02", "hours": 12,
            "domains": ["theoretical_foundations"], "topics": [] }}),
        json!({ "section": "training", "data": {
            "title": "Diversity and equity", "provider": "Institute", "date": "2022-09-14", "hours": 6,
            "domains": ["reflection"], "topics": ["dei"] }}),
        rsc("2025-11-01"),
        rsc("2026-06-01"),
    ];
    values
        .into_iter()
        .map(|value| {
            let data: EntryData = serde_json::from_value(value).context("a bench entry")?;
            Ok((
                data.section().as_str().to_string(),
                serde_json::to_string(&data)?,
            ))
        })
        .collect()
}

/// What one association holds, and how to reach it.
struct Place {
    index: usize,
    code: Option<String>,
    db: Db,
    /// Applicants (and holders) seeded so far.
    seeded: usize,
}

impl Place {
    fn prefix(&self) -> String {
        self.code
            .as_ref()
            .map_or_else(String::new, |code| format!("/a/{code}"))
    }
}

/// The statements that add applicants and holders `from..to` to `place`.
fn seed_sql(
    place: usize,
    (from, to): (usize, usize),
    largest: usize,
    times: &Times,
    hash: &str,
    bodies: &[(String, String)],
) -> Vec<String> {
    let mut statements = Vec::new();
    let mut start = from;
    while start < to {
        let end = (start + BATCH).min(to);
        let mut people = String::from(
            "INSERT INTO users (id, email, name, role, password_hash, must_change_password, \
             created_at, updated_at, search_name, email_verified_at) VALUES ",
        );
        let mut entries = String::from(
            "INSERT INTO portfolio_entries (id, owner_id, section, version, body, created_at, updated_at) VALUES ",
        );
        let mut applied = String::from(
            "INSERT INTO applications (id, applicant_id, category, rulebook_version, status, version, \
             created_at, updated_at, submitted_at, status_since) VALUES ",
        );
        let mut endorsed = String::from(
            "INSERT INTO endorsements (id, number, holder_id, application_id, origin, category, \
             awarded_at, renewal_due, status, listed, version, updated_at) VALUES ",
        );
        for n in start..end {
            let at = times.started(n, largest);
            let comma = if n == start { "" } else { ", " };
            for (kind, email) in [
                (
                    Kind::Applicant,
                    format!("applicant{n}@p{place}.example.org"),
                ),
                (Kind::Holder, format!("holder{n}@p{place}.example.org")),
            ] {
                let who = name(n + kind as usize * 7);
                let lead = if matches!(kind, Kind::Applicant) {
                    comma
                } else {
                    ", "
                };
                let _ = write!(
                    people,
                    "{lead}({}, {}, {}, 'applicant', {}, FALSE, {}, {}, {}, {})",
                    quote(&id(place, kind, n, 0)),
                    quote(&email),
                    quote(&who),
                    quote(hash),
                    stamp(at),
                    stamp(at),
                    quote(&fold(&who)),
                    stamp(at),
                );
            }
            let applicant = id(place, Kind::Applicant, n, 0);
            let holder = id(place, Kind::Holder, n, 0);
            for (sub, (section, body)) in bodies.iter().enumerate() {
                let lead = if n == start && sub == 0 { "" } else { ", " };
                let _ = write!(
                    entries,
                    "{lead}({}, {}, {}, 1, {}, {}, {})",
                    quote(&id(place, Kind::Entry, n, sub)),
                    quote(&applicant),
                    quote(section),
                    quote(body),
                    stamp(at),
                    stamp(at),
                );
            }
            let (section, body) = &bodies[0];
            let _ = write!(
                entries,
                ", ({}, {}, {}, 1, {}, {}, {})",
                quote(&id(place, Kind::Entry, n, 100)),
                quote(&holder),
                quote(section),
                quote(body),
                stamp(at),
                stamp(at),
            );
            let status = STATUSES[n % STATUSES.len()];
            let category = CATEGORIES[(n / 3) % CATEGORIES.len()];
            let submitted = (status != "draft").then(|| at + Span::days(10));
            let since = submitted.map_or(at, |s| s + Span::days(5));
            let _ = write!(
                applied,
                "{comma}({}, {}, {}, 1, {}, 3, {}, {}, {}, {})",
                quote(&id(place, Kind::Application, n, 0)),
                quote(&applicant),
                quote(category),
                quote(status),
                stamp(at),
                stamp(since),
                submitted.map_or_else(|| "NULL".to_string(), stamp),
                stamp(since),
            );
            let held = CATEGORIES[n % CATEGORIES.len()];
            let _ = write!(
                endorsed,
                "{comma}({}, {}, {}, NULL, 'import', {}, {}, {}, 'active', TRUE, 1, {})",
                quote(&id(place, Kind::Endorsement, n, 0)),
                quote(&format!("MI-{held}-{:07}-{place}", n)),
                quote(&holder),
                quote(held),
                stamp(at),
                stamp(at + Span::days(365 * 5)),
                stamp(at),
            );
        }
        statements.push(people);
        statements.push(entries);
        statements.push(applied);
        statements.push(endorsed);
        start = end;
    }
    statements
}

/// Grows `place` to `to` applicants (and as many holders).
async fn grow(
    place: &mut Place,
    to: usize,
    largest: usize,
    times: &Times,
    hash: &str,
    bodies: &[(String, String)],
) -> Result<()> {
    if to <= place.seeded {
        return Ok(());
    }
    let statements = seed_sql(
        place.index,
        (place.seeded, to),
        largest,
        times,
        hash,
        bodies,
    );
    // Transactions of a few thousand rows each.
    for chunk in statements.chunks(16) {
        let sql = chunk.join(";\n");
        place
            .db
            .transaction(move |conn| {
                conn.batch_execute(&sql)?;
                Ok(())
            })
            .await?;
    }
    place
        .db
        .run(|conn| {
            conn.batch_execute(
                "ANALYZE users; ANALYZE applications; ANALYZE endorsements; \
                 ANALYZE portfolio_entries; ANALYZE application_stage_days",
            )?;
            Ok(())
        })
        .await?;
    place.seeded = to;
    Ok(())
}

/// The server under measurement.
struct Server {
    child: std::process::Child,
    base: String,
}

impl Server {
    fn start(binary: &str, database: &str, data_dir: &std::path::Path) -> Result<Self> {
        let port = std::net::TcpListener::bind("127.0.0.1:0")?
            .local_addr()?
            .port();
        let child = std::process::Command::new(binary)
            .arg("serve")
            .env("ENDORSE_DATABASE_URL", database)
            .env("ENDORSE_BIND", format!("127.0.0.1:{port}"))
            .env("ENDORSE_PUBLIC_URL", format!("http://127.0.0.1:{port}"))
            .env("ENDORSE_DATA_DIR", data_dir)
            .env("ENDORSE_STATIC_DIR", data_dir.join("no-app"))
            .env("ENDORSE_JWT_SECRET", JWT_SECRET)
            .env("ENDORSE_SIGNING_KEY_SECRET", SEAL_SECRET)
            .env("RUST_LOG", "warn")
            .stdout(std::process::Stdio::null())
            .stderr(std::fs::File::create(
                data_dir.join(format!("server-{port}.log")),
            )?)
            .spawn()
            .with_context(|| format!("cannot start {binary}"))?;
        Ok(Self {
            child,
            base: format!("http://127.0.0.1:{port}"),
        })
    }

    async fn ready(&self, client: &reqwest::Client) -> Result<()> {
        let deadline = Instant::now() + Duration::from_secs(120);
        while Instant::now() < deadline {
            if let Ok(response) = client.get(format!("{}/readyz", self.base)).send().await {
                if response.status().is_success() {
                    return Ok(());
                }
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        bail!("{} did not become ready", self.base)
    }

    /// The most memory the process has held (VmHWM), in MB.
    fn peak_mb(&self) -> f64 {
        std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .ok()
            .and_then(|status| {
                status
                    .lines()
                    .find(|l| l.starts_with("VmHWM:"))
                    .and_then(|l| l.split_whitespace().nth(1))
                    .and_then(|kb| kb.parse::<f64>().ok())
            })
            .map_or(0.0, |kb| kb / 1024.0)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index.min(sorted.len() - 1)].as_secs_f64() * 1e3
}

async fn login(client: &reqwest::Client, base: &str, prefix: &str, email: &str) -> Result<String> {
    let answer: serde_json::Value = client
        .post(format!("{base}{prefix}/api/v1/auth/login"))
        .json(&json!({ "email": email, "password": PASSWORD }))
        .send()
        .await?
        .json()
        .await?;
    answer["access_token"]
        .as_str()
        .map(str::to_string)
        .with_context(|| format!("no token for {email}: {answer}"))
}

/// One measured request: a name, and for each association its path and
/// whether it needs the admin's token.
struct Request {
    name: &'static str,
    path: fn(&Probe) -> String,
    admin: bool,
}

/// What the requests refer to in one association at one size.
struct Probe {
    /// A cursor halfway down the admins' list.
    middle: String,
    /// A surname some dozens share at 100,000.
    surname: String,
    /// An applicant's address.
    email: String,
    /// A holder's endorsement number.
    number: String,
    /// A day a tenth of the applications were submitted after.
    recent: String,
}

fn probe(place: usize, size: usize, largest: usize, times: &Times) -> Probe {
    let middle = size / 2;
    let started = times.started(middle, largest).and_utc();
    let pick = 777 % size;
    Probe {
        middle: format!(
            "{}.{}",
            started.timestamp_nanos_opt().unwrap_or_default(),
            id(place, Kind::Application, middle, 0)
        ),
        surname: fold(&surname(pick + Kind::Applicant as usize * 7)),
        email: format!("applicant{pick}@p{place}"),
        number: format!(
            "MI-{}-{:07}-{place}",
            CATEGORIES[pick % CATEGORIES.len()],
            pick
        ),
        recent: (times.started(size - size / 10, largest) + Span::days(10))
            .date()
            .to_string(),
    }
}

const REQUESTS: [Request; 12] = [
    Request {
        name: "admins' list, first page",
        path: |_| "/api/v1/applications".into(),
        admin: true,
    },
    Request {
        name: "admins' list, a deep page",
        path: |p| format!("/api/v1/applications?after={}", p.middle),
        admin: true,
    },
    Request {
        name: "admins' list, by status",
        path: |_| "/api/v1/applications?status=under_review".into(),
        admin: true,
    },
    Request {
        name: "admins' list, by category",
        path: |_| "/api/v1/applications?category=IFS".into(),
        admin: true,
    },
    Request {
        name: "admins' list, by rulebook",
        path: |_| "/api/v1/applications?rulebook_version=1".into(),
        admin: true,
    },
    Request {
        name: "admins' list, submitted since",
        path: |p| format!("/api/v1/applications?submitted_from={}", p.recent),
        admin: true,
    },
    Request {
        name: "admins' search, by name",
        path: |p| format!("/api/v1/applications?q={}", p.surname),
        admin: true,
    },
    Request {
        name: "admins' search, by e-mail",
        path: |p| format!("/api/v1/applications?q={}", p.email),
        admin: true,
    },
    Request {
        name: "pipeline",
        path: |_| "/api/v1/applications/pipeline".into(),
        admin: true,
    },
    Request {
        name: "registry, first page",
        path: |_| "/api/v1/registry".into(),
        admin: false,
    },
    Request {
        name: "registry search, by name",
        path: |p| format!("/api/v1/registry?q={}", p.surname),
        admin: false,
    },
    Request {
        name: "registry search, by number",
        path: |p| format!("/api/v1/registry?q={}", p.number),
        admin: false,
    },
];

/// `SAMPLES` sequential requests, spread over the associations given.
async fn sample(
    client: &reqwest::Client,
    base: &str,
    targets: &[(String, Option<String>)],
) -> Result<Vec<Duration>> {
    let mut latencies = Vec::with_capacity(SAMPLES);
    for n in 0..SAMPLES + 5 {
        let (path, token) = &targets[n % targets.len()];
        let mut request = client.get(format!("{base}{path}"));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        let sent = Instant::now();
        let response = request.send().await?;
        let status = response.status();
        response.bytes().await?;
        let took = sent.elapsed();
        if !status.is_success() {
            bail!("{path} answered {status}");
        }
        // The first few warm the caches.
        if n >= 5 {
            latencies.push(took);
        }
    }
    latencies.sort();
    Ok(latencies)
}

/// The time to the first bytes of the applications' CSV, and to all of it.
async fn csv(
    client: &reqwest::Client,
    base: &str,
    prefix: &str,
    token: &str,
) -> Result<(f64, f64, usize)> {
    let mut first = Vec::new();
    let mut whole = Vec::new();
    let mut rows = 0;
    for _ in 0..3 {
        let sent = Instant::now();
        let mut response = client
            .get(format!("{base}{prefix}/api/v1/applications.csv"))
            .bearer_auth(token)
            .send()
            .await?;
        if !response.status().is_success() {
            bail!("the CSV answered {}", response.status());
        }
        let mut got_first = None;
        let mut lines = 0;
        while let Some(chunk) = response.chunk().await? {
            got_first.get_or_insert_with(|| sent.elapsed());
            lines += chunk.iter().filter(|b| **b == b'\n').count();
        }
        first.push(got_first.unwrap_or_else(|| sent.elapsed()));
        whole.push(sent.elapsed());
        rows = lines.saturating_sub(1);
    }
    first.sort();
    whole.sort();
    Ok((percentile(&first, 0.5), percentile(&whole, 0.5), rows))
}

/// A row of the final table.
struct Line {
    backend: &'static str,
    layout: &'static str,
    request: &'static str,
    /// (size, p50, p95) in ms.
    points: Vec<(usize, f64, f64)>,
}

/// The least-squares slope of log p50 against log size.
fn exponent(points: &[(usize, f64, f64)]) -> f64 {
    let xs: Vec<f64> = points.iter().map(|p| (p.0 as f64).ln()).collect();
    let ys: Vec<f64> = points.iter().map(|p| p.1.max(0.001).ln()).collect();
    let n = xs.len() as f64;
    let (mx, my) = (xs.iter().sum::<f64>() / n, ys.iter().sum::<f64>() / n);
    let num: f64 = xs.iter().zip(&ys).map(|(x, y)| (x - mx) * (y - my)).sum();
    let den: f64 = xs.iter().map(|x| (x - mx).powi(2)).sum();
    if den == 0.0 {
        0.0
    } else {
        num / den
    }
}

/// The outcome of one backend.
#[derive(Default)]
struct Outcome {
    lines: Vec<Line>,
    notes: Vec<String>,
    missed: Vec<String>,
}

async fn backend(
    label: &'static str,
    database: &str,
    binary: &str,
    outcome: &mut Outcome,
) -> Result<()> {
    let data_dir = tempfile::tempdir()?;
    let args = ConfigArgs {
        bind: Some("127.0.0.1:0".into()),
        data_dir: Some(data_dir.path().to_path_buf()),
        static_dir: Some(data_dir.path().join("no-app")),
        ..ConfigArgs::default()
    };
    let mut settings = Settings::from_args(&args)?;
    settings.database = DatabaseUrl::parse(database)?;
    settings.jwt_secret = Secret::new(JWT_SECRET.as_bytes().to_vec());
    settings.signing_key_secret = Secret::new(SEAL_SECRET.as_bytes().to_vec());
    let setup = Application::build(settings)?;
    let state = setup.state();
    let hash = passwords::hash(PASSWORD).map_err(|e| anyhow::anyhow!("{e}"))?;
    let bodies = portfolio_bodies()?;
    let sizes = sizes();
    let largest = sizes.iter().copied().max().unwrap_or(1_000);
    let times = Times {
        newest: Utc::now() - Span::days(1),
    };

    // The single association, and the 40.
    let mut single = Place {
        index: 0,
        code: None,
        db: setup.db()?,
        seeded: 0,
    };
    let mut spread = Vec::new();
    for n in 0..SPREAD {
        let code = format!("s{:02}", n + 1);
        let association = state
            .associations
            .create(
                &NewAssociation {
                    code: code.clone(),
                    name: format!("Association {}", n + 1),
                    host: None,
                    time_zone: ["America/New_York", "America/Chicago", "Europe/Dublin"][n % 3]
                        .into(),
                },
                &state.settings,
                &SystemClock,
            )
            .map_err(|e| anyhow::anyhow!("making {code}: {e:?}"))?;
        spread.push(Place {
            index: n + 1,
            code: Some(code),
            db: state.associations.db(&association)?,
            seeded: 0,
        });
    }
    for place in std::iter::once(&single).chain(&spread) {
        let (hash, email) = (hash.clone(), format!("admin@p{}.example.org", place.index));
        place
            .db
            .run(move |conn| {
                users::insert(
                    conn,
                    users::NewUser {
                        email,
                        name: "Coordinator".into(),
                        role: Role::Admin,
                        password_hash: hash,
                        must_change_password: false,
                    },
                )
            })
            .await?;
    }
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(64)
        .build()?;

    let mut results: Vec<Vec<Vec<(usize, f64, f64)>>> =
        vec![vec![Vec::new(); REQUESTS.len() + 1]; 2];
    for &size in &sizes {
        let began = Instant::now();
        grow(&mut single, size, largest, &times, &hash, &bodies).await?;
        for place in &mut spread {
            grow(place, size / SPREAD, largest, &times, &hash, &bodies).await?;
        }
        println!(
            "scale, {label}: {size} applications (with {size} listed holders) in one association and spread over {SPREAD}, seeded in {:.0} s",
            began.elapsed().as_secs_f64()
        );
        let server = Server::start(binary, database, data_dir.path())?;
        server.ready(&client).await?;
        let base = server.base.clone();
        let mut tokens = Vec::new();
        for place in std::iter::once(&single).chain(&spread) {
            tokens.push(
                login(
                    &client,
                    &base,
                    &place.prefix(),
                    &format!("admin@p{}.example.org", place.index),
                )
                .await?,
            );
        }
        for (layout, places) in [(0usize, vec![&single]), (1, spread.iter().collect())] {
            let per = if layout == 0 { size } else { size / SPREAD };
            for (r, request) in REQUESTS.iter().enumerate() {
                let targets: Vec<(String, Option<String>)> = places
                    .iter()
                    .map(|place| {
                        let probe = probe(place.index, per, largest, &times);
                        (
                            format!("{}{}", place.prefix(), (request.path)(&probe)),
                            request.admin.then(|| tokens[place.index].clone()),
                        )
                    })
                    .collect();
                let latencies = sample(&client, &base, &targets).await?;
                results[layout][r].push((
                    size,
                    percentile(&latencies, 0.5),
                    percentile(&latencies, 0.95),
                ));
            }
            let place = places[0];
            let (first, whole, rows) =
                csv(&client, &base, &place.prefix(), &tokens[place.index]).await?;
            results[layout][REQUESTS.len()].push((size, first, first));
            outcome.notes.push(format!(
                "{label}, {}: the CSV of {rows} applications: first bytes after {first:.1} ms, all of it after {whole:.0} ms",
                ["one association", "40 associations"][layout]
            ));
            if first > CSV_FIRST_BYTE_MS {
                outcome.missed.push(format!(
                    "{label}: the CSV's first bytes took {first:.1} ms at {size} (budget {CSV_FIRST_BYTE_MS} ms)"
                ));
            }
            if rows != per {
                outcome.missed.push(format!(
                    "{label}: the CSV held {rows} rows where {per} were expected"
                ));
            }
        }
        if size == largest {
            load(&client, &server, &single, &tokens[0], &hash, outcome, label).await?;
        }
        let peak = server.peak_mb();
        outcome.notes.push(format!(
            "{label}: the server's peak resident memory at {size}: {peak:.0} MB"
        ));
        if peak > RSS_MB {
            outcome.missed.push(format!(
                "{label}: the server held {peak:.0} MB at {size} (budget {RSS_MB} MB)"
            ));
        }
    }
    for (layout, rows) in results.into_iter().enumerate() {
        for (r, points) in rows.into_iter().enumerate() {
            let request = REQUESTS.get(r).map_or("CSV, first bytes", |q| q.name);
            outcome.lines.push(Line {
                backend: label,
                layout: ["one", "40"][layout],
                request,
                points,
            });
        }
    }
    drop(setup);
    Ok(())
}

/// 64 connections: `/healthz`, then an application with a 200-entry
/// portfolio, then writes; and the delay a compressed answer adds.
async fn load(
    client: &reqwest::Client,
    server: &Server,
    single: &Place,
    admin: &str,
    hash: &str,
    outcome: &mut Outcome,
    label: &'static str,
) -> Result<()> {
    const CONNECTIONS: usize = 64;
    let (hash, bodies) = (hash.to_string(), portfolio_bodies()?);
    let (person, application) = single
        .db
        .transaction(move |conn| {
            let person = users::insert(
                conn,
                users::NewUser {
                    email: "big.portfolio@example.org".into(),
                    name: "Bench Applicant".into(),
                    role: Role::Applicant,
                    password_hash: hash.clone(),
                    must_change_password: false,
                },
            )?;
            for n in 0..200 {
                let (_, body) = &bodies[n % bodies.len()];
                let data: EntryData = serde_json::from_str(body)
                    .map_err(|e| endorse_api::db::DbError::Corrupt(e.to_string()))?;
                portfolio::insert(conn, person.id, &data)?;
            }
            let version = rulebooks::latest(conn)?.map(|v| v.number).unwrap_or(1);
            let application = applications::insert(conn, person.id, "IFS", version)?;
            let mut writers = Vec::new();
            for n in 0..16 {
                writers.push(users::insert(
                    conn,
                    users::NewUser {
                        email: format!("writer{n}@example.org"),
                        name: format!("Writer {n}"),
                        role: Role::Applicant,
                        password_hash: hash.clone(),
                        must_change_password: false,
                    },
                )?);
            }
            Ok((person, application))
        })
        .await?;
    let _ = person;
    let base = &server.base;
    let token = login(client, base, "", "big.portfolio@example.org").await?;
    let mut writers = Vec::new();
    for n in 0..16 {
        writers.push(login(client, base, "", &format!("writer{n}@example.org")).await?);
    }
    let health = hammer(base, CONNECTIONS, |_, _| ("/healthz".into(), None, None)).await?;
    let fetch_path = format!("/api/v1/me/applications/{application}");
    let fetch = hammer(base, CONNECTIONS, move |_, _| {
        (fetch_path.clone(), Some(token.clone()), None)
    })
    .await?;
    let writes = hammer(base, CONNECTIONS, move |connection, n| {
        (
            "/api/v1/me/portfolio/training".into(),
            Some(writers[connection % writers.len()].clone()),
            Some(json!({ "section": "training", "data": {
                "title": format!("Course {connection}-{n}"), "provider": "Institute",
                "date": "2024-03-01", "hours": 2, "domains": ["reflection"], "topics": [] }})),
        )
    })
    .await?;
    let admin = admin.to_string();
    let lists = hammer(base, CONNECTIONS, move |_, _| {
        (
            "/api/v1/applications?status=submitted".into(),
            Some(admin.clone()),
            None,
        )
    })
    .await?;
    let ratio = fetch.rate / health.rate.max(1.0);
    outcome.notes.push(format!(
        "{label}, {CONNECTIONS} connections: /healthz {:.0}/s; an application with a 200-entry portfolio {:.0}/s (ratio {ratio:.3}, budget {FETCH_RATIO}); writes {:.0}/s; the admins' list {:.0}/s; 5xx: {}",
        health.rate, fetch.rate, writes.rate, lists.rate,
        health.server_errors + fetch.server_errors + writes.server_errors + lists.server_errors
    ));
    if ratio < FETCH_RATIO {
        outcome.missed.push(format!(
            "{label}: the 200-entry application reached {ratio:.3} of /healthz (budget {FETCH_RATIO})"
        ));
    }
    for (what, run) in [
        ("/healthz", &health),
        ("the application", &fetch),
        ("writes", &writes),
        ("the list", &lists),
    ] {
        if run.server_errors > 0 || run.other > 0 && what != "writes" {
            outcome.missed.push(format!(
                "{label}: {what} at {CONNECTIONS} connections: {} 5xx, {} other refusals",
                run.server_errors, run.other
            ));
        }
    }
    compression(client, base, outcome, label).await
}

struct Run {
    rate: f64,
    server_errors: usize,
    other: usize,
}

/// `connections` clients of their own for three seconds.
async fn hammer(
    base: &str,
    connections: usize,
    request: impl Fn(usize, usize) -> (String, Option<String>, Option<serde_json::Value>)
        + Send
        + Sync
        + 'static,
) -> Result<Run> {
    let request = std::sync::Arc::new(request);
    let started = Instant::now();
    let deadline = started + Duration::from_secs(3);
    let mut tasks = Vec::new();
    for connection in 0..connections {
        let client = reqwest::Client::builder().build()?;
        let (base, request) = (base.to_string(), request.clone());
        tasks.push(tokio::spawn(async move {
            let (mut done, mut server_errors, mut other) = (0usize, 0usize, 0usize);
            for n in 0..1_000_000 {
                if Instant::now() >= deadline {
                    break;
                }
                let (path, token, body) = request(connection, n);
                let url = format!("{base}{path}");
                let mut call = match &body {
                    Some(body) => client.post(&url).json(body),
                    None => client.get(&url),
                };
                if let Some(token) = &token {
                    call = call.bearer_auth(token);
                }
                let response = call.send().await?;
                let status = response.status();
                response.bytes().await?;
                done += 1;
                if status.is_server_error() {
                    server_errors += 1;
                } else if !status.is_success() {
                    other += 1;
                }
            }
            Ok::<_, anyhow::Error>((done, server_errors, other))
        }));
    }
    let mut run = Run {
        rate: 0.0,
        server_errors: 0,
        other: 0,
    };
    let mut done = 0;
    for task in tasks {
        let (count, errors, refused) = task.await??;
        done += count;
        run.server_errors += errors;
        run.other += refused;
    }
    run.rate = done as f64 / started.elapsed().as_secs_f64();
    Ok(run)
}

/// The same few-kilobyte answers plain, gzipped and in brotli, over one
/// kept-alive connection each: the medians' difference.
async fn compression(
    _client: &reqwest::Client,
    base: &str,
    outcome: &mut Outcome,
    label: &'static str,
) -> Result<()> {
    for path in ["/api/v1/rulebooks/current", "/api/v1/registry"] {
        let mut medians = Vec::new();
        for encoding in ["identity", "gzip", "br"] {
            let client = reqwest::Client::builder().build()?;
            let mut took = Vec::new();
            let mut size = 0;
            for n in 0..45 {
                let sent = Instant::now();
                let response = client
                    .get(format!("{base}{path}"))
                    .header("accept-encoding", encoding)
                    .send()
                    .await?;
                let body = response.bytes().await?;
                if n >= 5 {
                    took.push(sent.elapsed());
                }
                size = body.len();
            }
            took.sort();
            medians.push((encoding, percentile(&took, 0.5), size));
        }
        let plain = medians[0].1;
        let line: Vec<String> = medians
            .iter()
            .map(|(e, ms, size)| format!("{e} {ms:.2} ms ({size} bytes)"))
            .collect();
        outcome
            .notes
            .push(format!("{label}: {path}: {}", line.join(", ")));
        for (encoding, ms, _) in &medians[1..] {
            if ms - plain > COMPRESSION_DELAY_MS {
                outcome.missed.push(format!(
                    "{label}: {path} in {encoding} took {:.1} ms more than plain (budget {COMPRESSION_DELAY_MS} ms)",
                    ms - plain
                ));
            }
        }
    }
    Ok(())
}

fn print(outcome: &Outcome) -> bool {
    println!("\nscale: p50 / p95 in ms at each size; growth is the slope of log p50 against log size (budget: p95 under {P95_MS} ms, growth under {GROWTH})");
    let sizes = sizes();
    let mut header = format!("  {:<9} {:<5} {:<30}", "backend", "assn", "request");
    for size in &sizes {
        let _ = write!(header, " {:>15}", format!("{size}"));
    }
    println!("{header}  growth");
    let mut met = outcome.missed.is_empty();
    for line in &outcome.lines {
        let mut row = format!(
            "  {:<9} {:<5} {:<30}",
            line.backend, line.layout, line.request
        );
        for (_, p50, p95) in &line.points {
            let _ = write!(row, " {:>15}", format!("{p50:.1} / {p95:.1}"));
        }
        let growth = exponent(&line.points);
        let over = line
            .points
            .iter()
            .any(|p| p.2 > P95_MS && line.request != "CSV, first bytes");
        let grows = growth > GROWTH;
        let verdict = if over || grows {
            met = false;
            "MISSED"
        } else {
            "met"
        };
        println!("{row}  {growth:>5.2} {verdict}");
    }
    for note in &outcome.notes {
        println!("  {note}");
    }
    for miss in &outcome.missed {
        println!("  MISSED: {miss}");
    }
    met
}

#[derive(diesel::QueryableByName)]
struct Name {
    #[diesel(sql_type = diesel::sql_types::Text)]
    value: String,
}

fn database_url(server_url: &str, name: &str) -> String {
    match server_url.split_once('?') {
        Some((base, query)) => {
            let base = base.rsplit_once('/').map_or(base, |(b, _)| b);
            format!("{base}/{name}?{query}")
        }
        None => {
            let base = server_url.rsplit_once('/').map_or(server_url, |(b, _)| b);
            format!("{base}/{name}")
        }
    }
}

#[actix_web::main]
async fn main() -> Result<()> {
    let Ok(binary) = std::env::var("ENDORSE_BENCH_SERVER") else {
        println!("scale: skipped (no ENDORSE_BENCH_SERVER; run it through `cargo xtask bench`)");
        return Ok(());
    };
    let mut outcome = Outcome::default();
    let sqlite_dir = tempfile::tempdir()?;
    let sqlite = sqlite_dir.path().join("endorse.db");
    backend(
        "SQLite",
        &sqlite.display().to_string(),
        &binary,
        &mut outcome,
    )
    .await?;
    drop(sqlite_dir);
    if let Ok(server_url) = std::env::var("ENDORSE_BENCH_POSTGRES_URL") {
        let name = format!("endorse_scale_{}", std::process::id());
        let mut admin = diesel::PgConnection::establish(&server_url)?;
        admin.batch_execute(&format!("DROP DATABASE IF EXISTS {name}"))?;
        admin.batch_execute(&format!("CREATE DATABASE {name}"))?;
        let result = backend(
            "PostgreSQL",
            &database_url(&server_url, &name),
            &binary,
            &mut outcome,
        )
        .await;
        let prefix = endorse_api::tenancy::role_prefix_for(&name);
        let _ = admin.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
        let roles: Vec<String> = diesel::sql_query(format!(
            "SELECT rolname AS value FROM pg_roles WHERE rolname LIKE '{prefix}%'"
        ))
        .load::<Name>(&mut admin)
        .map(|rows| rows.into_iter().map(|r| r.value).collect())
        .unwrap_or_default();
        for role in roles {
            let _ = admin.batch_execute(&format!("DROP ROLE IF EXISTS \"{role}\""));
        }
        result?;
    } else {
        println!("scale: PostgreSQL skipped (no ENDORSE_BENCH_POSTGRES_URL)");
    }
    if print(&outcome) {
        println!("scale: every budget met");
        Ok(())
    } else {
        bail!("scale: a budget was missed (see MISSED above)")
    }
}
