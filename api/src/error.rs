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
use endorse_shared::problem::PROBLEM_CONTENT_TYPE;
use endorse_shared::Problem;
use std::collections::BTreeMap;

/// An error a handler returns.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// 400: the request could not be read.
    #[error("bad request: {0}")]
    BadRequest(String),
    /// 401: no valid credentials.
    #[error("unauthorized: {0}")]
    Unauthorized(String),
    /// 403: signed in, but not allowed.
    #[error("forbidden: {0}")]
    Forbidden(String),
    /// 404: nothing there (or nothing the caller may know of).
    #[error("not found: {0}")]
    NotFound(String),
    /// 409: the request conflicts with what is stored.
    #[error("conflict: {0}")]
    Conflict(String),
    /// 410: it existed, and is gone for good (a used, cancelled or expired link).
    #[error("gone: {0}")]
    Gone(String),
    /// 412: the `If-Match` version is not the stored one.
    #[error("precondition failed: {0}")]
    PreconditionFailed(String),
    /// 428: a change needs `If-Match` and none was sent.
    #[error("precondition required: {0}")]
    PreconditionRequired(String),
    /// 413: the body is too large.
    #[error("payload too large: {0}")]
    PayloadTooLarge(String),
    /// 415: the body is not JSON.
    #[error("unsupported media type: {0}")]
    UnsupportedMediaType(String),
    /// 422: fields failed validation.
    #[error("validation failed: {0:?}")]
    Validation(BTreeMap<String, Vec<String>>),
    /// 429: too many attempts; try again after this many seconds.
    #[error("rate limited for {retry_after} s")]
    TooManyRequests {
        /// Seconds until the next attempt may succeed.
        retry_after: u64,
    },
    /// 503: a dependency (the database) does not answer.
    #[error("unavailable: {0}")]
    Unavailable(String),
    /// 500: a fault on our side. The message is logged, never sent.
    #[error("internal error: {0}")]
    Internal(String),
}

impl ApiError {
    /// A 422 naming several fields, one message each.
    pub fn fields(problems: BTreeMap<String, String>) -> Self {
        ApiError::Validation(
            problems
                .into_iter()
                .map(|(field, message)| (field, vec![message]))
                .collect(),
        )
    }

    /// A 422 for a single field.
    pub fn field(field: &str, message: &str) -> Self {
        let mut errors = BTreeMap::new();
        errors.insert(field.to_string(), vec![message.to_string()]);
        ApiError::Validation(errors)
    }

    /// Maps a unique violation on inserting an account to the 409 for a
    /// taken e-mail address; any other error as it is.
    pub fn duplicate_email(error: DbError) -> Self {
        match error {
            DbError::UniqueViolation(_) => {
                ApiError::Conflict("An account with this e-mail address already exists.".into())
            }
            other => other.into(),
        }
    }

    /// The 412 for a `thing` ("entry", "note", "application") that moved on
    /// since the caller loaded it at another version.
    pub fn stale(thing: &str, current: i64) -> Self {
        ApiError::PreconditionFailed(format!(
            "This {thing} changed since you loaded it (it is now version {current}). Reload it, then make your change again."
        ))
    }

    fn kind_and_title(&self) -> (&'static str, &'static str) {
        match self {
            ApiError::BadRequest(_) => ("/problems/bad-request", "Bad request"),
            ApiError::Unauthorized(_) => ("/problems/unauthorized", "Not signed in"),
            ApiError::Forbidden(_) => ("/problems/forbidden", "Not allowed"),
            ApiError::NotFound(_) => ("/problems/not-found", "Not found"),
            ApiError::Conflict(_) => ("/problems/conflict", "Conflict"),
            ApiError::Gone(_) => ("/problems/gone", "No longer available"),
            ApiError::PreconditionFailed(_) => ("/problems/stale", "Changed since you loaded it"),
            ApiError::PreconditionRequired(_) => {
                ("/problems/if-match-required", "Version required")
            }
            ApiError::PayloadTooLarge(_) => ("/problems/payload-too-large", "Request too large"),
            ApiError::UnsupportedMediaType(_) => {
                ("/problems/unsupported-media-type", "Unsupported media type")
            }
            ApiError::Validation(_) => ("/problems/validation", "Some fields are not valid"),
            ApiError::TooManyRequests { .. } => ("/problems/rate-limited", "Too many attempts"),
            ApiError::Unavailable(_) => ("/problems/unavailable", "Temporarily unavailable"),
            ApiError::Internal(_) => ("/problems/internal", "Something went wrong on our side"),
        }
    }

    /// The body of the response.
    pub fn to_problem(&self) -> Problem {
        let (kind, title) = self.kind_and_title();
        let detail = match self {
            ApiError::BadRequest(d)
            | ApiError::Unauthorized(d)
            | ApiError::Forbidden(d)
            | ApiError::NotFound(d)
            | ApiError::Conflict(d)
            | ApiError::Gone(d)
            | ApiError::PreconditionFailed(d)
            | ApiError::PreconditionRequired(d)
            | ApiError::PayloadTooLarge(d)
            | ApiError::UnsupportedMediaType(d)
            | ApiError::Unavailable(d) => Some(d.clone()),
            ApiError::Validation(_) => Some("Correct the fields named in `errors`.".to_string()),
            ApiError::TooManyRequests { retry_after } => Some(format!(
                "Too many attempts. Try again in {}.",
                describe_seconds(*retry_after)
            )),
            ApiError::Internal(_) => Some(
                "The error has been logged. If it persists, give the request id to your association."
                    .to_string(),
            ),
        };
        Problem {
            kind: kind.to_string(),
            title: title.to_string(),
            status: self.status_code().as_u16(),
            detail,
            request_id: current_request_id(),
            errors: match self {
                ApiError::Validation(errors) => errors.clone(),
                _ => BTreeMap::new(),
            },
        }
    }
}

/// What a 503 asks the client to wait before trying again.
pub const UNAVAILABLE_RETRY_SECONDS: u64 = 2;

fn describe_seconds(seconds: u64) -> String {
    match seconds {
        0..=1 => "a second".to_string(),
        2..=89 => format!("{seconds} seconds"),
        _ => format!("{} minutes", seconds.div_ceil(60)),
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden(_) => StatusCode::FORBIDDEN,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::Conflict(_) => StatusCode::CONFLICT,
            ApiError::Gone(_) => StatusCode::GONE,
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
            ApiError::Unauthorized(_) => {
                response.insert_header((header::WWW_AUTHENTICATE, "Bearer"));
            }
            ApiError::Unavailable(_) => {
                response
                    .insert_header((header::RETRY_AFTER, UNAVAILABLE_RETRY_SECONDS.to_string()));
            }
            _ => {}
        }
        response.body(serde_json::to_string(&self.to_problem()).unwrap_or_default())
    }
}

impl From<DbError> for ApiError {
    fn from(error: DbError) -> Self {
        match &error {
            DbError::NotFound => ApiError::NotFound("The record does not exist.".to_string()),
            DbError::Conflict => ApiError::Conflict(
                "The record changed meanwhile; reload and try again.".to_string(),
            ),
            // The database does not answer in time, or at all: the client may
            // try again, and is told when.
            DbError::Pool(_) | DbError::Unavailable(_) => {
                tracing::warn!(cause = %error, "database unavailable");
                ApiError::Unavailable(
                    "The database is busy or out of reach; try again in a moment.".to_string(),
                )
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
