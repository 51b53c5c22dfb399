//! Imports (admins): a CSV file of the association's earlier records is
//! checked first (the dry run, stored with each row's outcome and reasons),
//! then written once confirmed, in the background; the templates of each
//! kind of file.

use crate::auth::RequireAdmin;
use crate::db::association_log::{self, Subject};
use crate::db::imports::{self, NewImport};
use crate::db::rulebooks;
use crate::error::{ApiError, ApiResult};
use crate::http::client::by;
use crate::tenancy::Tenant;
use crate::workflow::imports::{check, decode, read, Setting};
use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use endorse_shared::documents::clean_file_name;
use endorse_shared::i18n::Text;
use endorse_shared::imports::{
    ImportKind, ImportList, ImportRowsPage, ImportRowsQuery, ImportStatus, ImportView,
    MAX_IMPORT_BYTES,
};
use endorse_shared::trail::TrailKind;
use endorse_shared::Problem;
use futures_util::StreamExt;
use serde::Deserialize;
use sha2::{Digest, Sha256};

/// `?kind=holders&name=holders.csv`: what the file holds, and its name.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportQuery {
    /// `holders`, `members`, `ratings` or `rsc`.
    pub kind: String,
    /// The file's name, as the admin knows it.
    pub name: String,
}

fn kind_of(raw: &str) -> ApiResult<ImportKind> {
    ImportKind::parse(raw.trim()).ok_or_else(|| {
        ApiError::field(
            "kind",
            Text::new("import-kind-unknown").with("kind", raw.chars().take(40).collect::<String>()),
        )
    })
}

fn not_found() -> ApiError {
    ApiError::NotFound(Text::new("err-no-such-import"))
}

fn parse_id(raw: &str) -> ApiResult<String> {
    uuid::Uuid::parse_str(raw)
        .map(|id| id.to_string())
        .map_err(|_| not_found())
}

/// Checks a file (the dry run): the request body is the CSV file itself
/// (UTF-8 or Windows-1252, comma or semicolon, a header row; at most 10 MB
/// and 50,000 rows). Nothing is imported until the import is confirmed; the
/// answer counts what each row would do, and its rows are listed at
/// `/imports/{id}/rows`.
#[utoipa::path(
    post,
    path = "/api/v1/imports",
    tag = "imports",
    security(("bearer" = [])),
    params(ImportQuery),
    request_body(content = String, content_type = "text/csv", description = "The CSV file"),
    responses(
        (status = 201, description = "Checked; nothing written yet", body = ImportView),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Larger than 10 MB", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "An unknown kind, a bad name, or a file that is empty, not text, not CSV, too long or lacks a required column", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn check_import(
    tenant: Tenant,
    RequireAdmin(admin): RequireAdmin,
    request: HttpRequest,
    query: web::Query<ImportQuery>,
    mut payload: web::Payload,
) -> ApiResult<HttpResponse> {
    let kind = kind_of(&query.kind)?;
    if let Some(message) = endorse_shared::validation::hidden_characters(&query.name) {
        return Err(ApiError::field("name", message));
    }
    let file_name = clean_file_name(&query.name)
        .ok_or_else(|| ApiError::field("name", Text::new("err-must-files-name")))?;
    let too_large = || {
        ApiError::PayloadTooLarge(
            Text::new("import-file-too-large").with("megabytes", MAX_IMPORT_BYTES / (1024 * 1024)),
        )
    };
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|length| length > MAX_IMPORT_BYTES) {
        return Err(too_large());
    }
    let mut body = web::BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|error| {
            ApiError::BadRequest(Text::new("err-upload-broke-off").with("error", error.to_string()))
        })?;
        if body.len() + chunk.len() > MAX_IMPORT_BYTES {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    let bytes = body.freeze();
    // Decoding, reading and hashing up to 10 MB is real work: off the async worker.
    let read_file = web::block(move || {
        let sha256: String = Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let decoded = decode(&bytes)?;
        let table = read(&decoded.text)?;
        Ok::<_, ApiError>((sha256, decoded, table))
    })
    .await
    .map_err(|_| ApiError::Internal("blocking pool unavailable".into()))?;
    let (sha256, decoded, table) = read_file?;
    let (calendar, now) = (tenant.calendar, tenant.clock.now());
    let association = tenant.association.name.clone();
    let table = std::sync::Arc::new(table);
    let checking = table.clone();
    let checked = tenant
        .db
        .run(move |conn| {
            let version = rulebooks::current(conn)?;
            let setting = Setting {
                kind,
                rulebook: &version.rulebook,
                rulebook_version: version.number,
                association: &association,
                calendar,
                now,
            };
            check(conn, &setting, &checking)
        })
        .await??;
    let id = uuid::Uuid::new_v4().to_string();
    let delimiter = table.delimiter.to_string();
    let rows = u32::try_from(table.rows.len()).unwrap_or(u32::MAX);
    drop(table);
    let who = by(&admin, &request);
    let import_id = id.clone();
    let counts = checked.counts;
    tenant
        .db
        .transaction(move |conn| {
            imports::insert(
                conn,
                &NewImport {
                    id: &import_id,
                    kind,
                    file_name: &file_name,
                    sha256: &sha256,
                    encoding: decoded.encoding,
                    delimiter: &delimiter,
                    ignored_columns: &checked.ignored,
                    content: &decoded.text,
                    rows,
                    planned: counts,
                    uploaded_by: admin.id,
                },
                now,
            )?;
            association_log::record_about(
                conn,
                who.actor(),
                Some(Subject::of(TrailKind::Import, &import_id)),
                (
                    "import_checked",
                    &format!(
                        "{} checked {file_name} ({}, {rows} rows): {} to create, {} to update, {} unchanged, {} refused.",
                        who.name,
                        kind.as_str(),
                        counts.create,
                        counts.update,
                        counts.unchanged,
                        counts.refused
                    ),
                ),
                now,
            )?;
            Ok(())
        })
        .await?;
    // The rows' plans, a thousand to a transaction, so that a large file
    // never holds the database for long.
    let mut rows = checked.rows;
    while !rows.is_empty() {
        let rest = rows.split_off(rows.len().min(1000));
        let chunk = std::mem::replace(&mut rows, rest);
        let import_id = id.clone();
        tenant
            .db
            .transaction(move |conn| imports::insert_rows(conn, &import_id, &chunk))
            .await?;
    }
    let view = load(&tenant, id).await?;
    Ok(HttpResponse::Created().json(view))
}

async fn load(tenant: &Tenant, id: String) -> ApiResult<ImportView> {
    tenant
        .db
        .run(move |conn| imports::get(conn, &id))
        .await?
        .map(|import| import.view)
        .ok_or_else(not_found)
}

/// The imports, newest first (the last hundred).
#[utoipa::path(
    get,
    path = "/api/v1/imports",
    tag = "imports",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The imports", body = ImportList),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list_imports(
    tenant: Tenant,
    RequireAdmin(_admin): RequireAdmin,
) -> ApiResult<web::Json<ImportList>> {
    let imports = tenant.db.run(move |conn| imports::list(conn, 100)).await?;
    Ok(web::Json(ImportList {
        imports: imports.into_iter().map(|i| i.view).collect(),
    }))
}

/// One import: its counts as checked and as written so far.
#[utoipa::path(
    get,
    path = "/api/v1/imports/{id}",
    tag = "imports",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The import")),
    responses(
        (status = 200, description = "The import", body = ImportView),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such import", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_import(
    tenant: Tenant,
    RequireAdmin(_admin): RequireAdmin,
    path: web::Path<String>,
) -> ApiResult<web::Json<ImportView>> {
    let id = parse_id(&path)?;
    Ok(web::Json(load(&tenant, id).await?))
}

/// An import's rows in file order, each with what the dry run found (and
/// why a row is refused), and what writing it did once it was written.
#[utoipa::path(
    get,
    path = "/api/v1/imports/{id}/rows",
    tag = "imports",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The import"), ImportRowsQuery),
    responses(
        (status = 200, description = "A page of rows", body = ImportRowsPage),
        (status = 400, description = "A filter that is not one", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such import", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A limit outside 1 to 500", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn import_rows(
    tenant: Tenant,
    RequireAdmin(_admin): RequireAdmin,
    path: web::Path<String>,
    query: web::Query<ImportRowsQuery>,
) -> ApiResult<web::Json<ImportRowsPage>> {
    let id = parse_id(&path)?;
    let limit = query.limit.unwrap_or(100);
    if !(1..=500).contains(&limit) {
        return Err(ApiError::field(
            "limit",
            Text::new("err-limit-between").with("max", 500),
        ));
    }
    let lang = crate::locale::current();
    let (outcome, after) = (query.outcome, query.after);
    let page = tenant
        .db
        .run(move |conn| {
            if imports::get(conn, &id)?.is_none() {
                return Ok(None);
            }
            imports::rows_page(conn, &id, (outcome, after, i64::from(limit)), lang).map(Some)
        })
        .await?
        .ok_or_else(not_found)?;
    let (rows, more) = page;
    let next_after = more.then(|| rows.last().map(|r| r.line)).flatten();
    Ok(web::Json(ImportRowsPage { rows, next_after }))
}

/// Confirms a checked import: its rows are written in the background, a
/// batch at a time (follow it at `/imports/{id}`). Once only: of admins
/// racing to confirm, one does; the others get a 409.
#[utoipa::path(
    post,
    path = "/api/v1/imports/{id}/confirm",
    tag = "imports",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The import")),
    responses(
        (status = 202, description = "Confirmed; being written", body = ImportView),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such import", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Confirmed or set aside already", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn confirm_import(
    tenant: Tenant,
    RequireAdmin(admin): RequireAdmin,
    request: HttpRequest,
    path: web::Path<String>,
) -> ApiResult<HttpResponse> {
    leave_checked(&tenant, (&admin, &request), &path, ImportStatus::Applying).await?;
    let id = parse_id(&path)?;
    actix_web::rt::spawn(crate::importer::run(tenant.clone(), id.clone()));
    let view = load(&tenant, id).await?;
    Ok(HttpResponse::Accepted().json(view))
}

/// Sets a checked import aside: nothing of it is written.
#[utoipa::path(
    post,
    path = "/api/v1/imports/{id}/discard",
    tag = "imports",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The import")),
    responses(
        (status = 200, description = "Set aside", body = ImportView),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such import", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Confirmed or set aside already", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn discard_import(
    tenant: Tenant,
    RequireAdmin(admin): RequireAdmin,
    request: HttpRequest,
    path: web::Path<String>,
) -> ApiResult<web::Json<ImportView>> {
    leave_checked(&tenant, (&admin, &request), &path, ImportStatus::Discarded).await?;
    Ok(web::Json(load(&tenant, parse_id(&path)?).await?))
}

async fn leave_checked(
    tenant: &Tenant,
    (admin, request): (&crate::db::users::User, &HttpRequest),
    raw_id: &str,
    to: ImportStatus,
) -> ApiResult<()> {
    let id = parse_id(raw_id)?;
    let who = by(admin, request);
    let (admin_id, now) = (admin.id, tenant.clock.now());
    let lang = crate::locale::current();
    tenant
        .db
        .attempt(move |conn| {
            let Some(import) = imports::get(conn, &id)? else {
                return Ok(Err(not_found()));
            };
            // A check cut off while its rows were being stored is not one to
            // write: the file is checked again.
            if to == ImportStatus::Applying
                && import.status == ImportStatus::Checked
                && imports::stored_rows(conn, &id)? != i64::from(import.view.rows)
            {
                return Ok(Err(ApiError::Conflict(Text::new(
                    "import-check-unfinished",
                ))));
            }
            if !imports::leave_checked(conn, &id, to, admin_id, now)? {
                let status = imports::get(conn, &id)?.map_or(import.status, |i| i.status);
                return Ok(Err(ApiError::Conflict(
                    Text::new("import-not-checked").with("status", status.text().say(lang)),
                )));
            }
            if to == ImportStatus::Discarded {
                imports::forget_content(conn, &id)?;
            }
            let (action, verb) = match to {
                ImportStatus::Discarded => ("import_discarded", "set aside"),
                _ => ("import_confirmed", "confirmed"),
            };
            association_log::record_about(
                conn,
                who.actor(),
                Some(Subject::of(TrailKind::Import, &id)),
                (
                    action,
                    &format!(
                        "{} {verb} the import of {} ({}, {} rows).",
                        who.name,
                        import.view.file_name,
                        import.kind.as_str(),
                        import.view.rows
                    ),
                ),
                now,
            )?;
            Ok(Ok(()))
        })
        .await?
}

/// The template of a kind of file: its header row and one example row.
#[utoipa::path(
    get,
    path = "/api/v1/imports/templates/{kind}",
    tag = "imports",
    security(("bearer" = [])),
    params(("kind" = String, Path, description = "`holders`, `members`, `ratings` or `rsc`")),
    responses(
        (status = 200, description = "The template", body = String, content_type = "text/csv"),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "An unknown kind", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn import_template(
    RequireAdmin(_admin): RequireAdmin,
    path: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let kind = kind_of(&path)?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!(
                "attachment; filename=\"endorse-{}-template.csv\"",
                kind.as_str()
            ),
        ))
        .body(kind.template()))
}
