//! Imports: a file is checked (a dry run that writes nothing and says, per
//! row, what it would create, update or refuse and why), then written in
//! batches once confirmed, once however many admins race, and taken up
//! again after a stop. An imported holder claims her account from the
//! invitation, sees her endorsement under its own number, downloads a
//! credential that verifies, and renews; imported ratings count from the
//! day they were given; the same file again changes nothing and a
//! corrected one updates. Bad files are refused naming what is wrong.

use crate::applications::add;
use crate::credentials::check;
use crate::helpers::*;
use crate::renewals::{overview, tick};
use chrono::{Duration, NaiveDate};
use endorse_api::clock::Clock;
use endorse_api::db::{endorsements, imports as stored_imports, leases};
use endorse_shared::applications::ApplicationResponse;
use endorse_shared::credential::Verdict;
use endorse_shared::endorsements::{EndorsementOrigin, EndorsementStatus, EndorsementView};
use endorse_shared::imports::{
    ImportIssue, ImportList, ImportRowsPage, ImportStatus, ImportView, RowOutcome,
};
use endorse_shared::renewal::{RenewalKind, RenewalRecord};
use endorse_shared::Role;
use reqwest::StatusCode;
use serde_json::json;

/// Sends a file to be checked.
async fn send(app: &TestApp, admin: &str, kind: &str, body: Vec<u8>) -> reqwest::Response {
    app.client
        .post(app.url(&format!("/api/v1/imports?kind={kind}&name={kind}.csv")))
        .bearer_auth(admin)
        .header("content-type", "text/csv")
        .body(body)
        .send()
        .await
        .expect("request")
}

/// Checks a file that must read.
async fn checked(app: &TestApp, admin: &str, kind: &str, body: &str) -> ImportView {
    expect_json(
        send(app, admin, kind, body.as_bytes().to_vec()).await,
        StatusCode::CREATED,
    )
    .await
}

async fn rows(app: &TestApp, admin: &str, id: &str, query: &str) -> ImportRowsPage {
    expect_json(
        app.get_as(&format!("/api/v1/imports/{id}/rows{query}"), admin)
            .await,
        StatusCode::OK,
    )
    .await
}

async fn get(app: &TestApp, admin: &str, id: &str) -> ImportView {
    expect_json(
        app.get_as(&format!("/api/v1/imports/{id}"), admin).await,
        StatusCode::OK,
    )
    .await
}

/// Waits until the import is written (the importer works in the background).
async fn written(app: &TestApp, admin: &str, id: &str) -> ImportView {
    for _ in 0..600 {
        let view = get(app, admin, id).await;
        if view.status == ImportStatus::Applied {
            return view;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!(
        "the import was not written in time: {:?}",
        get(app, admin, id).await
    );
}

/// Checks, confirms and waits for a file that must read.
async fn import(app: &TestApp, admin: &str, kind: &str, body: &str) -> ImportView {
    let view = checked(app, admin, kind, body).await;
    let confirmed = app
        .post_empty_as(&format!("/api/v1/imports/{}/confirm", view.id), admin)
        .await;
    assert_eq!(confirmed.status(), StatusCode::ACCEPTED);
    written(app, admin, &view.id).await
}

fn day(at: NaiveDate) -> String {
    at.to_string()
}

#[actix_web::test]
async fn an_imported_holder_claims_her_account_keeps_her_number_verifies_and_renews() {
    let app = spawn_app().await;
    let admin = app.user_with_role(Role::Admin, "admin@example.org").await;
    let today = app.clock.now().date_naive();
    let (awarded, due) = (today - Duration::days(200), today + Duration::days(20));
    let file = format!(
        "name;email;category;endorsement_number;awarded_on;renewal_due;status;membership_number;membership_expires_on\r\n\
         José Núñez;Jose@Example.org;IFS;MI-IFS-2026-0042;{a};{d};active;M-77;{m}\r\n\
         Grace Hopper;grace@example.org;XYZ;MI-XYZ-2020-0001;2020-01-01;2027-01-01;active;;\r\n\
         Joan Clarke;joan@example.org;IFS;MI-IFS-2026-0042;{a};{d};active;;\r\n\
         Mary Ainsworth;mary@example.org;IFS;MI-IFS-2019-0007;31/12/2019;{d};retired;M-78;\r\n",
        a = day(awarded),
        d = day(due),
        m = day(today + Duration::days(400)),
    );
    // Saved from a spreadsheet on Windows: Windows-1252, semicolons.
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&file);
    let view: ImportView = expect_json(
        send(&app, &admin, "holders", bytes.into_owned()).await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(
        (view.encoding.as_str(), view.delimiter.as_str()),
        ("windows-1252", ";")
    );
    assert_eq!(view.status, ImportStatus::Checked);
    assert_eq!(view.rows, 4);
    assert_eq!(
        (view.planned.create, view.planned.refused),
        (1, 3),
        "{view:?}"
    );
    // The dry run wrote nothing.
    let number = "MI-IFS-2026-0042".to_string();
    let lookup = number.clone();
    assert!(app
        .db
        .run(move |conn| endorsements::get(conn, &lookup))
        .await
        .unwrap()
        .is_none());
    let page = rows(&app, &admin, &view.id, "").await;
    assert_eq!(page.rows.len(), 4);
    assert_eq!(page.rows[0].line, 2);
    assert_eq!(page.rows[0].outcome, RowOutcome::Create);
    assert!(page.rows[0].new_account);
    let refused = rows(&app, &admin, &view.id, "?outcome=refused").await;
    let why: Vec<(u32, Vec<ImportIssue>)> = refused
        .rows
        .iter()
        .map(|r| (r.line, r.problems.iter().map(|p| p.issue.clone()).collect()))
        .collect();
    assert_eq!(
        why,
        [
            (
                3,
                vec![ImportIssue::UnknownCategory {
                    value: "XYZ".into()
                }]
            ),
            (4, vec![ImportIssue::DuplicateNumber { line: 2 }]),
            (
                5,
                vec![
                    ImportIssue::NotADate {
                        column: "awarded_on".into(),
                        value: "31/12/2019".into()
                    },
                    ImportIssue::NotOneOf {
                        column: "status".into(),
                        value: "retired".into(),
                        allowed: "active, lapsed, inactive, emeritus, suspended, revoked, archived"
                            .into()
                    },
                    ImportIssue::Missing {
                        column: "membership_expires_on".into()
                    },
                ]
            ),
        ]
    );
    // Each problem names its column and says what is wrong, in words.
    let problem = &refused.rows[0].problems[0];
    assert_eq!(problem.column.as_deref(), Some("category"));
    assert!(problem.message.contains("XYZ"), "{}", problem.message);
    // Paging.
    let first = rows(&app, &admin, &view.id, "?limit=2").await;
    assert_eq!(first.rows.len(), 2);
    let next = rows(
        &app,
        &admin,
        &view.id,
        &format!("?limit=2&after={}", first.next_after.unwrap()),
    )
    .await;
    assert_eq!(next.rows[0].line, 4);
    assert_eq!(next.next_after, None);

    // Confirmed: written, once.
    let confirm = format!("/api/v1/imports/{}/confirm", view.id);
    assert_eq!(
        app.post_empty_as(&confirm, &admin).await.status(),
        StatusCode::ACCEPTED
    );
    let done = written(&app, &admin, &view.id).await;
    assert_eq!((done.applied.create, done.applied.refused), (1, 3));
    assert_eq!(done.invited, 1);
    assert_eq!(
        app.post_empty_as(&confirm, &admin).await.status(),
        StatusCode::CONFLICT
    );
    let lookup = number.clone();
    let stored = app
        .db
        .run(move |conn| endorsements::get(conn, &lookup))
        .await
        .unwrap()
        .expect("the endorsement, under its own number");
    assert_eq!(stored.origin, EndorsementOrigin::Import);
    assert_eq!(stored.holder_name, "José Núñez");
    assert_eq!(stored.renewal_due, due);
    assert!(!stored.listed, "listed only once she agrees");
    // New numbers never collide with imported ones.
    let next_number = app
        .db
        .transaction(|conn| endorsements::next_number(conn, "MI", "IFS", 2026))
        .await
        .unwrap();
    assert_eq!(next_number, "MI-IFS-2026-0043");

    // She claims her account from the invitation (once), and signs in.
    let user = stored.holder;
    let token = app
        .newest_account_link(user, "claim")
        .await
        .expect("an invitation to claim the account");
    let claim = |password: &'static str| {
        let body = json!({ "token": token, "new_password": password });
        let app = &app;
        async move { app.post("/api/v1/auth/password-reset/confirm", &body).await }
    };
    let signed_in: endorse_shared::auth::SessionResponse = expect_json(
        claim("a long passphrase for the new system").await,
        StatusCode::OK,
    )
    .await;
    assert!(signed_in.user.email_verified);
    assert_eq!(
        claim("another long passphrase entirely").await.status(),
        StatusCode::GONE
    );
    let jose = signed_in.access_token;
    let mine: Vec<EndorsementView> = expect_json(
        app.get_as("/api/v1/me/endorsements", &jose).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].number, number);
    assert_eq!(mine[0].origin, EndorsementOrigin::Import);

    // Her credential verifies.
    let got: endorse_shared::endorsements::CredentialDownload = expect_json(
        app.get_as(&format!("/api/v1/endorsements/{number}/credential"), &jose)
            .await,
        StatusCode::OK,
    )
    .await;
    let (verdict, credential) = check(&app, &got.jwt).await;
    assert_eq!(verdict, Verdict::Valid);
    let credential = serde_json::to_string(&credential.unwrap()).unwrap();
    assert!(credential.contains(&number), "{credential}");
    assert!(credential.contains("José Núñez"), "{credential}");

    // She renews like anyone: the schedule opens it, she meets it, it is
    // approved.
    tick(&app).await;
    let before = overview(&app, &jose).await;
    assert_eq!(before.kind, Some(RenewalKind::Renewal), "{before:?}");
    let today = app.clock.now().date_naive();
    add(&app, &jose, json!({ "section": "rsc", "data": {
        "date": today, "hours": 12, "format": "individual", "provider_name": "Dr. Rivera",
        "provider_category": "IFRS", "provider_number": null, "provider_vetted": false, "about_providing": false }}))
    .await;
    add(
        &app,
        &jose,
        json!({ "section": "agreements", "data": {
        "kind": "code_of_ethics", "signed_name": "José Núñez", "signed_at": app.clock.now() }}),
    )
    .await;
    let ready = overview(&app, &jose).await.report.unwrap();
    assert!(
        ready.eligible,
        "{:?}",
        ready.short_lines().collect::<Vec<_>>()
    );
    let submitted: RenewalRecord = expect_json(
        app.post_as(
            "/api/v1/me/renewal",
            &jose,
            &json!({ "provides_rsc": false }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let approved = app
        .client
        .post(app.url(&format!("/api/v1/renewals/{}/decision", submitted.id)))
        .bearer_auth(&admin)
        .header("if-match", "\"1\"")
        .json(&json!({ "approve": true }))
        .send()
        .await
        .unwrap();
    assert_eq!(approved.status(), StatusCode::OK);
    let renewed: Vec<EndorsementView> = expect_json(
        app.get_as("/api/v1/me/endorsements", &jose).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(renewed[0].status, EndorsementStatus::Active);
    assert!(renewed[0].renewal_due > due);

    // The same file again changes nothing; the trail counts each import.
    let again: ImportView = expect_json(
        send(
            &app,
            &admin,
            "holders",
            encoding_rs::WINDOWS_1252.encode(&file).0.into_owned(),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(
        (
            again.planned.create,
            again.planned.update,
            again.planned.unchanged,
            again.planned.refused
        ),
        (0, 0, 1, 3),
        "{:?}",
        rows(&app, &admin, &again.id, "").await
    );
    let list: ImportList =
        expect_json(app.get_as("/api/v1/imports", &admin).await, StatusCode::OK).await;
    assert_eq!(list.imports.len(), 2);
    let trail: serde_json::Value = expect_json(
        app.get_as("/api/v1/audit?kind=import", &admin).await,
        StatusCode::OK,
    )
    .await;
    let actions: Vec<&str> = trail["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert!(actions.contains(&"import_finished"), "{actions:?}");
    assert!(actions.contains(&"import_checked"), "{actions:?}");
}

#[actix_web::test]
async fn a_corrected_file_updates_and_an_endorsement_of_another_is_refused() {
    let app = spawn_app().await;
    // Ada's endorsement was earned through Endorse.
    let (admin, ada, _) = crate::endorsements::endorsed(&app).await;
    let hers: Vec<EndorsementView> = expect_json(
        app.get_as("/api/v1/me/endorsements", &ada).await,
        StatusCode::OK,
    )
    .await;
    let header = "name,email,category,endorsement_number,awarded_on,renewal_due,status\n";
    let first = format!("{header}Lin Wei,lin@example.org,IFS,OLD-1,2019-05-14,2030-12-31,active\n");
    let done = import(&app, &admin, "holders", &first).await;
    assert_eq!(done.applied.create, 1);
    // A number with no year in it moves no counter, and is kept as it is.
    let corrected = format!(
        "{header}Lin Wei Chen,lin@example.org,IFS,OLD-1,2019-05-14,2031-12-31,suspended\n\
         Eve,eve@example.org,IFS,OLD-1,2019-05-14,2031-12-31,active\n"
    );
    let view = checked(&app, &admin, "holders", &corrected).await;
    let page = rows(&app, &admin, &view.id, "").await;
    assert_eq!(page.rows[0].outcome, RowOutcome::Update);
    assert_eq!(page.rows[0].changes, ["renewal_due", "status", "name"]);
    assert_eq!(page.rows[1].outcome, RowOutcome::Refused);
    assert_eq!(
        page.rows[1].problems[0].issue,
        ImportIssue::DuplicateNumber { line: 2 }
    );
    let confirmed = app
        .post_empty_as(&format!("/api/v1/imports/{}/confirm", view.id), &admin)
        .await;
    assert_eq!(confirmed.status(), StatusCode::ACCEPTED);
    let done = written(&app, &admin, &view.id).await;
    assert_eq!((done.applied.update, done.applied.refused), (1, 1));
    let stored = app
        .db
        .run(|conn| endorsements::get(conn, "OLD-1"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.status, EndorsementStatus::Suspended);
    assert_eq!(stored.holder_name, "Lin Wei Chen");

    // Another holder's number is refused; so is one Endorse awarded.
    let file = format!(
        "{header}Eve,eve@example.org,IFS,OLD-1,2019-05-14,2031-12-31,active\n\
         Ada Lovelace,ada@example.org,IFS,{},2019-05-14,2031-12-31,active\n",
        hers[0].number
    );
    let view = checked(&app, &admin, "holders", &file).await;
    let page = rows(&app, &admin, &view.id, "").await;
    assert_eq!(page.rows[0].problems[0].issue, ImportIssue::NumberOfAnother);
    assert_eq!(page.rows[1].problems[0].issue, ImportIssue::NotImported);
}

#[actix_web::test]
async fn members_ratings_and_rsc_count_by_their_original_days() {
    let app = spawn_app().await;
    let admin = app.user_with_role(Role::Admin, "admin@example.org").await;
    let today = app.clock.now().date_naive();
    let members = format!(
        "name,email,membership_number,membership_expires_on,category\n\
         Grace Hopper,grace@example.org,M-1,{},IFS\n\
         Alan Turing,alan@example.org,,,\n",
        day(today + Duration::days(300))
    );
    let done_members = import(&app, &admin, "members", &members).await;
    assert_eq!((done_members.applied.create, done_members.invited), (2, 2));
    let again = checked(&app, &admin, "members", &members).await;
    assert_eq!(again.planned.unchanged, 2, "the same file changes nothing");

    let (recent, old) = (today - Duration::days(30), today - Duration::days(400));
    let ratings = format!(
        "applicant_email,category,referee_name,referee_email,relationship,known_since,given_on,recommendation,not_enough_information\n\
         grace@example.org,IFS,Mary Ainsworth,mary@example.org,current_supervisor,2018-09-01,{r},recommend,0\n\
         grace@example.org,IFS,John Bowlby,john@example.org,colleague,2018-09-01,{o},recommend,0\n\
         nobody@example.org,IFS,Mary Ainsworth,mary@example.org,colleague,2018-09-01,{r},recommend,0\n\
         grace@example.org,IFS,Selma Fraiberg,selma@example.org,colleague,2018-09-01,{f},recommend,0\n",
        r = day(recent),
        o = day(old),
        f = day(today + Duration::days(3)),
    );
    let view = checked(&app, &admin, "ratings", &ratings).await;
    assert_eq!((view.planned.create, view.planned.refused), (2, 2));
    let refused = rows(&app, &admin, &view.id, "?outcome=refused").await;
    assert_eq!(
        refused.rows[0].problems[0].issue,
        ImportIssue::NoAccount {
            email: "nobody@example.org".into()
        }
    );
    assert_eq!(
        refused.rows[1].problems[0].issue,
        ImportIssue::InTheFuture {
            column: "given_on".into()
        }
    );
    let confirmed = app
        .post_empty_as(&format!("/api/v1/imports/{}/confirm", view.id), &admin)
        .await;
    assert_eq!(confirmed.status(), StatusCode::ACCEPTED);
    written(&app, &admin, &view.id).await;

    let rsc = format!(
        "applicant_email,date,hours,format,provider_name,provider_category\n\
         grace@example.org,{},1.5,individual,Selma Fraiberg,IMHM-C\n\
         grace@example.org,{},2,group,Selma Fraiberg,\n\
         grace@example.org,{},23,group,Emmi Pikler,\n",
        day(recent),
        day(recent - Duration::days(7)),
        day(recent),
    );
    let done = import(&app, &admin, "rsc", &rsc).await;
    assert_eq!((done.applied.create, done.applied.refused), (2, 1));
    let over = rows(&app, &admin, &done.id, "?outcome=refused").await;
    assert_eq!(
        over.rows[0].problems[0].issue,
        ImportIssue::DayOverFull {
            logged: "1.5".into()
        },
        "{over:?}"
    );
    assert_eq!(
        checked(&app, &admin, "rsc", &rsc).await.planned.unchanged,
        2
    );

    // Grace claims her account; her imported draft weighs the ratings by
    // the days they were given.
    let grace = app
        .db
        .run(|conn| endorse_api::db::users::by_email(conn, "grace@example.org"))
        .await
        .unwrap()
        .unwrap();
    let token = app.newest_account_link(grace.id, "claim").await.unwrap();
    let session: endorse_shared::auth::SessionResponse = expect_json(
        app.post(
            "/api/v1/auth/password-reset/confirm",
            &json!({ "token": token, "new_password": "grace's passphrase for winter" }),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    let applications: Vec<ApplicationResponse> = expect_json(
        app.get_as("/api/v1/me/applications", &session.access_token)
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(applications.len(), 1);
    assert_eq!(applications[0].category, "IFS");
    let report = &applications[0].report;
    let references: Vec<_> = report
        .entries
        .iter()
        .filter(|v| v.section == endorse_shared::eligibility::Section::References)
        .collect();
    assert_eq!(references.len(), 2);
    let counting = references.iter().filter(|v| v.counts).count();
    assert_eq!(
        counting, 1,
        "the rating of {old} is over a year old: {references:?}"
    );
    for verdict in &references {
        assert!(
            verdict.notes.iter().any(|n| n.contains("Imported")),
            "{verdict:?}"
        );
    }
    let stale = references.iter().find(|v| !v.counts).unwrap();
    assert!(
        stale
            .reasons
            .iter()
            .any(|r| r.contains(&old.format("%Y").to_string())),
        "{stale:?}"
    );
    let sessions = report
        .entries
        .iter()
        .filter(|v| v.section == endorse_shared::eligibility::Section::Rsc)
        .count();
    assert_eq!(sessions, 2);

    // Alan asks to be forgotten: the imports' rows no longer name him.
    let alan = app
        .db
        .run(|conn| endorse_api::db::users::by_email(conn, "alan@example.org"))
        .await
        .unwrap()
        .unwrap();
    let erased = app
        .post_as(
            &format!("/api/v1/users/{}/erasure", alan.id),
            &admin,
            &json!({ "email": "alan@example.org", "reason": "Asked on the phone" }),
        )
        .await;
    assert_eq!(erased.status(), StatusCode::OK);
    let members_rows = rows(&app, &admin, &done_members.id, "").await;
    let text = serde_json::to_string(&members_rows).unwrap();
    assert!(!text.contains("alan@"), "{text}");
    assert!(text.contains("grace@example.org"));
}

#[actix_web::test]
async fn bad_files_are_refused_naming_what_is_wrong() {
    let app = spawn_app().await;
    let admin = app.user_with_role(Role::Admin, "admin@example.org").await;
    let applicant = app.register("ada@example.org", "Ada").await.access_token;
    let field = |problem: &endorse_shared::Problem, key: &str| {
        problem
            .errors
            .get(key)
            .map(|m| m.join(" "))
            .unwrap_or_else(|| panic!("no {key} in {problem:?}"))
    };
    // Only admins.
    assert_eq!(
        send(
            &app,
            &applicant,
            "members",
            b"name,email\nA,a@b.org\n".to_vec()
        )
        .await
        .status(),
        StatusCode::FORBIDDEN
    );
    let problem = expect_problem(
        send(&app, &admin, "people", b"name,email\n".to_vec()).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(field(&problem, "kind").contains("people"));
    let wide = [
        b"name,email".as_slice(),
        &b",x".repeat(100),
        b"\nAda,a@b.org\n",
    ]
    .concat();
    for (body, says) in [
        (&b""[..], "empty"),
        (&b"name,email\n"[..], "empty"),
        (&b"\n\n , \n"[..], "empty"),
        (&b"PK\x03\x04\x00\x00binary"[..], "not text"),
        // UTF-16, as "Unicode text" saves it.
        (&b"\xff\xfen\x00a\x00m\x00e\x00"[..], "not text"),
        (&b"name,mail\nAda,ada@example.org\n"[..], "lacks email"),
        (
            &b"name,email,email\nAda,a@b.org,c@d.org\n"[..],
            "more than once",
        ),
        (&wide[..], "more than 100 columns"),
    ] {
        let problem = expect_problem(
            send(&app, &admin, "members", body.to_vec()).await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert!(
            field(&problem, "file").contains(says),
            "{body:?}: {problem:?}"
        );
    }
    // Too large, and too long.
    let large = vec![b'a'; endorse_shared::imports::MAX_IMPORT_BYTES + 1];
    assert_eq!(
        send(&app, &admin, "members", large).await.status(),
        StatusCode::PAYLOAD_TOO_LARGE
    );
    let mut long = String::from("name,email\n");
    for i in 0..=endorse_shared::imports::MAX_IMPORT_ROWS {
        long.push_str(&format!("P{i},p{i}@example.org\n"));
    }
    let problem = expect_problem(
        send(&app, &admin, "members", long.into_bytes()).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert!(
        field(&problem, "file").contains("50000") || field(&problem, "file").contains("50,000")
    );

    // A UTF-8 file with a byte-order mark and quoted fields reads; a row
    // whose quote never closes swallows the rest of the file, and what it
    // swallowed is refused, not a failure; an extra column is ignored.
    let body = "\u{feff}name,email,shoe size\n\"King, Ada\",ada.king@example.org,38\n\"Grace,grace@example.org\nAlan,alan@example.org\n";
    let view = checked(&app, &admin, "members", body).await;
    assert_eq!(view.encoding, "utf-8");
    assert_eq!(view.ignored_columns, ["shoe_size"]);
    assert_eq!(view.rows, 2);
    let page = rows(&app, &admin, &view.id, "").await;
    assert_eq!(page.rows[0].outcome, RowOutcome::Create);
    assert_eq!(page.rows[0].subject, "ada.king@example.org");
    assert_eq!(
        page.rows[1].outcome,
        RowOutcome::Refused,
        "{:?}",
        page.rows[1]
    );

    // Names of things that do not exist.
    for path in [
        "/api/v1/imports/not-an-id",
        "/api/v1/imports/00000000-0000-0000-0000-000000000000",
        "/api/v1/imports/00000000-0000-0000-0000-000000000000/rows",
    ] {
        assert_eq!(
            app.get_as(path, &admin).await.status(),
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    for query in ["?limit=0", "?limit=501"] {
        let response = app
            .get_as(&format!("/api/v1/imports/{}/rows{query}", view.id), &admin)
            .await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{query}"
        );
    }
    assert_eq!(
        app.get_as(
            &format!("/api/v1/imports/{}/rows?outcome=maybe", view.id),
            &admin
        )
        .await
        .status(),
        StatusCode::BAD_REQUEST
    );
    // The templates read back, and an unknown one is named.
    for kind in ["holders", "members", "ratings", "rsc"] {
        let template = app
            .get_as(&format!("/api/v1/imports/templates/{kind}"), &admin)
            .await;
        assert_eq!(template.status(), StatusCode::OK);
        assert!(template.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv"));
    }
    assert_eq!(
        app.get_as("/api/v1/imports/templates/people", &admin)
            .await
            .status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    // A check cut off while its rows were stored is not confirmed.
    let cut = checked(
        &app,
        &admin,
        "members",
        "name,email\nA,a@example.org\nB,b@example.org\n",
    )
    .await;
    let cut_id = cut.id.clone();
    app.db
        .transaction(move |conn| {
            use diesel::prelude::*;
            use endorse_api::schema::import_rows;
            diesel::delete(
                import_rows::table
                    .filter(import_rows::import_id.eq(&cut_id))
                    .filter(import_rows::position.eq(1i64)),
            )
            .execute(conn)?;
            Ok(())
        })
        .await
        .unwrap();
    let refused = expect_problem(
        app.post_empty_as(&format!("/api/v1/imports/{}/confirm", cut.id), &admin)
            .await,
        StatusCode::CONFLICT,
    )
    .await;
    assert!(refused
        .detail
        .unwrap_or_default()
        .contains("check the file again"));

    // Set aside: nothing written, and it cannot be confirmed after.
    let discarded: ImportView = expect_json(
        app.post_empty_as(&format!("/api/v1/imports/{}/discard", view.id), &admin)
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(discarded.status, ImportStatus::Discarded);
    assert_eq!(
        app.post_empty_as(&format!("/api/v1/imports/{}/confirm", view.id), &admin)
            .await
            .status(),
        StatusCode::CONFLICT
    );
    assert!(app
        .db
        .run(|conn| endorse_api::db::users::by_email(conn, "ada.king@example.org"))
        .await
        .unwrap()
        .is_none());
}

#[actix_web::test]
async fn twenty_admins_confirming_at_once_import_the_file_once() {
    let app = spawn_app().await;
    let admin = app.user_with_role(Role::Admin, "admin@example.org").await;
    let mut file = String::from("name,email\n");
    for i in 0..450 {
        file.push_str(&format!("Person {i},person{i}@example.org\n"));
    }
    let view = checked(&app, &admin, "members", &file).await;
    let confirm = format!("/api/v1/imports/{}/confirm", view.id);
    let answers =
        futures_util::future::join_all((0..20).map(|_| app.post_empty_as(&confirm, &admin))).await;
    let accepted = answers
        .iter()
        .filter(|r| r.status() == StatusCode::ACCEPTED)
        .count();
    let conflicts = answers
        .iter()
        .filter(|r| r.status() == StatusCode::CONFLICT)
        .count();
    assert_eq!((accepted, conflicts), (1, 19));
    let done = written(&app, &admin, &view.id).await;
    assert_eq!((done.applied.create, done.invited), (450, 450));
    // Invitations go out in batches: the first minute's now, the rest later.
    app.worker.tick().await.unwrap();
    let page: endorse_shared::mail::OutboxPage = expect_json(
        app.get_as("/api/v1/outbox?status=pending", &admin).await,
        StatusCode::OK,
    )
    .await;
    assert!(page.total >= 450 - 60, "{}", page.total);
}

#[actix_web::test]
async fn an_import_left_half_written_is_taken_up_again_where_it_stopped() {
    let app = spawn_app().await;
    let admin = app.user_with_role(Role::Admin, "admin@example.org").await;
    let mut file = String::from("name,email\n");
    for i in 0..250 {
        file.push_str(&format!("Person {i},person{i}@example.org\n"));
    }
    let view = checked(&app, &admin, "members", &file).await;
    // As a process that confirmed it and stopped before its first batch,
    // still holding the lease.
    let (id, admin_id) = (view.id.clone(), {
        let user: serde_json::Value =
            expect_json(app.get_as("/api/v1/me", &admin).await, StatusCode::OK).await;
        user["id"].as_str().unwrap().parse().unwrap()
    });
    let now = app.clock.now();
    let lease = format!("import:{id}");
    app.db
        .transaction(move |conn| {
            assert!(stored_imports::leave_checked(
                conn,
                &id,
                ImportStatus::Applying,
                admin_id,
                now
            )?);
            assert!(leases::take(
                conn,
                &lease,
                "a process that stopped",
                now.naive_utc(),
                endorse_api::importer::LEASE
            )?);
            Ok(())
        })
        .await
        .unwrap();
    // While its lease holds, nobody takes it.
    app.worker.tick().await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(get(&app, &admin, &view.id).await.applied.total(), 0);
    // Once it runs out, the next round goes on with it.
    app.clock.advance(Duration::minutes(3));
    app.worker.tick().await.unwrap();
    let done = written(&app, &admin, &view.id).await;
    assert_eq!(done.applied.create, 250);
    // Every account once.
    let count: i64 = app
        .db
        .run(|conn| {
            use diesel::prelude::*;
            Ok(endorse_api::schema::users::table
                .filter(endorse_api::schema::users::email.like("person%@example.org"))
                .count()
                .get_result(conn)?)
        })
        .await
        .unwrap();
    assert_eq!(count, 250);
}
