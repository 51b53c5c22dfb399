//! `cargo xtask bench`: the speed targets, measured in one run.
//!
//! 1. The eligibility engine on a 500-entry portfolio (target: under 200 µs).
//! 2. Fetching an application whose portfolio has 200 entries, over HTTP with
//!    the real server, beside `/healthz` measured in the same run: throughput,
//!    p99 latency, and the ratio of the two throughputs (so a noisy machine
//!    slows both alike).
//!
//! Every loop is bounded in time and count and talks only to 127.0.0.1.

use chrono::{Duration as Days, NaiveDate, Utc};
use endorse_api::config::{ConfigArgs, DatabaseUrl};
use endorse_api::db::{applications, portfolio, references, rulebooks, users};
use endorse_api::{auth::passwords, Application, Settings};
use endorse_shared::eligibility::evaluate;
use endorse_shared::entries::EntryData;
use endorse_shared::hours::Hours;
use endorse_shared::i18n::Lang;
use endorse_shared::portfolio::*;
use endorse_shared::rulebook::*;
use endorse_shared::{EntryId, Role};
use std::time::{Duration, Instant};

const ENGINE_TARGET_MICROS: f64 = 200.0;

fn day(offset: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2020, 1, 1).unwrap_or_default() + Days::days(offset)
}

fn id(n: u128) -> EntryId {
    EntryId::from_uuid(uuid::Uuid::from_u128(n))
}

/// Portfolio entries of every editable section, `n` in all.
fn entries(n: usize) -> Vec<EntryData> {
    (0..n)
        .map(|i| match i % 5 {
            0 | 1 => EntryData::Training(TrainingData {
                title: format!("Training {i}"),
                provider: "Institute".into(),
                date: day(i as i64 * 3),
                hours: Hours::from_quarters(6 + (i % 20) as u32),
                domains: vec!["reflection".into()],
                topics: if i % 7 == 0 {
                    vec![TrainingTopic::Dei]
                } else {
                    vec![]
                },
                certificate: None,
            }),
            2 | 3 => EntryData::Rsc(RscData {
                evidence: None,
                date: day(i as i64 * 4),
                hours: Hours::from_quarters(4 + (i % 8) as u32),
                format: RscFormat::Individual,
                provider_name: format!("Provider {}", i % 3),
                provider_category: Some(["IFRS", "IMHS", "IFS"][i % 3].into()),
                provider_number: None,
                provider_vetted: false,
                about_providing: i % 4 == 0,
            }),
            _ => EntryData::Work(WorkData {
                verification: None,
                employer: format!("Agency {i}"),
                position: "Home visitor".into(),
                start: day(i as i64 * 10),
                end: Some(day(i as i64 * 10 + 300)),
                hours_per_week: 40,
                employment: Employment::Paid,
                age_ranges: vec![AgeRange::PrenatalToThree],
                families_served: 3,
                kinds: vec![WorkKind::DirectService],
            }),
        })
        .collect()
}

fn engine_portfolio(n: usize) -> Portfolio {
    let stored: Vec<endorse_shared::entries::PortfolioEntry> = entries(n)
        .into_iter()
        .enumerate()
        .map(|(i, data)| endorse_shared::entries::PortfolioEntry {
            id: id(i as u128),
            version: 1,
            data,
            created_at: Utc::now(),
            updated_at: Utc::now(),
        })
        .collect();
    endorse_shared::entries::to_portfolio(&stored)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index.min(sorted.len() - 1)]
}

fn bench_engine() -> anyhow::Result<()> {
    let rulebook = Rulebook::default_rulebook().map_err(anyhow::Error::msg)?;
    let category = rulebook
        .category("IFS")
        .ok_or_else(|| anyhow::anyhow!("IFS"))?;
    let portfolio = engine_portfolio(500);
    let as_of = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap_or_default();
    for _ in 0..50 {
        std::hint::black_box(evaluate(category, &portfolio, as_of, Lang::En));
    }
    let mut samples = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(3);
    while samples.len() < 5_000 && Instant::now() < deadline {
        let started = Instant::now();
        std::hint::black_box(evaluate(
            category,
            std::hint::black_box(&portfolio),
            as_of,
            Lang::En,
        ));
        samples.push(started.elapsed());
    }
    samples.sort();
    let median = percentile(&samples, 0.5).as_secs_f64() * 1e6;
    let p99 = percentile(&samples, 0.99).as_secs_f64() * 1e6;
    println!("engine, 500-entry portfolio, IFS: median {median:.1} µs, p99 {p99:.1} µs over {} runs (target < {ENGINE_TARGET_MICROS} µs): {}",
        samples.len(),
        if median < ENGINE_TARGET_MICROS { "met" } else { "MISSED" });
    Ok(())
}

struct Load {
    requests: usize,
    per_second: f64,
    p99_ms: f64,
}

/// `connections` clients fetch `url` for `span`, at most `cap` requests in all.
async fn load(
    client: &reqwest::Client,
    url: &str,
    token: Option<&str>,
    span: Duration,
    connections: usize,
    cap: usize,
) -> anyhow::Result<Load> {
    let started = Instant::now();
    let deadline = started + span;
    let mut tasks = Vec::new();
    for _ in 0..connections {
        let (client, url, token) = (client.clone(), url.to_string(), token.map(str::to_string));
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            while Instant::now() < deadline && latencies.len() < cap / connections.max(1) {
                let mut request = client.get(&url);
                if let Some(token) = &token {
                    request = request.bearer_auth(token);
                }
                let sent = Instant::now();
                let response = request.send().await?;
                let status = response.status();
                response.bytes().await?;
                anyhow::ensure!(status.is_success(), "{url} answered {status}");
                latencies.push(sent.elapsed());
            }
            Ok::<_, anyhow::Error>(latencies)
        }));
    }
    let mut all = Vec::new();
    for task in tasks {
        all.extend(task.await??);
    }
    let elapsed = started.elapsed().as_secs_f64();
    all.sort();
    Ok(Load {
        requests: all.len(),
        per_second: all.len() as f64 / elapsed,
        p99_ms: percentile(&all, 0.99).as_secs_f64() * 1e3,
    })
}

async fn bench_http() -> anyhow::Result<()> {
    let data_dir = tempfile::tempdir()?;
    let args = ConfigArgs {
        bind: Some("127.0.0.1:0".into()),
        data_dir: Some(data_dir.path().to_path_buf()),
        static_dir: Some(data_dir.path().join("no-app")),
        ..ConfigArgs::default()
    };
    let mut settings = Settings::from_args(&args)?;
    settings.database = DatabaseUrl::Sqlite(data_dir.path().join("bench.db"));
    let app = Application::build(settings)?;
    let base = format!("http://127.0.0.1:{}", app.port());
    let db = app.db()?;
    actix_web::rt::spawn(app.run_until_stopped());

    let password = "bench password 1234";
    let hash = passwords::hash(password).map_err(|e| anyhow::anyhow!("{e}"))?;
    let application_id = db
        .transaction(move |conn| {
            let user = users::insert(
                conn,
                users::NewUser {
                    email: "bench@example.org".into(),
                    name: "Bench Applicant".into(),
                    role: Role::Applicant,
                    password_hash: hash,
                    must_change_password: false,
                },
            )?;
            for data in entries(200) {
                portfolio::insert(conn, user.id, &data)?;
            }
            let link =
                endorse_api::auth::links::LinkKeys::new(&endorse_api::config::Secret::new(vec![
                    7;
                    32
                ]))
                .new_link();
            references::insert(
                conn,
                user.id,
                &endorse_shared::references::ReferenceRequestInput {
                    category: "IFS".into(),
                    referee_name: "Sam Rivera".into(),
                    referee_email: "boss@example.org".into(),
                    relationship: Relationship::CurrentSupervisor,
                    endorsement: None,
                    known_since: NaiveDate::from_ymd_opt(2020, 1, 1).unwrap_or_default(),
                    waive_access: true,
                    language: None,
                },
                &references::StoredLink {
                    nonce: &link.nonce,
                    token_hash: &link.token_hash,
                    expires_at: Utc::now() + Days::days(30),
                },
                Utc::now(),
                None,
            )?;
            let version = rulebooks::latest(conn)?.map(|v| v.number).unwrap_or(1);
            applications::insert(conn, user.id, "IFS", version)
        })
        .await?;
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(16)
        .build()?;
    let login: serde_json::Value = client
        .post(format!("{base}/api/v1/auth/login"))
        .json(&serde_json::json!({ "email": "bench@example.org", "password": password }))
        .send()
        .await?
        .json()
        .await?;
    let token = login["access_token"]
        .as_str()
        .ok_or_else(|| anyhow::anyhow!("no token: {login}"))?
        .to_string();
    let application_url = format!("{base}/api/v1/me/applications/{application_id}");
    let health_url = format!("{base}/healthz");

    // Warm up, then alternate so both see the same machine.
    load(
        &client,
        &health_url,
        None,
        Duration::from_millis(500),
        4,
        2_000,
    )
    .await?;
    load(
        &client,
        &application_url,
        Some(&token),
        Duration::from_millis(500),
        4,
        500,
    )
    .await?;
    let span = Duration::from_secs(3);
    let mut health = Vec::new();
    let mut fetch = Vec::new();
    for _ in 0..2 {
        health.push(load(&client, &health_url, None, span, 8, 200_000).await?);
        fetch.push(load(&client, &application_url, Some(&token), span, 8, 50_000).await?);
    }
    let sum = |loads: &[Load]| loads.iter().map(|l| l.per_second).sum::<f64>() / loads.len() as f64;
    let worst = |loads: &[Load]| loads.iter().map(|l| l.p99_ms).fold(0.0, f64::max);
    let count = |loads: &[Load]| loads.iter().map(|l| l.requests).sum::<usize>();
    let (health_rate, fetch_rate) = (sum(&health), sum(&fetch));
    println!(
        "GET /healthz: {health_rate:.0} req/s, p99 {:.2} ms ({} requests, 8 connections)",
        worst(&health),
        count(&health)
    );
    println!("GET an application with a 200-entry portfolio: {fetch_rate:.0} req/s, p99 {:.2} ms ({} requests, 8 connections)", worst(&fetch), count(&fetch));
    println!(
        "ratio (application / healthz throughput): {:.3}",
        fetch_rate / health_rate.max(1.0)
    );
    bench_writes(&client, &base, &db, health_rate).await
}

/// 64 connections write at once (16 applicants, four connections each, each
/// adding training entries) for a few seconds: the throughput, p99 and the
/// number of 5xx answers, which must be none.
async fn bench_writes(
    client: &reqwest::Client,
    base: &str,
    db: &endorse_api::db::Db,
    health_rate: f64,
) -> anyhow::Result<()> {
    const PEOPLE: usize = 16;
    const CONNECTIONS: usize = 64;
    let password = "bench password 1234";
    let hash = passwords::hash(password).map_err(|e| anyhow::anyhow!("{e}"))?;
    db.transaction(move |conn| {
        for n in 0..PEOPLE {
            users::insert(
                conn,
                users::NewUser {
                    email: format!("writer{n}@example.org"),
                    name: format!("Writer {n}"),
                    role: Role::Applicant,
                    password_hash: hash.clone(),
                    must_change_password: false,
                },
            )?;
        }
        Ok(())
    })
    .await?;
    let mut tokens = Vec::new();
    for n in 0..PEOPLE {
        let login: serde_json::Value = client
            .post(format!("{base}/api/v1/auth/login"))
            .json(&serde_json::json!({ "email": format!("writer{n}@example.org"), "password": password }))
            .send()
            .await?
            .json()
            .await?;
        tokens.push(
            login["access_token"]
                .as_str()
                .ok_or_else(|| anyhow::anyhow!("no token: {login}"))?
                .to_string(),
        );
    }
    let url = format!("{base}/api/v1/me/portfolio/training");
    let started = Instant::now();
    let deadline = started + Duration::from_secs(4);
    let mut tasks = Vec::new();
    for connection in 0..CONNECTIONS {
        let client = reqwest::Client::builder().build()?;
        let (url, token) = (url.clone(), tokens[connection % PEOPLE].clone());
        tasks.push(tokio::spawn(async move {
            let (mut latencies, mut server_errors, mut refused) = (Vec::new(), 0usize, 0usize);
            let mut n = 0usize;
            while Instant::now() < deadline {
                n += 1;
                let body = serde_json::json!({ "section": "training", "data": {
                    "title": format!("Course {connection}-{n}"), "provider": "Institute",
                    "date": "2024-03-01", "hours": 2, "domains": ["reflection"], "topics": [] }});
                let sent = Instant::now();
                let response = client
                    .post(&url)
                    .bearer_auth(&token)
                    .json(&body)
                    .send()
                    .await?;
                let status = response.status();
                response.bytes().await?;
                latencies.push(sent.elapsed());
                if status.is_server_error() {
                    server_errors += 1;
                } else if !status.is_success() {
                    refused += 1;
                }
            }
            Ok::<_, anyhow::Error>((latencies, server_errors, refused))
        }));
    }
    let (mut all, mut server_errors, mut refused) = (Vec::new(), 0, 0);
    for task in tasks {
        let (latencies, errors, other) = task.await??;
        all.extend(latencies);
        server_errors += errors;
        refused += other;
    }
    let rate = all.len() as f64 / started.elapsed().as_secs_f64();
    all.sort();
    println!(
        "POST a training entry, {CONNECTIONS} connections over {PEOPLE} applicants: {rate:.0} req/s, p99 {:.2} ms, {} requests, 5xx: {server_errors}, other refusals: {refused}",
        percentile(&all, 0.99).as_secs_f64() * 1e3,
        all.len()
    );
    println!(
        "ratio (writes / healthz throughput): {:.3}",
        rate / health_rate.max(1.0)
    );
    anyhow::ensure!(
        server_errors == 0,
        "{server_errors} writes answered 5xx: no request may fail because another one is writing"
    );
    Ok(())
}

#[actix_web::main]
async fn main() -> anyhow::Result<()> {
    println!(
        "Endorse benchmarks ({} cores)",
        std::thread::available_parallelism()
            .map(usize::from)
            .unwrap_or(1)
    );
    bench_engine()?;
    bench_http().await
}
