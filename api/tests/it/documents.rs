//! Documents: type judged by content, the size limit, who may download, and
//! both object stores that run here (a local directory and memory).

use crate::helpers::*;
use endorse_api::config::DocumentStore;
use endorse_shared::documents::DocumentResponse;
use endorse_shared::Role;
use reqwest::StatusCode;
use serde_json::json;
use sha2::{Digest, Sha256};

const PDF: &[u8] = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n";

async fn upload_and_download_on(app: TestApp) {
    let ada = app.register("ada@example.org", "Ada").await.access_token;
    let stored: DocumentResponse = expect_json(
        app.upload(&ada, "transcript.pdf", PDF.to_vec()).await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(stored.content_type, "application/pdf");
    assert_eq!(stored.size, PDF.len() as u64);
    let digest: String = Sha256::digest(PDF)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(stored.sha256, digest);

    let download = app
        .get_as(&format!("/api/v1/documents/{}", stored.id), &ada)
        .await;
    assert_eq!(download.status(), StatusCode::OK);
    assert_eq!(download.headers()["content-type"], "application/pdf");
    assert_eq!(
        download.headers()["content-disposition"],
        "attachment; filename=\"transcript.pdf\""
    );
    assert_eq!(download.bytes().await.unwrap().as_ref(), PDF);

    let eve = app.register("eve@example.org", "Eve").await.access_token;
    expect_problem(
        app.get_as(&format!("/api/v1/documents/{}", stored.id), &eve)
            .await,
        StatusCode::NOT_FOUND,
    )
    .await;
    let admin = app.user_with_role(Role::Admin, "admin@example.org").await;
    assert_eq!(
        app.get_as(&format!("/api/v1/documents/{}", stored.id), &admin)
            .await
            .status(),
        StatusCode::OK
    );

    let mine: Vec<DocumentResponse> = expect_json(
        app.get_as("/api/v1/me/documents", &ada).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(mine, [stored]);
}

#[actix_web::test]
async fn a_pdf_is_stored_in_a_local_directory_and_only_its_owner_and_admins_download_it() {
    upload_and_download_on(spawn_app().await).await;
}

#[actix_web::test]
async fn the_in_memory_store_works_the_same() {
    upload_and_download_on(
        spawn_app_with(|settings| settings.document_store = DocumentStore::Memory).await,
    )
    .await;
}

#[actix_web::test]
async fn a_file_that_is_not_a_pdf_png_or_jpeg_is_refused_whatever_its_name() {
    let app = spawn_app().await;
    let ada = app.register("ada@example.org", "Ada").await.access_token;
    let problem = expect_problem(
        app.upload(&ada, "cv.pdf", b"MZ\x90\x00 not really a pdf".to_vec())
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(
        problem.field_errors("file"),
        ["must be a PDF, PNG or JPEG file (judged by its content, not its name)"]
    );
    expect_problem(
        app.upload(&ada, "empty.pdf", Vec::new()).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    let png: DocumentResponse = expect_json(
        app.upload(&ada, "certificate.txt", b"\x89PNG\r\n\x1a\n....".to_vec())
            .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(png.content_type, "image/png");
    let mine: Vec<DocumentResponse> = expect_json(
        app.get_as("/api/v1/me/documents", &ada).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(mine.len(), 1, "refused files left nothing behind");
}

#[actix_web::test]
async fn a_file_over_ten_megabytes_is_refused() {
    let app = spawn_app().await;
    let ada = app.register("ada@example.org", "Ada").await.access_token;
    let mut big = PDF.to_vec();
    big.resize(10 * 1024 * 1024 + 1, b' ');
    expect_problem(
        app.upload(&ada, "big.pdf", big).await,
        StatusCode::PAYLOAD_TOO_LARGE,
    )
    .await;
}

#[actix_web::test]
async fn entries_attach_only_their_owners_documents_and_a_used_document_stays() {
    let app = spawn_app().await;
    let ada = app.register("ada@example.org", "Ada").await.access_token;
    let eve = app.register("eve@example.org", "Eve").await.access_token;
    let mine: DocumentResponse = expect_json(
        app.upload(&ada, "transcript.pdf", PDF.to_vec()).await,
        StatusCode::CREATED,
    )
    .await;
    let theirs: DocumentResponse = expect_json(
        app.upload(&eve, "theirs.pdf", PDF.to_vec()).await,
        StatusCode::CREATED,
    )
    .await;
    let education = |transcript: &str| {
        json!({ "section": "education", "data": {
        "credential": { "kind": "degree", "level": "master" }, "field": "Social work", "institution": "State University",
        "year": 2018, "transcript": transcript }})
    };
    let problem = expect_problem(
        app.post_as(
            "/api/v1/me/portfolio/education",
            &ada,
            &education(&theirs.id.to_string()),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(
        problem.field_errors("transcript"),
        ["is not a document you uploaded"]
    );
    let created = app
        .post_as(
            "/api/v1/me/portfolio/education",
            &ada,
            &education(&mine.id.to_string()),
        )
        .await;
    assert_eq!(created.status(), StatusCode::CREATED);

    let path = format!("/api/v1/me/documents/{}", mine.id);
    expect_problem(app.delete_as(&path, &ada, None).await, StatusCode::CONFLICT).await;
    expect_problem(
        app.delete_as(&format!("/api/v1/me/documents/{}", theirs.id), &ada, None)
            .await,
        StatusCode::NOT_FOUND,
    )
    .await;
    let gone = app
        .delete_as(&format!("/api/v1/me/documents/{}", theirs.id), &eve, None)
        .await;
    assert_eq!(gone.status(), StatusCode::NO_CONTENT);
    expect_problem(
        app.get_as(&format!("/api/v1/documents/{}", theirs.id), &eve)
            .await,
        StatusCode::NOT_FOUND,
    )
    .await;
}

#[actix_web::test]
async fn an_upload_without_a_usable_name_or_to_another_address_is_refused() {
    let app = spawn_app().await;
    let ada = app.register("ada@example.org", "Ada").await.access_token;
    for name in ["", "..", "%2F%2F"] {
        let problem = expect_problem(
            app.upload(&ada, name, PDF.to_vec()).await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert_eq!(
            problem.field_errors("name"),
            ["must be the file's name"],
            "name '{name}'"
        );
    }
    let no_query = app
        .client
        .post(app.url("/api/v1/me/documents"))
        .bearer_auth(&ada)
        .body(PDF.to_vec())
        .send()
        .await
        .unwrap();
    expect_problem(no_query, StatusCode::BAD_REQUEST).await;
    let anonymous = app
        .client
        .post(app.url("/api/v1/me/documents?name=a.pdf"))
        .body(PDF.to_vec())
        .send()
        .await
        .unwrap();
    expect_problem(anonymous, StatusCode::UNAUTHORIZED).await;
    expect_problem(
        app.get_as("/api/v1/documents/not-an-id", &ada).await,
        StatusCode::NOT_FOUND,
    )
    .await;
}

/// Documents in a real S3-compatible bucket: the server `cargo xtask test`
/// starts on loopback (moto), named by `ENDORSE_TEST_S3_ENDPOINT`. In CI a
/// missing server is a failure, not a skip.
#[cfg(feature = "s3")]
#[actix_web::test]
async fn documents_live_in_an_s3_compatible_bucket_under_the_prefix() {
    let Some(endpoint) = std::env::var("ENDORSE_TEST_S3_ENDPOINT")
        .ok()
        .filter(|e| !e.is_empty())
    else {
        assert!(
            std::env::var_os("CI").is_none(),
            "ENDORSE_TEST_S3_ENDPOINT is unset: run the suite through `cargo xtask test`"
        );
        eprintln!("skipped: no S3-compatible server (cargo xtask test starts one)");
        return;
    };
    let bucket = format!("endorse-{}", uuid::Uuid::new_v4().simple());
    let created = reqwest::Client::new()
        .put(format!("{endpoint}/{bucket}"))
        .send()
        .await
        .unwrap();
    assert!(created.status().is_success(), "create bucket: {created:?}");
    let store = DocumentStore::parse(&format!("s3://{bucket}/michigan")).unwrap();
    upload_and_download_on(spawn_app_with(move |settings| settings.document_store = store).await)
        .await;
    // The bytes are in the bucket, under the prefix, and nowhere else.
    let listing = reqwest::get(format!("{endpoint}/{bucket}?list-type=2"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let keys: Vec<&str> = listing
        .split("<Key>")
        .skip(1)
        .filter_map(|rest| rest.split("</Key>").next())
        .collect();
    assert_eq!(keys.len(), 1, "one object: {listing}");
    assert!(
        keys[0].starts_with("michigan/documents/"),
        "under the prefix: {keys:?}"
    );
}

#[actix_web::test]
async fn every_section_takes_its_evidence_and_keeps_it_while_used() {
    let app = spawn_app().await;
    let ada = app.register("ada@example.org", "Ada").await.access_token;
    let eve = app.register("eve@example.org", "Eve").await.access_token;
    let theirs: DocumentResponse = expect_json(
        app.upload(&eve, "theirs.pdf", PDF.to_vec()).await,
        StatusCode::CREATED,
    )
    .await;
    let sections = [
        (
            "work",
            "verification",
            json!({
            "employer": "Early On", "position": "Home visitor", "start": "2016-01-01", "end": "2018-12-31",
            "hours_per_week": 40, "employment": "paid", "age_ranges": ["prenatal_to_three"],
            "families_served": 12, "kinds": ["direct_service"] }),
        ),
        (
            "training",
            "certificate",
            json!({
            "title": "Foundations", "provider": "Institute", "date": "2024-01-10", "hours": 20,
            "domains": ["reflection"], "topics": [] }),
        ),
        (
            "rsc",
            "evidence",
            json!({
            "date": "2024-03-01", "hours": 2, "format": "individual", "provider_name": "Dr. Rivera",
            "provider_category": null, "provider_number": null, "provider_vetted": false,
            "about_providing": false }),
        ),
        (
            "agreements",
            "signed_copy",
            json!({
            "kind": "code_of_ethics", "signed_name": "Ada", "signed_at": "2026-01-01T00:00:00Z" }),
        ),
        (
            "membership",
            "card",
            json!({
            "association": "Michigan AIMH", "number": "M-100", "expires_on": "2030-01-01",
            "verified": false }),
        ),
    ];
    for (section, field, data) in sections {
        let with = |document: String| {
            let mut data = data.clone();
            data[field] = json!(document);
            json!({ "section": section, "data": data })
        };
        let path = format!("/api/v1/me/portfolio/{section}");
        // Another person's document is refused, on the field that names it.
        let problem = expect_problem(
            app.post_as(&path, &ada, &with(theirs.id.to_string())).await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert_eq!(
            problem.field_errors(field),
            ["is not a document you uploaded"],
            "{section}"
        );
        let mine: DocumentResponse = expect_json(
            app.upload(&ada, &format!("{section}.pdf"), PDF.to_vec())
                .await,
            StatusCode::CREATED,
        )
        .await;
        let created: serde_json::Value = expect_json(
            app.post_as(&path, &ada, &with(mine.id.to_string())).await,
            StatusCode::CREATED,
        )
        .await;
        assert_eq!(created["data"][field], json!(mine.id), "{section}");
        // While the entry names it, the document stays.
        expect_problem(
            app.delete_as(&format!("/api/v1/me/documents/{}", mine.id), &ada, None)
                .await,
            StatusCode::CONFLICT,
        )
        .await;
        let own = app
            .get_as(&format!("/api/v1/documents/{}", mine.id), &ada)
            .await;
        assert_eq!(own.status(), StatusCode::OK, "{section}");
    }
}
