//! The admins' work list: what waits on them, counted, with the people a
//! verification waits on.

use crate::helpers::*;
use endorse_shared::entries::PortfolioEntry;
use endorse_shared::worklist::{WorkKind, WorkList};
use endorse_shared::Role;
use reqwest::StatusCode;
use serde_json::{json, Value};

async fn create(app: &TestApp, token: &str, section: &str, body: &Value) -> PortfolioEntry {
    expect_json(
        app.post_as(&format!("/api/v1/me/portfolio/{section}"), token, body)
            .await,
        StatusCode::CREATED,
    )
    .await
}

fn rsc(date: &str, provider: &str) -> Value {
    json!({ "section": "rsc", "data": {
        "date": date, "hours": 2.0, "format": "individual", "provider_name": provider,
        "provider_category": null, "provider_number": null,
        "provider_vetted": false, "about_providing": false
    }})
}

async fn work(app: &TestApp, admin: &str) -> WorkList {
    expect_json(
        app.get_as("/api/v1/association/work", admin).await,
        StatusCode::OK,
    )
    .await
}

fn count(list: &WorkList, kind: WorkKind) -> u64 {
    list.items
        .iter()
        .find(|item| item.kind == kind)
        .map_or(u64::MAX, |item| item.count)
}

#[actix_web::test]
async fn memberships_and_providers_to_verify_are_counted_and_name_their_people() {
    let app = spawn_app().await;
    let admin = app.user_with_role(Role::Admin, "admin@example.org").await;
    let empty = work(&app, &admin).await;
    assert!(empty.is_empty(), "{empty:?}");
    assert_eq!(
        empty.items.len(),
        WorkKind::ALL.len(),
        "every kind is listed"
    );

    let ada = app.register("ada@example.org", "Ada Lovelace").await;
    let membership = create(
        &app,
        &ada.access_token,
        "membership",
        &json!({ "section": "membership", "data": {
            "association": "Michigan AIMH", "number": "M-100", "expires_on": "2030-01-01", "verified": false }}),
    )
    .await;
    // An expired membership waits on nobody.
    create(
        &app,
        &ada.access_token,
        "membership",
        &json!({ "section": "membership", "data": {
            "association": "Michigan AIMH", "number": "M-099", "expires_on": "2020-01-01", "verified": false }}),
    )
    .await;
    // Two sessions with one provider: one provider to vet.
    create(
        &app,
        &ada.access_token,
        "rsc",
        &rsc("2026-01-05", "Dr. Rivera"),
    )
    .await;
    create(
        &app,
        &ada.access_token,
        "rsc",
        &rsc("2026-01-12", "dr. rivera "),
    )
    .await;
    let grace = app.register("grace@example.org", "Grace Hopper").await;
    create(
        &app,
        &grace.access_token,
        "rsc",
        &rsc("2026-01-05", "Dr. Okafor"),
    )
    .await;

    let list = work(&app, &admin).await;
    assert_eq!(count(&list, WorkKind::MembershipsToVerify), 1);
    assert_eq!(count(&list, WorkKind::ProvidersToVet), 2);
    let memberships = list
        .items
        .iter()
        .find(|i| i.kind == WorkKind::MembershipsToVerify)
        .unwrap();
    assert_eq!(memberships.people.len(), 1);
    assert_eq!(memberships.people[0].name, "Ada Lovelace");
    assert_eq!(memberships.people[0].id, ada.user.id);

    // Verified from the person's page: the count goes down.
    let verify = format!(
        "/api/v1/users/{}/portfolio/membership/{}/verify",
        ada.user.id, membership.id
    );
    let verified = app
        .client
        .post(app.url(&verify))
        .bearer_auth(&admin)
        .header("if-match", "\"1\"")
        .send()
        .await
        .unwrap();
    assert_eq!(verified.status(), StatusCode::OK);
    assert_eq!(
        count(&work(&app, &admin).await, WorkKind::MembershipsToVerify),
        0
    );

    // A disabled person's entries wait on nobody.
    let disabled = app
        .post_as(
            &format!("/api/v1/users/{}/disable", grace.user.id),
            &admin,
            &json!({ "reason": "Asked to leave" }),
        )
        .await;
    assert_eq!(disabled.status(), StatusCode::OK);
    assert_eq!(
        count(&work(&app, &admin).await, WorkKind::ProvidersToVet),
        1
    );
}

#[actix_web::test]
async fn only_admins_read_the_work_list() {
    let app = spawn_app().await;
    let ada = app.register("ada@example.org", "Ada Lovelace").await;
    expect_problem(
        app.get_as("/api/v1/association/work", &ada.access_token)
            .await,
        StatusCode::FORBIDDEN,
    )
    .await;
    let reviewer = app.user_with_role(Role::Reviewer, "ruth@example.org").await;
    expect_problem(
        app.get_as("/api/v1/association/work", &reviewer).await,
        StatusCode::FORBIDDEN,
    )
    .await;
}

#[actix_web::test]
async fn each_admin_gets_one_digest_a_day_when_something_waits() {
    use endorse_shared::mail::{MailKind, OutboxPage};
    let app = spawn_app_with(|settings| settings.admin_digest = true).await;
    let admin = app.user_with_role(Role::Admin, "admin@example.org").await;
    let other = app.user_with_role(Role::Admin, "other@example.org").await;
    let digests = |page: &OutboxPage| {
        page.items
            .iter()
            .filter(|m| m.kind == MailKind::AdminDigest)
            .map(|m| m.to_address.clone())
            .collect::<Vec<_>>()
    };
    let outbox = || async {
        expect_json::<OutboxPage>(
            app.get_as("/api/v1/outbox?per_page=100", &admin).await,
            StatusCode::OK,
        )
        .await
    };
    // Nothing waits: no digest.
    app.worker.tick().await.unwrap();
    assert!(digests(&outbox().await).is_empty());

    let ada = app.register("ada@example.org", "Ada Lovelace").await;
    create(
        &app,
        &ada.access_token,
        "membership",
        &json!({ "section": "membership", "data": {
            "association": "Michigan AIMH", "number": "M-100", "expires_on": "2030-01-01", "verified": false }}),
    )
    .await;
    let round = app.worker.tick().await.unwrap();
    assert_eq!(round.digests, 2);
    // A second round the same day queues nothing more.
    assert_eq!(app.worker.tick().await.unwrap().digests, 0);
    let mut to = digests(&outbox().await);
    to.sort();
    assert_eq!(to, ["admin@example.org", "other@example.org"]);
    let page = outbox().await;
    let digest = page
        .items
        .iter()
        .find(|m| m.kind == MailKind::AdminDigest)
        .unwrap();
    let message: endorse_shared::mail::MailMessage = expect_json(
        app.get_as(&format!("/api/v1/outbox/{}", digest.id), &other)
            .await,
        StatusCode::OK,
    )
    .await;
    assert!(
        message.body_text.contains("1 membership to verify"),
        "{}",
        message.body_text
    );
    // The next day, a disabled admin gets none.
    let other_id: endorse_shared::users::UserResponse =
        expect_json(app.get_as("/api/v1/me", &other).await, StatusCode::OK).await;
    app.post_as(
        &format!("/api/v1/users/{}/disable", other_id.id),
        &admin,
        &json!({ "reason": "On leave" }),
    )
    .await;
    app.clock.advance(chrono::Duration::days(1));
    assert_eq!(app.worker.tick().await.unwrap().digests, 1);
}
