//! `endorse`: serve the app, migrate the database, or manage accounts from the
//! command line. Configuration comes from `ENDORSE_*` variables or flags.

use anyhow::{bail, Context};
use clap::{Parser, Subcommand};
use endorse_api::clock::SystemClock;
use endorse_api::config::ConfigArgs;
use endorse_api::db::users::{self, NewUser};
use endorse_api::db::{Db, DbError};
use endorse_api::{auth::passwords, bootstrap, openapi, tenancy, Application, Settings};
use endorse_shared::validation::{normalize_email, PASSWORD_MAX_CHARS, PASSWORD_MIN_CHARS};
use endorse_shared::Role;
use std::io::{BufRead, IsTerminal, Write};
use tracing_subscriber::EnvFilter;

/// Endorse: the IECMH Endorsement application tracker.
#[derive(Parser, Debug)]
#[command(name = "endorse", version, about)]
struct Cli {
    #[command(flatten)]
    config: ConfigArgs,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Serve the API and the web app (the default).
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Manage accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Print the OpenAPI document.
    Openapi,
    /// Manage the keys that sign credentials.
    #[command(subcommand)]
    Issuer(IssuerCommand),
    /// Manage the associations this deployment serves.
    #[command(subcommand)]
    Association(AssociationCommand),
    /// Manage the platform's operators.
    #[command(subcommand)]
    Operator(OperatorCommand),
    /// Copy a SQLite deployment into DIR while it runs: every database
    /// (SQLite's online backup API), the documents, and a manifest naming
    /// where the secrets are (copied only with --with-secrets).
    Backup {
        /// An empty or new directory.
        dir: std::path::PathBuf,
        /// Copy the generated JWT and signing-key secrets too.
        #[arg(long)]
        with_secrets: bool,
    },
    /// Put a backup back into an empty data directory.
    Restore {
        /// The directory `endorse backup` wrote.
        dir: std::path::PathBuf,
    },
    /// Report the configuration, the database, the document store, the
    /// mail server and the signing keys, with what to fix.
    Check,
}

#[derive(Subcommand, Debug)]
enum OperatorCommand {
    /// Make a platform operator (who makes associations and sees their
    /// health); the password is read from standard input.
    Create {
        /// Their sign-in e-mail.
        #[arg(long)]
        email: String,
        /// Their name.
        #[arg(long)]
        name: String,
    },
}

#[derive(Subcommand, Debug)]
enum IssuerCommand {
    /// Make a new signing key; the old ones stay published, so every
    /// credential they signed still verifies.
    RotateKey {
        /// The association whose key it is [default: the default association].
        #[arg(long)]
        association: Option<String>,
    },
}

#[derive(Subcommand, Debug)]
enum AssociationCommand {
    /// Make an association, with its own database and its first admin
    /// (whose one-time password is printed once).
    Create {
        /// Its short code: 2 to 20 lowercase letters and digits (mi, ny, ie).
        #[arg(long)]
        code: String,
        /// Its name.
        #[arg(long)]
        name: String,
        /// Its own host name (mi.example.org); without one it is served at
        /// /a/<code>/ on the deployment's address.
        #[arg(long)]
        host: Option<String>,
        /// The IANA time zone of its days.
        #[arg(long, default_value = "UTC")]
        time_zone: String,
        /// The e-mail of its first admin.
        #[arg(long)]
        admin_email: String,
    },
    /// List the associations, with where each is reached.
    List,
}

#[derive(Subcommand, Debug)]
enum UserCommand {
    /// Create an account; the password is read from standard input.
    Create {
        /// applicant, reviewer or admin.
        #[arg(long)]
        role: Role,
        /// The sign-in e-mail address.
        #[arg(long)]
        email: String,
        /// The person's full name.
        #[arg(long)]
        name: String,
        /// The association the account belongs to [default: the default association].
        #[arg(long)]
        association: Option<String>,
    },
}

fn main() {
    let cli = Cli::parse();
    init_tracing();
    if let Err(error) = run(cli) {
        eprintln!("endorse: {error:#}");
        std::process::exit(1);
    }
}

fn init_tracing() {
    let filter = EnvFilter::try_from_env("ENDORSE_LOG")
        .unwrap_or_else(|_| EnvFilter::new("info,actix_server=warn"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
}

fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command.unwrap_or(Command::Serve) {
        Command::Openapi => {
            print!("{}", openapi::document_json());
            Ok(())
        }
        Command::Serve => serve(Settings::from_args(&cli.config)?),
        Command::Backup { dir, with_secrets } => {
            let settings = Settings::from_args(&cli.config)?;
            let manifest = endorse_api::backup::backup(&settings, &dir, with_secrets)?;
            println!(
                "backed up {} database file(s) and {} document(s) into {}",
                manifest.databases.len(),
                manifest.documents,
                dir.display()
            );
            for secret in &manifest.secrets {
                if secret.copied {
                    println!(
                        "  {} copied: keep this backup as safe as the server",
                        secret.name
                    );
                } else {
                    println!("  {} not copied; it is at {}", secret.name, secret.location);
                }
            }
            Ok(())
        }
        Command::Restore { dir } => {
            let settings = Settings::from_args(&cli.config)?;
            let manifest = endorse_api::backup::restore(&settings, &dir)?;
            println!(
                "restored {} database file(s) and {} document(s) taken {}",
                manifest.databases.len(),
                manifest.documents,
                manifest.taken_at
            );
            if manifest.secrets.iter().any(|s| !s.copied) {
                println!("  the backup holds no secrets: put the original jwt_secret and signing_key_secret in the data directory (or set ENDORSE_JWT_SECRET and ENDORSE_SIGNING_KEY_SECRET) before starting");
            }
            Ok(())
        }
        Command::Check => {
            let settings = Settings::from_args(&cli.config)?;
            let lines = actix_web::rt::System::new()
                .block_on(async move { endorse_api::check::run(&settings).await });
            print!("{}", endorse_api::check::render(&lines));
            if lines
                .iter()
                .any(|l| l.verdict == endorse_api::check::Verdict::Fail)
            {
                bail!("something above does not work");
            }
            Ok(())
        }
        Command::Migrate => {
            let settings = Settings::from_args(&cli.config)?;
            let (associations, _) = open_associations(&settings)?;
            let all = associations.list()?;
            println!(
                "{} association(s) of {:?} are up to date",
                all.len(),
                settings.database
            );
            Ok(())
        }
        Command::Issuer(IssuerCommand::RotateKey { association }) => {
            let settings = Settings::from_args(&cli.config)?;
            let (associations, found) = find_association(&settings, association.as_deref())?;
            let mut conn = associations.db(&found)?.get()?;
            // prepare_all has checked that the current key opens with this
            // secret: a wrong secret would otherwise go unnoticed until the
            // next start.
            let issuer = tenancy::issuer_of(&settings, &found);
            let kid = issuer.rotate(&mut conn, chrono::Utc::now())?;
            println!(
                "{}: new signing key {kid}; earlier keys stay published",
                found.code
            );
            Ok(())
        }
        Command::User(UserCommand::Create {
            role,
            email,
            name,
            association,
        }) => {
            let settings = Settings::from_args(&cli.config)?;
            let (associations, found) = find_association(&settings, association.as_deref())?;
            create_user(&associations.db(&found)?, role, &email, &name)
        }
        Command::Operator(OperatorCommand::Create { email, name }) => {
            let settings = Settings::from_args(&cli.config)?;
            let password = read_password()?;
            let (associations, _) = open_associations(&settings)?;
            let operator = tenancy::operators::create_operator(
                &associations,
                (&email, &name, &password),
                chrono::Utc::now(),
            )?;
            println!(
                "created operator {} <{}>; they sign in with POST {}/platform/api/v1/auth/login",
                operator.name, operator.email, settings.public_url
            );
            Ok(())
        }
        Command::Association(AssociationCommand::List) => {
            let settings = Settings::from_args(&cli.config)?;
            let (associations, _) = open_associations(&settings)?;
            for association in associations.list()? {
                println!(
                    "{:<20} {:<40} {}{}",
                    association.code,
                    association.name,
                    tenancy::public_url(&settings, &association),
                    if association.is_default {
                        "  (default)"
                    } else {
                        ""
                    }
                );
            }
            Ok(())
        }
        Command::Association(AssociationCommand::Create {
            code,
            name,
            host,
            time_zone,
            admin_email,
        }) => {
            let settings = Settings::from_args(&cli.config)?;
            let admin_email = normalize_email(&admin_email);
            if !validator::ValidateEmail::validate_email(&admin_email) {
                bail!("--admin-email: '{admin_email}' is not a valid e-mail address");
            }
            let (associations, _) = open_associations(&settings)?;
            let new = tenancy::NewAssociation {
                code,
                name,
                host,
                time_zone,
            };
            let made = associations
                .create(&new, &settings, &SystemClock)
                .map_err(|error| anyhow::anyhow!("{error}"))?;
            let first = bootstrap::ensure_admin(&associations.db(&made)?, &admin_email)?;
            println!(
                "created association {} ({}) at {}",
                made.code,
                made.name,
                tenancy::public_url(&settings, &made)
            );
            if let Some(first) = first {
                println!("  its first admin: {}", first.email);
                println!(
                    "  one-time password: {}   (shown once; they choose a new one at first sign-in)",
                    first.password
                );
            }
            Ok(())
        }
    }
}

/// The deployment's associations, every one prepared (migrated).
fn open_associations(settings: &Settings) -> anyhow::Result<(tenancy::Associations, usize)> {
    let associations = tenancy::Associations::open(settings)?;
    let all = associations.prepare_all(settings, &SystemClock)?;
    Ok((associations, all.len()))
}

/// The association with this code, or the default one.
fn find_association(
    settings: &Settings,
    code: Option<&str>,
) -> anyhow::Result<(
    tenancy::Associations,
    endorse_api::db::platform::Association,
)> {
    let (associations, _) = open_associations(settings)?;
    let all = associations.list()?;
    let found = match code {
        Some(code) => all.into_iter().find(|a| a.code == code).with_context(|| {
            format!("--association: there is no association '{code}' (endorse association list)")
        })?,
        None => all
            .into_iter()
            .find(|a| a.is_default)
            .context("there is no default association; name one with --association")?,
    };
    Ok((associations, found))
}

fn serve(settings: Settings) -> anyhow::Result<()> {
    let admin_email = settings.admin_email.clone();
    let public_url = settings.public_url.clone();
    let system = actix_web::rt::System::new();
    system.block_on(async move {
        let app = Application::build(settings)?;
        if let Some(first) = bootstrap::ensure_admin(&app.db()?, &admin_email)? {
            println!();
            println!("  First start: an admin account was created.");
            println!("    e-mail:   {}", first.email);
            println!(
                "    password: {}   (shown once; you choose a new one at first sign-in)",
                first.password
            );
            println!();
        }
        println!("  Endorse is running at {public_url}  (press Ctrl+C to stop)");
        std::io::stdout().flush().ok();
        app.run_until_stopped()
            .await
            .context("the server stopped with an error")
    })
}

fn create_user(db: &Db, role: Role, email: &str, name: &str) -> anyhow::Result<()> {
    let request = endorse_shared::users::CreateUserRequest {
        email: normalize_email(email),
        name: name.trim().to_string(),
        role,
        password: read_password()?,
    };
    if let Err(errors) = validator::Validate::validate(&request) {
        let fields = endorse_shared::validation::field_errors(&errors);
        let text: Vec<String> = fields
            .iter()
            .map(|(field, messages)| {
                let said = endorse_shared::i18n::say_all(messages, endorse_shared::i18n::Lang::En);
                format!("{field} {}", said.join(", "))
            })
            .collect();
        bail!("{}", text.join("; "));
    }
    let mut conn = db.get()?;
    let password_hash = passwords::hash_new(&request.password, &[&request.email, &request.name])
        .map_err(|error| match error {
            passwords::NewPasswordError::Weak(why) => anyhow::anyhow!("password {why}"),
            passwords::NewPasswordError::Hashing(error) => {
                anyhow::anyhow!("password hashing failed: {error}")
            }
        })?;
    let new = NewUser {
        email: request.email,
        name: request.name,
        role,
        password_hash,
        must_change_password: false,
    };
    match users::insert(&mut conn, new) {
        Ok(user) => {
            println!(
                "created {} {} <{}> ({})",
                user.role, user.name, user.email, user.id
            );
            Ok(())
        }
        Err(DbError::UniqueViolation(_)) => {
            bail!("an account with the e-mail address {email} already exists")
        }
        Err(other) => Err(other.into()),
    }
}

/// Reads the password from standard input: one line, prompted for when a person
/// is typing.
fn read_password() -> anyhow::Result<String> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        eprint!(
            "Password ({PASSWORD_MIN_CHARS} to {PASSWORD_MAX_CHARS} characters; it will be shown as you type): "
        );
        std::io::stderr().flush().ok();
    }
    let mut line = String::new();
    stdin
        .lock()
        .read_line(&mut line)
        .context("cannot read the password from standard input")?;
    let password = line.trim_end_matches(['\r', '\n']).to_string();
    if password.is_empty() {
        bail!("no password on standard input (pipe one in: echo 'a long passphrase' | endorse user create ...)");
    }
    Ok(password)
}
