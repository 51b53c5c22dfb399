//! Starting a server for one test, and talking to it.

use endorse_api::clock::ManualClock;
use endorse_api::config::{ConfigArgs, DatabaseUrl};
use endorse_api::db::users::{self, NewUser};
use endorse_api::db::Db;
use endorse_api::mail::worker::Worker;
use endorse_api::{auth::passwords, Application, Settings};
use endorse_shared::auth::{LoginRequest, SessionResponse};
use endorse_shared::{Problem, Role};
use reqwest::cookie::{CookieStore, Jar};
use reqwest::{Response, StatusCode};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::sync::Arc;

/// The secret the test servers sign access tokens with, so tests can forge tokens.
pub const JWT_SECRET: &str = "test-secret-that-is-at-least-32-bytes-long";
/// A password that passes validation.
pub const PASSWORD: &str = "correct horse battery staple";

/// A running server with a database of its own, as one association sees it
/// (the default one, unless [`TestApp::new_association`] made another).
#[derive(Clone)]
pub struct TestApp {
    pub base: String,
    pub client: reqwest::Client,
    pub jar: Arc<Jar>,
    pub db: Db,
    /// The deployment's state: its associations and settings.
    pub state: actix_web::web::Data<endorse_api::state::AppState>,
    /// The server's clock: stands still until a test moves it.
    pub clock: ManualClock,
    /// The mail worker, whose rounds tests run by hand.
    pub worker: Worker,
    _database: Arc<TestDatabase>,
    _data_dir: Arc<tempfile::TempDir>,
}

/// The database of one test; a PostgreSQL one is dropped with it.
pub enum TestDatabase {
    Sqlite,
    /// Another process's: its owner drops it.
    Shared,
    #[cfg_attr(not(feature = "postgres"), allow(dead_code))]
    Postgres {
        admin_url: String,
        name: String,
    },
}

impl TestDatabase {
    /// A fresh database for the backend this run tests.
    pub fn create(data_dir: &std::path::Path) -> (Self, DatabaseUrl) {
        match std::env::var("ENDORSE_TEST_POSTGRES_URL") {
            Ok(admin_url) if !admin_url.is_empty() => create_postgres(&admin_url),
            _ => (
                TestDatabase::Sqlite,
                DatabaseUrl::Sqlite(data_dir.join("test.db")),
            ),
        }
    }
}

#[cfg(feature = "postgres")]
fn create_postgres(admin_url: &str) -> (TestDatabase, DatabaseUrl) {
    use diesel::connection::SimpleConnection;
    use diesel::Connection;
    let name = format!("endorse_test_{}", uuid::Uuid::new_v4().simple());
    let mut conn = diesel::PgConnection::establish(admin_url).expect("connect to PostgreSQL");
    conn.batch_execute(&format!("CREATE DATABASE {name}"))
        .expect("create test database");
    let url = with_database(admin_url, &name);
    (
        TestDatabase::Postgres {
            admin_url: admin_url.to_string(),
            name,
        },
        DatabaseUrl::Postgres(url),
    )
}

#[cfg(not(feature = "postgres"))]
fn create_postgres(_: &str) -> (TestDatabase, DatabaseUrl) {
    panic!("ENDORSE_TEST_POSTGRES_URL is set but the tests were built without the postgres feature")
}

/// Replaces the database name in a PostgreSQL URL.
#[cfg_attr(not(feature = "postgres"), allow(dead_code))]
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, format!("?{query}")),
        None => (url, String::new()),
    };
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let host_part = match base[scheme_end..].find('/') {
        Some(slash) => &base[..scheme_end + slash],
        None => base,
    };
    format!("{host_part}/{name}{query}")
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        #[cfg(feature = "postgres")]
        if let TestDatabase::Postgres { admin_url, name } = self {
            use diesel::connection::SimpleConnection;
            use diesel::Connection;
            if let Ok(mut conn) = diesel::PgConnection::establish(admin_url) {
                let _ = conn.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
                // The associations' roles are the cluster's: they go too.
                let prefix = endorse_api::tenancy::role_prefix_for(name);
                let _ = conn.batch_execute(&format!(
                    "DO $$ DECLARE r record; BEGIN \
                     FOR r IN SELECT rolname FROM pg_roles WHERE starts_with(rolname, '{prefix}_') LOOP \
                     EXECUTE format('DROP ROLE %I', r.rolname); END LOOP; END $$"
                ));
            }
        }
    }
}

/// Settings for a test server: a free port, a temporary data dir, a known secret.
pub fn test_settings(data_dir: &std::path::Path, database: DatabaseUrl) -> Settings {
    let args = ConfigArgs {
        bind: Some("127.0.0.1:0".into()),
        data_dir: Some(data_dir.to_path_buf()),
        static_dir: Some(data_dir.join("no-app")),
        jwt_secret: Some(JWT_SECRET.into()),
        ..ConfigArgs::default()
    };
    let mut settings = Settings::from_args(&args).expect("test settings");
    settings.database = database;
    // Tests run the mail worker's rounds by hand.
    settings.mail.worker_interval_seconds = None;
    // A test's mail is its own: the admins' digest only where a test asks.
    settings.admin_digest = false;
    settings
}

/// Starts a server for one test.
pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// Starts a server for one test, after adjusting its settings.
pub async fn spawn_app_with(adjust: impl FnOnce(&mut Settings)) -> TestApp {
    spawn_processes_with(1, adjust).await.remove(0)
}

/// Starts `count` server processes for one test, sharing one database, one
/// document store and one clock, as several `endorse serve` behind a load
/// balancer would. The first owns the database.
pub async fn spawn_processes_with(
    count: usize,
    adjust: impl FnOnce(&mut Settings),
) -> Vec<TestApp> {
    let data_dir = tempfile::tempdir().expect("temp dir");
    let (database, url) = TestDatabase::create(data_dir.path());
    let mut settings = test_settings(data_dir.path(), url);
    adjust(&mut settings);
    let clock = ManualClock::new(chrono::Utc::now());
    let mut apps = Vec::with_capacity(count);
    let mut owned = Some((database, data_dir));
    for _ in 0..count {
        let (database, data_dir) = owned.take().unwrap_or_else(|| {
            // Only the first drops the database and the directory.
            (TestDatabase::Shared, tempfile::tempdir().expect("temp dir"))
        });
        apps.push(start(settings.clone(), clock.clone(), database, data_dir));
    }
    apps
}

/// Starts one server on a database made beforehand (the upgrade tests).
pub fn start(
    settings: Settings,
    clock: ManualClock,
    database: TestDatabase,
    data_dir: tempfile::TempDir,
) -> TestApp {
    let app =
        Application::build_with_clock(settings, Arc::new(clock.clone())).expect("build the app");
    let base = format!("http://127.0.0.1:{}", app.port());
    let db = app.db().expect("the default association's database");
    let state = app.state();
    let worker = app.mail_worker();
    actix_web::rt::spawn(app.run_until_stopped());
    let jar = Arc::new(Jar::default());
    TestApp {
        base,
        client: client_with(jar.clone()),
        jar,
        db,
        state,
        clock,
        worker,
        _database: Arc::new(database),
        _data_dir: Arc::new(data_dir),
    }
}

/// A client that keeps cookies, like a browser.
pub fn new_client() -> reqwest::Client {
    client_with(Arc::new(Jar::default()))
}

fn client_with(jar: Arc<Jar>) -> reqwest::Client {
    client_builder(jar).build().expect("http client")
}

/// A browser-like client that lets an idle connection go well before the
/// server's keep-alive (five seconds) closes it: a request sent on a
/// connection the server is closing that instant fails with "incomplete
/// message", which a slow step between two calls made happen in CI.
fn client_builder(jar: Arc<Jar>) -> reqwest::ClientBuilder {
    reqwest::Client::builder()
        .cookie_provider(jar)
        .pool_idle_timeout(std::time::Duration::from_secs(1))
}

impl TestApp {
    /// Makes an association on this deployment and returns the deployment as
    /// it sees it: at `/a/{code}` on the same address, or at its own host
    /// name (which the client resolves to the server), with a client and a
    /// cookie jar of its own.
    pub fn new_association(&self, code: &str, host: Option<&str>) -> TestApp {
        let state = &self.state;
        let made = state
            .associations
            .create(
                &endorse_api::tenancy::NewAssociation {
                    code: code.into(),
                    name: format!("{} Association", code.to_uppercase()),
                    host: host.map(Into::into),
                    time_zone: "America/Detroit".into(),
                },
                &state.settings,
                &self.clock,
            )
            .expect("make the association");
        let port = reqwest::Url::parse(&self.base)
            .ok()
            .and_then(|url| url.port())
            .expect("the test server's port");
        let jar = Arc::new(Jar::default());
        let mut client = client_builder(jar.clone());
        let base = match host {
            Some(host) => {
                client = client.resolve(host, std::net::SocketAddr::from(([127, 0, 0, 1], port)));
                format!("http://{host}:{port}")
            }
            None => format!("{}/a/{code}", self.base),
        };
        TestApp {
            base,
            client: client.build().expect("http client"),
            jar,
            db: state.associations.db(&made).expect("its database"),
            ..self.clone()
        }
    }

    /// The deployment as the association at `/a/{code}` sees it (one made
    /// through the API), with a client of its own.
    pub fn at_path(&self, code: &str) -> TestApp {
        let jar = Arc::new(Jar::default());
        let made = self
            .state
            .associations
            .list()
            .expect("list")
            .into_iter()
            .find(|a| a.code == code)
            .expect("the association");
        TestApp {
            base: format!("{}/a/{code}", self.base),
            client: client_with(jar.clone()),
            jar,
            db: self.state.associations.db(&made).expect("its database"),
            ..self.clone()
        }
    }

    /// This association, through `other`'s client and cookie jar (one
    /// browser visiting two associations).
    pub fn with_browser_of(&self, other: &TestApp) -> TestApp {
        TestApp {
            client: other.client.clone(),
            jar: other.jar.clone(),
            ..self.clone()
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// The refresh token the client's cookie jar holds now, if any.
    pub fn refresh_cookie(&self) -> Option<String> {
        let url = reqwest::Url::parse(&self.url("/api/v1/auth/refresh")).ok()?;
        let header = self.jar.cookies(&url)?;
        let header = header.to_str().ok()?.to_string();
        header.split("; ").find_map(|pair| {
            pair.strip_prefix(&format!("{}=", endorse_shared::auth::REFRESH_COOKIE))
                .map(str::to_string)
        })
    }

    pub async fn post<B: Serialize>(&self, path: &str, body: &B) -> Response {
        self.client
            .post(self.url(path))
            .json(body)
            .send()
            .await
            .expect("request")
    }

    pub async fn post_empty(&self, path: &str) -> Response {
        self.client
            .post(self.url(path))
            .send()
            .await
            .expect("request")
    }

    pub async fn post_empty_as(&self, path: &str, token: &str) -> Response {
        self.client
            .post(self.url(path))
            .bearer_auth(token)
            .send()
            .await
            .expect("request")
    }

    pub async fn get_as(&self, path: &str, token: &str) -> Response {
        self.client
            .get(self.url(path))
            .bearer_auth(token)
            .send()
            .await
            .expect("request")
    }

    pub async fn post_as<B: Serialize>(&self, path: &str, token: &str, body: &B) -> Response {
        self.client
            .post(self.url(path))
            .bearer_auth(token)
            .json(body)
            .send()
            .await
            .expect("request")
    }

    pub async fn patch_as<B: Serialize>(&self, path: &str, token: &str, body: &B) -> Response {
        self.client
            .patch(self.url(path))
            .bearer_auth(token)
            .json(body)
            .send()
            .await
            .expect("request")
    }

    pub async fn put_as<B: Serialize>(
        &self,
        path: &str,
        token: &str,
        if_match: Option<&str>,
        body: &B,
    ) -> Response {
        let mut request = self
            .client
            .put(self.url(path))
            .bearer_auth(token)
            .json(body);
        if let Some(version) = if_match {
            request = request.header("if-match", version);
        }
        request.send().await.expect("request")
    }

    pub async fn delete_as(&self, path: &str, token: &str, if_match: Option<&str>) -> Response {
        let mut request = self.client.delete(self.url(path)).bearer_auth(token);
        if let Some(version) = if_match {
            request = request.header("if-match", version);
        }
        request.send().await.expect("request")
    }

    /// A DELETE with a JSON body, as `token`.
    pub async fn delete_json_as<B: Serialize>(
        &self,
        path: &str,
        token: &str,
        body: &B,
    ) -> Response {
        self.client
            .delete(self.url(path))
            .bearer_auth(token)
            .json(body)
            .send()
            .await
            .expect("request")
    }

    /// Uploads `body` as the document `name` for the account of `token`.
    pub async fn upload(&self, token: &str, name: &str, body: Vec<u8>) -> Response {
        self.client
            .post(self.url(&format!("/api/v1/me/documents?name={name}")))
            .bearer_auth(token)
            .header("content-type", "application/octet-stream")
            .body(body)
            .send()
            .await
            .expect("request")
    }

    /// Registers an applicant through the API and returns the session.
    ///
    /// The person then confirms the address, as most do, from the link the
    /// registration mails (opened before the worker delivers it, so that
    /// message is skipped and a test's mail is only its own).
    pub async fn register(&self, email: &str, name: &str) -> SessionResponse {
        let session = self.register_unconfirmed(email, name).await;
        self.confirm_address(session.user.id).await;
        session
    }

    /// Registers an applicant who has not confirmed the address yet.
    pub async fn register_unconfirmed(&self, email: &str, name: &str) -> SessionResponse {
        let response = self
            .post(
                "/api/v1/auth/register",
                &serde_json::json!({ "email": email, "name": name, "password": PASSWORD }),
            )
            .await;
        expect_json(response, StatusCode::CREATED).await
    }

    /// The token of the newest live link of `purpose` (`password_reset`,
    /// `email_confirm`) mailed to `user`, made as delivery makes it.
    pub async fn newest_account_link(
        &self,
        user: endorse_shared::UserId,
        purpose: &'static str,
    ) -> Option<String> {
        use diesel::prelude::*;
        use endorse_api::schema::account_links;
        let nonce: Option<String> = self
            .db
            .run(move |conn| {
                Ok(account_links::table
                    .filter(account_links::user_id.eq(user.to_string()))
                    .filter(account_links::purpose.eq(purpose))
                    .filter(account_links::used_at.is_null())
                    .filter(account_links::retired_at.is_null())
                    .select(account_links::nonce)
                    .first(conn)
                    .optional()?)
            })
            .await
            .expect("account links");
        nonce.map(|nonce| self.state.account_links.token_for(&nonce))
    }

    /// Opens the newest link mailed to `user` to confirm an address.
    pub async fn confirm_address(&self, user: endorse_shared::UserId) {
        let token = self
            .newest_account_link(user, "email_confirm")
            .await
            .expect("a link to confirm the address");
        let response = self
            .post(
                "/api/v1/auth/email/confirm",
                &serde_json::json!({ "token": token }),
            )
            .await;
        assert_eq!(response.status(), StatusCode::OK, "confirming the address");
    }

    /// Signs in through the API.
    pub async fn login(&self, email: &str, password: &str) -> Response {
        self.post(
            "/api/v1/auth/login",
            &LoginRequest {
                email: email.into(),
                password: password.into(),
                code: None,
            },
        )
        .await
    }

    /// Creates an account directly in the database (no password change due) and
    /// signs it in, returning its access token.
    pub async fn user_with_role(&self, role: Role, email: &str) -> String {
        let new = NewUser {
            email: email.to_string(),
            name: format!("{} Example", role.label()),
            role,
            password_hash: passwords::hash(PASSWORD).expect("hash"),
            must_change_password: false,
        };
        let db = self.db.clone();
        db.run(move |conn| users::insert(conn, new))
            .await
            .expect("insert user");
        let session: SessionResponse =
            expect_json(self.login(email, PASSWORD).await, StatusCode::OK).await;
        session.access_token
    }
}

/// Asserts the status and decodes the body.
pub async fn expect_json<T: DeserializeOwned>(response: Response, status: StatusCode) -> T {
    let actual = response.status();
    let text = response.text().await.expect("body");
    assert_eq!(actual, status, "unexpected status; body: {text}");
    serde_json::from_str(&text).unwrap_or_else(|error| panic!("cannot decode {text}: {error}"))
}

/// Asserts an error response: status, problem media type, request id in body and header.
pub async fn expect_problem(response: Response, status: StatusCode) -> Problem {
    let actual = response.status();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let header_id = response
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let text = response.text().await.expect("body");
    assert_eq!(actual, status, "unexpected status; body: {text}");
    assert_eq!(content_type, "application/problem+json", "body: {text}");
    let problem: Problem = serde_json::from_str(&text)
        .unwrap_or_else(|error| panic!("not a problem document {text}: {error}"));
    assert_eq!(problem.status, status.as_u16());
    assert!(problem.request_id.is_some(), "no request id in {text}");
    assert_eq!(
        problem.request_id, header_id,
        "body and header disagree on the request id"
    );
    problem
}

/// A reference request for `category` and a complete rating of it (every domain
/// answered "strong"), as the rating tests and the application tests use them.
pub fn rated_reference(
    category: &str,
    email: &str,
    relationship: endorse_shared::rulebook::Relationship,
    endorsed: bool,
) -> (
    endorse_shared::references::ReferenceRequestInput,
    endorse_shared::references::RatingAnswer,
) {
    let known_since = chrono::NaiveDate::from_ymd_opt(2018, 1, 1).expect("date");
    let request = endorse_shared::references::ReferenceRequestInput {
        category: category.into(),
        referee_name: format!("Referee {email}"),
        referee_email: email.into(),
        relationship,
        endorsement: endorsed.then(|| endorse_shared::references::RefereeEndorsement {
            category: "IMHM-C".into(),
            number: "MI-1".into(),
        }),
        known_since,
        waive_access: true,
        language: None,
    };
    (request, full_answer(relationship, known_since, 0))
}

/// A complete rating of an IFS applicant (the domains the default rulebook
/// asks IFS referees) with `not_enough` of them answered "not enough
/// information".
pub fn full_answer(
    relationship: endorse_shared::rulebook::Relationship,
    known_since: chrono::NaiveDate,
    not_enough: usize,
) -> endorse_shared::references::RatingAnswer {
    use endorse_shared::references::{Rating, RatingAnswer, Recommendation};
    let rulebook =
        endorse_shared::rulebook::Rulebook::default_rulebook().expect("default rulebook");
    let domains = rulebook.referee_domains(rulebook.category("IFS").expect("IFS"));
    RatingAnswer {
        relationship,
        known_since,
        ratings: domains
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let rating = if i < not_enough {
                    Rating::NotEnoughInformation
                } else {
                    Rating::Strong
                };
                (d.code.clone(), rating)
            })
            .collect(),
        comments: "Reflects deeply and works well with families.".into(),
        recommendation: Recommendation::Recommend,
    }
}

/// The referee's secret link of a request, as an admin copies it for a
/// referee who contacts the association (the applicant never receives it).
pub async fn referee_link(app: &TestApp, admin: &str, reference: &str) -> String {
    let copied: serde_json::Value = expect_json(
        app.get_as(&format!("/api/v1/references/{reference}/link"), admin)
            .await,
        StatusCode::OK,
    )
    .await;
    copied["link"].as_str().expect("a link").to_string()
}

/// The API path of a referee's link.
pub fn referee_api_path(link: &str) -> String {
    let token = link.rsplit('/').next().expect("token");
    format!("/api/v1/referee/{token}")
}
