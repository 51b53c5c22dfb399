//! The language a request is answered in, chosen in this order: the person's
//! saved choice (set by the session extractor, or a referee link's), the
//! request's `Accept-Language`, the association's own language, English.
//!
//! The choice lives for the request (`crate::locale`), so a problem rendered
//! at the end speaks the same language as the handler did; every response
//! says which in `Content-Language`. This module never reads a database.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::Next;
use endorse_shared::i18n::Lang;
use std::cell::Cell;

use crate::locale::{Choice, CHOICE};

pub use crate::locale::{association, current, saved};

/// The language the request's `Accept-Language` prefers, if Endorse speaks it.
pub fn asked(request: &actix_web::HttpRequest) -> Option<Lang> {
    request
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|value| value.to_str().ok())
        .and_then(Lang::negotiate)
}

/// Middleware (for `actix_web::middleware::from_fn`): opens the request's
/// choice and names the language in `Content-Language`.
pub async fn negotiate(
    request: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let choice = Cell::new(Choice {
        asked: asked(request.request()),
        ..Choice::default()
    });
    CHOICE
        .scope(choice, async move {
            let mut response = next.call(request).await?;
            response.headers_mut().insert(
                header::CONTENT_LANGUAGE,
                HeaderValue::from_static(current().code()),
            );
            response
                .headers_mut()
                .append(header::VARY, HeaderValue::from_static("Accept-Language"));
            Ok(response)
        })
        .await
}
