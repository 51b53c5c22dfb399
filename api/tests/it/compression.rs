//! Responses are compressed as the client accepts: brotli where it may,
//! else gzip, else not at all. (That compression adds no fixed delay, the
//! Nagle and delayed-ACK stall, is measured by `cargo xtask bench`, not
//! timed here.)

use crate::helpers::*;
use endorse_shared::Role;
use reqwest::StatusCode;

#[actix_web::test]
async fn a_large_answer_is_compressed_as_the_client_accepts() {
    let app = spawn_app().await;
    let admin = app.user_with_role(Role::Admin, "admin@example.org").await;
    for (accepts, expected) in [
        ("br, gzip", Some("br")),
        ("gzip", Some("gzip")),
        ("identity", None),
    ] {
        let response = app
            .client
            .get(app.url("/api/v1/rulebooks/current"))
            .bearer_auth(&admin)
            .header("accept-encoding", accepts)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let encoding = response
            .headers()
            .get("content-encoding")
            .map(|v| v.to_str().unwrap().to_string());
        assert_eq!(encoding.as_deref(), expected, "{accepts}");
    }
}

#[actix_web::test]
async fn the_app_is_sent_precompressed_and_its_hashed_files_cached_for_a_year() {
    let app_dir = tempfile::tempdir().unwrap();
    let dir = app_dir.path();
    std::fs::write(
        dir.join("index.html"),
        "<!doctype html><html lang=\"en\"><title>Endorse</title></html>",
    )
    .unwrap();
    std::fs::write(dir.join("app.0123456789.js"), "console.log('plain');").unwrap();
    std::fs::write(dir.join("app.0123456789.js.br"), "brotli bytes").unwrap();
    std::fs::write(dir.join("app.0123456789.js.gz"), "gzip bytes").unwrap();
    std::fs::write(dir.join("robots.txt"), "User-agent: *\n").unwrap();
    let static_dir = dir.to_path_buf();
    let app = spawn_app_with(move |settings| settings.static_dir = static_dir).await;
    let get = |path: &'static str, accepts: &'static str| {
        let app = app.clone();
        async move {
            app.client
                .get(app.url(path))
                .header("accept-encoding", accepts)
                .send()
                .await
                .unwrap()
        }
    };
    for (accepts, encoding, body) in [
        ("gzip, deflate, br", Some("br"), "brotli bytes"),
        ("gzip", Some("gzip"), "gzip bytes"),
        ("br;q=0, gzip", Some("gzip"), "gzip bytes"),
        ("identity", None, "console.log('plain');"),
    ] {
        let response = get("/app.0123456789.js", accepts).await;
        assert_eq!(response.status(), StatusCode::OK);
        let headers = response.headers().clone();
        assert_eq!(
            headers.get("content-encoding").map(|v| v.to_str().unwrap()),
            encoding,
            "{accepts}"
        );
        assert!(
            headers["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/javascript")
                || headers["content-type"]
                    .to_str()
                    .unwrap()
                    .starts_with("application/javascript")
        );
        assert_eq!(
            headers["cache-control"],
            "public, max-age=31536000, immutable"
        );
        assert_eq!(headers["vary"], "accept-encoding");
        assert_eq!(response.text().await.unwrap(), body);
    }
    // Unhashed files and the app's page are asked for again each time.
    let robots = get("/robots.txt", "identity").await;
    assert_eq!(robots.headers()["cache-control"], "no-cache");
    assert_eq!(robots.text().await.unwrap(), "User-agent: *\n");
    for path in ["/", "/portfolio", "/app.0123456789.js.br", "/../secret"] {
        let page = get(path, "identity").await;
        assert_eq!(page.status(), StatusCode::OK, "{path}");
        assert_eq!(page.headers()["cache-control"], "no-cache", "{path}");
        assert!(
            page.text().await.unwrap().contains("<title>Endorse"),
            "{path}"
        );
    }
}
