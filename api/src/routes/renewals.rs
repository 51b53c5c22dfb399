//! Renewal and reinstatement: the holder renews every endorsement due at once
//! from their portfolio (the eligibility engine weighs it against the
//! rulebook's renewal policy), an admin approves or returns it, and the
//! association's schedule (run by the worker) opens renewal, sends reminders
//! and lapses what was not renewed in time.

use crate::auth::{AuthUser, RequireAdmin};
use crate::calendar::Calendar;
use crate::db::audit::{self, EndorsementEvent};
use crate::db::endorsements::{self, Endorsement};
use crate::db::outbox;
use crate::db::renewals::{self, NewRenewal};
use crate::db::{portfolio, rulebooks, users, AnyConnection, DbError, DbResult};
use crate::error::{ApiError, ApiResult};
use crate::http::client::peer_ip;
use crate::http::versioning::{etag, IfMatch};
use crate::mail::templates::Context;
use crate::tenancy::Tenant;
use crate::workflow::renewal::{plan, Plan};
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::{DateTime, NaiveDate, Utc};
use endorse_shared::eligibility::{evaluate_renewal, EligibilityReport, RenewalInput};
use endorse_shared::endorsements::EndorsementStatus;
use endorse_shared::fees::FeeKind;
use endorse_shared::i18n::Text;
use endorse_shared::renewal::{
    RenewalDecisionRequest, RenewalKind, RenewalOverview, RenewalRecord, RenewalStatus,
    SubmitRenewalRequest,
};
use endorse_shared::rulebook::Rulebook;
use endorse_shared::{Problem, Role, UserId};
use std::collections::BTreeMap;

/// The engine's report for a plan, on the holder's portfolio now.
fn weigh(
    conn: &mut AnyConnection,
    holder: UserId,
    plan: &Plan,
    rulebook: &Rulebook,
    provides_rsc: bool,
    today: NaiveDate,
) -> DbResult<Option<EligibilityReport>> {
    let Some(case) = plan.case.clone() else {
        return Ok(None);
    };
    let weighable = portfolio::weighable(conn, holder, rulebook)?;
    let categories: Vec<String> = plan.covers.iter().map(|e| e.category.clone()).collect();
    let rules: Vec<&endorse_shared::rulebook::CategoryRules> = categories
        .iter()
        .filter_map(|c| rulebook.category(c))
        .collect();
    Ok(Some(evaluate_renewal(
        &rulebook.renewal,
        &RenewalInput {
            case,
            since: plan.since,
            categories: &categories,
            rules: &rules,
            provides_rsc,
        },
        &weighable.portfolio,
        today,
        crate::locale::current(),
    )))
}

fn overview(
    conn: &mut AnyConnection,
    holder: UserId,
    provides_rsc: Option<bool>,
    now: DateTime<Utc>,
    calendar: Calendar,
) -> DbResult<RenewalOverview> {
    let rulebook = rulebooks::current(conn)?.rulebook;
    let today = calendar.day_of(now);
    let history = renewals::for_holder(conn, holder)?;
    let pending = history
        .iter()
        .find(|r| r.status == RenewalStatus::Submitted)
        .cloned();
    let last = history
        .iter()
        .find(|r| r.status != RenewalStatus::Submitted)
        .cloned();
    let provides_rsc =
        provides_rsc.unwrap_or_else(|| history.first().is_some_and(|r| r.provides_rsc));
    let plan = plan(
        endorsements::for_holder(conn, holder)?,
        &rulebook,
        today,
        calendar,
    );
    let report = if pending.is_none() {
        weigh(conn, holder, &plan, &rulebook, provides_rsc, today)?
    } else {
        None
    };
    Ok(RenewalOverview {
        kind: plan.kind(),
        covers: plan.covers.iter().map(|e| e.number.clone()).collect(),
        due: plan.due,
        last_day: plan.due.map(|due| rulebook.endorsement.valid_through(due)),
        opens_on: plan.opens_on,
        report,
        provides_rsc,
        pending,
        last,
    })
}

/// Holders: what they may renew now, and how their portfolio stands against
/// it.
#[utoipa::path(
    get,
    path = "/api/v1/me/renewal",
    tag = "renewals",
    security(("bearer" = [])),
    params(("provides_rsc" = Option<bool>, Query, description = "Weigh as a provider of RSC (default: as declared last time)")),
    responses((status = 200, description = "Where renewal stands", body = RenewalOverview))
)]
pub async fn my_renewal(
    tenant: Tenant,
    AuthUser(user): AuthUser,
    query: web::Query<BTreeMap<String, String>>,
) -> ApiResult<web::Json<RenewalOverview>> {
    let provides_rsc = match query.get("provides_rsc").map(String::as_str) {
        None => None,
        Some("true") => Some(true),
        Some("false") => Some(false),
        Some(_) => {
            return Err(ApiError::field(
                "provides_rsc",
                Text::new("err-must-true-false"),
            ))
        }
    };
    let now = tenant.clock.now();
    let calendar = tenant.calendar;
    let found = tenant
        .db
        .run(move |conn| overview(conn, user.id, provides_rsc, now, calendar))
        .await?;
    Ok(web::Json(found))
}

/// Holders: submit the renewal (or reinstatement) of every endorsement it
/// covers. Refused while a requirement is short, naming each.
#[utoipa::path(
    post,
    path = "/api/v1/me/renewal",
    tag = "renewals",
    security(("bearer" = [])),
    request_body = SubmitRenewalRequest,
    responses(
        (status = 201, description = "Submitted", body = RenewalRecord),
        (status = 409, description = "Nothing to renew now, one is already waiting, or a renewal fee that blocks it is unpaid", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Requirements still short, by key", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn submit(
    tenant: Tenant,
    AuthUser(user): AuthUser,
    body: web::Json<SubmitRenewalRequest>,
) -> ApiResult<HttpResponse> {
    let calendar = tenant.calendar;
    let provides_rsc = body.provides_rsc;
    let now = tenant.clock.now();
    let currency = tenant.association.currency.clone();
    let record = tenant
        .db
        .attempt(move |conn| {
            // What is weighed is what the renewal records.
            crate::db::lock_owner(conn, user.id)?;
            let rulebook = rulebooks::current(conn)?.rulebook;
            let today = calendar.day_of(now);
            let plan = plan(
                endorsements::for_holder(conn, user.id)?,
                &rulebook,
                today,
                calendar,
            );
            let Some(kind) = plan.kind() else {
                return Ok(Err(ApiError::Conflict(match plan.opens_on {
                    Some(day) => Text::new("renewal-opens-on").with("day", day),
                    None => Text::new("renewal-nothing-to-renew"),
                })));
            };
            let fees = crate::workflow::fees::of_person(conn, user.id, &currency, today, calendar)?;
            if let Some(unpaid) = crate::workflow::fees::unpaid(
                &fees,
                &[FeeKind::Renewal, FeeKind::Reinstatement],
                crate::locale::current(),
            ) {
                return Ok(Err(unpaid));
            }
            let Some(report) = weigh(conn, user.id, &plan, &rulebook, provides_rsc, today)? else {
                return Err(DbError::NotFound);
            };
            if !report.eligible {
                let errors = report
                    .short_lines()
                    .map(|line| {
                        (
                            line.key.clone(),
                            vec![Text::plain(
                                line.shortfall
                                    .clone()
                                    .unwrap_or_else(|| line.summary.clone()),
                            )],
                        )
                    })
                    .collect();
                return Ok(Err(ApiError::Validation(errors)));
            }
            let numbers: Vec<String> = plan.covers.iter().map(|e| e.number.clone()).collect();
            let inserted = crate::db::write::<_, DbError, _>(conn, |conn| {
                renewals::insert(
                    conn,
                    &NewRenewal {
                        holder: user.id,
                        kind,
                        numbers: &numbers,
                        provides_rsc,
                        report: &report,
                    },
                    now,
                )
            });
            let id = match inserted {
                Ok(id) => id,
                Err(DbError::UniqueViolation(_)) => {
                    return Ok(Err(ApiError::Conflict(Text::new(
                        "err-your-renewal-already-waiting-association",
                    ))))
                }
                Err(other) => return Err(other),
            };
            Ok(Ok(renewals::get(conn, &id)?.ok_or(DbError::NotFound)?))
        })
        .await??;
    Ok(HttpResponse::Created()
        .insert_header(etag(record.version))
        .json(record))
}

/// Admins: renewals waiting for a decision, the oldest first.
#[utoipa::path(
    get,
    path = "/api/v1/renewals",
    tag = "renewals",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Waiting renewals", body = Vec<RenewalRecord>),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn waiting(
    tenant: Tenant,
    _admin: RequireAdmin,
) -> ApiResult<web::Json<Vec<RenewalRecord>>> {
    let list = tenant
        .db
        .run(|conn| renewals::in_status(conn, RenewalStatus::Submitted))
        .await?;
    Ok(web::Json(list))
}

/// Admins: approve a renewal (each endorsement it covers runs another cycle,
/// with a new credential) or return it with a reason.
#[utoipa::path(
    post,
    path = "/api/v1/renewals/{id}/decision",
    tag = "renewals",
    security(("bearer" = [])),
    params(
        ("id" = String, Path, description = "The renewal"),
        ("If-Match" = String, Header, description = "The version you loaded"),
    ),
    request_body = RenewalDecisionRequest,
    responses(
        (status = 200, description = "Decided", body = RenewalRecord),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such renewal", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already decided, or an endorsement moved meanwhile", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since loaded", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A return without a reason", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn decide(
    tenant: Tenant,
    RequireAdmin(admin): RequireAdmin,
    request: HttpRequest,
    if_match: IfMatch,
    id: web::Path<uuid::Uuid>,
    body: web::Json<RenewalDecisionRequest>,
) -> ApiResult<HttpResponse> {
    let expected = if_match.version()?;
    let id = id.into_inner().to_string();
    let body = body.into_inner();
    let reason = body
        .reason
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(str::to_string);
    if reason.as_ref().is_some_and(|r| r.chars().count() > 2000) {
        return Err(ApiError::field(
            "reason",
            Text::new("err-must-at-most-2000-characters"),
        ));
    }
    if !body.approve && reason.is_none() {
        return Err(ApiError::field(
            "reason",
            Text::new("err-say-why-renewal-goes-back-holder"),
        ));
    }
    let now = tenant.clock.now();
    let calendar = tenant.calendar;
    let ip = peer_ip(&request);
    let issuer = tenant.issuer.clone();
    let mail = tenant.mail_settings.clone();
    let public_url = tenant.public_url.clone();
    let association_lang = tenant.mail().lang;
    let record = tenant
        .db
        .attempt(move |conn| {
            let Some(current) = renewals::get(conn, &id)? else {
                return Ok(Err(ApiError::NotFound(Text::new(
                    "err-there-no-such-renewal",
                ))));
            };
            if current.status != RenewalStatus::Submitted {
                return Ok(Err(ApiError::Conflict(
                    Text::new("err-renewal-was-already-decided")
                        .with("status", current.status.text()),
                )));
            }
            if current.version != expected {
                return Ok(Err(ApiError::stale("renewal", current.version)));
            }
            let rulebook = rulebooks::current(conn)?.rulebook;
            // Every endorsement it covers must still be renewable: checked
            // before anything is written, so a refusal leaves it all as it was.
            let moves = if body.approve {
                match renewable(conn, &current, &rulebook, calendar.day_of(now))? {
                    Ok(moves) => moves,
                    Err(refusal) => return Ok(Err(refusal)),
                }
            } else {
                Vec::new()
            };
            let to = if body.approve {
                RenewalStatus::Approved
            } else {
                RenewalStatus::Returned
            };
            if !renewals::decide(conn, &id, expected, to, admin.id, reason.as_deref(), now)? {
                return Err(DbError::Conflict);
            }
            let next_due = moves.iter().map(|(_, due)| *due).min();
            for (mut endorsement, due) in moves {
                let number = endorsement.number.clone();
                if !endorsements::renew(conn, &number, endorsement.status, due, now)? {
                    return Err(DbError::Conflict);
                }
                audit::record_endorsement(
                    conn,
                    EndorsementEvent {
                        application: endorsement.application,
                        number: Some(&number),
                        actor: Some(admin.id),
                        actor_name: &admin.name,
                        role: Role::Admin,
                        ip: ip.as_deref(),
                        action: if current.kind == RenewalKind::Renewal {
                            "renew"
                        } else {
                            "reinstate"
                        },
                        reason: reason.as_deref(),
                        details: format!(
                            "Endorsement {number}: {} approved; next renewal due {due}.",
                            current.kind.label()
                        ),
                    },
                    now,
                )?;
                endorsement.status = EndorsementStatus::Active;
                endorsement.renewal_due = due;
                issuer.issue(conn, &mut endorsement, &rulebook, now)?;
            }
            if let Some(holder) = users::find(conn, current.holder)? {
                let message = Context {
                    mail: &mail,
                    public_url: &public_url,
                    calendar,
                    lang: holder.language.unwrap_or(association_lang),
                    unconfirmed: !holder.email_verified(),
                }
                .renewal_decision(
                    &holder.email,
                    &holder.name,
                    current.kind,
                    next_due,
                    reason.as_deref(),
                );
                outbox::enqueue(conn, &message, now)?;
            }
            Ok(Ok(renewals::get(conn, &id)?.ok_or(DbError::NotFound)?))
        })
        .await??;
    Ok(HttpResponse::Ok()
        .insert_header(etag(record.version))
        .json(record))
}

/// The endorsements a renewal covers, each with its next due date, if every
/// one may still be renewed (or, for a reinstatement, is still lapsed).
fn renewable(
    conn: &mut AnyConnection,
    renewal: &RenewalRecord,
    rulebook: &Rulebook,
    today: NaiveDate,
) -> DbResult<Result<Vec<(Endorsement, NaiveDate)>, ApiError>> {
    let policy = &rulebook.endorsement;
    let mut moves = Vec::new();
    for number in &renewal.numbers {
        let endorsement = endorsements::get(conn, number)?.ok_or(DbError::NotFound)?;
        let due = match renewal.kind {
            RenewalKind::Renewal if endorsement.status.in_good_standing() => {
                policy.next_due(endorsement.renewal_due)
            }
            // Reinstated, the holder gets a full first cycle again.
            RenewalKind::Reinstatement if endorsement.status == EndorsementStatus::Lapsed => {
                policy.first_due(today)
            }
            _ => {
                return Ok(Err(ApiError::Conflict(
                    Text::new("err-endorsement-now-cannot")
                        .with("number", (number).to_string())
                        .with("status", endorsement.status.text())
                        .with("kind", renewal.kind.text()),
                )))
            }
        };
        moves.push((endorsement, due));
    }
    Ok(Ok(moves))
}
