//! "Download my data": everything Endorse holds about a person, as the
//! `endorse-data.json` of the archive `GET /api/v1/me/data` answers (the
//! documents beside it, under `documents/`).

use crate::applications::ApplicationResponse;
use crate::documents::DocumentResponse;
use crate::endorsements::EndorsementView;
use crate::entries::PortfolioResponse;
use crate::recognitions::RecognitionView;
use crate::references::ReferenceView;
use crate::trail::TrailEvent;
use crate::users::UserResponse;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// What the archive's JSON holds.
pub const FORMAT: &str = "endorse-personal-data/1";

/// Everything about one person.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PersonalData {
    /// [`FORMAT`].
    pub format: String,
    /// When the archive was made.
    pub exported_at: DateTime<Utc>,
    /// The association that holds it.
    pub association: String,
    /// The account.
    pub account: UserResponse,
    /// The portfolio: every entry, the notes, the reference requests.
    pub portfolio: PortfolioResponse,
    /// The documents uploaded, each with where it is in the archive.
    pub documents: Vec<ArchivedDocument>,
    /// Every application, with its checklist and the snapshot submitted.
    pub applications: Vec<ApplicationResponse>,
    /// The reference requests, with the answers the person may see.
    pub references: Vec<ReferenceView>,
    /// The endorsements held.
    pub endorsements: Vec<EndorsementView>,
    /// The newest signed credential of each endorsement.
    pub credentials: Vec<HeldCredential>,
    /// Requests to recognise another association's endorsement.
    pub recognitions: Vec<RecognitionView>,
    /// Their fees: owed, paid (with receipts' numbers) and waived.
    #[serde(default)]
    pub fees: Vec<crate::fees::FeeLine>,
    /// Every e-mail addressed to the person.
    pub mail: Vec<MailToPerson>,
    /// What was done to the account (in the association's log).
    pub account_events: Vec<TrailEvent>,
}

/// A document and its place in the archive.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArchivedDocument {
    /// What Endorse knows of it.
    #[serde(flatten)]
    pub facts: DocumentResponse,
    /// Its path in the archive (`documents/…`).
    pub path: String,
}

/// A signed credential, as issued.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeldCredential {
    /// The endorsement's number.
    pub number: String,
    /// When it was signed.
    pub issued_at: DateTime<Utc>,
    /// Until when it is valid.
    pub valid_until: DateTime<Utc>,
    /// The credential (a signed JWT, Open Badges 3.0).
    pub jwt: String,
}

/// An e-mail to the person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailToPerson {
    /// When it was queued.
    pub created_at: DateTime<Utc>,
    /// When it was delivered, if it was.
    pub sent_at: Option<DateTime<Utc>>,
    /// Where to.
    pub to: String,
    /// Its kind (`decision`, `reference_rated`).
    pub kind: String,
    /// Its state (`sent`, `pending`, `failed`, `skipped`).
    pub status: String,
    /// Its subject.
    pub subject: String,
    /// Its text.
    pub text: String,
}
