//! `endorse backup DIR` and `endorse restore DIR`: a consistent copy of a
//! SQLite deployment taken while it runs, and putting one back into an
//! empty data directory.
//!
//! Each database file (the main one, the platform's, each association's)
//! is copied with SQLite's online backup API in one step: a read snapshot,
//! so writers carry on meanwhile and the copy holds exactly the
//! transactions committed when it began. The documents are copied after
//! the databases, so every document a copied row names is there (bytes are
//! stored before their row is written). The generated secrets are named in
//! the manifest and copied only when asked: whoever holds them can sign as
//! the association. PostgreSQL deployments use `pg_dump` (see the README).

use crate::config::{DatabaseUrl, DocumentStore, Settings};
use anyhow::{bail, Context};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The file in a backup that says what it holds.
pub const MANIFEST: &str = "endorse-backup.json";
/// The secrets a data directory may hold, by file name.
const SECRET_FILES: [&str; 2] = ["jwt_secret", "signing_key_secret"];

/// What a backup holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// `endorse-backup/1`.
    pub format: String,
    /// When it was taken (UTC, RFC 3339).
    pub taken_at: String,
    /// The version of Endorse that took it.
    pub endorse_version: String,
    /// The main database's file name (the others sit beside it).
    pub main_database: String,
    /// Every database file, by its path beside the main one, under
    /// `databases/`.
    pub databases: Vec<String>,
    /// How many document files were copied, under `documents/`.
    pub documents: u64,
    /// Where the secrets are kept, and whether the backup holds them.
    pub secrets: Vec<SecretEntry>,
}

/// One secret: where it lives, and whether it was copied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecretEntry {
    /// Its file name in the data directory.
    pub name: String,
    /// Where it is (a path, or the variable it is set in).
    pub location: String,
    /// Whether the backup holds a copy (under `secrets/`).
    pub copied: bool,
}

fn main_database(settings: &Settings) -> anyhow::Result<&Path> {
    match &settings.database {
        DatabaseUrl::Sqlite(path) => Ok(path),
        DatabaseUrl::Postgres(_) => bail!(
            "this deployment keeps its records in PostgreSQL: back it up with pg_dump \
             (see the README, \"Backups\"), and the documents with the store's own tools"
        ),
    }
}

/// Copies `from` into a new file `to` with the online backup API, in one
/// step (one read snapshot).
fn copy_database(from: &Path, to: &Path) -> anyhow::Result<()> {
    use rusqlite::backup::{Backup, StepResult};
    use rusqlite::{Connection, OpenFlags};
    let source = Connection::open_with_flags(from, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .with_context(|| format!("cannot open {}", from.display()))?;
    source.busy_timeout(std::time::Duration::from_secs(30))?;
    let mut target =
        Connection::open(to).with_context(|| format!("cannot create {}", to.display()))?;
    {
        let backup = Backup::new(&source, &mut target)?;
        loop {
            match backup.step(-1)? {
                StepResult::Done => break,
                StepResult::More => continue,
                StepResult::Busy | StepResult::Locked => {
                    std::thread::sleep(std::time::Duration::from_millis(50));
                }
                _ => bail!("the backup of {} stopped", from.display()),
            }
        }
    }
    let check: String = target.query_row("PRAGMA integrity_check", [], |row| row.get(0))?;
    if check != "ok" {
        bail!(
            "the copy of {} does not pass SQLite's integrity check: {check}",
            from.display()
        );
    }
    Ok(())
}

/// Copies a directory tree; answers how many files it copied.
fn copy_tree(from: &Path, to: &Path) -> anyhow::Result<u64> {
    let mut copied = 0;
    if !from.is_dir() {
        return Ok(0);
    }
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        let kind = entry.file_type()?;
        if kind.is_dir() {
            copied += copy_tree(&entry.path(), &target)?;
        } else if kind.is_file() {
            std::fs::copy(entry.path(), &target)
                .with_context(|| format!("cannot copy {}", entry.path().display()))?;
            copied += 1;
        }
    }
    Ok(copied)
}

fn is_empty_dir(dir: &Path) -> anyhow::Result<bool> {
    Ok(!dir.exists() || std::fs::read_dir(dir)?.next().is_none())
}

/// Backs the deployment up into `dir` (which must be empty or absent);
/// with `secrets`, the generated secrets too.
pub fn backup(settings: &Settings, dir: &Path, secrets: bool) -> anyhow::Result<Manifest> {
    let main = main_database(settings)?;
    if !is_empty_dir(dir)? {
        bail!(
            "{} is not empty: back up into a new directory",
            dir.display()
        );
    }
    let databases_dir = dir.join("databases");
    std::fs::create_dir_all(&databases_dir)
        .with_context(|| format!("cannot make {}", databases_dir.display()))?;
    let taken_at = chrono::Utc::now().to_rfc3339();
    let mut databases = Vec::new();
    let base = main.parent().unwrap_or_else(|| Path::new("."));
    for file in crate::tenancy::sqlite_files(main)? {
        // By its place beside the main file (`associations/mi.db`).
        let name = file
            .strip_prefix(base)
            .unwrap_or(&file)
            .to_string_lossy()
            .to_string();
        let to = databases_dir.join(&name);
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent)?;
        }
        copy_database(&file, &to)?;
        databases.push(name);
    }
    let documents = match &settings.document_store {
        DocumentStore::Directory(path) => copy_tree(path, &dir.join("documents"))?,
        DocumentStore::Memory => 0,
        DocumentStore::S3 { bucket, .. } => {
            tracing::warn!(
                bucket,
                "documents in a bucket are not copied: use the bucket's versioning or replication"
            );
            0
        }
    };
    let mut entries = Vec::new();
    for name in SECRET_FILES {
        let path = settings.data_dir.join(name);
        let copied = secrets && path.is_file();
        if copied {
            let target = dir.join("secrets");
            std::fs::create_dir_all(&target)?;
            std::fs::copy(&path, target.join(name))?;
        }
        entries.push(SecretEntry {
            name: name.to_string(),
            location: if path.is_file() {
                path.display().to_string()
            } else {
                format!("ENDORSE_{} (not a file)", name.to_ascii_uppercase())
            },
            copied,
        });
    }
    let manifest = Manifest {
        format: "endorse-backup/1".into(),
        taken_at,
        endorse_version: env!("CARGO_PKG_VERSION").into(),
        main_database: databases.first().cloned().unwrap_or_default(),
        databases,
        documents,
        secrets: entries,
    };
    std::fs::write(dir.join(MANIFEST), serde_json::to_vec_pretty(&manifest)?)?;
    Ok(manifest)
}

/// Puts the backup in `dir` back into this deployment's (empty) places:
/// its databases beside the main database, its documents into the document
/// directory, the secrets it holds into the data directory.
pub fn restore(settings: &Settings, dir: &Path) -> anyhow::Result<Manifest> {
    let main = main_database(settings)?;
    let manifest: Manifest = serde_json::from_slice(
        &std::fs::read(dir.join(MANIFEST))
            .with_context(|| format!("{} holds no {MANIFEST}: not a backup", dir.display()))?,
    )
    .context("the backup's manifest cannot be read")?;
    if manifest.format != "endorse-backup/1" {
        bail!(
            "a backup of format {} is not one this version reads",
            manifest.format
        );
    }
    let target_dir = main
        .parent()
        .unwrap_or_else(|| Path::new("."))
        .to_path_buf();
    let placed: Vec<(PathBuf, PathBuf)> = manifest
        .databases
        .iter()
        .map(|name| {
            if name.contains("..") || Path::new(name).is_absolute() {
                return Err(anyhow::anyhow!(
                    "the backup names a file outside it: {name}"
                ));
            }
            let to = if *name == manifest.main_database {
                main.to_path_buf()
            } else {
                target_dir.join(name)
            };
            Ok((dir.join("databases").join(name), to))
        })
        .collect::<anyhow::Result<_>>()?;
    for (from, to) in &placed {
        if !from.is_file() {
            bail!("the backup lacks {}", from.display());
        }
        if to.exists() {
            bail!(
                "{} exists: restore only into an empty data directory",
                to.display()
            );
        }
    }
    if let DocumentStore::Directory(path) = &settings.document_store {
        if !is_empty_dir(path)? {
            bail!(
                "{} holds documents: restore only into an empty one",
                path.display()
            );
        }
    }
    for (from, to) in &placed {
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent)?;
        }
        copy_database(from, to)?;
    }
    if let DocumentStore::Directory(path) = &settings.document_store {
        copy_tree(&dir.join("documents"), path)?;
    }
    // The data directory held no database: a secret in it was made just
    // now, when this command read its settings, and the backup's replaces it.
    for secret in manifest
        .secrets
        .iter()
        .filter(|s| s.copied && SECRET_FILES.contains(&s.name.as_str()))
    {
        std::fs::create_dir_all(&settings.data_dir)?;
        std::fs::copy(
            dir.join("secrets").join(&secret.name),
            settings.data_dir.join(&secret.name),
        )?;
    }
    Ok(manifest)
}
