//! "Download my data": one archive (ZIP) of everything Endorse holds about
//! the person asking: `endorse-data.json`, a `README.txt` saying what is
//! where, and their documents under `documents/`. Built in a temporary file
//! a document at a time (a portfolio's documents may be large), then sent
//! from it.

use crate::auth::AuthUser;
use crate::error::{ApiError, ApiResult};
use crate::http::client::peer_ip;
use crate::tenancy::Tenant;
use crate::workflow::{accounts, export};
use actix_web::{web, HttpRequest, HttpResponse};
use endorse_shared::i18n::Text;
use endorse_shared::Problem;
use object_store::path::Path as StorePath;
use object_store::ObjectStoreExt as _;
use std::io::Write;
use zip::write::SimpleFileOptions;
use zip::ZipWriter;

type Archive = ZipWriter<std::fs::File>;

fn store_error(error: impl std::fmt::Display) -> ApiError {
    ApiError::Internal(format!("the archive could not be written: {error}"))
}

/// Adds one file to the archive, off the async threads.
async fn add(archive: Archive, path: String, bytes: Vec<u8>) -> ApiResult<Archive> {
    web::block(move || -> Result<Archive, String> {
        let mut archive = archive;
        let options =
            SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        archive
            .start_file(path, options)
            .map_err(|e| e.to_string())?;
        archive.write_all(&bytes).map_err(|e| e.to_string())?;
        Ok(archive)
    })
    .await
    .map_err(store_error)?
    .map_err(store_error)
}

/// The person's own data: one ZIP with `endorse-data.json` (the account,
/// portfolio, documents' facts, applications with their snapshots, the
/// references they may see, endorsements and their signed credentials,
/// requests for recognition, every e-mail sent to them, what was done to
/// the account) and the documents themselves. The download is in the
/// association's log.
#[utoipa::path(
    get,
    path = "/api/v1/me/data",
    tag = "me",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The archive", content_type = "application/zip", body = Vec<u8>),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn download_my_data(
    tenant: Tenant,
    AuthUser(user): AuthUser,
    request: HttpRequest,
) -> ApiResult<HttpResponse> {
    let now = tenant.clock.now();
    let moment = (now, tenant.today(), tenant.calendar);
    let association = tenant.association.name.clone();
    let currency = tenant.association.currency.clone();
    let person = user.clone();
    let gathered = tenant
        .db
        .run(move |conn| export::gather(conn, &person, (&association, &currency), moment))
        .await?;
    let json = serde_json::to_vec_pretty(&gathered.data).map_err(store_error)?;
    let file = web::block(tempfile::tempfile)
        .await
        .map_err(store_error)?
        .map_err(store_error)?;
    let mut archive = add(ZipWriter::new(file), "endorse-data.json".into(), json).await?;
    let readme = Text::new("export-readme")
        .with("association", &gathered.data.association)
        .with("date", gathered.data.exported_at.date_naive().to_string())
        .say(crate::locale::current());
    archive = add(archive, "README.txt".into(), readme.into_bytes()).await?;
    for (key, path) in gathered.files {
        let bytes = tenant
            .documents
            .get(&StorePath::from(key))
            .await
            .map_err(|error| ApiError::Internal(format!("document store: {error}")))?
            .bytes()
            .await
            .map_err(|error| ApiError::Internal(format!("document store: {error}")))?;
        archive = add(archive, path, bytes.to_vec()).await?;
    }
    let file = web::block(move || -> Result<std::fs::File, String> {
        use std::io::Seek;
        let mut file = archive.finish().map_err(|e| e.to_string())?;
        file.rewind().map_err(|e| e.to_string())?;
        Ok(file)
    })
    .await
    .map_err(store_error)?
    .map_err(store_error)?;
    let (id, name, ip) = (user.id.to_string(), user.name.clone(), peer_ip(&request));
    let subject = user.clone();
    tenant
        .db
        .transaction(move |conn| {
            accounts::log(
                conn,
                crate::db::association_log::Actor {
                    id: Some(&id),
                    name: &name,
                    ip: ip.as_deref(),
                },
                &subject,
                ("data_downloaded", "Downloaded their own data"),
                now,
            )
        })
        .await?;
    // Sent from the file (already unlinked: it goes when the response is done).
    let file_name = format!("endorse-data-{}.zip", now.date_naive());
    let named = actix_files::NamedFile::from_file(file, &file_name).map_err(store_error)?;
    let mut response = named.into_response(&request);
    response.headers_mut().insert(
        actix_web::http::header::CACHE_CONTROL,
        actix_web::http::header::HeaderValue::from_static("private, no-store"),
    );
    Ok(response)
}
