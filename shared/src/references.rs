//! Reference requests: what an applicant asks of a referee, what the referee
//! answers through the secret link, and what each side is allowed to see.
//!
//! A request belongs to the applicant's portfolio and names the category it is
//! for. The referee rates the applicant on every competency domain of the
//! rulebook; the engine (`crate::eligibility`) only reads the
//! [`RatingSummary`](crate::portfolio::RatingSummary) of a received rating.

use crate::entries::{Checker, FieldErrors};
use crate::i18n::Text;
use crate::ids::EntryId;
use crate::portfolio::{RatingSummary, ReferenceData};
use crate::rulebook::{CompetencyDomain, Relationship};
use crate::validation::normalize_email;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use validator::ValidateEmail;

/// The longest comment a referee may write.
pub const COMMENTS_MAX_CHARS: usize = 5000;
/// The longest reason a referee may give for declining.
pub const DECLINE_REASON_MAX_CHARS: usize = 1000;

/// The referee's own endorsement, when they hold one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RefereeEndorsement {
    /// The category code, e.g. `IMHM-C`.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 20))]
    pub category: String,
    /// The endorsement number.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 60))]
    pub number: String,
}

/// What the applicant asks: who the referee is and what they may see. Sent to
/// request a reference and to replace a referee.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReferenceRequestInput {
    /// The category the reference is for (a code of the current rulebook).
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 32))]
    pub category: String,
    /// The referee's full name.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
    pub referee_name: String,
    /// The referee's e-mail address; the secret link goes there.
    #[cfg_attr(feature = "openapi", schema(min_length = 3, max_length = 254))]
    pub referee_email: String,
    /// How the referee knows the applicant.
    pub relationship: Relationship,
    /// The referee's endorsement, if they are endorsed.
    #[serde(default)]
    pub endorsement: Option<RefereeEndorsement>,
    /// Since when they have known each other.
    pub known_since: NaiveDate,
    /// True when the applicant waives the right to see the rating.
    pub waive_access: bool,
    /// The language the referee's page and mail are in (the referee may
    /// change it on the page); none: the association's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<crate::i18n::Lang>,
}

impl ReferenceRequestInput {
    /// Trims the text and lower-cases the e-mail address.
    pub fn normalized(mut self) -> Self {
        self.category = self.category.trim().to_string();
        self.referee_name = self.referee_name.trim().to_string();
        self.referee_email = normalize_email(&self.referee_email);
        if let Some(endorsement) = &mut self.endorsement {
            endorsement.category = endorsement.category.trim().to_string();
            endorsement.number = endorsement.number.trim().to_string();
        }
        self
    }

    /// What is wrong with the request, by field. `categories` are the codes of the
    /// current rulebook.
    pub fn problems(&self, today: NaiveDate, categories: &[&str]) -> FieldErrors {
        let mut errors = Checker::default();
        if !categories.contains(&self.category.as_str()) {
            errors.add("category", Text::new("reference-unknown-category"));
        }
        errors.text("referee_name", &self.referee_name, 200);
        if self.referee_email.chars().count() > 254 {
            errors.add(
                "referee_email",
                Text::new("field-too-long").with("max", 254),
            );
        } else if !self.referee_email.validate_email() {
            errors.add("referee_email", Text::new("field-email"));
        }
        if let Some(endorsement) = &self.endorsement {
            errors.text("endorsement.category", &endorsement.category, 20);
            errors.text("endorsement.number", &endorsement.number, 60);
        }
        errors.past("known_since", self.known_since, today);
        if self.known_since < NaiveDate::from_ymd_opt(1950, 1, 1).unwrap_or(NaiveDate::MIN) {
            errors.add("known_since", Text::new("entry-start-too-early"));
        }
        errors.0
    }
}

/// The language a referee chooses on the page (`PUT /api/v1/referee/{token}/language`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RefereeLanguage {
    /// `en` or `es`.
    pub language: crate::i18n::Lang,
}

/// One answer on a competency domain: a point on the scale, or "I do not have
/// enough information to rate".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Rating {
    /// Consistently shows the competencies of this domain; a model for others.
    Exemplary,
    /// Shows them reliably.
    Strong,
    /// Shows them most of the time.
    Competent,
    /// Is still building them.
    Developing,
    /// Has not shown them.
    NotEvident,
    /// I do not have enough information to rate.
    NotEnoughInformation,
}

impl Rating {
    /// Every answer, best first, the abstention last.
    pub const ALL: [Rating; 6] = [
        Rating::Exemplary,
        Rating::Strong,
        Rating::Competent,
        Rating::Developing,
        Rating::NotEvident,
        Rating::NotEnoughInformation,
    ];

    /// Words for people.
    pub const fn label(self) -> &'static str {
        match self {
            Rating::Exemplary => "Exemplary",
            Rating::Strong => "Strong",
            Rating::Competent => "Competent",
            Rating::Developing => "Developing",
            Rating::NotEvident => "Not evident",
            Rating::NotEnoughInformation => "I do not have enough information to rate",
        }
    }
}

crate::texts!(Rating {
    Exemplary => "rating-exemplary",
    Strong => "rating-strong",
    Competent => "rating-competent",
    Developing => "rating-developing",
    NotEvident => "rating-not-evident",
    NotEnoughInformation => "rating-not-enough-information",
});

crate::texts!(Recommendation {
    Recommend => "recommendation-recommend",
    RecommendWithReservations => "recommendation-with-reservations",
    DoNotRecommend => "recommendation-do-not-recommend",
});

/// The referee's overall recommendation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Recommendation {
    /// Recommended without reservation.
    Recommend,
    /// Recommended, with reservations stated in the comments.
    RecommendWithReservations,
    /// Not recommended.
    DoNotRecommend,
}

impl Recommendation {
    /// Every recommendation.
    pub const ALL: [Recommendation; 3] = [
        Recommendation::Recommend,
        Recommendation::RecommendWithReservations,
        Recommendation::DoNotRecommend,
    ];

    /// Words for people.
    pub const fn label(self) -> &'static str {
        match self {
            Recommendation::Recommend => "I recommend the applicant",
            Recommendation::RecommendWithReservations => {
                "I recommend the applicant, with reservations"
            }
            Recommendation::DoNotRecommend => "I do not recommend the applicant",
        }
    }
}

/// A submitted rating: final and never changed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RatingAnswer {
    /// The relationship, as the referee confirms or corrects it.
    pub relationship: Relationship,
    /// Since when they have known each other, as the referee confirms or corrects it.
    pub known_since: NaiveDate,
    /// An answer for every competency domain, by domain code.
    pub ratings: BTreeMap<String, Rating>,
    /// What the referee wants reviewers to know.
    pub comments: String,
    /// The overall recommendation.
    pub recommendation: Recommendation,
}

impl RatingAnswer {
    /// What is wrong with the answer, by field: every domain must be answered, and
    /// only those.
    pub fn problems(&self, today: NaiveDate, domains: &[CompetencyDomain]) -> FieldErrors {
        let mut errors = Checker::default();
        errors.past("known_since", self.known_since, today);
        for domain in domains {
            if !self.ratings.contains_key(&domain.code) {
                errors.add(
                    &format!("ratings.{}", domain.code),
                    Text::new("reference-choose-answer"),
                );
            }
        }
        for code in self.ratings.keys() {
            if !domains.iter().any(|d| &d.code == code) {
                errors.add(
                    &format!("ratings.{code}"),
                    Text::new("reference-not-a-domain"),
                );
            }
        }
        if self.comments.chars().count() > COMMENTS_MAX_CHARS {
            errors.add(
                "comments",
                Text::new("field-too-long").with("max", COMMENTS_MAX_CHARS),
            );
        }
        errors.0
    }

    /// How many answers were "not enough information".
    pub fn not_enough_information(&self) -> u32 {
        let count = self
            .ratings
            .values()
            .filter(|r| **r == Rating::NotEnoughInformation)
            .count();
        u32::try_from(count).unwrap_or(u32::MAX)
    }
}

/// A rating in progress: anything may still be missing. Kept on the server so it
/// survives a reload or a change of device.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RatingDraft {
    /// The relationship, if the referee touched it.
    #[serde(default)]
    pub relationship: Option<Relationship>,
    /// Since when, if the referee touched it.
    #[serde(default)]
    pub known_since: Option<NaiveDate>,
    /// The answers given so far, by domain code.
    #[serde(default)]
    pub ratings: BTreeMap<String, Rating>,
    /// The comments so far.
    #[serde(default)]
    pub comments: String,
    /// The recommendation, if chosen.
    #[serde(default)]
    pub recommendation: Option<Recommendation>,
}

impl RatingDraft {
    /// What is wrong with a draft (sizes only: a draft may be incomplete).
    pub fn problems(&self, domains: &[CompetencyDomain]) -> FieldErrors {
        let mut errors = Checker::default();
        for code in self.ratings.keys() {
            if !domains.iter().any(|d| &d.code == code) {
                errors.add(
                    &format!("ratings.{code}"),
                    Text::new("reference-not-a-domain"),
                );
            }
        }
        if self.comments.chars().count() > COMMENTS_MAX_CHARS {
            errors.add(
                "comments",
                Text::new("field-too-long").with("max", COMMENTS_MAX_CHARS),
            );
        }
        errors.0
    }
}

/// A referee declining to give a reference.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeclineRequest {
    /// Why, in a few words.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 1000))]
    pub reason: String,
}

impl DeclineRequest {
    /// What is wrong with it, by field.
    pub fn problems(&self) -> FieldErrors {
        let mut errors = Checker::default();
        errors.text("reason", &self.reason, DECLINE_REASON_MAX_CHARS);
        errors.0
    }
}

/// Where a request stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReferenceStatus {
    /// The e-mail is waiting to be delivered.
    Queued,
    /// The e-mail was delivered to the referee's mail server.
    Sent,
    /// The e-mail could not be delivered; see the delivery's error.
    DeliveryFailed,
    /// The referee opened the link.
    Opened,
    /// The referee declined.
    Declined,
    /// The rating arrived.
    Received,
    /// The applicant cancelled the request (or replaced the referee).
    Cancelled,
    /// The link expired before the referee answered.
    Expired,
}

crate::texts!(ReferenceStatus {
    Queued => "reference-status-queued",
    Sent => "reference-status-sent",
    DeliveryFailed => "reference-status-delivery-failed",
    Opened => "reference-status-opened",
    Declined => "reference-status-declined",
    Received => "reference-status-received",
    Cancelled => "reference-status-cancelled",
    Expired => "reference-status-expired",
});

impl ReferenceStatus {
    /// Words for people.
    pub const fn label(self) -> &'static str {
        match self {
            ReferenceStatus::Queued => "Queued",
            ReferenceStatus::Sent => "Sent",
            ReferenceStatus::DeliveryFailed => "Delivery failed",
            ReferenceStatus::Opened => "Opened",
            ReferenceStatus::Declined => "Declined",
            ReferenceStatus::Received => "Received",
            ReferenceStatus::Cancelled => "Cancelled",
            ReferenceStatus::Expired => "Expired",
        }
    }

    /// Whether the link still works for the referee.
    pub const fn is_live(self) -> bool {
        matches!(
            self,
            ReferenceStatus::Queued
                | ReferenceStatus::Sent
                | ReferenceStatus::DeliveryFailed
                | ReferenceStatus::Opened
        )
    }
}

/// How the latest request e-mail fared.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Delivery {
    /// Waiting, delivered or given up.
    pub state: DeliveryState,
    /// Attempts made so far.
    pub attempts: u32,
    /// The last error, when an attempt failed.
    pub last_error: Option<String>,
    /// When it was delivered.
    pub sent_at: Option<DateTime<Utc>>,
}

/// Where one e-mail stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DeliveryState {
    /// Waiting for its first or next attempt.
    Pending,
    /// Handed to the mail server (or, without one, written to the log).
    Sent,
    /// Given up after the last attempt, or refused for good.
    Failed,
    /// Not sent: the request was cancelled or answered first.
    Skipped,
}

/// Whether a received rating counts for the request's category, and why not.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Counting {
    /// True when the engine counts it.
    pub counts: bool,
    /// Why it does not count (empty when it does), and notes.
    pub reasons: Vec<String>,
}

/// A reference request as its applicant sees it. Where access was waived, the
/// answer is never included: only the status and whether it counts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReferenceView {
    /// The request's id.
    pub id: EntryId,
    /// What the applicant asked.
    pub request: ReferenceRequestInput,
    /// Where it stands.
    pub status: ReferenceStatus,
    /// The latest request e-mail, once one was queued.
    pub delivery: Option<Delivery>,
    /// When it was requested.
    pub requested_at: DateTime<Utc>,
    /// When the current link stops working.
    pub expires_at: Option<DateTime<Utc>>,
    /// When the referee first opened the link.
    pub opened_at: Option<DateTime<Utc>>,
    /// When the referee answered (rated or declined).
    pub answered_at: Option<DateTime<Utc>>,
    /// Why the referee declined.
    pub declined_reason: Option<String>,
    /// Whether the rating counts, once received.
    pub counting: Option<Counting>,
    /// The rating itself: absent where access was waived (and until it arrives).
    pub answer: Option<RatingAnswer>,
    /// The rating brought in from the association's earlier records, where
    /// the reader may see it (as `answer`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub imported: Option<ImportedRating>,
    /// The request that replaced this one.
    pub replaced_by: Option<EntryId>,
}

/// A referee's live link, as an admin copies it for a referee who contacts
/// the association (mail that never arrived). The applicant never receives a
/// referee's link: with it they could read or write the referee's answer.
/// Every copy is logged.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RefereeLink {
    /// The request.
    pub reference: EntryId,
    /// The secret link.
    pub link: String,
    /// When it stops working.
    pub expires_at: DateTime<Utc>,
}

/// Re-sending a request: a new link (the old one stops working) and a new
/// e-mail, optionally to a corrected address (when an employer's mail server
/// refused it, a personal address usually works).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ResendRequest {
    /// The referee's corrected e-mail address; absent to keep the one given.
    #[serde(default)]
    #[cfg_attr(
        feature = "openapi",
        schema(format = "email", min_length = 3, max_length = 254)
    )]
    pub referee_email: Option<String>,
}

/// What a referee is told after answering.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RefereeDone {
    /// A message for the referee.
    pub message: String,
}

/// Where the referee's answer came from, as far as the server can tell, for
/// [`signals`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AnswerTrace<'a> {
    /// The IP address the answer came from.
    pub ip: Option<&'a str>,
    /// The SHA-256 of the browser's device cookie, if it had one.
    pub device: Option<&'a str>,
    /// Whether the answer carried the applicant's own signed-in session.
    pub applicant_session: bool,
}

/// Something reviewers should look at twice. Shown, never blocking.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum ReferenceSignal {
    /// Another referee of the same applicant has the same e-mail address.
    SharedEmail {
        /// The other request.
        other: EntryId,
    },
    /// The referee's address is the applicant's own.
    ApplicantEmail,
    /// The referee answered from an IP address the applicant signed in from.
    ApplicantIp {
        /// The address (withheld from reviewers).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        ip: Option<String>,
    },
    /// The referee answered from a browser the applicant signed in with.
    ApplicantDevice,
    /// The answer was sent with the applicant's own signed-in session.
    ApplicantSession,
    /// An admin disabled the applicant's account.
    ApplicantDisabled,
}

impl ReferenceSignal {
    /// Words for reviewers.
    pub fn describe(&self) -> crate::i18n::Text {
        use crate::i18n::Text;
        match self {
            ReferenceSignal::SharedEmail { .. } => Text::new("signal-shared-email"),
            ReferenceSignal::ApplicantEmail => Text::new("signal-applicant-email"),
            ReferenceSignal::ApplicantIp { ip: Some(ip) } => {
                Text::new("signal-applicant-ip").with("ip", ip)
            }
            ReferenceSignal::ApplicantIp { ip: None } => Text::new("signal-applicant-address"),
            ReferenceSignal::ApplicantDisabled => Text::new("signal-applicant-disabled"),
            ReferenceSignal::ApplicantDevice => Text::new("signal-applicant-device"),
            ReferenceSignal::ApplicantSession => Text::new("signal-applicant-session"),
        }
    }

    /// The signal as a reviewer may see it: nothing that points at a person
    /// (the address is left out).
    pub fn for_reviewer(self) -> Self {
        match self {
            ReferenceSignal::ApplicantIp { .. } => ReferenceSignal::ApplicantIp { ip: None },
            other => other,
        }
    }
}

/// A reference as reviewers and admins see it: everything, with the signals.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewedReference {
    /// The request, always with its answer once given.
    pub reference: ReferenceView,
    /// The IP address the referee answered from.
    pub answer_ip: Option<String>,
    /// What to look at twice.
    pub signals: Vec<ReferenceSignal>,
}

/// The signals of each of an applicant's requests, in the order given.
/// `applicant_ips` are the addresses the applicant used, `applicant_devices`
/// the hashes of the device cookies of the browsers they signed in with.
pub fn signals(
    applicant_email: &str,
    applicant_ips: &[String],
    applicant_devices: &[String],
    requests: &[(EntryId, &str, AnswerTrace<'_>)],
) -> Vec<Vec<ReferenceSignal>> {
    requests
        .iter()
        .map(|(id, email, trace)| {
            let mut found = Vec::new();
            for (other, other_email, _) in requests {
                if other != id && other_email.eq_ignore_ascii_case(email) {
                    found.push(ReferenceSignal::SharedEmail { other: *other });
                }
            }
            if email.eq_ignore_ascii_case(applicant_email) {
                found.push(ReferenceSignal::ApplicantEmail);
            }
            if let Some(ip) = trace.ip {
                if applicant_ips.iter().any(|known| known == ip) {
                    found.push(ReferenceSignal::ApplicantIp {
                        ip: Some(ip.to_string()),
                    });
                }
            }
            if let Some(device) = trace.device {
                if applicant_devices.iter().any(|known| known == device) {
                    found.push(ReferenceSignal::ApplicantDevice);
                }
            }
            if trace.applicant_session {
                found.push(ReferenceSignal::ApplicantSession);
            }
            found
        })
        .collect()
}

/// What a referee sees on opening a live link.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RefereeInvitation {
    /// Who asks.
    pub applicant_name: String,
    /// The category applied for.
    pub category: String,
    /// Its name.
    pub category_name: String,
    /// The association running the endorsement.
    pub association: String,
    /// Whom to write to with questions.
    pub contact_email: String,
    /// The referee, as the applicant named them.
    pub referee_name: String,
    /// The relationship, as the applicant described it.
    pub relationship: Relationship,
    /// Since when, as the applicant gave it.
    pub known_since: NaiveDate,
    /// Whether the applicant waived the right to see the rating.
    pub waived: bool,
    /// The domains to rate.
    pub domains: Vec<CompetencyDomain>,
    /// When the link stops working.
    pub expires_at: DateTime<Utc>,
    /// What the referee saved so far.
    pub draft: RatingDraft,
    /// The language of the request (the applicant chose it, the referee may
    /// change it); the page speaks it.
    #[serde(default)]
    pub language: crate::i18n::Lang,
}

/// What the engine weighs of a request: the referee's corrections win over the
/// applicant's description once a rating arrived.
///
/// Where the applicant waived access, the count of "not enough information"
/// answers is withheld: it becomes 0 below `limit` (the limit of the request's
/// category) and `limit` at or above it, so the engine's verdict for that
/// category is unchanged and nothing of the answers can be read from it.
pub fn engine_data(
    request: &ReferenceRequestInput,
    answer: Option<&GivenRating>,
    limit: Option<u32>,
) -> ReferenceData {
    ReferenceData {
        referee_email: request.referee_email.clone(),
        relationship: answer.map_or(request.relationship, |a| a.relationship),
        endorsed: request.endorsement.is_some(),
        known_since: Some(answer.map_or(request.known_since, |a| a.known_since)),
        rating: answer.map(|a| {
            let count = a.not_enough_information;
            match limit.filter(|_| request.waive_access) {
                Some(limit) => RatingSummary {
                    given_on: a.given_on,
                    not_enough_information: if count >= limit { limit } else { 0 },
                    withheld: true,
                    imported: a.imported,
                },
                None => RatingSummary {
                    given_on: a.given_on,
                    not_enough_information: count,
                    withheld: false,
                    imported: a.imported,
                },
            }
        }),
    }
}

/// What the engine weighs of a rating, with the day it was given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GivenRating {
    /// The relationship, as the referee confirmed it.
    pub relationship: Relationship,
    /// Since when they have known each other, as the referee confirmed it.
    pub known_since: NaiveDate,
    /// How many domains the referee could not rate.
    pub not_enough_information: u32,
    /// The day it was given.
    pub given_on: NaiveDate,
    /// Whether it came from the association's earlier records.
    pub imported: bool,
}

impl GivenRating {
    /// A referee's answer, given on `given_on`.
    pub fn of(answer: &RatingAnswer, given_on: NaiveDate) -> Self {
        GivenRating {
            relationship: answer.relationship,
            known_since: answer.known_since,
            not_enough_information: answer.not_enough_information(),
            given_on,
            imported: false,
        }
    }

    /// A rating imported from the association's earlier records.
    pub fn imported(rating: &ImportedRating) -> Self {
        GivenRating {
            relationship: rating.relationship,
            known_since: rating.known_since,
            not_enough_information: rating.not_enough_information,
            given_on: rating.given_on,
            imported: true,
        }
    }
}

/// A rating brought in from the association's earlier records: what the
/// old system kept of it (not the answer for each domain), with the day it
/// was given, from which its validity counts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportedRating {
    /// How the referee knows the applicant.
    pub relationship: Relationship,
    /// Since when.
    pub known_since: NaiveDate,
    /// The day it was given.
    pub given_on: NaiveDate,
    /// The referee's recommendation.
    pub recommendation: Recommendation,
    /// How many competency domains the referee could not rate.
    pub not_enough_information: u32,
    /// What the referee wrote.
    pub comments: String,
    /// The import that brought it in.
    pub import_id: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn domains() -> Vec<CompetencyDomain> {
        crate::rulebook::Rulebook::default_rulebook()
            .unwrap()
            .competency_domains
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 6, 30).unwrap()
    }

    fn answer(not_enough: usize) -> RatingAnswer {
        RatingAnswer {
            relationship: Relationship::Colleague,
            known_since: NaiveDate::from_ymd_opt(2020, 1, 1).unwrap(),
            ratings: domains()
                .iter()
                .enumerate()
                .map(|(i, d)| {
                    let rating = if i < not_enough {
                        Rating::NotEnoughInformation
                    } else {
                        Rating::Strong
                    };
                    (d.code.clone(), rating)
                })
                .collect(),
            comments: "Thoughtful and reliable.".into(),
            recommendation: Recommendation::Recommend,
        }
    }

    #[test]
    fn a_complete_answer_passes_and_counts_its_abstentions() {
        let answer = answer(6);
        assert!(answer.problems(today(), &domains()).is_empty());
        assert_eq!(answer.not_enough_information(), 6);
    }

    #[test]
    fn a_missing_or_unknown_domain_is_named() {
        let mut answer = answer(0);
        answer.ratings.remove("reflection");
        answer.ratings.insert("astrology".into(), Rating::Strong);
        answer.comments = "x".repeat(COMMENTS_MAX_CHARS + 1);
        let problems = answer.problems(today(), &domains());
        assert_eq!(
            problems.keys().collect::<Vec<_>>(),
            ["comments", "ratings.astrology", "ratings.reflection"]
        );
    }

    #[test]
    fn a_request_names_each_bad_field() {
        let input = ReferenceRequestInput {
            category: "NOPE".into(),
            referee_name: " ".into(),
            referee_email: "not-an-address".into(),
            relationship: Relationship::Colleague,
            endorsement: Some(RefereeEndorsement {
                category: String::new(),
                number: "42".into(),
            }),
            known_since: NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(),
            waive_access: true,
            language: None,
        }
        .normalized();
        let problems = input.problems(today(), &["IFS"]);
        assert_eq!(
            problems.keys().collect::<Vec<_>>(),
            [
                "category",
                "endorsement.category",
                "known_since",
                "referee_email",
                "referee_name"
            ]
        );
    }

    #[test]
    fn signals_find_shared_addresses_and_the_applicants_ip() {
        let (a, b, c) = (
            EntryId::from_uuid(uuid::Uuid::from_u128(1)),
            EntryId::from_uuid(uuid::Uuid::from_u128(2)),
            EntryId::from_uuid(uuid::Uuid::from_u128(3)),
        );
        let trace = |ip, device, applicant_session| AnswerTrace {
            ip,
            device,
            applicant_session,
        };
        let found = signals(
            "ada@example.org",
            &["10.0.0.7".to_string()],
            &["device-of-ada".to_string()],
            &[
                (a, "sam@example.org", trace(Some("10.0.0.7"), None, false)),
                (
                    b,
                    "SAM@example.org",
                    trace(Some("192.0.2.1"), Some("device-of-ada"), true),
                ),
                (c, "ada@example.org", trace(None, Some("another"), false)),
            ],
        );
        assert_eq!(
            found[0],
            [
                ReferenceSignal::SharedEmail { other: b },
                ReferenceSignal::ApplicantIp {
                    ip: Some("10.0.0.7".into())
                }
            ]
        );
        assert_eq!(
            found[1],
            [
                ReferenceSignal::SharedEmail { other: a },
                ReferenceSignal::ApplicantDevice,
                ReferenceSignal::ApplicantSession
            ]
        );
        assert_eq!(found[2], [ReferenceSignal::ApplicantEmail]);
        assert_eq!(
            found[0][1].clone().for_reviewer(),
            ReferenceSignal::ApplicantIp { ip: None }
        );
    }

    #[test]
    fn the_referees_corrections_are_what_the_engine_weighs() {
        let request = ReferenceRequestInput {
            category: "IFS".into(),
            referee_name: "Sam Rivera".into(),
            referee_email: "sam@example.org".into(),
            relationship: Relationship::CurrentSupervisor,
            endorsement: None,
            known_since: NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
            waive_access: false,
            language: None,
        };
        assert_eq!(engine_data(&request, None, Some(6)).rating, None);
        let given = GivenRating::of(&answer(2), today());
        let data = engine_data(&request, Some(&given), Some(6));
        assert_eq!(data.relationship, Relationship::Colleague);
        assert_eq!(
            data.rating,
            Some(RatingSummary {
                given_on: today(),
                not_enough_information: 2,
                withheld: false,
                imported: false,
            })
        );
        // Waived: the count is withheld, the verdict kept.
        let waived = ReferenceRequestInput {
            waive_access: true,
            ..request
        };
        let few = engine_data(&waived, Some(&given), Some(6)).rating.unwrap();
        assert_eq!((few.not_enough_information, few.withheld), (0, true));
        let many = GivenRating::of(&answer(8), today());
        let many = engine_data(&waived, Some(&many), Some(6)).rating.unwrap();
        assert_eq!((many.not_enough_information, many.withheld), (6, true));
    }
}
