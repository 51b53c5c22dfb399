//! Migrations run all the way down and up again, and the tables they make match
//! the portable schema the queries are written against.

use crate::helpers::*;
use diesel::prelude::*;
use endorse_api::db::{self, Db};
use endorse_api::schema::{refresh_tokens, users};

fn select_every_column(conn: &mut db::AnyConnection) {
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
        )>(conn)
        .expect("users matches schema.rs");
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
        )>(conn)
        .expect("refresh_tokens matches schema.rs");
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
        users::table.count().get_result::<i64>(&mut *conn).is_err(),
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
