//! Lists that stay flat in the size of the data: the pipeline's kept counts
//! against a recount, search through the trigram index, keyset pages and the
//! streamed export.

use crate::applications::{act, eligible_ifs_portfolio, start, transition, urlencode};
use crate::helpers::*;
use chrono::{Duration, NaiveDate};
use endorse_api::clock::Clock;
use endorse_api::db::applications;
use endorse_shared::applications::{
    pipeline, ApplicationListResponse, ApplicationResponse, ApplicationStatus, PipelineResponse,
};
use endorse_shared::Role;
use futures_util::future::join_all;
use reqwest::StatusCode;
use std::collections::BTreeMap;

/// The pipeline the server answers equals the definition over every
/// application, and the kept counts equal a recount.
async fn assert_counts_are_a_recount(app: &TestApp, admin: &str) {
    let served: PipelineResponse = expect_json(
        app.get_as("/api/v1/applications/pipeline", admin).await,
        StatusCode::OK,
    )
    .await;
    let (rows, kept) = app
        .db
        .run(|conn| {
            Ok((
                applications::statuses_since(conn)?,
                applications::stage_counts(conn)?,
            ))
        })
        .await
        .unwrap();
    let rows: Vec<_> = rows
        .into_iter()
        .map(|(id, status, since)| (id, status, since.and_utc()))
        .collect();
    assert_eq!(served.stages, pipeline(&rows, app.clock.now()).stages);
    let mut recount: BTreeMap<(ApplicationStatus, NaiveDate), i64> = BTreeMap::new();
    for (_, status, since) in &rows {
        *recount.entry((*status, since.date_naive())).or_default() += 1;
    }
    let kept: BTreeMap<_, _> = kept
        .into_iter()
        .map(|(status, day, count)| ((status, day), count))
        .collect();
    assert_eq!(kept, recount);
}

#[actix_web::test]
async fn the_pipelines_kept_counts_stay_equal_to_a_recount_through_every_move() {
    let app = spawn_app().await;
    let admin = app.user_with_role(Role::Admin, "admin@example.org").await;
    assert_counts_are_a_recount(&app, &admin).await;

    // Five applicants, each with an eligible portfolio and a draft; they
    // submit on different days, so the waits differ.
    let mut drafts = Vec::new();
    for n in 0..5 {
        let person = app
            // The portfolio's agreements are signed as Ada Lovelace.
            .register(&format!("ada{n}@example.org"), "Ada Lovelace")
            .await;
        eligible_ifs_portfolio(&app, &person.access_token, person.user.id).await;
        let draft = start(&app, &person.access_token, "IFS").await;
        drafts.push((person.access_token, draft));
    }
    assert_counts_are_a_recount(&app, &admin).await;
    let mut submitted = Vec::new();
    for (token, draft) in &drafts[..3] {
        app.clock.advance(Duration::days(3));
        let sent: ApplicationResponse =
            expect_json(act(&app, token, draft, "submit").await, StatusCode::OK).await;
        submitted.push((token.clone(), sent));
        assert_counts_are_a_recount(&app, &admin).await;
    }
    app.clock.advance(Duration::days(2));

    // The last two submit at once, with the others moving at the same time.
    let racing = join_all(
        drafts[3..]
            .iter()
            .map(|(token, draft)| act(&app, token, draft, "submit")),
    );
    let moving = join_all(
        submitted[..2]
            .iter()
            .map(|(_, sent)| transition(&app, &admin, sent.id, "start_review", None)),
    );
    let (raced, moved) = futures_util::join!(racing, moving);
    for response in raced.into_iter().chain(moved) {
        assert_eq!(response.status(), StatusCode::OK);
    }
    assert_counts_are_a_recount(&app, &admin).await;

    // On hold and back, a withdrawal, and days passing.
    let (_, first) = &submitted[0];
    app.clock.advance(Duration::days(1));
    assert_eq!(
        transition(
            &app,
            &admin,
            first.id,
            "put_on_hold",
            Some("Waiting for a letter")
        )
        .await
        .status(),
        StatusCode::OK
    );
    assert_counts_are_a_recount(&app, &admin).await;
    app.clock.advance(Duration::days(4));
    assert_eq!(
        transition(&app, &admin, first.id, "resume", None)
            .await
            .status(),
        StatusCode::OK
    );
    let (token, third) = &submitted[2];
    assert_eq!(
        act(&app, token, third, "withdraw").await.status(),
        StatusCode::OK
    );
    app.clock.advance(Duration::days(30));
    assert_counts_are_a_recount(&app, &admin).await;
}

/// The names (sorted) of the users an admin's search finds.
async fn found(app: &TestApp, admin: &str, q: &str) -> Vec<String> {
    let page: endorse_shared::users::UserListResponse = expect_json(
        app.get_as(&format!("/api/v1/users?q={}", urlencode(q)), admin)
            .await,
        StatusCode::OK,
    )
    .await;
    let mut names: Vec<String> = page.items.into_iter().map(|u| u.name).collect();
    names.sort();
    assert_eq!(page.total, names.len() as u64, "q={q}");
    names
}

#[actix_web::test]
async fn search_finds_any_part_of_a_name_or_address_without_case_or_accents_through_its_index() {
    let app = spawn_app().await;
    let admin = app.user_with_role(Role::Admin, "admin@example.org").await;
    let maria = app
        .register("mjh@example.org", "María José Hernández")
        .await;
    app.register("obrien@example.net", "Siobhán O\"Brien").await;
    let ada = app.register("ada@example.org", "Ada Lovelace").await;
    start(&app, &ada.access_token, "IFS").await;
    let cases: [(&str, &[&str]); 14] = [
        ("hernandez", &["María José Hernández"]),
        ("ERNÁN", &["María José Hernández"]),
        ("ía jo", &["María José Hernández"]),
        ("ovela", &["Ada Lovelace"]),
        ("o\"bri", &["Siobhán O\"Brien"]),
        ("example.net", &["Siobhán O\"Brien"]),
        ("MJH@", &["María José Hernández"]),
        // A whole address finds its owner by the unique index, not the
        // addresses it is the end of.
        ("ADA@example.org", &["Ada Lovelace"]),
        ("da@example.org", &[]),
        // Shorter than a trigram: still found, by the plain comparison.
        ("ad", &["Ada Lovelace", "Admin Example"]),
        (
            "á",
            &[
                "Ada Lovelace",
                "Admin Example",
                "María José Hernández",
                "Siobhán O\"Brien",
            ],
        ),
        // Wildcards and the full-text syntax are only text.
        ("%", &[]),
        ("a*", &[]),
        ("OR ada", &[]),
    ];
    for (q, names) in cases {
        assert_eq!(found(&app, &admin, q).await, names, "q={q}");
    }

    // A new name is found at once, the old one no more.
    let renamed = app
        .patch_as(
            &format!("/api/v1/users/{}", maria.user.id),
            &admin,
            &serde_json::json!({ "name": "Marie Curie" }),
        )
        .await;
    assert_eq!(renamed.status(), StatusCode::OK);
    assert_eq!(found(&app, &admin, "hernandez").await, Vec::<String>::new());
    assert_eq!(found(&app, &admin, "curi").await, ["Marie Curie"]);

    // The same search in the applications list.
    let page: ApplicationListResponse = expect_json(
        app.get_as("/api/v1/applications?q=ovela", &admin).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(page.total, 1);
    assert_eq!(page.items[0].applicant.name, "Ada Lovelace");
    // A search narrows the other filters, never widens them.
    let none: ApplicationListResponse = expect_json(
        app.get_as("/api/v1/applications?q=ovela&status=submitted", &admin)
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!((none.total, none.items.len()), (0, 0));
}

/// `people` applicants (an unusable password), each with a draft in every
/// one of `categories`, written straight to the database.
async fn seed_drafts(app: &TestApp, people: usize, categories: &'static [&'static str]) {
    app.db
        .transaction(move |conn| {
            let version = endorse_api::db::rulebooks::current(conn)?.number;
            for n in 0..people {
                let user = endorse_api::db::users::insert(
                    conn,
                    endorse_api::db::users::NewUser {
                        email: format!("seed{n}@example.org"),
                        name: format!("Seeded Person {n}"),
                        role: Role::Applicant,
                        password_hash: "!".into(),
                        must_change_password: false,
                    },
                )?;
                for category in categories {
                    applications::insert(conn, user.id, category, version)?;
                }
            }
            Ok(())
        })
        .await
        .unwrap();
}

#[actix_web::test]
async fn following_next_walks_every_application_once_in_order_even_when_they_started_together() {
    let app = spawn_app().await;
    let admin = app.user_with_role(Role::Admin, "admin@example.org").await;
    seed_drafts(&app, 6, &["IFS", "IFA"]).await;
    // Five of them started at the very same instant: the id breaks the tie.
    app.db
        .run(|conn| {
            use diesel::prelude::*;
            use endorse_api::schema::applications::dsl as a;
            let ids: Vec<String> = a::applications.select(a::id).limit(5).load(conn)?;
            let same = chrono::NaiveDate::from_ymd_opt(2026, 1, 2)
                .and_then(|d| d.and_hms_micro_opt(3, 4, 5, 678_901))
                .unwrap();
            diesel::update(a::applications.filter(a::id.eq_any(ids)))
                .set(a::created_at.eq(same))
                .execute(conn)?;
            Ok(())
        })
        .await
        .unwrap();

    for filter in ["", "&status=draft", "&category=IFS", "&q=seeded"] {
        let everything: ApplicationListResponse = expect_json(
            app.get_as(
                &format!("/api/v1/applications?per_page=100{filter}"),
                &admin,
            )
            .await,
            StatusCode::OK,
        )
        .await;
        assert!(everything.next.is_none());
        let mut walked = Vec::new();
        let mut after: Option<String> = None;
        for _ in 0..=everything.total {
            let cursor = after
                .as_deref()
                .map(|a| format!("&after={a}"))
                .unwrap_or_default();
            let page: ApplicationListResponse = expect_json(
                app.get_as(
                    &format!("/api/v1/applications?per_page=4{filter}{cursor}"),
                    &admin,
                )
                .await,
                StatusCode::OK,
            )
            .await;
            assert_eq!(page.total, everything.total, "{filter}");
            assert!(page.items.len() <= 4);
            walked.extend(page.items.iter().map(|a| a.id));
            match page.next {
                Some(next) => after = Some(next),
                None => break,
            }
        }
        let expected: Vec<_> = everything.items.iter().map(|a| a.id).collect();
        assert_eq!(walked, expected, "{filter}");
        assert_eq!(walked.len() as u64, everything.total, "{filter}");
    }

    // Only cursors the list gave out, and not beside a page number.
    for bad in [
        "after=yesterday",
        "after=12.not-an-id",
        "after=99999999999999999999.0b7e1c9a-0d4f-4a53-9a6e-4a7f3f6c2d11",
        "after=1.0b7e1c9a-0d4f-4a53-9a6e-4a7f3f6c2d11&page=2",
    ] {
        let refused = app
            .get_as(&format!("/api/v1/applications?{bad}"), &admin)
            .await;
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
    }
}

#[actix_web::test]
async fn the_csv_export_streams_every_match_past_any_cap() {
    let app = spawn_app().await;
    let admin = app.user_with_role(Role::Admin, "admin@example.org").await;
    // More than two of the export's batches.
    seed_drafts(&app, 401, &["IFS", "IFA", "IMHS"]).await;
    let response = app.get_as("/api/v1/applications.csv", &admin).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response.headers().get("content-length").is_none(),
        "streamed, not held whole"
    );
    let text = response.text().await.unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 1 + 401 * 3);
    let ids: std::collections::HashSet<&str> = lines[1..]
        .iter()
        .map(|line| line.split(',').next().unwrap())
        .collect();
    assert_eq!(ids.len(), 401 * 3, "no application twice");
    let ifs = app
        .get_as("/api/v1/applications.csv?category=IFS", &admin)
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(ifs.lines().count(), 1 + 401);
}

/// Counting a filter other than the status stops at `COUNT_LIMIT` and says
/// so; a status alone (or nothing) is counted exactly from the kept counts.
#[actix_web::test]
async fn a_count_past_the_limit_is_a_lower_bound_and_a_status_count_is_exact() {
    use endorse_shared::applications::COUNT_LIMIT;
    let app = spawn_app().await;
    let admin = app.user_with_role(Role::Admin, "admin@example.org").await;
    let over = usize::try_from(COUNT_LIMIT).unwrap() + 5;
    seed_drafts(&app, over, &["IFS"]).await;
    seed_drafts_named(&app, 3, "IMHS").await;
    let page = |query: &'static str| {
        let app = &app;
        let admin = admin.clone();
        async move {
            let page: ApplicationListResponse = expect_json(
                app.get_as(&format!("/api/v1/applications?{query}"), &admin)
                    .await,
                StatusCode::OK,
            )
            .await;
            (page.total, page.total_is_lower_bound, page.items.len())
        }
    };
    assert_eq!(page("category=IFS").await, (COUNT_LIMIT, true, 25));
    assert_eq!(page("q=seeded").await, (COUNT_LIMIT, true, 25));
    assert_eq!(page("category=IMHS").await, (3, false, 3));
    assert_eq!(page("q=other%20person%201").await, (1, false, 1));
    let all = u64::try_from(over).unwrap() + 3;
    assert_eq!(page("").await, (all, false, 25));
    assert_eq!(page("status=draft").await, (all, false, 25));
    assert_eq!(page("status=submitted").await, (0, false, 0));
}

/// Three more applicants with a draft in `category`, named "Other Person n".
async fn seed_drafts_named(app: &TestApp, people: usize, category: &'static str) {
    app.db
        .transaction(move |conn| {
            let version = endorse_api::db::rulebooks::current(conn)?.number;
            for n in 0..people {
                let user = endorse_api::db::users::insert(
                    conn,
                    endorse_api::db::users::NewUser {
                        email: format!("other{n}@example.net"),
                        name: format!("Other Person {n}"),
                        role: Role::Applicant,
                        password_hash: "!".into(),
                        must_change_password: false,
                    },
                )?;
                applications::insert(conn, user.id, category, version)?;
            }
            Ok(())
        })
        .await
        .unwrap();
}

/// The registry's kept counts stay equal to a recount through listing,
/// unlisting, every status and a deletion, and its total without a search
/// is theirs.
#[actix_web::test]
async fn the_registrys_kept_counts_stay_equal_to_a_recount() {
    use endorse_api::db::endorsements::{self, NewEndorsement};
    use endorse_shared::endorsements::{EndorsementOrigin, EndorsementStatus};
    let app = spawn_app().await;
    seed_drafts(&app, 6, &[]).await;
    let people: Vec<endorse_shared::UserId> = app
        .db
        .run(|conn| {
            use diesel::prelude::*;
            let ids: Vec<String> = endorse_api::schema::users::table
                .select(endorse_api::schema::users::id)
                .load(conn)?;
            Ok(ids.into_iter().filter_map(|id| id.parse().ok()).collect())
        })
        .await
        .unwrap();
    let now = app.clock.now();
    let numbers: Vec<String> = (0..6)
        .map(|n| format!("MI-IFS-2020-{:04}", n + 1))
        .collect();
    {
        let (people, numbers) = (people.clone(), numbers.clone());
        app.db
            .transaction(move |conn| {
                for (n, (holder, number)) in people.iter().zip(&numbers).enumerate() {
                    endorsements::insert(
                        conn,
                        &NewEndorsement {
                            number,
                            holder: *holder,
                            application: None,
                            origin: EndorsementOrigin::Import,
                            category: ["IFS", "IMHS"][n % 2],
                            renewal_due: NaiveDate::from_ymd_opt(2030, 1, 1).unwrap(),
                        },
                        now,
                    )?;
                }
                Ok(())
            })
            .await
            .unwrap();
    }
    check_registry_counts(registry_recount(&app).await);
    assert_eq!(registry_total(&app, "").await, 0);
    // Every holder agrees to be listed; then one moves through each status.
    type Move = (
        usize,
        Option<bool>,
        Option<(EndorsementStatus, EndorsementStatus)>,
    );
    let moves: Vec<Move> = vec![
        (0, Some(true), None),
        (1, Some(true), None),
        (2, Some(true), None),
        (3, Some(true), None),
        (
            0,
            None,
            Some((EndorsementStatus::Active, EndorsementStatus::RenewalDue)),
        ),
        (
            0,
            None,
            Some((EndorsementStatus::RenewalDue, EndorsementStatus::Lapsed)),
        ),
        (
            1,
            None,
            Some((EndorsementStatus::Active, EndorsementStatus::Suspended)),
        ),
        (
            1,
            None,
            Some((EndorsementStatus::Suspended, EndorsementStatus::Active)),
        ),
        (2, Some(false), None),
        (
            4,
            None,
            Some((EndorsementStatus::Active, EndorsementStatus::Revoked)),
        ),
        (4, Some(true), None),
    ];
    for (n, listed, status) in moves {
        let number = numbers[n].clone();
        app.db
            .transaction(move |conn| {
                let version = endorsements::get(conn, &number)?
                    .map(|e| e.version)
                    .unwrap();
                if let Some(listed) = listed {
                    assert!(endorsements::set_listed(
                        conn, &number, listed, version, now
                    )?);
                }
                if let Some((from, to)) = status {
                    assert!(endorsements::set_status(
                        conn,
                        &number,
                        (from, version),
                        to,
                        now
                    )?);
                }
                Ok(())
            })
            .await
            .unwrap();
        check_registry_counts(registry_recount(&app).await);
    }
    // Listed and in good standing: 1 (IMHS, back to active) and 3 (IMHS).
    assert_eq!(registry_total(&app, "").await, 2);
    assert_eq!(registry_total(&app, "?category=imhs").await, 2);
    assert_eq!(registry_total(&app, "?category=IFS").await, 0);
    // A deletion (not something Endorse does, but the counts follow).
    app.db
        .run(|conn| {
            use diesel::prelude::*;
            diesel::delete(endorse_api::schema::endorsements::table).execute(conn)?;
            Ok(())
        })
        .await
        .unwrap();
    check_registry_counts(registry_recount(&app).await);
    assert_eq!(registry_total(&app, "").await, 0);
}

type RegistryRecount = (Vec<(String, i64)>, Vec<(String, bool, String)>);

/// The kept registry counts (non-zero ones) and every endorsement's
/// category, listing and status, read in one go.
async fn registry_recount(app: &TestApp) -> RegistryRecount {
    app.db
        .run(|conn| {
            use diesel::prelude::*;
            use endorse_api::schema::{endorsements as e, registry_counts as k};
            let counted: Vec<(String, i64)> = k::table
                .filter(k::count.ne(0))
                .order(k::category)
                .select((k::category, k::count))
                .load(conn)?;
            let listed: Vec<(String, bool, String)> = e::table
                .select((e::category, e::listed, e::status))
                .load(conn)?;
            Ok((counted, listed))
        })
        .await
        .unwrap()
}

/// The kept counts equal a recount of listed endorsements in good standing.
fn check_registry_counts((counted, listed): RegistryRecount) {
    let mut expected: BTreeMap<String, i64> = BTreeMap::new();
    for (category, on, status) in listed {
        if on && (status == "active" || status == "renewal_due") {
            *expected.entry(category).or_default() += 1;
        }
    }
    assert_eq!(counted, expected.into_iter().collect::<Vec<_>>());
}

/// The public registry's total for a query string.
async fn registry_total(app: &TestApp, query: &str) -> u64 {
    let page: endorse_shared::endorsements::RegistryPage = expect_json(
        app.client
            .get(app.url(&format!("/api/v1/registry{query}")))
            .send()
            .await
            .expect("request"),
        StatusCode::OK,
    )
    .await;
    page.total
}
