//! The authorization matrix across two associations: every operation of the
//! API document, called at one association with the tokens of the other's
//! people, and with its own people's tokens and the other's ids, reads
//! nothing of the other and changes nothing in it. Runs on both backends.

use crate::helpers::*;
use endorse_api::db::{AnyConnection, Db, DbResult};
use endorse_shared::references::ReferenceView;
use endorse_shared::Role;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

/// Every table of an association's database.
const TABLES: &[&str] = &[
    "users",
    "refresh_tokens",
    "rulebook_versions",
    "portfolio_entries",
    "portfolio_notes",
    "documents",
    "applications",
    "application_snapshots",
    "reference_requests",
    "audit_events",
    "reviewer_profiles",
    "conflict_declarations",
    "assignments",
    "information_items",
    "exams",
    "exam_scorings",
    "endorsements",
    "endorsement_sequences",
    "issuer_keys",
    "credentials",
    "renewals",
    "outbox",
    "outbox_attempts",
    "leases",
    "association_events",
];

#[derive(diesel::QueryableByName)]
struct Text {
    #[diesel(sql_type = diesel::sql_types::Text)]
    text: String,
}

/// Everything an association's database holds, as text: equal before and
/// after means nothing in it changed.
fn fingerprint(conn: &mut AnyConnection) -> DbResult<String> {
    use diesel::RunQueryDsl;
    let mut all = String::new();
    for table in TABLES {
        let sql = match conn {
            #[cfg(feature = "postgres")]
            AnyConnection::Postgresql(_) => format!(
                "SELECT coalesce(string_agg(t::text, '|' ORDER BY t::text), '') AS text FROM {table} t"
            ),
            AnyConnection::Sqlite(_) => {
                let columns: Vec<Text> =
                    diesel::sql_query(format!("SELECT name AS text FROM pragma_table_info('{table}')"))
                        .load(conn)?;
                let row = columns
                    .iter()
                    .map(|c| format!("quote(\"{}\")", c.text))
                    .collect::<Vec<_>>()
                    .join("||','||");
                format!(
                    "SELECT coalesce(group_concat(r, '|'), '') AS text FROM \
                     (SELECT {row} AS r FROM {table} ORDER BY 1)"
                )
            }
        };
        let found: Text = diesel::sql_query(sql).get_result(conn)?;
        all.push_str(table);
        all.push('=');
        all.push_str(&found.text);
        all.push('\n');
    }
    Ok(all)
}

async fn fingerprint_of(db: &Db) -> String {
    db.run(fingerprint).await.expect("fingerprint")
}

/// One association with something of everything, and what identifies it.
struct World {
    app: TestApp,
    admin: String,
    applicant: String,
    reviewer: String,
    /// Values to put in the paths of the API document.
    ids: Vec<(&'static str, String)>,
    /// What must never appear in another association's answers.
    markers: Vec<String>,
}

async fn populated(app: TestApp, tag: &str) -> World {
    let (admin, applicant, application) = crate::endorsements::endorsed(&app).await;
    let reviewer = app
        .user_with_role(Role::Reviewer, &format!("reviewer-{tag}@example.org"))
        .await;
    let me: Value = expect_json(app.get_as("/api/v1/me", &applicant).await, StatusCode::OK).await;
    let applicant_id = me["id"].as_str().expect("an id").to_string();
    let asked: ReferenceView = expect_json(
        app.post_as(
            "/api/v1/references",
            &applicant,
            &json!({
                "category": "IFS",
                "referee_name": format!("Referee {tag}"),
                "referee_email": format!("referee-{tag}@example.org"),
                "relationship": "current_supervisor",
                "known_since": "2019-03-01",
                "waive_access": true,
            }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let link = referee_link(&app, &admin, &asked.id.to_string()).await;
    let token = link.rsplit('/').next().expect("a token").to_string();
    let document: Value = expect_json(
        app.client
            .post(app.url("/api/v1/me/documents?name=transcript.pdf"))
            .bearer_auth(&applicant)
            .header("content-type", "application/octet-stream")
            .body(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n".to_vec())
            .send()
            .await
            .expect("upload"),
        StatusCode::CREATED,
    )
    .await;
    let entry = crate::applications::add(
        &app,
        &applicant,
        json!({ "section": "training", "data": {
            "title": format!("Training {tag}"), "provider": "Institute", "date": "2024-03-10",
            "hours": 2, "domains": ["reflection"], "topics": [] }}),
    )
    .await;
    let endorsement: Value = expect_json(
        app.get_as(
            &format!("/api/v1/applications/{}/endorsement", application.id),
            &admin,
        )
        .await,
        StatusCode::OK,
    )
    .await;
    let outbox: Value =
        expect_json(app.get_as("/api/v1/outbox", &admin).await, StatusCode::OK).await;
    let message = outbox["items"][0]["id"]
        .as_str()
        .expect("a message")
        .to_string();
    let unknown = uuid::Uuid::new_v4().to_string();
    let ids = vec![
        ("application", application.id.to_string()),
        ("user", applicant_id.clone()),
        ("reference", asked.id.to_string()),
        (
            "document",
            document["id"].as_str().expect("a document").to_string(),
        ),
        ("entry", entry.id.to_string()),
        ("message", message.clone()),
        ("token", token.clone()),
        (
            "number",
            endorsement["number"]
                .as_str()
                .expect("a number")
                .to_string(),
        ),
        ("unknown", unknown),
    ];
    let markers = vec![
        format!("referee-{tag}@example.org"),
        format!("Training {tag}"),
        format!("reviewer-{tag}@example.org"),
        applicant_id,
        application.id.to_string(),
        asked.id.to_string(),
        entry.id.to_string(),
        message,
        token,
    ];
    World {
        app,
        admin,
        applicant,
        reviewer,
        ids,
        markers,
    }
}

impl World {
    fn id(&self, kind: &str) -> String {
        self.ids
            .iter()
            .find(|(k, _)| *k == kind)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }

    /// `path` of the API document with this world's values in its braces.
    fn fill(&self, path: &str) -> String {
        let kind_of = |param: &str, before: &str| -> &'static str {
            match param {
                "number" => "number",
                "token" => "token",
                "entry" => "entry",
                "section" => "section",
                "purpose" => "purpose",
                "code" => "code",
                _ if before.ends_with("/applications") => "application",
                _ if before.ends_with("/users") => "user",
                _ if before.ends_with("/references") => "reference",
                _ if before.ends_with("/documents") => "document",
                _ if before.ends_with("/outbox") => "message",
                _ if before.ends_with("/portfolio/{section}") => "entry",
                _ => "unknown",
            }
        };
        let mut out = String::new();
        let mut rest = path;
        while let Some(open) = rest.find('{') {
            let close = rest[open..].find('}').map_or(rest.len(), |c| open + c);
            let before = &path[..path.len() - rest.len() + open];
            let param = &rest[open + 1..close];
            out.push_str(&rest[..open]);
            let value = match kind_of(param, before.trim_end_matches('/')) {
                "section" => "training".to_string(),
                "purpose" => "message".to_string(),
                "code" => "IFS".to_string(),
                kind => self.id(kind),
            };
            out.push_str(&value);
            rest = &rest[(close + 1).min(rest.len())..];
        }
        out.push_str(rest);
        out
    }
}

/// Every operation of the API document: method, path, whether it needs a token.
fn operations() -> Vec<(Method, String, bool)> {
    let document: Value =
        serde_json::from_str(&endorse_api::openapi::document_json()).expect("the API document");
    let mut found = Vec::new();
    for (path, item) in document["paths"].as_object().expect("paths") {
        for (method, operation) in item.as_object().expect("operations") {
            let method: Method = method.to_uppercase().parse().expect("a method");
            let secured = operation
                .get("security")
                .and_then(Value::as_array)
                .is_some_and(|s| !s.is_empty());
            found.push((method, path.clone(), secured));
        }
    }
    assert!(found.len() > 90, "only {} operations", found.len());
    // Signing out ends the caller's session: last, so it ends nothing the
    // other calls need.
    found.sort_by_key(|(_, path, _)| path.ends_with("/auth/logout"));
    found
}

/// Paths whose values are per association by nature (a number, a section,
/// a purpose, nothing at all): the other association may have its own.
fn names_only_shared_values(path: &str) -> bool {
    !["{id}", "{token}", "{entry}"]
        .iter()
        .any(|p| path.contains(p))
}

async fn call(
    app: &TestApp,
    method: &Method,
    path: &str,
    token: Option<&str>,
) -> (StatusCode, String) {
    let mut request = app.client.request(method.clone(), app.url(path));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    if matches!(*method, Method::POST | Method::PUT | Method::PATCH) {
        request = request.json(&json!({}));
    }
    if matches!(*method, Method::PUT | Method::PATCH | Method::DELETE) {
        request = request.header("if-match", "\"1\"");
    }
    let response = request.send().await.expect("request");
    let status = response.status();
    (status, response.text().await.unwrap_or_default())
}

#[actix_web::test]
async fn no_operation_of_one_association_reads_or_writes_another() {
    let main = spawn_app().await;
    let mi_app = main.new_association("mi", Some("mi.localhost"));
    let ny_app = main.new_association("ny", None);
    let mi = populated(mi_app, "mi").await;
    let ny = populated(ny_app, "ny").await;
    let mut offences = Vec::new();
    let mut calls = 0;
    for (here, there) in [(&ny, &mi), (&mi, &ny)] {
        // Calls at one association may change it (a draft, a new key); the
        // other must stay exactly as it was.
        let before = fingerprint_of(&there.app.db).await;
        for (method, template, secured) in operations() {
            let path = there.fill(&template);
            // The other association's people, at this association.
            if secured {
                for token in [&there.admin, &there.applicant, &there.reviewer] {
                    let (status, body) = call(&here.app, &method, &path, Some(token)).await;
                    calls += 1;
                    // The operators' API is no association's: under
                    // `/a/{code}/` it does not exist at all.
                    let nowhere =
                        template.starts_with("/platform/") && status == StatusCode::NOT_FOUND;
                    if status != StatusCode::UNAUTHORIZED && !nowhere {
                        offences.push(format!(
                            "{method} {path} with another's token: {status} {body}"
                        ));
                    }
                }
            }
            // This association's people (and nobody), with the other's ids.
            for token in [
                Some(&here.admin),
                Some(&here.applicant),
                Some(&here.reviewer),
                None,
            ] {
                let (status, body) =
                    call(&here.app, &method, &path, token.map(String::as_str)).await;
                calls += 1;
                if status.is_server_error() {
                    offences.push(format!("{method} {path}: {status} {body}"));
                }
                if status.is_success() && !names_only_shared_values(&template) {
                    offences.push(format!(
                        "{method} {path} with another's ids: {status} {body}"
                    ));
                }
                for marker in &there.markers {
                    if body.contains(marker.as_str()) && !path.contains(marker.as_str()) {
                        offences.push(format!("{method} {path}: the answer holds {marker}"));
                    }
                }
            }
        }
        let after = fingerprint_of(&there.app.db).await;
        if before != after {
            offences.push(format!(
                "{} changed while only {} was called",
                there.app.base, here.app.base
            ));
        }
    }
    assert!(
        offences.is_empty(),
        "{} offences in {calls} calls:\n{}",
        offences.len(),
        offences.join("\n")
    );
    assert!(calls > 700, "only {calls} calls");
}
