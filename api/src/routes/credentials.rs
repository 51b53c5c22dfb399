//! Credentials: what the issuer publishes for verifiers (its keys, profile,
//! achievements and status lists, no account needed), the holder's downloads
//! (the signed credential and the PDF certificate), the credential anyone may
//! check by number, and key rotation.

use crate::auth::{AuthUser, RequireAdmin};
use crate::certificate::{self, CertificateFacts};
use crate::db::credentials::StoredCredential;
use crate::db::endorsements::{self, Endorsement};
use crate::db::{rulebooks, AnyConnection, DbResult};
use crate::error::{ApiError, ApiResult};
use crate::issuer::{codes_match, Issuer};
use crate::tenancy::Tenant;
use actix_web::http::header;
use actix_web::{web, HttpResponse};
use endorse_shared::credential::{StatusPurpose, JWT_TYPE};
use endorse_shared::endorsements::{
    CredentialDownload, IssuerKeyView, PublicCredential, PublicCredentialQuery,
};
use endorse_shared::i18n::Text;
use endorse_shared::rulebook::Rulebook;
use endorse_shared::{Problem, Role};

/// What verifiers fetch must never be stale: a revocation shows at once.
const FRESH: &str = "no-cache";

/// Anyone: the issuer's public keys, every one ever used (JWKS).
#[utoipa::path(
    get,
    path = "/.well-known/jwks.json",
    tag = "credentials",
    responses((status = 200, description = "The issuer's Ed25519 public keys as a JSON Web Key Set", content_type = "application/json", body = Object))
)]
pub async fn jwks(tenant: Tenant) -> ApiResult<HttpResponse> {
    let keys = tenant.db.run(Issuer::jwks).await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, FRESH))
        .insert_header((header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"))
        .json(keys))
}

/// Anyone: the issuer's Open Badges profile.
#[utoipa::path(
    get,
    path = "/api/v1/issuer",
    tag = "credentials",
    responses((status = 200, description = "The issuer's profile (an Open Badges `Profile`)", body = Object))
)]
pub async fn profile(tenant: Tenant) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"))
        .json(tenant.issuer.profile())
}

/// Anyone: what a category's endorsement stands for (an Open Badges
/// `Achievement`).
#[utoipa::path(
    get,
    path = "/api/v1/issuer/achievements/{code}",
    tag = "credentials",
    params(("code" = String, Path, description = "The category's code, e.g. IFS")),
    responses(
        (status = 200, description = "The achievement", body = Object),
        (status = 404, description = "No such category", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn achievement(tenant: Tenant, code: web::Path<String>) -> ApiResult<HttpResponse> {
    let code = code.into_inner();
    let rulebook = tenant
        .db
        .run(|conn| Ok(rulebooks::current(conn)?.rulebook))
        .await?;
    let category = rulebook.category(&code).ok_or_else(|| {
        ApiError::NotFound(Text::new("err-there-no-category").with("code", (code).to_string()))
    })?;
    Ok(HttpResponse::Ok()
        .insert_header((header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"))
        .json(serde_json::json!({
            "@context": [endorse_shared::credential::VC_CONTEXT, endorse_shared::credential::OB_CONTEXT],
            "id": tenant.issuer.addresses.achievement(&category.code),
            "type": ["Achievement"],
            "achievementType": "Certification",
            "name": category.name,
            "description": format!("Scope of practice: {}.", category.scope),
            "humanCode": category.code,
            "creator": tenant.issuer.addresses.issuer(),
        })))
}

/// Anyone: a Bitstring Status List, signed as a VC-JWT, as it stands now.
#[utoipa::path(
    get,
    path = "/api/v1/status-lists/{purpose}",
    tag = "credentials",
    params(("purpose" = String, Path, description = "revocation or suspension")),
    responses(
        (status = 200, description = "The status list credential (VC-JWT)", content_type = "application/vc+jwt", body = String),
        (status = 404, description = "No such list", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn status_list(tenant: Tenant, purpose: web::Path<String>) -> ApiResult<HttpResponse> {
    let purpose = StatusPurpose::parse(&purpose).ok_or_else(|| {
        ApiError::NotFound(Text::new("err-there-are-two-status-lists-revocation"))
    })?;
    let now = tenant.clock.now();
    let issuer = tenant.issuer.clone();
    let jwt = tenant
        .db
        .run(move |conn| issuer.status_list(conn, purpose, now))
        .await?;
    Ok(HttpResponse::Ok()
        .content_type(format!("application/{JWT_TYPE}"))
        .insert_header((header::CACHE_CONTROL, FRESH))
        .insert_header((header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"))
        .body(jwt))
}

fn no_credential() -> ApiError {
    ApiError::NotFound(Text::new("err-no-credential-with-number-open-public"))
}

/// Anyone: the current credential of an endorsement, to check it. Given out
/// when its holder is listed in the registry, or with the verification code
/// printed on the certificate; otherwise (or for an unknown number) a 404.
#[utoipa::path(
    get,
    path = "/api/v1/credentials/{number}",
    tag = "credentials",
    params(
        ("number" = String, Path, description = "The endorsement's number"),
        PublicCredentialQuery,
    ),
    responses(
        (status = 200, description = "The credential", body = PublicCredential),
        (status = 404, description = "No such number, or not public without its code", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn public_credential(
    tenant: Tenant,
    number: web::Path<String>,
    query: web::Query<PublicCredentialQuery>,
) -> ApiResult<HttpResponse> {
    let number = number.into_inner().trim().to_uppercase();
    let code = query
        .into_inner()
        .code
        .map(|c| c.trim().to_uppercase())
        .filter(|c| !c.is_empty());
    if number.len() > 64 || code.as_ref().is_some_and(|c| c.len() > 64) {
        return Err(no_credential());
    }
    let now = tenant.clock.now();
    let issuer = tenant.issuer.clone();
    let jwt = tenant
        .db
        .transaction(move |conn| {
            let Some(mut endorsement) = endorsements::get(conn, &number)? else {
                return Ok(None);
            };
            let open = endorsement.listed
                || matches!(
                    (&code, &endorsement.verify_code),
                    (Some(given), Some(kept)) if codes_match(given, kept)
                );
            if !open {
                return Ok(None);
            }
            let rulebook = rulebooks::current(conn)?.rulebook;
            Ok(Some(
                issuer.current(conn, &mut endorsement, &rulebook, now)?.jwt,
            ))
        })
        .await?
        .ok_or_else(no_credential)?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, FRESH))
        .json(PublicCredential { jwt }))
}

/// The endorsement, if the caller holds it or is an admin.
fn own(
    conn: &mut AnyConnection,
    number: &str,
    user: &crate::db::users::User,
) -> DbResult<Option<Endorsement>> {
    Ok(
        endorsements::get(conn, number)?
            .filter(|e| e.holder == user.id || user.role == Role::Admin),
    )
}

fn no_endorsement() -> ApiError {
    ApiError::NotFound(Text::new("err-there-no-such-endorsement"))
}

/// The verify page's address for an endorsement (with its code).
fn verify_url(issuer: &Issuer, endorsement: &Endorsement) -> String {
    issuer.addresses.verify_page(
        &endorsement.number,
        endorsement.verify_code.as_deref().unwrap_or_default(),
    )
}

/// Holders and admins: the endorsement's current signed credential.
#[utoipa::path(
    get,
    path = "/api/v1/endorsements/{number}/credential",
    tag = "credentials",
    security(("bearer" = [])),
    params(("number" = String, Path, description = "The endorsement's number")),
    responses(
        (status = 200, description = "The credential", body = CredentialDownload),
        (status = 404, description = "No such endorsement of yours", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn credential(
    tenant: Tenant,
    AuthUser(user): AuthUser,
    number: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let (endorsement, stored, _) = with_credential(&tenant, user, number.into_inner()).await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "private, no-store"))
        .json(CredentialDownload {
            verify_url: verify_url(&tenant.issuer, &endorsement),
            number: endorsement.number,
            jwt: stored.jwt,
        }))
}

/// The caller's (or, for an admin, anyone's) endorsement with its current
/// credential, issuing one when needed, and the rulebook in force.
async fn with_credential(
    tenant: &Tenant,
    user: crate::db::users::User,
    number: String,
) -> ApiResult<(Endorsement, StoredCredential, Rulebook)> {
    let now = tenant.clock.now();
    let issuer = tenant.issuer.clone();
    tenant
        .db
        .transaction(move |conn| {
            let Some(mut endorsement) = own(conn, &number, &user)? else {
                return Ok(None);
            };
            let rulebook = rulebooks::current(conn)?.rulebook;
            let stored = issuer.current(conn, &mut endorsement, &rulebook, now)?;
            Ok(Some((endorsement, stored, rulebook)))
        })
        .await?
        .ok_or_else(no_endorsement)
}

/// Holders and admins: the endorsement's certificate, a PDF with a QR code
/// that opens the verify page. Only while the endorsement is in good
/// standing: a printed certificate must not outlive it unnoticed.
#[utoipa::path(
    get,
    path = "/api/v1/endorsements/{number}/certificate",
    tag = "credentials",
    security(("bearer" = [])),
    params(("number" = String, Path, description = "The endorsement's number")),
    responses(
        (status = 200, description = "The certificate", content_type = "application/pdf", body = Vec<u8>),
        (status = 404, description = "No such endorsement of yours", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The endorsement is not in good standing", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn certificate(
    tenant: Tenant,
    AuthUser(user): AuthUser,
    number: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let calendar = tenant.calendar;
    let (endorsement, _, rulebook) = with_credential(&tenant, user, number.into_inner()).await?;
    if !endorsement.status.in_good_standing() {
        return Err(ApiError::Conflict(
            Text::new("err-endorsement-no-certificate-issued")
                .with("status", endorsement.status.text()),
        ));
    }
    let url = verify_url(&tenant.issuer, &endorsement);
    let category_name = rulebook
        .category(&endorsement.category)
        .map_or(endorsement.category.as_str(), |c| {
            c.name.get(crate::locale::current())
        });
    let pdf = certificate::render(&CertificateFacts {
        association: &tenant.issuer.name,
        holder_name: &endorsement.holder_name,
        category_name,
        category: &endorsement.category,
        number: &endorsement.number,
        endorsed_since: calendar.day_of(endorsement.awarded_at),
        valid_through: rulebook.endorsement.valid_through(endorsement.renewal_due),
        verify_url: &url,
        lang: crate::locale::current(),
    })
    .map_err(|e| ApiError::Internal(format!("the certificate's QR code: {e}")))?;
    Ok(HttpResponse::Ok()
        .content_type("application/pdf")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{}.pdf\"", endorsement.number),
        ))
        .insert_header((header::CACHE_CONTROL, "private, no-store"))
        .body(pdf))
}

/// Admins: make a new signing key. New credentials and status lists are
/// signed with it; the old keys stay published, so what they signed still
/// verifies.
#[utoipa::path(
    post,
    path = "/api/v1/issuer/keys",
    tag = "credentials",
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The new key", body = IssuerKeyView),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn rotate_key(
    tenant: Tenant,
    RequireAdmin(admin): RequireAdmin,
    request: actix_web::HttpRequest,
) -> ApiResult<HttpResponse> {
    let now = tenant.clock.now();
    let issuer = tenant.issuer.clone();
    let who = crate::http::client::by(&admin, &request);
    let kid = tenant
        .db
        .transaction(move |conn| {
            let kid = issuer.rotate(conn, now)?;
            crate::db::association_log::record_about(
                conn,
                who.actor(),
                Some(crate::db::association_log::Subject::of(
                    endorse_shared::trail::TrailKind::Key,
                    &kid,
                )),
                (
                    "key_rotated",
                    &format!("Credentials are signed with the new key {kid} from now on"),
                ),
                now,
            )?;
            Ok(kid)
        })
        .await?;
    tracing::info!(kid = %kid, admin = %admin.id, "credential signing key rotated");
    Ok(HttpResponse::Created().json(IssuerKeyView { kid }))
}
