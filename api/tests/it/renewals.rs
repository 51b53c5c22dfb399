//! Renewal: the schedule opens it, reminds the holder 60, 30 and 7 days
//! before the due date and on the day, and lapses an endorsement not renewed
//! by the end of its grace period (it leaves the registry and its status bit
//! flips); a renewal weighed by the engine is submitted and approved, moving
//! the due date and issuing a new credential; a lapsed holder is reinstated
//! with current membership, work since the lapse and three new ratings.

use crate::applications::add;
use crate::endorsements::{endorsed, registry};
use crate::helpers::*;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use endorse_api::clock::Clock;
use endorse_api::db::references;
use endorse_shared::credential::{self, Bitstring, StatusPurpose};
use endorse_shared::endorsements::{CredentialDownload, EndorsementStatus, EndorsementView};
use endorse_shared::fees::{FeeStatus, FeesResponse};
use endorse_shared::mail::{MailKind, OutboxPage};
use endorse_shared::renewal::{RenewalKind, RenewalOverview, RenewalRecord, RenewalStatus};
use endorse_shared::rulebook::Relationship;
use reqwest::StatusCode;
use serde_json::json;

async fn mine(app: &TestApp, token: &str) -> EndorsementView {
    let list: Vec<EndorsementView> = expect_json(
        app.get_as("/api/v1/me/endorsements", token).await,
        StatusCode::OK,
    )
    .await;
    list.into_iter().next().expect("one endorsement")
}

pub(crate) async fn overview(app: &TestApp, token: &str) -> RenewalOverview {
    expect_json(
        app.get_as("/api/v1/me/renewal", token).await,
        StatusCode::OK,
    )
    .await
}

async fn mail(app: &TestApp, admin: &str, kind: MailKind) -> Vec<String> {
    let page: OutboxPage = expect_json(
        app.get_as("/api/v1/outbox?to=ada@example.org", admin).await,
        StatusCode::OK,
    )
    .await;
    let mut subjects: Vec<(DateTime<Utc>, String)> = page
        .items
        .into_iter()
        .filter(|m| m.kind == kind)
        .map(|m| (m.created_at, m.subject))
        .collect();
    subjects.sort();
    subjects.into_iter().map(|(_, s)| s).collect()
}

/// Noon on `day`.
fn noon(day: NaiveDate) -> DateTime<Utc> {
    day.and_hms_opt(12, 0, 0).unwrap().and_utc()
}

/// Moves the server's clock forward to `at` (never back).
fn move_to(app: &TestApp, at: DateTime<Utc>) {
    let now = app.clock.now();
    if at > now {
        app.clock.advance(at - now);
    }
}

pub(crate) async fn tick(app: &TestApp) {
    app.worker.tick().await.unwrap();
    app.worker.tick().await.unwrap();
}

/// Whether the status list says the endorsement is suspended now.
async fn suspended_bit(app: &TestApp, token: &str, number: &str) -> bool {
    let got: CredentialDownload = expect_json(
        app.get_as(&format!("/api/v1/endorsements/{number}/credential"), token)
            .await,
        StatusCode::OK,
    )
    .await;
    let payload = credential::readable_payload(&got.jwt).unwrap();
    let entry = &payload["credentialStatus"];
    assert_eq!(entry["statusPurpose"], "message");
    let index: u64 = entry["statusListIndex"].as_str().unwrap().parse().unwrap();
    let list = app
        .client
        .get(app.url(&format!(
            "/api/v1/status-lists/{}",
            StatusPurpose::Message.as_str()
        )))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let list = credential::readable_payload(&list).unwrap();
    Bitstring::decode(list["credentialSubject"]["encodedList"].as_str().unwrap())
        .unwrap()
        .value(index, credential::STATUS_SIZE)
        .unwrap()
        == credential::Standing::Suspended.value()
}

#[actix_web::test]
async fn the_schedule_opens_renewal_reminds_on_each_threshold_and_lapses_a_missed_one() {
    let app = spawn_app().await;
    let (admin, ada, _) = endorsed(&app).await;
    let endorsement = mine(&app, &ada).await;
    let (number, due) = (endorsement.number.clone(), endorsement.renewal_due);
    app.put_as(
        &format!("/api/v1/me/endorsements/{number}/listing"),
        &ada,
        Some("\"1\""),
        &json!({ "listed": true }),
    )
    .await;

    // Each threshold still ahead sends one reminder, however many rounds run.
    let mut expected = Vec::new();
    for days in [60, 30, 7, 0] {
        let at = noon(due - Duration::days(days));
        if at > app.clock.now() {
            move_to(&app, at);
            tick(&app).await;
            expected.push(days);
        }
    }
    let sent = mail(&app, &admin, MailKind::RenewalReminder).await;
    assert_eq!(sent.len(), expected.len(), "{sent:?} for {expected:?}");
    assert_eq!(
        sent.last().unwrap(),
        "Your endorsement renewal is due today"
    );
    assert_eq!(mine(&app, &ada).await.status, EndorsementStatus::RenewalDue);

    // Past the due date, within the grace period: still in good standing.
    move_to(&app, noon(due + Duration::days(30)));
    tick(&app).await;
    assert_eq!(mine(&app, &ada).await.status, EndorsementStatus::RenewalDue);
    assert_eq!(registry(&app, "").await.total, 1);
    assert!(!suspended_bit(&app, &ada, &number).await);
    assert_eq!(
        mail(&app, &admin, MailKind::RenewalReminder).await.len(),
        expected.len(),
        "no reminder after the due date"
    );

    // The day after the grace period: lapsed, out of the registry, bit set.
    move_to(&app, noon(due + Duration::days(31)));
    tick(&app).await;
    assert_eq!(mine(&app, &ada).await.status, EndorsementStatus::Lapsed);
    assert_eq!(registry(&app, "").await.total, 0);
    assert!(suspended_bit(&app, &ada, &number).await);
    assert_eq!(
        mail(&app, &admin, MailKind::Lapsed).await,
        vec![format!("Your endorsement {number} has lapsed")]
    );
    assert_eq!(
        overview(&app, &ada).await.kind,
        Some(RenewalKind::Reinstatement)
    );
}

/// Records 12 hours of RSC today and signs the Code of Ethics again.
async fn renewal_entries(app: &TestApp, token: &str) {
    let today = app.clock.now().date_naive();
    add(app, token, json!({ "section": "rsc", "data": {
        "date": today, "hours": 12, "format": "individual", "provider_name": "Dr. Rivera",
        "provider_category": "IFRS", "provider_number": null, "provider_vetted": false, "about_providing": false }}))
    .await;
    add(
        app,
        token,
        json!({ "section": "agreements", "data": {
        "kind": "code_of_ethics", "signed_name": "Ada Lovelace", "signed_at": app.clock.now() }}),
    )
    .await;
}

#[actix_web::test]
async fn a_renewal_is_weighed_submitted_and_approved_moving_the_due_date() {
    let app = spawn_app().await;
    let (admin, ada, _) = endorsed(&app).await;
    let endorsement = mine(&app, &ada).await;
    let (number, due) = (endorsement.number.clone(), endorsement.renewal_due);
    move_to(&app, noon(due - Duration::days(10)));

    // The first year: no training hours, but RSC (IFS) and the Code of Ethics
    // signed again since the award.
    let before = overview(&app, &ada).await;
    assert_eq!(before.kind, Some(RenewalKind::Renewal));
    assert_eq!(before.covers, vec![number.clone()]);
    assert_eq!(before.due, Some(due));
    let report = before.report.unwrap();
    assert!(report.line("training.hours").unwrap().met);
    let short: Vec<&str> = report.short_lines().map(|l| l.key.as_str()).collect();
    assert_eq!(short, ["rsc.hours", "agreements.code_of_ethics"]);
    let refused = expect_problem(
        app.post_as(
            "/api/v1/me/renewal",
            &ada,
            &json!({ "provides_rsc": false }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(refused.errors.contains_key("rsc.hours"));

    renewal_entries(&app, &ada).await;
    // Providers of RSC also need 3 hours of training on providing it; in the
    // first year none is due.
    let as_provider: RenewalOverview = expect_json(
        app.get_as("/api/v1/me/renewal?provides_rsc=true", &ada)
            .await,
        StatusCode::OK,
    )
    .await;
    let as_provider = as_provider.report.unwrap();
    assert!(
        as_provider.eligible,
        "{:?}",
        as_provider.short_lines().collect::<Vec<_>>()
    );
    let bad = app
        .get_as("/api/v1/me/renewal?provides_rsc=maybe", &ada)
        .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let submitted: RenewalRecord = expect_json(
        app.post_as(
            "/api/v1/me/renewal",
            &ada,
            &json!({ "provides_rsc": false }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(submitted.status, RenewalStatus::Submitted);
    assert_eq!(submitted.numbers, vec![number.clone()]);
    let twice = app
        .post_as(
            "/api/v1/me/renewal",
            &ada,
            &json!({ "provides_rsc": false }),
        )
        .await;
    assert_eq!(twice.status(), StatusCode::CONFLICT);

    // While it waits, the grace period may pass without a lapse.
    move_to(&app, noon(due + Duration::days(40)));
    tick(&app).await;
    assert_eq!(mine(&app, &ada).await.status, EndorsementStatus::RenewalDue);

    // An admin approves it: active again, due a year later, a new credential.
    let waiting: Vec<RenewalRecord> =
        expect_json(app.get_as("/api/v1/renewals", &admin).await, StatusCode::OK).await;
    assert_eq!(waiting.len(), 1);
    let decision = format!("/api/v1/renewals/{}/decision", submitted.id);
    assert_eq!(
        app.get_as("/api/v1/renewals", &ada).await.status(),
        StatusCode::FORBIDDEN
    );
    let decide = |body: serde_json::Value, version: &str| {
        let app = &app;
        let (admin, decision) = (admin.clone(), decision.clone());
        let version = version.to_string();
        async move {
            app.client
                .post(app.url(&decision))
                .bearer_auth(&admin)
                .header("if-match", version)
                .json(&body)
                .send()
                .await
                .unwrap()
        }
    };
    let unexplained = decide(json!({ "approve": false }), "\"1\"").await;
    assert_eq!(unexplained.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let stale = decide(json!({ "approve": true }), "\"7\"").await;
    assert_eq!(stale.status(), StatusCode::PRECONDITION_FAILED);
    let approved: RenewalRecord = expect_json(
        decide(json!({ "approve": true }), "\"1\"").await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(approved.status, RenewalStatus::Approved);
    let again = decide(json!({ "approve": true }), "\"2\"").await;
    assert_eq!(again.status(), StatusCode::CONFLICT);

    let renewed = mine(&app, &ada).await;
    assert_eq!(renewed.status, EndorsementStatus::Active);
    use chrono::Datelike;
    let next_due = chrono::NaiveDate::from_ymd_opt(due.year() + 1, 12, 31).unwrap();
    assert_eq!(renewed.renewal_due, next_due);
    let got: CredentialDownload = expect_json(
        app.get_as(&format!("/api/v1/endorsements/{number}/credential"), &ada)
            .await,
        StatusCode::OK,
    )
    .await;
    let payload = credential::readable_payload(&got.jwt).unwrap();
    assert!(payload["validUntil"]
        .as_str()
        .unwrap()
        .starts_with(&(next_due + Duration::days(30)).to_string()));
    assert_eq!(
        mail(&app, &admin, MailKind::RenewalDecision).await,
        vec!["Your renewal is approved".to_string()]
    );

    // The next renewal is no longer the first: 15 hours of training count.
    move_to(&app, noon(next_due - Duration::days(10)));
    let next = overview(&app, &ada).await.report.unwrap();
    assert!(!next.line("training.hours").unwrap().met);
    assert!(next.line("training.topic.dei").is_some());
}

#[actix_web::test]
async fn a_lapsed_holder_is_reinstated_with_membership_work_since_the_lapse_and_new_ratings() {
    let app = spawn_app().await;
    let (admin, ada, _) = endorsed(&app).await;
    let endorsement = mine(&app, &ada).await;
    let due = endorsement.renewal_due;
    move_to(&app, noon(due + Duration::days(31)));
    tick(&app).await;
    assert_eq!(mine(&app, &ada).await.status, EndorsementStatus::Lapsed);

    // Weeks later: what reinstatement asks for (no exam, no training).
    move_to(&app, noon(due + Duration::days(60)));
    let view = overview(&app, &ada).await;
    assert_eq!(view.kind, Some(RenewalKind::Reinstatement));
    let report = view.report.unwrap();
    let short: Vec<&str> = report.short_lines().map(|l| l.key.as_str()).collect();
    assert_eq!(short, ["work.since_lapse", "references.since_lapse"]);
    assert!(report.line("training.hours").is_none());

    add(&app, &ada, json!({ "section": "work", "data": {
        "employer": "Family Center", "position": "Home visitor", "start": "2024-01-01", "end": null,
        "hours_per_week": 30, "employment": "paid", "age_ranges": ["prenatal_to_three"], "families_served": 8,
        "kinds": ["direct_service"] }}))
    .await;
    let owner = mine(&app, &ada).await.holder;
    let given_at = app.clock.now();
    let fresh: Vec<_> = ["new1", "new2", "new3"]
        .iter()
        .map(|who| {
            rated_reference(
                "IFS",
                &format!("{who}@example.org"),
                Relationship::Colleague,
                false,
            )
        })
        .collect();
    let (two, third) = fresh.split_at(2);
    let (two, third) = (two.to_vec(), third.to_vec());
    app.db
        .transaction(move |conn| {
            for (request, answer) in &two {
                references::insert_received(
                    conn,
                    owner,
                    request,
                    answer,
                    (given_at, given_at.date_naive()),
                )?;
            }
            Ok(())
        })
        .await
        .unwrap();
    let refused = expect_problem(
        app.post_as(
            "/api/v1/me/renewal",
            &ada,
            &json!({ "provides_rsc": false }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(
        refused.errors["references.since_lapse"],
        vec!["Ask for 1 more reference rating since the lapse.".to_string()]
    );
    app.db
        .transaction(move |conn| {
            for (request, answer) in &third {
                references::insert_received(
                    conn,
                    owner,
                    request,
                    answer,
                    (given_at, given_at.date_naive()),
                )?;
            }
            Ok(())
        })
        .await
        .unwrap();
    let submitted: RenewalRecord = expect_json(
        app.post_as(
            "/api/v1/me/renewal",
            &ada,
            &json!({ "provides_rsc": false }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(submitted.kind, RenewalKind::Reinstatement);
    let approved = app
        .client
        .post(app.url(&format!("/api/v1/renewals/{}/decision", submitted.id)))
        .bearer_auth(&admin)
        .header("if-match", "\"1\"")
        .json(&json!({ "approve": true, "reason": "Welcome back." }))
        .send()
        .await
        .unwrap();
    assert_eq!(approved.status(), StatusCode::OK);
    let back = mine(&app, &ada).await;
    assert_eq!(back.status, EndorsementStatus::Active);
    assert!(back.renewal_due > app.clock.now().date_naive());
    assert_eq!(
        mail(&app, &admin, MailKind::RenewalDecision).await,
        vec!["Your reinstatement is approved".to_string()]
    );
}

#[actix_web::test]
async fn a_decision_refused_midway_changes_nothing_and_bad_input_is_named() {
    let app = spawn_app().await;
    let (admin, ada, _) = endorsed(&app).await;
    let endorsement = mine(&app, &ada).await;
    let (number, due) = (endorsement.number.clone(), endorsement.renewal_due);
    move_to(&app, noon(due - Duration::days(10)));
    renewal_entries(&app, &ada).await;

    // A body of the wrong shape is refused, naming what is wrong.
    let shapeless = app
        .post_as(
            "/api/v1/me/renewal",
            &ada,
            &json!({ "provides_rsc": "yes" }),
        )
        .await;
    assert_eq!(shapeless.status(), StatusCode::BAD_REQUEST);
    let submitted: RenewalRecord = expect_json(
        app.post_as(
            "/api/v1/me/renewal",
            &ada,
            &json!({ "provides_rsc": false }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let decide = |id: String, body: serde_json::Value| {
        let app = &app;
        let admin = admin.clone();
        async move {
            app.client
                .post(app.url(&format!("/api/v1/renewals/{id}/decision")))
                .bearer_auth(&admin)
                .header("if-match", "\"1\"")
                .json(&body)
                .send()
                .await
                .unwrap()
        }
    };
    let id = submitted.id.to_string();
    let too_long = decide(
        id.clone(),
        json!({ "approve": false, "reason": "x".repeat(2001) }),
    )
    .await;
    assert_eq!(too_long.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let not_an_id = decide("not-a-renewal".into(), json!({ "approve": true })).await;
    assert_eq!(not_an_id.status(), StatusCode::NOT_FOUND);
    let unknown = decide(uuid::Uuid::new_v4().to_string(), json!({ "approve": true })).await;
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);

    // The endorsement is revoked meanwhile: approving is refused, and the
    // renewal still waits, undecided.
    let moved = crate::endorsements::move_to(
        &app,
        &admin,
        &number,
        mine(&app, &ada).await.version,
        "revoked",
        "Ethics violation.",
    )
    .await;
    assert_eq!(moved.status(), StatusCode::OK);
    let refused = decide(id, json!({ "approve": true })).await;
    assert_eq!(refused.status(), StatusCode::CONFLICT);
    let waiting: Vec<RenewalRecord> =
        expect_json(app.get_as("/api/v1/renewals", &admin).await, StatusCode::OK).await;
    assert_eq!(waiting.len(), 1);
    assert_eq!(waiting[0].status, RenewalStatus::Submitted);
    assert_eq!(mine(&app, &ada).await.status, EndorsementStatus::Revoked);
}

#[actix_web::test]
async fn a_lapse_noticed_late_is_dated_the_day_after_the_grace_period() {
    let app = spawn_app().await;
    let (_, ada, _) = endorsed(&app).await;
    let endorsement = mine(&app, &ada).await;
    let (number, due) = (endorsement.number.clone(), endorsement.renewal_due);
    // The server was down over the end of the grace period: the schedule
    // first runs two weeks after it.
    move_to(&app, noon(due + Duration::days(45)));
    tick(&app).await;
    assert_eq!(mine(&app, &ada).await.status, EndorsementStatus::Lapsed);
    let stored = app
        .db
        .run(move |conn| endorse_api::db::endorsements::get(conn, &number))
        .await
        .unwrap()
        .unwrap();
    let lapsed_on = stored.lapsed_at.unwrap().date_naive();
    assert_eq!(
        lapsed_on,
        due + Duration::days(31),
        "the day after 30 days of grace"
    );
}

#[actix_web::test]
async fn a_renewal_fee_that_blocks_holds_up_the_renewal_until_it_is_paid_or_waived() {
    let app = spawn_app().await;
    let (admin, ada, _) = endorsed(&app).await;
    crate::fees::charge(
        &app,
        &admin,
        "IFS",
        json!({ "renewal": { "amount": "60.00", "blocks": true } }),
    )
    .await;
    let endorsement = mine(&app, &ada).await;
    let (number, due) = (endorsement.number.clone(), endorsement.renewal_due);
    move_to(&app, noon(due - Duration::days(10)));
    renewal_entries(&app, &ada).await;
    let body = json!({ "provides_rsc": false });
    let refused = expect_problem(
        app.post_as("/api/v1/me/renewal", &ada, &body).await,
        StatusCode::CONFLICT,
    )
    .await;
    let detail = refused.detail.unwrap_or_default();
    assert!(
        detail.contains(&number) && detail.contains("$60.00"),
        "{detail}"
    );
    let fees: FeesResponse =
        expect_json(app.get_as("/api/v1/me/fees", &ada).await, StatusCode::OK).await;
    let renewal = fees
        .fees
        .iter()
        .find(|f| f.kind.as_str() == "renewal")
        .expect("a renewal fee");
    assert_eq!(renewal.key.to_string(), format!("renewal:{number}:{due}"));
    assert_eq!(renewal.status, FeeStatus::Due);
    let me: endorse_shared::users::UserResponse =
        expect_json(app.get_as("/api/v1/me", &ada).await, StatusCode::OK).await;
    let waivers = format!("/api/v1/users/{}/waivers", me.id);
    let no_reason = app
        .post_as(
            &waivers,
            &admin,
            &json!({ "fee": renewal.key, "reason": " " }),
        )
        .await;
    assert_eq!(no_reason.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let waived = app
        .post_as(
            &waivers,
            &admin,
            &json!({ "fee": renewal.key, "reason": "Hardship, board decision of 3 March" }),
        )
        .await;
    assert_eq!(waived.status(), StatusCode::CREATED);
    let submitted: RenewalRecord = expect_json(
        app.post_as("/api/v1/me/renewal", &ada, &body).await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(submitted.status, RenewalStatus::Submitted);
}
