//! `endorse check`: the configuration, the database, the document store,
//! the mail transport and the signing keys, in one screen, each with what
//! to fix. Safe beside a running server: it writes nothing but a probe it
//! deletes again from the document store (and the platform's pending
//! migrations, as any command that opens the deployment does).

use crate::config::{DatabaseUrl, DocumentStore, Settings};
use object_store::path::Path as StorePath;
use object_store::{ObjectStoreExt as _, PutPayload};

/// How a line came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// As it should be.
    Ok,
    /// Works, and deserves a look.
    Warn,
    /// Does not work.
    Fail,
}

/// One line of the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// What was checked.
    pub what: &'static str,
    /// How it came out.
    pub verdict: Verdict,
    /// What was found.
    pub found: String,
    /// What to do, when something should be done.
    pub fix: Option<String>,
}

fn line(what: &'static str, verdict: Verdict, found: impl Into<String>) -> Line {
    Line {
        what,
        verdict,
        found: found.into(),
        fix: None,
    }
}

impl Line {
    fn fix(mut self, fix: impl Into<String>) -> Self {
        self.fix = Some(fix.into());
        self
    }
}

fn configuration(settings: &Settings) -> Vec<Line> {
    let mut lines = vec![line(
        "configuration",
        Verdict::Ok,
        format!(
            "read; data in {}, serving {} on {}",
            settings.data_dir.display(),
            settings.public_url,
            settings.bind
        ),
    )];
    let local = ["://localhost", "://127.0.0.1", "://[::1]"]
        .iter()
        .any(|host| settings.public_url.contains(host));
    if !settings.secure_cookies() && !local {
        lines.push(
            line(
                "public address",
                Verdict::Warn,
                format!(
                    "{} is not https: sessions travel unencrypted",
                    settings.public_url
                ),
            )
            .fix("serve behind TLS and set ENDORSE_PUBLIC_URL=https://…"),
        );
    }
    lines
}

fn database(settings: &Settings) -> Line {
    let name = match &settings.database {
        DatabaseUrl::Sqlite(path) => format!("SQLite at {}", path.display()),
        DatabaseUrl::Postgres(_) => "PostgreSQL".to_string(),
    };
    let answered = crate::db::Db::connect(&settings.database).and_then(|db| {
        let mut conn = db.get()?;
        Ok(crate::db::health::counts(&mut conn)?)
    });
    match answered {
        Ok(counts) => line(
            "database",
            Verdict::Ok,
            format!(
                "{name} answers ({} applicants, {} reviewers, {} admins)",
                counts.applicants, counts.reviewers, counts.admins
            ),
        ),
        Err(error) => line("database", Verdict::Fail, format!("{name}: {error:#}"))
            .fix("check ENDORSE_DATABASE_URL, that the server runs and the user may connect; then `endorse migrate`"),
    }
}

async fn documents(settings: &Settings) -> Line {
    let name = match &settings.document_store {
        DocumentStore::Directory(path) => format!("the directory {}", path.display()),
        DocumentStore::Memory => "memory".into(),
        DocumentStore::S3 { bucket, .. } => bucket.clone(),
    };
    if settings.document_store == DocumentStore::Memory {
        return line(
            "document store",
            Verdict::Warn,
            "in memory: uploads are gone when the server stops",
        )
        .fix("set ENDORSE_DOCUMENT_STORE to a directory or an s3:// bucket");
    }
    let store = match crate::startup::open_document_store(&settings.document_store) {
        Ok(store) => store,
        Err(error) => {
            return line(
                "document store",
                Verdict::Fail,
                format!("{name}: {error:#}"),
            )
            .fix("check ENDORSE_DOCUMENT_STORE and its permissions or credentials")
        }
    };
    let probe = StorePath::from(format!("endorse-check/{}", uuid::Uuid::new_v4()));
    let round_trip = async {
        store
            .put(&probe, PutPayload::from_static(b"endorse check"))
            .await?;
        let read = store.get(&probe).await?.bytes().await?;
        store.delete(&probe).await?;
        Ok::<_, object_store::Error>(read.as_ref() == b"endorse check")
    };
    match round_trip.await {
        Ok(true) => line(
            "document store",
            Verdict::Ok,
            format!("{name} stores and reads back"),
        ),
        Ok(false) => line(
            "document store",
            Verdict::Fail,
            format!("{name} read back something else"),
        ),
        Err(error) => line("document store", Verdict::Fail, format!("{name}: {error}"))
            .fix("check that the store exists and Endorse may write to it"),
    }
}

async fn mail(settings: &Settings) -> Line {
    let Some(url) = &settings.mail.smtp_url else {
        return line(
            "mail",
            Verdict::Warn,
            "no mail server: messages land in the server's log and the admins' outbox",
        )
        .fix("set ENDORSE_SMTP_URL=smtps://user:password@host (or smtp://host:25)");
    };
    let transport = match crate::mail::Transport::smtp(url) {
        Ok(transport) => transport,
        Err(error) => {
            return line(
                "mail",
                Verdict::Fail,
                format!("{}: {error:#}", url.redacted()),
            )
            .fix("check ENDORSE_SMTP_URL")
        }
    };
    match transport.test_connection().await {
        Ok(true) => line("mail", Verdict::Ok, format!("{} answers", url.redacted())),
        Ok(false) | Err(_) => line(
            "mail",
            Verdict::Fail,
            format!("{} does not answer", url.redacted()),
        )
        .fix("check the host, port, TLS and credentials in ENDORSE_SMTP_URL"),
    }
}

fn signing_keys(settings: &Settings) -> Vec<Line> {
    let associations = match crate::tenancy::Associations::open(settings) {
        Ok(associations) => associations,
        Err(error) => {
            return vec![line("signing key", Verdict::Fail, format!("{error:#}"))
                .fix("the database must answer first")]
        }
    };
    let list = match associations.list() {
        Ok(list) => list,
        Err(error) => return vec![line("signing key", Verdict::Fail, format!("{error:#}"))],
    };
    if list.is_empty() {
        return vec![line("signing key", Verdict::Warn, "no association yet")
            .fix("run `endorse migrate` or start the server: the first association and its key are made then")];
    }
    list.into_iter()
        .map(|association| {
            let issuer = crate::tenancy::issuer_of(settings, &association);
            let opened = associations
                .db(&association)
                .map_err(anyhow::Error::from)
                .and_then(|db| Ok(issuer.signing_key(&mut *db.get()?)?));
            match opened {
                Ok(_) => line(
                    "signing key",
                    Verdict::Ok,
                    format!("{}: the current key opens with this secret", association.code),
                ),
                Err(error) => line(
                    "signing key",
                    Verdict::Fail,
                    format!("{}: {error:#}", association.code),
                )
                .fix("the signing-key secret must be the one the key was sealed with (ENDORSE_SIGNING_KEY_SECRET, or signing_key_secret in the data directory); start the server once to make a first key"),
            }
        })
        .collect()
}

/// Every check, in the order the report lists them.
pub async fn run(settings: &Settings) -> Vec<Line> {
    let mut lines = configuration(settings);
    lines.push(database(settings));
    lines.push(documents(settings).await);
    lines.push(mail(settings).await);
    lines.extend(signing_keys(settings));
    lines
}

/// The report as text, one line each, what to fix below it.
pub fn render(lines: &[Line]) -> String {
    let mut out = String::new();
    for line in lines {
        let mark = match line.verdict {
            Verdict::Ok => "ok  ",
            Verdict::Warn => "warn",
            Verdict::Fail => "FAIL",
        };
        out.push_str(&format!("{mark}  {:<15} {}\n", line.what, line.found));
        if let Some(fix) = &line.fix {
            out.push_str(&format!("      {:<15} fix: {fix}\n", ""));
        }
    }
    out
}
