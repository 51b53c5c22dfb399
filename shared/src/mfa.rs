//! The second factor on the wire: turning it on (a key to scan, a code to
//! confirm, recovery codes shown once), its state, turning it off, and an
//! admin resetting someone's.

use crate::validation::{no_control_chars, not_blank};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use validator::Validate;

/// The person's password, to begin setting up a second factor
/// (`POST /api/v1/me/mfa/setup`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MfaSetupRequest {
    /// The password in use now.
    #[validate(length(min = 1, max = 1024, code = "empty"))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 1024))]
    pub password: String,
}

/// A key to add to an authenticator app; nothing is asked at sign-in until
/// a code from it is confirmed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MfaSetup {
    /// The key in Base32, for typing into the app by hand.
    pub secret: String,
    /// The `otpauth://totp/…` address the app reads.
    pub otpauth_uri: String,
    /// That address as a QR code (an SVG document).
    pub qr_svg: String,
}

/// A code from the app, to confirm the key (`POST /api/v1/me/mfa`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MfaConfirmRequest {
    /// The six digits the app shows now.
    #[validate(length(min = 1, max = 32, code = "empty"))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 32))]
    pub code: String,
}

/// Recovery codes, shown this once: each signs in once in place of a code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecoveryCodes {
    /// The codes.
    pub recovery_codes: Vec<String>,
}

/// The password and a code (or a recovery code), to turn the second factor
/// off or to get new recovery codes.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MfaProofRequest {
    /// The password in use now.
    #[validate(length(min = 1, max = 1024, code = "empty"))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 1024))]
    pub password: String,
    /// A code from the app, or a recovery code.
    #[validate(length(min = 1, max = 32, code = "empty"))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 32))]
    pub code: String,
}

/// The person's second factor (`GET /api/v1/me/mfa`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MfaStatus {
    /// Whether sign-in asks for a code.
    pub enabled: bool,
    /// Since when.
    pub enrolled_at: Option<DateTime<Utc>>,
    /// Recovery codes not used yet.
    pub recovery_codes_left: u32,
    /// Whether the person may not go without one (an admin, where the
    /// deployment requires it).
    pub required: bool,
}

/// An admin resets someone's second factor, who lost their device
/// (`POST /api/v1/users/{id}/mfa/reset`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MfaResetRequest {
    /// Why: in the audit trail.
    #[validate(custom(function = "not_blank"), custom(function = "no_control_chars"))]
    #[validate(length(max = 500))]
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 500))]
    pub reason: String,
}
