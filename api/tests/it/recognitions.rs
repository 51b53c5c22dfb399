//! Reciprocity: a holder of one association asks another to recognise her
//! endorsement; the other verifies the credential, decides, and issues its
//! own; both registries say so. Nothing of it without the certificate's
//! code, nothing for a credential not in good standing, once under races.

use crate::endorsements::{endorsed, move_to, registry};
use crate::helpers::*;
use endorse_shared::endorsements::{
    CredentialDownload, EndorsementOrigin, EndorsementView, RecognitionDirection,
};
use endorse_shared::recognitions::{RecognitionStatus, RecognitionView};
use endorse_shared::Role;
use reqwest::StatusCode;
use serde_json::json;

/// Ada's endorsement in `app`: its number and the code of its certificate.
async fn certificate_of(app: &TestApp, token: &str) -> (EndorsementView, String) {
    let mine: Vec<EndorsementView> = expect_json(
        app.get_as("/api/v1/me/endorsements", token).await,
        StatusCode::OK,
    )
    .await;
    let endorsement = mine.into_iter().next().expect("an endorsement");
    let download: CredentialDownload = expect_json(
        app.get_as(
            &format!("/api/v1/endorsements/{}/credential", endorsement.number),
            token,
        )
        .await,
        StatusCode::OK,
    )
    .await;
    let code = download
        .verify_url
        .split("code=")
        .nth(1)
        .expect("a code in the verify address")
        .to_string();
    (endorsement, code)
}

/// The association's issuer id.
async fn issuer_of(app: &TestApp) -> String {
    let profile: serde_json::Value = expect_json(
        app.client
            .get(app.url("/api/v1/issuer"))
            .send()
            .await
            .expect("request"),
        StatusCode::OK,
    )
    .await;
    profile["id"].as_str().expect("an issuer id").to_string()
}

async fn ask(app: &TestApp, token: &str, body: &serde_json::Value) -> reqwest::Response {
    app.post_as("/api/v1/me/recognitions", token, body).await
}

async fn decide(
    app: &TestApp,
    admin: &str,
    id: &str,
    version: i64,
    body: &serde_json::Value,
) -> reqwest::Response {
    app.client
        .post(app.url(&format!("/api/v1/recognitions/{id}/decision")))
        .bearer_auth(admin)
        .header("if-match", format!("\"{version}\""))
        .json(body)
        .send()
        .await
        .expect("request")
}

async fn list_it(app: &TestApp, token: &str, number: &str, version: i64) {
    let listed = app
        .put_as(
            &format!("/api/v1/me/endorsements/{number}/listing"),
            token,
            Some(&format!("\"{version}\"")),
            &json!({ "listed": true }),
        )
        .await;
    assert_eq!(listed.status(), StatusCode::OK);
}

/// Ada endorsed in main, with an account in mi under the same address.
struct Moved {
    main: TestApp,
    mi: TestApp,
    admin_main: String,
    ada_main: String,
    ada_mi: String,
    admin_mi: String,
    number: String,
    code: String,
}

async fn moved() -> Moved {
    let main = spawn_app().await;
    let mi = main.new_association("mi", Some("mi.localhost"));
    let (admin_main, ada_main, _) = endorsed(&main).await;
    let (endorsement, code) = certificate_of(&main, &ada_main).await;
    let admin_mi = mi.user_with_role(Role::Admin, "admin@example.org").await;
    let ada_mi = mi
        .register("ada@example.org", "Ada Lovelace")
        .await
        .access_token;
    Moved {
        main,
        mi,
        admin_main,
        ada_main,
        ada_mi,
        admin_mi,
        number: endorsement.number,
        code,
    }
}

#[actix_web::test]
async fn a_holder_who_moves_is_recognised_by_her_new_association_and_both_registries_say_so() {
    let m = moved().await;
    let (main, mi) = (&m.main, &m.mi);
    // Without the certificate's code, or naming no other association,
    // nothing is read.
    for (body, field) in [
        (
            json!({ "association": "main", "number": m.number, "code": "WRONG-CODE" }),
            "code",
        ),
        (
            json!({ "association": "main", "number": "MAIN-IFS-1999-0001", "code": m.code }),
            "number",
        ),
        (
            json!({ "association": "zz", "number": m.number, "code": m.code }),
            "association",
        ),
        (
            json!({ "association": "mi", "number": m.number, "code": m.code }),
            "association",
        ),
        (
            json!({ "association": "main", "number": m.number, "code": m.code, "category": "NOPE" }),
            "category",
        ),
        (
            json!({ "association": " ", "number": m.number, "code": m.code }),
            "association",
        ),
        (
            json!({ "association": "main", "number": m.number, "code": "C".repeat(65) }),
            "code",
        ),
        (
            json!({ "association": "main", "number": "N".repeat(65), "code": m.code }),
            "number",
        ),
    ] {
        let problem = expect_problem(
            ask(mi, &m.ada_mi, &body).await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert!(
            problem.errors.contains_key(field),
            "{body}: {:?}",
            problem.errors
        );
    }
    // With them, the credential is read from main and verified.
    let asked: RecognitionView = expect_json(
        ask(
            mi,
            &m.ada_mi,
            &json!({ "association": "MAIN", "number": m.number.to_lowercase(), "code": m.code }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(asked.status, RecognitionStatus::Pending);
    assert_eq!(asked.from_association, "main");
    assert_eq!(asked.from_number, m.number);
    assert_eq!(asked.from_holder_name, "Ada Lovelace");
    assert_eq!(asked.category, "IFS");
    assert!(asked.same_email);
    let main_keys: endorse_shared::credential::JwkSet = expect_json(
        main.client
            .get(main.url("/.well-known/jwks.json"))
            .send()
            .await
            .expect("request"),
        StatusCode::OK,
    )
    .await;
    let main_issuer = issuer_of(main).await;
    endorse_shared::credential::verify_credential(&asked.credential_jwt, &main_keys, &main_issuer)
        .expect("the kept credential is main's, genuine");
    // Once.
    expect_problem(
        ask(
            mi,
            &m.ada_mi,
            &json!({ "association": "main", "number": m.number, "code": m.code }),
        )
        .await,
        StatusCode::CONFLICT,
    )
    .await;
    // mi's admins see it; main's list and the holder herself do not decide.
    let waiting: Vec<RecognitionView> = expect_json(
        mi.get_as("/api/v1/recognitions", &m.admin_mi).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(waiting.len(), 1);
    assert_eq!(
        mi.get_as("/api/v1/recognitions", &m.ada_mi).await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        decide(mi, &m.ada_mi, &asked.id, 1, &json!({ "grant": true }))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    // A stale version, a decline without a reason, an unknown category.
    assert_eq!(
        decide(mi, &m.admin_mi, &asked.id, 7, &json!({ "grant": true }))
            .await
            .status(),
        StatusCode::PRECONDITION_FAILED
    );
    for body in [
        json!({ "grant": false, "reason": "  " }),
        json!({ "grant": true, "category": "NOPE" }),
        json!({ "grant": false, "reason": "r".repeat(2001) }),
    ] {
        assert_eq!(
            decide(mi, &m.admin_mi, &asked.id, 1, &body).await.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{body}"
        );
    }
    // Granted: mi issues its own endorsement, with no application here.
    let granted: RecognitionView = expect_json(
        decide(
            mi,
            &m.admin_mi,
            &asked.id,
            1,
            &json!({ "grant": true, "reason": "Reciprocity agreement." }),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(granted.status, RecognitionStatus::Granted);
    let number_mi = granted.number.clone().expect("an endorsement here");
    // mi's own counter (both rulebooks may share a prefix: a number is
    // an association's).
    assert!(number_mi.ends_with("-0001"), "{number_mi}");
    expect_problem(
        decide(mi, &m.admin_mi, &asked.id, 2, &json!({ "grant": true })).await,
        StatusCode::CONFLICT,
    )
    .await;
    let (in_mi, _) = certificate_of(mi, &m.ada_mi).await;
    assert_eq!(in_mi.number, number_mi);
    assert_eq!(in_mi.origin, EndorsementOrigin::Recognition);
    assert_eq!(in_mi.application, None);
    // Its credential is mi's, and verifies against mi's keys.
    let mi_keys: endorse_shared::credential::JwkSet = expect_json(
        mi.client
            .get(mi.url("/.well-known/jwks.json"))
            .send()
            .await
            .expect("request"),
        StatusCode::OK,
    )
    .await;
    let download: CredentialDownload = expect_json(
        mi.get_as(
            &format!("/api/v1/endorsements/{number_mi}/credential"),
            &m.ada_mi,
        )
        .await,
        StatusCode::OK,
    )
    .await;
    endorse_shared::credential::verify_credential(&download.jwt, &mi_keys, &issuer_of(mi).await)
        .expect("mi's credential verifies");
    let payload = endorse_shared::credential::readable_payload(&download.jwt).expect("a payload");
    let narrative = payload["evidence"][0]["narrative"]
        .as_str()
        .unwrap_or_default();
    assert!(
        narrative.contains(&format!("in recognition of endorsement {}", m.number)),
        "{narrative}"
    );
    // The holder sees the decision; the association's log keeps it.
    let mine: Vec<RecognitionView> = expect_json(
        mi.get_as("/api/v1/me/recognitions", &m.ada_mi).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(mine[0].number.as_deref(), Some(number_mi.as_str()));
    let log: serde_json::Value = expect_json(
        mi.get_as("/api/v1/association/events", &m.admin_mi).await,
        StatusCode::OK,
    )
    .await;
    assert!(log.to_string().contains("recognition_granted"), "{log}");
    // Both registries say so, once she agrees to be listed in each.
    list_it(main, &m.ada_main, &m.number, 1).await;
    list_it(mi, &m.ada_mi, &number_mi, 1).await;
    let line = registry(main, "").await.items.remove(0);
    assert_eq!(line.recognitions.len(), 1, "{line:?}");
    assert_eq!(
        line.recognitions[0].direction,
        RecognitionDirection::RecognisedBy
    );
    assert_eq!(line.recognitions[0].association, "mi");
    assert_eq!(line.recognitions[0].number, number_mi);
    let line = registry(mi, "").await.items.remove(0);
    assert_eq!(
        line.recognitions[0].direction,
        RecognitionDirection::RecognisedFrom
    );
    assert_eq!(line.recognitions[0].number, m.number);
    assert!(line.recognitions[0]
        .describe()
        .say(endorse_shared::i18n::Lang::En)
        .contains(&line.recognitions[0].association_name));
}

#[actix_web::test]
async fn a_credential_not_in_good_standing_is_not_recognised_and_a_decline_says_why() {
    let m = moved().await;
    let admin_main = m.admin_main.clone();
    let body = json!({ "association": "main", "number": m.number, "code": m.code });
    assert_eq!(
        move_to(
            &m.main,
            &admin_main,
            &m.number,
            1,
            "suspended",
            "Complaint under review."
        )
        .await
        .status(),
        StatusCode::OK
    );
    let problem = expect_problem(ask(&m.mi, &m.ada_mi, &body).await, StatusCode::CONFLICT).await;
    let detail = problem.detail.clone().unwrap_or_default();
    assert!(detail.to_lowercase().contains("suspended"), "{problem:?}");
    assert_eq!(
        move_to(
            &m.main,
            &admin_main,
            &m.number,
            2,
            "active",
            "Complaint dismissed."
        )
        .await
        .status(),
        StatusCode::OK
    );
    let asked: RecognitionView =
        expect_json(ask(&m.mi, &m.ada_mi, &body).await, StatusCode::CREATED).await;
    let declined: RecognitionView = expect_json(
        decide(
            &m.mi,
            &m.admin_mi,
            &asked.id,
            1,
            &json!({ "grant": false, "reason": "We need a current membership first." }),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(declined.status, RecognitionStatus::Declined);
    assert_eq!(declined.number, None);
    // A declined request may be made again.
    let again: RecognitionView =
        expect_json(ask(&m.mi, &m.ada_mi, &body).await, StatusCode::CREATED).await;
    // A credential suspended since the request is checked again before a
    // grant, and not recognised.
    assert_eq!(
        move_to(&m.main, &admin_main, &m.number, 3, "suspended", "Again.")
            .await
            .status(),
        StatusCode::OK
    );
    let problem = expect_problem(
        decide(&m.mi, &m.admin_mi, &again.id, 1, &json!({ "grant": true })).await,
        StatusCode::CONFLICT,
    )
    .await;
    assert!(
        problem
            .detail
            .clone()
            .unwrap_or_default()
            .contains("suspended"),
        "{problem:?}"
    );
    // Nothing was issued; main's registry line names no recognition.
    let mine: Vec<EndorsementView> = expect_json(
        m.mi.get_as("/api/v1/me/endorsements", &m.ada_mi).await,
        StatusCode::OK,
    )
    .await;
    assert!(mine.is_empty());
}

#[actix_web::test]
async fn twenty_racing_requests_make_one_and_ten_racing_grants_issue_one() {
    let m = moved().await;
    let body = json!({ "association": "main", "number": m.number, "code": m.code });
    let asks = (0..20).map(|_| ask(&m.mi, &m.ada_mi, &body));
    let statuses: Vec<StatusCode> = futures_util::future::join_all(asks)
        .await
        .into_iter()
        .map(|r| r.status())
        .collect();
    assert_eq!(
        statuses
            .iter()
            .filter(|s| **s == StatusCode::CREATED)
            .count(),
        1,
        "{statuses:?}"
    );
    assert!(statuses
        .iter()
        .all(|s| *s == StatusCode::CREATED || *s == StatusCode::CONFLICT));
    let waiting: Vec<RecognitionView> = expect_json(
        m.mi.get_as("/api/v1/recognitions", &m.admin_mi).await,
        StatusCode::OK,
    )
    .await;
    let id = waiting[0].id.clone();
    let grant = json!({ "grant": true });
    let grants = (0..10).map(|_| decide(&m.mi, &m.admin_mi, &id, 1, &grant));
    let statuses: Vec<StatusCode> = futures_util::future::join_all(grants)
        .await
        .into_iter()
        .map(|r| r.status())
        .collect();
    assert_eq!(
        statuses.iter().filter(|s| **s == StatusCode::OK).count(),
        1,
        "{statuses:?}"
    );
    assert!(statuses
        .iter()
        .all(|s| s.is_success() || s.is_client_error()));
    let mine: Vec<EndorsementView> = expect_json(
        m.mi.get_as("/api/v1/me/endorsements", &m.ada_mi).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(mine.len(), 1);
}

#[actix_web::test]
async fn two_grants_racing_for_one_holder_and_category_issue_one() {
    // Ada holds IFS in main and in ny, and asks mi to recognise both.
    let main = spawn_app().await;
    let mi = main.new_association("mi", Some("mi.localhost"));
    let ny = main.new_association("ny", None);
    let (_, ada_main, _) = endorsed(&main).await;
    let (_, ada_ny, _) = endorsed(&ny).await;
    let admin_mi = mi.user_with_role(Role::Admin, "admin@example.org").await;
    let ada_mi = mi
        .register("ada@example.org", "Ada Lovelace")
        .await
        .access_token;
    let mut asked = Vec::new();
    for (code, app, token) in [("main", &main, &ada_main), ("ny", &ny, &ada_ny)] {
        let (endorsement, certificate_code) = certificate_of(app, token).await;
        let view: RecognitionView = expect_json(
            ask(
                &mi,
                &ada_mi,
                &json!({ "association": code, "number": endorsement.number, "code": certificate_code }),
            )
            .await,
            StatusCode::CREATED,
        )
        .await;
        asked.push(view.id);
    }
    let grant = json!({ "grant": true });
    let (first, second) = futures_util::future::join(
        decide(&mi, &admin_mi, &asked[0], 1, &grant),
        decide(&mi, &admin_mi, &asked[1], 1, &grant),
    )
    .await;
    let mut statuses = [first.status(), second.status()];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::OK, StatusCode::CONFLICT]);
    let mine: Vec<EndorsementView> = expect_json(
        mi.get_as("/api/v1/me/endorsements", &ada_mi).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(mine.len(), 1, "one IFS endorsement in mi");
}
