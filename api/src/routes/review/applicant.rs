use crate::auth::AuthUser;
use crate::db::DbError;
use crate::db::{information, portfolio};
use crate::error::{ApiError, ApiResult};
use crate::http::client::peer_ip;
use crate::tenancy::Tenant;
use crate::workflow::process::take_action;
use crate::workflow::Judged;
use actix_web::{web, HttpRequest};
use endorse_shared::applications::{ApplicationResponse, ApplicationStatus};
use endorse_shared::i18n::Text;
use endorse_shared::process::Action;
use endorse_shared::review::{AnswerRequest, InformationItem};
use endorse_shared::{ApplicationId, Problem, Role};

/// Applicants: answer every open request for information, after amending
/// the entries. The entries as they stand now are kept beside the submitted
/// ones, and the review continues.
#[utoipa::path(
    post,
    path = "/api/v1/me/applications/{id}/answer",
    tag = "applications",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The application")),
    request_body = AnswerRequest,
    responses(
        (status = 200, description = "Answered; back under review", body = ApplicationResponse),
        (status = 404, description = "No such application of yours", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Nothing was asked (the problem names the status)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "An answer is missing or wrong, by field", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn answer_information(
    tenant: Tenant,
    AuthUser(user): AuthUser,
    request: HttpRequest,
    id: web::Path<ApplicationId>,
    body: web::Json<AnswerRequest>,
) -> ApiResult<web::Json<ApplicationResponse>> {
    let id = id.into_inner();
    let body = body.into_inner();
    let now = tenant.clock.now();
    let ip = peer_ip(&request);
    tenant
        .db
        .attempt(move |conn| {
            let Some(judged) =
                Judged::load(conn, id)?.filter(|j| j.application.applicant.id == user.id)
            else {
                return Ok(Err(crate::workflow::not_yours()));
            };
            if judged.application.status != ApplicationStatus::RevisionRequested {
                return Ok(Err(ApiError::Conflict(
                    Text::new("err-nothing-asked-you-now-application")
                        .with("status", judged.application.status.text()),
                )));
            }
            let open: Vec<InformationItem> = information::for_application(conn, id)?
                .into_iter()
                .filter(|i| i.answered_at.is_none())
                .collect();
            let ids: Vec<_> = open.iter().map(|i| i.id).collect();
            let problems = body.problems(&ids);
            if !problems.is_empty() {
                return Ok(Err(ApiError::Validation(problems)));
            }
            let mut amended = 0;
            for item in &open {
                let after = portfolio::get(conn, user.id, item.entry)?.map(|entry| entry.data);
                if after != item.before {
                    amended += 1;
                }
                let answer = body.answers.get(&item.id).map_or("", |a| a.trim());
                if !information::answer(conn, item.id, answer, after.as_ref(), now)? {
                    return Err(DbError::Conflict);
                }
            }
            if let Err(refused) = take_action(
                conn,
                &judged,
                Action::AnswerRevision,
                (Role::Applicant, user.id),
                ip.as_deref(),
                None,
                format!(
                    "Answered {} request{}; {amended} entr{} amended.",
                    open.len(),
                    if open.len() == 1 { "" } else { "s" },
                    if amended == 1 { "y" } else { "ies" },
                ),
                now,
            )? {
                return Ok(Err(refused));
            }
            Ok(Ok(()))
        })
        .await??;
    let today = tenant.today();
    let owner = user.id;
    let currency = tenant.association.currency.clone();
    tenant
        .db
        .run(move |conn| crate::workflow::weighing::own_view(conn, owner, id, today, &currency))
        .await?
        .map(web::Json)
        .ok_or_else(crate::workflow::not_yours)
}
