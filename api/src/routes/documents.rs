//! Uploaded documents: transcripts and certificates. The bytes go to the object
//! store, the facts to the database. Only the owner and admins (and, later, the
//! assigned reviewers) can download one; anyone else gets 404.

use crate::auth::AuthUser;
use crate::db::documents::{self, key};
use crate::db::portfolio;
use crate::error::{ApiError, ApiResult};
use crate::tenancy::Tenant;
use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use endorse_shared::documents::{
    clean_file_name, content_disposition, download_name, sniff, DocumentResponse,
    DOCUMENT_MAX_BYTES,
};
use endorse_shared::i18n::Text;
use endorse_shared::{DocumentId, Problem, Role};
use futures_util::StreamExt;
use object_store::path::Path as StorePath;
use object_store::ObjectStoreExt;
use serde::Deserialize;
use sha2::{Digest, Sha256};

/// `?name=transcript.pdf`: the file's name.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UploadQuery {
    /// The file's name, as the person knows it.
    pub name: String,
}

fn too_large() -> ApiError {
    ApiError::PayloadTooLarge(
        Text::new("err-document-may-at-most-mb").with("mb", DOCUMENT_MAX_BYTES / (1024 * 1024)),
    )
}

/// Uploads a document: the request body is the file itself (PDF, PNG or JPEG,
/// at most 10 MB); its type is judged from its content, not its name.
#[utoipa::path(
    post,
    path = "/api/v1/me/documents",
    tag = "documents",
    security(("bearer" = [])),
    params(UploadQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "The file"),
    responses(
        (status = 201, description = "Stored", body = DocumentResponse),
        (status = 413, description = "Larger than 10 MB", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Empty, not a PDF, PNG or JPEG, or a bad name", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn upload_document(
    tenant: Tenant,
    AuthUser(user): AuthUser,
    request: HttpRequest,
    query: web::Query<UploadQuery>,
    mut payload: web::Payload,
) -> ApiResult<HttpResponse> {
    if let Some(message) = endorse_shared::validation::hidden_characters(&query.name) {
        return Err(ApiError::field("name", message));
    }
    let file_name = clean_file_name(&query.name)
        .ok_or_else(|| ApiError::field("name", Text::new("err-must-files-name")))?;
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|length| length > DOCUMENT_MAX_BYTES) {
        return Err(too_large());
    }
    let mut body = web::BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|error| {
            ApiError::BadRequest(
                Text::new("err-upload-broke-off").with("error", (error).to_string()),
            )
        })?;
        if body.len() + chunk.len() > DOCUMENT_MAX_BYTES {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    if body.is_empty() {
        return Err(ApiError::field("file", Text::new("err-empty")));
    }
    let content_type = sniff(&body)
        .ok_or_else(|| ApiError::field("file", Text::new("err-must-pdf-png-jpeg-file-judged")))?;
    // Hashing up to 10 MB is real work: keep it off the async worker.
    let body = body.freeze();
    let hashed = body.clone();
    let sha256: String = web::block(move || {
        Sha256::digest(&hashed)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    })
    .await
    .map_err(|_| ApiError::Internal("blocking pool unavailable".into()))?;
    let facts = documents::new_facts(file_name, content_type, body.len(), sha256);
    let location = StorePath::from(key(user.id, facts.id));
    tenant
        .documents
        .put(&location, body.into())
        .await
        .map_err(|error| ApiError::Internal(format!("document store: {error}")))?;
    let (owner, record) = (user.id, facts.clone());
    if let Err(error) = tenant
        .db
        .run(move |conn| documents::insert(conn, owner, &record))
        .await
    {
        // Keep the store and the database in step: no orphaned bytes.
        let _ = tenant.documents.delete(&location).await;
        return Err(error.into());
    }
    tracing::info!(user_id = %user.id, document_id = %facts.id, size = facts.size, "document uploaded");
    Ok(HttpResponse::Created().json(facts))
}

/// The caller's documents, newest first.
#[utoipa::path(
    get,
    path = "/api/v1/me/documents",
    tag = "documents",
    security(("bearer" = [])),
    responses((status = 200, description = "Your documents", body = Vec<DocumentResponse>))
)]
pub async fn list_my_documents(
    tenant: Tenant,
    AuthUser(user): AuthUser,
) -> ApiResult<web::Json<Vec<DocumentResponse>>> {
    let owner = user.id;
    Ok(web::Json(
        tenant
            .db
            .run(move |conn| documents::list(conn, owner))
            .await?,
    ))
}

/// Downloads a document: its owner or an admin.
#[utoipa::path(
    get,
    path = "/api/v1/documents/{id}",
    tag = "documents",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The document")),
    responses(
        (status = 200, description = "The file", content_type = "application/octet-stream"),
        (status = 404, description = "No such document, or not yours to see", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn download_document(
    tenant: Tenant,
    AuthUser(user): AuthUser,
    id: web::Path<DocumentId>,
) -> ApiResult<HttpResponse> {
    let calendar = tenant.calendar;
    let id = id.into_inner();
    let now = tenant.clock.now();
    // Owners and admins see the file as uploaded; a reviewer of an application
    // whose entries name it sees it too, without its name when review is blind.
    let (document, blind) = tenant
        .db
        .run(move |conn| {
            let Some(document) = documents::get(conn, id)? else {
                return Ok(None);
            };
            if document.owner == user.id || user.role == Role::Admin {
                return Ok(Some((document, false)));
            }
            if user.role == Role::Reviewer {
                if let Some(blind) = crate::workflow::reviewers::reviewer_document(
                    conn,
                    user.id,
                    document.owner,
                    id,
                    now,
                    calendar,
                )? {
                    return Ok(Some((document, blind)));
                }
            }
            Ok(None)
        })
        .await?
        .ok_or_else(|| ApiError::NotFound(Text::new("err-there-no-such-document")))?;
    // Every name ends in the extension of the type judged from the content;
    // a blind reviewer gets a neutral stem, everyone else the uploaded one.
    let stem = if blind {
        format!("document-{}", &id.to_string()[..8])
    } else {
        document.facts.file_name.clone()
    };
    let file_name = download_name(&stem, &document.facts.content_type);
    let bytes = tenant
        .documents
        .get(&StorePath::from(key(document.owner, id)))
        .await
        .map_err(|error| ApiError::Internal(format!("document store: {error}")))?
        .bytes()
        .await
        .map_err(|error| ApiError::Internal(format!("document store: {error}")))?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, document.facts.content_type.clone()))
        .insert_header((header::CONTENT_DISPOSITION, content_disposition(&file_name)))
        .insert_header((header::CACHE_CONTROL, "private, no-store"))
        .body(bytes))
}

/// Deletes one of the caller's documents, unless an entry still points to it.
#[utoipa::path(
    delete,
    path = "/api/v1/me/documents/{id}",
    tag = "documents",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The document")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 404, description = "No such document of yours", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "An entry still uses it", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn delete_document(
    tenant: Tenant,
    AuthUser(user): AuthUser,
    id: web::Path<DocumentId>,
) -> ApiResult<HttpResponse> {
    let (owner, id) = (user.id, id.into_inner());
    let outcome = tenant
        .db
        .attempt(move |conn| {
            if documents::get(conn, id)?
                .filter(|d| d.owner == owner)
                .is_none()
            {
                return Ok(Err(ApiError::NotFound(Text::new(
                    "err-there-no-such-document-yours",
                ))));
            }
            let used = portfolio::lock(conn, owner)?
                .iter()
                .any(|entry| entry.data.document().is_some_and(|(_, d)| d == id));
            if used {
                return Ok(Err(ApiError::Conflict(Text::new(
                    "err-entry-your-portfolio-still-uses-document",
                ))));
            }
            documents::delete(conn, owner, id)?;
            Ok(Ok(()))
        })
        .await?;
    outcome?;
    let _ = tenant
        .documents
        .delete(&StorePath::from(key(owner, id)))
        .await;
    Ok(HttpResponse::NoContent().finish())
}
