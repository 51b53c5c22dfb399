//! Migrations run all the way down and up again, and the tables they make match
//! the portable schema the queries are written against.

use crate::helpers::*;
use diesel::prelude::*;
use endorse_api::db::{self, Db};
use endorse_api::schema::{
    account_links, application_snapshots, application_stage_days, applications, assignments,
    association_events, audit_events, conflict_declarations, credentials, documents,
    endorsement_sequences, endorsements, exam_scorings, exams, import_rows, imports,
    information_items, issuer_keys, leases, outbox, outbox_attempts, portfolio_entries,
    portfolio_notes, rate_limit_events, recognitions, recovery_codes, reference_requests,
    refresh_tokens, renewals, reviewer_profiles, rulebook_versions, users,
};

fn select_every_column(conn: &mut db::AnyConnection) {
    association_events::table
        .select(association_events::all_columns)
        .load::<(
            String,
            Stamp,
            Option<String>,
            String,
            Option<String>,
            String,
            String,
            Option<String>,
            Option<String>,
        )>(conn)
        .expect("association_events matches schema.rs");
    users::table
        .select(users::all_columns)
        .load::<(
            String,
            String,
            String,
            String,
            String,
            bool,
            chrono::NaiveDateTime,
            chrono::NaiveDateTime,
            String,
            Option<String>,
            Option<chrono::NaiveDateTime>,
            Option<String>,
            Option<chrono::NaiveDateTime>,
            Option<String>,
            Option<String>,
            Option<String>,
            Option<chrono::NaiveDateTime>,
            i64,
            Option<chrono::NaiveDateTime>,
        )>(conn)
        .expect("users matches schema.rs");
    recovery_codes::table
        .select(recovery_codes::all_columns)
        .load::<(
            String,
            String,
            String,
            chrono::NaiveDateTime,
            Option<chrono::NaiveDateTime>,
        )>(conn)
        .expect("recovery_codes matches schema.rs");
    refresh_tokens::table
        .select(refresh_tokens::all_columns)
        .load::<(
            String,
            String,
            String,
            String,
            chrono::NaiveDateTime,
            chrono::NaiveDateTime,
            Option<chrono::NaiveDateTime>,
            Option<chrono::NaiveDateTime>,
            Option<String>,
            Option<String>,
        )>(conn)
        .expect("refresh_tokens matches schema.rs");
    type Stamp = chrono::NaiveDateTime;
    portfolio_entries::table
        .select(portfolio_entries::all_columns)
        .load::<(String, String, String, i64, String, Stamp, Stamp)>(conn)
        .expect("portfolio_entries matches schema.rs");
    portfolio_notes::table
        .select(portfolio_notes::all_columns)
        .load::<(String, String, String, i64, Stamp)>(conn)
        .expect("portfolio_notes matches schema.rs");
    rulebook_versions::table
        .select(rulebook_versions::all_columns)
        .load::<(i64, String, String, Option<String>, Stamp)>(conn)
        .expect("rulebook_versions matches schema.rs");
    reference_requests::table
        .select(reference_requests::all_columns)
        .load::<(
            String,
            String,
            String,
            i64,
            Stamp,
            Stamp,
            String,
            Option<String>,
            Option<String>,
            i64,
            Option<Stamp>,
            Option<Stamp>,
            Option<Stamp>,
            Option<String>,
            Option<String>,
            Option<String>,
            Option<String>,
            Option<String>,
            Option<String>,
            bool,
            Option<Stamp>,
            Option<String>,
        )>(conn)
        .expect("reference_requests matches schema.rs");
    outbox::table
        .select(outbox::all_columns)
        .load::<(
            String,
            Option<String>,
            String,
            String,
            String,
            String,
            String,
            String,
            Option<String>,
            String,
            i64,
            Stamp,
            Option<Stamp>,
            Option<String>,
            Stamp,
            Option<Stamp>,
            Option<String>,
        )>(conn)
        .expect("outbox matches schema.rs");
    account_links::table
        .select(account_links::all_columns)
        .load::<(
            String,
            String,
            String,
            String,
            String,
            Stamp,
            Stamp,
            Option<Stamp>,
            Option<Stamp>,
            Option<String>,
        )>(conn)
        .expect("account_links matches schema.rs");
    audit_events::table
        .select(audit_events::all_columns)
        .load::<(
            String,
            String,
            i64,
            Stamp,
            Option<String>,
            String,
            Option<String>,
            String,
            Option<String>,
            Option<String>,
            Option<String>,
            String,
        )>(conn)
        .expect("audit_events matches schema.rs");
    assignments::table
        .select(assignments::all_columns)
        .load::<(
            String,
            String,
            String,
            i64,
            String,
            Stamp,
            Stamp,
            Option<String>,
            String,
            Option<String>,
            String,
            Option<Stamp>,
            i64,
            Stamp,
        )>(conn)
        .expect("assignments matches schema.rs");
    endorsements::table
        .select(endorsements::all_columns)
        .load::<(
            String,
            String,
            String,
            Option<String>,
            String,
            String,
            Stamp,
            Stamp,
            String,
            bool,
            i64,
            Stamp,
            Option<i64>,
            Option<String>,
            Option<Stamp>,
            Option<Stamp>,
            Option<String>,
        )>(conn)
        .expect("endorsements matches schema.rs");
    imports::table
        .select((
            (
                imports::id,
                imports::kind,
                imports::file_name,
                imports::sha256,
                imports::encoding,
                imports::delimiter,
                imports::ignored_columns,
                imports::content,
                imports::status,
            ),
            (
                imports::row_count,
                imports::planned_create,
                imports::planned_update,
                imports::planned_unchanged,
                imports::planned_refused,
                imports::applied_create,
                imports::applied_update,
                imports::applied_unchanged,
                imports::applied_refused,
                imports::invited,
                imports::next_position,
            ),
            (
                imports::uploaded_by,
                imports::uploaded_at,
                imports::confirmed_by,
                imports::confirmed_at,
                imports::finished_at,
                imports::version,
            ),
        ))
        .load::<(
            (
                String,
                String,
                String,
                String,
                String,
                String,
                String,
                String,
                String,
            ),
            (i64, i64, i64, i64, i64, i64, i64, i64, i64, i64, i64),
            (
                String,
                Stamp,
                Option<String>,
                Option<Stamp>,
                Option<Stamp>,
                i64,
            ),
        )>(conn)
        .expect("imports matches schema.rs");
    import_rows::table
        .select(import_rows::all_columns)
        .load::<(String, i64, i64, String, String, String, Option<String>)>(conn)
        .expect("import_rows matches schema.rs");
    recognitions::table
        .select(recognitions::all_columns)
        .load::<(
            String,
            String,
            String,
            String,
            String,
            String,
            String,
            String,
            bool,
            Stamp,
            Option<Stamp>,
            String,
            String,
            String,
            Stamp,
            Option<Stamp>,
            Option<String>,
            Option<String>,
            Option<String>,
            bool,
            i64,
        )>(conn)
        .expect("recognitions matches schema.rs");
    renewals::table
        .select(renewals::all_columns)
        .load::<(
            String,
            String,
            String,
            String,
            bool,
            String,
            String,
            Stamp,
            Option<String>,
            Option<Stamp>,
            Option<String>,
            i64,
        )>(conn)
        .expect("renewals matches schema.rs");
    issuer_keys::table
        .select(issuer_keys::all_columns)
        .load::<(String, String, String, Stamp, Option<Stamp>)>(conn)
        .expect("issuer_keys matches schema.rs");
    credentials::table
        .select(credentials::all_columns)
        .load::<(String, String, String, String, Stamp, Stamp)>(conn)
        .expect("credentials matches schema.rs");
    endorsement_sequences::table
        .select(endorsement_sequences::all_columns)
        .load::<(String, i64)>(conn)
        .expect("endorsement_sequences matches schema.rs");
    exams::table
        .select(exams::all_columns)
        .load::<(
            String,
            String,
            i64,
            String,
            Option<Stamp>,
            Option<Stamp>,
            Option<String>,
            String,
            String,
            Option<i64>,
            String,
            Option<Stamp>,
            Option<String>,
            Option<Stamp>,
            i64,
            Stamp,
        )>(conn)
        .expect("exams matches schema.rs");
    exam_scorings::table
        .select(exam_scorings::all_columns)
        .load::<(
            String,
            String,
            String,
            Stamp,
            String,
            Option<Stamp>,
            i64,
            Stamp,
        )>(conn)
        .expect("exam_scorings matches schema.rs");
    conflict_declarations::table
        .select(conflict_declarations::all_columns)
        .load::<(String, String, String, String, Stamp)>(conn)
        .expect("conflict_declarations matches schema.rs");
    information_items::table
        .select(information_items::all_columns)
        .load::<(
            String,
            String,
            String,
            i64,
            String,
            String,
            String,
            Stamp,
            Option<String>,
            Option<String>,
            Option<String>,
            Option<Stamp>,
        )>(conn)
        .expect("information_items matches schema.rs");
    reviewer_profiles::table
        .select(reviewer_profiles::all_columns)
        .load::<(String, String, i64, Stamp)>(conn)
        .expect("reviewer_profiles matches schema.rs");
    outbox_attempts::table
        .select(outbox_attempts::all_columns)
        .load::<(String, String, Stamp, String, bool, Option<String>)>(conn)
        .expect("outbox_attempts matches schema.rs");
    applications::table
        .select(applications::all_columns)
        .load::<(
            String,
            String,
            String,
            i64,
            String,
            i64,
            Stamp,
            Stamp,
            Option<Stamp>,
            Stamp,
        )>(conn)
        .expect("applications matches schema.rs");
    application_stage_days::table
        .select(application_stage_days::all_columns)
        .load::<(String, chrono::NaiveDate, i64)>(conn)
        .expect("application_stage_days matches schema.rs");
    application_snapshots::table
        .select(application_snapshots::all_columns)
        .load::<(String, i64, Stamp, String)>(conn)
        .expect("application_snapshots matches schema.rs");
    documents::table
        .select(documents::all_columns)
        .load::<(String, String, String, String, i64, String, Stamp)>(conn)
        .expect("documents matches schema.rs");
    rate_limit_events::table
        .select(rate_limit_events::all_columns)
        .load::<(String, String, Stamp)>(conn)
        .expect("rate_limit_events matches schema.rs");
    leases::table
        .select(leases::all_columns)
        .load::<(String, String, Stamp)>(conn)
        .expect("leases matches schema.rs");
}

#[actix_web::test]
async fn every_migration_runs_down_and_up_again() {
    let data_dir = tempfile::tempdir().unwrap();
    let (_database, url) = TestDatabase::create(data_dir.path());
    let db = Db::connect(&url).unwrap();
    let mut conn = db.get().unwrap();
    let applied = db::run_migrations(&mut conn).unwrap();
    assert!(applied >= 1);
    select_every_column(&mut conn);

    let reverted = db::revert_all_migrations(&mut conn).unwrap();
    assert_eq!(reverted, applied);
    assert!(
        users::table.count().get_result::<i64>(&mut **conn).is_err(),
        "users is gone"
    );

    assert_eq!(db::run_migrations(&mut conn).unwrap(), applied);
    select_every_column(&mut conn);
    assert_eq!(
        db::run_migrations(&mut conn).unwrap(),
        0,
        "nothing left to apply"
    );
}

/// A deployment made before associations existed: today's schema in the
/// main database, with an account, a published rulebook and a signing key.
/// The new server makes it the first association, moving nothing: the
/// account signs in, the same key is published, and the platform lists it
/// as the default association with the code the settings name.
#[actix_web::test]
async fn a_deployment_made_before_associations_becomes_its_first_association() {
    use endorse_api::db::users::{self as user_rows, NewUser};
    use endorse_shared::Role;
    let data_dir = tempfile::tempdir().unwrap();
    let (database, url) = TestDatabase::create(data_dir.path());
    let mut settings = test_settings(data_dir.path(), url.clone());
    settings.association_code = "mi".into();
    settings.mail.association_name = "Michigan Association for Infant Mental Health".into();
    let kid = {
        let db = Db::connect(&url).unwrap();
        let mut conn = db.get().unwrap();
        db::run_migrations(&mut conn).unwrap();
        db::rulebooks::ensure_default(&mut conn).unwrap();
        user_rows::insert(
            &mut conn,
            NewUser {
                email: "ada@example.org".into(),
                name: "Ada Lovelace".into(),
                role: Role::Applicant,
                password_hash: endorse_api::auth::passwords::hash(PASSWORD).unwrap(),
                must_change_password: false,
            },
        )
        .unwrap();
        let issuer = endorse_api::issuer::Issuer::new(
            &settings.signing_key_secret,
            &settings.public_url,
            (&settings.mail.association_name, &settings.mail.reply_to),
            endorse_api::calendar::Calendar::utc(),
        );
        issuer.ensure_key(&mut conn, chrono::Utc::now()).unwrap();
        db::credentials::active_key(&mut conn).unwrap().unwrap().kid
    };
    let clock = endorse_api::clock::ManualClock::new(chrono::Utc::now());
    let app = start(settings, clock, database, data_dir);
    let session: endorse_shared::auth::SessionResponse = expect_json(
        app.login("ada@example.org", PASSWORD).await,
        reqwest::StatusCode::OK,
    )
    .await;
    assert_eq!(session.user.name, "Ada Lovelace");
    let jwks: serde_json::Value = expect_json(
        app.client
            .get(app.url("/.well-known/jwks.json"))
            .send()
            .await
            .unwrap(),
        reqwest::StatusCode::OK,
    )
    .await;
    assert_eq!(jwks["keys"][0]["kid"], kid.as_str());
    let all = app.state.associations.list().unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].code, "mi");
    assert_eq!(all[0].name, "Michigan Association for Infant Mental Health");
    assert_eq!(all[0].storage, "", "the records stayed where they were");
    assert!(all[0].is_default);
}

/// The platform's migrations run down and up again, and its tables match
/// the schema its queries are written against.
#[actix_web::test]
async fn the_platform_migrations_run_down_and_up_again() {
    let data_dir = tempfile::tempdir().unwrap();
    let (_database, url) = TestDatabase::create(data_dir.path());
    let settings = test_settings(data_dir.path(), url);
    let associations = endorse_api::tenancy::Associations::open(&settings).unwrap();
    let mut conn = associations.platform().get().unwrap();
    let every = |conn: &mut db::AnyConnection| {
        db::platform::list(conn).expect("associations matches");
        db::platform::recent_events(conn, 1).expect("platform_events matches");
        db::platform::grants_of(conn, "main").expect("support_grants and operators match");
        db::platform::recognitions_of(conn, "main", &["X".to_string()])
            .expect("recognitions matches");
    };
    every(&mut conn);
    let reverted = match &mut **conn {
        db::AnyConnection::Sqlite(c) => diesel_migrations::MigrationHarness::revert_all_migrations(
            c,
            db::PLATFORM_SQLITE_MIGRATIONS,
        )
        .unwrap()
        .len(),
        #[cfg(feature = "postgres")]
        db::AnyConnection::Postgresql(c) => {
            diesel_migrations::MigrationHarness::revert_all_migrations(
                c,
                db::PLATFORM_POSTGRES_MIGRATIONS,
            )
            .unwrap()
            .len()
        }
    };
    assert_eq!(reverted, 3);
    assert!(
        db::platform::list(&mut conn).is_err(),
        "associations is gone"
    );
    assert_eq!(db::run_platform_migrations(&mut conn).unwrap(), 3);
    every(&mut conn);
}

#[derive(diesel::QueryableByName)]
struct Pragma {
    #[diesel(sql_type = diesel::sql_types::Text)]
    value: String,
}

fn pragma(conn: &mut diesel::SqliteConnection, name: &str, column: &str) -> String {
    diesel::sql_query(format!(
        "SELECT CAST({column} AS TEXT) AS value FROM pragma_{name}"
    ))
    .get_result::<Pragma>(conn)
    .unwrap_or_else(|error| panic!("PRAGMA {name}: {error}"))
    .value
}

#[actix_web::test]
#[allow(irrefutable_let_patterns)] // without the postgres feature SQLite is the only variant
async fn sqlite_runs_in_wal_mode_with_full_sync_foreign_keys_and_a_busy_timeout() {
    let data_dir = tempfile::tempdir().unwrap();
    let db = Db::connect(&endorse_api::config::DatabaseUrl::Sqlite(
        data_dir.path().join("p.db"),
    ))
    .unwrap();
    let mut conn = db.get().unwrap();
    let db::AnyConnection::Sqlite(sqlite) = &mut **conn else {
        panic!("a SQLite URL gives a SQLite connection");
    };
    assert_eq!(pragma(sqlite, "journal_mode", "journal_mode"), "wal");
    assert_eq!(pragma(sqlite, "foreign_keys", "foreign_keys"), "1");
    assert_eq!(
        pragma(sqlite, "busy_timeout", "timeout"),
        db::BUSY_TIMEOUT_MS.to_string()
    );
    // 2 is FULL: an acknowledged commit survives a power loss.
    assert_eq!(pragma(sqlite, "synchronous", "synchronous"), "2");
}
