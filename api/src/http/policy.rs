//! What every response and every request is held to, whatever route serves
//! it: a Content-Security-Policy on every HTML page (the app, its deep links,
//! Swagger UI), `Cache-Control: no-store` on API answers that say nothing of
//! their own caching (they carry personal data), HSTS when the public
//! address is https, and no NUL character anywhere in the address or a JSON
//! body (PostgreSQL cannot store one; SQLite would cut text at it).
//!
//! It must not decide anything a route decides: who may call, what a body
//! means. It runs inside the request-id middleware, so its refusals carry the
//! id like every other problem.

use crate::error::ApiError;
use crate::state::AppState;
use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{web, HttpMessage};
use endorse_shared::i18n::Text;
use futures_util::StreamExt;

/// The app's pages: only our own scripts (WASM needs `wasm-unsafe-eval`),
/// no framing.
pub const APP_CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
/// Swagger UI: its own scripts only; it sets inline styles as it renders.
pub const DOCS_CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
/// HSTS for a public address on https: a year, subdomains included.
const HSTS: &str = "max-age=31536000; includeSubDomains";

/// Middleware (for `actix_web::middleware::from_fn`).
pub async fn apply(
    mut request: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let https = request
        .app_data::<web::Data<AppState>>()
        .is_some_and(|state| state.settings.public_url.starts_with("https://"));
    if let Some(refusal) = nul_in_address(&request) {
        return Ok(request.error_response(refusal));
    }
    if is_json(&request) {
        match read_json_body(&mut request).await {
            Ok(()) => {}
            Err(refusal) => return Ok(request.error_response(refusal)),
        }
    }
    let docs = request.path().starts_with("/api/docs");
    let api = request.path().starts_with("/api/")
        || request.path().starts_with("/platform/api/")
        || request.path().starts_with("/.well-known/");
    let mut response = next.call(request).await?.map_into_boxed_body();
    let headers = response.headers_mut();
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    if content_type.starts_with("text/html")
        && !headers.contains_key(header::CONTENT_SECURITY_POLICY)
    {
        let policy = if docs { DOCS_CSP } else { APP_CSP };
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(policy),
        );
    }
    let json = content_type.starts_with("application/json")
        || content_type.starts_with("application/problem+json");
    if api && json && !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if https {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static(HSTS),
        );
    }
    Ok(response)
}

fn nul_refusal(field: &str) -> ApiError {
    ApiError::field(field, Text::new("err-must-not-contain-nul-character"))
}

/// A `%00` in the path or the query string.
fn nul_in_address(request: &ServiceRequest) -> Option<ApiError> {
    let uri = request.uri();
    let has = |text: &str| text.to_ascii_lowercase().contains("%00");
    if has(uri.path()) {
        return Some(nul_refusal("path"));
    }
    uri.query().filter(|q| has(q)).map(|_| nul_refusal("query"))
}

fn is_json(request: &ServiceRequest) -> bool {
    request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.to_ascii_lowercase().starts_with("application/json"))
}

/// Reads a JSON body (at most the JSON limit: a larger one is refused here as
/// the extractor would), refuses one with a NUL in it, and hands the bytes on.
async fn read_json_body(request: &mut ServiceRequest) -> Result<(), ApiError> {
    let mut payload = request.take_payload();
    let mut body = web::BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|error| {
            ApiError::BadRequest(
                Text::new("err-body-could-not-read-2").with("error", (error).to_string()),
            )
        })?;
        if body.len() + chunk.len() > crate::startup::JSON_LIMIT_BYTES {
            return Err(ApiError::PayloadTooLarge(
                Text::new("err-json-body-larger-than-kib")
                    .with("kib", crate::startup::JSON_LIMIT_BYTES / 1024),
            ));
        }
        body.extend_from_slice(&chunk);
    }
    if escapes_nul(&body) {
        return Err(nul_refusal("body"));
    }
    request.set_payload(actix_web::dev::Payload::from(body.freeze()));
    Ok(())
}

/// Whether a JSON text holds `\u0000` as an escape (a raw NUL byte is not
/// valid JSON and is refused by the parser anyway). A backslash escaped
/// itself (`\\u0000`) is text, not a NUL.
pub fn escapes_nul(json: &[u8]) -> bool {
    let mut i = 0;
    while i < json.len() {
        if json[i] == b'\\' {
            let escaped = json.get(i + 1).copied();
            if escaped == Some(b'u')
                && json
                    .get(i + 2..i + 6)
                    .is_some_and(|hex| hex.iter().all(|b| *b == b'0'))
            {
                return true;
            }
            // Skip the escaped character, whatever it is.
            i += 2;
        } else {
            i += 1;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::escapes_nul;

    #[test]
    fn only_an_escaped_nul_is_a_nul() {
        assert!(escapes_nul(br#"{"name": "Ada\u0000"}"#));
        assert!(!escapes_nul(br#"{"name": "Ada\\u0000"}"#));
        assert!(escapes_nul(br#"{"name": "Ada\\\u0000"}"#));
        assert!(!escapes_nul(br#"{"name": "Ada\u00e9"}"#));
        assert!(!escapes_nul(br#"{"name": "Ada"}"#));
    }
}
