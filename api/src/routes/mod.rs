//! The HTTP surface: handlers grouped by resource, and how they are mounted.
//!
//! Handlers parse, authorize (through their extractors), call the database layer
//! and map to `shared` types; nothing else.

pub mod applications;
pub mod association;
pub mod audit;
pub mod auth;
pub mod credentials;
pub mod documents;
pub mod email;
pub mod endorsements;
pub mod erasure;
pub mod exam;
pub mod export;
pub mod fees;
pub mod health;
pub mod imports;
pub mod me;
pub mod mfa;
pub mod outbox;
pub mod payments;
pub mod platform;
pub mod portfolio;
pub mod recognitions;
pub mod recovery;
pub mod references;
pub mod renewals;
pub mod review;
pub mod reviewers;
pub mod rulebooks;
pub mod users;

use crate::error::ApiError;
use actix_web::web;
use endorse_shared::i18n::Text;

/// Mounts every API route under `/api/v1`, and the problem-JSON 404 for any
/// other `/api` path.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::scope("/api/v1")
            .route("/auth/register", web::post().to(auth::register))
            .route("/auth/login", web::post().to(auth::login))
            .route("/auth/refresh", web::post().to(auth::refresh))
            .route("/auth/logout", web::post().to(auth::logout))
            .route(
                "/auth/password-reset",
                web::post().to(recovery::request_password_reset),
            )
            .route(
                "/auth/password-reset/confirm",
                web::post().to(recovery::confirm_password_reset),
            )
            .route("/auth/email/confirm", web::post().to(email::confirm_email))
            .route("/association", web::get().to(association::get_association))
            .route(
                "/association/settings",
                web::get().to(association::get_settings),
            )
            .route(
                "/association/settings",
                web::put().to(association::put_settings),
            )
            .route(
                "/association/support-grants",
                web::get().to(association::list_support_grants),
            )
            .route(
                "/association/support-grants",
                web::post().to(association::create_support_grant),
            )
            .route(
                "/association/support-grants/{id}/revoke",
                web::post().to(association::revoke_support_grant),
            )
            .route(
                "/association/events",
                web::get().to(association::list_events),
            )
            .route("/association/work", web::get().to(association::get_work))
            .route("/audit", web::get().to(audit::get_trail))
            .route("/audit.csv", web::get().to(audit::get_trail_csv))
            .route("/me", web::get().to(me::get_me))
            .route("/me", web::patch().to(me::update_me))
            .route("/me/data", web::get().to(export::download_my_data))
            .route("/me/fees", web::get().to(fees::my_fees))
            .route("/me/fees/checkout", web::post().to(fees::checkout))
            .route("/users/{id}/fees", web::get().to(fees::person_fees))
            .route("/users/{id}/payments", web::post().to(fees::record_payment))
            .route("/users/{id}/waivers", web::post().to(fees::waive_fee))
            .route("/imports", web::get().to(imports::list_imports))
            .route("/imports", web::post().to(imports::check_import))
            .route(
                "/imports/templates/{kind}",
                web::get().to(imports::import_template),
            )
            .route("/imports/{id}", web::get().to(imports::get_import))
            .route("/imports/{id}/rows", web::get().to(imports::import_rows))
            .route(
                "/imports/{id}/confirm",
                web::post().to(imports::confirm_import),
            )
            .route(
                "/imports/{id}/discard",
                web::post().to(imports::discard_import),
            )
            .route("/payments", web::get().to(payments::list_payments))
            .route("/payments.csv", web::get().to(payments::payments_csv))
            .route("/payments/stripe", web::post().to(payments::stripe_webhook))
            .route("/payments/{id}/receipt", web::get().to(payments::receipt))
            .route("/me/mfa", web::get().to(mfa::get_mfa))
            .route("/me/mfa", web::post().to(mfa::enable_mfa))
            .route("/me/mfa", web::delete().to(mfa::disable_mfa))
            .route("/me/mfa/setup", web::post().to(mfa::setup_mfa))
            .route(
                "/me/mfa/recovery-codes",
                web::post().to(mfa::renew_recovery_codes),
            )
            .route("/users/{id}/mfa/reset", web::post().to(mfa::reset_mfa))
            .route("/users/{id}/erasure", web::get().to(erasure::get_erasure))
            .route("/users/{id}/erasure", web::post().to(erasure::erase_user))
            .route("/me/email", web::post().to(email::change_email))
            .route(
                "/me/email/confirmation",
                web::post().to(email::resend_confirmation),
            )
            .route("/me/password", web::post().to(me::change_password))
            .route("/me/language", web::put().to(me::choose_language))
            .route("/users", web::get().to(users::list_users))
            .route("/users", web::post().to(users::create_user))
            .route("/users/{id}", web::get().to(users::get_user))
            .route("/users/{id}", web::patch().to(users::update_user))
            .route("/users/{id}/disable", web::post().to(users::disable_user))
            .route("/users/{id}/enable", web::post().to(users::enable_user))
            .route(
                "/users/{id}/password-reset",
                web::post().to(users::send_password_reset),
            )
            .route(
                "/users/{id}/portfolio",
                web::get().to(portfolio::get_user_portfolio),
            )
            .route(
                "/users/{id}/portfolio/{section}/{entry}/verify",
                web::post().to(portfolio::verify_entry),
            )
            .route(
                "/users/{id}/reviewer-profile",
                web::get().to(reviewers::get_reviewer_profile),
            )
            .route(
                "/users/{id}/reviewer-profile",
                web::put().to(reviewers::put_reviewer_profile),
            )
            .route(
                "/users/{id}/references",
                web::get().to(references::admin::get_user_references),
            )
            .route(
                "/references",
                web::get().to(references::applicant::list_references),
            )
            .route(
                "/references",
                web::post().to(references::applicant::create_reference),
            )
            .route(
                "/references/{id}/link",
                web::get().to(references::admin::get_reference_link),
            )
            .route(
                "/references/{id}/resend",
                web::post().to(references::applicant::resend_reference),
            )
            .route(
                "/references/{id}/cancel",
                web::post().to(references::applicant::cancel_reference),
            )
            .route(
                "/references/{id}/replace",
                web::post().to(references::applicant::replace_reference),
            )
            .route(
                "/referee/{token}",
                web::get().to(references::referee::get_invitation),
            )
            .route(
                "/referee/{token}/draft",
                web::put().to(references::referee::save_draft),
            )
            .route(
                "/referee/{token}/language",
                web::put().to(references::referee::choose_language),
            )
            .route(
                "/referee/{token}/rating",
                web::post().to(references::referee::submit_rating),
            )
            .route(
                "/referee/{token}/decline",
                web::post().to(references::referee::decline),
            )
            .route("/outbox", web::get().to(outbox::list_outbox))
            .route("/outbox/{id}", web::get().to(outbox::get_message))
            .route("/outbox/{id}/retry", web::post().to(outbox::retry_message))
            .route("/rulebooks", web::get().to(rulebooks::list_rulebooks))
            .route("/rulebooks", web::post().to(rulebooks::publish_rulebook))
            .route(
                "/rulebooks/current",
                web::get().to(rulebooks::get_current_rulebook),
            )
            .route(
                "/rulebooks/{number}",
                web::get().to(rulebooks::get_rulebook),
            )
            .route("/me/eligibility", web::get().to(portfolio::get_eligibility))
            .route("/me/documents", web::get().to(documents::list_my_documents))
            .route("/me/documents", web::post().to(documents::upload_document))
            .route(
                "/me/documents/{id}",
                web::delete().to(documents::delete_document),
            )
            .route(
                "/documents/{id}",
                web::get().to(documents::download_document),
            )
            .route(
                "/me/applications",
                web::get().to(applications::applicant::list_my_applications),
            )
            .route(
                "/me/applications",
                web::post().to(applications::applicant::start_application),
            )
            .route(
                "/me/applications/{id}",
                web::get().to(applications::applicant::get_my_application),
            )
            .route(
                "/me/applications/{id}/submit",
                web::post().to(applications::applicant::submit_application),
            )
            .route(
                "/me/applications/{id}/withdraw",
                web::post().to(applications::applicant::withdraw_application),
            )
            .route(
                "/applications",
                web::get().to(applications::admin::list_applications),
            )
            .route(
                "/applications/pipeline",
                web::get().to(applications::admin::get_pipeline),
            )
            .route(
                "/applications.csv",
                web::get().to(applications::admin::export_applications),
            )
            .route(
                "/applications/{id}",
                web::get().to(applications::admin::get_application),
            )
            .route(
                "/applications/{id}/rulebook-version",
                web::post().to(applications::admin::move_application_rulebook),
            )
            .route(
                "/applications/{id}/transitions",
                web::post().to(applications::admin::transition_application),
            )
            .route(
                "/applications/{id}/audit",
                web::get().to(applications::admin::get_audit),
            )
            .route(
                "/applications/{id}/audit.csv",
                web::get().to(applications::admin::get_audit_csv),
            )
            .route(
                "/me/applications/{id}/answer",
                web::post().to(review::applicant::answer_information),
            )
            .route(
                "/applications/{id}/review",
                web::get().to(review::admin::get_application_review),
            )
            .route(
                "/applications/{id}/assignments",
                web::post().to(review::admin::assign_reviewer),
            )
            .route(
                "/applications/{id}/assignments/proposed",
                web::post().to(review::admin::assign_proposed),
            )
            .route(
                "/assignments/{id}/release",
                web::post().to(review::admin::release_assignment),
            )
            .route("/reviews", web::get().to(review::reviewer::list_my_reviews))
            .route("/reviews/{id}", web::get().to(review::reviewer::get_review))
            .route(
                "/reviews/{id}",
                web::put().to(review::reviewer::save_review),
            )
            .route(
                "/reviews/{id}/submit",
                web::post().to(review::reviewer::submit_review),
            )
            .route(
                "/reviews/{id}/information-requests",
                web::post().to(review::reviewer::request_information),
            )
            .route(
                "/reviews/{id}/conflict",
                web::post().to(review::reviewer::declare_conflict),
            )
            .route(
                "/applications/{id}/exam",
                web::get().to(exam::admin::get_exam),
            )
            .route(
                "/applications/{id}/exam",
                web::post().to(exam::admin::schedule_exam),
            )
            .route(
                "/applications/{id}/exam/part1",
                web::post().to(exam::admin::record_part1),
            )
            .route(
                "/applications/{id}/exam/scorers",
                web::post().to(exam::admin::add_scorer),
            )
            .route(
                "/applications/{id}/exam/result",
                web::post().to(exam::admin::record_result),
            )
            .route(
                "/me/applications/{id}/exam",
                web::get().to(exam::applicant::get_my_exam),
            )
            .route(
                "/me/applications/{id}/exam/accommodations",
                web::put().to(exam::applicant::request_accommodations),
            )
            .route(
                "/me/applications/{id}/exam/answers",
                web::put().to(exam::applicant::save_answers),
            )
            .route(
                "/me/applications/{id}/exam/answers/submit",
                web::post().to(exam::applicant::submit_answers),
            )
            .route("/exam-scoring", web::get().to(exam::scorer::list_scoring))
            .route(
                "/exam-scoring/{id}",
                web::get().to(exam::scorer::get_scoring),
            )
            .route(
                "/exam-scoring/{id}",
                web::put().to(exam::scorer::save_marks),
            )
            .route(
                "/exam-scoring/{id}/submit",
                web::post().to(exam::scorer::submit_marks),
            )
            .route(
                "/me/endorsements",
                web::get().to(endorsements::my_endorsements),
            )
            .route(
                "/me/endorsements/{number}/listing",
                web::put().to(endorsements::set_listing),
            )
            .route(
                "/applications/{id}/endorsement",
                web::get().to(endorsements::application_endorsement),
            )
            .route(
                "/endorsements/{number}/status",
                web::post().to(endorsements::set_status),
            )
            .route("/registry", web::get().to(endorsements::registry))
            .route(
                "/registry/everywhere",
                web::get().to(endorsements::registry_everywhere),
            )
            .route("/me/renewal", web::get().to(renewals::my_renewal))
            .route("/me/renewal", web::post().to(renewals::submit))
            .route("/renewals", web::get().to(renewals::waiting))
            .route("/renewals/{id}/decision", web::post().to(renewals::decide))
            .route("/me/recognitions", web::get().to(recognitions::mine))
            .route("/me/recognitions", web::post().to(recognitions::ask))
            .route("/recognitions", web::get().to(recognitions::list))
            .route("/recognitions/{id}", web::get().to(recognitions::one))
            .route(
                "/recognitions/{id}/decision",
                web::post().to(recognitions::decide),
            )
            .route("/issuer", web::get().to(credentials::profile))
            .route("/issuer/keys", web::post().to(credentials::rotate_key))
            .route(
                "/issuer/achievements/{code}",
                web::get().to(credentials::achievement),
            )
            .route(
                "/status-lists/{purpose}",
                web::get().to(credentials::status_list),
            )
            .route(
                "/credentials/{number}",
                web::get().to(credentials::public_credential),
            )
            .route(
                "/endorsements/{number}/credential",
                web::get().to(credentials::credential),
            )
            .route(
                "/endorsements/{number}/certificate",
                web::get().to(credentials::certificate),
            )
            .route("/me/portfolio", web::get().to(portfolio::get_portfolio))
            .route(
                "/me/portfolio/rsc/batch",
                web::post().to(portfolio::create_rsc_batch),
            )
            .route(
                "/me/portfolio/{section}",
                web::get().to(portfolio::list_section),
            )
            .route(
                "/me/portfolio/{section}",
                web::post().to(portfolio::create_entry),
            )
            .route(
                "/me/portfolio/{section}/note",
                web::put().to(portfolio::put_note),
            )
            .route(
                "/me/portfolio/{section}/{id}",
                web::get().to(portfolio::get_entry),
            )
            .route(
                "/me/portfolio/{section}/{id}",
                web::put().to(portfolio::update_entry),
            )
            .route(
                "/me/portfolio/{section}/{id}",
                web::delete().to(portfolio::delete_entry),
            )
            .default_service(web::to(api_not_found)),
    );
    // The deployment's own: no association is resolved for these.
    cfg.service(
        web::scope("/platform/api/v1")
            .route("/auth/login", web::post().to(platform::login))
            .route("/associations", web::get().to(platform::list_associations))
            .route(
                "/associations",
                web::post().to(platform::create_association),
            )
            .route(
                "/associations/{code}/support-session",
                web::post().to(platform::support_session),
            )
            .default_service(web::to(api_not_found)),
    );
}

/// The answer for an `/api/...` path that matches no route, or a known path with
/// a method it does not take.
pub async fn api_not_found(
    request: actix_web::HttpRequest,
) -> Result<actix_web::HttpResponse, ApiError> {
    Err(ApiError::NotFound(
        Text::new("err-there-no-api-operation")
            .with("request", (request.method()).to_string())
            .with("request2", (request.path()).to_string()),
    ))
}
