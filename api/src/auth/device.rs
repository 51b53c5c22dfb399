//! The device cookie: a random id a browser keeps from its first sign-in, so
//! that a referee's answer sent from a browser the applicant signed in with
//! can be flagged to admins and reviewers, even after the applicant signed
//! out. Only its SHA-256 is stored (with each session, and with an answer).
//!
//! It proves nothing about a person and grants nothing: it is a signal, never
//! a credential, and no route trusts it for access.

use crate::auth::links::looks_like_token;
use crate::auth::tokens::{hash_secret_token, new_secret_token};
use actix_web::cookie::{time::Duration as CookieDuration, Cookie, SameSite};
use actix_web::HttpRequest;

/// The cookie's name.
pub const DEVICE_COOKIE: &str = "endorse_device";
/// Sent with every API request of the browser (the referee's answer included).
const DEVICE_COOKIE_PATH: &str = "/api/v1";
/// How long a browser keeps it: about a year, renewed at each sign-in.
const DEVICE_COOKIE_DAYS: i64 = 400;

/// The browser's device id: the one it sent, or a new one.
#[derive(Debug, Clone)]
pub struct Device {
    id: String,
}

impl Device {
    /// The device id the request carries, if it carries a well-formed one.
    pub fn presented(request: &HttpRequest) -> Option<Self> {
        request
            .cookie(DEVICE_COOKIE)
            .map(|cookie| cookie.value().to_string())
            .filter(|id| looks_like_token(id))
            .map(|id| Self { id })
    }

    /// The request's device id, or a new one for a browser that has none.
    pub fn of(request: &HttpRequest) -> Self {
        Self::presented(request).unwrap_or_else(|| Self {
            id: new_secret_token().secret,
        })
    }

    /// What is stored.
    pub fn hash(&self) -> String {
        hash_secret_token(&self.id)
    }

    /// The cookie that keeps it in the browser (sent again on every sign-in,
    /// so its lifetime is renewed), for the API under `base_path` (an
    /// association's `/a/{code}`, or nothing).
    pub fn cookie(&self, base_path: &str, secure: bool) -> Cookie<'static> {
        Cookie::build(DEVICE_COOKIE, self.id.clone())
            .path(format!("{base_path}{DEVICE_COOKIE_PATH}"))
            .http_only(true)
            .same_site(SameSite::Strict)
            .secure(secure)
            .max_age(CookieDuration::days(DEVICE_COOKIE_DAYS))
            .finish()
    }
}
