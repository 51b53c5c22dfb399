//! Endorsements once awarded: their readable number, status, renewal due
//! date, and what the public registry shows of them.

use crate::ids::{ApplicationId, UserId};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Where an endorsement stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum EndorsementStatus {
    /// In good standing.
    Active,
    /// In good standing; the renewal window is open.
    RenewalDue,
    /// The renewal was missed.
    Lapsed,
    /// Suspended by the association (may be restored).
    Suspended,
    /// Revoked for good.
    Revoked,
    /// Set aside at the holder's request.
    Inactive,
    /// Retired with honour.
    Emeritus,
    /// Kept for the record only (an archived category).
    Archived,
}

impl EndorsementStatus {
    /// Every status.
    pub const ALL: [EndorsementStatus; 8] = [
        EndorsementStatus::Active,
        EndorsementStatus::RenewalDue,
        EndorsementStatus::Lapsed,
        EndorsementStatus::Suspended,
        EndorsementStatus::Revoked,
        EndorsementStatus::Inactive,
        EndorsementStatus::Emeritus,
        EndorsementStatus::Archived,
    ];

    /// The stored name.
    pub const fn as_str(self) -> &'static str {
        match self {
            EndorsementStatus::Active => "active",
            EndorsementStatus::RenewalDue => "renewal_due",
            EndorsementStatus::Lapsed => "lapsed",
            EndorsementStatus::Suspended => "suspended",
            EndorsementStatus::Revoked => "revoked",
            EndorsementStatus::Inactive => "inactive",
            EndorsementStatus::Emeritus => "emeritus",
            EndorsementStatus::Archived => "archived",
        }
    }

    /// The status stored under this name.
    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == raw)
    }

    /// Words for people.
    pub const fn label(self) -> &'static str {
        match self {
            EndorsementStatus::Active => "Active",
            EndorsementStatus::RenewalDue => "Renewal due",
            EndorsementStatus::Lapsed => "Lapsed",
            EndorsementStatus::Suspended => "Suspended",
            EndorsementStatus::Revoked => "Revoked",
            EndorsementStatus::Inactive => "Inactive",
            EndorsementStatus::Emeritus => "Emeritus",
            EndorsementStatus::Archived => "Archived",
        }
    }

    /// Whether the endorsement is in good standing (and may be listed).
    pub const fn in_good_standing(self) -> bool {
        matches!(
            self,
            EndorsementStatus::Active | EndorsementStatus::RenewalDue
        )
    }

    /// The status list whose bit is set for an endorsement in this status:
    /// revocation for a revoked one, suspension for any other not in good
    /// standing, none for one in good standing.
    pub const fn status_bit(self) -> Option<crate::credential::StatusPurpose> {
        use crate::credential::StatusPurpose;
        match self {
            EndorsementStatus::Revoked => Some(StatusPurpose::Revocation),
            s if s.in_good_standing() => None,
            _ => Some(StatusPurpose::Suspension),
        }
    }

    /// Where the status lists put an endorsement in this status: revoked,
    /// suspended for any other status not in good standing, valid otherwise.
    pub const fn standing(self) -> crate::credential::Standing {
        use crate::credential::Standing;
        match self {
            EndorsementStatus::Revoked => Standing::Revoked,
            s if s.in_good_standing() => Standing::Valid,
            _ => Standing::Suspended,
        }
    }

    /// The statuses an admin may move it to from this one. Revoked is final;
    /// lapsing and renewal are the renewal process's own steps.
    pub fn admin_moves(self) -> &'static [EndorsementStatus] {
        use EndorsementStatus as S;
        match self {
            S::Active | S::RenewalDue => &[
                S::Suspended,
                S::Revoked,
                S::Inactive,
                S::Emeritus,
                S::Archived,
            ],
            S::Suspended => &[S::Active, S::Revoked],
            S::Inactive => &[S::Active, S::Archived],
            S::Lapsed => &[S::Revoked, S::Archived],
            S::Emeritus => &[S::Archived],
            S::Revoked | S::Archived => &[],
        }
    }
}

/// An endorsement's number: the association's prefix, the category, the
/// year awarded and a sequence within them, e.g. `MI-IMHS-2026-0042`.
pub fn number(prefix: &str, category: &str, year: i32, sequence: i64) -> String {
    format!("{prefix}-{category}-{year}-{sequence:04}")
}

/// The key numbers are counted under: prefix, category and year.
pub fn sequence_key(prefix: &str, category: &str, year: i32) -> String {
    format!("{prefix}-{category}-{year}")
}

/// The first yearly due date (`month`/`day`) on or after `start` plus
/// `months`: a renewal's due date counts a full span from its start. A due
/// date of 29 February falls on the 28th in a common year.
pub fn due_on_or_after(start: NaiveDate, months: u32, month: u32, day: u32) -> NaiveDate {
    let earliest = start
        .checked_add_months(chrono::Months::new(months))
        .unwrap_or(start);
    let on = |year: i32| {
        NaiveDate::from_ymd_opt(year, month, day)
            .or_else(|| NaiveDate::from_ymd_opt(year, month, day.saturating_sub(1)))
            .unwrap_or(earliest)
    };
    let year = earliest.year();
    if on(year) >= earliest {
        on(year)
    } else {
        on(year + 1)
    }
}

/// How an endorsement came to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum EndorsementOrigin {
    /// Earned by an application here.
    Application,
    /// Awarded in recognition of another association's endorsement
    /// (reciprocity).
    Recognition,
    /// Brought in from the association's earlier system by an import.
    Import,
}

impl EndorsementOrigin {
    /// As stored.
    pub const fn as_str(self) -> &'static str {
        match self {
            EndorsementOrigin::Application => "application",
            EndorsementOrigin::Recognition => "recognition",
            EndorsementOrigin::Import => "import",
        }
    }

    /// From storage.
    pub fn parse(raw: &str) -> Option<Self> {
        [
            EndorsementOrigin::Application,
            EndorsementOrigin::Recognition,
            EndorsementOrigin::Import,
        ]
        .into_iter()
        .find(|o| o.as_str() == raw)
    }
}

/// An endorsement, as its holder and admins see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EndorsementView {
    /// The number, e.g. `MI-IMHS-2026-0042`.
    pub number: String,
    /// The holder.
    pub holder: UserId,
    /// The holder's name.
    pub holder_name: String,
    /// The category's code.
    pub category: String,
    /// The category's name.
    pub category_name: String,
    /// The application that earned it (none when it was recognised from
    /// another association, or imported).
    pub application: Option<ApplicationId>,
    /// How it came to be.
    pub origin: EndorsementOrigin,
    /// When it was awarded.
    pub awarded_at: DateTime<Utc>,
    /// When renewal is due.
    pub renewal_due: NaiveDate,
    /// Where it stands.
    pub status: EndorsementStatus,
    /// Whether the holder agreed to be listed in the public registry.
    pub listed: bool,
    /// Send it back in `If-Match` to change it.
    pub version: i64,
}

/// Change an endorsement's status (admins), with the reason kept in the
/// audit log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EndorsementStatusRequest {
    /// The new status.
    pub status: EndorsementStatus,
    /// Why.
    pub reason: String,
}

/// The holder's choice to be listed in the public registry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ListingRequest {
    /// Listed or not.
    pub listed: bool,
}

/// One line of the public registry: nothing more than an employer needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegistryEntry {
    /// The holder's name.
    pub name: String,
    /// The category's code.
    pub category: String,
    /// The category's name.
    pub category_name: String,
    /// The number.
    pub number: String,
    /// Where it stands.
    pub status: EndorsementStatus,
    /// Endorsed since.
    pub endorsed_since: NaiveDate,
    /// Valid through (the renewal due date).
    pub valid_through: NaiveDate,
    /// Recognitions between this endorsement and another association's:
    /// the one it was awarded in recognition of, and those awarded in
    /// recognition of it.
    #[serde(default)]
    pub recognitions: Vec<RegistryRecognition>,
}

/// Which way a recognition goes, seen from a registry line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RecognitionDirection {
    /// This endorsement recognises the other association's.
    RecognisedFrom,
    /// The other association recognised this endorsement with its own.
    RecognisedBy,
}

/// A recognition, as a registry line shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegistryRecognition {
    /// Which way.
    pub direction: RecognitionDirection,
    /// The other association's code.
    pub association: String,
    /// Its name.
    pub association_name: String,
    /// The other endorsement's number.
    pub number: String,
}

impl RegistryRecognition {
    /// In words, for the registry.
    pub fn describe(&self) -> crate::i18n::Text {
        crate::i18n::Text::new(match self.direction {
            RecognitionDirection::RecognisedFrom => "registry-recognised-from",
            RecognitionDirection::RecognisedBy => "registry-recognised-by",
        })
        .with("association", &self.association_name)
        .with("number", &self.number)
    }
}

/// A page of the registry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegistryPage {
    /// The entries, by name.
    pub items: Vec<RegistryEntry>,
    /// Matches in all.
    pub total: u64,
    /// This page, from 1.
    pub page: u32,
    /// Entries per page.
    pub per_page: u32,
}

/// A registry search (`GET /api/v1/registry`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, validator::Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct RegistryQuery {
    /// Part of the name, or the number, without regard to case or accents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(max = 200))]
    #[cfg_attr(feature = "openapi", param(max_length = 200))]
    pub q: Option<String>,
    /// A category code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(max = 32))]
    #[cfg_attr(feature = "openapi", param(max_length = 32))]
    pub category: Option<String>,
    /// The page, from 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(range(min = 1, max = 1_000_000))]
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 1000000))]
    pub page: Option<u32>,
}

impl RegistryQuery {
    /// Entries per page.
    pub const PER_PAGE: u32 = 25;

    /// The page, from 1.
    pub fn page(&self) -> u32 {
        self.page.unwrap_or(1).max(1)
    }
}

/// A search across the registries of every association that takes part
/// (`GET /api/v1/registry/everywhere`), for an employer who does not know
/// where someone was endorsed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, validator::Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct SharedRegistryQuery {
    /// Part of the name, or the number, without regard to case or accents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(max = 200))]
    #[cfg_attr(feature = "openapi", param(max_length = 200))]
    pub q: Option<String>,
    /// A category code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(max = 32))]
    #[cfg_attr(feature = "openapi", param(max_length = 32))]
    pub category: Option<String>,
    /// One association's code, to search only it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(max = 20))]
    #[cfg_attr(feature = "openapi", param(max_length = 20))]
    pub association: Option<String>,
    /// The page, from 1 (at most 40: narrow the search past a thousand).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(range(min = 1, max = 40, code = "per_page"))]
    #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 40))]
    pub page: Option<u32>,
}

impl SharedRegistryQuery {
    /// The page, from 1.
    pub fn page(&self) -> u32 {
        self.page.unwrap_or(1).max(1)
    }

    /// The same search in one association's registry, for its first
    /// `page` pages at once.
    pub fn in_one(&self) -> RegistryQuery {
        RegistryQuery {
            q: self.q.clone(),
            category: self.category.clone(),
            page: None,
        }
    }
}

/// One line of the shared search: the registry's line and whose it is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SharedRegistryEntry {
    /// The association that endorsed.
    pub association: String,
    /// Its name.
    pub association_name: String,
    /// Where its own registry and verify page are.
    pub association_url: String,
    /// The line.
    #[serde(flatten)]
    pub entry: RegistryEntry,
}

/// A page of the shared search.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SharedRegistryPage {
    /// The entries, by name, then association.
    pub items: Vec<SharedRegistryEntry>,
    /// Matches in all.
    pub total: u64,
    /// This page, from 1.
    pub page: u32,
    /// Entries per page.
    pub per_page: u32,
    /// The associations that take part: (code, name).
    pub associations: Vec<(String, String)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn numbers_read_like_the_associations() {
        assert_eq!(number("MI", "IMHS", 2026, 42), "MI-IMHS-2026-0042");
        assert_eq!(number("MI", "IFS", 2026, 12345), "MI-IFS-2026-12345");
        assert_eq!(sequence_key("MI", "IFS", 2026), "MI-IFS-2026");
    }

    fn policy(month: u32, day: u32, every_years: u32) -> crate::rulebook::EndorsementPolicy {
        crate::rulebook::EndorsementPolicy {
            renewal_month: month,
            renewal_day: day,
            renewal_every_years: every_years,
            ..Default::default()
        }
    }

    #[test]
    fn the_first_due_date_gives_a_full_cycle_never_weeks() {
        let yearly = policy(12, 31, 1);
        // Endorsed 1 December 2026, due by 31 December: first due 31 December
        // 2027, not 30 days later.
        assert_eq!(yearly.first_due(date(2026, 12, 1)), date(2027, 12, 31));
        assert_eq!(yearly.first_due(date(2026, 11, 22)), date(2027, 12, 31));
        assert_eq!(yearly.first_due(date(2026, 3, 1)), date(2027, 12, 31));
        // Awarded on the due day itself: a year later exactly.
        assert_eq!(yearly.first_due(date(2026, 12, 31)), date(2027, 12, 31));
        // Early January: a full year would reach into the next January.
        assert_eq!(yearly.first_due(date(2027, 1, 5)), date(2028, 12, 31));
        // Every 3 years by 30 June: at least three years, not two and a month.
        let triennial = policy(6, 30, 3);
        assert_eq!(triennial.first_due(date(2026, 5, 20)), date(2029, 6, 30));
        assert_eq!(triennial.first_due(date(2026, 7, 1)), date(2030, 6, 30));
        // An association that wants a shorter first period says so.
        let short = crate::rulebook::EndorsementPolicy {
            first_cycle_months: Some(6),
            ..policy(12, 31, 1)
        };
        assert_eq!(short.first_due(date(2026, 3, 1)), date(2026, 12, 31));
        // 29 February in a common year falls on the 28th.
        assert_eq!(
            policy(2, 29, 1).first_due(date(2026, 3, 1)),
            date(2028, 2, 29)
        );
        assert_eq!(
            policy(2, 29, 1).first_due(date(2025, 3, 1)),
            date(2027, 2, 28)
        );
    }

    #[test]
    fn a_renewal_moves_the_due_date_one_cycle_and_valid_through_adds_the_grace() {
        let yearly = policy(12, 31, 1);
        assert_eq!(yearly.next_due(date(2027, 12, 31)), date(2028, 12, 31));
        assert_eq!(
            policy(6, 30, 3).next_due(date(2029, 6, 30)),
            date(2032, 6, 30)
        );
        assert_eq!(yearly.valid_through(date(2027, 12, 31)), date(2028, 1, 30));
        assert_eq!(yearly.lapses_on(date(2027, 12, 31)), date(2028, 1, 31));
    }

    #[test]
    fn only_good_standing_is_listed_and_revoked_is_final() {
        let listed: Vec<_> = EndorsementStatus::ALL
            .into_iter()
            .filter(|s| s.in_good_standing())
            .collect();
        assert_eq!(
            listed,
            [EndorsementStatus::Active, EndorsementStatus::RenewalDue]
        );
        assert!(EndorsementStatus::Revoked.admin_moves().is_empty());
        for status in EndorsementStatus::ALL {
            assert_eq!(EndorsementStatus::parse(status.as_str()), Some(status));
            assert!(!status.admin_moves().contains(&status));
        }
    }
}

/// An endorsement's current signed credential, for its holder (and admins).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CredentialDownload {
    /// The endorsement's number.
    pub number: String,
    /// The Open Badges 3.0 credential as a VC-JWT.
    pub jwt: String,
    /// The verify page for this endorsement, with its verification code: what
    /// the certificate's QR code opens.
    pub verify_url: String,
}

/// A credential anyone may check (`GET /api/v1/credentials/{number}`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicCredential {
    /// The Open Badges 3.0 credential as a VC-JWT.
    pub jwt: String,
}

/// How someone who is not the holder asks for a credential.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct PublicCredentialQuery {
    /// The verification code printed on the certificate (in its QR link).
    /// Without it, only the credentials of holders listed in the registry are
    /// given out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

/// A signing key just made.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IssuerKeyView {
    /// Its identifier (the `kid` of what it signs).
    pub kid: String,
}

crate::texts!(EndorsementStatus {
    Active => "endorsement-status-active",
    RenewalDue => "endorsement-status-renewal-due",
    Lapsed => "endorsement-status-lapsed",
    Suspended => "endorsement-status-suspended",
    Revoked => "endorsement-status-revoked",
    Inactive => "endorsement-status-inactive",
    Emeritus => "endorsement-status-emeritus",
    Archived => "endorsement-status-archived",
});
