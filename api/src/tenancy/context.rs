//! The association of one request: found by [`resolve`] before routing and
//! handed to handlers as a [`Tenant`].

use super::{base_path, issuer_of, public_url};
use crate::calendar::Calendar;
use crate::config::MailSettings;
use crate::db::platform::{self, Association};
use crate::db::Db;
use crate::error::ApiError;
use crate::issuer::Issuer;
use crate::state::AppState;
use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::http::{header, StatusCode, Uri};
use actix_web::middleware::Next;
use actix_web::{web, FromRequest, HttpMessage, HttpRequest, HttpResponse};
use endorse_shared::i18n::Text;
use object_store::ObjectStore;
use std::future::{ready, Ready};
use std::sync::Arc;

/// One request's association, and the deployment's shared parts (through
/// `Deref` to [`AppState`]: the clock, the token keys, the settings). The
/// association's records, documents, mail and issuer are reachable only
/// from here.
#[derive(Clone)]
pub struct Tenant {
    app: web::Data<AppState>,
    /// The association, as the platform keeps it.
    pub association: Arc<Association>,
    /// Its database.
    pub db: Db,
    /// Where people reach it, without a trailing slash.
    pub public_url: String,
    /// The path its app and API live under (`""` or `/a/{code}`).
    pub base_path: String,
    /// Its mail: name, sender, reply-to and signature.
    pub mail_settings: MailSettings,
    /// Its issuer.
    pub issuer: Issuer,
    /// Its documents' bytes.
    pub documents: Arc<dyn ObjectStore>,
    /// Its days.
    pub calendar: Calendar,
}

impl std::ops::Deref for Tenant {
    type Target = AppState;
    fn deref(&self) -> &AppState {
        &self.app
    }
}

impl Tenant {
    /// The association's parts, for one request or one round of the worker.
    pub fn new(app: web::Data<AppState>, association: Association) -> crate::db::DbResult<Self> {
        let db = app.associations.db(&association)?;
        let settings = &app.settings;
        let mut mail_settings = settings.mail.clone();
        mail_settings.association_name = association.name.clone();
        mail_settings.from = association.mail_from.clone();
        mail_settings.reply_to = association.mail_reply_to.clone();
        mail_settings.signature = association.mail_signature.clone();
        let documents: Arc<dyn ObjectStore> = if association.storage.is_empty() {
            app.documents.clone()
        } else {
            Arc::new(object_store::prefix::PrefixStore::new(
                app.documents.clone(),
                format!("associations/{}", association.code),
            ))
        };
        Ok(Self {
            calendar: Calendar::new(&association.time_zone),
            public_url: public_url(settings, &association),
            base_path: base_path(&association),
            issuer: issuer_of(settings, &association),
            association: Arc::new(association),
            mail_settings,
            documents,
            db,
            app,
        })
    }

    /// Today, as the association counts days.
    pub fn today(&self) -> chrono::NaiveDate {
        self.calendar.day_of(self.clock.now())
    }

    /// The association's code.
    pub fn code(&self) -> &str {
        &self.association.code
    }

    /// What mail templates need: the association's mail settings and the
    /// public address for links.
    pub fn mail(&self) -> crate::mail::templates::Context<'_> {
        crate::mail::templates::Context {
            mail: &self.mail_settings,
            public_url: &self.public_url,
            calendar: self.calendar,
            lang: self.association.language.parse().unwrap_or_default(),
            unconfirmed: false,
        }
    }

    /// The deployment's state.
    pub fn app(&self) -> &web::Data<AppState> {
        &self.app
    }

    /// Records in the association's log that `who` downloaded `what` (an
    /// export of its records).
    pub async fn record_export(
        &self,
        who: crate::db::association_log::By,
        what: String,
    ) -> crate::db::DbResult<()> {
        use crate::db::association_log::{self, Subject};
        let now = self.clock.now();
        self.db
            .transaction(move |conn| {
                association_log::record_about(
                    conn,
                    who.actor(),
                    Some(Subject::of(endorse_shared::trail::TrailKind::Export, &what)),
                    ("export_downloaded", &format!("Downloaded {what}")),
                    now,
                )
            })
            .await
    }
}

impl FromRequest for Tenant {
    type Error = ApiError;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(request: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(
            request
                .extensions()
                .get::<Tenant>()
                .cloned()
                .ok_or_else(|| ApiError::NotFound(Text::new("err-address-belongs-no-association"))),
        )
    }
}

/// Paths that belong to the deployment, not to an association.
fn is_deployment_path(path: &str) -> bool {
    path == "/healthz" || path == "/readyz" || path == "/platform" || path.starts_with("/platform/")
}

/// The request's host name, lowercase and without the port: the `Host`
/// header (HTTP/1.1) or the URI's authority (HTTP/2). Never a forwarded
/// header, which any client can write.
fn host_of(request: &ServiceRequest) -> Option<String> {
    let raw = request
        .headers()
        .get(header::HOST)
        .and_then(|value| value.to_str().ok())
        .map(str::to_string)
        .or_else(|| request.uri().host().map(str::to_string))?;
    let host = if raw.starts_with('[') {
        raw.split(']').next().map(|h| format!("{h}]"))?
    } else {
        raw.split(':').next()?.to_string()
    };
    Some(host.to_ascii_lowercase())
}

/// The code in an `/a/{code}` or `/a/{code}/…` path, and the rest.
fn path_code(path: &str) -> Option<(&str, &str)> {
    let rest = path.strip_prefix("/a/")?;
    let (code, tail) = match rest.find('/') {
        Some(slash) => (&rest[..slash], &rest[slash..]),
        None => (rest, ""),
    };
    Some((code, tail))
}

/// Which association a request is for: the one whose own host name it
/// came to; on any other host, the one its `/a/{code}/` path names; else the
/// default association. The `/a/{code}` part is taken off the path, so
/// routes are the same for every association.
enum Found {
    Association(Box<Association>, Option<String>),
    Redirect(String),
    Nowhere(Text),
}

fn choose(candidates: Vec<Association>, host: Option<&str>, path: &str, query: &str) -> Found {
    if let Some(own) = candidates
        .iter()
        .find(|a| host.is_some() && a.host.as_deref() == host)
    {
        return Found::Association(Box::new(own.clone()), None);
    }
    if let Some((code, tail)) = path_code(path) {
        return match candidates
            .iter()
            .find(|a| a.code == code && a.host.is_none())
        {
            Some(association) if tail.is_empty() => {
                Found::Redirect(format!("/a/{}/{query}", association.code))
            }
            Some(association) => {
                Found::Association(Box::new(association.clone()), Some(tail.to_string()))
            }
            None => Found::Nowhere(Text::new("association-none-at-address").with("code", code)),
        };
    }
    match candidates.into_iter().find(|a| a.is_default) {
        Some(default) => Found::Association(Box::new(default), None),
        None => Found::Nowhere(Text::new("err-address-belongs-no-association")),
    }
}

/// Middleware (for `actix_web::middleware::from_fn`): finds the request's
/// association, takes `/a/{code}` off its path, and leaves a [`Tenant`] in
/// its extensions. A request for no association is a 404 here, before any
/// route.
pub async fn resolve(
    mut request: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let path = request.path().to_string();
    if is_deployment_path(&path) {
        return Ok(next.call(request).await?.map_into_boxed_body());
    }
    let Some(app) = request.app_data::<web::Data<AppState>>().cloned() else {
        return Ok(request.error_response(ApiError::Internal("application state missing".into())));
    };
    let host = host_of(&request);
    let code = path_code(&path).map(|(code, _)| code.to_string());
    let lookup_host = host.clone();
    let candidates = app
        .associations
        .platform()
        .run(move |conn| platform::candidates(conn, lookup_host.as_deref(), code.as_deref()))
        .await;
    let candidates = match candidates {
        Ok(candidates) => candidates,
        Err(error) => return Ok(request.error_response(ApiError::from(error))),
    };
    let query = request
        .uri()
        .query()
        .map_or(String::new(), |q| format!("?{q}"));
    match choose(candidates, host.as_deref(), &path, &query) {
        Found::Nowhere(why) if wants_page(&request) => Ok(request.into_response(
            HttpResponse::NotFound()
                .content_type("text/html; charset=utf-8")
                .insert_header((header::CACHE_CONTROL, "no-store"))
                .body(nowhere_page(&why.say(crate::http::language::current()))),
        )),
        Found::Nowhere(why) => Ok(request.error_response(ApiError::NotFound(why))),
        Found::Redirect(location) => Ok(request.into_response(
            HttpResponse::build(StatusCode::PERMANENT_REDIRECT)
                .insert_header((header::LOCATION, location))
                .finish(),
        )),
        Found::Association(association, rest) => {
            if let Some(rest) = rest {
                // The deployment's own addresses are not an association's.
                if is_deployment_path(&rest) {
                    return Ok(request.error_response(ApiError::NotFound(
                        Text::new("err-deployments-own-address-not-associations")
                            .with("rest", (rest).to_string()),
                    )));
                }
                let rewritten = format!("{rest}{query}");
                match rewritten.parse::<Uri>() {
                    Ok(uri) => {
                        request.match_info_mut().get_mut().update(&uri);
                        request.head_mut().uri = uri;
                    }
                    Err(_) => {
                        return Ok(request.error_response(ApiError::NotFound(Text::new(
                            "err-address-not-valid",
                        ))))
                    }
                }
            }
            // The first request for an association opens its pool: blocking
            // work, kept off the async worker.
            let tenant = match actix_web::web::block(move || Tenant::new(app, *association)).await {
                Ok(Ok(tenant)) => tenant,
                Ok(Err(error)) => return Ok(request.error_response(ApiError::from(error))),
                Err(_) => {
                    return Ok(request
                        .error_response(ApiError::Internal("blocking pool unavailable".into())))
                }
            };
            crate::http::language::association(tenant.association.language.parse().ok());
            request.extensions_mut().insert(tenant);
            Ok(next.call(request).await?.map_into_boxed_body())
        }
    }
}

/// Whether a browser is opening a page (not the app calling the API).
fn wants_page(request: &ServiceRequest) -> bool {
    let path = request.path();
    let api = path.contains("/api/") || path.starts_with("/.well-known/");
    !api && request
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"))
}

/// The page a browser gets for an address no association answers.
fn nowhere_page(why: &str) -> String {
    let why = crate::mail::templates::escape(why);
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>No association here \u{b7} Endorse</title>\
         <style>body{{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#1b1b1b}}a{{color:#154441}}</style>\
         </head><body><main><h1>No association here</h1><p>{why}</p>\
         <p>Check the address you were given, or <a href=\"/\">go to the home page</a>.</p></main></body></html>"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn association(code: &str, host: Option<&str>, is_default: bool) -> Association {
        let now = chrono::NaiveDateTime::default();
        Association {
            code: code.into(),
            name: code.to_uppercase(),
            host: host.map(Into::into),
            storage: code.into(),
            is_default,
            time_zone: "UTC".into(),
            currency: "USD".into(),
            language: "en".into(),
            primary_colour: "#000000".into(),
            accent_colour: "#000000".into(),
            logo: None,
            mail_from: String::new(),
            mail_reply_to: String::new(),
            mail_signature: String::new(),
            smtp_url_sealed: None,
            registry_shared: false,
            version: 1,
            created_at: now,
            updated_at: now,
        }
    }

    fn all() -> Vec<Association> {
        vec![
            association("main", None, true),
            association("mi", Some("mi.example.org"), false),
            association("ny", None, false),
        ]
    }

    fn code_of(found: Found) -> Option<(String, Option<String>)> {
        match found {
            Found::Association(a, rest) => Some((a.code, rest)),
            _ => None,
        }
    }

    #[test]
    fn an_own_host_wins_and_keeps_its_path() {
        let found = choose(all(), Some("mi.example.org"), "/a/ny/api/v1/me", "");
        assert_eq!(code_of(found), Some(("mi".into(), None)));
    }

    #[test]
    fn a_path_on_a_shared_host_names_the_association_and_is_taken_off() {
        let found = choose(all(), Some("endorse.example.org"), "/a/ny/api/v1/me", "");
        assert_eq!(
            code_of(found),
            Some(("ny".into(), Some("/api/v1/me".into())))
        );
    }

    #[test]
    fn an_association_with_its_own_host_is_not_reached_by_path() {
        let found = choose(all(), Some("endorse.example.org"), "/a/mi/api/v1/me", "");
        assert!(matches!(found, Found::Nowhere(_)));
    }

    #[test]
    fn the_bare_path_redirects_to_the_slash() {
        let found = choose(all(), None, "/a/ny", "?x=1");
        assert!(matches!(found, Found::Redirect(ref to) if to == "/a/ny/?x=1"));
    }

    #[test]
    fn anything_else_is_the_default_or_nowhere() {
        let found = choose(all(), Some("other.example"), "/api/v1/me", "");
        assert_eq!(code_of(found), Some(("main".into(), None)));
        let found = choose(all(), Some("other.example"), "/a/zz/x", "");
        assert!(matches!(found, Found::Nowhere(_)));
        let none = vec![association("ny", None, false)];
        assert!(matches!(choose(none, None, "/", ""), Found::Nowhere(_)));
    }

    #[test]
    fn hosts_lose_their_port_and_case() {
        let request = actix_web::test::TestRequest::default()
            .insert_header((header::HOST, "MI.Example.org:8443"))
            .to_srv_request();
        assert_eq!(host_of(&request).as_deref(), Some("mi.example.org"));
    }
}
