//! Credentials: every endorsement carries a signed Open Badges 3.0 credential
//! that verifies against the published keys, with bits in the status lists
//! that flip when it is revoked or suspended; the holder downloads it and a
//! certificate; anyone checks it by number when the holder allows; key
//! rotation keeps old credentials verifiable. An independent verifier (Node.js
//! and jose, sharing no code with Endorse) agrees.

use crate::endorsements::{endorsed, move_to};
use crate::helpers::*;
use endorse_api::clock::Clock;
use endorse_shared::credential::JwkSet;
use endorse_shared::credential::{
    self, combined, status_of, verdict, verify_credential, Credential, StatusPurpose, Verdict,
};
use endorse_shared::endorsements::{
    CredentialDownload, EndorsementView, IssuerKeyView, PublicCredential,
};
use reqwest::StatusCode;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

async fn jwks(app: &TestApp) -> JwkSet {
    let response = app
        .client
        .get(app.url("/.well-known/jwks.json"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers().get("cache-control").unwrap(), "no-cache");
    expect_json(response, StatusCode::OK).await
}

async fn issuer_id(app: &TestApp) -> String {
    let profile: Value = expect_json(
        app.client
            .get(app.url("/api/v1/issuer"))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    profile["id"].as_str().unwrap().to_string()
}

async fn status_list_jwt(app: &TestApp, purpose: StatusPurpose) -> String {
    let response = app
        .client
        .get(app.url(&format!("/api/v1/status-lists/{}", purpose.as_str())))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers().get("content-type").unwrap(),
        "application/vc+jwt"
    );
    response.text().await.unwrap()
}

/// What Endorse's own verifier (the verify page's code) says now.
pub(crate) async fn check(app: &TestApp, jwt: &str) -> (Verdict, Option<Credential>) {
    let keys = jwks(app).await;
    let issuer = issuer_id(app).await;
    let credential = match verify_credential(jwt, &keys, &issuer) {
        Ok(credential) => credential,
        Err(why) => return (Verdict::NotGenuine(why), None),
    };
    let mut standings = Vec::new();
    for entry in credential.credential_status.entries() {
        let purpose = StatusPurpose::parse(
            entry
                .status_list_credential
                .rsplit('/')
                .next()
                .expect("a list address"),
        )
        .expect("a list Endorse publishes");
        let list = status_list_jwt(app, purpose).await;
        standings.push(status_of(&list, &keys, &issuer, entry).expect("a genuine status list"));
    }
    (
        verdict(&credential, combined(standings), app.clock.now()),
        Some(credential),
    )
}

async fn download(app: &TestApp, token: &str, number: &str) -> CredentialDownload {
    expect_json(
        app.get_as(&format!("/api/v1/endorsements/{number}/credential"), token)
            .await,
        StatusCode::OK,
    )
    .await
}

async fn mine(app: &TestApp, token: &str) -> Vec<EndorsementView> {
    expect_json(
        app.get_as("/api/v1/me/endorsements", token).await,
        StatusCode::OK,
    )
    .await
}

#[actix_web::test]
async fn a_credential_verifies_and_its_status_bits_follow_the_endorsement() {
    let app = spawn_app().await;
    let (admin, ada, _) = endorsed(&app).await;
    let number = mine(&app, &ada).await[0].number.clone();

    // The published key: one Ed25519 key, no private part.
    let keys = jwks(&app).await;
    assert_eq!(keys.keys.len(), 1);
    let published = serde_json::to_value(&keys).unwrap();
    assert_eq!(published["keys"][0]["kty"], "OKP");
    assert_eq!(published["keys"][0]["crv"], "Ed25519");
    assert!(published["keys"][0].get("d").is_none());

    // The holder's credential: an Open Badges 3.0 credential, signed, that
    // keeps the rules of 1EdTech's AchievementCredential schema.
    let got = download(&app, &ada, &number).await;
    assert_eq!(got.number, number);
    let payload = credential::readable_payload(&got.jwt).unwrap();
    let problems = achievement_credential_problems(&payload);
    assert!(problems.is_empty(), "{problems:#?}\n{payload:#}");
    let (answer, credential) = check(&app, &got.jwt).await;
    assert_eq!(answer, Verdict::Valid);
    let credential = credential.unwrap();
    assert_eq!(credential.holder_name(), "Ada Lovelace");
    assert_eq!(credential.number(), number);
    assert_eq!(credential.category(), ("IFS", "Infant Family Specialist"));
    assert_eq!(
        credential.credential_subject.achievement.achievement_type,
        "Certification"
    );
    // The evidence is the public check of the number, which a verifier can
    // open (the admins' page of the application was not).
    assert!(
        credential.evidence[0]
            .id
            .ends_with(&format!("/verify/{number}")),
        "{:?}",
        credential.evidence
    );
    let due = mine(&app, &ada).await[0].renewal_due;
    assert_eq!(
        credential.valid_until.unwrap().date_naive(),
        due + chrono::Duration::days(30),
        "valid through the renewal due date and its grace period"
    );
    // The same credential again, not a new one each time; an admin may fetch
    // it too; nobody else.
    assert_eq!(download(&app, &ada, &number).await.jwt, got.jwt);
    assert_eq!(download(&app, &admin, &number).await.jwt, got.jwt);
    let bob = app
        .register("bob@example.org", "Bob Stranger")
        .await
        .access_token;
    let refused = app
        .get_as(&format!("/api/v1/endorsements/{number}/credential"), &bob)
        .await;
    assert_eq!(refused.status(), StatusCode::NOT_FOUND);

    // The certificate: a PDF with the verify link in its QR code.
    let pdf = app
        .get_as(&format!("/api/v1/endorsements/{number}/certificate"), &ada)
        .await;
    assert_eq!(pdf.status(), StatusCode::OK);
    assert_eq!(
        pdf.headers().get("content-type").unwrap(),
        "application/pdf"
    );
    assert!(pdf.bytes().await.unwrap().starts_with(b"%PDF-"));
    assert!(got.verify_url.contains(&format!("/verify/{number}?code=")));

    // Anyone checks it by number: with the certificate's code, or once listed.
    let code = got.verify_url.split("code=").nth(1).unwrap().to_string();
    let public = |query: String| {
        let app = &app;
        let number = number.clone();
        async move {
            app.client
                .get(app.url(&format!("/api/v1/credentials/{number}{query}")))
                .send()
                .await
                .unwrap()
        }
    };
    assert_eq!(public(String::new()).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        public("?code=WRONGWRONGWR".into()).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        public(format!("?code={}", "X".repeat(500))).await.status(),
        StatusCode::NOT_FOUND
    );
    let by_code: PublicCredential = expect_json(
        public(format!("?code={}", code.to_lowercase())).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(by_code.jwt, got.jwt);
    for unknown in ["AL-IFS-1999-0001".to_string(), "A".repeat(500)] {
        let unknown = app
            .client
            .get(app.url(&format!("/api/v1/credentials/{unknown}")))
            .send()
            .await
            .unwrap();
        assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
    }
    app.put_as(
        &format!("/api/v1/me/endorsements/{number}/listing"),
        &ada,
        Some("\"1\""),
        &json!({ "listed": true }),
    )
    .await;
    let listed: PublicCredential = expect_json(public(String::new()).await, StatusCode::OK).await;
    assert_eq!(listed.jwt, got.jwt);

    // Suspension flips the suspension bit at once; restoring clears it.
    let version = mine(&app, &ada).await[0].version;
    let moved = move_to(
        &app,
        &admin,
        &number,
        version,
        "suspended",
        "Complaint under review.",
    )
    .await;
    assert_eq!(moved.status(), StatusCode::OK);
    assert_eq!(check(&app, &got.jwt).await.0, Verdict::Suspended);
    let refused = app
        .get_as(&format!("/api/v1/endorsements/{number}/certificate"), &ada)
        .await;
    assert_eq!(refused.status(), StatusCode::CONFLICT);
    let moved = move_to(&app, &admin, &number, version + 1, "active", "Resolved.").await;
    assert_eq!(moved.status(), StatusCode::OK);
    assert_eq!(check(&app, &got.jwt).await.0, Verdict::Valid);

    // Revocation flips the revocation bit; the credential reads as revoked.
    let moved = move_to(
        &app,
        &admin,
        &number,
        version + 2,
        "revoked",
        "Ethics violation.",
    )
    .await;
    assert_eq!(moved.status(), StatusCode::OK);
    assert_eq!(check(&app, &got.jwt).await.0, Verdict::Revoked);

    // Past its validity, a credential reads as expired.
    app.clock.advance(chrono::Duration::days(800));
    let moved_on = {
        let keys = jwks(&app).await;
        let credential = verify_credential(&got.jwt, &keys, &issuer_id(&app).await).unwrap();
        verdict(&credential, credential::Standing::Valid, app.clock.now())
    };
    assert_eq!(moved_on, Verdict::Expired);
}

#[actix_web::test]
async fn the_issuer_publishes_its_profile_achievements_and_lists() {
    let app = spawn_app().await;
    let profile: Value = expect_json(
        app.client
            .get(app.url("/api/v1/issuer"))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(profile["type"][0], "Profile");
    assert!(profile["id"].as_str().unwrap().ends_with("/api/v1/issuer"));
    let achievement: Value = expect_json(
        app.client
            .get(app.url("/api/v1/issuer/achievements/IFS"))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(achievement["achievementType"], "Certification");
    for (path, status) in [
        ("/api/v1/issuer/achievements/NOPE", StatusCode::NOT_FOUND),
        ("/api/v1/status-lists/everything", StatusCode::NOT_FOUND),
        ("/api/v1/status-lists/revocation", StatusCode::OK),
    ] {
        let response = app.client.get(app.url(path)).send().await.unwrap();
        assert_eq!(response.status(), status, "{path}");
    }
    // An empty list is still 16 KiB of bits, all clear.
    let keys = jwks(&app).await;
    let list = status_list_jwt(&app, StatusPurpose::Suspension).await;
    let read = credential::readable_payload(&list).unwrap();
    let bits =
        credential::Bitstring::decode(read["credentialSubject"]["encodedList"].as_str().unwrap())
            .unwrap();
    assert_eq!(bits.get(131_071), Some(false));
    assert_eq!(bits.get(131_072), None);
    assert_eq!(keys.keys.len(), 1);
}

#[actix_web::test]
async fn rotating_the_key_keeps_old_credentials_verifiable() {
    let app = spawn_app().await;
    let (admin, ada, _) = endorsed(&app).await;
    let number = mine(&app, &ada).await[0].number.clone();
    let before = download(&app, &ada, &number).await.jwt;
    let old_kid = jsonwebtoken::decode_header(&before).unwrap().kid.unwrap();

    let refused = app.post_as("/api/v1/issuer/keys", &ada, &json!({})).await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let rotated: IssuerKeyView = expect_json(
        app.post_as("/api/v1/issuer/keys", &admin, &json!({})).await,
        StatusCode::CREATED,
    )
    .await;
    assert_ne!(rotated.kid, old_kid);
    let keys = jwks(&app).await;
    assert_eq!(keys.keys.len(), 2);
    assert!(keys.find(&old_kid).is_some() && keys.find(&rotated.kid).is_some());

    // The old credential still verifies; lists and new credentials use the new key.
    assert_eq!(check(&app, &before).await.0, Verdict::Valid);
    let list = status_list_jwt(&app, StatusPurpose::Revocation).await;
    assert_eq!(
        jsonwebtoken::decode_header(&list).unwrap().kid,
        Some(rotated.kid.clone())
    );
    // A credential from a retired key, forged with a key of our own under the
    // new kid, is not genuine.
    let forger = credential::SigningKey::from_seed(&rotated.kid, &[9; 32]);
    let issuer = issuer_id(&app).await;
    let mut forged = verify_credential(&before, &keys, &issuer).unwrap();
    forged.credential_subject.license_number = "AL-IFS-2026-9999".into();
    let forged = credential::sign_credential(&forged, &forger).unwrap();
    assert!(matches!(
        check(&app, &forged).await.0,
        Verdict::NotGenuine(_)
    ));
}

/// Where a credential breaks the rules of 1EdTech's AchievementCredential
/// JSON Schema (Open Badges 3.0, `docs/schema/achievementcredential.json` in
/// the openbadges-specification repository), written out rule by rule for
/// what Endorse issues: the required properties, `credentialStatus` as one
/// object with `id` and `type`, the subject's `IdentityObject` (no other
/// properties; `identityType` from its enumeration), the achievement's
/// required properties and `achievementType`, evidence with a `type`, and
/// RFC 3339 dates.
fn achievement_credential_problems(c: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    let mut need = |ok: bool, what: &str| {
        if !ok {
            problems.push(what.to_string());
        }
    };
    let has_type = |v: &Value, t: &str| match v {
        Value::String(s) => s == t,
        Value::Array(items) => items.iter().any(|i| i == t),
        _ => false,
    };
    let is_date = |v: &Value| {
        v.as_str()
            .is_some_and(|s| chrono::DateTime::parse_from_rfc3339(s).is_ok())
    };
    for key in [
        "@context",
        "id",
        "type",
        "name",
        "credentialSubject",
        "issuer",
    ] {
        need(c.get(key).is_some(), &format!("$.{key} is required"));
    }
    need(
        c["@context"].as_array().is_some_and(|a| !a.is_empty()),
        "$.@context is a non-empty array",
    );
    need(
        has_type(&c["type"], "VerifiableCredential")
            && (has_type(&c["type"], "OpenBadgeCredential")
                || has_type(&c["type"], "AchievementCredential")),
        "$.type holds VerifiableCredential and OpenBadgeCredential",
    );
    need(is_date(&c["validFrom"]), "$.validFrom is a date-time");
    if let Some(until) = c.get("validUntil") {
        need(is_date(until), "$.validUntil is a date-time");
    }
    if let Some(awarded) = c.get("awardedDate") {
        need(is_date(awarded), "$.awardedDate is a date-time");
    }
    let status = &c["credentialStatus"];
    need(status.is_object(), "$.credentialStatus is one object");
    need(
        status["id"].is_string() && status["type"].is_string(),
        "$.credentialStatus has id and type",
    );
    let issuer = &c["issuer"];
    need(
        issuer["id"].is_string() && has_type(&issuer["type"], "Profile"),
        "$.issuer is a Profile with an id",
    );
    let subject = &c["credentialSubject"];
    need(
        has_type(&subject["type"], "AchievementSubject"),
        "$.credentialSubject.type holds AchievementSubject",
    );
    need(
        subject.get("id").is_some()
            || subject["identifier"]
                .as_array()
                .is_some_and(|a| !a.is_empty()),
        "$.credentialSubject has an id or an identifier",
    );
    const IDENTITY_TYPES: [&str; 19] = [
        "name",
        "sourcedId",
        "systemId",
        "productId",
        "userName",
        "accountId",
        "emailAddress",
        "nationalIdentityNumber",
        "isbn",
        "issn",
        "lisSourcedId",
        "oneRosterSourcedId",
        "sisSourcedId",
        "ltiContextId",
        "ltiDeploymentId",
        "ltiToolId",
        "ltiPlatformId",
        "ltiUserId",
        "identifier",
    ];
    for identity in subject["identifier"].as_array().into_iter().flatten() {
        let keys: Vec<&str> = identity
            .as_object()
            .map(|o| o.keys().map(String::as_str).collect())
            .unwrap_or_default();
        need(
            keys.iter()
                .all(|k| ["type", "hashed", "identityHash", "identityType", "salt"].contains(k)),
            "an IdentityObject has no other properties",
        );
        need(
            identity["type"].is_string()
                && identity["hashed"].is_boolean()
                && identity["identityHash"].is_string(),
            "an IdentityObject has type, hashed and identityHash",
        );
        need(
            identity["identityType"]
                .as_str()
                .is_some_and(|t| IDENTITY_TYPES.contains(&t) || t.starts_with("ext:")),
            "an IdentityObject's identityType is in the enumeration",
        );
    }
    let achievement = &subject["achievement"];
    for key in ["id", "type", "criteria", "description", "name"] {
        need(
            achievement.get(key).is_some(),
            &format!("$.credentialSubject.achievement.{key} is required"),
        );
    }
    need(
        achievement["achievementType"]
            .as_str()
            .is_some_and(|t| ["Certification", "License"].contains(&t) || t.starts_with("ext:")),
        "the achievementType is in the enumeration",
    );
    for evidence in c["evidence"].as_array().into_iter().flatten() {
        need(
            has_type(&evidence["type"], "Evidence"),
            "evidence has type Evidence",
        );
        need(
            evidence["id"]
                .as_str()
                .is_some_and(|id| id.contains("/verify/")),
            "evidence points to the public check, which anyone can open",
        );
    }
    problems
}

/// The workspace's `tests/verifier` directory, with its packages installed.
fn verifier_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/verifier");
    assert!(
        dir.join("node_modules/jose").is_dir(),
        "the independent verifier's packages are missing: `cargo xtask test` installs them (or run `npm ci --prefix tests/verifier`)"
    );
    dir
}

/// What the independent verifier says of a credential, given the files it
/// needs, as of `at`.
fn independent(dir: &Path, files: &Path, issuer: &str, at: chrono::DateTime<chrono::Utc>) -> Value {
    let output = std::process::Command::new("node")
        .current_dir(dir)
        .arg("verify.mjs")
        .arg(files.join("jwks.json"))
        .arg(files.join("credential.jwt"))
        .arg(issuer)
        .arg(files.join("message.jwt"))
        .arg(files.join("revocation.jwt"))
        .arg(files.join("suspension.jwt"))
        .arg("--at")
        .arg(at.to_rfc3339())
        .output()
        .expect("node runs (Node.js is needed for the independent verifier)");
    assert!(
        output.status.success(),
        "verify.mjs failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("verify.mjs prints JSON")
}

#[actix_web::test]
async fn an_independent_verifier_agrees() {
    let dir = verifier_dir();
    let app = spawn_app().await;
    let (admin, ada, _) = endorsed(&app).await;
    let number = mine(&app, &ada).await[0].number.clone();
    let jwt = download(&app, &ada, &number).await.jwt;
    let issuer = issuer_id(&app).await;
    let files = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| std::fs::write(files.path().join(name), text).unwrap();
    let publish = || async {
        write(
            "jwks.json",
            &serde_json::to_string(&jwks(&app).await).unwrap(),
        );
        write(
            "message.jwt",
            &status_list_jwt(&app, StatusPurpose::Message).await,
        );
        write(
            "revocation.jwt",
            &status_list_jwt(&app, StatusPurpose::Revocation).await,
        );
        write(
            "suspension.jwt",
            &status_list_jwt(&app, StatusPurpose::Suspension).await,
        );
    };
    publish().await;
    let verdict_of = |credential: &str| {
        write("credential.jwt", credential);
        independent(&dir, files.path(), &issuer, app.clock.now())["verdict"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(verdict_of(&jwt), "valid");

    // A tampered payload.
    let parts: Vec<&str> = jwt.split('.').collect();
    let payload = credential::readable_payload(&jwt).unwrap().to_string();
    let tampered = payload.replace("Ada Lovelace", "Eve Mallory");
    use base64::Engine as _;
    let tampered = format!(
        "{}.{}.{}",
        parts[0],
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(tampered),
        parts[2]
    );
    assert_eq!(verdict_of(&tampered), "not-genuine");

    // Signed with a key that is not the issuer's, under the issuer's kid.
    let kid = jsonwebtoken::decode_header(&jwt).unwrap().kid.unwrap();
    let credential = verify_credential(&jwt, &jwks(&app).await, &issuer).unwrap();
    let wrong_key = credential::sign_credential(
        &credential,
        &credential::SigningKey::from_seed(&kid, &[3; 32]),
    )
    .unwrap();
    assert_eq!(verdict_of(&wrong_key), "not-genuine");

    // Expired: checked after its validity (the renewal due date and grace).
    write("credential.jwt", &jwt);
    let after = credential.valid_until.unwrap() + chrono::Duration::days(1);
    assert_eq!(
        independent(&dir, files.path(), &issuer, after)["verdict"],
        "expired"
    );

    // Suspended, then revoked: the one status entry's value reads as each.
    let version = mine(&app, &ada).await[0].version;
    let moved = move_to(
        &app,
        &admin,
        &number,
        version,
        "suspended",
        "Pending a complaint.",
    )
    .await;
    assert_eq!(moved.status(), StatusCode::OK);
    publish().await;
    assert_eq!(verdict_of(&jwt), "suspended");
    let version = mine(&app, &ada).await[0].version;
    let moved = move_to(
        &app,
        &admin,
        &number,
        version,
        "revoked",
        "Ethics violation.",
    )
    .await;
    assert_eq!(moved.status(), StatusCode::OK);
    publish().await;
    assert_eq!(verdict_of(&jwt), "revoked");
}
