//! Serves the built single-page app. Any non-API path that is not a file gets
//! `index.html`, so deep links work on reload; the SPA's router then shows the
//! page or its own not-found page.

use actix_files::NamedFile;
use actix_web::http::header::{self, CacheControl, CacheDirective, ContentEncoding, HeaderValue};
use actix_web::{guard, web, HttpRequest, HttpResponse, Resource};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

/// The built app in `dir`: each file as it is, or its precompressed
/// sibling (`.br`, `.gz`, written by `cargo xtask spa`) when the client
/// accepts that encoding; a file whose name carries a content hash
/// (`app.3f9c1a2b4d.js`) is cached for a year, as it never changes; any
/// other path gets `index.html`, never cached, so deep links work on
/// reload and a new build is picked up at once.
pub fn service(dir: &Path) -> Resource {
    let dir = Arc::new(dir.to_path_buf());
    web::resource("/{tail:.*}").route(
        web::route()
            .guard(guard::Any(guard::Get()).or(guard::Head()))
            .to(move |request: HttpRequest| {
                let dir = dir.clone();
                async move { serve(&request, &dir).await }
            }),
    )
}

/// The file `path` names under `dir`, if it is a plain relative path to a
/// file that is not itself a precompressed copy.
fn file_in(dir: &Path, path: &str) -> Option<PathBuf> {
    let relative = Path::new(path.trim_start_matches('/'));
    if relative.as_os_str().is_empty()
        || !relative
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
    {
        return None;
    }
    let extension = relative.extension().and_then(|e| e.to_str());
    if matches!(extension, Some("br" | "gz")) {
        return None;
    }
    let file = dir.join(relative);
    file.is_file().then_some(file)
}

/// Whether a file's name carries a content hash: a part of ten hex digits
/// before its extension, as `cargo xtask spa` names them.
pub fn is_hashed(name: &str) -> bool {
    let parts: Vec<&str> = name.split('.').collect();
    parts.len() >= 3
        && parts[parts.len() - 2].len() == 10
        && parts[parts.len() - 2]
            .bytes()
            .all(|b| b.is_ascii_hexdigit())
}

/// Whether the request's `Accept-Encoding` takes `coding` (not with q=0).
fn accepts(request: &HttpRequest, coding: &str) -> bool {
    request
        .headers()
        .get_all(header::ACCEPT_ENCODING)
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|item| {
            let mut parts = item.split(';').map(str::trim);
            let name = parts.next().unwrap_or_default();
            let refused =
                parts.any(|p| p.replace(' ', "") == "q=0" || p.replace(' ', "") == "q=0.0");
            name.eq_ignore_ascii_case(coding) && !refused
        })
}

fn with_suffix(file: &Path, suffix: &str) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

async fn serve(request: &HttpRequest, dir: &Path) -> HttpResponse {
    let Some(file) = file_in(dir, request.path()) else {
        return serve_index(request, &dir.join("index.html")).await;
    };
    let mut chosen = (file.clone(), None);
    for (coding, suffix, encoding) in [
        ("br", ".br", ContentEncoding::Brotli),
        ("gzip", ".gz", ContentEncoding::Gzip),
    ] {
        let sibling = with_suffix(&file, suffix);
        if accepts(request, coding) && sibling.is_file() {
            chosen = (sibling, Some(encoding));
            break;
        }
    }
    let Ok(named) = NamedFile::open_async(&chosen.0).await else {
        return serve_index(request, &dir.join("index.html")).await;
    };
    let extension = file
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default();
    let mut named = named
        .set_content_type(actix_files::file_extension_to_mime(extension))
        .use_etag(true)
        .use_last_modified(true);
    if let Some(encoding) = chosen.1 {
        named = named.set_content_encoding(encoding);
    }
    let mut response = named.into_response(request);
    let name = file
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    let caching = if is_hashed(name) {
        CacheControl(vec![
            CacheDirective::Public,
            CacheDirective::MaxAge(31_536_000),
            CacheDirective::Extension("immutable".into(), None),
        ])
    } else {
        CacheControl(vec![CacheDirective::NoCache])
    };
    let headers = response.headers_mut();
    if let Ok(value) = caching.to_string().parse() {
        headers.insert(header::CACHE_CONTROL, value);
    }
    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    response
}

async fn serve_index(request: &HttpRequest, index: &Path) -> HttpResponse {
    match NamedFile::open_async(index).await {
        Ok(file) => {
            let mut response = file.into_response(request);
            // The Content-Security-Policy is added by `http::policy`, as on
            // every HTML page.
            let headers = response.headers_mut();
            if let Ok(value) = CacheControl(vec![CacheDirective::NoCache])
                .to_string()
                .parse()
            {
                headers.insert(header::CACHE_CONTROL, value);
            }
            response
        }
        Err(_) => HttpResponse::NotFound()
            .content_type("text/plain; charset=utf-8")
            .body("Not found."),
    }
}

/// Shown at `/` when the app has not been built: says how to build it.
pub fn not_built(dir: &Path) -> Resource {
    let message = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Endorse</title></head>\
         <body><main><h1>Endorse is running, but the web app is not built</h1>\
         <p>No built app was found in <code>{}</code>. Run <code>cargo xtask run</code> from the \
         repository, or set <code>ENDORSE_STATIC_DIR</code>. The API is at <a href=\"/api/docs/\">/api/docs/</a>.</p>\
         </main></body></html>",
        html_escape(&dir.display().to_string())
    );
    actix_web::web::resource("/").to(move || {
        let message = message.clone();
        async move {
            HttpResponse::Ok()
                .content_type("text/html; charset=utf-8")
                .body(message)
        }
    })
}

fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
