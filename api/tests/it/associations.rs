//! Several associations on one deployment: each reached at its own host name
//! or at `/a/{code}/`, each with records of its own, and nothing of one
//! accepted by another (tokens, refresh cookies, referee links, ids).

use crate::helpers::*;
use endorse_shared::auth::SessionResponse;
use endorse_shared::references::ReferenceView;
use endorse_shared::users::UserResponse;
use endorse_shared::Role;
use reqwest::StatusCode;
use serde_json::json;

/// The default association, one at its own host and one at a path.
async fn three() -> (TestApp, TestApp, TestApp) {
    let main = spawn_app().await;
    let mi = main.new_association("mi", Some("mi.localhost"));
    let ny = main.new_association("ny", None);
    (main, mi, ny)
}

fn reference_body(email: &str) -> serde_json::Value {
    json!({
        "category": "IFS",
        "referee_name": "Sam Rivera",
        "referee_email": email,
        "relationship": "current_supervisor",
        "known_since": "2019-03-01",
        "waive_access": true,
    })
}

#[actix_web::test]
async fn one_email_has_an_account_in_each_association_and_each_sees_only_its_own() {
    let (main, mi, ny) = three().await;
    let in_main = main.register("ada@example.org", "Ada Main").await;
    let in_mi = mi.register("ada@example.org", "Ada Michigan").await;
    let in_ny = ny.register("ada@example.org", "Ada New York").await;
    assert_ne!(in_main.user.id, in_mi.user.id);
    assert_ne!(in_mi.user.id, in_ny.user.id);
    for (app, session, name) in [
        (&main, &in_main, "Ada Main"),
        (&mi, &in_mi, "Ada Michigan"),
        (&ny, &in_ny, "Ada New York"),
    ] {
        let me: UserResponse = expect_json(
            app.get_as("/api/v1/me", &session.access_token).await,
            StatusCode::OK,
        )
        .await;
        assert_eq!(me.name, name);
    }
    // A second registration in one association is still refused there.
    let again = mi
        .post(
            "/api/v1/auth/register",
            &json!({ "email": "ada@example.org", "name": "Ada", "password": PASSWORD }),
        )
        .await;
    expect_problem(again, StatusCode::CONFLICT).await;
    // Signing in with the one e-mail reaches the account of the address used.
    let session: SessionResponse =
        expect_json(ny.login("ada@example.org", PASSWORD).await, StatusCode::OK).await;
    assert_eq!(session.user.id, in_ny.user.id);
}

#[actix_web::test]
async fn an_access_token_of_one_association_is_refused_by_the_others() {
    let (main, mi, ny) = three().await;
    let admin_mi = mi.user_with_role(Role::Admin, "admin@mi.example.org").await;
    let applicant_main = main.register("ada@example.org", "Ada").await.access_token;
    for (app, token) in [(&main, &admin_mi), (&ny, &admin_mi), (&mi, &applicant_main)] {
        for path in ["/api/v1/me", "/api/v1/users", "/api/v1/applications"] {
            let problem =
                expect_problem(app.get_as(path, token).await, StatusCode::UNAUTHORIZED).await;
            let detail = problem.detail.unwrap_or_default();
            assert!(detail.contains("another association"), "{path}: {detail}");
        }
    }
    // At home, the same tokens work.
    let users: serde_json::Value =
        expect_json(mi.get_as("/api/v1/users", &admin_mi).await, StatusCode::OK).await;
    let emails: Vec<&str> = users["items"]
        .as_array()
        .expect("a page of users")
        .iter()
        .filter_map(|u| u["email"].as_str())
        .collect();
    assert_eq!(emails, vec!["admin@mi.example.org"]);
}

#[actix_web::test]
async fn refresh_cookies_are_kept_apart_on_one_host() {
    let main = spawn_app().await;
    let ny = main.new_association("ny", None);
    // One browser, one cookie jar, two associations on one host.
    let browser = ny.with_browser_of(&main);
    main.register("ada@example.org", "Ada Main").await;
    browser.register("ada@example.org", "Ada New York").await;
    let main_cookie = main.refresh_cookie().expect("main's refresh cookie");
    let ny_cookie = browser.refresh_cookie().expect("ny's refresh cookie");
    assert_ne!(main_cookie, ny_cookie, "the cookies share a path");
    let refreshed: SessionResponse = expect_json(
        browser.post_empty("/api/v1/auth/refresh").await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(refreshed.user.name, "Ada New York");
    let refreshed: SessionResponse = expect_json(
        main.post_empty("/api/v1/auth/refresh").await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(refreshed.user.name, "Ada Main");
}

#[actix_web::test]
async fn a_referee_link_and_ids_of_one_association_are_unknown_to_another() {
    let (main, mi, _ny) = three().await;
    let applicant = mi.register("ada@example.org", "Ada").await.access_token;
    let admin_mi = mi.user_with_role(Role::Admin, "admin@mi.example.org").await;
    let admin_main = main.user_with_role(Role::Admin, "admin@example.org").await;
    let asked: ReferenceView = expect_json(
        mi.post_as(
            "/api/v1/references",
            &applicant,
            &reference_body("sam@example.org"),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let link = referee_link(&mi, &admin_mi, &asked.id.to_string()).await;
    // On the association's own host (the test deployment's port is the
    // bound port 0 of its settings).
    assert!(link.starts_with("http://mi.localhost:"), "{link}");
    let path = referee_api_path(&link);
    let home = mi.client.get(mi.url(&path)).send().await.expect("request");
    assert_eq!(home.status(), StatusCode::OK);
    let away = main
        .client
        .get(main.url(&path))
        .send()
        .await
        .expect("request");
    expect_problem(away, StatusCode::NOT_FOUND).await;
    // Its id, asked for by the other association's admin.
    let by_id = main
        .get_as(
            &format!("/api/v1/references/{}/link", asked.id),
            &admin_main,
        )
        .await;
    expect_problem(by_id, StatusCode::NOT_FOUND).await;
}

#[actix_web::test]
async fn addresses_that_name_no_association_are_not_found() {
    let (main, _mi, ny) = three().await;
    let unknown = main
        .client
        .get(main.url("/a/zz/api/v1/rulebook"))
        .send()
        .await
        .expect("request");
    let problem = expect_problem(unknown, StatusCode::NOT_FOUND).await;
    let detail = problem.detail.unwrap_or_default();
    assert!(detail.contains("'zz'"), "{detail}");
    // A browser opening such an address gets a page that says so.
    let page = main
        .client
        .get(main.url("/a/zz/sign-in"))
        .header("accept", "text/html,application/xhtml+xml")
        .send()
        .await
        .expect("request");
    assert_eq!(page.status(), StatusCode::NOT_FOUND);
    assert!(page
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/html")));
    let body = page.text().await.expect("a page");
    assert!(body.contains("No association here"), "{body}");
    assert!(body.contains("&#39;zz&#39;"), "{body}");
    // An association with a host of its own is not also served at a path.
    let by_path = main
        .client
        .get(main.url("/a/mi/api/v1/rulebook"))
        .send()
        .await
        .expect("request");
    expect_problem(by_path, StatusCode::NOT_FOUND).await;
    // The bare path goes to its slash.
    let no_redirects = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let bare = no_redirects
        .get(main.url("/a/ny"))
        .send()
        .await
        .expect("request");
    assert_eq!(bare.status(), StatusCode::PERMANENT_REDIRECT);
    assert_eq!(
        bare.headers().get("location").and_then(|v| v.to_str().ok()),
        Some("/a/ny/")
    );
    // The operators' API is the deployment's, not an association's.
    let platform = main
        .client
        .get(main.url("/a/ny/platform/api/v1/associations"))
        .send()
        .await
        .expect("request");
    expect_problem(platform, StatusCode::NOT_FOUND).await;
    // Health is the deployment's, whatever the address.
    let health = ny
        .client
        .get(main.url("/readyz"))
        .send()
        .await
        .expect("request");
    assert_eq!(health.status(), StatusCode::OK);
}

#[actix_web::test]
async fn an_association_made_twice_or_badly_is_refused_with_the_field_named() {
    let main = spawn_app().await;
    main.new_association("mi", Some("mi.localhost"));
    let state = &main.state;
    let attempt = |code: &str, host: Option<&str>, time_zone: &str| {
        state
            .associations
            .create(
                &endorse_api::tenancy::NewAssociation {
                    code: code.into(),
                    name: "Another".into(),
                    host: host.map(Into::into),
                    time_zone: time_zone.into(),
                },
                &state.settings,
                &main.clock,
            )
            .map(|_| ())
            .map_err(|error| error.to_string())
    };
    let taken = attempt("mi", None, "UTC").expect_err("a taken code");
    assert!(taken.starts_with("code:"), "{taken}");
    let taken = attempt("oh", Some("mi.localhost"), "UTC").expect_err("a taken host");
    assert!(taken.starts_with("host:"), "{taken}");
    let bad = attempt("Ohio", None, "UTC").expect_err("a bad code");
    assert!(bad.starts_with("code:"), "{bad}");
    let bad = attempt("oh", Some("oh.example.org:80"), "UTC").expect_err("a port");
    assert!(bad.starts_with("host:"), "{bad}");
    let bad = attempt("oh", None, "Mars/Olympus").expect_err("a bad zone");
    assert!(bad.starts_with("time_zone:"), "{bad}");
    // Nothing of the refused ones was made.
    let codes: Vec<String> = state
        .associations
        .list()
        .expect("list")
        .into_iter()
        .map(|a| a.code)
        .collect();
    assert_eq!(codes, vec!["main".to_string(), "mi".to_string()]);
}

/// PostgreSQL's second wall: a connection of one association cannot read
/// another's tables even when a query names them.
#[cfg(feature = "postgres")]
#[actix_web::test]
async fn on_postgresql_an_association_role_cannot_read_another_schema() {
    use diesel::RunQueryDsl;
    let main = spawn_app().await;
    if !matches!(
        main.state.settings.database,
        endorse_api::config::DatabaseUrl::Postgres(_)
    ) {
        return;
    }
    let mi = main.new_association("mi", None);
    main.register("ada@example.org", "Ada").await;
    let refused = mi
        .db
        .run(|conn| {
            Ok(diesel::sql_query("SELECT id FROM public.users")
                .execute(conn)
                .map_err(|error| error.to_string()))
        })
        .await
        .expect("a connection");
    let error = refused.expect_err("mi's role read the default association's users");
    assert!(error.contains("permission denied"), "{error}");
    let platform = mi
        .db
        .run(|conn| {
            Ok(
                diesel::sql_query("SELECT code FROM endorse_platform.associations")
                    .execute(conn)
                    .map_err(|error| error.to_string()),
            )
        })
        .await
        .expect("a connection");
    assert!(platform.is_err(), "mi's role read the platform");
}

async fn endorsement_of(
    app: &TestApp,
    token: &str,
) -> endorse_shared::endorsements::EndorsementView {
    let mine: Vec<endorse_shared::endorsements::EndorsementView> = expect_json(
        app.get_as("/api/v1/me/endorsements", token).await,
        StatusCode::OK,
    )
    .await;
    mine.into_iter().next().expect("an endorsement")
}

async fn credential_of(app: &TestApp, token: &str, number: &str) -> serde_json::Value {
    let got: endorse_shared::endorsements::CredentialDownload = expect_json(
        app.get_as(&format!("/api/v1/endorsements/{number}/credential"), token)
            .await,
        StatusCode::OK,
    )
    .await;
    endorse_shared::credential::readable_payload(&got.jwt).expect("a credential")
}

#[actix_web::test]
async fn each_association_numbers_signs_and_lists_its_own_in_its_own_days() {
    let main = spawn_app().await;
    // mi counts its days in America/Detroit (see new_association); main in UTC.
    let mi = main.new_association("mi", Some("mi.localhost"));
    let (_, ada_main, _) = crate::endorsements::endorsed(&main).await;
    let (_, ada_mi, _) = crate::endorsements::endorsed(&mi).await;
    let in_main = endorsement_of(&main, &ada_main).await;
    let in_mi = endorsement_of(&mi, &ada_mi).await;
    // Each has its own counter: both are the first of their year.
    assert!(in_main.number.ends_with("-0001"), "{}", in_main.number);
    assert!(in_mi.number.ends_with("-0001"), "{}", in_mi.number);
    // Each signs with its own key, as its own issuer.
    let jwks = |app: &TestApp| {
        let app = app.clone();
        async move {
            let keys: serde_json::Value = expect_json(
                app.client
                    .get(app.url("/.well-known/jwks.json"))
                    .send()
                    .await
                    .expect("request"),
                StatusCode::OK,
            )
            .await;
            keys["keys"][0]["kid"].as_str().expect("a kid").to_string()
        }
    };
    assert_ne!(jwks(&main).await, jwks(&mi).await);
    let credential_main = credential_of(&main, &ada_main, &in_main.number).await;
    let credential_mi = credential_of(&mi, &ada_mi, &in_mi.number).await;
    let issuer = |c: &serde_json::Value| c["issuer"]["id"].as_str().unwrap_or_default().to_string();
    assert_ne!(issuer(&credential_main), issuer(&credential_mi));
    assert!(
        issuer(&credential_mi).contains("mi.localhost"),
        "{}",
        issuer(&credential_mi)
    );
    // "Valid through" ends at the association's midnight: 23:59:59 in
    // Detroit is 04:59:59 or 03:59:59 UTC the next day.
    let until = |c: &serde_json::Value| {
        chrono::DateTime::parse_from_rfc3339(c["validUntil"].as_str().expect("validUntil"))
            .expect("a date")
            .with_timezone(&chrono::Utc)
    };
    use chrono::Timelike;
    assert_eq!(until(&credential_main).time().hour(), 23);
    let detroit = until(&credential_mi).with_timezone(&chrono_tz::America::Detroit);
    assert_eq!(
        (detroit.hour(), detroit.minute(), detroit.second()),
        (23, 59, 59)
    );
    // A credential of one association does not verify against the other's keys.
    let other_keys: endorse_shared::credential::JwkSet = expect_json(
        main.client
            .get(main.url("/.well-known/jwks.json"))
            .send()
            .await
            .expect("request"),
        StatusCode::OK,
    )
    .await;
    let got: endorse_shared::endorsements::CredentialDownload = expect_json(
        mi.get_as(
            &format!("/api/v1/endorsements/{}/credential", in_mi.number),
            &ada_mi,
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert!(endorse_shared::credential::verify_credential(
        &got.jwt,
        &other_keys,
        &issuer(&credential_main)
    )
    .is_err());
    // Each registry lists only its own holder, once she agrees.
    let number = in_mi.number.clone();
    let listed = mi
        .put_as(
            &format!("/api/v1/me/endorsements/{number}/listing"),
            &ada_mi,
            Some("\"1\""),
            &json!({ "listed": true }),
        )
        .await;
    assert_eq!(listed.status(), StatusCode::OK);
    assert_eq!(crate::endorsements::registry(&mi, "").await.total, 1);
    assert_eq!(crate::endorsements::registry(&main, "").await.total, 0);
}

/// Lists the holder's one endorsement in the association's registry.
async fn list_in_registry(app: &TestApp, token: &str) {
    let number = endorsement_of(app, token).await.number;
    let listed = app
        .put_as(
            &format!("/api/v1/me/endorsements/{number}/listing"),
            token,
            Some("\"1\""),
            &json!({ "listed": true }),
        )
        .await;
    assert_eq!(listed.status(), StatusCode::OK);
}

/// Makes the association's registry take part in the shared search.
async fn share_registry(app: &TestApp, admin: &str) {
    let current: serde_json::Value = expect_json(
        app.get_as("/api/v1/association/settings", admin).await,
        StatusCode::OK,
    )
    .await;
    let profile = &current["profile"];
    let body = json!({
        "name": profile["name"], "time_zone": profile["time_zone"], "currency": profile["currency"],
        "language": profile["language"], "primary_colour": profile["primary_colour"],
        "accent_colour": profile["accent_colour"], "logo": profile["logo"],
        "mail_from": current["mail_from"], "mail_reply_to": current["mail_reply_to"],
        "mail_signature": current["mail_signature"], "registry_shared": true,
    });
    let version = format!("\"{}\"", current["version"]);
    let saved = app
        .put_as("/api/v1/association/settings", admin, Some(&version), &body)
        .await;
    assert_eq!(saved.status(), StatusCode::OK);
}

#[actix_web::test]
async fn the_shared_registry_searches_every_association_that_takes_part() {
    let main = spawn_app().await;
    let mi = main.new_association("mi", Some("mi.localhost"));
    let ny = main.new_association("ny", None);
    let mut admins = Vec::new();
    for app in [&main, &mi, &ny] {
        let (admin, ada, _) = crate::endorsements::endorsed(app).await;
        list_in_registry(app, &ada).await;
        admins.push(admin);
    }
    // mi and ny take part; main does not.
    share_registry(&mi, &admins[1]).await;
    share_registry(&ny, &admins[2]).await;
    let search = |app: &TestApp, query: &str| {
        let url = app.url(&format!("/api/v1/registry/everywhere{query}"));
        let client = app.client.clone();
        async move { client.get(url).send().await.expect("request") }
    };
    // From any address, without an account.
    for app in [&main, &ny] {
        let page: endorse_shared::endorsements::SharedRegistryPage =
            expect_json(search(app, "?q=lovelace").await, StatusCode::OK).await;
        let found: Vec<&str> = page.items.iter().map(|e| e.association.as_str()).collect();
        assert_eq!(found, ["mi", "ny"]);
        assert_eq!(page.total, 2);
        assert!(page.items[0].association_url.contains("mi.localhost"));
        assert_eq!(page.items[0].entry.name, "Ada Lovelace");
        let codes: Vec<&str> = page.associations.iter().map(|(c, _)| c.as_str()).collect();
        assert_eq!(codes, ["mi", "ny"]);
    }
    // By association, by number, by category.
    let page: endorse_shared::endorsements::SharedRegistryPage =
        expect_json(search(&main, "?association=ny").await, StatusCode::OK).await;
    assert_eq!(page.items.len(), 1);
    assert_eq!(page.items[0].association, "ny");
    let number = page.items[0].entry.number.clone();
    let page: endorse_shared::endorsements::SharedRegistryPage =
        expect_json(search(&main, &format!("?q={number}")).await, StatusCode::OK).await;
    assert_eq!(page.total, 2, "both share the number scheme");
    let page: endorse_shared::endorsements::SharedRegistryPage =
        expect_json(search(&main, "?category=IMHM-C").await, StatusCode::OK).await;
    assert_eq!(page.total, 0);
    // main's own registry still lists its holder.
    assert_eq!(crate::endorsements::registry(&main, "").await.total, 1);
    // Too deep a page, too long a filter.
    expect_problem(
        search(&main, "?page=41").await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    let long = "x".repeat(201);
    expect_problem(
        search(&main, &format!("?q={long}")).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
}
