//! Reciprocity: a holder who moves asks her new association to recognise
//! the endorsement another association of the deployment awarded her. The
//! new association sees that credential, verified, decides, and when it
//! grants issues an endorsement of its own; both registries then say so.

use crate::ids::UserId;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use validator::Validate;

/// Ask for recognition (`POST /api/v1/me/recognitions`): the endorsement as
/// the other association's certificate names it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecognitionRequest {
    /// The code of the association that awarded it (for example `mi`).
    #[validate(custom(function = "crate::validation::not_blank"))]
    #[validate(length(max = 32))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 32))]
    pub association: String,
    /// The endorsement's number.
    #[validate(custom(function = "crate::validation::not_blank"))]
    #[validate(length(max = 64))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 64))]
    pub number: String,
    /// The verification code printed on its certificate (it proves the
    /// certificate is in the holder's hands).
    #[validate(custom(function = "crate::validation::not_blank"))]
    #[validate(length(max = 64))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 64))]
    pub code: String,
    /// The category asked for here; by default the one of the same code.
    #[serde(default)]
    #[validate(length(max = 32))]
    #[cfg_attr(feature = "openapi", schema(max_length = 32))]
    pub category: Option<String>,
}

/// Where a request for recognition stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RecognitionStatus {
    /// Waiting for the association's decision.
    Pending,
    /// Recognised: the association issued its own endorsement.
    Granted,
    /// Not recognised (the reason is given).
    Declined,
}

impl RecognitionStatus {
    /// As stored.
    pub const fn as_str(self) -> &'static str {
        match self {
            RecognitionStatus::Pending => "pending",
            RecognitionStatus::Granted => "granted",
            RecognitionStatus::Declined => "declined",
        }
    }

    /// From storage.
    pub fn parse(raw: &str) -> Option<Self> {
        [Self::Pending, Self::Granted, Self::Declined]
            .into_iter()
            .find(|s| s.as_str() == raw)
    }

    /// For people.
    pub const fn label(self) -> &'static str {
        match self {
            RecognitionStatus::Pending => "Waiting for a decision",
            RecognitionStatus::Granted => "Recognised",
            RecognitionStatus::Declined => "Not recognised",
        }
    }
}

/// A request for recognition, as the holder and the admins see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecognitionView {
    /// Its id.
    pub id: String,
    /// Who asks.
    pub holder: UserId,
    /// Her name here.
    pub holder_name: String,
    /// Her e-mail address here.
    pub holder_email: String,
    /// The association that awarded the endorsement.
    pub from_association: String,
    /// Its name.
    pub from_association_name: String,
    /// The endorsement's number there.
    pub from_number: String,
    /// Its category's code there.
    pub from_category: String,
    /// Its category's name there.
    pub from_category_name: String,
    /// The holder's name as the credential gives it.
    pub from_holder_name: String,
    /// Whether the other association knows her by the same e-mail address.
    pub same_email: bool,
    /// Endorsed there since.
    pub endorsed_since: NaiveDate,
    /// Until when the credential held when it was verified.
    pub valid_until: Option<DateTime<Utc>>,
    /// The signed credential (VC-JWT) as it was verified.
    pub credential_jwt: String,
    /// The category asked for here.
    pub category: String,
    /// Its name here.
    pub category_name: String,
    /// Where it stands.
    pub status: RecognitionStatus,
    /// When she asked.
    pub asked_at: DateTime<Utc>,
    /// When it was decided.
    pub decided_at: Option<DateTime<Utc>>,
    /// Why (given with a decline; optional with a grant).
    pub reason: Option<String>,
    /// The endorsement issued here, once granted.
    pub number: Option<String>,
    /// Send it back in `If-Match` to decide.
    pub version: i64,
}

/// An admin's decision (`POST /api/v1/recognitions/{id}/decision`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecognitionDecision {
    /// Recognise (and issue an endorsement here), or not.
    pub grant: bool,
    /// The category to award here, when it differs from the one asked for.
    #[serde(default)]
    #[validate(length(max = 32))]
    #[cfg_attr(feature = "openapi", schema(max_length = 32))]
    pub category: Option<String>,
    /// Why; required to decline.
    #[serde(default)]
    #[validate(length(max = 2000))]
    #[cfg_attr(feature = "openapi", schema(max_length = 2000))]
    pub reason: Option<String>,
}

crate::texts!(RecognitionStatus {
    Pending => "recognition-status-pending",
    Granted => "recognition-status-granted",
    Declined => "recognition-status-declined",
});
