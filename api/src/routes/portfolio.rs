//! The signed-in person's portfolio: one sub-resource per section, each entry
//! versioned (`ETag`/`If-Match`), and the eligibility self-check over it.
//!
//! Every query is scoped to the owner: someone else's entry id is a 404.

use crate::auth::AuthUser;
use crate::db::audit;
use crate::db::portfolio;
use crate::db::rulebooks;
use crate::db::users::User;
use crate::db::Guarded;
use crate::error::{ApiError, ApiResult};
use crate::http::client::peer_ip;
pub use crate::http::versioning::IfMatch;
use crate::http::versioning::{etag, guarded};
use crate::tenancy::Tenant;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::Utc;
use endorse_shared::eligibility::{self, EligibilityReport};
use endorse_shared::entries::{
    EditableSection, EntryData, NoteRequest, PortfolioEntry, PortfolioResponse, RscBatchRequest,
    SectionNote, NOTE_MAX_CHARS, RSC_BATCH_MAX,
};
use endorse_shared::hours::Hours;
use endorse_shared::i18n::Text;
use endorse_shared::{EntryId, Problem};

fn parse_section(raw: &str) -> ApiResult<EditableSection> {
    raw.parse().map_err(|_| {
        ApiError::NotFound(
            Text::new("err-there-no-portfolio-section-sections-education")
                .with("raw", (raw).to_string()),
        )
    })
}

fn stale(current: i64) -> ApiError {
    ApiError::stale("entry", current)
}

fn missing() -> ApiError {
    ApiError::NotFound(Text::new("err-there-no-such-entry-your-portfolio"))
}

/// Checks a new or changed entry against the shared rules and against the rest
/// of the portfolio (duplicates, a day's RSC total). Fields the applicant does
/// not control are set here.
fn prepare(
    data: EntryData,
    user: &User,
    others: &[PortfolioEntry],
    owned_documents: &[endorse_shared::DocumentId],
    previous: Option<&EntryData>,
    rulebook: &endorse_shared::rulebook::Rulebook,
    (now, today): (chrono::DateTime<Utc>, chrono::NaiveDate),
) -> ApiResult<EntryData> {
    let mut errors = data.problems(today, rulebook, &user.name);
    if let Some((field, document)) = data.document() {
        if !owned_documents.contains(&document) {
            errors
                .entry(field.into())
                .or_default()
                .push(Text::new("entry-document-not-yours"));
        }
    }
    let mut data = data;
    match &mut data {
        EntryData::Training(training) => {
            let key = (
                training.title.trim().to_lowercase(),
                training.date,
                training.hours,
            );
            let repeats = others.iter().any(|other| match &other.data {
                EntryData::Training(t) => (t.title.trim().to_lowercase(), t.date, t.hours) == key,
                _ => false,
            });
            if repeats {
                errors
                    .entry("title".into())
                    .or_default()
                    .push(Text::new("entry-training-repeats"));
            }
        }
        EntryData::Rsc(session) => {
            let mut same_day = Hours::ZERO;
            let mut repeats = false;
            for other in others {
                if let EntryData::Rsc(r) = &other.data {
                    if r.date == session.date {
                        same_day += r.hours;
                        repeats |= r
                            .provider_name
                            .trim()
                            .eq_ignore_ascii_case(session.provider_name.trim())
                            && r.hours == session.hours
                            && r.format == session.format;
                    }
                }
            }
            if repeats {
                errors
                    .entry("date".into())
                    .or_default()
                    .push(Text::new("entry-session-repeats"));
            }
            if same_day > Hours::ZERO
                && session.hours <= Hours::whole(24)
                && same_day + session.hours > Hours::whole(24)
            {
                errors.entry("hours".into()).or_default().push(
                    Text::new("entry-rsc-day-full")
                        .with("day", session.date)
                        .with("recorded", same_day.as_f64()),
                );
            }
            // Only an admin vets a provider; an edit that changes the provider undoes it.
            session.provider_vetted = matches!(previous, Some(EntryData::Rsc(before))
                if before.provider_vetted
                    && before.provider_name == session.provider_name
                    && before.provider_category == session.provider_category
                    && before.provider_number == session.provider_number);
        }
        EntryData::Membership(membership) => {
            // Only an admin verifies; changing what was verified needs a new check.
            membership.verified = matches!(previous, Some(EntryData::Membership(before))
                if before.verified
                    && before.association == membership.association
                    && before.number == membership.number
                    && before.expires_on == membership.expires_on);
        }
        EntryData::Agreements(agreement) => {
            agreement.signed_name = agreement
                .signed_name
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            agreement.signed_at = now;
        }
        EntryData::Education(_) | EntryData::Work(_) => {}
    }
    if errors.is_empty() {
        Ok(data)
    } else {
        Err(ApiError::Validation(errors))
    }
}

async fn current_rulebook(tenant: &Tenant) -> ApiResult<endorse_shared::rulebook::Rulebook> {
    Ok(tenant.db.run(rulebooks::current).await?.rulebook)
}

/// The whole portfolio: every entry and the notes to reviewers.
#[utoipa::path(
    get,
    path = "/api/v1/me/portfolio",
    tag = "portfolio",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The portfolio", body = PortfolioResponse),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_portfolio(
    tenant: Tenant,
    AuthUser(user): AuthUser,
) -> ApiResult<web::Json<PortfolioResponse>> {
    let owner = user.id;
    let (entries, notes, references) = tenant
        .db
        .run(move |conn| {
            let rulebook = rulebooks::current(conn)?.rulebook;
            Ok((
                portfolio::list(conn, owner)?,
                portfolio::notes(conn, owner)?,
                crate::db::references::list(conn, owner, &rulebook)?,
            ))
        })
        .await?;
    Ok(web::Json(PortfolioResponse {
        entries,
        notes,
        references,
    }))
}

/// The entries of one section, oldest first.
#[utoipa::path(
    get,
    path = "/api/v1/me/portfolio/{section}",
    tag = "portfolio",
    security(("bearer" = [])),
    params(("section" = EditableSection, Path, description = "The section")),
    responses(
        (status = 200, description = "The section's entries", body = Vec<PortfolioEntry>),
        (status = 404, description = "No such section", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list_section(
    tenant: Tenant,
    AuthUser(user): AuthUser,
    section: web::Path<String>,
) -> ApiResult<web::Json<Vec<PortfolioEntry>>> {
    let section = parse_section(&section)?;
    let owner = user.id;
    let entries = tenant
        .db
        .run(move |conn| portfolio::list(conn, owner))
        .await?;
    Ok(web::Json(
        entries
            .into_iter()
            .filter(|e| e.data.section() == section)
            .collect(),
    ))
}

/// Adds an entry to a section. The body names the section too, and must match
/// the address.
#[utoipa::path(
    post,
    path = "/api/v1/me/portfolio/{section}",
    tag = "portfolio",
    security(("bearer" = [])),
    params(("section" = EditableSection, Path, description = "The section")),
    request_body = EntryData,
    responses(
        (status = 201, description = "Added; the ETag is its version", body = PortfolioEntry),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such section", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, a duplicate, or the wrong section", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn create_entry(
    tenant: Tenant,
    AuthUser(user): AuthUser,
    request: HttpRequest,
    section: web::Path<String>,
    body: web::Json<EntryData>,
) -> ApiResult<HttpResponse> {
    let (ip, now) = (peer_ip(&request), tenant.clock.now());
    let calendar = tenant.calendar;
    let section = parse_section(&section)?;
    let data = body.into_inner();
    if data.section() != section {
        return Err(ApiError::field(
            "section",
            Text::new("err-but-address-section")
                .with("data", (data.section()).to_string())
                .with("section", (section).to_string()),
        ));
    }
    let rulebook = current_rulebook(&tenant).await?;
    let owner = user.id;
    let entry = tenant
        .db
        .attempt(move |conn| {
            let others = portfolio::lock(conn, owner)?;
            let owned: Vec<_> = crate::db::documents::list(conn, owner)?
                .into_iter()
                .map(|d| d.id)
                .collect();
            match prepare(
                data,
                &user,
                &others,
                &owned,
                None,
                &rulebook,
                (now, calendar.day_of(now)),
            ) {
                Ok(data) => {
                    let entry = portfolio::insert(conn, owner, &data)?;
                    audit::portfolio_change(
                        conn,
                        owner,
                        ip.as_deref(),
                        &format!(
                            "Added a {} entry ({}).",
                            section.label().to_lowercase(),
                            entry.id
                        ),
                        now,
                    )?;
                    Ok(Ok(entry))
                }
                Err(error) => Ok(Err(error)),
            }
        })
        .await??;
    Ok(HttpResponse::Created()
        .insert_header(etag(entry.version))
        .json(entry))
}

/// What changed between two versions of an entry, field by field, for the
/// audit log: `hours: 30 → 12; title: "A" → "B"`.
fn changes(before: &EntryData, after: &EntryData) -> String {
    let (Ok(serde_json::Value::Object(old)), Ok(serde_json::Value::Object(new))) = (
        serde_json::to_value(before).map(|v| v["data"].clone()),
        serde_json::to_value(after).map(|v| v["data"].clone()),
    ) else {
        return "changed".into();
    };
    let short = |value: Option<&serde_json::Value>| {
        let text = value.map_or_else(|| "none".to_string(), ToString::to_string);
        if text.chars().count() > 80 {
            format!("{}\u{2026}", text.chars().take(80).collect::<String>())
        } else {
            text
        }
    };
    let mut keys: Vec<&String> = old.keys().chain(new.keys()).collect();
    keys.sort();
    keys.dedup();
    let changed: Vec<String> = keys
        .into_iter()
        .filter(|key| old.get(*key) != new.get(*key))
        .map(|key| {
            format!(
                "{key}: {} \u{2192} {}",
                short(old.get(key)),
                short(new.get(key))
            )
        })
        .collect();
    if changed.is_empty() {
        "nothing changed".into()
    } else {
        changed.join("; ")
    }
}

/// Logs many RSC sessions at once (a month of weekly sessions, say). Each is
/// checked as if added one after another; if any is refused, none is stored
/// and the errors are keyed `sessions[i].field`.
#[utoipa::path(
    post,
    path = "/api/v1/me/portfolio/rsc/batch",
    tag = "portfolio",
    security(("bearer" = [])),
    request_body = RscBatchRequest,
    responses(
        (status = 201, description = "All stored", body = Vec<PortfolioEntry>),
        (status = 422, description = "Some sessions are refused; nothing was stored", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn create_rsc_batch(
    tenant: Tenant,
    AuthUser(user): AuthUser,
    request: HttpRequest,
    body: web::Json<RscBatchRequest>,
) -> ApiResult<HttpResponse> {
    let (ip, now) = (peer_ip(&request), tenant.clock.now());
    let calendar = tenant.calendar;
    let sessions = body.into_inner().sessions;
    if sessions.is_empty() || sessions.len() > RSC_BATCH_MAX {
        return Err(ApiError::field(
            "sessions",
            Text::new("err-must-hold-1-rsc-batch-max")
                .with("rsc-batch-max", (RSC_BATCH_MAX).to_string()),
        ));
    }
    let rulebook = current_rulebook(&tenant).await?;
    let owner = user.id;
    let created = tenant
        .db
        .attempt(move |conn| {
            let mut others = portfolio::lock(conn, owner)?;
            let mut prepared = Vec::new();
            let mut errors = std::collections::BTreeMap::new();
            for (index, session) in sessions.into_iter().enumerate() {
                match prepare(
                    EntryData::Rsc(session),
                    &user,
                    &others,
                    &[],
                    None,
                    &rulebook,
                    (now, calendar.day_of(now)),
                ) {
                    Ok(data) => {
                        // Later sessions of the batch are weighed against earlier ones.
                        others.push(PortfolioEntry {
                            id: EntryId::from_uuid(uuid::Uuid::nil()),
                            version: 0,
                            data: data.clone(),
                            created_at: Utc::now(),
                            updated_at: Utc::now(),
                        });
                        prepared.push(data);
                    }
                    Err(ApiError::Validation(found)) => {
                        for (field, messages) in found {
                            errors.insert(format!("sessions[{index}].{field}"), messages);
                        }
                    }
                    Err(other) => return Ok(Err(other)),
                }
            }
            if !errors.is_empty() {
                return Ok(Err(ApiError::Validation(errors)));
            }
            let mut created = Vec::new();
            for data in &prepared {
                created.push(portfolio::insert(conn, owner, data)?);
            }
            audit::portfolio_change(
                conn,
                owner,
                ip.as_deref(),
                &format!("Added {} RSC sessions.", created.len()),
                now,
            )?;
            Ok(Ok(created))
        })
        .await??;
    Ok(HttpResponse::Created().json(created))
}

/// One entry.
#[utoipa::path(
    get,
    path = "/api/v1/me/portfolio/{section}/{id}",
    tag = "portfolio",
    security(("bearer" = [])),
    params(("section" = EditableSection, Path, description = "The section"), ("id" = String, Path, description = "The entry")),
    responses(
        (status = 200, description = "The entry; the ETag is its version", body = PortfolioEntry),
        (status = 404, description = "No such entry in your portfolio", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_entry(
    tenant: Tenant,
    AuthUser(user): AuthUser,
    path: web::Path<(String, EntryId)>,
) -> ApiResult<HttpResponse> {
    let (section, id) = path.into_inner();
    let section = parse_section(&section)?;
    let owner = user.id;
    let entry = tenant
        .db
        .run(move |conn| portfolio::get(conn, owner, id))
        .await?
        .filter(|entry| entry.data.section() == section)
        .ok_or_else(missing)?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(entry.version))
        .json(entry))
}

/// Replaces an entry. Send the version you loaded in `If-Match`; if it changed
/// meanwhile (another tab), the answer is 412 and nothing is written.
#[utoipa::path(
    put,
    path = "/api/v1/me/portfolio/{section}/{id}",
    tag = "portfolio",
    security(("bearer" = [])),
    params(
        ("section" = EditableSection, Path, description = "The section"),
        ("id" = String, Path, description = "The entry"),
        ("If-Match" = String, Header, description = "The entry's version, as its ETag gave it"),
    ),
    request_body = EntryData,
    responses(
        (status = 200, description = "Changed; the ETag is the new version", body = PortfolioEntry),
        (status = 404, description = "No such entry in your portfolio", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "A signature cannot be changed", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since you loaded it", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match is missing", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn update_entry(
    tenant: Tenant,
    AuthUser(user): AuthUser,
    request: HttpRequest,
    path: web::Path<(String, EntryId)>,
    if_match: IfMatch,
    body: web::Json<EntryData>,
) -> ApiResult<HttpResponse> {
    let (section, id) = path.into_inner();
    let section = parse_section(&section)?;
    let data = body.into_inner();
    if data.section() != section {
        return Err(ApiError::field(
            "section",
            Text::new("err-but-address-section")
                .with("data", (data.section()).to_string())
                .with("section", (section).to_string()),
        ));
    }
    if section == EditableSection::Agreements {
        return Err(ApiError::Conflict(Text::new(
            "err-signed-agreement-cannot-changed-sign-again",
        )));
    }
    let rulebook = current_rulebook(&tenant).await?;
    let owner = user.id;
    let expected = if_match.version()?;
    let (ip, now) = (peer_ip(&request), tenant.clock.now());
    let calendar = tenant.calendar;
    let entry = tenant
        .db
        .attempt(move |conn| {
            let all = portfolio::lock(conn, owner)?;
            let Some(previous) = all
                .iter()
                .find(|e| e.id == id && e.data.section() == section)
            else {
                return Ok(Err(missing()));
            };
            if previous.version != expected {
                return Ok(Err(stale(previous.version)));
            }
            let others: Vec<PortfolioEntry> = all.iter().filter(|e| e.id != id).cloned().collect();
            let owned: Vec<_> = crate::db::documents::list(conn, owner)?
                .into_iter()
                .map(|d| d.id)
                .collect();
            let data = match prepare(
                data,
                &user,
                &others,
                &owned,
                Some(&previous.data),
                &rulebook,
                (now, calendar.day_of(now)),
            ) {
                Ok(data) => data,
                Err(error) => return Ok(Err(error)),
            };
            let updated = match guarded(
                portfolio::update(conn, owner, id, expected, &data)?,
                "entry",
                missing,
            ) {
                Ok(updated) => updated,
                Err(refused) => return Ok(Err(refused)),
            };
            audit::portfolio_change(
                conn,
                owner,
                ip.as_deref(),
                &format!(
                    "Changed the {} entry {id}: {}.",
                    section.label().to_lowercase(),
                    changes(&previous.data, &updated.data)
                ),
                now,
            )?;
            Ok(Ok(updated))
        })
        .await??;
    Ok(HttpResponse::Ok()
        .insert_header(etag(entry.version))
        .json(entry))
}

/// Removes an entry, if it is still at the version in `If-Match`.
#[utoipa::path(
    delete,
    path = "/api/v1/me/portfolio/{section}/{id}",
    tag = "portfolio",
    security(("bearer" = [])),
    params(
        ("section" = EditableSection, Path, description = "The section"),
        ("id" = String, Path, description = "The entry"),
        ("If-Match" = String, Header, description = "The entry's version"),
    ),
    responses(
        (status = 204, description = "Removed"),
        (status = 404, description = "No such entry in your portfolio", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since you loaded it", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match is missing", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn delete_entry(
    tenant: Tenant,
    AuthUser(user): AuthUser,
    request: HttpRequest,
    path: web::Path<(String, EntryId)>,
    if_match: IfMatch,
) -> ApiResult<HttpResponse> {
    let (section, id) = path.into_inner();
    let section = parse_section(&section)?;
    let owner = user.id;
    let expected = if_match.version()?;
    let (ip, now) = (peer_ip(&request), tenant.clock.now());
    let outcome = tenant
        .db
        .transaction(move |conn| {
            match portfolio::get(conn, owner, id)? {
                Some(entry) if entry.data.section() == section => {}
                _ => return Ok(Guarded::Missing),
            }
            let outcome = portfolio::delete(conn, owner, id, expected)?;
            if matches!(outcome, Guarded::Done(_)) {
                audit::portfolio_change(
                    conn,
                    owner,
                    ip.as_deref(),
                    &format!("Removed the {} entry {id}.", section.label().to_lowercase()),
                    now,
                )?;
            }
            Ok(outcome)
        })
        .await?;
    guarded(outcome, "entry", missing)?;
    Ok(HttpResponse::NoContent().finish())
}

/// Writes the note to reviewers on a section. `If-Match: "0"` when there is none
/// yet.
#[utoipa::path(
    put,
    path = "/api/v1/me/portfolio/{section}/note",
    tag = "portfolio",
    security(("bearer" = [])),
    params(
        ("section" = EditableSection, Path, description = "The section"),
        ("If-Match" = String, Header, description = "The note's version, 0 when there is none"),
    ),
    request_body = NoteRequest,
    responses(
        (status = 200, description = "Saved", body = SectionNote),
        (status = 412, description = "Changed since you loaded it", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Too long", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "If-Match is missing", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn put_note(
    tenant: Tenant,
    AuthUser(user): AuthUser,
    section: web::Path<String>,
    if_match: IfMatch,
    body: web::Json<NoteRequest>,
) -> ApiResult<HttpResponse> {
    let section = parse_section(&section)?;
    let note = body.into_inner().note;
    if note.chars().count() > NOTE_MAX_CHARS {
        return Err(ApiError::field(
            "note",
            Text::new("err-must-at-most-note-max-chars")
                .with("note-max-chars", (NOTE_MAX_CHARS).to_string()),
        ));
    }
    let owner = user.id;
    let expected = if_match.version()?;
    let outcome = tenant
        .db
        .transaction(move |conn| portfolio::put_note(conn, owner, section, note.trim(), expected))
        .await?;
    let note = guarded(outcome, "note", missing)?;
    Ok(HttpResponse::Ok()
        .insert_header(etag(note.version))
        .json(note))
}

/// The self-check: for every category of the current rulebook, eligible now or
/// what is still short.
#[utoipa::path(
    get,
    path = "/api/v1/me/eligibility",
    tag = "portfolio",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "One report per category", body = Vec<EligibilityReport>),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_eligibility(
    tenant: Tenant,
    AuthUser(user): AuthUser,
) -> ApiResult<web::Json<Vec<EligibilityReport>>> {
    let owner = user.id;
    let (weighable, version) = tenant
        .db
        .run(move |conn| {
            let version = rulebooks::current(conn)?;
            Ok((
                portfolio::weighable(conn, owner, &version.rulebook)?,
                version,
            ))
        })
        .await?;
    let today = tenant.today();
    Ok(web::Json(eligibility::self_check(
        &version.rulebook,
        &weighable.portfolio,
        today,
        crate::locale::current(),
    )))
}

/// Admins: someone's portfolio.
#[utoipa::path(
    get,
    path = "/api/v1/users/{id}/portfolio",
    tag = "portfolio",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The person")),
    responses(
        (status = 200, description = "The portfolio", body = PortfolioResponse),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such person", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_user_portfolio(
    tenant: Tenant,
    _admin: crate::auth::RequireAdmin,
    id: web::Path<endorse_shared::UserId>,
) -> ApiResult<web::Json<PortfolioResponse>> {
    let owner = id.into_inner();
    let found = tenant
        .db
        .run(move |conn| {
            if crate::db::users::find(conn, owner)?.is_none() {
                return Ok(None);
            }
            let rulebook = rulebooks::current(conn)?.rulebook;
            Ok(Some(PortfolioResponse {
                entries: portfolio::list(conn, owner)?,
                notes: portfolio::notes(conn, owner)?,
                references: crate::db::references::list(conn, owner, &rulebook)?,
            }))
        })
        .await?
        .ok_or_else(|| ApiError::NotFound(Text::new("err-there-no-account-with-id")))?;
    Ok(web::Json(found))
}

/// Admins: verifies a membership, or vets the provider of an RSC session. Only
/// an admin can; the applicant's own edits to what was verified undo it.
#[utoipa::path(
    post,
    path = "/api/v1/users/{id}/portfolio/{section}/{entry}/verify",
    tag = "portfolio",
    security(("bearer" = [])),
    params(
        ("id" = String, Path, description = "The person"),
        ("section" = EditableSection, Path, description = "membership or rsc"),
        ("entry" = String, Path, description = "The entry"),
        ("If-Match" = String, Header, description = "The entry's version"),
    ),
    responses(
        (status = 200, description = "Verified", body = PortfolioEntry),
        (status = 404, description = "No such entry", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since you loaded it", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Only memberships and RSC providers are verified", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn verify_entry(
    tenant: Tenant,
    crate::auth::RequireAdmin(admin): crate::auth::RequireAdmin,
    request: HttpRequest,
    path: web::Path<(endorse_shared::UserId, String, EntryId)>,
    if_match: IfMatch,
) -> ApiResult<HttpResponse> {
    let who = crate::http::client::by(&admin, &request);
    let now = tenant.clock.now();
    let (owner, section, id) = path.into_inner();
    let section = parse_section(&section)?;
    if !matches!(section, EditableSection::Membership | EditableSection::Rsc) {
        return Err(ApiError::field(
            "section",
            Text::new("err-only-membership-rsc-provider-verified"),
        ));
    }
    let expected = if_match.version()?;
    let entry = tenant
        .db
        .attempt(move |conn| {
            let Some(entry) =
                portfolio::get(conn, owner, id)?.filter(|e| e.data.section() == section)
            else {
                return Ok(Err(missing()));
            };
            let (data, what) = match entry.data {
                EntryData::Membership(mut membership) => {
                    membership.verified = true;
                    let what = (
                        "membership_verified",
                        format!(
                            "Verified membership {} of {}",
                            membership.number, membership.association
                        ),
                    );
                    (EntryData::Membership(membership), what)
                }
                EntryData::Rsc(mut session) => {
                    session.provider_vetted = true;
                    let what = (
                        "provider_vetted",
                        format!("Vetted the RSC provider {}", session.provider_name),
                    );
                    (EntryData::Rsc(session), what)
                }
                _ => return Ok(Err(missing())),
            };
            let updated = guarded(
                portfolio::update(conn, owner, id, expected, &data)?,
                "entry",
                missing,
            );
            if updated.is_ok() {
                let person = owner.to_string();
                crate::db::association_log::record_about(
                    conn,
                    who.actor(),
                    Some(crate::db::association_log::Subject::user(&person)),
                    (what.0, &what.1),
                    now,
                )?;
            }
            Ok(updated)
        })
        .await??;
    tracing::info!(admin_id = %admin.id, entry_id = %entry.id, "portfolio entry verified");
    Ok(HttpResponse::Ok()
        .insert_header(etag(entry.version))
        .json(entry))
}
