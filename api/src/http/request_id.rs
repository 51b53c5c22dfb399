//! Gives every request an id: in a tracing span around everything the request
//! logs, in the `x-request-id` response header, and in every error body.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::Next;
use std::time::Instant;
use tracing::Instrument;

tokio::task_local! {
    static REQUEST_ID: String;
}

/// The response header that carries the id.
pub const REQUEST_ID_HEADER: &str = "x-request-id";

/// The id of the request being handled, when called from inside one.
pub fn current_request_id() -> Option<String> {
    REQUEST_ID.try_with(Clone::clone).ok()
}

/// The path as logged: the secret in a referee's link or a new-password link
/// is replaced by `[link]` (at any association's prefix, and in the API's
/// paths), so the log never holds a working link.
pub fn loggable_path(path: &str) -> std::borrow::Cow<'_, str> {
    for marker in ["/referee/", "/reset-password/", "/confirm-email/"] {
        if let Some(at) = path.find(marker) {
            let (head, rest) = path.split_at(at + marker.len());
            let tail = rest.find('/').map_or("", |slash| &rest[slash..]);
            return format!("{head}[link]{tail}").into();
        }
    }
    path.into()
}

/// Middleware (for `actix_web::middleware::from_fn`): assigns the id, opens the
/// span, logs one line per request with status and duration.
pub async fn assign_request_id(
    request: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let id = uuid::Uuid::new_v4().simple().to_string();
    let span = tracing::info_span!(
        "request",
        request_id = %id,
        method = %request.method(),
        path = %loggable_path(request.path()),
    );
    let started = Instant::now();
    let result = REQUEST_ID
        .scope(id.clone(), next.call(request))
        .instrument(span.clone())
        .await;
    let _entered = span.enter();
    match result {
        Ok(mut response) => {
            let status = response.status().as_u16();
            if let Ok(value) = HeaderValue::from_str(&id) {
                response
                    .headers_mut()
                    .insert(HeaderName::from_static(REQUEST_ID_HEADER), value);
            }
            tracing::info!(
                status,
                elapsed_ms = started.elapsed().as_millis() as u64,
                "served"
            );
            Ok(response)
        }
        Err(error) => {
            tracing::warn!(%error, "request failed");
            Err(error)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::loggable_path;

    #[test]
    fn referee_links_are_not_logged() {
        assert_eq!(
            loggable_path("/api/v1/referee/abc/draft"),
            "/api/v1/referee/[link]/draft"
        );
        assert_eq!(loggable_path("/referee/abc"), "/referee/[link]");
        assert_eq!(loggable_path("/a/mi/referee/abc"), "/a/mi/referee/[link]");
        assert_eq!(
            loggable_path("/a/mi/reset-password/abc"),
            "/a/mi/reset-password/[link]"
        );
        assert_eq!(loggable_path("/api/v1/me"), "/api/v1/me");
    }
}
