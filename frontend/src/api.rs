//! The typed client of the Endorse API: one request function that maps every
//! failure to [`ApiError`], and one function per operation.

use endorse_shared::applications::{
    ApplicationListResponse, ApplicationResponse, ListApplicationsQuery, PipelineResponse,
    StartApplicationRequest,
};
use endorse_shared::auth::{
    ChangePasswordRequest, LoginRequest, PasswordResetAccepted, PasswordResetConfirm,
    PasswordResetRequest, RegisterRequest, SessionResponse,
};
use endorse_shared::eligibility::EligibilityReport;
use endorse_shared::endorsements::{
    CredentialDownload, EndorsementStatusRequest, EndorsementView, ListingRequest,
    PublicCredential, RegistryPage, RegistryQuery,
};
use endorse_shared::entries::{
    EditableSection, EntryData, NoteRequest, PortfolioEntry, PortfolioResponse, RscBatchRequest,
    SectionNote,
};
use endorse_shared::exam::{
    AccommodationsRequest, ExamView, Part1Request, ScheduleExamRequest, ScoringPacket,
    ScoringSummary, VignetteAnswers, VignetteScores,
};
use endorse_shared::fees::{
    CheckoutRequest, CheckoutResponse, FeeKey, FeeLine, FeesResponse, PaymentsPage, PaymentsQuery,
    RecordPaymentRequest, WaiveFeeRequest,
};
use endorse_shared::i18n::Lang;
use endorse_shared::mail::{MailMessage, MailSummary, OutboxPage, OutboxQuery};
use endorse_shared::process::{AuditEvent, TransitionRequest};
use endorse_shared::references::{
    DeclineRequest, RatingAnswer, RatingDraft, RefereeDone, RefereeInvitation,
    ReferenceRequestInput, ReferenceView, ResendRequest, ReviewedReference,
};
use endorse_shared::renewal::{
    RenewalDecisionRequest, RenewalOverview, RenewalRecord, SubmitRenewalRequest,
};
use endorse_shared::review::{
    AnswerRequest, ApplicationReview, AssignRequest, InformationRequest, MyAssignment,
    ReasonRequest, ReviewForm, ReviewPacket,
};
use endorse_shared::reviewers::{ReviewerProfile, ReviewerProfileResponse};
use endorse_shared::rulebook::{
    PublishRulebookRequest, RulebookVersionResponse, RulebookVersionSummary,
};
use endorse_shared::users::{
    ChangeEmailRequest, ConfirmEmailRequest, ConfirmationSent, CreateUserRequest,
    DisableUserRequest, EmailConfirmed, ListUsersQuery, UpdateProfileRequest, UpdateUserRequest,
    UserListResponse, UserResponse,
};
use endorse_shared::{ApplicationId, AssignmentId, EntryId, Problem, UserId};
use gloo_net::http::{Method, RequestBuilder};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::collections::BTreeMap;

/// Why a call failed.
#[derive(Clone, Debug, PartialEq)]
pub enum ApiError {
    /// The API answered with a problem document.
    Problem(Problem),
    /// The API could not be reached.
    Network(String),
    /// The answer could not be understood.
    Unexpected(String),
}

impl ApiError {
    /// A sentence for the person using the app.
    pub fn message(&self) -> String {
        match self {
            ApiError::Problem(problem) => problem.message().to_string(),
            ApiError::Network(_) => crate::i18n::t(crate::i18n::asked(), "problem-network"),
            ApiError::Unexpected(detail) => crate::i18n::Text::new("problem-unexpected")
                .with("detail", detail)
                .say(crate::i18n::asked()),
        }
    }

    /// Field name to messages, for validation failures.
    pub fn field_errors(&self) -> BTreeMap<String, Vec<String>> {
        match self {
            ApiError::Problem(problem) => problem.errors.clone(),
            _ => BTreeMap::new(),
        }
    }
}

async fn send<T: DeserializeOwned>(
    method: Method,
    path: &str,
    token: Option<&str>,
    body: Option<&impl Serialize>,
) -> Result<T, ApiError> {
    send_versioned(method, path, token, None, body).await
}

async fn send_versioned<T: DeserializeOwned>(
    method: Method,
    path: &str,
    token: Option<&str>,
    if_match: Option<i64>,
    body: Option<&impl Serialize>,
) -> Result<T, ApiError> {
    let text = exchange(method, path, token, if_match, "application/json", body).await?;
    let text = if text.is_empty() {
        "null"
    } else {
        text.as_str()
    };
    serde_json::from_str(text).map_err(|error| ApiError::Unexpected(error.to_string()))
}

/// The path the app lives under: `/a/{code}` for an association reached at a
/// path on a shared address, `""` on an address of its own. Every API call
/// and every route goes under it, so one browser can use two associations
/// on one host.
pub fn base_path() -> String {
    let path = gloo::utils::window()
        .location()
        .pathname()
        .unwrap_or_default();
    base_of(&path)
}

/// The base path in a location's path (see [`base_path`]).
pub fn base_of(path: &str) -> String {
    let Some(rest) = path.strip_prefix("/a/") else {
        return String::new();
    };
    let code = rest.split('/').next().unwrap_or_default();
    if endorse_shared::associations::is_code(code) {
        format!("/a/{code}")
    } else {
        String::new()
    }
}

/// An API path under the app's base path.
pub fn url(path: &str) -> String {
    format!("{}{path}", base_path())
}

/// One request: the body of a 2xx answer as text, or the problem it answered.
async fn exchange(
    method: Method,
    path: &str,
    token: Option<&str>,
    if_match: Option<i64>,
    accept: &str,
    body: Option<&impl Serialize>,
) -> Result<String, ApiError> {
    let mut builder = RequestBuilder::new(&url(path))
        .method(method)
        .header("accept", accept)
        .header("accept-language", crate::i18n::asked().code());
    if let Some(token) = token {
        builder = builder.header("authorization", &format!("Bearer {token}"));
    }
    if let Some(version) = if_match {
        builder = builder.header("if-match", &format!("\"{version}\""));
    }
    let request = match body {
        Some(body) => builder.json(body),
        None => builder.build(),
    }
    .map_err(|error| ApiError::Unexpected(error.to_string()))?;
    let response = request
        .send()
        .await
        .map_err(|error| ApiError::Network(error.to_string()))?;
    let status = response.status();
    let text = response
        .text()
        .await
        .map_err(|error| ApiError::Network(error.to_string()))?;
    if (200..300).contains(&status) {
        Ok(text)
    } else {
        Err(match serde_json::from_str::<Problem>(&text) {
            Ok(problem) => ApiError::Problem(problem),
            Err(_) => ApiError::Unexpected(format!("HTTP {status}")),
        })
    }
}

const NO_BODY: Option<&()> = None;

/// Saves the language one chose on one's account.
pub async fn choose_language(token: &str, language: Lang) -> Result<UserResponse, ApiError> {
    let body = endorse_shared::users::LanguageChoice {
        language: Some(language),
    };
    send(Method::PUT, "/api/v1/me/language", Some(token), Some(&body)).await
}

/// Registers an applicant and signs them in.
pub async fn register(request: &RegisterRequest) -> Result<SessionResponse, ApiError> {
    send(Method::POST, "/api/v1/auth/register", None, Some(request)).await
}

/// Signs in.
pub async fn login(request: &LoginRequest) -> Result<SessionResponse, ApiError> {
    send(Method::POST, "/api/v1/auth/login", None, Some(request)).await
}

/// Asks for a link to choose a new password.
pub async fn request_password_reset(
    request: &PasswordResetRequest,
) -> Result<PasswordResetAccepted, ApiError> {
    send(
        Method::POST,
        "/api/v1/auth/password-reset",
        None,
        Some(request),
    )
    .await
}

/// Chooses a new password with a mailed link's token; signs in.
pub async fn confirm_password_reset(
    request: &PasswordResetConfirm,
) -> Result<SessionResponse, ApiError> {
    send(
        Method::POST,
        "/api/v1/auth/password-reset/confirm",
        None,
        Some(request),
    )
    .await
}

/// Exchanges the refresh cookie for a new session.
pub async fn refresh() -> Result<SessionResponse, ApiError> {
    send(Method::POST, "/api/v1/auth/refresh", None, NO_BODY).await
}

/// Signs out (revokes the refresh cookie).
pub async fn logout() -> Result<(), ApiError> {
    send(Method::POST, "/api/v1/auth/logout", None, NO_BODY).await
}

/// Replaces the signed-in user's password.
pub async fn change_password(
    token: &str,
    request: &ChangePasswordRequest,
) -> Result<SessionResponse, ApiError> {
    send(
        Method::POST,
        "/api/v1/me/password",
        Some(token),
        Some(request),
    )
    .await
}

/// The signed-in person's account.
pub async fn me(token: &str) -> Result<UserResponse, ApiError> {
    send(Method::GET, "/api/v1/me", Some(token), NO_BODY).await
}

/// Changes one's own name.
pub async fn update_me(
    token: &str,
    request: &UpdateProfileRequest,
) -> Result<UserResponse, ApiError> {
    send(Method::PATCH, "/api/v1/me", Some(token), Some(request)).await
}

/// Asks to sign in with another address (a link goes there).
pub async fn change_email(
    token: &str,
    request: &ChangeEmailRequest,
) -> Result<ConfirmationSent, ApiError> {
    send(Method::POST, "/api/v1/me/email", Some(token), Some(request)).await
}

/// One's own second factor.
pub async fn mfa_status(token: &str) -> Result<endorse_shared::mfa::MfaStatus, ApiError> {
    send(Method::GET, "/api/v1/me/mfa", Some(token), NO_BODY).await
}

/// Begins setting up a second factor: a key for the app.
pub async fn mfa_setup(
    token: &str,
    request: &endorse_shared::mfa::MfaSetupRequest,
) -> Result<endorse_shared::mfa::MfaSetup, ApiError> {
    send(
        Method::POST,
        "/api/v1/me/mfa/setup",
        Some(token),
        Some(request),
    )
    .await
}

/// Turns the second factor on with a code from the app.
pub async fn mfa_enable(
    token: &str,
    request: &endorse_shared::mfa::MfaConfirmRequest,
) -> Result<endorse_shared::mfa::RecoveryCodes, ApiError> {
    send(Method::POST, "/api/v1/me/mfa", Some(token), Some(request)).await
}

/// Turns the second factor off.
pub async fn mfa_disable(
    token: &str,
    request: &endorse_shared::mfa::MfaProofRequest,
) -> Result<endorse_shared::mfa::MfaStatus, ApiError> {
    send(Method::DELETE, "/api/v1/me/mfa", Some(token), Some(request)).await
}

/// New recovery codes in place of the old.
pub async fn mfa_renew_codes(
    token: &str,
    request: &endorse_shared::mfa::MfaProofRequest,
) -> Result<endorse_shared::mfa::RecoveryCodes, ApiError> {
    send(
        Method::POST,
        "/api/v1/me/mfa/recovery-codes",
        Some(token),
        Some(request),
    )
    .await
}

/// Admins: what erasing a person would keep and remove.
pub async fn erasure_preview(
    token: &str,
    id: &str,
) -> Result<endorse_shared::users::ErasurePreview, ApiError> {
    send(
        Method::GET,
        &format!("/api/v1/users/{}/erasure", encode(id)),
        Some(token),
        NO_BODY,
    )
    .await
}

/// Admins: erases a person on request.
pub async fn erase_user(
    token: &str,
    id: &str,
    request: &endorse_shared::users::EraseUserRequest,
) -> Result<endorse_shared::users::ErasurePreview, ApiError> {
    send(
        Method::POST,
        &format!("/api/v1/users/{}/erasure", encode(id)),
        Some(token),
        Some(request),
    )
    .await
}

/// Admins: resets someone's second factor.
pub async fn reset_user_mfa(
    token: &str,
    id: &str,
    request: &endorse_shared::mfa::MfaResetRequest,
) -> Result<UserResponse, ApiError> {
    send(
        Method::POST,
        &format!("/api/v1/users/{}/mfa/reset", encode(id)),
        Some(token),
        Some(request),
    )
    .await
}

/// Sends the link to confirm an address again.
pub async fn resend_confirmation(token: &str) -> Result<ConfirmationSent, ApiError> {
    send(
        Method::POST,
        "/api/v1/me/email/confirmation",
        Some(token),
        NO_BODY,
    )
    .await
}

/// Confirms an address with a mailed link's token (no session needed).
pub async fn confirm_email(request: &ConfirmEmailRequest) -> Result<EmailConfirmed, ApiError> {
    send(
        Method::POST,
        "/api/v1/auth/email/confirm",
        None,
        Some(request),
    )
    .await
}

/// Admins: what waits on them.
pub async fn work_list(token: &str) -> Result<endorse_shared::worklist::WorkList, ApiError> {
    send(
        Method::GET,
        "/api/v1/association/work",
        Some(token),
        NO_BODY,
    )
    .await
}

/// Admins: one account.
pub async fn get_user(token: &str, id: &str) -> Result<UserResponse, ApiError> {
    send(
        Method::GET,
        &format!("/api/v1/users/{}", encode(id)),
        Some(token),
        NO_BODY,
    )
    .await
}

/// Admins: change an account's name, address or role.
pub async fn update_user(
    token: &str,
    id: &str,
    request: &UpdateUserRequest,
) -> Result<UserResponse, ApiError> {
    send(
        Method::PATCH,
        &format!("/api/v1/users/{}", encode(id)),
        Some(token),
        Some(request),
    )
    .await
}

/// Admins: disable an account.
pub async fn disable_user(
    token: &str,
    id: &str,
    request: &DisableUserRequest,
) -> Result<UserResponse, ApiError> {
    send(
        Method::POST,
        &format!("/api/v1/users/{}/disable", encode(id)),
        Some(token),
        Some(request),
    )
    .await
}

/// Admins: enable an account again.
pub async fn enable_user(token: &str, id: &str) -> Result<UserResponse, ApiError> {
    send(
        Method::POST,
        &format!("/api/v1/users/{}/enable", encode(id)),
        Some(token),
        NO_BODY,
    )
    .await
}

/// Admins: mail a person a link to choose a new password.
pub async fn send_password_reset(token: &str, id: &str) -> Result<PasswordResetAccepted, ApiError> {
    send(
        Method::POST,
        &format!("/api/v1/users/{}/password-reset", encode(id)),
        Some(token),
        NO_BODY,
    )
    .await
}

/// Admins: one page of accounts.
pub async fn list_users(token: &str, query: &ListUsersQuery) -> Result<UserListResponse, ApiError> {
    let mut params = Vec::new();
    if let Some(q) = query.q.as_deref().filter(|q| !q.trim().is_empty()) {
        params.push(format!("q={}", encode(q.trim())));
    }
    if let Some(role) = query.role {
        params.push(format!("role={role}"));
    }
    params.push(format!("page={}", query.page()));
    params.push(format!("per_page={}", query.per_page()));
    let path = format!("/api/v1/users?{}", params.join("&"));
    send(Method::GET, &path, Some(token), NO_BODY).await
}

/// Admins: create an account.
pub async fn create_user(
    token: &str,
    request: &CreateUserRequest,
) -> Result<UserResponse, ApiError> {
    send(Method::POST, "/api/v1/users", Some(token), Some(request)).await
}

/// The rulebook in force.
pub async fn current_rulebook(token: &str) -> Result<RulebookVersionResponse, ApiError> {
    send(
        Method::GET,
        "/api/v1/rulebooks/current",
        Some(token),
        NO_BODY,
    )
    .await
}

/// Admins: every published version.
pub async fn list_rulebooks(token: &str) -> Result<Vec<RulebookVersionSummary>, ApiError> {
    send(Method::GET, "/api/v1/rulebooks", Some(token), NO_BODY).await
}

/// Admins: publish an edited copy.
pub async fn publish_rulebook(
    token: &str,
    request: &PublishRulebookRequest,
) -> Result<RulebookVersionResponse, ApiError> {
    send(
        Method::POST,
        "/api/v1/rulebooks",
        Some(token),
        Some(request),
    )
    .await
}

/// The signed-in person's portfolio.
pub async fn portfolio(token: &str) -> Result<PortfolioResponse, ApiError> {
    send(Method::GET, "/api/v1/me/portfolio", Some(token), NO_BODY).await
}

/// Adds an entry.
pub async fn create_entry(token: &str, data: &EntryData) -> Result<PortfolioEntry, ApiError> {
    let path = format!("/api/v1/me/portfolio/{}", data.section());
    send(Method::POST, &path, Some(token), Some(data)).await
}

/// Logs many RSC sessions at once.
pub async fn create_rsc_batch(
    token: &str,
    request: &RscBatchRequest,
) -> Result<Vec<PortfolioEntry>, ApiError> {
    send(
        Method::POST,
        "/api/v1/me/portfolio/rsc/batch",
        Some(token),
        Some(request),
    )
    .await
}

/// Changes an entry loaded at `version`.
pub async fn update_entry(
    token: &str,
    id: EntryId,
    version: i64,
    data: &EntryData,
) -> Result<PortfolioEntry, ApiError> {
    let path = format!("/api/v1/me/portfolio/{}/{id}", data.section());
    send_versioned(Method::PUT, &path, Some(token), Some(version), Some(data)).await
}

/// Removes an entry loaded at `version`.
pub async fn delete_entry(
    token: &str,
    section: EditableSection,
    id: EntryId,
    version: i64,
) -> Result<(), ApiError> {
    let path = format!("/api/v1/me/portfolio/{section}/{id}");
    send_versioned(Method::DELETE, &path, Some(token), Some(version), NO_BODY).await
}

/// Writes the note to reviewers on a section, loaded at `version` (0: none yet).
pub async fn put_note(
    token: &str,
    section: EditableSection,
    version: i64,
    request: &NoteRequest,
) -> Result<SectionNote, ApiError> {
    let path = format!("/api/v1/me/portfolio/{section}/note");
    send_versioned(
        Method::PUT,
        &path,
        Some(token),
        Some(version),
        Some(request),
    )
    .await
}

/// The self-check over every category.
pub async fn eligibility(token: &str) -> Result<Vec<EligibilityReport>, ApiError> {
    send(Method::GET, "/api/v1/me/eligibility", Some(token), NO_BODY).await
}

/// The caller's applications.
pub async fn my_applications(token: &str) -> Result<Vec<ApplicationResponse>, ApiError> {
    send(Method::GET, "/api/v1/me/applications", Some(token), NO_BODY).await
}

/// Starts an application.
pub async fn start_application(
    token: &str,
    request: &StartApplicationRequest,
) -> Result<ApplicationResponse, ApiError> {
    send(
        Method::POST,
        "/api/v1/me/applications",
        Some(token),
        Some(request),
    )
    .await
}

/// Submits (`submit`) or withdraws (`withdraw`) an application loaded at `version`.
pub async fn act_on_application(
    token: &str,
    id: ApplicationId,
    version: i64,
    action: &str,
) -> Result<ApplicationResponse, ApiError> {
    let path = format!("/api/v1/me/applications/{id}/{action}");
    send_versioned(Method::POST, &path, Some(token), Some(version), NO_BODY).await
}

/// Admins: one page of applications.
pub async fn list_applications(
    token: &str,
    query: &ListApplicationsQuery,
) -> Result<ApplicationListResponse, ApiError> {
    send(
        Method::GET,
        &format!("/api/v1/applications?{}", application_filters(query, true)),
        Some(token),
        NO_BODY,
    )
    .await
}

fn application_filters(query: &ListApplicationsQuery, paged: bool) -> String {
    let mut params = Vec::new();
    if let Some(q) = query.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        params.push(format!("q={}", encode(q)));
    }
    if let Some(status) = query.status {
        params.push(format!("status={status}"));
    }
    if let Some(category) = query.category.as_deref().filter(|c| !c.is_empty()) {
        params.push(format!("category={}", encode(category)));
    }
    if paged {
        match &query.after {
            // The page number is the app's own count; the cursor says where.
            Some(after) => params.push(format!("after={}", encode(after))),
            None => params.push(format!("page={}", query.page())),
        }
        params.push(format!("per_page={}", query.per_page()));
    }
    params.join("&")
}

/// Admins: the filtered list as CSV text.
pub async fn export_applications(
    token: &str,
    query: &ListApplicationsQuery,
) -> Result<String, ApiError> {
    get_text(
        &format!(
            "/api/v1/applications.csv?{}",
            application_filters(query, false)
        ),
        token,
    )
    .await
}

/// Admins: the pipeline.
pub async fn pipeline(token: &str) -> Result<PipelineResponse, ApiError> {
    send(
        Method::GET,
        "/api/v1/applications/pipeline",
        Some(token),
        NO_BODY,
    )
    .await
}

/// Admins: one application.
pub async fn get_application(
    token: &str,
    id: ApplicationId,
) -> Result<ApplicationResponse, ApiError> {
    send(
        Method::GET,
        &format!("/api/v1/applications/{id}"),
        Some(token),
        NO_BODY,
    )
    .await
}

/// Admins: someone's portfolio.
pub async fn user_portfolio(token: &str, user: UserId) -> Result<PortfolioResponse, ApiError> {
    send(
        Method::GET,
        &format!("/api/v1/users/{user}/portfolio"),
        Some(token),
        NO_BODY,
    )
    .await
}

/// Admins: verify a membership or vet an RSC provider.
pub async fn verify_entry(
    token: &str,
    user: UserId,
    entry: &PortfolioEntry,
) -> Result<PortfolioEntry, ApiError> {
    let path = format!(
        "/api/v1/users/{user}/portfolio/{}/{}/verify",
        entry.data.section(),
        entry.id
    );
    send_versioned(
        Method::POST,
        &path,
        Some(token),
        Some(entry.version),
        NO_BODY,
    )
    .await
}

/// Percent-encodes a query value the way `encodeURIComponent` does.
pub(crate) fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(char::from(byte))
            }
            other => out.push_str(&format!("%{other:02X}")),
        }
    }
    out
}

/// The signed-in applicant's reference requests.
pub async fn references(token: &str) -> Result<Vec<ReferenceView>, ApiError> {
    send(Method::GET, "/api/v1/references", Some(token), NO_BODY).await
}

/// Asks a referee for a rating.
pub async fn request_reference(
    token: &str,
    request: &ReferenceRequestInput,
) -> Result<ReferenceView, ApiError> {
    send(
        Method::POST,
        "/api/v1/references",
        Some(token),
        Some(request),
    )
    .await
}

/// Re-sends a request with a new link, to a corrected address when given.
pub async fn resend_reference(
    token: &str,
    id: EntryId,
    referee_email: Option<String>,
) -> Result<ReferenceView, ApiError> {
    let path = format!("/api/v1/references/{id}/resend");
    let body = ResendRequest { referee_email };
    send(Method::POST, &path, Some(token), Some(&body)).await
}

/// Cancels a request.
pub async fn cancel_reference(token: &str, id: EntryId) -> Result<ReferenceView, ApiError> {
    let path = format!("/api/v1/references/{id}/cancel");
    send(Method::POST, &path, Some(token), NO_BODY).await
}

/// Replaces a referee.
pub async fn replace_reference(
    token: &str,
    id: EntryId,
    request: &ReferenceRequestInput,
) -> Result<ReferenceView, ApiError> {
    let path = format!("/api/v1/references/{id}/replace");
    send(Method::POST, &path, Some(token), Some(request)).await
}

/// Admins: someone's references, with answers and signals.
pub async fn user_references(
    token: &str,
    user: UserId,
) -> Result<Vec<ReviewedReference>, ApiError> {
    let path = format!("/api/v1/users/{user}/references");
    send(Method::GET, &path, Some(token), NO_BODY).await
}

/// The referee's side: what the link asks.
pub async fn invitation(link: &str) -> Result<RefereeInvitation, ApiError> {
    let path = format!("/api/v1/referee/{}", encode(link));
    send(Method::GET, &path, None, NO_BODY).await
}

/// The referee's side: keeps the draft.
pub async fn save_rating_draft(link: &str, draft: &RatingDraft) -> Result<(), ApiError> {
    let path = format!("/api/v1/referee/{}/draft", encode(link));
    send(Method::PUT, &path, None, Some(draft)).await
}

/// The referee's side: the language of the page and of their mail.
pub async fn referee_language(link: &str, language: Lang) -> Result<(), ApiError> {
    let path = format!("/api/v1/referee/{}/language", encode(link));
    let body = endorse_shared::references::RefereeLanguage { language };
    send(Method::PUT, &path, None, Some(&body)).await
}

/// The referee's side: submits the rating. `signed_in` is the session this
/// browser holds, if any: the server flags an answer sent with the
/// applicant's own session.
pub async fn submit_rating(
    link: &str,
    answer: &RatingAnswer,
    signed_in: Option<&str>,
) -> Result<RefereeDone, ApiError> {
    let path = format!("/api/v1/referee/{}/rating", encode(link));
    send(Method::POST, &path, signed_in, Some(answer)).await
}

/// The referee's side: declines (`signed_in` as for [`submit_rating`]).
pub async fn decline_reference(
    link: &str,
    request: &DeclineRequest,
    signed_in: Option<&str>,
) -> Result<RefereeDone, ApiError> {
    let path = format!("/api/v1/referee/{}/decline", encode(link));
    send(Method::POST, &path, signed_in, Some(request)).await
}

/// Admins: a page of the outbox.
pub async fn outbox(token: &str, query: &OutboxQuery) -> Result<OutboxPage, ApiError> {
    let mut params = Vec::new();
    if let Some(status) = query.status {
        params.push(format!("status={}", status.as_str()));
    }
    params.push(format!("page={}", query.page()));
    let path = format!("/api/v1/outbox?{}", params.join("&"));
    send(Method::GET, &path, Some(token), NO_BODY).await
}

/// Admins: one message.
pub async fn outbox_message(token: &str, id: uuid::Uuid) -> Result<MailMessage, ApiError> {
    let path = format!("/api/v1/outbox/{id}");
    send(Method::GET, &path, Some(token), NO_BODY).await
}

/// Admins: queue a failed message again.
pub async fn retry_message(token: &str, id: uuid::Uuid) -> Result<MailSummary, ApiError> {
    let path = format!("/api/v1/outbox/{id}/retry");
    send(Method::POST, &path, Some(token), NO_BODY).await
}

/// Admins: moves an application along the process.
pub async fn transition_application(
    token: &str,
    id: ApplicationId,
    request: &TransitionRequest,
) -> Result<ApplicationResponse, ApiError> {
    let path = format!("/api/v1/applications/{id}/transitions");
    send(Method::POST, &path, Some(token), Some(request)).await
}

/// Admins: an application's audit log.
pub async fn application_audit(
    token: &str,
    id: ApplicationId,
) -> Result<Vec<AuditEvent>, ApiError> {
    let path = format!("/api/v1/applications/{id}/audit");
    send(Method::GET, &path, Some(token), NO_BODY).await
}

/// Admins: the audit log as CSV text.
pub async fn application_audit_csv(token: &str, id: ApplicationId) -> Result<String, ApiError> {
    get_text(&format!("/api/v1/applications/{id}/audit.csv"), token).await
}

/// The audit trail's filters as a query string (`before` and `limit` only
/// for a page).
fn trail_filters(query: &endorse_shared::trail::TrailQuery, paged: bool) -> String {
    let mut params = Vec::new();
    let mut text = |name: &str, value: &Option<String>| {
        if let Some(value) = value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
            params.push(format!("{name}={}", encode(value)));
        }
    };
    text("actor", &query.actor);
    text("subject", &query.subject);
    text("action", &query.action);
    if paged {
        text("before", &query.before);
    }
    if let Some(kind) = query.kind {
        params.push(format!("kind={}", kind.as_str()));
    }
    if let Some(from) = query.from {
        params.push(format!("from={from}"));
    }
    if let Some(to) = query.to {
        params.push(format!("to={to}"));
    }
    if paged {
        if let Some(limit) = query.limit {
            params.push(format!("limit={limit}"));
        }
    }
    params.join("&")
}

/// Admins: a page of the audit trail.
pub async fn audit_trail(
    token: &str,
    query: &endorse_shared::trail::TrailQuery,
) -> Result<endorse_shared::trail::TrailPage, ApiError> {
    let path = format!("/api/v1/audit?{}", trail_filters(query, true));
    send(Method::GET, &path, Some(token), NO_BODY).await
}

/// Admins: every event the filters match, as CSV.
pub async fn audit_trail_csv(
    token: &str,
    query: &endorse_shared::trail::TrailQuery,
) -> Result<String, ApiError> {
    get_text(
        &format!("/api/v1/audit.csv?{}", trail_filters(query, false)),
        token,
    )
    .await
}

/// A text (not JSON) answer, such as a CSV export.
async fn get_text(path: &str, token: &str) -> Result<String, ApiError> {
    exchange(Method::GET, path, Some(token), None, "text/csv", NO_BODY).await
}

/// Admins: a reviewer's profile.
pub async fn reviewer_profile(
    token: &str,
    user: UserId,
) -> Result<ReviewerProfileResponse, ApiError> {
    let path = format!("/api/v1/users/{user}/reviewer-profile");
    send(Method::GET, &path, Some(token), NO_BODY).await
}

/// Admins: saves a reviewer's profile.
pub async fn save_reviewer_profile(
    token: &str,
    user: UserId,
    version: i64,
    profile: &ReviewerProfile,
) -> Result<ReviewerProfileResponse, ApiError> {
    let path = format!("/api/v1/users/{user}/reviewer-profile");
    send_versioned(
        Method::PUT,
        &path,
        Some(token),
        Some(version),
        Some(profile),
    )
    .await
}

// ---------------------------------------------------------------------------
// Peer review

/// Admins: an application's review (assignments, candidates, reviews).
pub async fn application_review(
    token: &str,
    id: ApplicationId,
) -> Result<ApplicationReview, ApiError> {
    let path = format!("/api/v1/applications/{id}/review");
    send(Method::GET, &path, Some(token), NO_BODY).await
}

/// Admins: assigns a reviewer (an override reason where something stands in the way).
pub async fn assign_reviewer(
    token: &str,
    id: ApplicationId,
    request: &AssignRequest,
) -> Result<ApplicationReview, ApiError> {
    let path = format!("/api/v1/applications/{id}/assignments");
    send(Method::POST, &path, Some(token), Some(request)).await
}

/// Admins: assigns Endorse's proposal.
pub async fn assign_proposed(
    token: &str,
    id: ApplicationId,
) -> Result<ApplicationReview, ApiError> {
    let path = format!("/api/v1/applications/{id}/assignments/proposed");
    send(Method::POST, &path, Some(token), NO_BODY).await
}

/// Admins: releases a reviewer.
pub async fn release_assignment(
    token: &str,
    id: AssignmentId,
    request: &ReasonRequest,
) -> Result<ApplicationReview, ApiError> {
    let path = format!("/api/v1/assignments/{id}/release");
    send(Method::POST, &path, Some(token), Some(request)).await
}

/// Reviewers: their assignments.
pub async fn my_reviews(token: &str) -> Result<Vec<MyAssignment>, ApiError> {
    send(Method::GET, "/api/v1/reviews", Some(token), NO_BODY).await
}

/// Reviewers: one assignment's packet.
pub async fn review_packet(token: &str, id: AssignmentId) -> Result<ReviewPacket, ApiError> {
    let path = format!("/api/v1/reviews/{id}");
    send(Method::GET, &path, Some(token), NO_BODY).await
}

/// Reviewers: saves the draft review loaded at `version`; the new version.
pub async fn save_review(
    token: &str,
    id: AssignmentId,
    version: i64,
    form: &ReviewForm,
) -> Result<i64, ApiError> {
    #[derive(serde::Deserialize)]
    struct Saved {
        version: i64,
    }
    let path = format!("/api/v1/reviews/{id}");
    let saved: Saved =
        send_versioned(Method::PUT, &path, Some(token), Some(version), Some(form)).await?;
    Ok(saved.version)
}

/// Reviewers: submits the review.
pub async fn submit_review(
    token: &str,
    id: AssignmentId,
    version: i64,
    form: &ReviewForm,
) -> Result<ReviewPacket, ApiError> {
    let path = format!("/api/v1/reviews/{id}/submit");
    send_versioned(Method::POST, &path, Some(token), Some(version), Some(form)).await
}

/// Reviewers: asks the applicant about entries.
pub async fn request_information(
    token: &str,
    id: AssignmentId,
    request: &InformationRequest,
) -> Result<ReviewPacket, ApiError> {
    let path = format!("/api/v1/reviews/{id}/information-requests");
    send(Method::POST, &path, Some(token), Some(request)).await
}

/// Reviewers: declares a conflict of interest (and is released).
pub async fn declare_conflict(
    token: &str,
    id: AssignmentId,
    request: &ReasonRequest,
) -> Result<(), ApiError> {
    let path = format!("/api/v1/reviews/{id}/conflict");
    send(Method::POST, &path, Some(token), Some(request)).await
}

/// Applicants: answers the open requests for information.
pub async fn answer_information(
    token: &str,
    id: ApplicationId,
    request: &AnswerRequest,
) -> Result<ApplicationResponse, ApiError> {
    let path = format!("/api/v1/me/applications/{id}/answer");
    send(Method::POST, &path, Some(token), Some(request)).await
}

// ---------------------------------------------------------------------------
// The exam

/// Admins: the exam of an application.
pub async fn exam(token: &str, id: ApplicationId) -> Result<ExamView, ApiError> {
    let path = format!("/api/v1/applications/{id}/exam");
    send(Method::GET, &path, Some(token), NO_BODY).await
}

/// Admins: schedules the exam.
pub async fn schedule_exam(
    token: &str,
    id: ApplicationId,
    request: &ScheduleExamRequest,
) -> Result<ExamView, ApiError> {
    let path = format!("/api/v1/applications/{id}/exam");
    send(Method::POST, &path, Some(token), Some(request)).await
}

/// Admins: records Part 1.
pub async fn record_part1(
    token: &str,
    id: ApplicationId,
    request: &Part1Request,
) -> Result<ExamView, ApiError> {
    let path = format!("/api/v1/applications/{id}/exam/part1");
    send(Method::POST, &path, Some(token), Some(request)).await
}

/// Admins: adds a scorer.
pub async fn add_scorer(
    token: &str,
    id: ApplicationId,
    request: &AssignRequest,
) -> Result<ExamView, ApiError> {
    let path = format!("/api/v1/applications/{id}/exam/scorers");
    send(Method::POST, &path, Some(token), Some(request)).await
}

/// Admins: records the result that follows from both parts.
pub async fn record_exam_result(token: &str, id: ApplicationId) -> Result<ExamView, ApiError> {
    let path = format!("/api/v1/applications/{id}/exam/result");
    send(Method::POST, &path, Some(token), NO_BODY).await
}

/// Applicants: their exam.
pub async fn my_exam(token: &str, id: ApplicationId) -> Result<ExamView, ApiError> {
    let path = format!("/api/v1/me/applications/{id}/exam");
    send(Method::GET, &path, Some(token), NO_BODY).await
}

/// Applicants: asks for accommodations.
pub async fn request_accommodations(
    token: &str,
    id: ApplicationId,
    request: &AccommodationsRequest,
) -> Result<ExamView, ApiError> {
    let path = format!("/api/v1/me/applications/{id}/exam/accommodations");
    send(Method::PUT, &path, Some(token), Some(request)).await
}

/// Applicants: saves (or, with `submit`, hands in) Part 2's answers.
pub async fn write_answers(
    token: &str,
    id: ApplicationId,
    version: i64,
    answers: &VignetteAnswers,
    submit: bool,
) -> Result<ExamView, ApiError> {
    let (method, path) = if submit {
        (
            Method::POST,
            format!("/api/v1/me/applications/{id}/exam/answers/submit"),
        )
    } else {
        (
            Method::PUT,
            format!("/api/v1/me/applications/{id}/exam/answers"),
        )
    };
    send_versioned(method, &path, Some(token), Some(version), Some(answers)).await
}

/// Reviewers: the exams they score.
pub async fn my_scoring(token: &str) -> Result<Vec<ScoringSummary>, ApiError> {
    send(Method::GET, "/api/v1/exam-scoring", Some(token), NO_BODY).await
}

/// Reviewers: one exam to score.
pub async fn scoring_packet(token: &str, id: AssignmentId) -> Result<ScoringPacket, ApiError> {
    let path = format!("/api/v1/exam-scoring/{id}");
    send(Method::GET, &path, Some(token), NO_BODY).await
}

/// Reviewers: saves (or, with `submit`, submits) marks.
pub async fn write_marks(
    token: &str,
    id: AssignmentId,
    version: i64,
    marks: &VignetteScores,
    submit: bool,
) -> Result<ScoringPacket, ApiError> {
    let (method, path) = if submit {
        (Method::POST, format!("/api/v1/exam-scoring/{id}/submit"))
    } else {
        (Method::PUT, format!("/api/v1/exam-scoring/{id}"))
    };
    send_versioned(method, &path, Some(token), Some(version), Some(marks)).await
}

/// A document's bytes, type and file name (as the server names it for the caller).
pub async fn document(
    token: &str,
    id: endorse_shared::DocumentId,
) -> Result<(Vec<u8>, String, String), ApiError> {
    file(
        token,
        &format!("/api/v1/documents/{id}"),
        &format!("document-{id}"),
    )
    .await
}

/// Everything Endorse holds about the person, as one ZIP.
pub async fn my_data(token: &str) -> Result<(Vec<u8>, String, String), ApiError> {
    file(token, "/api/v1/me/data", "endorse-data.zip").await
}

/// A file's bytes, type and name (from its Content-Disposition, else
/// `fallback`).
async fn file(
    token: &str,
    path: &str,
    fallback: &str,
) -> Result<(Vec<u8>, String, String), ApiError> {
    let response = RequestBuilder::new(&url(path))
        .header("authorization", &format!("Bearer {token}"))
        .send()
        .await
        .map_err(|error| ApiError::Network(error.to_string()))?;
    let status = response.status();
    if !(200..300).contains(&status) {
        let text = response.text().await.unwrap_or_default();
        return Err(match serde_json::from_str::<Problem>(&text) {
            Ok(problem) => ApiError::Problem(problem),
            Err(_) => ApiError::Unexpected(format!("HTTP {status}")),
        });
    }
    let mime = response
        .headers()
        .get("content-type")
        .unwrap_or_else(|| "application/octet-stream".into());
    let name = response
        .headers()
        .get("content-disposition")
        .and_then(|value| {
            value
                .split("filename=\"")
                .nth(1)
                .and_then(|rest| rest.split('"').next())
                .map(str::to_string)
        })
        .unwrap_or_else(|| fallback.to_string());
    let bytes = response
        .binary()
        .await
        .map_err(|error| ApiError::Network(error.to_string()))?;
    Ok((bytes, mime, name))
}

// ---------------------------------------------------------------------------
// Endorsements and the registry

/// An endorsement's signed credential (its holder, or an admin).
pub async fn credential(token: &str, number: &str) -> Result<CredentialDownload, ApiError> {
    let path = format!("/api/v1/endorsements/{}/credential", urlencoding(number));
    send(Method::GET, &path, Some(token), NO_BODY).await
}

/// An endorsement's certificate, a PDF (its holder, or an admin).
pub async fn certificate(token: &str, number: &str) -> Result<(Vec<u8>, String, String), ApiError> {
    let path = format!("/api/v1/endorsements/{}/certificate", urlencoding(number));
    file(token, &path, &format!("{number}.pdf")).await
}

/// Anyone: the credential of an endorsement, by number (and the code of its
/// certificate, when the holder is not listed).
pub async fn public_credential(
    number: &str,
    code: Option<&str>,
) -> Result<PublicCredential, ApiError> {
    let mut path = format!("/api/v1/credentials/{}", urlencoding(number));
    if let Some(code) = code {
        path.push_str(&format!("?code={}", urlencoding(code)));
    }
    send(Method::GET, &path, None, NO_BODY).await
}

/// What the verify page needs of the issuer: its identifier and address.
#[derive(Clone, Debug, PartialEq, serde::Deserialize)]
pub struct IssuerProfile {
    /// The issuer's identifier (credentials' `iss`).
    pub id: String,
    /// Its public address: every list it publishes is under it.
    pub url: String,
    /// The association's name.
    pub name: String,
}

/// Anyone: the issuer's profile.
pub async fn issuer() -> Result<IssuerProfile, ApiError> {
    send(Method::GET, "/api/v1/issuer", None, NO_BODY).await
}

/// Anyone: the association this address serves (its name, colours, logo).
pub async fn association() -> Result<endorse_shared::associations::AssociationProfile, ApiError> {
    send(Method::GET, "/api/v1/association", None, NO_BODY).await
}

/// Anyone: the issuer's published keys.
pub async fn jwks() -> Result<endorse_shared::credential::JwkSet, ApiError> {
    send(Method::GET, "/.well-known/jwks.json", None, NO_BODY).await
}

/// Anyone: a status list (a VC-JWT), by its path on this server.
pub async fn status_list(path: &str) -> Result<String, ApiError> {
    exchange(Method::GET, path, None, None, "application/vc+jwt", NO_BODY).await
}

/// The caller's renewal: what it covers and how the portfolio stands.
pub async fn my_renewal(
    token: &str,
    provides_rsc: Option<bool>,
) -> Result<RenewalOverview, ApiError> {
    let path = match provides_rsc {
        Some(yes) => format!("/api/v1/me/renewal?provides_rsc={yes}"),
        None => "/api/v1/me/renewal".into(),
    };
    send(Method::GET, &path, Some(token), NO_BODY).await
}

/// Submits the caller's renewal (or reinstatement).
pub async fn submit_renewal(token: &str, provides_rsc: bool) -> Result<RenewalRecord, ApiError> {
    send(
        Method::POST,
        "/api/v1/me/renewal",
        Some(token),
        Some(&SubmitRenewalRequest { provides_rsc }),
    )
    .await
}

/// Admins: renewals waiting for a decision.
pub async fn waiting_renewals(token: &str) -> Result<Vec<RenewalRecord>, ApiError> {
    send(Method::GET, "/api/v1/renewals", Some(token), NO_BODY).await
}

/// Admins: approve or return a renewal loaded at `version`.
pub async fn decide_renewal(
    token: &str,
    id: uuid::Uuid,
    version: i64,
    decision: &RenewalDecisionRequest,
) -> Result<RenewalRecord, ApiError> {
    send_versioned(
        Method::POST,
        &format!("/api/v1/renewals/{id}/decision"),
        Some(token),
        Some(version),
        Some(decision),
    )
    .await
}

/// The caller's endorsements.
pub async fn my_endorsements(token: &str) -> Result<Vec<EndorsementView>, ApiError> {
    send(Method::GET, "/api/v1/me/endorsements", Some(token), NO_BODY).await
}

/// The holder's choice to be listed, on the endorsement loaded at `version`.
pub async fn set_listing(
    token: &str,
    number: &str,
    version: i64,
    listed: bool,
) -> Result<EndorsementView, ApiError> {
    let path = format!("/api/v1/me/endorsements/{number}/listing");
    send_versioned(
        Method::PUT,
        &path,
        Some(token),
        Some(version),
        Some(&ListingRequest { listed }),
    )
    .await
}

/// Admins: the endorsement an application earned.
pub async fn application_endorsement(
    token: &str,
    id: ApplicationId,
) -> Result<EndorsementView, ApiError> {
    let path = format!("/api/v1/applications/{id}/endorsement");
    send(Method::GET, &path, Some(token), NO_BODY).await
}

/// Admins: moves an endorsement to another status.
pub async fn set_endorsement_status(
    token: &str,
    number: &str,
    version: i64,
    request: &EndorsementStatusRequest,
) -> Result<EndorsementView, ApiError> {
    let path = format!("/api/v1/endorsements/{number}/status");
    send_versioned(
        Method::POST,
        &path,
        Some(token),
        Some(version),
        Some(request),
    )
    .await
}

/// Anyone: a page of the public registry.
pub async fn registry(query: &RegistryQuery) -> Result<RegistryPage, ApiError> {
    let mut params = Vec::new();
    if let Some(q) = query.q.as_deref().filter(|q| !q.trim().is_empty()) {
        params.push(format!("q={}", urlencoding(q.trim())));
    }
    if let Some(category) = query.category.as_deref().filter(|c| !c.is_empty()) {
        params.push(format!("category={}", urlencoding(category)));
    }
    params.push(format!("page={}", query.page()));
    send(
        Method::GET,
        &format!("/api/v1/registry?{}", params.join("&")),
        None,
        NO_BODY,
    )
    .await
}

fn urlencoding(text: &str) -> String {
    js_sys::encode_uri_component(text).into()
}

/// Holders: ask this association to recognise another's endorsement.
pub async fn ask_recognition(
    token: &str,
    request: &endorse_shared::recognitions::RecognitionRequest,
) -> Result<endorse_shared::recognitions::RecognitionView, ApiError> {
    send(
        Method::POST,
        "/api/v1/me/recognitions",
        Some(token),
        Some(request),
    )
    .await
}

/// Holders: their requests for recognition.
pub async fn my_recognitions(
    token: &str,
) -> Result<Vec<endorse_shared::recognitions::RecognitionView>, ApiError> {
    send(Method::GET, "/api/v1/me/recognitions", Some(token), NO_BODY).await
}

/// Admins: requests for recognition.
pub async fn recognitions(
    token: &str,
) -> Result<Vec<endorse_shared::recognitions::RecognitionView>, ApiError> {
    send(Method::GET, "/api/v1/recognitions", Some(token), NO_BODY).await
}

/// Admins: decide a request for recognition loaded at `version`.
pub async fn decide_recognition(
    token: &str,
    id: &str,
    version: i64,
    decision: &endorse_shared::recognitions::RecognitionDecision,
) -> Result<endorse_shared::recognitions::RecognitionView, ApiError> {
    send_versioned(
        Method::POST,
        &format!("/api/v1/recognitions/{id}/decision"),
        Some(token),
        Some(version),
        Some(decision),
    )
    .await
}

/// Admins: the association's settings.
pub async fn association_settings(
    token: &str,
) -> Result<endorse_shared::associations::AssociationSettings, ApiError> {
    send(
        Method::GET,
        "/api/v1/association/settings",
        Some(token),
        NO_BODY,
    )
    .await
}

/// Admins: change the association's settings loaded at `version`.
pub async fn save_association_settings(
    token: &str,
    version: i64,
    change: &endorse_shared::associations::AssociationSettingsRequest,
) -> Result<endorse_shared::associations::AssociationSettings, ApiError> {
    send_versioned(
        Method::PUT,
        "/api/v1/association/settings",
        Some(token),
        Some(version),
        Some(change),
    )
    .await
}

/// Platform operators: sign in (the deployment's own API, under `/platform`).
pub async fn operator_login(
    request: &endorse_shared::associations::OperatorLoginRequest,
) -> Result<endorse_shared::associations::OperatorSession, ApiError> {
    send(
        Method::POST,
        "/platform/api/v1/auth/login",
        None,
        Some(request),
    )
    .await
}

/// Platform operators: every association and its health.
pub async fn platform_associations(
    token: &str,
) -> Result<Vec<endorse_shared::associations::AssociationHealth>, ApiError> {
    send(
        Method::GET,
        "/platform/api/v1/associations",
        Some(token),
        NO_BODY,
    )
    .await
}

/// Platform operators: make an association and its first admin.
pub async fn create_association(
    token: &str,
    request: &endorse_shared::associations::CreateAssociationRequest,
) -> Result<endorse_shared::associations::CreatedAssociation, ApiError> {
    send(
        Method::POST,
        "/platform/api/v1/associations",
        Some(token),
        Some(request),
    )
    .await
}

/// Anyone: the search across every association's registry that takes part.
pub async fn registry_everywhere(
    query: &endorse_shared::endorsements::SharedRegistryQuery,
) -> Result<endorse_shared::endorsements::SharedRegistryPage, ApiError> {
    let mut params = Vec::new();
    if let Some(q) = query.q.as_deref().filter(|q| !q.trim().is_empty()) {
        params.push(format!("q={}", urlencoding(q.trim())));
    }
    if let Some(category) = query.category.as_deref().filter(|c| !c.is_empty()) {
        params.push(format!("category={}", urlencoding(category)));
    }
    if let Some(code) = query.association.as_deref().filter(|c| !c.is_empty()) {
        params.push(format!("association={}", urlencoding(code)));
    }
    params.push(format!("page={}", query.page()));
    send(
        Method::GET,
        &format!("/api/v1/registry/everywhere?{}", params.join("&")),
        None,
        NO_BODY,
    )
    .await
}

// ---------------------------------------------------------------------------
// Fees and payments

/// What one owes and paid.
pub async fn my_fees(token: &str) -> Result<FeesResponse, ApiError> {
    send(Method::GET, "/api/v1/me/fees", Some(token), NO_BODY).await
}

/// Where to pay one of one's fees online (Stripe Checkout).
pub async fn checkout(token: &str, fee: &FeeKey) -> Result<CheckoutResponse, ApiError> {
    let body = CheckoutRequest { fee: fee.clone() };
    send(
        Method::POST,
        "/api/v1/me/fees/checkout",
        Some(token),
        Some(&body),
    )
    .await
}

/// Admins: what a person owes and paid.
pub async fn person_fees(token: &str, user: UserId) -> Result<FeesResponse, ApiError> {
    let path = format!("/api/v1/users/{user}/fees");
    send(Method::GET, &path, Some(token), NO_BODY).await
}

/// Admins: records a payment made outside Endorse.
pub async fn record_payment(
    token: &str,
    user: UserId,
    request: &RecordPaymentRequest,
) -> Result<FeeLine, ApiError> {
    let path = format!("/api/v1/users/{user}/payments");
    send(Method::POST, &path, Some(token), Some(request)).await
}

/// Admins: waives a fee, with the reason.
pub async fn waive_fee(
    token: &str,
    user: UserId,
    request: &WaiveFeeRequest,
) -> Result<FeeLine, ApiError> {
    let path = format!("/api/v1/users/{user}/waivers");
    send(Method::POST, &path, Some(token), Some(request)).await
}

fn payment_filters(query: &PaymentsQuery, paged: bool) -> String {
    let mut params = Vec::new();
    if let Some(from) = query.from {
        params.push(format!("from={from}"));
    }
    if let Some(to) = query.to {
        params.push(format!("to={to}"));
    }
    if let Some(kind) = query.kind {
        params.push(format!("kind={}", kind.as_str()));
    }
    if paged {
        if let Some(before) = query.before.as_deref().filter(|b| !b.is_empty()) {
            params.push(format!("before={}", urlencoding(before)));
        }
        if let Some(limit) = query.limit {
            params.push(format!("limit={limit}"));
        }
    }
    params.join("&")
}

/// Admins: the payments page (totals and a page of payments).
pub async fn payments(token: &str, query: &PaymentsQuery) -> Result<PaymentsPage, ApiError> {
    let path = format!("/api/v1/payments?{}", payment_filters(query, true));
    send(Method::GET, &path, Some(token), NO_BODY).await
}

/// Admins: every payment the filters match, as CSV.
pub async fn payments_csv(token: &str, query: &PaymentsQuery) -> Result<String, ApiError> {
    get_text(
        &format!("/api/v1/payments.csv?{}", payment_filters(query, false)),
        token,
    )
    .await
}

/// A payment's receipt, a PDF (its payer, or an admin).
pub async fn receipt(
    token: &str,
    payment: endorse_shared::ids::PaymentId,
) -> Result<(Vec<u8>, String, String), ApiError> {
    let path = format!("/api/v1/payments/{payment}/receipt");
    file(token, &path, &format!("receipt-{payment}.pdf")).await
}

/// Admins: the imports, newest first.
pub async fn imports(token: &str) -> Result<endorse_shared::imports::ImportList, ApiError> {
    send(Method::GET, "/api/v1/imports", Some(token), NO_BODY).await
}

/// Admins: one import.
pub async fn import(
    token: &str,
    id: &str,
) -> Result<endorse_shared::imports::ImportView, ApiError> {
    let path = format!("/api/v1/imports/{}", encode(id));
    send(Method::GET, &path, Some(token), NO_BODY).await
}

/// Admins: a page of an import's rows, after `after` (a line), of one
/// outcome or all.
pub async fn import_rows(
    token: &str,
    id: &str,
    outcome: Option<endorse_shared::imports::RowOutcome>,
    after: Option<u32>,
) -> Result<endorse_shared::imports::ImportRowsPage, ApiError> {
    let mut path = format!("/api/v1/imports/{}/rows?limit=100", encode(id));
    if let Some(outcome) = outcome {
        path.push_str(&format!("&outcome={}", outcome.as_str()));
    }
    if let Some(after) = after {
        path.push_str(&format!("&after={after}"));
    }
    send(Method::GET, &path, Some(token), NO_BODY).await
}

/// Admins: writes a checked import.
pub async fn confirm_import(
    token: &str,
    id: &str,
) -> Result<endorse_shared::imports::ImportView, ApiError> {
    let path = format!("/api/v1/imports/{}/confirm", encode(id));
    send(Method::POST, &path, Some(token), NO_BODY).await
}

/// Admins: sets a checked import aside.
pub async fn discard_import(
    token: &str,
    id: &str,
) -> Result<endorse_shared::imports::ImportView, ApiError> {
    let path = format!("/api/v1/imports/{}/discard", encode(id));
    send(Method::POST, &path, Some(token), NO_BODY).await
}

/// Admins: the template of a kind of file, as a download.
pub async fn import_template(
    token: &str,
    kind: endorse_shared::imports::ImportKind,
) -> Result<(Vec<u8>, String, String), ApiError> {
    let path = format!("/api/v1/imports/templates/{}", kind.as_str());
    file(
        token,
        &path,
        &format!("endorse-{}-template.csv", kind.as_str()),
    )
    .await
}
