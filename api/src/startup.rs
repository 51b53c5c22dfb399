//! Builds the server: connects the database, applies migrations, binds the
//! listener (port 0 picks a free one, which is how tests start the real server),
//! and wires middleware, routes, the API docs and the app.

use crate::clock::{Clock, SystemClock};
use crate::config::Settings;
use crate::db::Db;
use crate::error::ApiError;
use crate::mail::worker::Worker;
use crate::mail::Transport;
use crate::openapi::ApiDoc;
use crate::routes;
use crate::spa;
use crate::state::AppState;
use actix_web::dev::Server;
use actix_web::error::{JsonPayloadError, PathError, QueryPayloadError};
use actix_web::middleware::{from_fn, Compress, DefaultHeaders};
use actix_web::{web, App, HttpRequest, HttpResponse, HttpServer};
use anyhow::Context;
use endorse_shared::i18n::Text;
use std::net::TcpListener;
use std::sync::Arc;
use utoipa::OpenApi;
use utoipa_swagger_ui::SwaggerUi;

/// The largest JSON body the API reads.
pub const JSON_LIMIT_BYTES: usize = 64 * 1024;

/// A built server, bound and ready to run.
pub struct Application {
    port: u16,
    server: Server,
    state: web::Data<AppState>,
    worker: Worker,
}

impl Application {
    /// Connects, migrates and binds. Fails with a message naming what is wrong.
    pub fn build(settings: Settings) -> anyhow::Result<Self> {
        Self::build_with_clock(settings, Arc::new(SystemClock))
    }

    /// Like [`Application::build`], with the clock handlers and the mail worker
    /// read (tests pass a [`crate::clock::ManualClock`]).
    pub fn build_with_clock(settings: Settings, clock: Arc<dyn Clock>) -> anyhow::Result<Self> {
        let associations = crate::tenancy::Associations::open(&settings)?;
        let served = associations.prepare_all(&settings, clock.as_ref())?;
        tracing::info!(associations = served.len(), "associations ready");
        let listener = TcpListener::bind(settings.bind)
            .with_context(|| format!("ENDORSE_BIND: cannot listen on {}", settings.bind))?;
        let port = listener.local_addr()?.port();
        let static_dir = settings.static_dir.clone();
        let has_app = static_dir.join("index.html").is_file();
        if !has_app {
            tracing::warn!(dir = %static_dir.display(), "no built web app found; serving the API only");
        }
        let documents = open_document_store(&settings.document_store)?;
        let transport = Transport::from_settings(&settings.mail)?;
        match &settings.mail.smtp_url {
            Some(url) => tracing::info!(smtp = %url.redacted(), "e-mail goes through SMTP"),
            None => tracing::info!(
                "no SMTP server configured: e-mail is written to the log and the outbox page"
            ),
        }
        let interval = settings.mail.worker_interval_seconds;
        let state = web::Data::new(AppState::new(
            settings,
            associations,
            documents,
            transport,
            clock,
        ));
        let worker = Worker::new(state.clone());
        let shared = state.clone();
        let server = HttpServer::new(move || {
            let app = App::new()
                .app_data(state.clone())
                .app_data(
                    web::JsonConfig::default()
                        .limit(JSON_LIMIT_BYTES)
                        .error_handler(json_error),
                )
                .app_data(web::QueryConfig::default().error_handler(query_error))
                .app_data(web::PathConfig::default().error_handler(path_error))
                .wrap(Compress::default())
                .wrap(
                    DefaultHeaders::new()
                        .add(("X-Content-Type-Options", "nosniff"))
                        .add(("Referrer-Policy", "no-referrer"))
                        .add(("X-Frame-Options", "DENY")),
                )
                .wrap(from_fn(crate::http::policy::apply))
                .wrap(from_fn(crate::tenancy::resolve))
                .wrap(from_fn(crate::http::language::negotiate))
                .wrap(from_fn(crate::http::request_id::assign_request_id))
                .route("/healthz", web::get().to(routes::health::healthz))
                .route("/readyz", web::get().to(routes::health::readyz))
                .route(
                    "/.well-known/jwks.json",
                    web::get().to(routes::credentials::jwks),
                )
                .service(
                    SwaggerUi::new("/api/docs/{_:.*}").url("/api/openapi.json", ApiDoc::openapi()),
                )
                .route("/api/docs", web::get().to(docs_redirect))
                .configure(routes::configure)
                .service(web::scope("/api").default_service(web::to(routes::api_not_found)));
            if has_app {
                app.service(spa::service(&static_dir))
            } else {
                app.service(spa::not_built(&static_dir))
            }
        })
        .workers(worker_count())
        // A response written in more than one piece (a compressed body comes
        // out of the encoder a chunk at a time) goes out at once: with
        // Nagle's algorithm the last piece waited for the client's delayed
        // ACK, some 40 ms (measured with Python's http.client).
        .tcp_nodelay(true)
        .listen(listener)?
        .run();
        if let Some(seconds) = interval {
            worker
                .clone()
                .spawn(std::time::Duration::from_secs(seconds.max(1)));
        }
        Ok(Self {
            port,
            server,
            state: shared,
            worker,
        })
    }

    /// The port the server listens on.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The database of the default association (tests inspect it; the
    /// first admin is made in it).
    pub fn db(&self) -> anyhow::Result<Db> {
        let associations = &self.state.associations;
        let default = crate::db::platform::default(&mut *associations.platform().get()?)?
            .context("there is no default association")?;
        Ok(associations.db(&default)?)
    }

    /// The deployment's state (the associations, the settings).
    pub fn state(&self) -> web::Data<AppState> {
        self.state.clone()
    }

    /// The mail worker (tests run its rounds by hand).
    pub fn mail_worker(&self) -> Worker {
        self.worker.clone()
    }

    /// Serves until the process is told to stop.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}

/// `/api/docs` without the slash: Swagger UI's relative links need it.
async fn docs_redirect() -> HttpResponse {
    HttpResponse::PermanentRedirect()
        .insert_header((actix_web::http::header::LOCATION, "/api/docs/"))
        .finish()
}

/// The object store for uploaded documents.
pub(crate) fn open_document_store(
    store: &crate::config::DocumentStore,
) -> anyhow::Result<std::sync::Arc<dyn object_store::ObjectStore>> {
    Ok(match store {
        crate::config::DocumentStore::Memory => {
            std::sync::Arc::new(object_store::memory::InMemory::new())
        }
        #[cfg(feature = "s3")]
        crate::config::DocumentStore::S3 { bucket, prefix } => {
            let store = object_store::aws::AmazonS3Builder::from_env()
                .with_url(bucket.as_str())
                .build()
                .with_context(|| format!("ENDORSE_DOCUMENT_STORE: cannot use {bucket}"))?;
            if prefix.is_empty() {
                std::sync::Arc::new(store)
            } else {
                std::sync::Arc::new(object_store::prefix::PrefixStore::new(
                    store,
                    prefix.as_str(),
                ))
            }
        }
        #[cfg(not(feature = "s3"))]
        crate::config::DocumentStore::S3 { .. } => {
            anyhow::bail!("ENDORSE_DOCUMENT_STORE: this build of endorse has no S3 support")
        }
        crate::config::DocumentStore::Directory(dir) => {
            std::fs::create_dir_all(dir).with_context(|| {
                format!(
                    "ENDORSE_DOCUMENT_STORE: cannot create directory '{}'",
                    dir.display()
                )
            })?;
            std::sync::Arc::new(
                object_store::local::LocalFileSystem::new_with_prefix(dir).with_context(|| {
                    format!("ENDORSE_DOCUMENT_STORE: cannot use '{}'", dir.display())
                })?,
            )
        }
    })
}

fn worker_count() -> usize {
    std::thread::available_parallelism()
        .map(usize::from)
        .unwrap_or(2)
        .clamp(2, 8)
}

fn json_error(error: JsonPayloadError, _: &HttpRequest) -> actix_web::Error {
    let api_error = match &error {
        JsonPayloadError::OverflowKnownLength { .. } | JsonPayloadError::Overflow { .. } => {
            ApiError::PayloadTooLarge(
                Text::new("err-body-larger-than-kib-allowed").with("kib", JSON_LIMIT_BYTES / 1024),
            )
        }
        JsonPayloadError::ContentType => {
            ApiError::UnsupportedMediaType(Text::new("err-send-body-json-with-content-type"))
        }
        JsonPayloadError::Deserialize(inner) if inner.is_data() => ApiError::BadRequest(
            Text::new("err-json-does-not-have-expected-shape").with("inner", (inner).to_string()),
        ),
        JsonPayloadError::Deserialize(inner) => ApiError::BadRequest(
            Text::new("err-body-not-valid-json").with("inner", (inner).to_string()),
        ),
        other => ApiError::BadRequest(
            Text::new("err-body-could-not-read").with("other", (other).to_string()),
        ),
    };
    api_error.into()
}

fn query_error(error: QueryPayloadError, _: &HttpRequest) -> actix_web::Error {
    ApiError::BadRequest(Text::new("err-query-string-not-valid").with("error", (error).to_string()))
        .into()
}

fn path_error(error: PathError, _: &HttpRequest) -> actix_web::Error {
    let detail = match error {
        PathError::Deserialize(inner) => inner.to_string(),
        other => other.to_string(),
    };
    let detail = Text::new("problem-address-not-valid").with("detail", detail);
    ApiError::NotFound(detail).into()
}

#[cfg(test)]
mod tests {
    use super::open_document_store;
    use crate::config::DocumentStore;

    #[test]
    fn a_directory_and_memory_make_stores() {
        let dir = tempfile::tempdir().unwrap();
        assert!(open_document_store(&DocumentStore::Directory(dir.path().join("docs"))).is_ok());
        assert!(dir.path().join("docs").is_dir());
        assert!(open_document_store(&DocumentStore::Memory).is_ok());
    }

    #[cfg(feature = "s3")]
    #[test]
    fn an_s3_bucket_url_makes_a_store_without_contacting_it() {
        let store = open_document_store(&DocumentStore::S3 {
            bucket: "s3://endorse-documents".into(),
            prefix: "michigan".into(),
        });
        assert!(store.is_ok(), "{:?}", store.err());
    }
}
