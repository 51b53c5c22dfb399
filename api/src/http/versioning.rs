//! Optimistic concurrency on the wire: the `If-Match` a change names, the
//! `ETag` an answer carries, and how a guarded database change becomes an
//! answer. One place, so every versioned resource speaks alike.

use crate::db::Guarded;
use crate::error::{ApiError, ApiResult};
use actix_web::http::header;
use actix_web::HttpRequest;
use endorse_shared::i18n::Text;

/// The version a change is based on, from `If-Match: "3"`. Reading it never
/// fails the extraction, so that authorization (403) is answered before a
/// missing version (428): call [`IfMatch::version`] in the handler.
pub struct IfMatch(Result<i64, ApiError>);

impl IfMatch {
    /// The version, or why there is none.
    pub fn version(self) -> ApiResult<i64> {
        self.0
    }

    fn parse(request: &HttpRequest) -> Result<i64, ApiError> {
        let value = request
            .headers()
            .get(header::IF_MATCH)
            .ok_or_else(|| {
                ApiError::PreconditionRequired(Text::new("err-send-version-you-are-changing-if"))
            })?
            .to_str()
            .map_err(|_| ApiError::BadRequest(Text::new("err-if-match-not-valid-text")))?;
        let trimmed = value.trim().trim_start_matches("W/").trim_matches('"');
        trimmed.parse::<i64>().map_err(|_| {
            ApiError::BadRequest(
                Text::new("err-if-match-not-version-endorse-gave")
                    .with("value", (value).to_string()),
            )
        })
    }
}

impl actix_web::FromRequest for IfMatch {
    type Error = ApiError;
    type Future = std::future::Ready<Result<Self, ApiError>>;

    fn from_request(request: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        std::future::ready(Ok(IfMatch(IfMatch::parse(request))))
    }
}

/// The `ETag` header of a resource at `version`.
pub fn etag(version: i64) -> (header::HeaderName, String) {
    (header::ETAG, format!("\"{version}\""))
}

/// A guarded change as an answer: done, 404 (`missing`), or 412.
pub fn guarded<T>(outcome: Guarded<T>, thing: &str, missing: fn() -> ApiError) -> ApiResult<T> {
    match outcome {
        Guarded::Done(value) => Ok(value),
        Guarded::Missing => Err(missing()),
        Guarded::Stale { current } => Err(ApiError::stale(thing, current)),
    }
}
