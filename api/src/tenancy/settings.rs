//! What an association's admins change about it (its name, colours, days,
//! mail, whether its registry is shared) and the support access they give
//! platform operators. These live in the platform's row of the association,
//! so only this module writes them, always for the request's own
//! association; every change is in the association's log.

use super::Tenant;
use crate::config::{Secret, SmtpUrl};
use crate::db::association_log::{self, By};
use crate::db::platform::{self, SettingsChange, SupportGrant};
use crate::db::{DbError, Guarded};
use crate::error::ApiError;
use endorse_shared::associations::{
    AssociationProfile, AssociationSettings, AssociationSettingsRequest, SupportGrantRequest,
    SupportGrantView, SUPPORT_MAX_HOURS,
};
use endorse_shared::i18n::Text;

/// What anyone may know of the association.
pub fn profile(tenant: &Tenant) -> AssociationProfile {
    profile_of(tenant, &tenant.association)
}

fn profile_of(tenant: &Tenant, a: &platform::Association) -> AssociationProfile {
    AssociationProfile {
        code: a.code.clone(),
        name: a.name.clone(),
        public_url: tenant.public_url.clone(),
        base_path: tenant.base_path.clone(),
        time_zone: a.time_zone.clone(),
        currency: a.currency.clone(),
        language: a.language.clone(),
        primary_colour: a.primary_colour.clone(),
        accent_colour: a.accent_colour.clone(),
        logo: a.logo.clone(),
    }
}

/// What its admins see.
pub fn settings(tenant: &Tenant) -> AssociationSettings {
    settings_of(tenant, &tenant.association)
}

/// The settings of `a` (the association as just saved, or as the request
/// found it).
fn settings_of(tenant: &Tenant, a: &platform::Association) -> AssociationSettings {
    AssociationSettings {
        profile: profile_of(tenant, a),
        mail_from: a.mail_from.clone(),
        mail_reply_to: a.mail_reply_to.clone(),
        mail_signature: a.mail_signature.clone(),
        own_smtp: a.smtp_url_sealed.is_some(),
        registry_shared: a.registry_shared,
        version: a.version,
    }
}

/// Changes the association's settings at version `expected`, and logs what
/// changed in its own log.
pub async fn update(
    tenant: &Tenant,
    by: By,
    expected: i64,
    request: AssociationSettingsRequest,
) -> Result<AssociationSettings, ApiError> {
    let mut problems = request.problems();
    if request.time_zone.parse::<chrono_tz::Tz>().is_err() {
        problems.insert(
            "time_zone".into(),
            Text::new("association-time-zone-rule").with("zone", request.time_zone.clone()),
        );
    }
    let smtp_url_sealed = match request.smtp_url.as_deref() {
        None => tenant.association.smtp_url_sealed.clone(),
        Some("") => None,
        Some(url) => match SmtpUrl::parse(url) {
            Ok(url) => Some(seal_smtp(
                &tenant.settings.signing_key_secret,
                url.expose(),
            )?),
            Err(error) => {
                problems.insert(
                    "smtp_url".into(),
                    Text::new("smtp-url-invalid").with("detail", format!("{error:#}")),
                );
                None
            }
        },
    };
    if !problems.is_empty() {
        return Err(ApiError::fields(problems));
    }
    let before = tenant.association.clone();
    let change = SettingsChange {
        name: request.name.trim().to_string(),
        time_zone: request.time_zone.clone(),
        currency: request.currency.clone(),
        language: request.language.clone(),
        primary_colour: request.primary_colour.to_ascii_lowercase(),
        accent_colour: request.accent_colour.to_ascii_lowercase(),
        logo: request.logo.clone(),
        mail_from: endorse_shared::validation::normalize_email(&request.mail_from),
        mail_reply_to: endorse_shared::validation::normalize_email(&request.mail_reply_to),
        mail_signature: request.mail_signature.trim().to_string(),
        smtp_url_sealed,
        registry_shared: request.registry_shared,
    };
    let changed = changed_fields(&before, &change, request.smtp_url.is_some());
    let code = tenant.code().to_string();
    let now = tenant.clock.now();
    let outcome = tenant
        .associations
        .platform()
        .run(move |conn| platform::update_settings(conn, &code, expected, &change, now.naive_utc()))
        .await?;
    let updated = match outcome {
        Guarded::Done(updated) => updated,
        Guarded::Missing => {
            return Err(ApiError::NotFound(Text::new(
                "err-there-no-such-association",
            )))
        }
        Guarded::Stale { current } => {
            return Err(ApiError::stale("the association's settings", current))
        }
    };
    if !changed.is_empty() {
        let details = format!("Settings changed: {}", changed.join(", "));
        tenant
            .db
            .run(move |conn| {
                association_log::record(conn, by.actor(), ("settings_changed", &details), now)
            })
            .await?;
    }
    Ok(settings_of(tenant, &updated))
}

fn changed_fields(
    before: &platform::Association,
    after: &SettingsChange,
    smtp_given: bool,
) -> Vec<&'static str> {
    let mut changed = Vec::new();
    let mut check = |field: &'static str, differs: bool| {
        if differs {
            changed.push(field);
        }
    };
    check("name", before.name != after.name);
    check("time zone", before.time_zone != after.time_zone);
    check("currency", before.currency != after.currency);
    check("language", before.language != after.language);
    check(
        "colours",
        before.primary_colour != after.primary_colour
            || before.accent_colour != after.accent_colour,
    );
    check("logo", before.logo != after.logo);
    check(
        "mail",
        before.mail_from != after.mail_from
            || before.mail_reply_to != after.mail_reply_to
            || before.mail_signature != after.mail_signature,
    );
    check(
        "SMTP server",
        smtp_given && before.smtp_url_sealed != after.smtp_url_sealed,
    );
    check(
        "shared registry",
        before.registry_shared != after.registry_shared,
    );
    changed
}

/// The association's SMTP address is sealed under this purpose, bound to "smtp".
fn smtp_sealer(secret: &Secret) -> crate::auth::seal::Sealer {
    crate::auth::seal::Sealer::new(secret, "association smtp")
}

/// Seals an association's SMTP address (it carries a password) under the
/// deployment's signing-key secret.
fn seal_smtp(secret: &Secret, url: &str) -> Result<String, ApiError> {
    smtp_sealer(secret)
        .seal(url.as_bytes(), b"smtp")
        .ok_or_else(|| ApiError::Internal("the SMTP address could not be sealed".into()))
}

/// The association's own SMTP address, opened; none when it has none or
/// it no longer opens (a changed secret: the deployment's server is used
/// and the log says why).
pub fn own_smtp(secret: &Secret, association: &platform::Association) -> Option<SmtpUrl> {
    let sealed = association.smtp_url_sealed.as_deref()?;
    let opened = smtp_sealer(secret)
        .open(sealed, b"smtp")
        .and_then(|b| String::from_utf8(b).ok())
        .and_then(|url| SmtpUrl::parse(&url).ok());
    if opened.is_none() {
        tracing::warn!(association = %association.code, "its SMTP address does not open with this signing-key secret; the deployment's server is used");
    }
    opened
}

fn grant_view(
    grant: SupportGrant,
    operator: platform::Operator,
    now: chrono::NaiveDateTime,
) -> SupportGrantView {
    SupportGrantView {
        live: grant.is_live(now),
        id: grant.id,
        operator_email: operator.email,
        operator_name: operator.name,
        granted_by_name: grant.granted_by_name,
        reason: grant.reason,
        created_at: grant.created_at.and_utc(),
        expires_at: grant.expires_at.and_utc(),
        revoked_at: grant.revoked_at.map(|at| at.and_utc()),
    }
}

/// The association's support grants, newest first.
pub async fn grants(tenant: &Tenant) -> Result<Vec<SupportGrantView>, ApiError> {
    let code = tenant.code().to_string();
    let now = tenant.clock.now().naive_utc();
    let found = tenant
        .associations
        .platform()
        .run(move |conn| platform::grants_of(conn, &code))
        .await?;
    Ok(found
        .into_iter()
        .map(|(grant, operator)| grant_view(grant, operator, now))
        .collect())
}

/// Gives an operator read-only access for some hours; logged in the
/// association's log and the platform's.
pub async fn grant(
    tenant: &Tenant,
    by: By,
    request: SupportGrantRequest,
) -> Result<SupportGrantView, ApiError> {
    let mut problems = std::collections::BTreeMap::new();
    if !(1..=SUPPORT_MAX_HOURS).contains(&request.hours) {
        problems.insert(
            "hours".to_string(),
            Text::new("support-hours-rule").with("max", SUPPORT_MAX_HOURS),
        );
    }
    let reason = request.reason.trim().to_string();
    if reason.is_empty() || reason.chars().count() > 500 || reason.chars().any(char::is_control) {
        problems.insert(
            "reason".to_string(),
            Text::new("field-length-between")
                .with("min", 1)
                .with("max", 500),
        );
    }
    if !problems.is_empty() {
        return Err(ApiError::fields(problems));
    }
    let email = endorse_shared::validation::normalize_email(&request.operator_email);
    let now = tenant.clock.now();
    let grant = SupportGrant {
        id: uuid::Uuid::new_v4().to_string(),
        association_code: tenant.code().to_string(),
        operator_id: String::new(),
        granted_by: by.id.clone(),
        granted_by_name: by.name.clone(),
        reason,
        created_at: now.naive_utc(),
        expires_at: (now + chrono::Duration::hours(i64::from(request.hours))).naive_utc(),
        revoked_at: None,
    };
    let made = tenant
        .associations
        .platform()
        .transaction(move |conn| {
            let Some((operator, _)) = platform::operator_credentials(conn, &email)? else {
                return Ok(None);
            };
            let grant = SupportGrant {
                operator_id: operator.id.clone(),
                ..grant
            };
            platform::insert_grant(conn, &grant)?;
            platform::record_event(
                conn,
                (Some(&operator.id), Some(&grant.association_code)),
                (
                    "support_granted",
                    &format!(
                        "{} gave {} read-only access until {} UTC: {}",
                        grant.granted_by_name, operator.email, grant.expires_at, grant.reason
                    ),
                ),
                grant.created_at,
            )?;
            Ok(Some((grant, operator)))
        })
        .await?;
    let Some((grant, operator)) = made else {
        return Err(ApiError::field(
            "operator_email",
            Text::new("err-not-platform-operator"),
        ));
    };
    let details = format!(
        "Read-only support access for {} until {} UTC: {}",
        operator.email, grant.expires_at, grant.reason
    );
    tenant
        .db
        .run(move |conn| {
            association_log::record(conn, by.actor(), ("support_granted", &details), now)
        })
        .await?;
    Ok(grant_view(grant, operator, now.naive_utc()))
}

/// Takes a grant back at once; logged in both logs.
pub async fn revoke(tenant: &Tenant, by: By, id: String) -> Result<(), ApiError> {
    let code = tenant.code().to_string();
    let now = tenant.clock.now();
    let revoked = tenant
        .associations
        .platform()
        .transaction(move |conn| {
            let Some(grant) = platform::grant(conn, &code, &id)? else {
                return Ok(None);
            };
            let revoked = platform::revoke_grant(conn, &code, &id, now.naive_utc())?;
            if revoked {
                platform::record_event(
                    conn,
                    (Some(&grant.operator_id), Some(&code)),
                    ("support_revoked", &format!("support grant {id} taken back")),
                    now.naive_utc(),
                )?;
            }
            Ok(Some(revoked))
        })
        .await?;
    match revoked {
        None => Err(ApiError::NotFound(Text::new(
            "err-there-no-such-support-grant",
        ))),
        Some(false) => Ok(()),
        Some(true) => {
            tenant
                .db
                .run(move |conn| {
                    association_log::record(
                        conn,
                        by.actor(),
                        ("support_revoked", "A support grant was taken back"),
                        now,
                    )
                })
                .await?;
            Ok(())
        }
    }
}

/// A live grant of this association for this operator, if one lets them in
/// now (the extractors ask on every request of a support session).
pub async fn live_grant(
    tenant: &Tenant,
    operator: String,
    grant: String,
) -> Result<Option<platform::Operator>, DbError> {
    let code = tenant.code().to_string();
    let now = tenant.clock.now().naive_utc();
    tenant
        .associations
        .platform()
        .run(move |conn| {
            let Some(found) = platform::grant(conn, &code, &grant)? else {
                return Ok(None);
            };
            if found.operator_id != operator || !found.is_live(now) {
                return Ok(None);
            }
            platform::operator(conn, &operator)
        })
        .await
}
