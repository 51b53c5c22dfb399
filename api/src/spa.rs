//! Serves the built single-page app. Any non-API path that is not a file gets
//! `index.html`, so deep links work on reload; the SPA's router then shows the
//! page or its own not-found page.

use actix_files::{Files, NamedFile};
use actix_web::dev::{fn_service, ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, CacheControl, CacheDirective};
use actix_web::{HttpResponse, Resource};
use std::path::{Path, PathBuf};

/// The static file service for the built app in `dir`.
pub fn service(dir: &Path) -> Files {
    let index = dir.join("index.html");
    Files::new("/", dir)
        .index_file("index.html")
        .use_etag(true)
        .use_last_modified(true)
        .default_handler(fn_service(move |request: ServiceRequest| {
            let index = index.clone();
            async move { Ok(serve_index(request, &index).await) }
        }))
}

async fn serve_index(request: ServiceRequest, index: &PathBuf) -> ServiceResponse {
    let (request, _) = request.into_parts();
    let response = match NamedFile::open_async(index).await {
        Ok(file) => {
            let mut response = file.into_response(&request);
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
    };
    ServiceResponse::new(request, response)
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
