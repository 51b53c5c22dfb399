//! The harness of the browser journeys: the real server serving the real built
//! app, and headless Chromium driven through chromedriver.
//!
//! `cargo xtask test` builds the app and points `ENDORSE_TEST_STATIC_DIR` at it.
//! Chromium and chromedriver come from the system (`CHROMEDRIVER` overrides the
//! driver's path).

use anyhow::{bail, Context, Result};
use endorse_api::config::{ConfigArgs, DatabaseUrl};
use endorse_api::db::Db;
use endorse_api::{Application, Settings};
use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use std::net::TcpListener;
use std::path::PathBuf;
use std::time::Duration;
use tokio::process::{Child, Command};

pub mod seed;
pub mod smtp;
pub mod steps;
pub mod stripe;

/// How long a page may take to show what a step waits for.
pub const STEP_TIMEOUT: Duration = Duration::from_secs(20);

/// A running server with the built app, an empty SQLite database and a mail
/// server of its own.
pub struct Server {
    /// Its base URL.
    pub base: String,
    /// Its database.
    pub db: Db,
    /// Where its e-mail goes: a real SMTP server on loopback.
    pub smtp: smtp::SmtpServer,
    /// Where online payments go: a Stripe stand-in on loopback.
    pub stripe: stripe::StripeStandIn,
    /// The deployment's state (its associations).
    pub state: actix_web::web::Data<endorse_api::state::AppState>,
    _data_dir: tempfile::TempDir,
}

/// Starts the real server on a free port, serving the built app, with its mail
/// worker running and delivering to a test SMTP server, and online payment
/// through a Stripe stand-in.
pub async fn start_server() -> Result<Server> {
    let static_dir = PathBuf::from(std::env::var("ENDORSE_TEST_STATIC_DIR").context(
        "ENDORSE_TEST_STATIC_DIR is not set: run the browser tests through `cargo xtask test`",
    )?);
    if !static_dir.join("index.html").is_file() {
        bail!(
            "no built app in {} (run `cargo xtask spa`)",
            static_dir.display()
        );
    }
    let data_dir = tempfile::tempdir()?;
    let smtp = smtp::SmtpServer::start().await?;
    // The port is chosen first so that links in e-mail name the real address.
    let port = free_port()?;
    let args = ConfigArgs {
        bind: Some(format!("127.0.0.1:{port}")),
        public_url: Some(format!("http://127.0.0.1:{port}")),
        data_dir: Some(data_dir.path().to_path_buf()),
        static_dir: Some(static_dir),
        smtp_url: Some(smtp.url()),
        ..ConfigArgs::default()
    };
    let mut settings = Settings::from_args(&args)?;
    settings.database = DatabaseUrl::Sqlite(data_dir.path().join("journey.db"));
    settings.mail.worker_interval_seconds = Some(1);
    // A journey's mail is its own: no admins' digest.
    settings.admin_digest = false;
    let stripe = stripe::StripeStandIn::start()?;
    stripe.deliver_to(&format!("http://127.0.0.1:{port}/api/v1/payments/stripe"));
    settings.stripe = Some(endorse_api::config::StripeSettings {
        secret_key: endorse_api::config::Secret::new(stripe::SECRET_KEY.as_bytes().to_vec()),
        webhook_secret: endorse_api::config::Secret::new(
            stripe::WEBHOOK_SECRET.as_bytes().to_vec(),
        ),
        api_base: stripe.base().to_string(),
    });
    let app = Application::build(settings)?;
    let base = format!("http://127.0.0.1:{}", app.port());
    let db = app.db()?;
    let state = app.state();
    actix_web::rt::spawn(app.run_until_stopped());
    Ok(Server {
        base,
        db,
        smtp,
        stripe,
        state,
        _data_dir: data_dir,
    })
}

impl Server {
    /// The database of the association with this code.
    pub fn db_of(&self, code: &str) -> Result<Db> {
        let association = self
            .state
            .associations
            .list()?
            .into_iter()
            .find(|a| a.code == code)
            .with_context(|| format!("no association '{code}'"))?;
        Ok(self.state.associations.db(&association)?)
    }

    /// Makes a platform operator with the journeys' password.
    pub fn create_operator(&self, email: &str, name: &str, password: &str) -> Result<()> {
        endorse_api::tenancy::operators::create_operator(
            &self.state.associations,
            (email, name, password),
            chrono::Utc::now(),
        )?;
        Ok(())
    }

    /// Creates an account directly in the database, with a password of its own.
    pub async fn create_user(
        &self,
        role: endorse_shared::Role,
        email: &str,
        password: &str,
    ) -> Result<()> {
        let new = endorse_api::db::users::NewUser {
            email: email.to_string(),
            name: format!("{} Example", role.label()),
            role,
            password_hash: endorse_api::auth::passwords::hash(password)
                .map_err(|error| anyhow::anyhow!("hashing: {error}"))?,
            must_change_password: false,
        };
        // A seeded person has confirmed the address, as most have.
        self.db
            .run(move |conn| {
                let user = endorse_api::db::users::insert(conn, new)?;
                let now = chrono::Utc::now().naive_utc();
                endorse_api::db::users::set_email(conn, user.id, &user.email, Some(now), now)
            })
            .await?;
        Ok(())
    }
}

/// axe-core's script, installed by `cargo xtask test` (`npm ci` in
/// `tests/a11y`).
fn axe_source() -> Result<&'static str> {
    static SOURCE: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    SOURCE
        .get_or_init(|| {
            let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("a11y/node_modules/axe-core/axe.min.js");
            std::fs::read_to_string(path).ok()
        })
        .as_deref()
        .context("axe-core is missing: run `npm ci --prefix tests/a11y` (cargo xtask test does)")
}

/// Headless Chromium under chromedriver; both end when this is dropped.
pub struct Browser {
    /// The WebDriver session.
    pub client: Client,
    _driver: Child,
    _profile: tempfile::TempDir,
    downloads: tempfile::TempDir,
}

fn free_port() -> Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

impl Browser {
    /// Starts chromedriver and opens a headless Chromium window of this size.
    pub async fn start(width: u32, height: u32) -> Result<Self> {
        let driver_path = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
        let port = free_port()?;
        let driver = Command::new(&driver_path)
            .arg(format!("--port={port}"))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .with_context(|| {
                format!("cannot start {driver_path}: install chromium and chromium-driver")
            })?;
        let profile = tempfile::tempdir()?;
        let mut chrome = serde_json::Map::new();
        let mut args = vec![
            "--headless=new".to_string(),
            "--no-sandbox".into(),
            "--disable-gpu".into(),
            "--disable-dev-shm-usage".into(),
            "--disable-background-networking".into(),
            "--disable-component-update".into(),
            "--disable-sync".into(),
            "--no-first-run".into(),
            format!("--window-size={width},{height}"),
            format!("--user-data-dir={}", profile.path().display()),
        ];
        if let Ok(binary) = std::env::var("CHROME_BIN") {
            chrome.insert("binary".into(), binary.into());
        }
        args.sort();
        chrome.insert("args".into(), args.into());
        // Downloads land in a directory of the session's own, without asking.
        let downloads = tempfile::tempdir()?;
        chrome.insert(
            "prefs".into(),
            serde_json::json!({
                "download.default_directory": downloads.path().display().to_string(),
                "download.prompt_for_download": false,
                "download.directory_upgrade": true,
            }),
        );
        let mut capabilities = serde_json::Map::new();
        capabilities.insert("goog:chromeOptions".into(), chrome.into());

        // chromedriver needs a moment to listen; retry the connection until it does.
        let url = format!("http://127.0.0.1:{port}");
        let mut last_error = None;
        for _ in 0..100 {
            let connector = hyper_util::client::legacy::connect::HttpConnector::new();
            match ClientBuilder::new(connector)
                .capabilities(capabilities.clone())
                .connect(&url)
                .await
            {
                Ok(client) => {
                    return Ok(Self {
                        client,
                        _driver: driver,
                        _profile: profile,
                        downloads,
                    })
                }
                Err(error) => {
                    last_error = Some(error);
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            }
        }
        bail!("chromedriver did not start a session: {last_error:?}")
    }

    /// Opens a URL.
    pub async fn open(&self, url: &str) -> Result<()> {
        self.client.goto(url).await?;
        Ok(())
    }

    /// The page's sideways overflow in pixels (0 when nothing scrolls
    /// sideways).
    pub async fn sideways_overflow(&self) -> Result<i64> {
        let overflow = self
            .client
            .execute(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;",
                vec![],
            )
            .await?;
        Ok(overflow.as_i64().unwrap_or(i64::MAX))
    }

    /// The page's language, as `<html lang>` says it.
    pub async fn page_lang(&self) -> Result<String> {
        let lang = self
            .client
            .execute("return document.documentElement.lang;", vec![])
            .await?;
        Ok(lang.as_str().unwrap_or_default().to_string())
    }

    /// The id of the element that has focus (empty when none has).
    pub async fn focused_id(&self) -> Result<String> {
        let id = self
            .client
            .execute(
                "return document.activeElement ? document.activeElement.id : '';",
                vec![],
            )
            .await?;
        Ok(id.as_str().unwrap_or_default().to_string())
    }

    /// Waits for an element to appear.
    pub async fn wait_for(&self, css: &str) -> Result<Element> {
        self.client
            .wait()
            .at_most(STEP_TIMEOUT)
            .for_element(Locator::Css(css))
            .await
            .with_context(|| format!("no element matches `{css}`"))
    }

    /// Waits for the page's `<h1>` to contain the text, then checks the page
    /// as it stands ([`Browser::audit`]): every page a journey reaches is
    /// checked.
    pub async fn wait_for_heading(&self, text: &str) -> Result<()> {
        let xpath = format!(
            "//h1[contains(normalize-space(.), {})]",
            xpath_literal(text)
        );
        self.client
            .wait()
            .at_most(STEP_TIMEOUT)
            .for_element(Locator::XPath(&xpath))
            .await
            .with_context(|| format!("no heading containing '{text}'"))?;
        self.audit()
            .await
            .with_context(|| format!("on the page headed '{text}'"))
    }

    /// Checks the page as it stands at 1280 and at 360 px wide: axe-core
    /// finds no critical or serious violation (WCAG 2.2 AA, contrast and
    /// target sizes included) at either width, and nothing scrolls sideways
    /// on the phone. The window returns to its size after.
    pub async fn audit(&self) -> Result<()> {
        let (width, height) = self.client.get_window_size().await?;
        let mut found = Vec::new();
        for (w, h) in [(1280, 1000), (360, 800)] {
            self.client.set_window_size(w, h).await?;
            tokio::time::sleep(Duration::from_millis(150)).await;
            if w == 360 {
                let overflow = self.sideways_overflow().await?;
                if overflow != 0 {
                    found.push(format!("at 360 px the page scrolls {overflow} px sideways"));
                }
            }
            for violation in self.axe().await? {
                found.push(format!("at {w} px: {violation}"));
            }
        }
        self.client
            .set_window_size(u32::try_from(width)?, u32::try_from(height)?)
            .await?;
        tokio::time::sleep(Duration::from_millis(100)).await;
        if !found.is_empty() {
            let url = self
                .client
                .current_url()
                .await
                .map(|u| u.to_string())
                .unwrap_or_default();
            bail!("{url}:\n  {}", found.join("\n  "));
        }
        Ok(())
    }

    /// axe-core's critical and serious violations on the page, one line each.
    async fn axe(&self) -> Result<Vec<String>> {
        let loaded = self
            .client
            .execute("return typeof window.axe !== 'undefined';", vec![])
            .await?;
        if loaded != serde_json::Value::Bool(true) {
            self.client.execute(axe_source()?, vec![]).await?;
        }
        let found = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 window.axe.run(document, { resultTypes: ['violations'] }).then(r => done(
                   r.violations
                     .filter(v => v.impact === 'critical' || v.impact === 'serious')
                     .map(v => v.impact + ' ' + v.id + ' (' + v.help + '): '
                       + v.nodes.slice(0, 4).map(n => n.target.join(' ')).join(' | '))
                 ), e => done(['axe could not run: ' + e]));",
                vec![],
            )
            .await?;
        Ok(found
            .as_array()
            .map(|lines| {
                lines
                    .iter()
                    .filter_map(|l| l.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default())
    }

    /// Waits for any element to contain the text.
    pub async fn wait_for_text(&self, css: &str, text: &str) -> Result<Element> {
        let deadline = tokio::time::Instant::now() + STEP_TIMEOUT;
        loop {
            for element in self.client.find_all(Locator::Css(css)).await? {
                if element.text().await.unwrap_or_default().contains(text) {
                    return Ok(element);
                }
            }
            if tokio::time::Instant::now() > deadline {
                bail!("no `{css}` containing '{text}'");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Types into the field with this label's `for` id.
    pub async fn fill(&self, field_id: &str, text: &str) -> Result<()> {
        let input = self.wait_for(&format!("#{field_id}")).await?;
        input.clear().await?;
        input.send_keys(text).await?;
        Ok(())
    }

    /// Sets a date input (`YYYY-MM-DD`) the way a date picker does: typing into
    /// one depends on the browser's locale.
    pub async fn set_date(&self, field_id: &str, iso: &str) -> Result<()> {
        let input = self.wait_for(&format!("#{field_id}")).await?;
        let element = serde_json::to_value(&input)?;
        self.client
            .execute(
                "const el = arguments[0]; el.value = arguments[1]; \
                 el.dispatchEvent(new Event('input', { bubbles: true }));",
                vec![element, serde_json::Value::String(iso.to_string())],
            )
            .await?;
        Ok(())
    }

    /// Presses the button with exactly this text.
    pub async fn press(&self, text: &str) -> Result<()> {
        self.click_xpath(&format!(
            "//button[normalize-space(.)={}]",
            xpath_literal(text)
        ))
        .await
        .with_context(|| format!("no button '{text}'"))
    }

    /// Follows the link with exactly this text.
    pub async fn follow(&self, text: &str) -> Result<()> {
        self.click_xpath(&format!("//a[normalize-space(.)={}]", xpath_literal(text)))
            .await
            .with_context(|| format!("no link '{text}'"))
    }

    async fn click_xpath(&self, xpath: &str) -> Result<()> {
        let element = self
            .client
            .wait()
            .at_most(STEP_TIMEOUT)
            .for_element(Locator::XPath(xpath))
            .await?;
        element.click().await?;
        Ok(())
    }

    /// Waits for a download of this name to complete, and reads it.
    pub async fn wait_for_download(&self, name: &str) -> Result<Vec<u8>> {
        let path = self.downloads.path().join(name);
        let deadline = tokio::time::Instant::now() + STEP_TIMEOUT;
        loop {
            if let Ok(bytes) = std::fs::read(&path) {
                if !bytes.is_empty() {
                    return Ok(bytes);
                }
            }
            if tokio::time::Instant::now() > deadline {
                let seen: Vec<String> = std::fs::read_dir(self.downloads.path())?
                    .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().to_string()))
                    .collect();
                bail!("no download '{name}' (the directory holds {seen:?})");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Saves a screenshot under `target/journeys/` (kept for a failed run).
    pub async fn screenshot(&self, name: &str) -> Result<PathBuf> {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/journeys");
        std::fs::create_dir_all(&dir)?;
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, self.client.screenshot().await?)?;
        Ok(path)
    }

    /// Ends the session, first saving a screenshot if the journey failed, and
    /// returns the journey's outcome.
    pub async fn finish(self, name: &str, outcome: Result<()>) -> Result<()> {
        if outcome.is_err() {
            match self.screenshot(name).await {
                Ok(path) => eprintln!("screenshot of the failure: {}", path.display()),
                Err(error) => eprintln!("no screenshot of the failure: {error:#}"),
            }
        }
        let closed = self.client.close().await;
        outcome?;
        closed?;
        Ok(())
    }
}

fn xpath_literal(text: &str) -> String {
    if text.contains('\'') {
        format!("\"{text}\"")
    } else {
        format!("'{text}'")
    }
}
