//! The workflow: what happens to applications, reviews, exams, endorsements
//! and renewals, with the audit events and mail that go with each step, in
//! the caller's transaction. Routes and the worker call it; it knows nothing
//! of HTTP (no requests, no responses, no headers), and it never opens a
//! transaction of its own beyond the savepoints of `db::write`.
//!
//! A refusal is returned as `Ok(Err(ApiError))` (a 409 naming the status, a
//! 422 naming the field) so that the caller's `Db::attempt` rolls back what
//! was written before it.

pub mod accounts;
pub mod exams;
pub mod export;
pub mod fees;
pub mod imports;
pub mod issuing;
pub mod pacing;
pub mod process;
pub mod recognition;
pub mod references;
pub mod registry;
pub mod renewal;
pub mod reviewers;
pub mod schedule;
pub mod submission;
pub mod weighing;

use crate::db::applications::{self, Application};
use crate::db::{rulebooks, AnyConnection, DbError, DbResult};
use crate::error::ApiError;
use endorse_shared::i18n::Text;
use endorse_shared::process::Track;
use endorse_shared::review::ReviewRules;
use endorse_shared::rulebook::{CategoryRules, Rulebook};
use endorse_shared::ApplicationId;

/// An application with the rules it is judged by.
pub struct Judged {
    pub application: Application,
    pub rulebook: Rulebook,
    pub category: CategoryRules,
    /// The latest submission round (0 before the first submission).
    pub round: i64,
}

impl Judged {
    /// Loads the application with its rulebook. Inside a transaction, the
    /// application stays locked until it ends, so what a change checks (its
    /// status, its reviewers, its exam) holds when it writes.
    pub fn load(conn: &mut AnyConnection, id: ApplicationId) -> DbResult<Option<Self>> {
        crate::db::lock_rows(
            conn,
            crate::db::Lockable::Applications,
            vec![id.to_string()],
        )?;
        let Some(application) = applications::get(conn, id)? else {
            return Ok(None);
        };
        let rulebook = rulebooks::get(conn, application.rulebook_version)?
            .ok_or(DbError::NotFound)?
            .rulebook;
        let category = rulebook
            .category(&application.category)
            .cloned()
            .ok_or_else(|| {
                DbError::Corrupt(format!(
                    "category {} missing from rulebook {}",
                    application.category, application.rulebook_version
                ))
            })?;
        let round = applications::snapshot_count(conn, id)?;
        Ok(Some(Self {
            application,
            rulebook,
            category,
            round,
        }))
    }

    pub fn track(&self) -> Track {
        Track::of(&self.category)
    }

    pub fn rules(&self) -> ReviewRules {
        ReviewRules::of(&self.rulebook, &self.category)
    }
}

/// The 404 for an application that is not the caller's (or does not exist:
/// the two are told apart to nobody).
pub fn not_yours() -> ApiError {
    ApiError::NotFound(Text::new("err-there-no-such-application-yours"))
}
