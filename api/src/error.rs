//! The API's one error type and how it becomes a response.
//!
//! Policy:
//! - Every error response is RFC 9457 `application/problem+json` ([`Problem`]) and
//!   carries the request id, which the log line of the request carries too.
//! - A client's mistake gets the most specific 4xx there is, with words that name
//!   what is wrong: 400 malformed, 401 not signed in, 403 not allowed, 404, 409
//!   conflict, 412 stale version, 428 version missing, 413 too large, 415 wrong media type, 422 invalid fields (with a
//!   field map), 429 slow down (with Retry-After).
//! - Anything else is a 500 whose body says nothing about the cause; the cause is
//!   logged in full. No client input may ever produce one.

use crate::db::DbError;
use crate::http::request_id::current_request_id;
use actix_web::http::{header, StatusCode};
use actix_web::{HttpResponse, ResponseError};
use endorse_shared::i18n::{Lang, Text};
use endorse_shared::problem::PROBLEM_CONTENT_TYPE;
use endorse_shared::Problem;
use std::collections::BTreeMap;

/// An error a handler returns.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// 400: the request could not be read.
    #[error("bad request: {0}")]
    BadRequest(Text),
    /// 401: no valid credentials.
    #[error("unauthorized: {0}")]
    Unauthorized(Text),
    /// 401: the password was right, and the account's second factor is
    /// asked for (or the code given is not right). Names the `code` field.
    #[error("second factor: {0}")]
    SecondFactor(Text),
    /// 403: signed in, but not allowed.
    #[error("forbidden: {0}")]
    Forbidden(Text),
    /// 403: an admin page, for an admin who must turn on a second factor first.
    #[error("second factor to enroll: {0}")]
    EnrollSecondFactor(Text),
    /// 404: nothing there (or nothing the caller may know of).
    #[error("not found: {0}")]
    NotFound(Text),
    /// 409: the request conflicts with what is stored.
    #[error("conflict: {0}")]
    Conflict(Text),
    /// 410: it existed, and is gone for good (a used, cancelled or expired link).
    #[error("gone: {0}")]
    Gone(Text),
    /// 410, for a referee's link already answered: the referee is thanked, not
    /// told the link is dead.
    #[error("answered: {0}")]
    Answered(Text),
    /// 412: the `If-Match` version is not the stored one.
    #[error("precondition failed: {0}")]
    PreconditionFailed(Text),
    /// 428: a change needs `If-Match` and none was sent.
    #[error("precondition required: {0}")]
    PreconditionRequired(Text),
    /// 413: the body is too large.
    #[error("payload too large: {0}")]
    PayloadTooLarge(Text),
    /// 415: the body is not JSON.
    #[error("unsupported media type: {0}")]
    UnsupportedMediaType(Text),
    /// 422: fields failed validation.
    #[error("validation failed: {0:?}")]
    Validation(BTreeMap<String, Vec<Text>>),
    /// 429: too many attempts; try again after this many seconds.
    #[error("rate limited for {retry_after} s")]
    TooManyRequests {
        /// Seconds until the next attempt may succeed.
        retry_after: u64,
    },
    /// 503: a dependency (the database) does not answer.
    #[error("unavailable: {0}")]
    Unavailable(Text),
    /// 500: a fault on our side. The message is logged, never sent.
    #[error("internal error: {0}")]
    Internal(String),
}

impl ApiError {
    /// A 422 naming several fields, one message each.
    pub fn fields<M: Into<Text>>(problems: BTreeMap<String, M>) -> Self {
        ApiError::Validation(
            problems
                .into_iter()
                .map(|(field, message)| (field, vec![message.into()]))
                .collect(),
        )
    }

    /// A 422 for a single field.
    pub fn field(field: &str, message: impl Into<Text>) -> Self {
        let mut errors = BTreeMap::new();
        errors.insert(field.to_string(), vec![message.into()]);
        ApiError::Validation(errors)
    }

    /// Maps a unique violation on inserting an account to the 409 for a
    /// taken e-mail address; any other error as it is.
    pub fn duplicate_email(error: DbError) -> Self {
        match error {
            DbError::UniqueViolation(_) => {
                ApiError::Conflict(Text::new("err-account-with-e-mail-address-already"))
            }
            other => other.into(),
        }
    }

    /// The 412 for a `thing` ("entry", "note", "application") that moved on
    /// since the caller loaded it at another version.
    pub fn stale(thing: &str, current: i64) -> Self {
        let key = match thing {
            "application" => "stale-application",
            "endorsement" => "stale-endorsement",
            "entry" => "stale-entry",
            "note" => "stale-note",
            "renewal" => "stale-renewal",
            "the association's settings" => "stale-settings",
            "request for recognition" => "stale-recognition",
            "reviewer profile" => "stale-reviewer-profile",
            "exam" => "stale-exam",
            "scoring" => "stale-scoring",
            "review" => "stale-review",
            _ => "stale-record",
        };
        ApiError::PreconditionFailed(Text::new(key).with("current", current.to_string()))
    }

    fn kind_and_title(&self) -> (&'static str, &'static str) {
        match self {
            ApiError::BadRequest(_) => ("/problems/bad-request", "problem-bad-request"),
            ApiError::Unauthorized(_) => ("/problems/unauthorized", "problem-unauthorized"),
            ApiError::SecondFactor(_) => ("/problems/second-factor", "problem-second-factor"),
            ApiError::Forbidden(_) => ("/problems/forbidden", "problem-forbidden"),
            ApiError::EnrollSecondFactor(_) => (
                "/problems/second-factor-enrollment",
                "problem-second-factor-enrollment",
            ),
            ApiError::NotFound(_) => ("/problems/not-found", "problem-not-found"),
            ApiError::Conflict(_) => ("/problems/conflict", "problem-conflict"),
            ApiError::Gone(_) => ("/problems/gone", "problem-gone"),
            ApiError::Answered(_) => ("/problems/answered", "problem-answered"),
            ApiError::PreconditionFailed(_) => ("/problems/stale", "problem-stale"),
            ApiError::PreconditionRequired(_) => {
                ("/problems/if-match-required", "problem-if-match-required")
            }
            ApiError::PayloadTooLarge(_) => {
                ("/problems/payload-too-large", "problem-payload-too-large")
            }
            ApiError::UnsupportedMediaType(_) => (
                "/problems/unsupported-media-type",
                "problem-unsupported-media-type",
            ),
            ApiError::Validation(_) => ("/problems/validation", "problem-validation"),
            ApiError::TooManyRequests { .. } => ("/problems/rate-limited", "problem-rate-limited"),
            ApiError::Unavailable(_) => ("/problems/unavailable", "problem-unavailable"),
            ApiError::Internal(_) => ("/problems/internal", "problem-internal"),
        }
    }

    /// The body of the response, in `lang`.
    pub fn to_problem(&self, lang: Lang) -> Problem {
        let (kind, title) = self.kind_and_title();
        let detail = match self {
            ApiError::BadRequest(d)
            | ApiError::Unauthorized(d)
            | ApiError::SecondFactor(d)
            | ApiError::Forbidden(d)
            | ApiError::EnrollSecondFactor(d)
            | ApiError::NotFound(d)
            | ApiError::Conflict(d)
            | ApiError::Gone(d)
            | ApiError::Answered(d)
            | ApiError::PreconditionFailed(d)
            | ApiError::PreconditionRequired(d)
            | ApiError::PayloadTooLarge(d)
            | ApiError::UnsupportedMediaType(d)
            | ApiError::Unavailable(d) => d.say(lang),
            ApiError::Validation(_) => Text::new("problem-validation-detail").say(lang),
            ApiError::TooManyRequests { retry_after } => match *retry_after {
                0..=89 => Text::new("problem-rate-limited-detail")
                    .with("seconds", (*retry_after).max(1))
                    .say(lang),
                seconds => Text::new("problem-rate-limited-minutes")
                    .with("minutes", seconds.div_ceil(60))
                    .say(lang),
            },
            ApiError::Internal(_) => Text::new("problem-internal-detail").say(lang),
        };
        Problem {
            kind: kind.to_string(),
            title: Text::new(title).say(lang),
            status: self.status_code().as_u16(),
            detail: Some(detail),
            request_id: current_request_id(),
            errors: match self {
                ApiError::Validation(errors) => errors
                    .iter()
                    .map(|(field, messages)| {
                        (
                            field.clone(),
                            messages.iter().map(|m| m.say(lang)).collect(),
                        )
                    })
                    .collect(),
                ApiError::SecondFactor(message) => {
                    BTreeMap::from([("code".to_string(), vec![message.say(lang)])])
                }
                _ => BTreeMap::new(),
            },
        }
    }
}

/// What a 503 asks the client to wait before trying again.
pub const UNAVAILABLE_RETRY_SECONDS: u64 = 2;

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::Unauthorized(_) | ApiError::SecondFactor(_) => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden(_) | ApiError::EnrollSecondFactor(_) => StatusCode::FORBIDDEN,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::Conflict(_) => StatusCode::CONFLICT,
            ApiError::Gone(_) | ApiError::Answered(_) => StatusCode::GONE,
            ApiError::PreconditionFailed(_) => StatusCode::PRECONDITION_FAILED,
            ApiError::PreconditionRequired(_) => StatusCode::PRECONDITION_REQUIRED,
            ApiError::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        match self {
            ApiError::Internal(cause) => tracing::error!(%cause, "internal error"),
            ApiError::Unavailable(cause) => tracing::warn!(%cause, "unavailable"),
            other => tracing::info!(error = %other, "request refused"),
        }
        let mut response = HttpResponse::build(self.status_code());
        response.insert_header((header::CONTENT_TYPE, PROBLEM_CONTENT_TYPE));
        match self {
            ApiError::TooManyRequests { retry_after } => {
                response.insert_header((header::RETRY_AFTER, retry_after.to_string()));
            }
            ApiError::Unauthorized(_) | ApiError::SecondFactor(_) => {
                response.insert_header((header::WWW_AUTHENTICATE, "Bearer"));
            }
            ApiError::Unavailable(_) => {
                response
                    .insert_header((header::RETRY_AFTER, UNAVAILABLE_RETRY_SECONDS.to_string()));
            }
            _ => {}
        }
        response.body(
            serde_json::to_string(&self.to_problem(crate::http::language::current()))
                .unwrap_or_default(),
        )
    }
}

impl From<DbError> for ApiError {
    fn from(error: DbError) -> Self {
        match &error {
            DbError::NotFound => ApiError::NotFound(Text::new("err-record-does-not-exist")),
            DbError::Conflict => {
                ApiError::Conflict(Text::new("err-record-changed-meanwhile-reload-try-again"))
            }
            // The database does not answer in time, or at all: the client may
            // try again, and is told when.
            DbError::Pool(_) | DbError::Unavailable(_) => {
                tracing::warn!(cause = %error, "database unavailable");
                ApiError::Unavailable(Text::new("err-database-busy-out-reach-try-again"))
            }
            _ => ApiError::Internal(error.to_string()),
        }
    }
}

impl From<validator::ValidationErrors> for ApiError {
    fn from(errors: validator::ValidationErrors) -> Self {
        ApiError::Validation(endorse_shared::validation::field_errors(&errors))
    }
}

/// The result of a handler.
pub type ApiResult<T> = Result<T, ApiError>;
