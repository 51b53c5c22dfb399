//! The HTTP surface: handlers grouped by resource, and how they are mounted.
//!
//! Handlers parse, authorize (through their extractors), call the database layer
//! and map to `shared` types; nothing else.

pub mod auth;
pub mod health;
pub mod me;
pub mod users;

use crate::error::ApiError;
use actix_web::web;

/// Mounts every API route under `/api/v1`, and the problem-JSON 404 for any
/// other `/api` path.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::scope("/api/v1")
            .route("/auth/register", web::post().to(auth::register))
            .route("/auth/login", web::post().to(auth::login))
            .route("/auth/refresh", web::post().to(auth::refresh))
            .route("/auth/logout", web::post().to(auth::logout))
            .route("/me", web::get().to(me::get_me))
            .route("/me/password", web::post().to(me::change_password))
            .route("/users", web::get().to(users::list_users))
            .route("/users", web::post().to(users::create_user))
            .route("/users/{id}", web::get().to(users::get_user))
            .route("/users/{id}", web::patch().to(users::update_user))
            .default_service(web::to(api_not_found)),
    );
}

/// The answer for an `/api/...` path that matches no route, or a known path with
/// a method it does not take.
pub async fn api_not_found(
    request: actix_web::HttpRequest,
) -> Result<actix_web::HttpResponse, ApiError> {
    Err(ApiError::NotFound(format!(
        "There is no API operation {} {}.",
        request.method(),
        request.path()
    )))
}
