//! Platform operators: made from the command line, they sign in to
//! `/platform/api/v1`, make associations with their first admin, and see
//! each association's health (counts, mail that waits or failed), never its
//! people's records. An association's admin may give one of them read-only
//! access for a few hours (`settings::grant`); a support session is then
//! an access token of that association naming the grant, which the
//! extractors check on every request.

use super::{public_url, Associations, CreateError, NewAssociation};
use crate::auth::passwords;
use crate::auth::tokens::TokenKeys;
use crate::clock::Clock;
use crate::config::Settings;
pub use crate::db::platform::Operator;
use crate::db::platform::{self, Association};
use crate::db::{self, rate_limits, DbError};
use crate::error::ApiError;
use endorse_shared::associations::{AssociationHealth, CreatedAssociation, OperatorSession};
use endorse_shared::i18n::Text;
use endorse_shared::{Role, UserId};

/// The audience of operators' tokens: never an association's code.
pub const PLATFORM_AUDIENCE: &str = "@platform";
/// The session id of a support session names its grant after this.
pub const SUPPORT_SESSION: &str = "support:";
/// How long an operator's token lives: they sign in again after it.
pub const OPERATOR_TOKEN_SECONDS: i64 = 60 * 60;

/// Makes an operator (the command line).
pub fn create_operator(
    associations: &Associations,
    (email, name, password): (&str, &str, &str),
    now: chrono::DateTime<chrono::Utc>,
) -> anyhow::Result<Operator> {
    let email = endorse_shared::validation::normalize_email(email);
    if !validator::ValidateEmail::validate_email(&email) {
        anyhow::bail!("--email: '{email}' is not a valid e-mail address");
    }
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 120 {
        anyhow::bail!("--name: must be 1 to 120 characters");
    }
    let hash = passwords::hash_new(password, &[&email, name]).map_err(|error| match error {
        passwords::NewPasswordError::Weak(why) => anyhow::anyhow!("password {why}"),
        passwords::NewPasswordError::Hashing(error) => {
            anyhow::anyhow!("password hashing failed: {error}")
        }
    })?;
    let mut conn = associations.platform().get()?;
    match platform::insert_operator(&mut conn, (&email, name, &hash), now.naive_utc()) {
        Ok(operator) => {
            platform::record_event(
                &mut conn,
                (Some(&operator.id), None),
                (
                    "operator_created",
                    &format!("operator {email} made from the command line"),
                ),
                now.naive_utc(),
            )?;
            Ok(operator)
        }
        Err(DbError::UniqueViolation(_)) => {
            anyhow::bail!("an operator with the e-mail {email} already exists")
        }
        Err(other) => Err(other.into()),
    }
}

/// Signs an operator in: failures are limited per address (kept in the
/// platform database, like the associations' own).
pub async fn login(
    associations: &Associations,
    (tokens, limit, window): (&TokenKeys, usize, chrono::Duration),
    (email, password): (String, String),
    (ip, now): (String, chrono::DateTime<chrono::Utc>),
) -> Result<OperatorSession, ApiError> {
    let email = endorse_shared::validation::normalize_email(&email);
    let key = format!("operator-login:{ip}");
    let at = now.naive_utc();
    let bounds = [(key, (limit, window))];
    let slots = associations
        .platform()
        .run(move |conn| {
            let limits: Vec<(&str, _)> = bounds.iter().map(|(k, b)| (k.as_str(), *b)).collect();
            rate_limits::take(conn, &limits, at)
        })
        .await?
        .map_err(crate::auth::rate_limit::too_many)?;
    let lookup = email.clone();
    let found = associations
        .platform()
        .run(move |conn| platform::operator_credentials(conn, &lookup))
        .await?;
    let operator = actix_web::web::block(move || match found {
        Some((operator, hash)) if passwords::verify(&password, &hash) => Some(operator),
        Some(_) => None,
        None => {
            passwords::verify_decoy(&password);
            None
        }
    })
    .await
    .map_err(|_| ApiError::Internal("blocking pool unavailable".into()))?;
    let Some(operator) = operator else {
        return Err(ApiError::Unauthorized(Text::new(
            "err-e-mail-address-password-not-right",
        )));
    };
    let id = operator.id.clone();
    associations
        .platform()
        .run(move |conn| {
            rate_limits::give_back(conn, &slots)?;
            platform::record_event(
                conn,
                (Some(&id), None),
                ("operator_signed_in", "signed in"),
                at,
            )
        })
        .await?;
    let access_token = issue(
        tokens,
        PLATFORM_AUDIENCE,
        &operator.id,
        "operator",
        OPERATOR_TOKEN_SECONDS,
    )?;
    Ok(OperatorSession {
        access_token,
        expires_in: OPERATOR_TOKEN_SECONDS.unsigned_abs(),
        name: operator.name,
        email: operator.email,
    })
}

/// An access token for `audience` naming `subject` (an operator's id) and
/// `session`.
fn issue(
    tokens: &TokenKeys,
    audience: &str,
    subject: &str,
    session: &str,
    seconds: i64,
) -> Result<String, ApiError> {
    let subject: UserId = subject
        .parse()
        .map_err(|_| ApiError::Internal("an operator id is not a UUID".into()))?;
    tokens
        .issue_for(audience, subject, Role::Admin, session, seconds)
        .map_err(|error| ApiError::Internal(format!("token signing failed: {error}")))
}

/// The operator a platform token names, if it is one and they still exist.
pub async fn operator_of(
    associations: &Associations,
    tokens: &TokenKeys,
    token: &str,
) -> Result<Operator, ApiError> {
    let claims = tokens
        .verify(token)
        .map_err(|_| ApiError::Unauthorized(Text::new("err-access-token-not-valid")))?;
    if claims.aud.as_deref() != Some(PLATFORM_AUDIENCE) {
        return Err(ApiError::Unauthorized(Text::new(
            "err-not-platform-operators-token",
        )));
    }
    let id = claims.sub.to_string();
    associations
        .platform()
        .run(move |conn| platform::operator(conn, &id))
        .await?
        .ok_or_else(|| ApiError::Unauthorized(Text::new("err-operator-no-longer-exists")))
}

/// How an association is doing, from its own database (counts only).
pub fn health(
    associations: &Associations,
    settings: &Settings,
    association: &Association,
) -> AssociationHealth {
    let counts = associations
        .db(association)
        .and_then(|db| db.get().and_then(|mut conn| db::health::counts(&mut conn)));
    let (reachable, counts) = match counts {
        Ok(counts) => (true, counts),
        Err(error) => {
            tracing::warn!(association = %association.code, %error, "association database does not answer");
            (false, db::health::Counts::default())
        }
    };
    AssociationHealth {
        code: association.code.clone(),
        name: association.name.clone(),
        public_url: public_url(settings, association),
        is_default: association.is_default,
        time_zone: association.time_zone.clone(),
        applicants: counts.applicants,
        reviewers: counts.reviewers,
        admins: counts.admins,
        open_applications: counts.open_applications,
        active_endorsements: counts.active_endorsements,
        mail_waiting: counts.mail_waiting,
        mail_failed: counts.mail_failed,
        reachable,
    }
}

/// Every association's health (blocking: call on the blocking pool).
pub fn all_health(
    associations: &Associations,
    settings: &Settings,
) -> Result<Vec<AssociationHealth>, DbError> {
    Ok(associations
        .list()?
        .iter()
        .map(|a| health(associations, settings, a))
        .collect())
}

/// Makes an association and its first admin for an operator (blocking);
/// logged in the platform's log and the new association's.
pub fn create(
    associations: &Associations,
    (settings, clock): (&Settings, &dyn Clock),
    operator: &Operator,
    new: &NewAssociation,
    admin_email: &str,
) -> Result<CreatedAssociation, ApiError> {
    let admin_email = endorse_shared::validation::normalize_email(admin_email);
    if !validator::ValidateEmail::validate_email(&admin_email) {
        return Err(ApiError::field(
            "admin_email",
            Text::new("err-must-e-mail-address"),
        ));
    }
    let made = associations
        .create(new, settings, clock)
        .map_err(|error| match error {
            CreateError::Invalid(field, why) => ApiError::field(field, why),
            CreateError::Taken(_, why) => ApiError::Conflict(why),
            CreateError::Storage(error) => ApiError::Internal(format!("{error:#}")),
            CreateError::Db(error) => error.into(),
        })?;
    let db = associations.db(&made)?;
    let first = crate::bootstrap::ensure_admin(&db, &admin_email)
        .map_err(|error| ApiError::Internal(format!("{error:#}")))?
        .ok_or_else(|| ApiError::Internal("the new association already had an admin".into()))?;
    let now = clock.now();
    platform::record_event(
        &mut *associations.platform().get()?,
        (Some(&operator.id), Some(&made.code)),
        (
            "association_created",
            &format!(
                "{} made {} with its first admin {admin_email}",
                operator.email, made.code
            ),
        ),
        now.naive_utc(),
    )?;
    crate::db::association_log::record(
        &mut *db.get()?,
        crate::db::association_log::Actor {
            id: Some(&operator.id),
            name: &format!("Platform operator {}", operator.name),
            ip: None,
        },
        (
            "association_created",
            &format!("Made by the platform, with its first admin {admin_email}"),
        ),
        now,
    )?;
    Ok(CreatedAssociation {
        association: health(associations, settings, &made),
        admin_email: first.email,
        admin_password: first.password,
    })
}

/// A support session: an access token of the association for the
/// operator, naming a live grant. Logged in both logs.
pub fn support_session(
    associations: &Associations,
    (tokens, now): (&TokenKeys, chrono::DateTime<chrono::Utc>),
    operator: &Operator,
    code: &str,
) -> Result<String, ApiError> {
    let mut conn = associations.platform().get()?;
    let Some(association) = platform::by_code(&mut conn, code)? else {
        return Err(ApiError::NotFound(
            Text::new("err-there-no-association").with("code", (code).to_string()),
        ));
    };
    let live = platform::grants_of(&mut conn, code)?
        .into_iter()
        .map(|(grant, _)| grant)
        .find(|grant| grant.operator_id == operator.id && grant.is_live(now.naive_utc()));
    let Some(grant) = live else {
        return Err(ApiError::Forbidden(
            Text::new("err-has-given-you-no-support-access")
                .with("name", (association.name).to_string()),
        ));
    };
    let seconds = (grant.expires_at - now.naive_utc())
        .num_seconds()
        .clamp(1, OPERATOR_TOKEN_SECONDS);
    let token = issue(
        tokens,
        code,
        &operator.id,
        &format!("{SUPPORT_SESSION}{}", grant.id),
        seconds,
    )?;
    platform::record_event(
        &mut conn,
        (Some(&operator.id), Some(code)),
        (
            "support_session",
            &format!(
                "{} opened a support session (grant {})",
                operator.email, grant.id
            ),
        ),
        now.naive_utc(),
    )?;
    drop(conn);
    crate::db::association_log::record(
        &mut *associations.db(&association)?.get()?,
        crate::db::association_log::Actor {
            id: Some(&operator.id),
            name: &format!("Platform operator {}", operator.name),
            ip: None,
        },
        (
            "support_session",
            &format!("{} opened a read-only support session", operator.email),
        ),
        now,
    )?;
    Ok(token)
}
