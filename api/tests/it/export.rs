//! "Download my data": one ZIP with everything about the person asking,
//! their documents as uploaded, and nobody else's.

use crate::helpers::*;
use endorse_shared::documents::DocumentResponse;
use endorse_shared::export::{PersonalData, FORMAT};
use endorse_shared::trail::TrailPage;
use endorse_shared::Role;
use reqwest::StatusCode;
use serde_json::json;
use std::io::Read;

const PDF: &[u8] = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n";

fn open(bytes: &[u8]) -> zip::ZipArchive<std::io::Cursor<Vec<u8>>> {
    zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).expect("a ZIP archive")
}

fn read(archive: &mut zip::ZipArchive<std::io::Cursor<Vec<u8>>>, name: &str) -> Vec<u8> {
    let mut file = archive
        .by_name(name)
        .unwrap_or_else(|_| panic!("{name} in the archive"));
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes).unwrap();
    bytes
}

#[actix_web::test]
async fn a_person_downloads_everything_held_about_them_and_nothing_of_anyone_else() {
    let app = spawn_app().await;
    let ada = app.register("ada@example.org", "Ada Lovelace").await;
    let grace = app.register("grace@example.org", "Grace Hopper").await;
    let token = &ada.access_token;
    let membership = app
        .post_as(
            "/api/v1/me/portfolio/membership",
            token,
            &json!({ "section": "membership", "data": {
                "association": "Michigan AIMH", "number": "M-100", "expires_on": "2030-01-01", "verified": false }}),
        )
        .await;
    assert_eq!(membership.status(), StatusCode::CREATED);
    let document: DocumentResponse = expect_json(
        app.upload(token, "transcript.pdf", PDF.to_vec()).await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(
        app.upload(&grace.access_token, "grace.pdf", PDF.to_vec())
            .await
            .status(),
        StatusCode::CREATED
    );
    let started = app
        .post_as(
            "/api/v1/me/applications",
            token,
            &json!({ "category": "IFS" }),
        )
        .await;
    assert_eq!(started.status(), StatusCode::CREATED);
    // A mail to her (the confirmation) is in the outbox.
    let response = app.get_as("/api/v1/me/data", token).await;
    assert_eq!(response.status(), StatusCode::OK);
    let headers = response.headers().clone();
    assert_eq!(headers.get("content-type").unwrap(), "application/zip");
    assert!(headers
        .get("content-disposition")
        .unwrap()
        .to_str()
        .unwrap()
        .contains("endorse-data-"));
    let bytes = response.bytes().await.unwrap();
    let mut archive = open(&bytes);
    let data: PersonalData = serde_json::from_slice(&read(&mut archive, "endorse-data.json"))
        .expect("the JSON reads back");
    assert_eq!(data.format, FORMAT);
    assert_eq!(data.account.email, "ada@example.org");
    assert_eq!(data.portfolio.entries.len(), 1);
    assert_eq!(data.applications.len(), 1);
    assert_eq!(data.documents.len(), 1, "hers only");
    assert_eq!(data.documents[0].facts.id, document.id);
    let path = data.documents[0].path.clone();
    assert!(
        path.starts_with("documents/") && path.ends_with(".pdf"),
        "{path}"
    );
    assert_eq!(read(&mut archive, &path), PDF);
    assert!(
        data.mail.iter().all(|m| m.to == "ada@example.org"),
        "{:?}",
        data.mail
    );
    assert!(!data.mail.is_empty(), "the confirmation mail");
    assert!(String::from_utf8(read(&mut archive, "README.txt"))
        .unwrap()
        .contains("endorse-data.json"));
    // Nothing of Grace's anywhere in it.
    let json = String::from_utf8(read(&mut archive, "endorse-data.json")).unwrap();
    assert!(!json.contains("grace@example.org") && !json.contains("Grace Hopper"));
    assert_eq!(archive.len(), 3);

    // The download is in the trail; it asks for a session.
    let admin = app.user_with_role(Role::Admin, "admin@example.org").await;
    let trail: TrailPage = expect_json(
        app.get_as("/api/v1/audit?action=data_downloaded", &admin)
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(trail.events.len(), 1);
    assert_eq!(trail.events[0].actor_id, Some(ada.user.id));
    let anonymous = app
        .client
        .get(app.url("/api/v1/me/data"))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
}
