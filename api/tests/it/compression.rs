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
