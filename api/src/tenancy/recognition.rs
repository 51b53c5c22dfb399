//! Reciprocity across associations, the second read across associations
//! that is meant (the first is [`super::shared_registry`]): a holder's new
//! association reads the credential of the endorsement she names from the
//! association that awarded it, and checks it as any verifier would (the
//! signature against that issuer's published keys, its dates, its status
//! lists). It reads that one endorsement, and only when the holder shows
//! the verification code of its certificate. Granted recognitions are
//! kept in the platform's list, which both registries read.

use super::Tenant;
use crate::db::platform::{self, Recognition};
use crate::db::{endorsements, recognitions, rulebooks, DbError};
use crate::error::ApiError;
use crate::issuer::codes_match;
use chrono::{DateTime, Utc};
use endorse_shared::credential::{self, combined, status_of, verify_credential, Verdict};
use endorse_shared::endorsements::{RecognitionDirection, RegistryEntry, RegistryRecognition};
use endorse_shared::i18n::Text;
use endorse_shared::recognitions::RecognitionRequest;
use std::collections::HashMap;

/// The other association's endorsement, verified.
pub struct Verified {
    /// The association's code and name.
    pub association: (String, String),
    /// The endorsement's number.
    pub number: String,
    /// Its category: code and name.
    pub category: (String, String),
    /// The holder's name as the credential gives it.
    pub holder_name: String,
    /// Whether that association knows the holder by `email`.
    pub same_email: bool,
    /// Endorsed since.
    pub endorsed_since: chrono::NaiveDate,
    /// Until when the credential holds.
    pub valid_until: Option<DateTime<Utc>>,
    /// The signed credential.
    pub jwt: String,
}

fn not_found(name: &str) -> ApiError {
    ApiError::fields(
        [
            (
                "number".to_string(),
                Text::new("recognition-number-unknown").with("association", name),
            ),
            ("code".to_string(), Text::new("recognition-check-code")),
        ]
        .into(),
    )
}

/// Reads and verifies the credential `request` names, for the holder whose
/// e-mail address here is `email` (blocking work on the blocking pool).
pub async fn verify_elsewhere(
    here: &Tenant,
    request: RecognitionRequest,
    email: String,
) -> Result<Verified, ApiError> {
    let app = here.app().clone();
    let own = here.code().to_string();
    let now = here.clock.now();
    actix_web::web::block(move || {
        let code = request.association.trim().to_lowercase();
        if code == own {
            return Err(ApiError::field(
                "association",
                Text::new("err-association-name-association-awarded-endorsement"),
            ));
        }
        let Some(association) = platform::by_code(&mut *app.associations.platform().get()?, &code)?
        else {
            return Err(ApiError::field(
                "association",
                Text::new("err-no-association-here-has-code").with("code", (code).to_string()),
            ));
        };
        let name = association.name.clone();
        let other = Tenant::new(app, association)?;
        let number = request.number.trim().to_uppercase();
        let given = request.code.trim().to_uppercase();
        let issuer = other.issuer.clone();
        let read = crate::db::write::<_, DbError, _>(&mut *other.db.get()?, |conn| {
            let Some(mut endorsement) = endorsements::get(conn, &number)? else {
                return Ok(None);
            };
            let genuine_holder = endorsement
                .verify_code
                .as_deref()
                .is_some_and(|kept| codes_match(&given, kept));
            if !genuine_holder {
                return Ok(None);
            }
            let rulebook = rulebooks::current(conn)?.rulebook;
            let jwt = issuer.current(conn, &mut endorsement, &rulebook, now)?.jwt;
            let (keys, lists) = published(conn, &issuer, now)?;
            let same_email =
                endorsement.holder_email == endorse_shared::validation::normalize_email(&email);
            Ok(Some((jwt, keys, lists, same_email)))
        });
        let Some((jwt, keys, lists, same_email)) = read? else {
            return Err(not_found(&name));
        };
        let issuer_id = issuer.addresses.issuer();
        let credential = check(&jwt, &keys, &lists, &issuer_id, now)
            .map_err(|verdict| refused(&number, &name, &verdict))?;
        let (category, category_name) = credential.category();
        Ok(Verified {
            association: (code, name),
            number: credential.number().to_string(),
            category: (category.to_string(), category_name.to_string()),
            holder_name: credential.holder_name().to_string(),
            same_email,
            endorsed_since: credential.awarded_date.date_naive(),
            valid_until: credential.valid_until,
            jwt,
        })
    })
    .await
    .map_err(|_| ApiError::Internal("blocking pool unavailable".into()))?
}

/// Why a credential is refused, in words.
fn refused(number: &str, name: &str, verdict: &Verdict) -> ApiError {
    ApiError::Conflict(
        Text::new("err-credential-endorsement-from")
            .with("number", (number).to_string())
            .with("name", (name).to_string())
            .with("verdict", verdict.headline_text())
            .with("why", verdict.explanation(None)),
    )
}

/// Checks a credential as any verifier would: its signature against the
/// issuer's keys, its status in the issuer's lists (`lists`, by address),
/// its dates. The credential, if it is valid now.
fn check(
    jwt: &str,
    keys: &credential::JwkSet,
    lists: &HashMap<String, String>,
    issuer_id: &str,
    now: DateTime<Utc>,
) -> Result<credential::Credential, Verdict> {
    let credential = verify_credential(jwt, keys, issuer_id).map_err(Verdict::NotGenuine)?;
    let mut standings = Vec::new();
    for entry in credential.credential_status.entries() {
        let list = lists.get(&entry.status_list_credential).ok_or_else(|| {
            Verdict::NotGenuine(credential::NotGenuine::BadStatusList(
                "it points to a list its issuer does not publish".into(),
            ))
        })?;
        standings.push(status_of(list, keys, issuer_id, entry).map_err(Verdict::NotGenuine)?);
    }
    match credential::verdict(&credential, combined(standings), now) {
        Verdict::Valid => Ok(credential),
        other => Err(other),
    }
}

/// The issuer's keys and its status lists as they stand now, by address.
fn published(
    conn: &mut crate::db::AnyConnection,
    issuer: &crate::issuer::Issuer,
    now: DateTime<Utc>,
) -> Result<(credential::JwkSet, HashMap<String, String>), DbError> {
    let keys = crate::issuer::Issuer::jwks(conn)?;
    let lists = [
        credential::StatusPurpose::Message,
        credential::StatusPurpose::Revocation,
        credential::StatusPurpose::Suspension,
    ]
    .into_iter()
    .map(|purpose| {
        Ok((
            issuer.addresses.status_list(purpose),
            issuer.status_list(conn, purpose, now)?,
        ))
    })
    .collect::<Result<HashMap<_, _>, DbError>>()?;
    Ok((keys, lists))
}

/// Checks again, before a grant, the credential a request was made with:
/// it must still be valid now (not revoked, suspended or expired since)
/// by the association that issued it.
pub async fn recheck(
    here: &Tenant,
    from: String,
    number: String,
    jwt: String,
) -> Result<(), ApiError> {
    let app = here.app().clone();
    let now = here.clock.now();
    actix_web::web::block(move || {
        let Some(association) = platform::by_code(&mut *app.associations.platform().get()?, &from)?
        else {
            return Err(ApiError::Conflict(
                Text::new("err-association-no-longer-deployment-credential-cannot")
                    .with("from", (from).to_string()),
            ));
        };
        let name = association.name.clone();
        let other = Tenant::new(app, association)?;
        let (keys, lists) = published(&mut *other.db.get()?, &other.issuer, now)?;
        let credential = check(&jwt, &keys, &lists, &other.issuer.addresses.issuer(), now);
        match credential {
            Ok(_) => Ok(()),
            Err(verdict) => Err(refused(&number, &name, &verdict)),
        }
    })
    .await
    .map_err(|_| ApiError::Internal("blocking pool unavailable".into()))?
}

/// Tells the platform's list of the association's granted recognitions it
/// does not know of yet (after a grant, and again each worker round, so a
/// failure in between is mended).
pub fn publish(tenant: &Tenant) -> Result<usize, DbError> {
    let waiting = recognitions::unpublished(&mut *tenant.db.get()?)?;
    let platform = tenant.app().associations.platform();
    for granted in &waiting {
        platform::insert_recognition(
            &mut *platform.get()?,
            &Recognition {
                to_association: tenant.code().to_string(),
                to_number: granted.number.clone(),
                from_association: granted.from_association.clone(),
                from_number: granted.from_number.clone(),
                recognised_at: granted.granted_at,
            },
        )?;
        recognitions::mark_published(&mut *tenant.db.get()?, &granted.id)?;
    }
    Ok(waiting.len())
}

/// Every association's name, by code.
pub fn names(app: &crate::state::AppState) -> Result<HashMap<String, String>, DbError> {
    Ok(platform::list(&mut *app.associations.platform().get()?)?
        .into_iter()
        .map(|a| (a.code, a.name))
        .collect())
}

/// Adds to registry lines of association `code` the recognitions they take
/// part in, either way. `known` are the associations' names when the
/// caller has them already (the search across associations); otherwise
/// they are read when a line needs them.
pub fn annotate(
    app: &crate::state::AppState,
    code: &str,
    entries: &mut [RegistryEntry],
    known: Option<&HashMap<String, String>>,
) -> Result<(), DbError> {
    let numbers: Vec<String> = entries.iter().map(|e| e.number.clone()).collect();
    let found =
        platform::recognitions_of(&mut *app.associations.platform().get()?, code, &numbers)?;
    if found.is_empty() {
        return Ok(());
    }
    let read;
    let names = match known {
        Some(names) => names,
        None => {
            read = names(app)?;
            &read
        }
    };
    let name_of = |code: &str| names.get(code).cloned().unwrap_or_else(|| code.to_string());
    for entry in entries.iter_mut() {
        for r in &found {
            let line = if r.to_association == code && r.to_number == entry.number {
                RegistryRecognition {
                    direction: RecognitionDirection::RecognisedFrom,
                    association_name: name_of(&r.from_association),
                    association: r.from_association.clone(),
                    number: r.from_number.clone(),
                }
            } else if r.from_association == code && r.from_number == entry.number {
                RegistryRecognition {
                    direction: RecognitionDirection::RecognisedBy,
                    association_name: name_of(&r.to_association),
                    association: r.to_association.clone(),
                    number: r.to_number.clone(),
                }
            } else {
                continue;
            };
            entry.recognitions.push(line);
        }
    }
    Ok(())
}

/// A registry page's lines of the request's association, with the
/// recognitions they take part in.
pub async fn with_recognitions(
    tenant: &Tenant,
    mut entries: Vec<RegistryEntry>,
) -> Result<Vec<RegistryEntry>, DbError> {
    let app = tenant.app().clone();
    let code = tenant.code().to_string();
    actix_web::web::block(move || {
        annotate(&app, &code, &mut entries, None)?;
        Ok(entries)
    })
    .await
    .map_err(|_| DbError::Blocking)?
}
