//! `endorse backup` while the server takes writes, then `endorse restore`
//! into an empty data directory: every write acknowledged before the backup
//! began is in the copy, the copy passes SQLite's integrity check, and a
//! server started on it serves it (documents included). SQLite only: a
//! PostgreSQL deployment is backed up with pg_dump, and says so.

use crate::helpers::*;
use endorse_api::backup;
use endorse_api::config::{DatabaseUrl, DocumentStore};
use endorse_shared::auth::SessionResponse;
use endorse_shared::documents::DocumentResponse;
use endorse_shared::entries::PortfolioEntry;
use reqwest::StatusCode;
use serde_json::json;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

const PDF: &[u8] = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n";

fn membership(n: usize) -> serde_json::Value {
    json!({ "section": "membership", "data": {
        "association": "Michigan AIMH", "number": format!("M-{n}"), "expires_on": "2030-01-01", "verified": false }})
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &to.join(entry.file_name()));
        } else {
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
}

#[actix_web::test]
async fn a_backup_under_write_load_restores_every_acknowledged_write() {
    let documents_dir = tempfile::tempdir().unwrap();
    let store = documents_dir.path().to_path_buf();
    let app = spawn_app_with(move |settings| {
        settings.document_store = DocumentStore::Directory(store);
    })
    .await;
    let settings = app.state.settings.clone();
    if matches!(settings.database, DatabaseUrl::Postgres(_)) {
        let refused = backup::backup(&settings, tempfile::tempdir().unwrap().path(), false);
        assert!(refused.unwrap_err().to_string().contains("pg_dump"));
        return;
    }
    let ada: SessionResponse = app.register("ada@example.org", "Ada Lovelace").await;
    let token = ada.access_token.clone();
    let document: DocumentResponse = expect_json(
        app.upload(&token, "transcript.pdf", PDF.to_vec()).await,
        StatusCode::CREATED,
    )
    .await;

    // A writer adds entries as fast as the server takes them.
    let acknowledged = Arc::new(Mutex::new(Vec::<(usize, String)>::new()));
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (app, token, acknowledged, stop) = (
            app.clone(),
            token.clone(),
            acknowledged.clone(),
            stop.clone(),
        );
        actix_web::rt::spawn(async move {
            let mut n = 0;
            while !stop.load(Ordering::Relaxed) {
                let response = app
                    .post_as("/api/v1/me/portfolio/membership", &token, &membership(n))
                    .await;
                if response.status() == StatusCode::CREATED {
                    let entry: PortfolioEntry = response.json().await.unwrap();
                    acknowledged.lock().unwrap().push((n, entry.id.to_string()));
                }
                n += 1;
            }
        })
    };
    // Let it write a while, then back up while it goes on.
    while acknowledged.lock().unwrap().len() < 20 {
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    let before: Vec<String> = acknowledged
        .lock()
        .unwrap()
        .iter()
        .map(|(_, id)| id.clone())
        .collect();
    let target = tempfile::tempdir().unwrap();
    let into = target.path().join("backup");
    let manifest = {
        let (settings, into) = (settings.clone(), into.clone());
        actix_web::web::block(move || backup::backup(&settings, &into, true))
            .await
            .unwrap()
            .expect("the backup")
    };
    stop.store(true, Ordering::Relaxed);
    writer.await.unwrap();
    assert!(
        acknowledged.lock().unwrap().len() > before.len(),
        "the writer went on writing around the backup"
    );
    assert!(manifest.databases.len() >= 2, "{manifest:?}");
    assert_eq!(manifest.documents, 1);
    // The generated secret is a file, copied; the JWT secret the tests set
    // in the settings is named where it is.
    let secret = |name: &str| {
        manifest
            .secrets
            .iter()
            .find(|s| s.name == name)
            .unwrap()
            .clone()
    };
    assert!(secret("signing_key_secret").copied);
    assert!(!secret("jwt_secret").copied);
    assert!(secret("jwt_secret").location.contains("ENDORSE_JWT_SECRET"));
    // A second backup into the same place is refused.
    assert!(backup::backup(&settings, &into, false).is_err());

    // Restore into an empty data directory, and serve it.
    let fresh = tempfile::tempdir().unwrap();
    let fresh_documents = fresh.path().join("documents");
    let mut restored = settings.clone();
    restored.data_dir = fresh.path().to_path_buf();
    restored.database = DatabaseUrl::Sqlite(fresh.path().join("restored.db"));
    restored.document_store = DocumentStore::Directory(fresh_documents.clone());
    backup::restore(&restored, &into).expect("the restore");
    // Not twice into the same place.
    assert!(backup::restore(&restored, &into).is_err());
    // A manifest naming a file outside the backup is refused, and writes nothing.
    let tampered = target.path().join("tampered");
    copy_dir(&into, &tampered);
    let manifest_path = tampered.join(backup::MANIFEST);
    let mut manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&manifest_path).unwrap()).unwrap();
    manifest["databases"][1] = json!("../../escaped.db");
    std::fs::write(&manifest_path, manifest.to_string()).unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let mut other = restored.clone();
    other.data_dir = elsewhere.path().to_path_buf();
    other.database = DatabaseUrl::Sqlite(elsewhere.path().join("other.db"));
    other.document_store = DocumentStore::Directory(elsewhere.path().join("documents"));
    let refused = backup::restore(&other, &tampered).unwrap_err();
    assert!(refused.to_string().contains("outside"), "{refused}");
    assert!(!elsewhere.path().join("other.db").exists());
    let db = endorse_api::db::Db::connect(&restored.database).unwrap();
    let owner = ada.user.id;
    let entries = db
        .run(move |conn| endorse_api::db::portfolio::list(conn, owner))
        .await
        .unwrap();
    let ids: std::collections::HashSet<String> = entries.iter().map(|e| e.id.to_string()).collect();
    for id in &before {
        assert!(
            ids.contains(id),
            "entry {id}, acknowledged before the backup, is missing"
        );
    }
    // What the copy holds is what was acknowledged (no half-written entry).
    let all: std::collections::HashSet<String> = acknowledged
        .lock()
        .unwrap()
        .iter()
        .map(|(_, id)| id.clone())
        .collect();
    assert!(ids.iter().all(|id| all.contains(id)));
    let bytes = std::fs::read(fresh_documents.join(format!("documents/{owner}/{}", document.id)))
        .expect("the document's bytes were restored");
    assert_eq!(bytes, PDF);
    assert_eq!(
        std::fs::read(fresh.path().join("signing_key_secret")).unwrap(),
        std::fs::read(settings.data_dir.join("signing_key_secret")).unwrap(),
    );
    // And a server on the restored data directory serves what was backed up.
    let served = start(
        restored,
        endorse_api::clock::ManualClock::new(chrono::Utc::now()),
        TestDatabase::Sqlite,
        fresh,
    );
    let session: SessionResponse = expect_json(
        served.login("ada@example.org", PASSWORD).await,
        StatusCode::OK,
    )
    .await;
    let download = served
        .get_as(
            &format!("/api/v1/documents/{}", document.id),
            &session.access_token,
        )
        .await;
    assert_eq!(download.status(), StatusCode::OK);
    assert_eq!(download.bytes().await.unwrap().as_ref(), PDF);
}

#[actix_web::test]
async fn the_check_reports_each_part_and_what_to_fix() {
    use endorse_api::check::{render, run, Verdict};
    let app = spawn_app().await;
    let mut settings = app.state.settings.clone();
    let lines = run(&settings).await;
    let verdict = |what: &str| {
        lines
            .iter()
            .find(|l| l.what == what)
            .unwrap_or_else(|| panic!("no {what} line in {lines:?}"))
            .verdict
    };
    assert_eq!(verdict("database"), Verdict::Ok);
    assert_eq!(verdict("signing key"), Verdict::Ok);
    assert_eq!(verdict("document store"), Verdict::Ok);
    // No mail server: said, with the fix.
    assert_eq!(verdict("mail"), Verdict::Warn);
    let text = render(&lines);
    assert!(text.contains("fix: set ENDORSE_SMTP_URL"), "{text}");
    // A mail server that does not answer, and a signing-key secret that
    // does not open the key, fail.
    settings.mail.smtp_url =
        Some(endorse_api::config::SmtpUrl::parse("smtp://127.0.0.1:9").unwrap());
    settings.signing_key_secret = endorse_api::config::Secret::new(vec![9; 32]);
    let lines = run(&settings).await;
    assert!(lines
        .iter()
        .any(|l| l.what == "mail" && l.verdict == Verdict::Fail));
    assert!(lines
        .iter()
        .any(|l| l.what == "signing key" && l.verdict == Verdict::Fail && l.fix.is_some()));
}
