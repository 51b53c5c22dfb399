//! `cargo xtask bench`, second part: a deployment shaped like the field, on
//! PostgreSQL. 40 associations, each with 5,000 applicants with portfolios
//! (education, work, training, reflective supervision: 8 entries each) and
//! applications at every stage, and 1,250 holders listed in its registry
//! (50,000 in all), served by two `endorse serve` processes behind one
//! database.
//!
//! It prints, for every association, the p95 of the admins' list of
//! applications, their search, and the public registry (requests spread
//! over both processes); then one association's import load (20,000
//! accounts with a portfolio entry each, written in batches of 200 through
//! the server's own database functions and paced as a background job
//! (`workflow::pacing`), as an importer does) while another association's
//! pages are measured, beside the same pages measured before and after it:
//! the ratio of the p95s, which should stay under 1.20.
//!
//! Needs `ENDORSE_BENCH_POSTGRES_URL` (a server where it may create a
//! database; it drops it at the end) and `ENDORSE_BENCH_SERVER` (the
//! `endorse` binary, built with PostgreSQL). Everything talks to 127.0.0.1.

use anyhow::{bail, Context, Result};
use chrono::Utc;
use diesel::connection::SimpleConnection;
use diesel::{Connection, RunQueryDsl};
use endorse_api::auth::passwords;
use endorse_api::clock::SystemClock;
use endorse_api::config::{ConfigArgs, DatabaseUrl, Secret};
use endorse_api::db::{applications, endorsements, portfolio, rulebooks, users, Db};
use endorse_api::tenancy::NewAssociation;
use endorse_api::{Application, Settings};
use endorse_shared::entries::EntryData;
use endorse_shared::Role;
use serde_json::json;
use std::time::{Duration, Instant};

const ASSOCIATIONS: usize = 40;
const APPLICANTS: usize = 5_000;
const HOLDERS: usize = 1_250;
const IMPORT_ROWS: usize = 20_000;

/// A tenth of the deployment (4 associations), to try the benchmark out
/// quickly: `ENDORSE_BENCH_QUICK=1`.
fn quick() -> bool {
    std::env::var_os("ENDORSE_BENCH_QUICK").is_some()
}

fn scaled(n: usize) -> usize {
    if quick() {
        n / 10
    } else {
        n
    }
}
const IMPORT_BATCH: usize = 200;
const TARGET_RATIO: f64 = 1.20;
const PASSWORD: &str = "bench password 1234";
const JWT_SECRET: &str = "bench-jwt-secret-of-at-least-32-bytes!!";
const SEAL_SECRET: &str = "bench-seal-secret-of-at-least-32-bytes!";

const FIRST: [&str; 12] = [
    "Ada", "Grace", "Maria", "Lucia", "Amara", "Noor", "Hana", "Ines", "Kai", "Rosa", "Sam", "Tess",
];
const LAST: [&str; 12] = [
    "Lovelace",
    "Hopper",
    "Garcia",
    "Nguyen",
    "Okafor",
    "Haddad",
    "Kowalski",
    "Silva",
    "Moreau",
    "Rivera",
    "Baker",
    "Lindqvist",
];

fn name(n: usize) -> String {
    format!(
        "{} {} {n}",
        FIRST[n % FIRST.len()],
        LAST[(n / FIRST.len()) % LAST.len()]
    )
}

/// An applicant's portfolio: 8 entries of every kind the checklist weighs.
fn portfolio_entries() -> Result<Vec<EntryData>> {
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
        .map(|v| serde_json::from_value(v).context("a bench entry"))
        .collect()
}

fn user(email: String, name: String, role: Role, hash: &str) -> users::NewUser {
    users::NewUser {
        email,
        name,
        role,
        password_hash: hash.to_string(),
        must_change_password: false,
    }
}

/// The first association's records, through the server's own functions.
async fn seed_template(db: &Db, hash: String) -> Result<()> {
    let entries = portfolio_entries()?;
    db.transaction(move |conn| {
        let version = rulebooks::latest(conn)?.map(|v| v.number).unwrap_or(1);
        let policy = rulebooks::current(conn)?.rulebook.endorsement;
        for n in 0..scaled(APPLICANTS) {
            let applicant = users::insert(
                conn,
                user(
                    format!("applicant{n}@example.org"),
                    name(n),
                    Role::Applicant,
                    &hash,
                ),
            )?;
            for entry in &entries {
                portfolio::insert(conn, applicant.id, entry)?;
            }
            let category = ["IFA", "IFS", "IFRS", "IMHS"][n % 4];
            applications::insert(conn, applicant.id, category, version)?;
        }
        for n in 0..scaled(HOLDERS) {
            let holder = users::insert(
                conn,
                user(
                    format!("holder{n}@example.org"),
                    name(APPLICANTS + n),
                    Role::Applicant,
                    &hash,
                ),
            )?;
            portfolio::insert(conn, holder.id, &entries[0])?;
            let category = ["IFA", "IFS", "IFRS", "IMHS", "IMHM-C"][n % 5];
            let application = applications::insert(conn, holder.id, category, version)?;
            let year = 2015 + i32::try_from(n % 11).unwrap_or(0);
            let number = endorsements::next_number(conn, &policy.number_prefix, category, year)?;
            endorsements::insert(
                conn,
                &endorsements::NewEndorsement {
                    number: &number,
                    holder: holder.id,
                    application: Some(application),
                    origin: endorse_shared::endorsements::EndorsementOrigin::Application,
                    category,
                    renewal_due: chrono::NaiveDate::from_ymd_opt(2027, 6, 30).unwrap_or_default(),
                },
                Utc::now(),
            )?;
        }
        Ok(())
    })
    .await?;
    Ok(())
}

/// SQL that gives the template's applications their stages, lists its
/// holders, and copies all of it into another association's schema.
fn stages_sql(schema: &str) -> String {
    format!(
        "SET search_path TO \"{schema}\";
         UPDATE applications SET
           status = (ARRAY['draft','draft','submitted','under_review','revision_requested',
                           'on_hold','deferred','approved_for_exam'])[1 + abs(hashtext(id)) % 8],
           submitted_at = created_at
         WHERE id NOT IN (SELECT application_id FROM endorsements WHERE application_id IS NOT NULL);
         UPDATE applications SET status = 'endorsed', submitted_at = created_at
         WHERE id IN (SELECT application_id FROM endorsements);
         UPDATE endorsements SET listed = TRUE;
         UPDATE applications SET status = 'draft', submitted_at = NULL WHERE status = 'draft';"
    )
}

fn copy_sql(from: &str, to: &str) -> String {
    let tables = [
        "users",
        "portfolio_entries",
        "applications",
        "endorsements",
        "endorsement_sequences",
    ];
    let mut sql = String::new();
    for table in tables {
        sql.push_str(&format!(
            "INSERT INTO \"{to}\".{table} SELECT * FROM \"{from}\".{table};\n"
        ));
    }
    sql.push_str(&format!("ANALYZE \"{to}\".users; ANALYZE \"{to}\".applications; ANALYZE \"{to}\".endorsements; ANALYZE \"{to}\".portfolio_entries;"));
    sql
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// One server process.
struct Process(std::process::Child);

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

fn spawn_server(
    binary: &str,
    database: &str,
    data_dir: &std::path::Path,
) -> Result<(Process, String)> {
    let port = free_port()?;
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
    Ok((Process(child), format!("http://127.0.0.1:{port}")))
}

async fn wait_healthy(
    client: &reqwest::Client,
    base: &str,
    data_dir: &std::path::Path,
) -> Result<()> {
    let deadline = Instant::now() + Duration::from_secs(120);
    while Instant::now() < deadline {
        if let Ok(response) = client.get(format!("{base}/readyz")).send().await {
            if response.status().is_success() {
                return Ok(());
            }
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let port = base.rsplit(':').next().unwrap_or_default();
    let log =
        std::fs::read_to_string(data_dir.join(format!("server-{port}.log"))).unwrap_or_default();
    let tail: Vec<&str> = log.lines().rev().take(20).collect();
    bail!(
        "{base} did not become ready; its log ends:\n{}",
        tail.into_iter().rev().collect::<Vec<_>>().join("\n")
    )
}

/// The three pages measured, for an association at `/a/{code}`.
fn pages(code: &str) -> [(&'static str, String, bool); 3] {
    [
        (
            "admins' list",
            format!("/a/{code}/api/v1/applications?status=submitted"),
            true,
        ),
        (
            "admins' search",
            format!("/a/{code}/api/v1/applications?q=garcia"),
            true,
        ),
        (
            "public registry",
            format!("/a/{code}/api/v1/registry?q=ho"),
            false,
        ),
    ]
}

/// `count` requests to `path`, `connections` at a time, alternating between
/// the processes: their latencies, sorted.
async fn measure(
    client: &reqwest::Client,
    bases: &[String],
    path: &str,
    token: Option<&str>,
    count: usize,
    connections: usize,
) -> Result<Vec<Duration>> {
    let mut tasks = Vec::new();
    for connection in 0..connections {
        let (client, bases, path, token) = (
            client.clone(),
            bases.to_vec(),
            path.to_string(),
            token.map(str::to_string),
        );
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            for n in 0..count / connections.max(1) {
                let base = &bases[(connection + n) % bases.len()];
                let mut request = client.get(format!("{base}{path}"));
                if let Some(token) = &token {
                    request = request.bearer_auth(token);
                }
                let sent = Instant::now();
                let response = request.send().await?;
                let status = response.status();
                response.bytes().await?;
                anyhow::ensure!(status.is_success(), "{path} answered {status}");
                latencies.push(sent.elapsed());
            }
            Ok::<_, anyhow::Error>(latencies)
        }));
    }
    let mut all = Vec::new();
    for task in tasks {
        all.extend(task.await??);
    }
    all.sort();
    Ok(all)
}

/// The p95 of each of an association's three pages.
async fn p95s(
    client: &reqwest::Client,
    bases: &[String],
    code: &str,
    token: &str,
    count: usize,
) -> Result<[Duration; 3]> {
    let mut out = [Duration::ZERO; 3];
    for (i, (_, path, admin)) in pages(code).iter().enumerate() {
        let latencies = measure(client, bases, path, admin.then_some(token), count, 2).await?;
        out[i] = percentile(&latencies, 0.95);
    }
    Ok(out)
}

async fn login(client: &reqwest::Client, base: &str, code: &str) -> Result<String> {
    let answer: serde_json::Value = client
        .post(format!("{base}/a/{code}/api/v1/auth/login"))
        .json(&json!({ "email": format!("admin@{code}.example.org"), "password": PASSWORD }))
        .send()
        .await?
        .json()
        .await?;
    answer["access_token"]
        .as_str()
        .map(str::to_string)
        .with_context(|| format!("no token for {code}: {answer}"))
}

/// 20,000 accounts with a portfolio entry each, into one association, in
/// transactions of 200, paced as a background job: what an import writes.
async fn import(db: Db, hash: String) -> Result<Duration> {
    let entry = portfolio_entries()?.remove(3);
    let pacing = endorse_api::workflow::pacing::Pacing::background();
    let started = Instant::now();
    let mut worked = Duration::ZERO;
    for batch in 0..scaled(IMPORT_ROWS) / IMPORT_BATCH {
        if batch > 0 {
            tokio::time::sleep(pacing.rest_after(worked)).await;
        }
        let began = Instant::now();
        let (hash, entry) = (hash.clone(), entry.clone());
        db.transaction(move |conn| {
            for n in 0..IMPORT_BATCH {
                let row = batch * IMPORT_BATCH + n;
                let person = users::insert(
                    conn,
                    user(
                        format!("imported{row}@example.org"),
                        name(100_000 + row),
                        Role::Applicant,
                        &hash,
                    ),
                )?;
                portfolio::insert(conn, person.id, &entry)?;
            }
            Ok(())
        })
        .await?;
        worked = began.elapsed();
    }
    Ok(started.elapsed())
}

#[actix_web::main]
async fn main() -> Result<()> {
    let (Ok(server_url), Ok(binary)) = (
        std::env::var("ENDORSE_BENCH_POSTGRES_URL"),
        std::env::var("ENDORSE_BENCH_SERVER"),
    ) else {
        println!("deployment: skipped (no ENDORSE_BENCH_POSTGRES_URL / ENDORSE_BENCH_SERVER; run it through `cargo xtask bench`)");
        return Ok(());
    };
    let started = Instant::now();
    let name = format!("endorse_bench_{}", std::process::id());
    let mut admin = diesel::PgConnection::establish(&server_url)?;
    admin.batch_execute(&format!("DROP DATABASE IF EXISTS {name}"))?;
    admin.batch_execute(&format!("CREATE DATABASE {name}"))?;
    let outcome = run(&server_url, &name, &binary, started).await;
    // Drop the roles the associations made (they belong to the cluster).
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
    outcome
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

async fn run(server_url: &str, name: &str, binary: &str, started: Instant) -> Result<()> {
    let url = database_url(server_url, name);
    let data_dir = tempfile::tempdir()?;
    let args = ConfigArgs {
        bind: Some("127.0.0.1:0".into()),
        data_dir: Some(data_dir.path().to_path_buf()),
        static_dir: Some(data_dir.path().join("no-app")),
        ..ConfigArgs::default()
    };
    let mut settings = Settings::from_args(&args)?;
    settings.database = DatabaseUrl::parse(&url)?;
    settings.jwt_secret = Secret::new(JWT_SECRET.as_bytes().to_vec());
    settings.signing_key_secret = Secret::new(SEAL_SECRET.as_bytes().to_vec());
    // The set-up runs in this process (it makes the associations and their
    // records); the two servers then start on what it made.
    let setup = Application::build(settings.clone())?;
    let state = setup.state();
    let hash = passwords::hash(PASSWORD).map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut made = Vec::new();
    for n in 0..scaled(ASSOCIATIONS) {
        let code = format!("a{:02}", n + 1);
        let association = state
            .associations
            .create(
                &NewAssociation {
                    code: code.clone(),
                    name: format!("Association {}", n + 1),
                    host: None,
                    time_zone: [
                        "America/New_York",
                        "America/Chicago",
                        "America/Denver",
                        "America/Los_Angeles",
                        "Europe/Dublin",
                        "Australia/Sydney",
                    ][n % 6]
                        .into(),
                },
                &state.settings,
                &SystemClock,
            )
            .map_err(|e| anyhow::anyhow!("making {code}: {e:?}"))?;
        made.push(association);
    }
    println!(
        "deployment: {} associations made in {:.0} s",
        scaled(ASSOCIATIONS),
        started.elapsed().as_secs_f64()
    );
    let template = state.associations.db(&made[0])?;
    seed_template(&template, hash.clone()).await?;
    let mut sql = diesel::PgConnection::establish(&url)?;
    sql.batch_execute(&stages_sql(&made[0].storage))?;
    for association in &made[1..] {
        sql.batch_execute(&copy_sql(&made[0].storage, &association.storage))?;
    }
    sql.batch_execute(&format!(
        "ANALYZE \"{}\".users; ANALYZE \"{}\".applications; ANALYZE \"{}\".endorsements;",
        made[0].storage, made[0].storage, made[0].storage
    ))?;
    for association in &made {
        let db = state.associations.db(association)?;
        let (email, hash) = (
            format!("admin@{}.example.org", association.code),
            hash.clone(),
        );
        db.run(move |conn| {
            users::insert(conn, user(email, "Coordinator".into(), Role::Admin, &hash))
        })
        .await?;
    }
    println!(
        "deployment: {} applicants with 8 portfolio entries each and {} listed holders, in {:.0} s",
        scaled(ASSOCIATIONS) * scaled(APPLICANTS),
        scaled(ASSOCIATIONS) * scaled(HOLDERS),
        started.elapsed().as_secs_f64()
    );

    // Two server processes behind the one database.
    let (_one, first) = spawn_server(binary, &url, data_dir.path())?;
    let (_two, second) = spawn_server(binary, &url, data_dir.path())?;
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(8)
        .build()?;
    wait_healthy(&client, &first, data_dir.path()).await?;
    wait_healthy(&client, &second, data_dir.path()).await?;
    let bases = vec![first.clone(), second.clone()];
    let mut tokens = Vec::new();
    for association in &made {
        tokens.push(login(&client, &first, &association.code).await?);
    }
    // Warm both processes' pools and caches.
    for (association, token) in made.iter().zip(&tokens).take(4) {
        p95s(&client, &bases, &association.code, token, 8).await?;
    }

    println!("deployment: p95 per association over 40 requests per page, both processes (ms):");
    println!("  association   admins' list   admins' search   public registry");
    let mut worst = [Duration::ZERO; 3];
    let mut all = [Vec::new(), Vec::new(), Vec::new()];
    for (association, token) in made.iter().zip(&tokens) {
        let p = p95s(&client, &bases, &association.code, token, 40).await?;
        println!(
            "  {:<13} {:>12.1} {:>16.1} {:>17.1}",
            association.code,
            ms(p[0]),
            ms(p[1]),
            ms(p[2])
        );
        for i in 0..3 {
            worst[i] = worst[i].max(p[i]);
            all[i].push(p[i]);
        }
    }
    for list in &mut all {
        list.sort();
    }
    println!(
        "  median        {:>12.1} {:>16.1} {:>17.1}\n  worst         {:>12.1} {:>16.1} {:>17.1}",
        ms(percentile(&all[0], 0.5)),
        ms(percentile(&all[1], 0.5)),
        ms(percentile(&all[2], 0.5)),
        ms(worst[0]),
        ms(worst[1]),
        ms(worst[2])
    );

    // One association imports while another's pages are measured.
    let (importing, observed) = (&made[0], &made[1]);
    let token = tokens[1].clone();
    let rounds = 100;
    // Quiet rounds before and after the import, loaded rounds during it:
    // each page's p95 per round, compared by their medians.
    let mut quiet_rounds = Vec::new();
    for _ in 0..3 {
        quiet_rounds.push(p95s(&client, &bases, &observed.code, &token, rounds).await?);
    }
    let db = state.associations.db(importing)?;
    let load = tokio::spawn(import(db, hash.clone()));
    let mut during = Vec::new();
    while !load.is_finished() {
        during.push(p95s(&client, &bases, &observed.code, &token, rounds).await?);
    }
    let import_time = load.await??;
    for _ in 0..3 {
        quiet_rounds.push(p95s(&client, &bases, &observed.code, &token, rounds).await?);
    }
    println!(
        "deployment: {} imports {} accounts with a portfolio entry each in {:.1} s while {}'s pages are measured ({} rounds of {rounds} requests per page):",
        importing.code,
        scaled(IMPORT_ROWS),
        import_time.as_secs_f64(),
        observed.code,
        during.len()
    );
    let mut missed = false;
    for (i, (page, _, _)) in pages(&observed.code).iter().enumerate() {
        let mut calm: Vec<Duration> = quiet_rounds.iter().map(|p| p[i]).collect();
        calm.sort();
        let quiet = ms(percentile(&calm, 0.5));
        let mut loaded: Vec<Duration> = during.iter().map(|p| p[i]).collect();
        loaded.sort();
        let busy = ms(percentile(&loaded, 0.5));
        let ratio = busy / quiet.max(0.001);
        missed |= ratio > TARGET_RATIO;
        println!(
            "  {page:<16} p95 quiet {quiet:>7.1} ms, during the import {busy:>7.1} ms: ratio {ratio:.2} (target \u{2264} {TARGET_RATIO:.2}): {}",
            if ratio <= TARGET_RATIO { "met" } else { "MISSED" }
        );
    }
    println!(
        "deployment: done in {:.0} s{}",
        started.elapsed().as_secs_f64(),
        if missed { " (a target was missed)" } else { "" }
    );
    drop(setup);
    Ok(())
}
