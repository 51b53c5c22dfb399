//! Erasure on request: what must be kept is kept and said; everything else
//! about the person goes, documents included; the erasure is in the trail
//! without the erased data; refusals name why.

use crate::helpers::*;
use endorse_shared::documents::DocumentResponse;
use endorse_shared::trail::TrailPage;
use endorse_shared::users::{ErasurePreview, UserResponse};
use endorse_shared::Role;
use reqwest::StatusCode;
use serde_json::json;

const PDF: &[u8] = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n";

#[actix_web::test]
async fn an_erased_person_is_gone_but_what_must_be_kept_stays() {
    let app = spawn_app().await;
    let admin = app.user_with_role(Role::Admin, "admin@example.org").await;
    let ada = app.register("ada@example.org", "Ada Lovelace").await;
    let grace = app.register("grace@example.org", "Grace Hopper").await;
    let token = &ada.access_token;
    let entry = app
        .post_as(
            "/api/v1/me/portfolio/membership",
            token,
            &json!({ "section": "membership", "data": {
                "association": "Michigan AIMH", "number": "M-100", "expires_on": "2030-01-01", "verified": false }}),
        )
        .await;
    assert_eq!(entry.status(), StatusCode::CREATED);
    let document: DocumentResponse = expect_json(
        app.upload(token, "transcript.pdf", PDF.to_vec()).await,
        StatusCode::CREATED,
    )
    .await;
    let kept: DocumentResponse = expect_json(
        app.upload(&grace.access_token, "transcript.pdf", PDF.to_vec())
            .await,
        StatusCode::CREATED,
    )
    .await;
    let started = app
        .post_as(
            "/api/v1/me/applications",
            token,
            &json!({ "category": "IFS" }),
        )
        .await;
    assert_eq!(started.status(), StatusCode::CREATED);
    let path = format!("/api/v1/users/{}/erasure", ada.user.id);

    let preview: ErasurePreview =
        expect_json(app.get_as(&path, &admin).await, StatusCode::OK).await;
    assert_eq!(preview.erased.portfolio_entries, 1);
    assert_eq!(preview.erased.documents, 1);
    assert_eq!(preview.applications_kept, 1);
    assert!(preview.audit_events_kept >= 1);
    assert!(preview.blocking.is_empty(), "a draft does not block");

    // Refusals, each by name.
    expect_problem(
        app.post_as(
            &path,
            token,
            &json!({ "email": "ada@example.org", "reason": "Asked" }),
        )
        .await,
        StatusCode::FORBIDDEN,
    )
    .await;
    let mismatch = expect_problem(
        app.post_as(
            &path,
            &admin,
            &json!({ "email": "grace@example.org", "reason": "Asked" }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(mismatch.errors.contains_key("email"));
    let blank = expect_problem(
        app.post_as(
            &path,
            &admin,
            &json!({ "email": "ada@example.org", "reason": " " }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(blank.errors.contains_key("reason"));
    let me: UserResponse =
        expect_json(app.get_as("/api/v1/me", &admin).await, StatusCode::OK).await;
    expect_problem(
        app.post_as(
            &format!("/api/v1/users/{}/erasure", me.id),
            &admin,
            &json!({ "email": "admin@example.org", "reason": "Asked" }),
        )
        .await,
        StatusCode::CONFLICT,
    )
    .await;
    // Nothing changed by the refusals.
    let again: ErasurePreview = expect_json(app.get_as(&path, &admin).await, StatusCode::OK).await;
    assert_eq!(again, preview);

    let done: ErasurePreview = expect_json(
        app.post_as(
            &path,
            &admin,
            &json!({ "email": " ADA@example.org ", "reason": "Request of 2026-12-01" }),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(done.erased.documents, 1);

    // She cannot sign in; her session ended; her records are gone.
    expect_problem(
        app.get_as("/api/v1/me", token).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    expect_problem(
        app.login("ada@example.org", PASSWORD).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    let account: UserResponse = expect_json(
        app.get_as(&format!("/api/v1/users/{}", ada.user.id), &admin)
            .await,
        StatusCode::OK,
    )
    .await;
    assert!(account.erased_at.is_some());
    assert!(!account.name.contains("Ada") && !account.email.contains("ada@"));
    expect_problem(
        app.get_as(&format!("/api/v1/documents/{}", document.id), &admin)
            .await,
        StatusCode::NOT_FOUND,
    )
    .await;
    let portfolio: serde_json::Value = expect_json(
        app.get_as(&format!("/api/v1/users/{}/portfolio", ada.user.id), &admin)
            .await,
        StatusCode::OK,
    )
    .await;
    assert!(!portfolio.to_string().contains("M-100"), "{portfolio}");
    // Nobody else's records moved.
    let download = app
        .get_as(
            &format!("/api/v1/documents/{}", kept.id),
            &grace.access_token,
        )
        .await;
    assert_eq!(download.status(), StatusCode::OK);
    // Her draft was withdrawn in its own log; the application's record stays.
    let after: ErasurePreview = expect_json(app.get_as(&path, &admin).await, StatusCode::OK).await;
    assert_eq!(after.applications_kept, 1);
    assert!(after.audit_events_kept > preview.audit_events_kept);
    assert_eq!(after.erased.documents, 0);
    // Nothing about the account changes again.
    let account_path = format!("/api/v1/users/{}", ada.user.id);
    expect_problem(
        app.patch_as(
            &account_path,
            &admin,
            &json!({ "name": "Ada Again", "reason": "x" }),
        )
        .await,
        StatusCode::CONFLICT,
    )
    .await;
    expect_problem(
        app.post_as(&format!("{account_path}/enable"), &admin, &json!({}))
            .await,
        StatusCode::CONFLICT,
    )
    .await;
    // Once is enough.
    expect_problem(
        app.post_as(
            &path,
            &admin,
            &json!({ "email": account.email, "reason": "Again" }),
        )
        .await,
        StatusCode::CONFLICT,
    )
    .await;

    // The trail has the erasure, and not her name or address.
    let trail: TrailPage = expect_json(
        app.get_as("/api/v1/audit?action=account_erased", &admin)
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(trail.events.len(), 1);
    let event = &trail.events[0];
    assert!(!event.details.contains("Ada") && !event.details.contains("ada@example.org"));
    assert!(event.details.contains("Request of 2026-12-01"));
}

#[actix_web::test]
async fn an_open_application_past_its_draft_blocks_the_erasure() {
    let app = spawn_app().await;
    let admin = app.user_with_role(Role::Admin, "admin@example.org").await;
    let ada = app.register("ada@example.org", "Ada Lovelace").await;
    let started: serde_json::Value = expect_json(
        app.post_as(
            "/api/v1/me/applications",
            &ada.access_token,
            &json!({ "category": "IFS" }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    // An admin moves it on (as after a submission): it is open and past its draft.
    let db = app.db.clone();
    let id: endorse_shared::ApplicationId = started["id"].as_str().unwrap().parse().unwrap();
    db.run(move |conn| {
        endorse_api::db::applications::transition(
            conn,
            id,
            (endorse_shared::applications::ApplicationStatus::Draft, 1),
            endorse_shared::applications::ApplicationStatus::Submitted,
            chrono::Utc::now(),
        )
    })
    .await
    .unwrap();
    let path = format!("/api/v1/users/{}/erasure", ada.user.id);
    let preview: ErasurePreview =
        expect_json(app.get_as(&path, &admin).await, StatusCode::OK).await;
    assert_eq!(preview.blocking, vec![id]);
    expect_problem(
        app.post_as(
            &path,
            &admin,
            &json!({ "email": "ada@example.org", "reason": "Asked" }),
        )
        .await,
        StatusCode::CONFLICT,
    )
    .await;
    // Still there.
    expect_json::<UserResponse>(
        app.get_as("/api/v1/me", &ada.access_token).await,
        StatusCode::OK,
    )
    .await;
}

#[actix_web::test]
async fn twenty_admins_erasing_at_once_erase_once() {
    let app = spawn_app().await;
    let admin = app.user_with_role(Role::Admin, "admin@example.org").await;
    let ada = app.register("ada@example.org", "Ada Lovelace").await;
    assert_eq!(
        app.upload(&ada.access_token, "transcript.pdf", PDF.to_vec())
            .await
            .status(),
        StatusCode::CREATED
    );
    let path = format!("/api/v1/users/{}/erasure", ada.user.id);
    let body = json!({ "email": "ada@example.org", "reason": "Request of 2026-12-01" });
    let attempts = (0..20).map(|_| app.post_as(&path, &admin, &body));
    let statuses: Vec<StatusCode> = futures_util::future::join_all(attempts)
        .await
        .into_iter()
        .map(|r| r.status())
        .collect();
    assert_eq!(
        statuses.iter().filter(|s| **s == StatusCode::OK).count(),
        1,
        "{statuses:?}"
    );
    assert!(statuses.iter().all(|s| *s == StatusCode::OK
        || *s == StatusCode::CONFLICT
        || *s == StatusCode::UNPROCESSABLE_ENTITY));
    let trail: TrailPage = expect_json(
        app.get_as("/api/v1/audit?action=account_erased", &admin)
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(trail.events.len(), 1);
}
