//! Admins: erasing a person on request. First what it would keep and
//! remove; then, with the address typed again and a reason, the erasure:
//! drafts withdrawn, the person's records gone (documents too), their
//! endorsements, application records and the audit trail kept, and the
//! erasure in the trail without the erased data.

use crate::auth::RequireAdmin;
use crate::db::applications;
use crate::db::audit::{self, NewEvent};
use crate::db::users::{self, User};
use crate::db::{erasure, DbError};
use crate::error::{ApiError, ApiResult};
use crate::http::client::by;
use crate::tenancy::Tenant;
use crate::workflow::accounts;
use actix_web::{web, HttpRequest};
use endorse_shared::applications::ApplicationStatus;
use endorse_shared::i18n::Text;
use endorse_shared::users::{EraseUserRequest, ErasurePreview};
use endorse_shared::validation::normalize_email;
use endorse_shared::{Problem, Role, UserId};
use object_store::path::Path as StorePath;
use object_store::ObjectStoreExt as _;
use validator::Validate;

fn no_such_account() -> ApiError {
    ApiError::NotFound(Text::new("err-there-no-account-with-id"))
}

/// Why `user` cannot be erased by `admin` at all, if they cannot.
fn refusal(admin: &User, user: &User) -> Option<ApiError> {
    if user.erased_at.is_some() {
        Some(ApiError::Conflict(Text::new("err-erase-already")))
    } else if user.id == admin.id {
        Some(ApiError::Conflict(Text::new("err-erase-own")))
    } else if user.role == Role::Admin {
        Some(ApiError::Conflict(Text::new("err-erase-admin")))
    } else {
        None
    }
}

fn blocked(preview: &ErasurePreview) -> ApiError {
    ApiError::Conflict(
        Text::new("err-erase-open-applications").with("count", preview.blocking.len()),
    )
}

/// Admins: what erasing the person would keep (issued endorsements, the
/// records of their applications, the audit trail) and remove, and the open
/// applications that must be withdrawn or decided first.
#[utoipa::path(
    get,
    path = "/api/v1/users/{id}/erasure",
    tag = "users",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The account")),
    responses(
        (status = 200, description = "What an erasure would keep and remove", body = ErasurePreview),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such account", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_erasure(
    tenant: Tenant,
    _admin: RequireAdmin,
    id: web::Path<UserId>,
) -> ApiResult<web::Json<ErasurePreview>> {
    let id = id.into_inner();
    let preview = tenant
        .db
        .run(move |conn| {
            if users::find(conn, id)?.is_none() {
                return Ok(None);
            }
            erasure::preview(conn, id).map(Some)
        })
        .await?
        .ok_or_else(no_such_account)?;
    Ok(web::Json(preview))
}

/// Admins: erases the person, on their request, with their address typed
/// again and a reason. Refused for one's own account, an admin's (change
/// the role first), one already erased, and while an application past its
/// draft is open. Answers what was kept and removed.
#[utoipa::path(
    post,
    path = "/api/v1/users/{id}/erasure",
    tag = "users",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The account")),
    request_body = EraseUserRequest,
    responses(
        (status = 200, description = "Erased: what was kept and removed", body = ErasurePreview),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such account", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "One's own, an admin's, erased already, or an application is open", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The address does not match, or no reason", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn erase_user(
    tenant: Tenant,
    RequireAdmin(admin): RequireAdmin,
    request: HttpRequest,
    id: web::Path<UserId>,
    body: web::Json<EraseUserRequest>,
) -> ApiResult<web::Json<ErasurePreview>> {
    body.validate()?;
    let id = id.into_inner();
    let EraseUserRequest { email, reason } = body.into_inner();
    let (typed, reason) = (normalize_email(&email), reason.trim().to_string());
    let who = by(&admin, &request);
    let now = tenant.clock.now();
    let outcome = tenant
        .db
        .attempt(move |conn| {
            // Under the person's row lock: two admins erasing at once, or
            // a submission racing the check, take turns.
            crate::db::lock_owner(conn, id)?;
            let Some(user) = users::find(conn, id)? else {
                return Ok(Err(no_such_account()));
            };
            if let Some(refused) = refusal(&admin, &user) {
                return Ok(Err(refused));
            }
            if typed != user.email {
                return Ok(Err(ApiError::field(
                    "email",
                    Text::new("err-erase-email-mismatch"),
                )));
            }
            let preview = erasure::preview(conn, id)?;
            if !preview.blocking.is_empty() {
                return Ok(Err(blocked(&preview)));
            }
            // Drafts are withdrawn, in their own logs.
            for application in applications::list_for(conn, id)? {
                if application.status != ApplicationStatus::Draft {
                    continue;
                }
                if !applications::transition(
                    conn,
                    application.id,
                    (ApplicationStatus::Draft, application.version),
                    ApplicationStatus::Withdrawn,
                    now,
                )? {
                    return Err(DbError::Conflict);
                }
                audit::record(
                    conn,
                    &NewEvent {
                        application: application.id,
                        actor: Some(admin.id),
                        role: Role::Admin,
                        ip: who.ip.as_deref(),
                        action: "withdraw",
                        from: Some(ApplicationStatus::Draft),
                        to: Some(ApplicationStatus::Withdrawn),
                        reason: Some("The account was erased on request."),
                        details: "Withdrawn: the applicant's account was erased on request."
                            .to_string(),
                    },
                    now,
                )?;
            }
            let keys = erasure::erase(conn, id, now)?;
            let erased = users::find(conn, id)?.ok_or(DbError::NotFound)?;
            let counts = &preview.erased;
            accounts::log(
                conn,
                who.actor(),
                &erased,
                (
                    "account_erased",
                    &format!(
                        "Erased account {id} on request: {} portfolio entries, {} documents, \
                         {} reference requests, {} snapshots and {} e-mails removed; kept {} \
                         endorsements, {} application records and {} audit events. Reason: {reason}",
                        counts.portfolio_entries,
                        counts.documents,
                        counts.references,
                        counts.snapshots,
                        counts.mails,
                        preview.endorsements_kept.len(),
                        preview.applications_kept,
                        preview.audit_events_kept,
                    ),
                ),
                now,
            )?;
            Ok(Ok((preview, keys)))
        })
        .await??;
    let (preview, keys) = outcome;
    // The bytes go once the records are gone; one that fails to go is
    // logged (nothing names it any longer, and nothing serves it).
    for key in keys {
        if let Err(error) = tenant.documents.delete(&StorePath::from(key.clone())).await {
            tracing::warn!(%error, key, "an erased person's document could not be deleted");
        }
    }
    tracing::info!(user_id = %id, "account erased on request");
    Ok(web::Json(preview))
}
