//! What journeys start from, written straight to the database: complete
//! portfolios with received ratings, and peer reviewers with their profiles.
//! The journeys then drive everything else through the browser.

use crate::Server;
use anyhow::Result;
use endorse_api::db::{portfolio, references, reviewers, users, DbError};
use endorse_shared::entries::EntryData;
use endorse_shared::references::{RatingAnswer, ReferenceRequestInput};
use endorse_shared::reviewers::ReviewerProfile;
use endorse_shared::rulebook::Rulebook;
use serde_json::{json, Value};

/// Received ratings for `category`: (referee e-mail, relationship, endorsed).
fn ratings(
    category: &str,
    referees: &[(&str, &str, bool)],
) -> Result<Vec<(ReferenceRequestInput, RatingAnswer)>> {
    let domains = Rulebook::default_rulebook()
        .map_err(|e| anyhow::anyhow!("{e:?}"))?
        .competency_domains;
    referees
        .iter()
        .map(|(email, relationship, endorsed)| {
            let request: ReferenceRequestInput = serde_json::from_value(json!({
                "category": category, "referee_name": format!("Referee {email}"), "referee_email": email,
                "relationship": relationship,
                "endorsement": endorsed.then(|| json!({ "category": "IMHM-C", "number": "MI-7" })),
                "known_since": "2018-01-01", "waive_access": true }))?;
            let answer: RatingAnswer = serde_json::from_value(json!({
                "relationship": relationship, "known_since": "2018-01-01",
                "ratings": domains.iter().map(|d| (d.code.clone(), "strong")).collect::<std::collections::BTreeMap<_, _>>(),
                "comments": "Steady and thoughtful.", "recommendation": "recommend" }))?;
            Ok((request, answer))
        })
        .collect()
}

fn agreements_and_membership() -> Vec<Value> {
    let mut entries = vec![json!({ "section": "membership", "data": {
        "association": "Michigan AIMH", "number": "M-100", "expires_on": "2030-01-01", "verified": true }})];
    for kind in [
        "code_of_ethics",
        "endorsement_agreement",
        "no_sanction_attestation",
    ] {
        entries.push(json!({ "section": "agreements", "data": {
            "kind": kind, "signed_name": "Ada Lovelace", "signed_at": "2026-01-01T00:00:00Z" }}));
    }
    entries
}

async fn store(
    db: &endorse_api::db::Db,
    email: &str,
    entries: Vec<Value>,
    given: Vec<(ReferenceRequestInput, RatingAnswer)>,
) -> Result<()> {
    let entries: Vec<EntryData> = entries
        .into_iter()
        .map(serde_json::from_value)
        .collect::<Result<_, _>>()?;
    let email = email.to_string();
    db.transaction(move |conn| {
        let (user, _) = users::find_credentials(conn, &email)?.ok_or(DbError::NotFound)?;
        for entry in &entries {
            portfolio::insert(conn, user.id, entry)?;
        }
        let at = chrono::Utc::now() - chrono::Duration::days(10);
        for (request, answer) in &given {
            references::insert_received(conn, user.id, request, answer, (at, at.date_naive()))?;
        }
        Ok(())
    })
    .await?;
    Ok(())
}

/// Ada, an applicant with a complete IFS portfolio, and the coordinator, an
/// admin, both with `password`: where most journeys start.
pub async fn ada_and_coordinator(server: &Server, password: &str) -> Result<()> {
    server
        .create_user(endorse_shared::Role::Applicant, "ada@example.org", password)
        .await?;
    server
        .create_user(
            endorse_shared::Role::Admin,
            "coordinator@example.org",
            password,
        )
        .await?;
    ifs_portfolio(server, "ada@example.org", true).await
}

/// An IFS portfolio with every requirement met but, without the colleague,
/// the third rating.
pub async fn ifs_portfolio(server: &Server, email: &str, with_colleague: bool) -> Result<()> {
    ifs_portfolio_in(&server.db, email, with_colleague).await
}

/// [`ifs_portfolio`], in the database of any association.
pub async fn ifs_portfolio_in(
    db: &endorse_api::db::Db,
    email: &str,
    with_colleague: bool,
) -> Result<()> {
    let today = chrono::Utc::now().date_naive();
    let rsc = |days_ago: i64| {
        json!({ "section": "rsc", "data": {
            "date": today - chrono::Duration::days(days_ago), "hours": 12, "format": "individual",
            "provider_name": "Dr. Rivera", "provider_category": "IFRS", "provider_number": null,
            "provider_vetted": false, "about_providing": false }})
    };
    let mut entries = vec![
        json!({ "section": "education", "data": {
            "credential": { "kind": "degree", "level": "bachelor" }, "field": "Psychology",
            "institution": "State University", "year": 2015 }}),
        json!({ "section": "work", "data": {
            "employer": "Family Center", "position": "Home visitor", "start": "2019-01-01", "end": null,
            "hours_per_week": 40, "employment": "paid", "age_ranges": ["prenatal_to_three"],
            "families_served": 12, "kinds": ["direct_service"] }}),
        json!({ "section": "training", "data": {
            "title": "Foundations", "provider": "Institute", "date": "2024-01-10", "hours": 30,
            "domains": ["reflection"], "topics": [] }}),
        rsc(400),
        rsc(30),
    ];
    entries.extend(agreements_and_membership());
    let mut referees = vec![
        ("boss@example.org", "current_supervisor", true),
        ("rivera@example.org", "rsc_provider", false),
    ];
    if with_colleague {
        referees.push(("pal@example.org", "colleague", false));
    }
    store(db, email, entries, ratings("IFS", &referees)?).await
}

/// A complete portfolio for the Mentor – Policy category (IMHM-P), which has
/// an exam.
pub async fn mentor_policy_portfolio(server: &Server, email: &str) -> Result<()> {
    let mut entries = vec![
        json!({ "section": "education", "data": {
            "credential": { "kind": "degree", "level": "master" }, "field": "Public Policy",
            "institution": "State University", "year": 2012 }}),
        json!({ "section": "work", "data": {
            "employer": "State Department of Health", "position": "Program director", "start": "2015-01-01", "end": null,
            "hours_per_week": 40, "employment": "paid", "age_ranges": ["prenatal_to_three"],
            "families_served": 0, "kinds": ["policy_leadership"] }}),
        json!({ "section": "training", "data": {
            "title": "Infant mental health policy", "provider": "Institute", "date": "2024-03-10", "hours": 30,
            "domains": ["law_regulation_policy"], "topics": [] }}),
        json!({ "section": "training", "data": {
            "title": "Equity in early childhood systems", "provider": "Institute", "date": "2024-04-10", "hours": 3,
            "domains": ["systems_expertise"], "topics": ["dei"] }}),
    ];
    entries.extend(agreements_and_membership());
    let referees = [
        ("director@example.org", "current_supervisor", true),
        ("peer@example.org", "colleague", false),
        ("partner@example.org", "other_supervisor", false),
    ];
    store(&server.db, email, entries, ratings("IMHM-P", &referees)?).await
}

/// A peer reviewer named `name`, endorsed in `held`, who reviews `categories`.
pub async fn reviewer(
    server: &Server,
    email: &str,
    name: &str,
    password: &str,
    held: &str,
    categories: &[&str],
) -> Result<()> {
    let new = users::NewUser {
        email: email.to_string(),
        name: name.to_string(),
        role: endorse_shared::Role::Reviewer,
        password_hash: endorse_api::auth::passwords::hash(password)
            .map_err(|error| anyhow::anyhow!("hashing: {error}"))?,
        must_change_password: false,
    };
    let profile: ReviewerProfile = serde_json::from_value(json!({
        "endorsements": [{ "category": held, "number": format!("MI-{held}-{email}") }],
        "categories": categories,
        "max_load": 5,
    }))?;
    server
        .db
        .transaction(move |conn| {
            let user = users::insert(conn, new)?;
            reviewers::put(conn, user.id, &profile, 0, chrono::Utc::now())?;
            Ok(())
        })
        .await?;
    Ok(())
}
