//! An application as its reader sees it: weighed against its rulebook
//! category with the owner's portfolio and references today, with the
//! actions the reader may take.

use crate::db::applications::{self, Application};
use crate::db::audit;
use crate::db::payments::{self, Payment};
use crate::db::portfolio::{self, Weighable};
use crate::db::{rulebooks, AnyConnection, DbError, DbResult};
use crate::workflow::fees;
use chrono::NaiveDate;
use endorse_shared::applications::ApplicationResponse;
use endorse_shared::eligibility::{evaluate, EligibilityReport};
use endorse_shared::fees::FeeLine;
use endorse_shared::process::{self, Track};
use endorse_shared::rulebook::Rulebook;
use endorse_shared::{ApplicationId, Role, UserId};
use std::collections::hash_map::Entry;
use std::collections::HashMap;

/// What an application is weighed on: its rulebook category and the owner's
/// portfolio and references, today.
pub struct Weighed {
    /// The engine's report, with a short line for each fee that holds up
    /// submission.
    pub report: EligibilityReport,
    /// The application's fees (its owner's registration, its processing, its
    /// exam's sittings).
    pub fees: Vec<FeeLine>,
    category_name: String,
    track: Track,
}

/// Loads what answers need once per applicant and rulebook version, so a list
/// of applications costs the same few queries as one.
pub struct Loader {
    today: NaiveDate,
    role: Role,
    currency: String,
    fee_rulebooks: fees::Rulebooks,
    settled: HashMap<UserId, Vec<Payment>>,
    portfolios: HashMap<UserId, Weighable>,
    rulebooks: HashMap<i64, Rulebook>,
    current: Option<Rulebook>,
}

impl Loader {
    /// A loader weighing portfolios as of `today`, answering `role`, with
    /// fees in the association's `currency`.
    pub fn on(today: NaiveDate, role: Role, currency: &str) -> Self {
        Self {
            today,
            role,
            currency: currency.to_string(),
            fee_rulebooks: fees::Rulebooks::default(),
            settled: HashMap::new(),
            portfolios: HashMap::new(),
            rulebooks: HashMap::new(),
            current: None,
        }
    }

    /// The owner's portfolio as [`Loader::weigh`] read it, once weighed.
    pub fn portfolio_of(&self, owner: UserId) -> Option<&Weighable> {
        self.portfolios.get(&owner)
    }

    /// Weighs one application against its category, today.
    pub fn weigh(
        &mut self,
        conn: &mut AnyConnection,
        application: &Application,
    ) -> DbResult<Weighed> {
        let owner = application.applicant.id;
        let weighable = match self.portfolios.entry(owner) {
            Entry::Occupied(found) => found.into_mut(),
            Entry::Vacant(slot) => {
                let current = match &mut self.current {
                    Some(current) => current,
                    empty => empty.insert(rulebooks::current(conn)?.rulebook),
                };
                slot.insert(portfolio::weighable(conn, owner, current)?)
            }
        };
        let rulebook = match self.rulebooks.entry(application.rulebook_version) {
            Entry::Occupied(found) => found.into_mut(),
            Entry::Vacant(slot) => {
                let version =
                    rulebooks::get(conn, application.rulebook_version)?.ok_or(DbError::NotFound)?;
                slot.insert(version.rulebook)
            }
        };
        let rules = rulebook.category(&application.category).ok_or_else(|| {
            DbError::Corrupt(format!(
                "category {} missing from rulebook {}",
                application.category, application.rulebook_version
            ))
        })?;
        let lang = crate::locale::current();
        let mut report = evaluate(rules, &weighable.portfolio, self.today, lang);
        let category_name = rules.name.get(lang).to_string();
        let track = Track::of(rules);
        let settled = match self.settled.entry(owner) {
            Entry::Occupied(found) => found.into_mut(),
            Entry::Vacant(slot) => slot.insert(payments::for_person(conn, owner)?),
        };
        let fees = fees::of_application(
            conn,
            application,
            &self.currency,
            &mut self.fee_rulebooks,
            settled,
        )?;
        endorse_shared::fees::add_to_report(&mut report, &fees, lang);
        Ok(Weighed {
            report,
            fees,
            category_name,
            track,
        })
    }

    pub fn respond(
        &mut self,
        conn: &mut AnyConnection,
        application: Application,
    ) -> DbResult<ApplicationResponse> {
        let weighed = self.weigh(conn, &application)?;
        let snapshot = applications::latest_snapshot(conn, application.id)?;
        Ok(ApplicationResponse {
            id: application.id,
            applicant: application.applicant,
            category: application.category,
            category_name: weighed.category_name,
            rulebook_version: application.rulebook_version,
            status: application.status,
            version: application.version,
            created_at: application.created_at.and_utc(),
            submitted_at: application.submitted_at.map(|at| at.and_utc()),
            actions: process::allowed(application.status, self.role, weighed.track),
            feedback: audit::latest_feedback(conn, application.id)?,
            information_requests: crate::db::information::for_application(conn, application.id)?,
            report: weighed.report,
            fees: weighed.fees,
            snapshot,
        })
    }
}

/// One application as an answer.
pub fn respond(
    conn: &mut AnyConnection,
    application: Application,
    today: NaiveDate,
    role: Role,
    currency: &str,
) -> DbResult<ApplicationResponse> {
    Loader::on(today, role, currency).respond(conn, application)
}

/// The caller's own application, or a 404.
pub fn own(
    conn: &mut AnyConnection,
    owner: UserId,
    id: ApplicationId,
) -> DbResult<Option<Application>> {
    Ok(applications::get(conn, id)?.filter(|application| application.applicant.id == owner))
}

/// The owner's own application as its owner sees it, or none (not theirs).
pub fn own_view(
    conn: &mut AnyConnection,
    owner: UserId,
    id: ApplicationId,
    today: NaiveDate,
    currency: &str,
) -> DbResult<Option<ApplicationResponse>> {
    own(conn, owner, id)?
        .map(|application| respond(conn, application, today, Role::Applicant, currency))
        .transpose()
}
