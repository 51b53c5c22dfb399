//! `Db::attempt`: a refusal after a first write undoes the write; success
//! commits it.

use crate::helpers::*;
use endorse_api::db::users::{self, NewUser};
use endorse_shared::Role;

fn someone(email: &str) -> NewUser {
    NewUser {
        email: email.into(),
        name: "Someone".into(),
        role: Role::Applicant,
        password_hash: "not a real hash".into(),
        must_change_password: false,
    }
}

#[actix_web::test]
async fn a_refusal_rolls_back_what_was_written_before_it() {
    let app = spawn_app().await;
    let refused = app
        .db
        .attempt(|conn| {
            users::insert(conn, someone("refused@example.org"))?;
            Ok(Err::<(), _>("refused after the first write"))
        })
        .await
        .unwrap();
    assert_eq!(refused, Err("refused after the first write"));
    let kept = app
        .db
        .attempt(|conn| {
            users::insert(conn, someone("kept@example.org"))?;
            Ok(Ok::<_, &str>(()))
        })
        .await
        .unwrap();
    assert_eq!(kept, Ok(()));
    let (gone, there) = app
        .db
        .run(|conn| {
            Ok((
                users::find_credentials(conn, "refused@example.org")?.is_some(),
                users::find_credentials(conn, "kept@example.org")?.is_some(),
            ))
        })
        .await
        .unwrap();
    assert!(!gone, "the refused call's write was undone");
    assert!(there, "the successful call's write was kept");
}
