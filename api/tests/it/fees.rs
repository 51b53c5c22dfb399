//! Fees: the rulebook's schedule owed by an application, a blocking fee in
//! the checklist and at submission, offline payments and waivers (once,
//! however many admins race), receipts, the payments page and its CSV, the
//! trail; and Stripe's webhook: forged, late, replayed, mismatched events
//! change nothing.

use crate::applications::{act, eligible_ifs_portfolio, start};
use crate::helpers::*;
use crate::stripe_stand_in::{StripeStandIn, WEBHOOK_SECRET};
use endorse_api::clock::Clock;
use endorse_shared::applications::ApplicationResponse;
use endorse_shared::fees::{
    Amount, CheckoutResponse, FeeKey, FeeLine, FeeStatus, FeesResponse, PaymentsPage,
};
use endorse_shared::rulebook::{Rulebook, RulebookVersionResponse};
use endorse_shared::Role;
use reqwest::StatusCode;
use serde_json::json;

/// Publishes the current rulebook with IFS charging a registration fee
/// (not blocking) and a processing fee that blocks submission.
async fn charge_ifs(app: &TestApp, admin: &str) {
    charge(
        app,
        admin,
        "IFS",
        json!({
            "registration": { "amount": 25 },
            "processing": { "amount": "150.00", "blocks": true },
        }),
    )
    .await;
}

/// Publishes the current rulebook with this fee schedule for a category.
pub(crate) async fn charge(app: &TestApp, admin: &str, code: &str, fees: serde_json::Value) {
    let current: RulebookVersionResponse = expect_json(
        app.get_as("/api/v1/rulebooks/current", admin).await,
        StatusCode::OK,
    )
    .await;
    let mut rulebook = Rulebook::from_toml(&current.toml).expect("the current rulebook");
    let ifs = rulebook
        .categories
        .iter_mut()
        .find(|c| c.code == code)
        .expect("the category");
    ifs.fees = serde_json::from_value(fees).expect("fees");
    let published = app
        .post_as(
            "/api/v1/rulebooks",
            admin,
            &json!({ "toml": rulebook.to_toml() }),
        )
        .await;
    assert_eq!(published.status(), StatusCode::CREATED);
}

fn fee<'a>(fees: &'a [FeeLine], kind: &str) -> &'a FeeLine {
    fees.iter()
        .find(|f| f.kind.as_str() == kind)
        .unwrap_or_else(|| panic!("no {kind} fee in {fees:?}"))
}

#[actix_web::test]
async fn a_blocking_processing_fee_holds_submission_until_an_admin_records_its_payment() {
    let app = spawn_app().await;
    let admin = app.user_with_role(Role::Admin, "admin@example.org").await;
    charge_ifs(&app, &admin).await;
    let session = app.register("ada@example.org", "Ada Lovelace").await;
    let (ada, ada_id) = (session.access_token.clone(), session.user.id);
    let eve = app.register("eve@example.org", "Eve").await.access_token;
    eligible_ifs_portfolio(&app, &ada, ada_id).await;
    let draft = start(&app, &ada, "IFS").await;
    let processing = fee(&draft.fees, "processing").clone();
    assert_eq!(processing.amount, Amount::from_hundredths(15000));
    assert_eq!(
        (processing.status, processing.blocks),
        (FeeStatus::Due, true)
    );
    assert!(!fee(&draft.fees, "registration").blocks);
    // The fee is a short line of the checklist; nothing else is short.
    assert!(!draft.report.eligible);
    let short: Vec<&str> = draft.report.short_lines().map(|l| l.key.as_str()).collect();
    assert_eq!(short, ["fees.processing"]);
    let refused = expect_problem(
        act(&app, &ada, &draft, "submit").await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(refused.field_errors("fees.processing").len(), 1);
    let mine: FeesResponse =
        expect_json(app.get_as("/api/v1/me/fees", &ada).await, StatusCode::OK).await;
    assert_eq!(mine.fees.len(), 2);
    assert!(!mine.online);

    // An admin records the check: a wrong amount, a future day, an unknown
    // fee, a fee of someone else's are refused and change nothing.
    let path = format!("/api/v1/users/{ada_id}/payments");
    let check = |amount: &str, paid_on: &str, fee: &str| json!({ "fee": fee, "method": "check", "amount": amount, "reference": "1042", "paid_on": paid_on });
    let today = app.clock.now().date_naive().to_string();
    let key = processing.key.to_string();
    let wrong = expect_problem(
        app.post_as(&path, &admin, &check("100.00", &today, &key))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(
        wrong.field_errors("amount"),
        ["is not the fee's amount, $150.00"]
    );
    let tomorrow = (app.clock.now().date_naive() + chrono::Duration::days(1)).to_string();
    expect_problem(
        app.post_as(&path, &admin, &check("150.00", &tomorrow, &key))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    let unknown = FeeKey::Processing(endorse_shared::ApplicationId::from_uuid(uuid::Uuid::nil()));
    expect_problem(
        app.post_as(
            &path,
            &admin,
            &check("150.00", &today, &unknown.to_string()),
        )
        .await,
        StatusCode::NOT_FOUND,
    )
    .await;
    let malformed = app
        .post_as(&path, &admin, &check("150.00", &today, "processing:nope"))
        .await;
    assert_eq!(malformed.status(), StatusCode::BAD_REQUEST);
    expect_problem(
        app.post_as(&path, &ada, &check("150.00", &today, &key))
            .await,
        StatusCode::FORBIDDEN,
    )
    .await;
    let paid: FeeLine = expect_json(
        app.post_as(&path, &admin, &check("150", &today, &key))
            .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(paid.status, FeeStatus::Paid);
    let settlement = paid.settlement.clone().expect("settled");
    let receipt_number = settlement.receipt_number.clone().expect("a receipt");
    assert!(receipt_number.starts_with("R-"), "{receipt_number}");
    expect_problem(
        app.post_as(&path, &admin, &check("150.00", &today, &key))
            .await,
        StatusCode::CONFLICT,
    )
    .await;

    // Now it submits.
    let draft: ApplicationResponse = expect_json(
        app.get_as(&format!("/api/v1/me/applications/{}", draft.id), &ada)
            .await,
        StatusCode::OK,
    )
    .await;
    assert!(draft.report.eligible);
    let submitted: ApplicationResponse =
        expect_json(act(&app, &ada, &draft, "submit").await, StatusCode::OK).await;
    assert_eq!(fee(&submitted.fees, "processing").status, FeeStatus::Paid);

    // The receipt: Ada's and the admins', nobody else's.
    let receipt = format!("/api/v1/payments/{}/receipt", settlement.id);
    let pdf = app.get_as(&receipt, &ada).await;
    assert_eq!(pdf.status(), StatusCode::OK);
    assert_eq!(pdf.headers()["content-type"], "application/pdf");
    let bytes = pdf.bytes().await.unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    assert!(String::from_utf8_lossy(&bytes).contains(&receipt_number));
    assert_eq!(app.get_as(&receipt, &admin).await.status(), StatusCode::OK);
    expect_problem(app.get_as(&receipt, &eve).await, StatusCode::NOT_FOUND).await;

    // The registration fee is waived, with a reason, once.
    let waive = format!("/api/v1/users/{ada_id}/waivers");
    expect_problem(
        app.post_as(
            &waive,
            &admin,
            &json!({ "fee": "registration", "reason": " " }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    let waived: FeeLine = expect_json(
        app.post_as(
            &waive,
            &admin,
            &json!({ "fee": "registration", "reason": "Scholarship" }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(waived.status, FeeStatus::Waived);
    assert_eq!(waived.settlement.as_ref().unwrap().receipt_number, None);
    expect_problem(
        app.post_as(
            &waive,
            &admin,
            &json!({ "fee": "registration", "reason": "Again" }),
        )
        .await,
        StatusCode::CONFLICT,
    )
    .await;

    // The treasurer's page and CSV; the trail.
    let page: PaymentsPage =
        expect_json(app.get_as("/api/v1/payments", &admin).await, StatusCode::OK).await;
    assert_eq!(page.payments.len(), 2);
    let checks: Vec<_> = page
        .totals
        .iter()
        .filter(|t| t.method.as_str() == "check")
        .collect();
    assert_eq!(checks.len(), 1);
    assert_eq!(
        (checks[0].count, checks[0].amount),
        (1, Amount::from_hundredths(15000))
    );
    expect_problem(
        app.get_as("/api/v1/payments", &ada).await,
        StatusCode::FORBIDDEN,
    )
    .await;
    let csv = app.get_as("/api/v1/payments.csv", &admin).await;
    assert_eq!(csv.status(), StatusCode::OK);
    let csv = csv.text().await.unwrap();
    assert_eq!(csv.lines().count(), 3, "{csv}");
    assert!(csv.contains(&receipt_number) && csv.contains("Scholarship"));
    let trail: endorse_shared::trail::TrailPage = expect_json(
        app.get_as("/api/v1/audit?kind=payment", &admin).await,
        StatusCode::OK,
    )
    .await;
    let actions: Vec<&str> = trail.events.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["fee_waived", "payment_recorded"]);
}

#[actix_web::test]
async fn twenty_admins_recording_the_same_payment_record_it_once() {
    let app = spawn_app().await;
    let admin = app.user_with_role(Role::Admin, "admin@example.org").await;
    charge_ifs(&app, &admin).await;
    let session = app.register("ada@example.org", "Ada Lovelace").await;
    let draft = start(&app, &session.access_token, "IFS").await;
    let key = fee(&draft.fees, "processing").key.to_string();
    let path = format!("/api/v1/users/{}/payments", session.user.id);
    let body = json!({ "fee": key, "method": "bank_transfer", "amount": "150.00",
        "reference": "TRF-77", "paid_on": app.clock.now().date_naive() });
    let answers =
        futures_util::future::join_all((0..20).map(|_| app.post_as(&path, &admin, &body))).await;
    let mut statuses: Vec<u16> = answers.iter().map(|r| r.status().as_u16()).collect();
    statuses.sort_unstable();
    assert_eq!(statuses[0], 201, "{statuses:?}");
    assert!(statuses[1..].iter().all(|s| *s == 409), "{statuses:?}");
    let page: PaymentsPage =
        expect_json(app.get_as("/api/v1/payments", &admin).await, StatusCode::OK).await;
    assert_eq!(page.payments.len(), 1);
}

/// A Stripe event's body and its signature header at `t`.
fn signed(body: &serde_json::Value, t: i64) -> (String, String) {
    let body = body.to_string();
    let signature = endorse_api::stripe::sign(t, body.as_bytes(), WEBHOOK_SECRET.as_bytes());
    (body, format!("t={t},v1={signature}"))
}

fn completed(event: &str, session: &str, amount: i64, currency: &str) -> serde_json::Value {
    json!({ "id": event, "object": "event", "type": "checkout.session.completed",
        "data": { "object": { "id": session, "object": "checkout.session", "payment_status": "paid",
            "amount_total": amount, "currency": currency, "payment_intent": "pi_123" } } })
}

#[actix_web::test]
async fn only_a_signed_timely_event_for_a_session_endorse_made_records_a_payment_once() {
    let stand_in = StripeStandIn::start().expect("the Stripe stand-in");
    let app = spawn_app_with(through(&stand_in)).await;
    let admin = app.user_with_role(Role::Admin, "admin@example.org").await;
    charge_ifs(&app, &admin).await;
    let ada = app
        .register("ada@example.org", "Ada Lovelace")
        .await
        .access_token;
    let draft = start(&app, &ada, "IFS").await;
    let processing = fee(&draft.fees, "processing").clone();
    // A session Endorse made; its events are written by hand below.
    let checkout = app
        .post_as(
            "/api/v1/me/fees/checkout",
            &ada,
            &json!({ "fee": processing.key }),
        )
        .await;
    assert_eq!(checkout.status(), StatusCode::OK);
    let made = stand_in.sessions()[0].id.clone();
    let made = made.as_str();
    let post = |body: String, signature: String| {
        let app = &app;
        async move {
            app.client
                .post(app.url("/api/v1/payments/stripe"))
                .header("content-type", "application/json")
                .header("stripe-signature", signature)
                .body(body)
                .send()
                .await
                .unwrap()
        }
    };
    let now = app.clock.now().timestamp();
    let status_of_fee = || async {
        let mine: FeesResponse =
            expect_json(app.get_as("/api/v1/me/fees", &ada).await, StatusCode::OK).await;
        fee(&mine.fees, "processing").status
    };
    // Forged: signed with another secret, or the body changed after signing.
    let (body, _) = signed(&completed("evt_1", made, 15000, "usd"), now);
    let forged = endorse_api::stripe::sign(now, body.as_bytes(), b"whsec_guess");
    assert_eq!(
        post(body.clone(), format!("t={now},v1={forged}"))
            .await
            .status(),
        StatusCode::BAD_REQUEST
    );
    let (_, signature) = signed(&completed("evt_1", made, 15000, "usd"), now);
    let tampered = body.replace("15000", "1");
    assert_eq!(
        post(tampered, signature).await.status(),
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        post(body.clone(), String::new()).await.status(),
        StatusCode::BAD_REQUEST
    );
    // Late: signed ten minutes ago.
    let (late_body, late) = signed(&completed("evt_2", made, 15000, "usd"), now - 600);
    assert_eq!(
        post(late_body, late).await.status(),
        StatusCode::BAD_REQUEST
    );
    // An amount that does not match what the session asked.
    let (body, signature) = signed(&completed("evt_3", made, 100, "usd"), now);
    let answer: serde_json::Value = expect_json(post(body, signature).await, StatusCode::OK).await;
    assert_eq!(answer["outcome"], "amount_mismatch");
    assert_eq!(status_of_fee().await, FeeStatus::Due);
    // A session Endorse did not make.
    let (body, signature) = signed(&completed("evt_4", "cs_other", 15000, "usd"), now);
    let answer: serde_json::Value = expect_json(post(body, signature).await, StatusCode::OK).await;
    assert_eq!(answer["outcome"], "unknown_session");
    assert_eq!(status_of_fee().await, FeeStatus::Due);
    // The real one: recorded once; its replay changes nothing.
    let (body, signature) = signed(&completed("evt_5", made, 15000, "usd"), now);
    let answer: serde_json::Value =
        expect_json(post(body.clone(), signature.clone()).await, StatusCode::OK).await;
    assert_eq!(answer["outcome"], "recorded");
    assert_eq!(status_of_fee().await, FeeStatus::Paid);
    let answer: serde_json::Value = expect_json(post(body, signature).await, StatusCode::OK).await;
    assert_eq!(answer["outcome"], "replayed");
    let page: PaymentsPage =
        expect_json(app.get_as("/api/v1/payments", &admin).await, StatusCode::OK).await;
    assert_eq!(page.payments.len(), 1);
    let settlement = &page.payments[0].settlement;
    assert_eq!(settlement.method.as_str(), "card");
    assert_eq!(settlement.reference.as_deref(), Some("pi_123"));
    // Not an event at all, though signed.
    let (body, signature) = signed(&json!({ "hello": "world" }), now);
    assert_eq!(
        post(body, signature).await.status(),
        StatusCode::BAD_REQUEST
    );
}

#[actix_web::test]
async fn without_stripe_only_offline_payment_is_offered() {
    let app = spawn_app().await;
    let admin = app.user_with_role(Role::Admin, "admin@example.org").await;
    charge_ifs(&app, &admin).await;
    let ada = app.register("ada@example.org", "Ada").await.access_token;
    let draft = start(&app, &ada, "IFS").await;
    let key = fee(&draft.fees, "processing").key.clone();
    expect_problem(
        app.post_as("/api/v1/me/fees/checkout", &ada, &json!({ "fee": key }))
            .await,
        StatusCode::CONFLICT,
    )
    .await;
    let (body, signature) = signed(
        &completed("evt_1", "cs_1", 15000, "usd"),
        app.clock.now().timestamp(),
    );
    let answer = app
        .client
        .post(app.url("/api/v1/payments/stripe"))
        .header("stripe-signature", signature)
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), StatusCode::NOT_FOUND);
}

/// Settings that send online payments to a Stripe stand-in.
fn through(stand_in: &StripeStandIn) -> impl FnOnce(&mut endorse_api::Settings) + '_ {
    move |settings| {
        settings.stripe = Some(endorse_api::config::StripeSettings {
            secret_key: endorse_api::config::Secret::new(
                crate::stripe_stand_in::SECRET_KEY.as_bytes().to_vec(),
            ),
            webhook_secret: endorse_api::config::Secret::new(
                crate::stripe_stand_in::WEBHOOK_SECRET.as_bytes().to_vec(),
            ),
            api_base: stand_in.base().to_string(),
        });
    }
}

#[actix_web::test]
async fn paying_online_through_stripe_unblocks_submission_once() {
    let stand_in = StripeStandIn::start().expect("the Stripe stand-in");
    let app = spawn_app_with(through(&stand_in)).await;
    stand_in.deliver_to(&app.url("/api/v1/payments/stripe"));
    let admin = app.user_with_role(Role::Admin, "admin@example.org").await;
    charge_ifs(&app, &admin).await;
    let session = app.register("ada@example.org", "Ada Lovelace").await;
    let (ada, ada_id) = (session.access_token.clone(), session.user.id);
    eligible_ifs_portfolio(&app, &ada, ada_id).await;
    let draft = start(&app, &ada, "IFS").await;
    let mine: FeesResponse =
        expect_json(app.get_as("/api/v1/me/fees", &ada).await, StatusCode::OK).await;
    assert!(mine.online);
    let processing = fee(&draft.fees, "processing").clone();

    // Endorse makes a session of the fee's amount, description and addresses.
    let body = json!({ "fee": processing.key });
    let checkout: CheckoutResponse = expect_json(
        app.post_as("/api/v1/me/fees/checkout", &ada, &body).await,
        StatusCode::OK,
    )
    .await;
    let made = stand_in.sessions();
    assert_eq!(made.len(), 1);
    let stripe_session = &made[0];
    assert_eq!(
        checkout.url,
        format!("{}/pay/{}", stand_in.base(), stripe_session.id)
    );
    assert_eq!(
        (
            stripe_session.amount_total,
            stripe_session.currency.as_str()
        ),
        (15000, "usd")
    );
    assert_eq!(stripe_session.name, processing.description);
    assert_eq!(
        stripe_session.customer_email.as_deref(),
        Some("ada@example.org")
    );
    // Back on the fees page, which waits for this very fee.
    let named = processing.key.to_string().replace(':', "%3A");
    assert!(stripe_session
        .success_url
        .ends_with(&format!("/fees?paid={named}")));
    assert!(stripe_session
        .cancel_url
        .ends_with(&format!("/fees?cancelled={named}")));
    assert_eq!(stripe_session.metadata["fee"], processing.key.to_string());
    // Asking again while that session is open answers the same page.
    let again: CheckoutResponse = expect_json(
        app.post_as("/api/v1/me/fees/checkout", &ada, &body).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(again.url, checkout.url);
    assert_eq!(stand_in.sessions().len(), 1);
    // Going to the page records nothing: only the signed event does.
    let mine: FeesResponse =
        expect_json(app.get_as("/api/v1/me/fees", &ada).await, StatusCode::OK).await;
    assert_eq!(fee(&mine.fees, "processing").status, FeeStatus::Due);

    // Paid: Stripe's event is recorded, the fee is paid, submission goes on.
    let delivery = stand_in.pay(&stripe_session.id).await.expect("paid");
    assert_eq!(delivery.status, 200, "{}", delivery.answer);
    assert!(delivery.answer.contains("recorded"), "{}", delivery.answer);
    let mine: FeesResponse =
        expect_json(app.get_as("/api/v1/me/fees", &ada).await, StatusCode::OK).await;
    let paid = fee(&mine.fees, "processing");
    assert_eq!(paid.status, FeeStatus::Paid);
    let settlement = paid.settlement.as_ref().expect("settled");
    assert_eq!(settlement.method.as_str(), "card");
    let receipt = app
        .get_as(&format!("/api/v1/payments/{}/receipt", settlement.id), &ada)
        .await;
    assert_eq!(receipt.status(), StatusCode::OK);
    assert!(receipt.bytes().await.unwrap().starts_with(b"%PDF-"));
    let submitted: ApplicationResponse =
        expect_json(act(&app, &ada, &draft, "submit").await, StatusCode::OK).await;
    assert_eq!(submitted.status.as_str(), "submitted");

    // Stripe retries the event: nothing more is recorded.
    let retried = stand_in.redeliver(&delivery.event_id).await.expect("sent");
    assert_eq!(retried.status, 200);
    assert!(retried.answer.contains("replayed"), "{}", retried.answer);
    let page: PaymentsPage =
        expect_json(app.get_as("/api/v1/payments", &admin).await, StatusCode::OK).await;
    assert_eq!(page.payments.len(), 1);
    assert_eq!(stand_in.deliveries().len(), 2);
    // A paid fee is not paid twice.
    expect_problem(
        app.post_as("/api/v1/me/fees/checkout", &ada, &body).await,
        StatusCode::CONFLICT,
    )
    .await;
    assert_eq!(stand_in.sessions().len(), 1);
}

#[actix_web::test]
async fn stripe_refusing_the_key_or_not_answering_is_a_503_not_a_session() {
    let stand_in = StripeStandIn::start().expect("the Stripe stand-in");
    let app = spawn_app_with(|settings| {
        through(&stand_in)(settings);
        if let Some(stripe) = settings.stripe.as_mut() {
            stripe.secret_key = endorse_api::config::Secret::new(b"sk_test_revoked".to_vec());
        }
    })
    .await;
    let admin = app.user_with_role(Role::Admin, "admin@example.org").await;
    charge_ifs(&app, &admin).await;
    let ada = app.register("ada@example.org", "Ada").await.access_token;
    let draft = start(&app, &ada, "IFS").await;
    let key = fee(&draft.fees, "processing").key.clone();
    let refused = expect_problem(
        app.post_as("/api/v1/me/fees/checkout", &ada, &json!({ "fee": key }))
            .await,
        StatusCode::SERVICE_UNAVAILABLE,
    )
    .await;
    let detail = refused.detail.unwrap_or_default();
    assert!(!detail.contains("sk_test"), "{detail}");
    assert!(stand_in.sessions().is_empty());

    // Nothing listens at Stripe's address: a 503 too.
    let app = spawn_app_with(|settings| {
        through(&stand_in)(settings);
        if let Some(stripe) = settings.stripe.as_mut() {
            stripe.api_base = "http://127.0.0.1:9".into();
        }
    })
    .await;
    let admin = app.user_with_role(Role::Admin, "admin@example.org").await;
    charge_ifs(&app, &admin).await;
    let ada = app.register("ada@example.org", "Ada").await.access_token;
    let draft = start(&app, &ada, "IFS").await;
    let key = fee(&draft.fees, "processing").key.clone();
    expect_problem(
        app.post_as("/api/v1/me/fees/checkout", &ada, &json!({ "fee": key }))
            .await,
        StatusCode::SERVICE_UNAVAILABLE,
    )
    .await;
}
